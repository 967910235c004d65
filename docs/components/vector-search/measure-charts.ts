// The measurement notebook's figure: recall@10 against single-query QPS for every index and nprobe,
// and the table of rows, drawn from one snapshot. The page hands this to the kit's liveChart, which
// patches the new drawing into the old one, so a new row costs a few DOM writes while the worker runs.
import * as d3 from "d3";
import type {MeasureRow, MeasureSnapshot} from "../../labs/vector-search/measure.js";
import {fmt, palette} from "../kit/chart-style.js";
import {SimpleTable} from "../kit/table.js";
import {predict} from "../kit/callouts.js";

const NAMES: Record<string, string> = {flat: "Flat", pq: "PQ", "ivf-flat": "IVF-Flat", "ivf-pq": "IVF-PQ"};
const COLORS: Record<string, string> = {flat: palette[9], pq: palette[1], "ivf-flat": palette[0], "ivf-pq": palette[2]};
// nprobe labels: IVF-Flat's above its dots, IVF-PQ's below, so neighbouring labels of the two curves never run together
const LABEL_DY: Record<string, number> = {"ivf-flat": -8, "ivf-pq": 16};
const W = 640;
const H = 340;
const M = {top: 16, right: 20, bottom: 40, left: 48};

/** Chart (viewBox, scales to the column) and table of a sweep; `note` is appended to the data-set line. */
export function MeasureFigure(snap: MeasureSnapshot, note = ""): HTMLElement {
  const root = document.createElement("div");
  root.className = "vs-measure";
  const label = document.createElement("p");
  label.className = "vs-dataset";
  label.textContent = `${snap.dataset}${note}`;
  root.append(label);
  const rows = snap.rows;
  if (rows.length === 0) {
    const empty = document.createElement("p");
    empty.className = "lab-notice lab-info";
    empty.textContent = "Press Start to build the indexes and measure.";
    root.append(empty);
  }

  const svg = d3.create("svg").attr("viewBox", `0 0 ${W} ${H}`).attr("class", "vs-recall-qps").attr("role", "img")
    .attr("aria-label", "recall@10 against queries per second").style("width", "100%").style("max-width", `${W}px`).style("height", "auto")
    .attr("font-family", "var(--sans-serif)").attr("font-size", 12);
  const y = d3.scaleLinear().domain([0, 1.02]).range([H - M.bottom, M.top]);
  const [lo, hi] = rows.length ? (d3.extent(rows, (r) => r.qps) as [number, number]) : [100, 100_000];
  const x = d3.scaleLog().domain([lo / 1.3, hi * 1.3]).range([M.left, W - M.right]);
  // plain numbers with thousands separators (SI suffixes such as "20m" read as units)
  svg.append("g").attr("transform", `translate(0,${H - M.bottom})`).call(d3.axisBottom(x).ticks(6, ",~r"));
  svg.append("g").attr("transform", `translate(${M.left},0)`).call(d3.axisLeft(y).ticks(6));
  svg.append("text").attr("x", (M.left + W - M.right) / 2).attr("y", H - 6).attr("text-anchor", "middle").text("queries per second (one at a time) →");
  svg.append("text").attr("transform", `translate(12,${(H - M.bottom + M.top) / 2}) rotate(-90)`).attr("text-anchor", "middle").text("↑ recall@10");
  const sweeps = d3.groups(rows.filter((r) => r.nprobe !== null), (r) => r.index).map(([k, rs]) => ({k, rs: rs.slice().sort((a, b) => a.nprobe! - b.nprobe!)}));
  const line = d3.line<MeasureRow>().x((r) => x(r.qps)).y((r) => y(r.recallAt10));
  for (const s of sweeps) svg.append("path").attr("fill", "none").attr("stroke-width", 1.5).attr("stroke", COLORS[s.k]).attr("d", line(s.rs));
  for (const r of rows)
    svg.append("circle").attr("r", 4).attr("fill", COLORS[r.index]).attr("cx", x(r.qps)).attr("cy", y(r.recallAt10))
      .append("title").text(`${NAMES[r.index]}${r.nprobe ? ` nprobe ${r.nprobe}` : ""}\nrecall@10 ${r.recallAt10.toFixed(3)}\n${Math.round(r.qps)} QPS\n${r.bytesPerVector} B/vector`);
  for (const r of rows.filter((r) => r.nprobe !== null))
    svg.append("text").attr("class", "vs-nprobe-label").attr("font-size", 10).attr("text-anchor", "middle").attr("fill", COLORS[r.index])
      .attr("stroke", "white").attr("stroke-width", 3).attr("paint-order", "stroke")
      .attr("x", x(r.qps)).attr("y", y(r.recallAt10) + (LABEL_DY[r.index] ?? -8)).text(String(r.nprobe));

  const legend = document.createElement("div");
  legend.className = "vs-legend";
  legend.style.cssText = "display: flex; flex-wrap: wrap; gap: 0.4em 1.2em; font-size: 12px; margin: 0.5em 0 0 48px;";
  for (const k of Object.keys(NAMES)) {
    const item = document.createElement("span");
    const swatch = document.createElement("span");
    swatch.style.cssText = `display:inline-block;width:10px;height:10px;border-radius:5px;background:${COLORS[k]}`;
    item.append(swatch, ` ${NAMES[k]}`);
    legend.append(item);
  }
  const table = document.createElement("div");
  table.style.cssText = "overflow-x:auto;max-width:100%";
  table.tabIndex = 0;
  table.setAttribute("aria-label", "measured rows");
  table.append(SimpleTable(rows.map((r) => ({
    index: r.index, m: r.m ?? "", nbits: r.nbits ?? "", nlist: r.nlist ?? "", nprobe: r.nprobe ?? "",
    "train s": fmt(r.trainSeconds, 2), "add s": fmt(r.addSeconds, 2), "bytes/vector": r.bytesPerVector, "recall@10": fmt(r.recallAt10, 3), "queries/s": Math.round(r.qps)
  })), {className: "vs-rows"}));
  root.append(legend, svg.node()!, table);
  return root;
}

/** Why the settings cannot be measured (shown instead of the run), or null. */
export function measureProblem(config: {dataset: string; nlist: number; nprobes: number[]}, words: {available: boolean; reason?: string} | null): string | null {
  if (config.dataset === "words" && !words?.available) return `Word vectors are not available: ${words?.reason ?? "unknown reason"} The synthetic set still works.`;
  const over = config.nprobes.filter((p) => p > config.nlist);
  if (over.length) return `Every nprobe must be at most nlist = ${config.nlist}; ${over.join(", ")} ${over.length > 1 ? "are" : "is"} larger.`;
  return null;
}

/** The last two rows of an index's nprobe sweep (by nprobe). */
const lastTwo = (rows: MeasureRow[], kind: string) => rows.filter((r) => r.index === kind).sort((a, b) => a.nprobe! - b.nprobe!).slice(-2);

/** "Double nprobe at the largest value": which index gains more recall, answered by the finished sweep. */
export function doublingPredict(done: MeasureSnapshot): HTMLElement | null {
  const [f1, f2] = lastTwo(done.rows, "ivf-flat"), [p1, p2] = lastTwo(done.rows, "ivf-pq");
  if (!p1) return null;
  const gain = (a?: MeasureRow, b?: MeasureRow) => (a && b ? b.recallAt10 - a.recallAt10 : 0);
  const f = gain(f1, f2), p = gain(p1, p2);
  return predict({
    question: "Double nprobe at the largest value you swept. Which index gains more recall: IVF-Flat or IVF-PQ?",
    choices: ["IVF-Flat", "IVF-PQ", "Neither gains much"],
    answer: Math.max(f, p) < 0.01 ? 2 : f > p ? 0 : 1,
    reveal: `Measured: IVF-Flat ${fmt(f1?.recallAt10 ?? NaN, 3)} → ${fmt(f2?.recallAt10 ?? NaN, 3)}, IVF-PQ ${fmt(p1?.recallAt10 ?? NaN, 3)} → ${fmt(p2?.recallAt10 ?? NaN, 3)} between nprobe ${f1?.nprobe} and ${f2?.nprobe}. Once the true neighbours' cells are visited, more cells only cost time; IVF-PQ's ceiling is set by its PQ's distance error.`
  });
}
