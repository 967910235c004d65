// Perplexity on the metrics page: one text scored under two tokenizations (per-token perplexity vs bits
// per byte), and a sentence drawn token by token, shaded by the bits each token cost.
import {perplexityReport} from "../../labs/metrics/perplexity.js";
import {utf8Length} from "../../labs/metrics/text.js";
import {fmt} from "../kit/chart-style.js";
import {SimpleTable} from "../kit/table.js";
import {el} from "./dom.js";

export interface PerplexityData {
  settings: {charOrder: number; wordOrder: number; lambda: number; minCount: number};
  train: {files: number; sentences: number; words: number; vocabulary: number};
  heldOut: {files: number; sentences: number; bytes: number; char: {tokens: number; nats: number}; word: {tokens: number; nats: number; unknown: number}};
  examples: {file: string; text: string; chars: {tokens: string[]; logProbs: number[]}; words: {tokens: string[]; logProbs: number[]; unknown: boolean[]}}[];
}

/** Held-out totals as reports: perplexity per token and bits per byte of each model. */
export function heldOutReports(data: PerplexityData) {
  const {heldOut} = data;
  const asReport = (tokens: number, nats: number) => {
    const natsPerToken = nats / tokens;
    return {tokens, natsPerToken, bitsPerToken: natsPerToken / Math.LN2, perplexity: Math.exp(natsPerToken), bitsPerByte: nats / Math.LN2 / heldOut.bytes};
  };
  return {char: asReport(heldOut.char.tokens, heldOut.char.nats), word: asReport(heldOut.word.tokens, heldOut.word.nats)};
}

type Row = {tokens: number; natsPerToken: number; bitsPerToken: number; perplexity: number; bitsPerByte: number | null};
const row = (model: string, r: Row) => ({model, tokens: r.tokens, "nats / token": fmt(r.natsPerToken, 3), "bits / token": fmt(r.bitsPerToken, 3), "perplexity / token": fmt(r.perplexity, 1), "bits / byte": fmt(r.bitsPerByte ?? NaN, 3)});

export function ModelTable(char: Row, word: Row, names: [string, string]): HTMLElement {
  return SimpleTable([row(names[0], char), row(names[1], word)], {className: "metrics-ppl"});
}

/** One example sentence: both reports from its per-token log-probs, and its tokens shaded by cost. */
export function ExampleView(example: PerplexityData["examples"][number]): HTMLElement {
  const bytes = utf8Length(example.text);
  const c = perplexityReport(example.chars.logProbs, bytes);
  const w = perplexityReport(example.words.logProbs, bytes);
  const root = el("div");
  root.append(ModelTable(c, w, ["characters", "words"]));
  root.append(strip(example.words.tokens, example.words.logProbs, example.words.unknown), strip(example.chars.tokens, example.chars.logProbs));
  return root;
}

function strip(tokens: string[], logProbs: number[], unknown?: boolean[]): HTMLElement {
  const box = el("p", {style: "display:flex;flex-wrap:wrap;gap:3px 2px;font-family:var(--monospace);font-size:13px"});
  tokens.forEach((t, i) => {
    const bits = -logProbs[i] / Math.LN2;
    const alpha = Math.min(1, bits / 16);
    const span = el("span", {style: `background:rgba(255,114,92,${alpha.toFixed(3)});padding:2px 1px;border-radius:2px;white-space:pre`, title: `${JSON.stringify(t)}: ${fmt(bits, 2)} bits${unknown?.[i] ? " (rare word, spelled out)" : ""}`}, t === " " ? "␣" : t);
    box.append(span);
  });
  return box;
}
