import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {readSotu} from "../../labs/rag/corpus-files.js";
import {parseQuestionLines, resolveQuestions, type Question} from "../../labs/rag/questions.js";

const docs = readSotu();
const text = new Map(docs.map((d) => [d.id, d.text]));
const questions: Question[] = JSON.parse(readFileSync("data/rag/questions.json", "utf8"));
const lower = (s: string) => s.toLowerCase();

describe("data/rag/questions.json", () => {
  it("readSotu() reads the 32 addresses 1990–2021 (about 1.1 MB)", () => {
    expect(docs.map((d) => d.year)).toEqual(Array.from({length: 32}, (_, i) => 1990 + i));
    const chars = docs.reduce((s, d) => s + d.text.length, 0);
    expect(chars).toBeGreaterThan(1_100_000);
  });

  it("has at least 150 questions, with every type present", () => {
    expect(questions.length).toBeGreaterThanOrEqual(150);
    const count = (t: string) => questions.filter((q) => q.type === t).length;
    expect(count("single")).toBeGreaterThanOrEqual(100);
    expect(count("multi")).toBeGreaterThanOrEqual(20);
    expect(count("unanswerable")).toBeGreaterThanOrEqual(20);
  });

  it("is what scripts/rag-questions.ts builds from questions.txt (no stale spans)", () => {
    const rebuilt = resolveQuestions(parseQuestionLines(readFileSync("data/rag/questions.txt", "utf8")), docs);
    expect(rebuilt).toEqual(questions);
  });

  it("every gold answer string occurs in each of its gold passages", () => {
    const missing = questions.flatMap((q) => q.gold.filter((g) => !lower(text.get(g.docId)!.slice(g.start, g.end)).includes(lower(q.answer))).map(() => q.id));
    expect(missing).toEqual([]);
  });

  it("every gold passage is a span inside its document, at most 1,000 characters", () => {
    for (const q of questions) for (const g of q.gold) {
      expect(text.has(g.docId)).toBe(true);
      expect(0 <= g.start && g.start < g.end && g.end <= text.get(g.docId)!.length).toBe(true);
      expect(g.end - g.start).toBeLessThanOrEqual(1000);
    }
  });

  it("every multi-hop question has gold passages in at least two documents", () => {
    const bad = questions.filter((q) => q.type === "multi" && new Set(q.gold.map((g) => g.docId)).size < 2).map((q) => q.id);
    expect(bad).toEqual([]);
  });

  it("single-hop questions have one gold passage; unanswerable ones none", () => {
    expect(questions.filter((q) => q.type === "single" && q.gold.length !== 1)).toEqual([]);
    expect(questions.filter((q) => q.type === "unanswerable" && q.gold.length !== 0)).toEqual([]);
  });

  it("no unanswerable question's answer occurs in the corpus", () => {
    const all = lower(docs.map((d) => d.text).join("\n"));
    const found = questions.filter((q) => q.type === "unanswerable" && all.includes(lower(q.answer))).map((q) => q.answer);
    expect(found).toEqual([]);
  });

  it("question ids are unique and questions are not repeated", () => {
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    expect(new Set(questions.map((q) => q.question)).size).toBe(questions.length);
  });
});
