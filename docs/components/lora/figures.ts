// The LoRA page's figures and sentences, drawn from run snapshots and computed values: status lines,
// tables, the error-by-rank view, the quantization and memory views. Every sentence that compares takes
// its words from the numbers beside it. Text only (textContent): nothing here parses HTML.
import {SimpleTable} from "../kit/table.js";
import {fmt, fmtBytes} from "../kit/chart-style.js";
import {notice, predict} from "../kit/callouts.js";
import type {SimSnapshot, ModelSummary} from "../../labs/lora/simulate.js";
import type {MlpSnapshot} from "../../labs/lora/mlp.js";
import {loraParamCount, loraScale, validateLora} from "../../labs/lora/lora.js";
import {bitsPerParameter, compareSchemes, doubleQuantSavingBytes, fp4Code, intCode, nf4Code, QLORA_DQ, type SchemeResult} from "../../labs/lora/quant.js";
import {gaussian} from "../../labs/lora/linalg.js";
import {stream} from "../../labs/kit/random.js";
import {PRESETS, paramBreakdown, adapterParams, memoryBill, int8RowwiseBits, type Targets} from "../../labs/lora/memory.js";
import {AccuracyVsParams, CodeLevels, ErrorByRank, ErrorHistograms, HeldOutCurves, LossCurves, MemoryBars, ScalingGap, Spectra} from "./charts.js";

type Part = string | Node;

/** An element with a class and text or element children. */
export function el(tag: string, className: string, ...parts: Part[]): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  node.append(...parts);
  return node;
}
const bold = (text: string, className = "") => el("b", className, text);
const empty = () => document.createElement("div");
/** A wide table scrolls inside its own box on a phone instead of widening the page. */
const scrollBox = (child: Node) => {
  const box = el("div", "lab-scroll", child);
  box.tabIndex = 0; // a region that may scroll must be reachable from the keyboard
  return box;
};
const last = (xs: number[]) => xs[xs.length - 1];
const ready = (s: {models?: unknown[]} | undefined): s is SimSnapshot => !!s && Array.isArray(s.models) && s.models.length > 0;

// ---- Section 1: the rank-r simulation ----

export function simStatus(s: SimSnapshot): HTMLElement {
  if (!ready(s)) return notice("Press Start to train the adapters.", "info");
  return el("p", "lab-num sim-status", `step ${s.step} of ${s.steps}. Largest change of any adapter's output at step 0: `, bold(fmt(s.initialOutputChange, 6), "init-change"), " (B = 0).");
}

export const simLoss = (s: SimSnapshot, width: number): Element => (ready(s) ? LossCurves(s.models, {width}) : empty());

export function simTable(s: SimSnapshot): HTMLElement {
  return scrollBox(SimpleTable((s.models ?? []).map((m) => ({
    model: m.label,
    trainable: m.trainable,
    "Adam floats (m, v)": m.optimizerFloats,
    "scale α/r": m.r === null ? "—" : fmt(m.scale, 3),
    "floor Σσᵢ², i>r": fmt(m.floor, 4),
    "loss now": fmt(last(m.losses), 4),
    "loss / floor": m.floor > 1e-9 ? fmt(last(m.losses) / m.floor, 3) : "—",
    "error vs clean S": fmt(last(m.signalErrors), 4)
  })), {className: "sim-table"}));
}

export const simSpectra = (rStar: number) => (s: SimSnapshot, width: number): Element =>
  ready(s) ? Spectra(s.dWSingular, s.models, {width, count: Math.max(8, Math.min(20, rStar + 6))}) : empty();

/** Rank of a model on the error-by-rank axis: its r, or min(d, k) = the number of singular values for the full fine-tune. */
const rankOf = (m: ModelSummary, s: SimSnapshot) => m.r ?? s.dWSingular.length;

export function errorByRankRows(s: SimSnapshot) {
  return s.models.flatMap((m) => [
    {rank: rankOf(m, s), label: m.label, against: "loss vs noisy target ΔW", error: Math.max(1e-5, last(m.losses))},
    {rank: rankOf(m, s), label: m.label, against: "error vs clean signal S", error: Math.max(1e-5, last(m.signalErrors))}
  ]);
}

export const errorByRank = (s: SimSnapshot, width: number): Element => (ready(s) ? ErrorByRank(errorByRankRows(s), {width}) : empty());

/** The model with the least final error by `pick`. */
export function best(models: ModelSummary[], pick: (m: ModelSummary) => number): ModelSummary {
  return models.reduce((a, b) => (pick(b) < pick(a) ? b : a));
}

/** "Against the noisy target X wins …; against the clean signal Y is lowest …": both winners computed. */
export function errorByRankSentence(s: SimSnapshot, rStar: number): HTMLElement {
  if (!ready(s) || s.step < s.steps) return notice("Run the simulation to the end to compare the errors.", "info");
  const adapters = s.models.filter((m) => m.r !== null);
  const noisy = best(adapters, (m) => last(m.losses));
  const clean = best(s.models, (m) => last(m.signalErrors));
  const full = s.models.find((m) => m.r === null);
  return el("p", "lab-num signal-status",
    `Against the noisy target, the lowest adapter loss is ${noisy.label}'s (${fmt(last(noisy.losses), 4)}). Against the clean signal S (r* = ${rStar}), the lowest error is `,
    bold(`${clean.label}'s (${fmt(last(clean.signalErrors), 4)})`, "signal-best"),
    `; ${noisy.label} is at ${fmt(last(noisy.signalErrors), 4)}` + (full ? ` and the full fine-tune at ${fmt(last(full.signalErrors), 4)}, the noise energy ‖N‖² = ${fmt(s.noiseEnergy, 4)} it copied.` : "."));
}

// ---- Adapter shape calculator ----

export function shapeSummary({d, k, r, alpha}: {d: number; k: number; r: number; alpha: number}): HTMLElement {
  try {
    validateLora({d, k, r, alpha});
  } catch (error) {
    return notice((error as Error).message);
  }
  const n = loraParamCount(d, k, r);
  return el("p", "lab-num shape-result", `A is ${r} × ${k}, B is ${d} × ${r}: ${n.toLocaleString("en-US")} trainable numbers, ${fmt((100 * n) / (d * k), 3)}% of the ${(d * k).toLocaleString("en-US")} in W₀. Scale α/r = ${fmt(loraScale(alpha, r), 4)} (rsLoRA: ${fmt(loraScale(alpha, r, "rslora"), 4)}).`);
}

// ---- Section 2: the MLP ----

const mlpReady = (m: MlpSnapshot | undefined): boolean => !!m && Array.isArray(m.variants) && m.variants.length > 0;

export function mlpStatus(m: MlpSnapshot): HTMLElement {
  if (!mlpReady(m)) return notice(m?.phase === "pretrain" ? `Pretraining on task A: step ${m.step} of ${m.totalSteps}.` : "Press Start to pretrain on task A, then adapt to task B.", "info");
  return el("p", "lab-num mlp-status", `Tasks A and B agree on ${fmt(100 * m.agreement, 1)}% of test inputs. The pretrained model (${m.totalParams} parameters) scores ${fmt(100 * m.baseAccA, 1)}% on A and ${fmt(100 * m.baseAccB, 1)}% on B before adapting.`);
}

export const mlpChart = (m: MlpSnapshot, width: number): Element => (mlpReady(m) ? AccuracyVsParams(m.variants, {width, base: m.baseAccB}) : empty());

export function mlpTable(m: MlpSnapshot): HTMLElement {
  if (!mlpReady(m)) return empty();
  return scrollBox(SimpleTable(m.variants.map((v) => ({
    method: v.label,
    trainable: v.trainable,
    "acc. on B": fmt(v.accB, 3),
    "held-out loss on B": fmt(v.testLossB, 4),
    "acc. on A (adapted)": fmt(v.accA, 3),
    "acc. on A, adapter removed": v.accAAdapterOff === null ? "—" : fmt(v.accAAdapterOff, 3),
    "acc. on B, merged": v.accBMerged === null ? "—" : fmt(v.accBMerged, 3),
    "max |logit diff| merged": v.mergeMaxDiff === null ? "—" : fmt(v.mergeMaxDiff, 7)
  })), {className: "mlp-table"}));
}

export const heldOut = (m: MlpSnapshot, width: number): Element => (mlpReady(m) ? HeldOutCurves(m.accHistory, m.variants.map((v) => v.label), {width}) : empty());

/** Which variant generalises best to held-out task-B inputs, and where the LoRA ranks stand. */
export function heldOutSentence(m: MlpSnapshot | undefined): HTMLElement {
  if (!m || !mlpReady(m) || m.phase !== "done") return empty();
  const lowest = m.variants.reduce((a, b) => (b.testLossB < a.testLossB ? b : a));
  const lora = m.variants.filter((v) => v.kind === "lora");
  const bestLora = lora.reduce((a, b) => (b.testLossB < a.testLossB ? b : a));
  const largest = lora[lora.length - 1];
  return el("p", "lab-num heldout-status",
    `On held-out inputs the lowest loss on B is ${lowest.label}'s (${fmt(lowest.testLossB, 4)}). Among the adapters, ${bestLora.label} is lowest (${fmt(bestLora.testLossB, 4)})` +
    (bestLora === largest ? `, the largest rank tried.` : `, not the largest rank: ${largest.label} reaches ${fmt(largest.testLossB, 4)} with ${largest.trainable} trainable numbers against ${bestLora.trainable}.`));
}

// ---- Section 3: quantization ----

export type QuantView = {ok: true; w: Float64Array; rows: SchemeResult[]} | {ok: false; message: string};

/** The page's 64 × 256 Gaussian weight matrix (std 1/16, stream(seed, "weights")) under every scheme. */
export function quantView(seed: number, block: number): QuantView {
  const w = gaussian(64, 256, 1 / 16, stream(seed, "weights"));
  try {
    return {ok: true, w: w.data, rows: compareSchemes(w, block)};
  } catch (error) {
    return {ok: false, message: (error as Error).message};
  }
}

export function quantHistograms(q: QuantView, width: number): Element {
  if (!q.ok) return notice(q.message);
  return ErrorHistograms(q.rows.filter((o) => o.scheme !== "int8").flatMap((o) => Array.from(o.wHat.data, (v, i) => ({scheme: o.scheme, error: q.w[i] - v}))), {width});
}

export function quantTable(q: QuantView): HTMLElement {
  if (!q.ok) return empty();
  return scrollBox(SimpleTable(q.rows.map((o) => ({
    scheme: o.scheme,
    "‖W − Ŵ‖/‖W‖": fmt(o.stats.relativeFrobenius, 4),
    RMSE: fmt(o.stats.rmse, 5),
    "max |error|": fmt(o.stats.maxAbs, 5),
    "bits / parameter": fmt(o.bits, 4),
    "of which constants": fmt(o.constantBits, 4)
  })), {className: "quant-table"}));
}

/** Index of the choice nearest to x on a log scale (for predict questions about orders of magnitude). */
export function nearestOnLog(choices: number[], x: number): number {
  return choices.reduce((bestI, v, i) => (Math.abs(Math.log(v / x)) < Math.abs(Math.log(choices[bestI] / x)) ? i : bestI), 0);
}

// ---- The memory bill ----

export const METHOD_NAMES: [Parameters<typeof memoryBill>[1], string][] = [
  ["full-16bit", "full FT, 16-bit"], ["lora-16bit", "LoRA, 16-bit base"], ["lora-8bit", "LoRA, LLM.int8 base"], ["lora-4bit-no-dq", "LoRA, 4-bit, no DQ"], ["qlora-nf4-dq", "QLoRA (NF4 + DQ)"]
];

export function memoryView(model: string, r: number, targets: Targets) {
  const arch = PRESETS.find((p) => p.name === model)!;
  const bills = METHOD_NAMES.map(([method, name]) => ({name, bill: memoryBill(arch, method, r, targets)}));
  const pb = paramBreakdown(arch);
  const adapters = adapterParams(arch, r, targets);
  const full = bills[0].bill.total;
  const qlora = bills[4].bill.total;
  const status = el("p", "lab-num memory-status", `${model}: ${fmt(pb.total / 1e9, 2)}B parameters; ${adapters.toLocaleString("en-US")} adapter parameters at r = ${r} on ${targets} (${fmt((100 * adapters) / pb.total, 3)}%). QLoRA total ${fmtBytes(qlora)} vs ${fmtBytes(full)} for a full fine-tune.`);
  const rows = bills.flatMap((b) => b.bill.lines.map((l) => ({method: b.name, item: l.item.replace(/ \(.*\)/, ""), gb: l.bytes / 1e9})));
  return {status, chart: (width: number) => MemoryBars(rows, {width, limit: 48}), pb, adapters, int8Bits: int8RowwiseBits(arch)};
}

export function precisionTable(pb: ReturnType<typeof paramBreakdown>, adapters: number): HTMLElement {
  const rows = [
    {part: "attention and MLP linear layers", params: pb.linear, stored: "NF4 + DQ, dequantized to bf16 per matmul", why: "the bulk of the parameters; the only layers bitsandbytes replaces"},
    {part: "embed_tokens and lm_head", params: pb.embeddings, stored: "bf16 (lm_head excluded by get_keys_to_not_convert)", why: "lm_head turns hidden states into logits directly; its errors hit every token"},
    {part: "RMSNorm gains", params: pb.norms, stored: "fp32 (qlora.py casts *norm*)", why: "few numbers that rescale whole activations; cost nothing to keep"},
    {part: "LoRA adapters", params: adapters, stored: "bf16, Adam states fp32", why: "they receive the gradients: 4-bit updates would round to zero"},
    {part: "compute", params: 0, stored: "bf16 (bnb_4bit_compute_dtype)", why: "4 bits are storage only; the matmul runs in bf16"}
  ];
  return scrollBox(SimpleTable(rows.map((r) => ({part: r.part, params: r.params ? r.params.toLocaleString("en-US") : "—", share: r.params ? `${fmt((100 * r.params) / pb.total, 3)}%` : "—", stored: r.stored, why: r.why}))));
}

// ---- Predictions, the scaling comparison and the QLoRA run ----

/** "Where does the rank-1 loss stop?": the answer is read from the finished run. */
export function rankOnePrediction(s: SimSnapshot, rStar: number): HTMLElement {
  const r1 = s.models.find((m) => m.r === 1)!;
  const end = last(r1.losses);
  return predict({
    question: `With these settings (r* = ${rStar}), where does the rank-1 adapter's loss stop?`,
    choices: ["Near 0, Adam gets there eventually", "At the Eckart–Young tail σ₂² + σ₃² + … (signal and noise)", "At half the starting loss"],
    answer: Math.abs(end / r1.floor - 1) < 0.02 ? 1 : Math.abs(end / r1.losses[0] - 0.5) < 0.05 ? 2 : 0,
    reveal: `After ${s.step} steps the rank-1 loss is ${fmt(end, 4)}; the floor Σᵢ₍ᵢ>₁₎σᵢ² is ${fmt(r1.floor, 4)}. Gradient descent finds the best rank-1 answer, the top singular direction, and cannot do better.`
  });
}

/** "How much does double quantization save on a 65B model?": the answer is the nearest order of magnitude. */
export function doubleQuantPrediction(): HTMLElement {
  const bits = bitsPerParameter(4, 64) - bitsPerParameter(4, 64, QLORA_DQ);
  const saved = doubleQuantSavingBytes(65e9);
  return predict({
    question: `Double quantization saves about ${fmt(bits, 3)} bits per parameter. How much memory is that on a 65B-parameter model?`,
    choices: ["≈ 30 MB", "≈ 300 MB", "≈ 3 GB", "≈ 30 GB"],
    answer: nearestOnLog([0.03e9, 0.3e9, 3e9, 30e9], saved),
    reveal: `${fmt(bits, 4)} bits × 65·10⁹ / 8 = ${fmtBytes(saved)}.`
  });
}

type ScalingRun = {scaling: string; models: {r: number; floor: number; curve: number[]}[]};

/** Gap above the floor after `steps` steps per rank, α/r against α/√r, and the sentence about r = 64. */
export function scalingView(runs: ScalingRun[], steps: number, alpha: number) {
  const rows = runs.flatMap((s) => s.models.map((m) => ({scaling: s.scaling === "standard" ? "α/r" : "α/√r (rsLoRA)", r: m.r, gap: Math.max(1e-5, m.curve[steps] - m.floor)})));
  const rMax = Math.max(...rows.map((d) => d.r));
  const gap = (name: string) => rows.find((d) => d.r === rMax && d.scaling.startsWith(name))!.gap;
  const [a, b] = [gap("α/r"), gap("α/√r")];
  return {
    chart: (width: number) => ScalingGap(rows, {width, step: steps}),
    sentence: el("p", "lab-num", `At r = ${rMax} the scale is ${fmt(loraScale(alpha, rMax), 3)} with α/r and ${fmt(loraScale(alpha, rMax, "rslora"), 3)} with α/√r; after ${steps} steps the gap above the floor is ${fmt(a, 4)} vs ${fmt(b, 4)}, ${a > b ? "larger" : "not larger"} with α/r.`)
  };
}

export function qloraStatus(q: SimSnapshot | undefined): HTMLElement {
  if (!ready(q)) return notice("Press Start to train on the NF4 base.", "info");
  const energy = q.dWSingular.reduce((s, v) => s + v * v, 0);
  return el("p", "lab-num qlora-status", `‖ΔW‖² = ${fmt(energy, 3)}; quantization error ‖W₀ − Ŵ₀‖² = ${fmt(q.baseError, 4)}. Final losses: ${q.models.map((m) => `${m.label} ${fmt(last(m.losses), 4)} (floor ${fmt(m.floor, 4)})`).join("; ")}. What remains is the unstructured part of the quantization error: ${fmt((100 * last(q.models[q.models.length - 1].losses)) / energy, 2)}% of ‖ΔW‖² for the largest rank.`);
}

/** The NF4, FP4 and int4 levels. */
export const codeLevels = (width: number) => CodeLevels([{scheme: "int4", values: intCode(4)}, {scheme: "FP4", values: fp4Code()}, {scheme: "NF4", values: nf4Code()}], {width});
export const nf4Levels = () => el("p", "lab-num nf4-code", `NF4 levels: ${Array.from(nf4Code(), (v) => fmt(v, 4)).join(", ")}`);
