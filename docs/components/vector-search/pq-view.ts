// View model of the /pq page: the one-vector report line, the memory bill (plain text cells, in a box
// that scrolls sideways on a phone instead of truncating the formulas), the equal-code-size sentence
// whose words follow the grid's numbers, and the callouts with their computed numbers.
import {indexTotals, memoryBill, type MemoryConfig, type MemoryItem} from "../../labs/vector-search/memory.js";
import {atEqualCodeSize, type GridPoint} from "../../labs/vector-search/pq-grid.js";
import {pqFromSnapshot, vectorReport, type PQConfig, type PQSnapshot, type PQStats} from "../../labs/vector-search/pq-stepper.js";
import {initialFor, type FirstState} from "../../labs/kit/first-state.js";
import {base64ToFloats} from "../../labs/kit/base64.js";
import {VectorSplit} from "./pq-charts.js";
import {fmt, fmtBytes} from "../kit/chart-style.js";
import {misconception, notice, predict} from "../kit/callouts.js";
import {SimpleTable} from "../kit/table.js";

export function vectorLine(one: ReturnType<typeof vectorReport>, d: number): HTMLElement {
  const p = document.createElement("p");
  p.className = "lab-num vs-code";
  const bytes = one.packed.length;
  p.append(`codes: [${Array.from(one.code).join(", ")}] · stored as ${bytes} byte${bytes === 1 ? "" : "s"}: ${Array.from(one.packed, (b) => b.toString(16).padStart(2, "0")).join(" ")}`,
    document.createElement("br"),
    `‖x − q(x)‖² = ${fmt(one.err, 3)}, that is ${fmt((100 * one.err) / one.norm, 1)}% of ‖x‖² = ${fmt(one.norm, 2)} · ${d * 4} bytes of float32 became ${bytes}, ${fmt((d * 4) / bytes, 1)}× smaller`);
  return p;
}

export function billTable(bill: MemoryItem[]): HTMLElement {
  const box = document.createElement("div");
  box.className = "vs-bill-table lab-scroll";
  box.style.cssText = "overflow-x:auto;max-width:100%";
  box.tabIndex = 0; // a scrollable region must be reachable by keyboard
  box.setAttribute("aria-label", "memory bill");
  box.append(SimpleTable(bill.map((r) => ({item: r.item, formula: r.formula, bytes: r.bytes, size: fmtBytes(r.bytes)}))));
  return box;
}

/** The equal-code-size comparison at `bits` (m·nbits), in words computed from the grid. */
export function equalSizeSentence(grid: GridPoint[], bits: number, D: number, nTrain: number): HTMLElement {
  const {rows, fewerLargerWins} = atEqualCodeSize(grid, bits, D);
  const p = document.createElement("p");
  p.className = "vs-equal-size";
  if (rows.length < 2) return p;
  const list = rows.map((r) => `m = ${r.m} × ${r.nbits} bits ${fmt(r.distortion, 3)}`).join(", ");
  const big = rows[0], small = rows[rows.length - 1];
  const verdict = fewerLargerWins
    ? "fewer sub-vectors with more bits each win here: the error rises at every step towards more, smaller codebooks"
    : big.distortion < small.distortion ? "fewer sub-vectors with more bits each end lower here, though not at every step" : "more sub-vectors with fewer bits each end lower here";
  p.textContent = `At equal code size (${bits}-bit codes: ${list}), ${verdict}. A codebook of 2^nbits centroids quantizes its sub-space far better than several small ones. `
    + `Large codebooks cost elsewhere: their memory is 2^nbits·D floats (${fmtBytes(big.cost.codebookBytes)} at ${big.nbits} bits, ${fmtBytes(small.cost.codebookBytes)} at ${small.nbits}), `
    + `each query's ADC table has m·2^nbits entries and takes 2^nbits·D multiply-adds to fill (${big.cost.adcMultiplyAdds.toLocaleString("en-US")} against ${small.cost.adcMultiplyAdds.toLocaleString("en-US")}), `
    + `and faiss asks for 39·2^nbits training points per sub-quantizer (${big.cost.trainingPoints.toLocaleString("en-US")} at ${big.nbits} bits: ${big.cost.trainingPoints > nTrain ? "more than" : "within"} this page's ${nTrain.toLocaleString("en-US")}).`;
  return p;
}

/** ADC against SDC on the trained PQ: error of the distances and recall@10 (a table in a scrolling box). */
export function adcSdcTable(stats: PQStats): HTMLElement {
  const box = document.createElement("div");
  box.className = "lab-scroll";
  box.style.cssText = "overflow-x:auto;max-width:100%";
  box.append(SimpleTable([
    {method: "ADC (query exact)", "mean |d̃² − d²| / d²": fmt(stats.adcRelError, 4), "recall@10": fmt(stats.adcRecall, 3)},
    {method: "SDC (query quantized)", "mean |d̃² − d²| / d²": fmt(stats.sdcRelError, 4), "recall@10": fmt(stats.sdcRecall, 3)}
  ]));
  return box;
}

/** The predict callout on ADC against SDC, answered by the build-time run at the default setting. */
export function adcSdcPredict(first: {config: PQConfig; snapshot: {stats: PQStats}}): HTMLElement {
  const s = first.snapshot.stats;
  return predict({
    question: `With the default m = ${first.config.m} and nbits = ${first.config.nbits}, which finds more of the true 10 nearest neighbours: ADC or SDC?`,
    choices: ["ADC", "SDC", "The same"],
    answer: s.adcRecall > s.sdcRecall ? 0 : s.adcRecall < s.sdcRecall ? 1 : 2,
    reveal: `At the default setting (computed at build time): ADC recall@10 = ${fmt(s.adcRecall, 3)}, SDC recall@10 = ${fmt(s.sdcRecall, 3)}. SDC quantizes the query too, so its distances carry two errors instead of one. faiss's IndexPQ uses ADC by default (search_type ST_PQ, faiss/IndexPQ.h).`
  });
}

/** The memory bill for the reader's numbers (or the reason they do not make one), totals and the training note. */
export function billView(config: MemoryConfig): HTMLElement {
  let bill: MemoryItem[];
  try {
    bill = memoryBill(config);
  } catch (error) {
    return notice((error as Error).message);
  }
  const {N, nbits, nlist} = config;
  const t = indexTotals(bill);
  const b = Object.fromEntries(bill.map((r) => [r.key, r.bytes])) as Record<string, number>;
  const root = document.createElement("div");
  const line = document.createElement("p");
  line.className = "lab-num vs-bill";
  line.append(`totals: Flat ${fmtBytes(t.flat)} · PQ ${fmtBytes(t.pq)} · IVF-Flat ${fmtBytes(t.ivfFlat)} · IVF-PQ ${fmtBytes(t.ivfPq)}`, document.createElement("br"),
    `training: each PQ codebook wants ≥ 39·2^nbits = ${(39 * 2 ** nbits).toLocaleString("en-US")} vectors, the coarse quantizer ≥ 39·nlist = ${(39 * nlist).toLocaleString("en-US")} (faiss warns below that); ${N >= 39 * nlist ? "N is enough" : "N is too few"} for this nlist.`);
  root.append(billTable(bill), line, misconception({
    claim: "PQ memory = N·m bytes.",
    truth: "The codes are N·⌈m·nbits/8⌉ bytes (m bytes per vector only when nbits = 8), and an index also stores codebooks, ids and coarse centroids, and builds per-query tables.",
    evidence: `For the numbers above: codes ${fmtBytes(b.codes)}, but codebooks ${fmtBytes(b.codebooks)} + coarse centroids ${fmtBytes(b.coarse)} + ids ${fmtBytes(b.ids)} = ${fmtBytes(b.codebooks + b.coarse + b.ids)}, ${fmt((b.codebooks + b.coarse + b.ids) / b.codes, 1)}× the codes.`,
    source: "faiss/impl/ProductQuantizer.cpp (code_size = (nbits·M + 7) / 8); faiss/invlists/InvertedLists.h (ids as 8-byte idx_t)"
  }));
  return root;
}

/** The predict callout on codebooks against codes for the worked example. */
export function codebooksPredict(): HTMLElement {
  const x = Object.fromEntries(memoryBill({N: 50000, D: 1024, m: 8, nbits: 8, nlist: 894}).map((r) => [r.key, r.bytes])) as Record<string, number>;
  return predict({
    question: "For 50,000 vectors of 1024 floats with m = 8 and nbits = 8: are the codebooks bigger or smaller than all the codes together?",
    choices: ["Bigger", "Smaller", "About the same"],
    answer: x.codebooks > 1.2 * x.codes ? 0 : x.codebooks < x.codes / 1.2 ? 1 : 2,
    reveal: `Codes: 50,000 × ⌈8·8/8⌉ = ${x.codes.toLocaleString("en-US")} bytes. Codebooks: 8 × 256 × 128 × 4 = ${x.codebooks.toLocaleString("en-US")} bytes, ${fmt(x.codebooks / x.codes, 2)}× the codes. With 128-dimensional sub-vectors and only 256 centroids each, the quantization is also very coarse.`
  });
}

/** The current PQ's distortion line under the grid. */
export function distortionLine(trained: {stats: PQStats; seconds: number; warnings: string[]}): HTMLElement {
  const p = document.createElement("p");
  p.className = "lab-num vs-distortion";
  p.textContent = `current: mean ‖x − q(x)‖² = ${fmt(trained.stats.distortion, 3)} (one centroid for everything would give ${fmt(trained.stats.energy, 3)}) · trained in ${fmt(trained.seconds, 2)} s${trained.warnings.length ? ` · faiss would warn: ${trained.warnings.join("; ")}` : ""}`;
  return p;
}

/** The build-time PQ when the controls equal its config (codebooks decoded from base64), else undefined. */
export function pqInitial(first: FirstState<PQConfig, PQSnapshot & {codebooks: unknown}>, config: PQConfig): PQSnapshot | undefined {
  const built = initialFor(first, config);
  return built ? {...built, codebooks: base64ToFloats(built.codebooks as unknown as string)} : undefined;
}

/** One vector of the data set taken apart by the trained PQ: the chart and its line. */
export function vectorView(trained: PQSnapshot, base: Float32Array, which: number, width: number): HTMLElement {
  const pq = pqFromSnapshot(trained);
  const one = vectorReport(pq, base, which);
  const root = document.createElement("div");
  root.append(VectorSplit(one.x, one.rec, {width, m: pq.m}), vectorLine(one, pq.d));
  return root;
}
