// The forward or reverse KL as a surface over q's (μ, σ), with both fits' paths drawn on it, through
// the kit's figure3d (plotly, loaded when the figure scrolls into view); its 2-D version is a Plot
// heatmap with the same paths. Values from labs/loss/kl-surface.ts; this file only draws.
import * as Plot from "@observablehq/plot";
import {klSurface, localMinima, pathOn, surfaceAxes, type Basin} from "../../labs/loss/kl-surface.js";
import type {Direction, KlFitConfig, KlFitSnapshot} from "../../labs/loss/kl-objective.js";
import {fmt, palette, plotDefaults} from "../kit/chart-style.js";
import type {Values} from "../kit/follow.js";
import {figure3d} from "../kit/plot3d.js";
import {fmtRound, tick} from "./charts.js";

/** Heights more than this many nats above a surface's lowest point are cut flat, so the basins stay visible. */
export const CUT_NATS = 3;
const N = 25; // grid points per axis: 625 points × 2 quadratures of 800 points, a few ms

const NAME: Record<Direction, string> = {forward: "KL(p‖q)", reverse: "KL(q‖p)"};
const COLOR: Record<Direction, string> = {forward: palette[2], reverse: palette[3]};

/** The snapshots a surface redraws for: the first one (step 0) and every finished run; the others are skipped. */
export function fitEnds(source: Values<KlFitSnapshot>): Values<KlFitSnapshot> {
  const it = {
    async next(): Promise<IteratorResult<KlFitSnapshot, void>> {
      for (;;) {
        const r = await source.next();
        if (r.done || r.value.step === 0 || r.value.progress >= 1) return r;
      }
    },
    return: () => source.return(),
    [Symbol.asyncIterator]() {
      return it;
    }
  };
  return it as Values<KlFitSnapshot>;
}

const at = (b: {mu: number; sd: number}) => `μ = ${fmtRound(b.mu, 2)}, σ = ${fmt(b.sd, 2)}`;

/** What the figure says in words: the grid, the basins and both paths' ends, with their KL values. */
function describe(which: Direction, s: KlFitSnapshot, basins: Basin[], axes: {mu: number[]; sd: number[]}, paths: Record<Direction, {mu: number; sd: number; kl: number; step: number}[]>): string {
  const grid = `over μ from ${fmtRound(axes.mu[0], 2)} to ${fmtRound(axes.mu.at(-1)!, 2)} and σ from ${fmt(axes.sd[0], 2)} to ${fmt(axes.sd.at(-1)!, 2)} (${N} × ${N} points, nats)`;
  const b = basins.length === 1 ? `one basin, at ${at(basins[0])} (${fmt(basins[0].kl, 3)})` : `${basins.length} basins: ${basins.map((x) => `${at(x)} (${fmt(x.kl, 3)})`).join("; ")}`;
  const own = paths[which];
  const other = paths[which === "forward" ? "reverse" : "forward"];
  const first = own[0];
  const last = own.at(-1)!;
  const ends = s.step === 0
    ? `Both fits start at ${at(first)}, where ${NAME[which]} = ${fmt(first.kl, 3)}; run the fit to draw their paths.`
    : `The ${which} fit, which minimises it, went from ${at(first)} (${fmt(first.kl, 3)}) to ${at(last)} (${fmt(last.kl, 3)}) in ${last.step} steps; the ${which === "forward" ? "reverse" : "forward"} fit ended at ${at(other.at(-1)!)}, where ${NAME[which]} = ${fmt(other.at(-1)!.kl, 3)}.`;
  return `${which === "forward" ? "Forward" : "Reverse"} ${NAME[which]} ${grid}: ${b}. ${ends} Heights more than ${CUT_NATS} nats above the lowest are cut flat.`;
}

/** The figure for one fit snapshot (call once per snapshot, not inside resize()). Throws InputError for a bad config. */
export function KlSurfaceFigure(s: KlFitSnapshot, config: KlFitConfig, which: Direction, {invalidation}: {invalidation?: Promise<unknown>} = {}): HTMLElement {
  const paths = {forward: pathOn(s.history, "forward", which, config), reverse: pathOn(s.history, "reverse", which, config)};
  const surface = klSurface(config, surfaceAxes(config.mixture, [...paths.forward, ...paths.reverse]), N, N);
  const values = surface[which]; // (nSd, nMu)
  const floor = Math.min(...values.flat());
  const cut = floor + CUT_NATS;
  const shown = values.map((row) => row.map((v) => Math.min(v, cut)));
  const basins = localMinima(values, surface.mu, surface.sd);
  const lift = 0.02 * CUT_NATS; // lines a little above the surface, so it does not hide them
  const line = (fit: Direction) => {
    const p = paths[fit]; // drawn on the cut surface: heights above the cut run along its flat top
    return {
      type: "scatter3d", mode: "lines+markers", name: `${fit} fit's path`, x: p.map((d) => d.mu), y: p.map((d) => d.sd), z: p.map((d) => Math.min(d.kl, cut) + lift),
      line: {color: COLOR[fit], width: fit === which ? 7 : 4, dash: fit === which ? "solid" : "dash"},
      marker: {size: p.map((_, i) => (i === p.length - 1 ? 5 : 0)), color: COLOR[fit]},
      hovertemplate: `${fit} fit, step %{text}<br>μ = %{x:.3f}, σ = %{y:.3f}<br>${NAME[which]} = %{customdata:.4f} nats<extra></extra>`,
      text: p.map((d) => String(d.step)), customdata: p.map((d) => d.kl)
    };
  };
  const traces = [
    {
      type: "surface", name: NAME[which], x: surface.mu, y: surface.sd, z: shown, cmin: floor, cmax: cut, colorscale: "Viridis", reversescale: true, showscale: false, opacity: 0.92,
      contours: {z: {show: true, usecolormap: true, project: {z: true}}},
      hovertemplate: `μ = %{x:.2f}, σ = %{y:.2f}<br>${NAME[which]} = %{z:.3f} nats<extra></extra>`
    },
    line("forward"),
    line("reverse")
  ];
  const scene = {
    xaxis: {title: {text: "μ"}}, yaxis: {title: {text: "σ"}, type: "log", tickvals: [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20].filter((t) => t >= surface.sd[0] && t <= surface.sd.at(-1)!)}, zaxis: {title: {text: `${NAME[which]}, nats`}, range: [Math.max(0, floor - 0.05), cut + lift]},
    camera: {eye: {x: 1.5, y: -1.6, z: 0.9}}, aspectmode: "manual", aspectratio: {x: 1.3, y: 1, z: 0.7}
  };
  const fallback = (width: number) => flat(surface.mu, surface.sd, shown, paths, which, basins, Math.max(280, width));
  return figure3d({traces, scene, fallback, alt: describe(which, s, basins, surface, paths), invalidation});
}

/** The 2-D version: the capped surface as coloured cells over (μ, log σ), the paths and the basins. */
function flat(mu: number[], sd: number[], shown: number[][], paths: Record<Direction, {mu: number; sd: number}[]>, which: Direction, basins: Basin[], width: number): Element {
  const half = (mu[1] - mu[0]) / 2;
  const ratio = Math.sqrt(sd[1] / sd[0]);
  const cells = sd.flatMap((s, i) => mu.map((m, j) => ({x1: m - half, x2: m + half, y1: s / ratio, y2: s * ratio, v: shown[i][j]})));
  const other: Direction = which === "forward" ? "reverse" : "forward";
  return Plot.plot({
    ...plotDefaults(width, Math.round(Math.min(380, Math.max(260, width * 0.55)))),
    x: {label: "μ", domain: [mu[0] - half, mu.at(-1)! + half]},
    y: {label: "σ (log scale)", type: "log", domain: [sd[0] / ratio, sd.at(-1)! * ratio], tickFormat: tick},
    color: {scheme: "viridis", reverse: true, label: `${NAME[which]}, nats`, legend: true, tickFormat: (v: number) => tick(v)},
    grid: false,
    marks: [
      Plot.rect(cells, {x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: "v", inset: 0}),
      Plot.line(paths[other], {x: "mu", y: "sd", stroke: COLOR[other], strokeWidth: 2, strokeDasharray: "4,3"}),
      Plot.line(paths[which], {x: "mu", y: "sd", stroke: COLOR[which], strokeWidth: 3}),
      Plot.dot([paths[other].at(-1)!], {x: "mu", y: "sd", r: 4, fill: COLOR[other]}),
      Plot.dot([paths[which].at(-1)!], {x: "mu", y: "sd", r: 4, fill: COLOR[which]}),
      Plot.dot(basins, {x: "mu", y: "sd", r: 5, stroke: "white", strokeWidth: 2, symbol: "cross", title: (b: Basin) => `basin: ${at(b)}, ${fmt(b.kl, 3)} nats`})
    ]
  });
}
