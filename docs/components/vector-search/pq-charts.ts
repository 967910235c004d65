// Figures of the PQ notebook: one vector cut into m sub-vectors beside its reconstruction, and the
// distortion grid over m and nbits.
import * as Plot from "@observablehq/plot";
import {palette, plotDefaults} from "../kit/chart-style.js";

/** One vector (dots) and its reconstruction (diamonds); every other sub-vector's band is shaded, across the full height. */
export function VectorSplit(x: ArrayLike<number>, rec: ArrayLike<number>, {width, m}: {width: number; m: number}): HTMLElement {
  const d = x.length, dsub = d / m;
  const rows = Array.from({length: d}, (_, j) => ({j, x: x[j], rec: rec[j], sub: Math.floor(j / dsub)}));
  const bands = Array.from({length: m}, (_, s) => ({s}));
  return Plot.plot({
    ...plotDefaults(width, 260),
    className: "vs-split",
    x: {label: "dimension", domain: [-0.5, d - 0.5]},
    y: {label: "value"},
    color: {legend: true, domain: ["original x", "reconstruction q(x)"], range: [palette[0], palette[2]]},
    marks: [
      // no y channel: a rect spans the frame's full height
      Plot.rect(bands.filter((b) => b.s % 2 === 1), {x1: (r: {s: number}) => r.s * dsub - 0.5, x2: (r: {s: number}) => (r.s + 1) * dsub - 0.5, fill: "#000", fillOpacity: 0.06, className: "vs-band"}),
      Plot.ruleY([0]),
      Plot.link(rows, {x1: "j", x2: "j", y1: "x", y2: "rec", stroke: "#999"}),
      Plot.dot(rows, {x: "j", y: "x", fill: () => "original x", r: 3}),
      Plot.dot(rows, {x: "j", y: "rec", stroke: () => "reconstruction q(x)", r: 3.5, symbol: "diamond"}),
      ...(m <= 16 ? [Plot.text(bands, {x: (r: {s: number}) => s2(r.s, dsub), text: (r: {s: number}) => `u${r.s + 1}`, fontSize: 10, frameAnchor: "top", dy: 4})] : [])
    ]
  }) as HTMLElement;
}
const s2 = (s: number, dsub: number) => s * dsub + (dsub - 1) / 2;

/**
 * The distortion grid over code size, drawn once at a fixed width (the SVG scales with the page);
 * mark(current) moves a ring to the current setting without redrawing the chart.
 */
type Current = {m: number; nbits: number; distortion: number} | null;

export function DistortionGrid(grid: {m: number; nbits: number; distortion: number; bytes: number}[]): Element & {mark(current: Current): void} {
  const plot = Plot.plot({
    ...plotDefaults(640, 300),
    x: {label: "code size (bytes per vector) = m·nbits/8", type: "log", tickFormat: "~g"},
    y: {label: "mean squared error ‖x − q(x)‖²", type: "log", tickFormat: "~g"},
    color: {legend: true, type: "ordinal", label: "nbits", range: [palette[0], palette[1], palette[2], palette[4]]},
    marks: [
      Plot.line(grid, {x: "bytes", y: "distortion", stroke: "nbits", z: "nbits", marker: "dot"}),
      Plot.text(grid.filter((g) => g.nbits === 8), {x: "bytes", y: "distortion", text: (g: {m: number}) => `m=${g.m}`, dy: -10, fontSize: 10})
    ]
  });
  const figure = plot as typeof plot & {mark(current: Current): void};
  // the chart's own svg (the ordinal legend's swatches are small svgs inside a div)
  const svg = plot.tagName.toLowerCase() === "svg" ? plot : plot.querySelector(":scope > svg")!;
  const ring = document.createElementNS("http://www.w3.org/2000/svg", "circle");
  ring.setAttribute("r", "8");
  ring.setAttribute("fill", "none");
  ring.setAttribute("stroke", "black");
  ring.setAttribute("stroke-width", "2");
  ring.classList.add("vs-current");
  svg.append(ring);
  const sx = plot.scale("x")!, sy = plot.scale("y")!;
  figure.mark = (current) => {
    ring.style.display = current ? "" : "none";
    if (!current) return;
    ring.setAttribute("cx", String(sx.apply((current.m * current.nbits) / 8)));
    ring.setAttribute("cy", String(sy.apply(current.distortion)));
  };
  return figure;
}
