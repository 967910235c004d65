// View model of the /ivf page: the query's visit of the cells (computed on the page: one query against
// an index of 2,000 points), and the figures and callouts drawn from what the worker built
// (labs/vector-search/ivf-page.ts), each with its computed numbers.
import {buildIVFFlat, IVFSearcher} from "../../labs/vector-search/ivf.js";
import type {IVFPageSnapshot} from "../../labs/vector-search/ivf-page.js";
import {exactKnn} from "../../labs/vector-search/knn.js";
import {pointPreset} from "../../labs/vector-search/points2d.js";
import {stream} from "../../labs/kit/random.js";
import {fmt} from "../kit/chart-style.js";
import {misconception, predict} from "../kit/callouts.js";
import {IVFPanel, RecallChart, ResidualPanel} from "./ivf-charts.js";

type XY = {x: number; y: number};

const line = (className: string, text: string) => {
  const p = document.createElement("p");
  p.className = `lab-num ${className}`;
  p.textContent = text;
  return p;
};

/** The worker's points and its IVF-Flat index (one nearest-centroid pass over the points). */
export function flatFrom(built: IVFPageSnapshot) {
  const {preset, seed, N, nlist} = built.config;
  const points = pointPreset(preset, N, stream(seed, "points"));
  return {points, index: buildIVFFlat(built.coarse!, nlist, points, N, 2)};
}

/** One query's search: the cells it visits (nearest first), what IVF-Flat returns and the true neighbours. */
export function probe(flat: ReturnType<typeof flatFrom>, query: XY, nprobe: number, K: number) {
  const q = new Float32Array([query.x, query.y]);
  const s = new IVFSearcher(flat.index, K);
  const ids = new Int32Array(K), dist = new Float32Array(K);
  s.search(q, 0, Math.min(nprobe, flat.index.nlist), ids, dist);
  const truth = Array.from(exactKnn(flat.points, flat.index.n, 2, q, 1, K).ids);
  const found = Array.from(ids);
  return {probed: Array.from(s.probed), found, truth, scanned: s.scanned, hits: found.filter((i) => truth.includes(i)).length};
}

/** The cells figure (click to move the query) and its line. */
export function probeFigure(built: IVFPageSnapshot, flat: ReturnType<typeof flatFrom>, query: XY, nprobe: number, {width, onClick}: {width: number; onClick: (x: number, y: number) => void}): HTMLElement {
  const {N, nlist, K} = built.config;
  const p = probe(flat, query, nprobe, K);
  const root = document.createElement("div");
  root.append(IVFPanel({points: flat.points, cells: built.cells!, coarse: built.coarse!, probed: p.probed, query, found: p.found, truth: p.truth}, {width, onClick}),
    line("vs-probe", `query (${fmt(query.x, 2)}, ${fmt(query.y, 2)}) · visited ${p.probed.length} of ${nlist} cells · scanned ${p.scanned} of ${N} vectors (${fmt((100 * p.scanned) / N, 1)}%) · found ${p.hits} of the true ${K} neighbours`));
  return root;
}

/** Residuals of all cells with the shared PQ's reconstructions, the distortion line and the "one PQ per cell" callout. */
export function residualView(built: IVFPageSnapshot, width: number): HTMLElement {
  const {N, nlist, nbits} = built.config;
  const dist = built.distortion!;
  const ks = built.ksub;
  const root = document.createElement("div");
  root.append(ResidualPanel({res: built.residuals!, cells: built.cells!, recon: built.recon}, {width}),
    line("vs-residual", `same PQ size (m = 2, nbits = ${nbits}): mean ‖r − q(r)‖² on residuals = ${fmt(dist.residual, 5)} vs ‖x − q(x)‖² on raw points = ${fmt(dist.raw, 5)}`),
    misconception({
      claim: "Each IVF cell has its own PQ.",
      truth: "IVF-PQ trains one product quantizer on the residuals of all cells together and shares it.",
      evidence: `Here one shared codebook holds ${2 * ks} numbers; one per cell would hold ${nlist}× as many (${(2 * ks * nlist).toLocaleString("en-US")}), each trained on about ${Math.round(N / nlist)} points. The residuals are alike across cells, so sharing costs little: the shared PQ's error on residuals is ${fmt(dist.residual, 5)}, against ${fmt(dist.raw, 5)} for the same PQ on raw points.`,
      source: "Jégou et al. 2011, §IV (IVFADC); faiss/IndexIVFPQ.h (by_residual = true, one pq member)"
    }));
  return root;
}

const recallAt = (built: IVFPageSnapshot, name: string, p: number) => built.sweep.find((r) => r.index === name && r.nprobe === p)?.recall ?? NaN;

/** Recall against nprobe, the line at nprobe = nlist and the predict callout on IVF-PQ's ceiling. */
export function recallView(built: IVFPageSnapshot, nprobe: number, width: number): HTMLElement {
  const nl = built.config.nlist;
  const flat = recallAt(built, "IVF-Flat", nl), pq = recallAt(built, "IVF-PQ", nl);
  const root = document.createElement("div");
  root.append(RecallChart(built.sweep, {width, nprobe}),
    line("vs-recall", `at nprobe = nlist = ${nl}: IVF-Flat recall@10 = ${fmt(flat, 3)}, IVF-PQ = ${fmt(pq, 3)}`),
    predict({
      question: `With nprobe = nlist = ${nl}, IVF-PQ visits every cell. What is its recall@10 here?`,
      choices: ["Exactly 1.0, like IVF-Flat", "Below 1.0"],
      answer: pq >= 1 ? 0 : 1,
      reveal: `Computed: ${fmt(pq, 3)} (IVF-Flat: ${fmt(flat, 3)}). Visiting every cell removes the coarse quantizer's misses but not the PQ's distance error. At the same code size, re-ranking a short list of candidates with exact distances, or a learned rotation before quantizing (OPQ, Ge et al. 2013), also raises this ceiling; more bits per code raise it at a higher cost per vector.`
    }));
  return root;
}

/** The notes' IVF-PQ query (quantized query residual, SDC) against faiss's ADC, computed by the worker. */
export function sdcCallout(built: IVFPageSnapshot): HTMLElement {
  const {adc, sdc} = built.adcVsSdc!;
  const span = document.createElement("span");
  span.className = "vs-adc-sdc";
  span.textContent = `Computed on this page at nprobe = nlist = ${built.config.nlist}: recall@10 with ADC (faiss) = ${fmt(adc, 3)}, with the query's residual quantized too (SDC) = ${fmt(sdc, 3)}${adc > sdc ? "; quantizing the query adds a second error" : adc < sdc ? "; here SDC happens to be higher" : "; the same here"}.`;
  return misconception({
    claim: "An IVF-PQ query quantizes its own residual and compares codes with codes.",
    truth: "That is symmetric distance computation (SDC). faiss's IVF-PQ keeps the query exact and compares it with each decoded residual (ADC), through one table per query and cell.",
    evidence: span,
    source: "Jégou et al. 2011, §III-A (ADC and SDC) and §IV-B; faiss/IndexIVFPQ.cpp (precompute_list_tables_L2, scan_list_with_table)"
  });
}

/** The "nlist ≈ √N" callout for the page's N and nlist. */
export function nlistCallout(N: number, nlist: number): HTMLElement {
  const big = 50_000, r = Math.sqrt(big);
  return misconception({
    claim: "nlist ≈ √N is the faiss rule.",
    truth: "The faiss wiki suggests nlist = 4√N to 16√N for up to 1M vectors, and k-means wants at least 39 training points per centroid.",
    evidence: `For N = 50,000: √N ≈ ${Math.round(r)}, 4√N ≈ ${Math.round(4 * r)}, 16√N ≈ ${Math.round(16 * r)}. The last one needs ${(39 * Math.round(16 * r)).toLocaleString("en-US")} training points, more than N. On this page N = ${N.toLocaleString("en-US")}: 39·nlist = ${(39 * nlist).toLocaleString("en-US")} training points ${39 * nlist <= N ? "fit" : "are more than N, so faiss would warn"}.`,
    source: "faiss wiki, Guidelines to choose an index; faiss/Clustering.cpp (min_points_per_centroid = 39)"
  });
}
