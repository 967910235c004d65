// The measurement notebook's live view: recall@10 against single-query QPS for every index and
// nprobe, and the table of rows. Built once per run controller and updated in place when a row is
// added (a few DOM writes per update instead of re-rendering a chart and a table: the main thread
// stays free while the worker measures). Also a base64 float32 decoder for the word-vector file.
import * as d3 from "d3";
import type {MeasureRow, MeasureSnapshot} from "../../labs/vector-search/measure.js";
import {fmt, palette} from "../kit/chart-style.js";

const NAMES: Record<string, string> = {flat: "Flat", pq: "PQ", "ivf-flat": "IVF-Flat", "ivf-pq": "IVF-PQ"};
const COLORS: Record<string, string> = {flat: palette[9], pq: palette[1], "ivf-flat": palette[0], "ivf-pq": palette[2]};
const W = 640;
const H = 340;
const M = {top: 16, right: 20, bottom: 40, left: 48};
const COLUMNS = ["index", "m", "nbits", "nlist", "nprobe", "train s", "add s", "bytes/vector", "recall@10", "queries/s"];

/**
 * A chart and a table that follow `controller` (a run controller over the measure stepper). `note`
 * (optional) returns a line shown under the data-set label for a given snapshot.
 */
export function measureView(controller: HTMLElement & {value: MeasureSnapshot | undefined}, note: (s: MeasureSnapshot) => string = () => ""): HTMLElement {
  const root = document.createElement("div");
  root.className = "vs-measure";
  const label = document.createElement("p");
  label.className = "vs-dataset";
  const empty = document.createElement("p");
  empty.className = "lab-notice lab-info";
  empty.textContent = "Press Start to build the indexes and measure.";

  const svg = d3.create("svg").attr("viewBox", `0 0 ${W} ${H}`).attr("class", "vs-recall-qps").style("width", "100%").style("max-width", `${W}px`).style("height", "auto")
    .attr("font-family", "var(--sans-serif)").attr("font-size", 12);
  const y = d3.scaleLinear().domain([0, 1.02]).range([H - M.bottom, M.top]);
  const x = d3.scaleLog().range([M.left, W - M.right]);
  const xAxis = svg.append("g").attr("transform", `translate(0,${H - M.bottom})`);
  svg.append("g").attr("transform", `translate(${M.left},0)`).call(d3.axisLeft(y).ticks(6));
  svg.append("text").attr("x", (M.left + W - M.right) / 2).attr("y", H - 6).attr("text-anchor", "middle").text("queries per second (one at a time) →");
  svg.append("text").attr("transform", `translate(12,${(H - M.bottom + M.top) / 2}) rotate(-90)`).attr("text-anchor", "middle").text("↑ recall@10");
  const marks = svg.append("g");
  const legend = document.createElement("div");
  legend.className = "vs-legend";
  legend.style.cssText = "display: flex; gap: 1.2em; font-size: 12px; margin: 0.5em 0 0 48px;";
  legend.innerHTML = Object.keys(NAMES).map((k) => `<span><svg width="12" height="12"><circle cx="6" cy="6" r="5" fill="${COLORS[k]}"></circle></svg> ${NAMES[k]}</span>`).join(" ");

  const table = document.createElement("table");
  table.className = "vs-rows";
  table.innerHTML = `<thead><tr>${COLUMNS.map((c) => `<th>${c}</th>`).join("")}</tr></thead><tbody></tbody>`;
  const tbody = table.querySelector("tbody")!;
  const chart = document.createElement("div");
  chart.append(legend, svg.node()!);
  root.append(label, empty, chart, table);

  let shown: MeasureRow[] = [];
  const line = d3.line<MeasureRow>().x((r) => x(r.qps)).y((r) => y(r.recallAt10));
  const update = () => {
    const snap = controller.value;
    const rows = snap ? snap.rows : [];
    label.textContent = snap ? `${snap.dataset}${note(snap)}` : "";
    // redraw only when the rows changed (a new row, or a reset)
    if (rows.length === shown.length && rows.every((r, i) => r === shown[i] || sameRow(r, shown[i]))) return;
    const appended = rows.length > shown.length && shown.every((r, i) => sameRow(r, rows[i]));
    if (!appended) tbody.replaceChildren();
    for (const r of rows.slice(appended ? shown.length : 0)) tbody.append(tableRow(r));
    shown = rows.slice();
    empty.hidden = rows.length > 0;
    // the chart keeps its place while empty (no relayout of the page when the first row arrives)
    const [lo, hi] = rows.length ? (d3.extent(rows, (r) => r.qps) as [number, number]) : [100, 100_000];
    x.domain([lo / 1.3, hi * 1.3]);
    xAxis.call(d3.axisBottom(x).ticks(6, "~s"));
    const sweeps = d3.groups(rows.filter((r) => r.nprobe !== null), (r) => r.index).map(([k, rs]) => ({k, rs: rs.slice().sort((a, b) => a.nprobe! - b.nprobe!)}));
    marks.selectAll("path").data(sweeps).join("path").attr("fill", "none").attr("stroke-width", 1.5).attr("stroke", (s) => COLORS[s.k]).attr("d", (s) => line(s.rs));
    marks.selectAll("circle").data(rows).join((enter) => enter.append("circle").call((c) => c.append("title")))
      .attr("r", 4).attr("fill", (r) => COLORS[r.index]).attr("cx", (r) => x(r.qps)).attr("cy", (r) => y(r.recallAt10))
      .select("title").text((r) => `${NAMES[r.index]}${r.nprobe ? ` nprobe ${r.nprobe}` : ""}\nrecall@10 ${r.recallAt10.toFixed(3)}\n${Math.round(r.qps)} QPS\n${r.bytesPerVector} B/vector`);
    marks.selectAll("text").data(rows.filter((r) => r.nprobe !== null)).join("text").attr("font-size", 10).attr("text-anchor", "middle")
      .attr("fill", (r) => COLORS[r.index]).attr("x", (r) => x(r.qps)).attr("y", (r) => y(r.recallAt10) - 8).text((r) => String(r.nprobe));
  };
  update();
  controller.addEventListener("input", update);
  return root;
}

const sameRow = (a: MeasureRow, b: MeasureRow) => a.index === b.index && a.nprobe === b.nprobe && a.qps === b.qps && a.recallAt10 === b.recallAt10;

const count = new Intl.NumberFormat("en-US", {maximumFractionDigits: 0});

function tableRow(r: MeasureRow): HTMLTableRowElement {
  const tr = document.createElement("tr");
  const cells = [r.index, r.m ?? "", r.nbits ?? "", r.nlist ?? "", r.nprobe ?? "", fmt(r.trainSeconds, 2), fmt(r.addSeconds, 2), r.bytesPerVector, fmt(r.recallAt10, 3), count.format(r.qps)];
  for (const c of cells) {
    const td = document.createElement("td");
    td.textContent = String(c);
    tr.append(td);
  }
  return tr;
}

export function base64Floats(text: string): Float32Array {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Float32Array(bytes.buffer, 0, bytes.length >> 2);
}
