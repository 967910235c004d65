// Charts for the loss page, as Plot figures: the four measures, CE and KL along a path, and the
// label-smoothing loss against the logit gap (the live Gaussian fit is drawn by fit-view.ts).
// Infinite values are drawn as a capped bar labelled ∞; non-finite points never reach an axis.
import * as Plot from "@observablehq/plot";
import {toUnits, type Measures, type PathPoint, type Units} from "../../labs/loss/categorical.js";
import {mixtureLogPdf, type Mixture} from "../../labs/loss/gaussian.js";
import {optimalLogitGap, smoothedLossAtGap} from "../../labs/loss/smoothing.js";
import {fmt, palette, plotDefaults} from "../kit/chart-style.js";

/** fmt, with values that round to 0 at this precision printed as 0 (no 1.5e−7 for a converged mean). */
export function fmtRound(x: number, digits = 3): string {
  return fmt(Math.abs(x) < 0.5 * 10 ** -digits ? 0 : x, digits);
}

/**
 * An axis tick in plain or scientific notation: 0.02, 0.5, 20, 1.5e−7; never an SI prefix ("20m",
 * "100µ" read as units), which is what a log scale's default ticks print.
 */
export function tick(x: number): string {
  if (x === 0) return "0";
  const a = Math.abs(x);
  const text = a >= 1e-3 && a < 1e5 ? String(+x.toPrecision(3)) : x.toExponential(1).replace(/\.0e/, "e");
  return text.replace(/-/g, "−");
}

export function MeasuresChart(m: Measures, {width, units}: {width: number; units: Units}) {
  const rows = [
    {name: "H(p)", value: toUnits(m.Hp, units), color: palette[0]},
    {name: "H(p, q)", value: toUnits(m.CEpq, units), color: palette[1]},
    {name: "KL(p‖q)", value: toUnits(m.KLpq, units), color: palette[2]},
    {name: "KL(q‖p)", value: toUnits(m.KLqp, units), color: palette[3]}
  ];
  const finiteMax = Math.max(1e-9, ...rows.filter((r) => Number.isFinite(r.value)).map((r) => r.value));
  const cap = finiteMax * 1.25;
  const shown = rows.map((r) => ({...r, bar: Number.isFinite(r.value) ? r.value : cap, label: fmt(r.value, 3)}));
  return Plot.plot({
    ...plotDefaults(width, 170),
    marginLeft: 70,
    x: {label: `${units}`, domain: [0, cap * 1.12], tickFormat: tick},
    y: {label: null, domain: rows.map((r) => r.name)},
    marks: [
      Plot.barX(shown, {x: "bar", y: "name", fill: "color"}),
      Plot.text(shown, {x: "bar", y: "name", text: "label", dx: 4, textAnchor: "start", fontSize: 12}),
      Plot.ruleX([0])
    ]
  });
}

/** Log-axis ticks labelled only at mantissas such as 1, 2, 5 (the others stay as unlabelled ticks). */
function logTick(mantissas: number[]) {
  return (x: number) => (mantissas.includes(+(x / 10 ** Math.floor(Math.log10(x) + 1e-9)).toFixed(6)) ? tick(x) : "");
}

export function PathChart(rows: PathPoint[], options: {width: number; units: Units; xLabel: string; logX?: boolean; yMax: number}) {
  const {width, units, xLabel, logX = false, yMax} = options;
  const series = rows.flatMap((r) => [
    {t: r.t, value: toUnits(r.ce, units), series: "H(p, q)"},
    {t: r.t, value: toUnits(r.kl, units), series: "KL(p‖q)"},
    {t: r.t, value: toUnits(r.hp, units), series: "H(p)"}
  ]).filter((d) => Number.isFinite(d.value));
  const best = rows.reduce((a, b) => (b.kl < a.kl ? b : a), rows[0]);
  return Plot.plot({
    ...plotDefaults(width, 260),
    x: {label: xLabel, type: logX ? "log" : "linear", tickFormat: logX ? logTick(width < 500 ? [1] : [1, 2, 5]) : tick},
    y: {label: units, domain: [0, toUnits(yMax, units)], tickFormat: tick},
    color: {domain: ["H(p, q)", "KL(p‖q)", "H(p)"], range: [palette[1], palette[2], palette[0]], legend: true},
    marks: [
      Plot.line(series.filter((d) => d.series !== "H(p)"), {x: "t", y: "value", stroke: "series", z: "series", strokeWidth: 2, clip: true}),
      Plot.line(series.filter((d) => d.series === "H(p)"), {x: "t", y: "value", stroke: "series", z: "series", strokeDasharray: "4,3", clip: true}),
      Plot.ruleX([best.t], {stroke: "currentColor", strokeOpacity: 0.4}),
      Plot.text([best], {x: "t", y: () => toUnits(yMax, units), text: () => `minimum: q = p`, dy: 10, dx: 4, textAnchor: "start", fontSize: 11})
    ]
  });
}

/** The mixture's density at n points of domain, computed once per mixture (not per frame). */
export function mixtureCurve(mixture: Mixture, domain: [number, number], n = 240): {x: number; y: number}[] {
  return Array.from({length: n}, (_, i) => {
    const x = domain[0] + ((domain[1] - domain[0]) * i) / (n - 1);
    return {x, y: Math.exp(mixtureLogPdf(mixture, x))};
  });
}

export function SmoothingChart(K: number, epsilon: number, {width}: {width: number}) {
  const gaps = Array.from({length: 241}, (_, i) => i * 0.1);
  const rows = gaps.flatMap((g) => [
    {gap: g, loss: smoothedLossAtGap(K, 0, g), series: "ε = 0 (one-hot)"},
    {gap: g, loss: smoothedLossAtGap(K, epsilon, g), series: `ε = ${epsilon}`}
  ]);
  const best = optimalLogitGap(K, epsilon);
  const marks: Plot.Markish[] = [Plot.line(rows, {x: "gap", y: "loss", stroke: "series", z: "series", strokeWidth: 2}), Plot.ruleY([0])];
  if (Number.isFinite(best) && best <= 24) {
    marks.push(Plot.ruleX([best], {stroke: palette[1], strokeDasharray: "4,3"}));
    marks.push(Plot.text([best], {x: (d: number) => d, y: smoothedLossAtGap(K, 0, 0), text: (d: number) => `best gap ${fmt(d, 2)}`, dx: 4, textAnchor: "start", fontSize: 11}));
  }
  return Plot.plot({
    ...plotDefaults(width, 240),
    x: {label: "logit gap z_y − z_other"},
    y: {label: "cross-entropy (nats)", zero: true},
    color: {domain: ["ε = 0 (one-hot)", `ε = ${epsilon}`], range: [palette[0], palette[1]], legend: true},
    marks
  });
}
