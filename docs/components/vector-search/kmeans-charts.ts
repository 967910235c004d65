// Figures of the k-means notebook: a panel with points coloured by cluster, the Voronoi cells of the
// centroids (d3-delaunay through Plot's voronoi mark) and click-to-add; the objective per half-step.
import * as Plot from "@observablehq/plot";
import type {KMeansState} from "../../labs/vector-search/lloyd.js";
import {palette, plotDefaults} from "../kit/chart-style.js";
import {onPlotClick} from "./plot-click.js";
import {dotsMark} from "./dots-mark.js";

const DOMAIN: [number, number] = [-1.4, 1.4];
const colour = (c: number) => (c < 0 ? "#9498a0" : palette[c % palette.length]);

export function KMeansPanel(state: KMeansState, {width, title, onClick}: {width: number; title: string; onClick?: (x: number, y: number) => void}): HTMLElement {
  const {n, k, centroids, assignment, data} = state;
  const points = Array.from({length: n}, (_, i) => ({x: data[i * 2], y: data[i * 2 + 1], fill: colour(assignment[i])}));
  const cents = Array.from({length: k}, (_, c) => ({x: centroids[c * 2], y: centroids[c * 2 + 1], c}));
  const size = Math.min(width, 460);
  const plot = Plot.plot({
    ...plotDefaults(size, size),
    marginLeft: 36,
    title,
    x: {domain: DOMAIN, label: null},
    y: {domain: DOMAIN, label: null},
    marks: [
      Plot.voronoi(cents, {x: "x", y: "y", z: null, fill: (d: {c: number}) => colour(d.c), fillOpacity: 0.12, stroke: "#888", strokeOpacity: 0.6}),
      dotsMark(points, {r: 2.6}),
      Plot.dot(cents, {x: "x", y: "y", r: 7, symbol: "cross", fill: (d: {c: number}) => colour(d.c), stroke: "black", strokeWidth: 1.2})
    ]
  }) as HTMLElement & {scale: (name: string) => {invert?: (v: number) => number}};
  if (onClick) onPlotClick(plot, onClick);
  return plot;
}

export function ObjectiveChart(series: {name: string; objective: number[]}[], {width}: {width: number}): HTMLElement {
  const rows = series.flatMap((s) => s.objective.map((J, t) => ({step: t + 1, J, name: s.name})));
  return Plot.plot({
    ...plotDefaults(width, 240),
    x: {label: "half-step (assignment, update, …)", interval: 1, tickFormat: "d"},
    y: {label: "objective J", zero: false},
    color: {domain: series.map((s) => s.name), range: [palette[0], palette[2]], legend: true},
    marks: [Plot.line(rows, {x: "step", y: "J", stroke: "name", z: "name", marker: "dot"})]
  }) as HTMLElement;
}
