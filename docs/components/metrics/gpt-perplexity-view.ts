// The tiny-GPT version of the tokenization comparison: the build-time results of
// docs/data/metrics-gpt-perplexity.json.ts as a table, with the numbers recomputed from the per-token
// log-probs by labs/metrics/perplexity.ts (so the table is the page's own arithmetic, not copied totals).
import type {FirstState} from "../../labs/kit/first-state.js";
import type {GptPerplexityConfig, TokenizationResult} from "../../labs/metrics/gpt-perplexity.js";
import {perplexityReport} from "../../labs/metrics/perplexity.js";
import {fmt} from "../kit/chart-style.js";
import {SimpleTable} from "../kit/table.js";
import {el} from "./dom.js";

export type GptConfig = GptPerplexityConfig & {trainBytes: number; heldOutBytes: number; heldOutFile: string; trainFiles: string[]};
export interface GptSnapshot {
  backend: string;
  seconds: number;
  train: {bytes: number};
  heldOut: {text: string; bytes: number};
  results: TokenizationResult[];
}
export type GptData = FirstState<GptConfig, GptSnapshot>;

const NAMES = {bpe: "GPT-2 BPE", bytes: "bytes"} as const;

/** Reports recomputed from each model's held-out log-probs and the held-out byte count. */
export function gptReports(data: GptData) {
  const bytes = data.snapshot.heldOut.bytes;
  const by = (how: "bpe" | "bytes") => {
    const r = data.snapshot.results.find((x) => x.tokenization === how)!;
    return {result: r, report: perplexityReport(r.logProbs, bytes)};
  };
  return {bpe: by("bpe"), bytes: by("bytes")};
}

export function GptTable(data: GptData): HTMLElement {
  const reports = gptReports(data);
  const rows = (["bpe", "bytes"] as const).map((how) => {
    const {result: r, report: p} = reports[how];
    return {
      tokens: NAMES[how],
      vocabulary: r.vocabSize.toLocaleString("en-US"),
      parameters: r.parameters.toLocaleString("en-US"),
      "train loss (first → last)": `${fmt(r.firstLoss, 2)} → ${fmt(r.lastLoss, 2)}`,
      "held-out tokens": p.tokens.toLocaleString("en-US"),
      "nats / token": fmt(p.natsPerToken, 3),
      "perplexity / token": fmt(p.perplexity, 1),
      "bits / byte": fmt(p.bitsPerByte ?? NaN, 3)
    };
  });
  const table = SimpleTable(rows, {className: "metrics-gpt-ppl"});
  (["bpe", "bytes"] as const).forEach((how, i) => {
    const tr = table.tBodies[0].rows[i];
    tr.dataset.tokenization = how;
    tr.dataset.perplexity = String(reports[how].report.perplexity);
    tr.dataset.bitsPerByte = String(reports[how].report.bitsPerByte);
    tr.dataset.totalNats = String(reports[how].report.totalNats);
    tr.dataset.tokens = String(reports[how].report.tokens);
    tr.dataset.bytes = String(reports[how].report.bytes);
  });
  // eight columns do not fit a phone: the table scrolls inside its own box instead of widening the page
  return el("div", {style: "overflow-x:auto;max-width:100%"}, table);
}

/** What was trained, on what, and how long it took at build time. */
export function GptSetup(data: GptData): HTMLElement {
  const c = data.config;
  const s = data.snapshot;
  const [bpe, bytes] = (["bpe", "bytes"] as const).map((h) => s.results.find((r) => r.tokenization === h)!);
  return el(
    "p",
    {className: "metrics-gpt-setup"},
    `Both models: d = ${c.dModel}, ${c.nHeads} heads, ${c.nLayers} layer${c.nLayers > 1 ? "s" : ""}, context ${c.context}, ` +
      `${c.steps} AdamW steps (lr ${c.lr}) of ${c.batch} windows, so ${bpe.tokensSeen.toLocaleString("en-US")} training tokens each — ` +
      `about ${Math.round(bpe.bytesSeen).toLocaleString("en-US")} bytes of text for BPE (${fmt(bpe.bytesSeen / s.train.bytes, 1)} passes over the training text) and ${Math.round(bytes.bytesSeen).toLocaleString("en-US")} for bytes (${fmt(bytes.bytesSeen / s.train.bytes, 1)}). ` +
      `Trained on ${s.train.bytes.toLocaleString("en-US")} bytes of Brown files ${c.trainFiles[0]}–${c.trainFiles[c.trainFiles.length - 1]} ` +
      `(${bpe.trainTokens.toLocaleString("en-US")} BPE tokens, ${bytes.trainTokens.toLocaleString("en-US")} bytes), scored on ${s.heldOut.bytes.toLocaleString("en-US")} bytes of ${c.heldOutFile}. ` +
      `Computed when the site was built (${data.builtAt.slice(0, 10)}, tfjs ${s.backend} backend in Node, ${fmt(s.seconds, 1)} s wall time on a shared build machine) by labs/metrics/gpt-perplexity.ts with the /sft notebook's labs/sft/gpt.ts and adamw.ts.`
  );
}
