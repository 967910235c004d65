// The labelled question set: types, the parser of data/rag/questions.txt (hand-written: question,
// short answer, quotes that locate the gold sentences) and the resolver that turns each quote into a
// gold passage (document id + character span of the sentence holding it). Pure; used by the build script.
import {InputError} from "../kit/params.js";
import type {Doc} from "./corpus.js";
import {sentenceSpans} from "./text.js";

export type QuestionType = "single" | "multi" | "unanswerable";
export const QUESTION_TYPES: readonly QuestionType[] = ["single", "multi", "unanswerable"];

export interface GoldPassage {
  docId: string;
  start: number; // character span of the gold sentence in the document text
  end: number;
}

export interface Question {
  id: string; // "q001"
  type: QuestionType;
  question: string;
  answer: string; // short gold answer; for unanswerable questions, the real-world answer (absent from the corpus)
  gold: GoldPassage[]; // empty for unanswerable questions
}

interface Draft {
  type: QuestionType;
  question: string;
  answer: string;
  quotes: Array<{docId: string; quote: string}>;
}

/** Parses the `|`-separated lines (see the file's header); throws InputError naming the bad line. */
export function parseQuestionLines(text: string): Draft[] {
  const out: Draft[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const f = line.split("|");
    const bad = () => new InputError(`questions.txt line ${i + 1}: expected ${f[0] === "S" ? 5 : f[0] === "M" ? 7 : 3} fields: ${line}`);
    if (f[0] === "S") {
      if (f.length !== 5) throw bad();
      out.push({type: "single", quotes: [{docId: f[1], quote: f[2]}], answer: f[3], question: f[4]});
    } else if (f[0] === "M") {
      if (f.length !== 7) throw bad();
      out.push({type: "multi", quotes: [{docId: f[1], quote: f[2]}, {docId: f[3], quote: f[4]}], answer: f[5], question: f[6]});
    } else if (f[0] === "U") {
      if (f.length !== 3) throw bad();
      out.push({type: "unanswerable", quotes: [], answer: f[1], question: f[2]});
    } else throw bad();
  });
  return out;
}

/** Gold passage of a quote: the sentence of `doc` that contains it. The quote must occur exactly once. */
export function locate(doc: Doc, quote: string): GoldPassage {
  const at = doc.text.indexOf(quote);
  if (at < 0) throw new InputError(`Quote not found in ${doc.id}: “${quote}”`);
  if (doc.text.indexOf(quote, at + 1) >= 0) throw new InputError(`Quote occurs more than once in ${doc.id}: “${quote}”`);
  const spans = sentenceSpans(doc.text);
  const first = spans.find((s) => s.end > at)!;
  const last = spans.find((s) => s.end >= at + quote.length)!;
  return {docId: doc.id, start: first.start, end: last.end};
}

/** Resolves every draft's quotes to gold passages; ids q001, q002, ... in file order. */
export function resolveQuestions(drafts: Draft[], docs: Doc[]): Question[] {
  const byId = new Map(docs.map((d) => [d.id, d]));
  return drafts.map((d, i) => ({
    id: `q${String(i + 1).padStart(3, "0")}`,
    type: d.type,
    question: d.question,
    answer: d.answer,
    gold: d.quotes.map(({docId, quote}) => {
      const doc = byId.get(docId);
      if (!doc) throw new InputError(`Unknown document id ${docId}.`);
      return locate(doc, quote);
    })
  }));
}
