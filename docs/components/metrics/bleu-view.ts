// BLEU on the metrics page: the clipped n-gram table, each term of the formula (precisions with their
// smoothing, brevity penalty, geometric mean), corpus vs averaged sentence BLEU, and two tokenizers.
import {bleuStatistics, clippedNgramTable, corpusBleu, sentenceBleu, type BleuOptions, type BleuScore} from "../../labs/metrics/bleu.js";
import {bleuTokens} from "../../labs/metrics/tokenize-13a.js";
import {fmt} from "../kit/chart-style.js";
import {SimpleTable} from "../kit/table.js";
import {el} from "./dom.js";

/** The present references (empty boxes are missing references, as in sacreBLEU). */
export const presentRefs = (refs: string[]) => refs.filter((r) => r !== "");

/** Sentence BLEU of one candidate with its full working: tokens, clipped n-grams, terms, BP, score. */
export function BleuBreakdown(candidate: string, references: string[], options: BleuOptions): HTMLElement {
  const refs = presentRefs(references);
  const score = sentenceBleu(candidate, refs, options);
  const [raw] = bleuStatistics([candidate], refs.map((r) => [r]), options);
  const {rows, hypTokens, refTokens} = clippedNgramTable(candidate, refs, options);
  const root = el("div", {className: "metrics-bleu"});
  root.append(
    el("p", {className: "lab-num metrics-bleu-score", data: {value: String(score.score)}}, `sentence BLEU = ${fmt(score.score, 2)}`),
    el("p", {className: "lab-num", style: "font-size:85%"}, `candidate tokens (${hypTokens.length}): ${hypTokens.join(" · ")}`),
    ...refTokens.map((t, j) => el("p", {className: "lab-num", style: "font-size:85%"}, `reference ${j + 1} tokens (${t.length}): ${t.join(" · ")}`))
  );
  const table = SimpleTable(rows.slice(0, 40).map((r) => ({n: r.order, "n-gram": r.ngram, "in candidate": r.count, "max in one reference": r.maxRef, clipped: r.clipped})));
  root.append(el("details", {}, el("summary", {}, `Clipped n-gram counts (${rows.length} distinct n-grams${rows.length > 40 ? ", first 40 shown" : ""})`), table));
  root.append(SimpleTable(termRows(score, raw.correct, raw.total, options)));
  root.append(el("p", {className: "lab-num"}, bpLine(score), el("br"), meanLine(score)));
  return root;
}

function termRows(s: BleuScore, rawCorrect: number[], rawTotal: number[], options: BleuOptions) {
  const method = options.smoothMethod ?? "exp";
  let k = 0;
  return s.precisions.map((p, i) => {
    let note = "";
    if (i >= s.order) note = "past the effective order: left out";
    else if (method === "add-k" && i > 0) note = `add-k: (${rawCorrect[i]} + k) / (${rawTotal[i]} + k)`;
    else if (rawCorrect[i] === 0) {
      if (method === "exp") note = `no match: exp gives 1/(2^${++k} × ${rawTotal[i]})`;
      else if (method === "floor") note = `no match: floor gives ε/${rawTotal[i]}`;
      else note = "no match: log 0 zeroes the score";
    }
    return {n: i + 1, matches: rawCorrect[i], total: rawTotal[i], "p_n (%)": fmt(p, 2), "log p_n": i < s.order ? (p > 0 ? fmt(Math.log(p), 3) : "−∞") : "—", smoothing: note || "—"};
  });
}

const bpLine = (s: BleuScore) =>
  s.sysLen < s.refLen
    ? `BP = exp(1 − r/c) = exp(1 − ${s.refLen}/${s.sysLen}) = ${fmt(s.bp, 4)}  (c = candidate length, r = closest reference length)`
    : `BP = 1, since the candidate (c = ${s.sysLen}) is not shorter than the closest reference (r = ${s.refLen})`;

function meanLine(s: BleuScore): string {
  const logs = s.precisions.slice(0, s.order).map((p) => (p > 0 ? Math.log(p) : -Infinity));
  const sum = logs.reduce((a, b) => a + b, 0);
  return `BLEU = BP × exp((1/${s.order}) Σ log p_n) = ${fmt(s.bp, 4)} × exp(${fmt(sum, 3)} / ${s.order}) = ${fmt(s.score, 2)}`;
}

/** Corpus BLEU vs the mean of sentence BLEUs on a small set (segments as lists, references as streams). */
export function corpusVsSentence(hyps: string[], streams: string[][], options: BleuOptions) {
  const corpus = corpusBleu(hyps, streams, {...options, effectiveOrder: false});
  const sentences = hyps.map((h, i) => sentenceBleu(h, presentRefs(streams.map((s) => s[i] ?? "")), options));
  const mean = sentences.reduce((a, s) => a + s.score, 0) / sentences.length;
  return {corpus, sentences, mean};
}

export function CorpusVsSentenceTable(result: ReturnType<typeof corpusVsSentence>, hyps: string[]): HTMLElement {
  const rows: Record<string, string | number>[] = result.sentences.map((s, i) => ({
    segment: i + 1, candidate: hyps[i].length > 40 ? hyps[i].slice(0, 39) + "…" : hyps[i], "sentence BLEU": fmt(s.score, 2), "matches 1–4": s.counts.join(" / "), "totals 1–4": s.totals.join(" / ")
  }));
  rows.push({segment: "mean", candidate: "average of the sentence scores", "sentence BLEU": fmt(result.mean, 2), "matches 1–4": "", "totals 1–4": ""});
  rows.push({segment: "corpus", candidate: "one score from the summed counts", "sentence BLEU": fmt(result.corpus.score, 2), "matches 1–4": result.corpus.counts.join(" / "), "totals 1–4": result.corpus.totals.join(" / ")});
  return SimpleTable(rows, {className: "metrics-corpus"});
}

/** The same corpus under both tokenizers: scores and how one segment is cut. */
export function TokenizerComparison(hyps: string[], streams: string[][], options: BleuOptions): HTMLElement {
  const rows = (["13a", "none"] as const).map((tok) => {
    const s = corpusBleu(hyps, streams, {...options, effectiveOrder: false, tokenize: tok});
    return {tokenizer: tok, "corpus BLEU": fmt(s.score, 2), "candidate tokens": s.sysLen, "matches 1–4": s.counts.join(" / "), "first candidate as tokens": bleuTokens(hyps[0], tok).join(" · ")};
  });
  return SimpleTable(rows, {className: "metrics-tokenizers"});
}
