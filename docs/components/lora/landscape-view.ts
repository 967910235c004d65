// The LoRA loss landscape as a surface over (rank r, α), with the Eckart–Young floor drawn as a second,
// grey surface over the same grid, through the kit's figure3d (plotly, loaded when the figure scrolls
// into view); its 2-D version is the loss against r, one line per α, over the floor's dashed line.
// Values from labs/lora/landscape.ts, computed at build; this file only draws and words them.
import * as Plot from "@observablehq/plot";
import {rankPlateau, type Landscape} from "../../labs/lora/landscape-read.js";
import {fmt, palette, plotDefaults} from "../kit/chart-style.js";
import {figure3d} from "../kit/plot3d.js";

/** The share of ||ΔW||² below which one more rank "no longer helps". */
export const SHARE = 0.01;

/** The figure's words, from the grid: where more rank stops helping, the floor there, and how little α moves it. */
export function landscapeSentence(l: Landscape): string {
  const p = rankPlateau(l, SHARE);
  const spread = (i: number) => {
    const col = l.loss.map((row) => row[i]);
    return Math.max(...col) - Math.min(...col);
  };
  const maxSpread = Math.max(...l.ranks.map((_, i) => spread(i)));
  return `At α = ${l.alphas[p.alphaIndex]} (the lowest losses of the grid), rank ${p.rank} is where more rank stops helping: ` +
    `no larger rank up to ${l.ranks.at(-1)} lowers the loss by more than ${SHARE * 100}% of ‖ΔW‖² (Frobenius) = ${fmt(l.start, 3)}. ` +
    `There the loss is ${fmt(p.loss, 3)} against an Eckart–Young floor of ${fmt(p.floor, 3)}; at r = ${l.ranks.at(-1)} it is ${fmt(p.lastLoss, 3)} (floor ${fmt(p.lastFloor, 3)}), ` +
    `the noise's tail. Across α from ${l.alphas[0]} to ${l.alphas.at(-1)} the loss at any one rank moves by at most ${fmt(maxSpread, 2)} ` +
    `after ${l.steps} Adam steps: Adam's step size does not grow with the scale α/r, so here rank, not α, sets the loss.`;
}

/** The figure for a landscape (call once per landscape, not inside resize()). */
export function LandscapeFigure(l: Landscape, {invalidation}: {invalidation?: Promise<unknown>} = {}): HTMLElement {
  const p = rankPlateau(l, SHARE);
  const floorGrid = l.alphas.map(() => [...l.floor]); // (alphas, ranks): the floor does not depend on α
  const top = Math.max(...l.loss.flat());
  const traces = [
    {
      type: "surface", name: "loss after training", x: l.ranks, y: l.alphas, z: l.loss, colorscale: "Viridis", reversescale: true, showscale: false, opacity: 0.95,
      hovertemplate: "r = %{x}, α = %{y}<br>loss = %{z:.4f}<extra></extra>"
    },
    {
      type: "surface", name: "Eckart–Young floor", x: l.ranks, y: l.alphas, z: floorGrid, colorscale: [[0, "#9498a0"], [1, "#9498a0"]], showscale: false, opacity: 0.45,
      hovertemplate: "r = %{x}<br>floor Σ_{i>r} σ_i² = %{z:.4f}<extra></extra>"
    },
    {
      type: "scatter3d", mode: "markers", name: `r = ${p.rank}: more rank stops helping`, x: [p.rank], y: [l.alphas[p.alphaIndex]], z: [p.loss + 0.02 * top],
      marker: {size: 6, color: palette[2]}, hovertemplate: `r = ${p.rank}, α = ${l.alphas[p.alphaIndex]}<br>loss = ${fmt(p.loss, 4)}, floor = ${fmt(p.floor, 4)}<extra></extra>`
    }
  ];
  const scene = {
    xaxis: {title: {text: "rank r"}, dtick: 1}, yaxis: {title: {text: "α"}, type: "log", tickvals: l.alphas, ticktext: l.alphas.map(String)}, zaxis: {title: {text: "‖ΔŴ − ΔW‖<sub>F</sub><sup>2</sup>"}, range: [0, top * 1.05]},
    camera: {eye: {x: -1.6, y: -1.5, z: 0.8}}, aspectmode: "manual", aspectratio: {x: 1.3, y: 1, z: 0.7}
  };
  const alt = `The loss ‖ΔŴ − ΔW‖² (Frobenius) after ${l.steps} Adam steps over rank r from ${l.ranks[0]} to ${l.ranks.at(-1)} and α from ${l.alphas[0]} to ${l.alphas.at(-1)}, ` +
    `with the Eckart–Young floor as a grey surface. It falls from ${fmt(l.loss[p.alphaIndex][0], 3)} at r = ${l.ranks[0]} to ${fmt(p.loss, 3)} at r = ${p.rank} (floor ${fmt(p.floor, 3)}), ` +
    `after which no rank lowers it by more than ${SHARE * 100}% of ‖ΔW‖² (Frobenius); at r = ${l.ranks.at(-1)} it is ${fmt(p.lastLoss, 3)}. Along α the surface is nearly flat.`;
  return figure3d({traces, scene, fallback: (width) => flat(l, Math.max(280, width)), alt, invalidation});
}

/** The 2-D version: loss against r, one line per α (colour), and the floor dashed. */
function flat(l: Landscape, width: number): Element {
  const rows = l.alphas.flatMap((alpha, i) => l.ranks.map((r, j) => ({r, alpha, loss: l.loss[i][j]})));
  const floor = l.ranks.map((r, j) => ({r, floor: l.floor[j]}));
  return Plot.plot({
    ...plotDefaults(width),
    x: {label: "rank r", ticks: l.ranks, tickFormat: "d"},
    y: {label: "‖ΔŴ − ΔW‖² (Frobenius) (log scale)", type: "log", grid: true},
    color: {type: "log", scheme: "viridis", label: "α", legend: true},
    marks: [
      Plot.line(floor, {x: "r", y: "floor", stroke: "#1b1e23", strokeDasharray: "4,3", strokeWidth: 2}),
      Plot.text(floor.slice(-1), {x: "r", y: "floor", text: () => "Eckart–Young floor", dy: 12, textAnchor: "end"}),
      Plot.line(rows, {x: "r", y: "loss", z: "alpha", stroke: "alpha", strokeWidth: 1.5}),
      Plot.dot(rows, {x: "r", y: "loss", fill: "alpha", r: 2.5, title: (d: {r: number; alpha: number; loss: number}) => `r = ${d.r}, α = ${d.alpha}: ${fmt(d.loss, 4)}`})
    ]
  });
}
