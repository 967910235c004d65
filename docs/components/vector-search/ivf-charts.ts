// Figures of the IVF notebook: the coarse cells with the cells one query visits, the residuals of
// all cells on one set of axes with the shared PQ's reconstructions, and recall against nprobe.
import * as Plot from "@observablehq/plot";
import {palette, plotDefaults} from "../kit/chart-style.js";
import {onPlotClick} from "./plot-click.js";
import {dotsMark} from "./dots-mark.js";

type XY = {x: number; y: number};
const DOMAIN: [number, number] = [-1.4, 1.4];

export function IVFPanel(
  {points, cells, coarse, probed, query, found, truth}: {points: Float32Array; cells: Int32Array; coarse: Float32Array; probed: number[]; query: XY; found: number[]; truth: number[]},
  {width, onClick}: {width: number; onClick?: (x: number, y: number) => void}
): HTMLElement {
  const nlist = coarse.length / 2;
  const probedSet = new Set(probed);
  const cents = Array.from({length: nlist}, (_, c) => ({x: coarse[c * 2], y: coarse[c * 2 + 1], c, rank: probed.indexOf(c)}));
  const pts = Array.from({length: points.length / 2}, (_, i) => ({x: points[i * 2], y: points[i * 2 + 1], fill: probedSet.has(cells[i]) ? palette[0] : "#b8b8b8"}));
  const at = (ids: number[]) => ids.filter((i) => i >= 0).map((i) => ({x: points[i * 2], y: points[i * 2 + 1]}));
  const size = Math.min(width, 520);
  const plot = Plot.plot({
    ...plotDefaults(size, size),
    marginLeft: 36,
    x: {domain: DOMAIN, label: null},
    y: {domain: DOMAIN, label: null},
    marks: [
      Plot.voronoi(cents, {x: "x", y: "y", z: null, fill: (d: {rank: number}) => (d.rank >= 0 ? palette[1] : "none"), fillOpacity: 0.25, stroke: "#888"}),
      dotsMark(pts, {r: 1.8}),
      Plot.dot(cents, {x: "x", y: "y", r: 3, fill: "black"}),
      Plot.text(cents.filter((c) => c.rank >= 0), {x: "x", y: "y", text: (d: {rank: number}) => String(d.rank + 1), dy: -9, fontWeight: 700}),
      Plot.dot(at(truth), {x: "x", y: "y", r: 6, stroke: palette[2], strokeWidth: 1.5}),
      Plot.dot(at(found), {x: "x", y: "y", r: 3, fill: palette[2]}),
      Plot.dot([query], {x: "x", y: "y", r: 7, symbol: "star", fill: palette[2], stroke: "black"})
    ]
  }) as HTMLElement & {scale: (name: string) => {invert?: (v: number) => number}};
  if (onClick) onPlotClick(plot, onClick);
  return plot;
}

/**
 * Residuals of all cells on one set of axes with the shared PQ's reconstructions: a cross at each of
 * the 2^nbits × 2^nbits when there are at most 16 per coordinate, else (up to 65,536 of them) the grid
 * of lines whose crossings they are.
 */
export function ResidualPanel({res, cells, recon}: {res: Float32Array; cells: Int32Array; recon: {xs: number[]; ys: number[]}}, {width}: {width: number}): HTMLElement {
  const pts = Array.from({length: res.length / 2}, (_, i) => ({x: res[i * 2], y: res[i * 2 + 1], fill: palette[cells[i] % palette.length]}));
  const ext = Math.max(0.05, ...pts.map((p) => Math.max(Math.abs(p.x), Math.abs(p.y)))) * 1.1;
  const size = Math.min(width, 420);
  const crosses = recon.xs.length <= 16 ? recon.xs.flatMap((x) => recon.ys.map((y) => ({x, y}))) : null;
  const inside = (v: number) => Math.abs(v) <= ext;
  return Plot.plot({
    ...plotDefaults(size, size),
    marginLeft: 44,
    x: {domain: [-ext, ext], label: "residual r₁"},
    y: {domain: [-ext, ext], label: "residual r₂"},
    marks: [
      dotsMark(pts, {r: 1.6, opacity: 0.6}),
      ...(crosses
        ? [Plot.dot(crosses, {x: "x", y: "y", r: 4, symbol: "plus", stroke: "black", strokeWidth: 1.5})]
        : [Plot.ruleX(recon.xs.filter(inside), {stroke: "black", strokeOpacity: 0.25}), Plot.ruleY(recon.ys.filter(inside), {stroke: "black", strokeOpacity: 0.25})])
    ]
  }) as HTMLElement;
}

export function RecallChart(rows: {nprobe: number; recall: number; index: string}[], {width, nprobe}: {width: number; nprobe: number}): HTMLElement {
  return Plot.plot({
    ...plotDefaults(width, 260),
    x: {label: "nprobe (cells visited)", type: "log", base: 2},
    y: {label: "recall@10", domain: [0, 1]},
    color: {legend: true, domain: ["IVF-Flat", "IVF-PQ"], range: [palette[0], palette[2]]},
    marks: [
      Plot.ruleX([nprobe], {stroke: "#999", strokeDasharray: "3,3"}),
      Plot.line(rows, {x: "nprobe", y: "recall", stroke: "index", z: "index", marker: "dot"})
    ]
  }) as HTMLElement;
}
