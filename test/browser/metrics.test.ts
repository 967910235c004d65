// The /metrics page in Chromium: editing the candidate changes BLEU and ROUGE to the values the reference
// tools give (sacreBLEU's README segment, rouge-score's README example) or that follow by hand from the
// definitions; bad input shows a message; the judge recomputes without long tasks; nothing goes wrong.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {launchLab, type Lab, type PageSession, RESPONSIVENESS_RETRY} from "./harness.js";

let lab: Lab;
beforeAll(async () => (lab = await launchLab()));
afterAll(async () => lab?.close());

const textarea = (s: PageSession, key: string) => s.page.locator(`.lab-control[data-key="${key}"] textarea`);
const bleu = (s: PageSession) => s.page.locator(".metrics-bleu-score").getAttribute("data-value").then(Number);
const rougeF = (s: PageSession, type: string) => s.page.locator(`.metrics-rouge tr[data-type="${type}"] td`).nth(3).textContent().then(Number);

async function setText(s: PageSession, key: string, value: string) {
  const before = await s.page.locator(".metrics-bleu").first().innerHTML().catch(() => "");
  await textarea(s, key).fill(value);
  await s.page.waitForFunction((old) => (document.querySelector(".metrics-bleu")?.innerHTML ?? "") !== old, before);
}

describe("/metrics", () => {
  it("changing the candidate changes BLEU and ROUGE to the expected values, with no problems", async () => {
    const s = await lab.open("/metrics", {waitFor: ".metrics-bleu-score"});
    await s.page.waitForSelector(".metrics-rouge");
    // Default: sacreBLEU README segment 3 → sentence BLEU 29.071537 (exp, effective order)
    expect(await bleu(s)).toBeCloseTo(29.071537, 5);
    // ROUGE-1 of "The man bit him first." vs "The man had just bitten him.": 3 shared of 5 and 6 → F1 = 2·0.5·0.6/1.1
    expect(await rougeF(s, "rouge1")).toBeCloseTo(0.54545, 5);

    // The candidate becomes reference 1: every precision 100%, c = r = 6, so BLEU 100 and ROUGE 1
    await setText(s, "cand", "The man bit him first.");
    expect(await bleu(s)).toBeCloseTo(100, 8);
    expect(await rougeF(s, "rouge1")).toBe(1);
    expect(await rougeF(s, "rougeL")).toBe(1);

    // rouge-score's README pair with one reference: rouge1 F 0.70588, rougeL F 0.58824; BLEU by hand from the
    // 13a tokens (9 and 9): matches 6/9, 2/8, 1/7, 0/6 (exp: 1/(2·6)), BP 1
    await setText(s, "ref2", "");
    await setText(s, "ref1", "The quick brown fox jumps over the lazy dog");
    await setText(s, "cand", "The quick brown dog jumps on the log.");
    expect(await rougeF(s, "rouge1")).toBeCloseTo(0.70588, 5);
    expect(await rougeF(s, "rouge2")).toBeCloseTo(0.26667, 5);
    expect(await rougeF(s, "rougeL")).toBeCloseTo(0.58824, 5);
    expect(await bleu(s)).toBeCloseTo(100 * ((6 / 9) * (2 / 8) * (1 / 7) * (1 / 12)) ** 0.25, 6);

    // Corpus vs averaged sentence BLEU on sacreBLEU's README corpus: 48.53 vs 47.96
    const corpusRows = await s.page.locator(".metrics-corpus tbody tr").allTextContents();
    expect(corpusRows.find((r) => r.startsWith("corpus"))).toContain("48.53");
    expect(corpusRows.find((r) => r.startsWith("mean"))).toContain("47.96");
    // ROUGE of an identical Russian sentence is 0
    expect(await s.page.locator(".metrics-nonlatin").getAttribute("data-value")).toBe("0");
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("the tiny-GPT table shows per-token perplexity and bits per byte that follow from the same totals", async () => {
    const s = await lab.open("/metrics", {waitFor: ".metrics-gpt-ppl tbody tr"});
    const rows = await s.page.locator(".metrics-gpt-ppl tbody tr").evaluateAll((trs) =>
      trs.map((tr) => ({...(tr as HTMLElement).dataset, cells: [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")})));
    const data = rows as unknown as (Record<string, string> & {cells: string[]})[];
    expect(data.map((r) => r.tokenization)).toEqual(["bpe", "bytes"]);
    for (const r of data) {
      const [nats, tokens, bytes] = [Number(r.totalNats), Number(r.tokens), Number(r.bytes)];
      expect(tokens).toBeGreaterThan(0);
      expect(Number(r.perplexity)).toBeCloseTo(Math.exp(nats / tokens), 6);
      expect(Number(r.bitsPerByte)).toBeCloseTo(nats / (Math.LN2 * bytes), 9);
      // the cells show those numbers: perplexity to 1 decimal, bits per byte to 3
      expect(r.cells).toContain(Math.exp(nats / tokens).toFixed(1));
      expect(r.cells).toContain((nats / (Math.LN2 * bytes)).toFixed(3));
    }
    // same text: same bytes; bytes as tokens means one token per byte
    expect(data[0].bytes).toBe(data[1].bytes);
    expect(data[1].tokens).toBe(data[1].bytes);
    expect(Number(data[0].tokens)).toBeLessThan(Number(data[1].tokens));
    await expect.poll(() => s.page.locator(".metrics-gpt-setup").textContent()).toMatch(/AdamW steps.*Computed when the site was built/);
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("bad input shows a message, never NaN or a blank", async () => {
    const s = await lab.open("/metrics", {waitFor: ".metrics-bleu-score"});
    await textarea(s, "ref2").fill("");
    await textarea(s, "ref1").fill("");
    await s.page.waitForFunction(() => [...document.querySelectorAll(".lab-notice")].some((n) => /no reference/.test(n.textContent ?? "")));
    // an empty candidate gets a message, which goes away once there is text again
    await textarea(s, "cand").fill("");
    await s.page.waitForFunction(() => [...document.querySelectorAll(".lab-notice")].some((n) => /candidate is empty/.test(n.textContent ?? "")));
    await textarea(s, "cand").fill("The cat sat on the mat.");
    await s.page.waitForFunction(() => ![...document.querySelectorAll(".lab-notice")].some((n) => /candidate is empty/.test(n.textContent ?? "")));
    // a reference stream with a missing segment
    await textarea(s, "refsB").fill("The dog had bit the man.\nNo one was surprised.");
    await s.page.waitForFunction(() => [...document.querySelectorAll(".lab-notice")].some((n) => /Reference stream 2 has 2 segments but there are 3 hypotheses/.test(n.textContent ?? "")));
    // a positive log-probability is refused beside the box
    await s.page.locator('.lab-control[data-key="lp"] input').fill("-1, 0.5");
    await s.page.waitForFunction(() => /greater than|at most 0/.test(document.querySelector('.lab-control[data-key="lp"] .lab-control-error')?.textContent ?? ""));
    expect(await s.page.evaluate(() => document.body.innerText.includes("NaN"))).toBe(false);
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("the judge simulator recomputes 20,000 pairs without a long task", RESPONSIVENESS_RETRY, async () => {
    const s = await lab.open("/metrics", {waitFor: ".metrics-judge"});
    const before = await s.slowdown();
    await s.clearLongTasks();
    const range = s.page.locator('.lab-control[data-key="pairs"] input[type=number]');
    await range.fill("20000");
    await range.dispatchEvent("input");
    await s.page.waitForFunction(() => (document.querySelector(".metrics-judge-summary") as HTMLElement | null)?.dataset.n === "20000");
    await s.expectResponsive("judge 20,000 pairs", before);
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("fits a phone and has no serious accessibility violations", async () => {
    const s = await lab.open("/metrics", {waitFor: ".metrics-judge"});
    await s.expectAccessible();
    await s.expectFitsPhone();
    expect(s.problems()).toEqual([]);
    await s.close();
  });
});
