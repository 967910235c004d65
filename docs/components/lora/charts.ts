// Charts of the LoRA page: loss curves with Eckart–Young floors, singular-value spectra, accuracy vs
// trainable parameters, quantization error histograms and code levels, and the memory bill. Every line
// names its series (z) so Plot never guesses groups from a colour channel.
import * as Plot from "@observablehq/plot";
import {palette, plotDefaults} from "../kit/chart-style.js";

type Model = {label: string; r: number | null; floor: number; losses: number[]; learnedSingular: number[]};

const colorOf = (labels: string[]) => ({domain: labels, range: labels.map((_, i) => palette[i % palette.length]), legend: true});

/** Loss per step on a log axis, one line per model, dashed floors Σ_{i>r} σ_i². */
export function LossCurves(models: Model[], {width, floors = true}: {width: number; floors?: boolean}) {
  // At most ~150 points per line (every stride-th step plus the last): enough for the eye, cheap to redraw.
  const rows = models.flatMap((m) => {
    const stride = Math.max(1, Math.ceil(m.losses.length / 150));
    return m.losses.flatMap((loss, step) => (step % stride === 0 || step === m.losses.length - 1 ? [{label: m.label, step, loss: Math.max(loss, 1e-5)}] : []));
  });
  const labels = models.map((m) => m.label);
  return Plot.plot({
    ...plotDefaults(width),
    y: {type: "log", label: "loss = ‖ΔŴ − ΔW‖² (Frobenius; clipped at 1e−5)", ticks: 6, tickFormat: "~g"},
    x: {label: "Adam step"},
    color: colorOf(labels),
    marks: [
      Plot.line(rows, {x: "step", y: "loss", stroke: "label", z: "label"}),
      floors ? Plot.ruleY(models.filter((m) => m.floor > 1e-6), {y: "floor", stroke: "label", strokeDasharray: "4,3", strokeOpacity: 0.8}) : null
    ]
  });
}

/** Singular values of the target ΔW (black) and of each learned update (colours), by index. */
export function Spectra(target: number[], models: Model[], {width, count = 12}: {width: number; count?: number}) {
  // Learned values are dodged sideways per model; values below 1e-3 (an adapter has none past index r) are left out.
  const M = models.length;
  const rows = models.flatMap((m, j) =>
    m.learnedSingular.slice(0, count).flatMap((s, i) => (s > 1e-3 ? [{label: m.label, i: i + 1, x: i + 1 + (j - (M - 1) / 2) * 0.09, s}] : []))
  );
  const t = target.slice(0, count).map((s, i) => ({i: i + 1, s: Math.max(s, 1e-3)}));
  const labels = models.map((m) => m.label);
  return Plot.plot({
    ...plotDefaults(width),
    y: {type: "log", label: "singular value σᵢ", ticks: 5, tickFormat: "~g"},
    x: {label: "index i", ticks: count, tickFormat: "d"},
    color: colorOf(labels),
    marks: [
      Plot.line(t, {x: "i", y: "s", stroke: "currentColor", strokeWidth: 1, strokeOpacity: 0.6}),
      Plot.dot(t, {x: "i", y: "s", symbol: "diamond", r: 6, stroke: "currentColor", strokeWidth: 1.5, title: (d: {s: number}) => `ΔW: ${d.s.toFixed(4)}`}),
      Plot.dot(rows, {x: "x", y: "s", fill: "label", r: 3.5, title: (d: {label: string; s: number}) => `${d.label}: ${d.s.toFixed(4)}`}),
      Plot.text(t.slice(-1), {x: "i", y: "s", text: () => "ΔW", dy: -14, fill: "currentColor"}) // above the last diamond, clear of the axis and its label
    ]
  });
}

/** Gap above the floor at a given step for each rank, for two scalings. */
export function ScalingGap(rows: {scaling: string; r: number; gap: number}[], {width, step}: {width: number; step: number}) {
  return Plot.plot({
    ...plotDefaults(width, 260),
    x: {type: "log", base: 2, label: "rank r", ticks: [...new Set(rows.map((d) => d.r))], tickFormat: "d"},
    y: {type: "log", label: `loss − floor after ${step} steps`, tickFormat: "~g"},
    color: colorOf([...new Set(rows.map((d) => d.scaling))]),
    marks: [Plot.line(rows, {x: "r", y: "gap", stroke: "scaling", z: "scaling", marker: "circle"})]
  });
}

/** Accuracy on task B against trainable parameters (log x). */
export function AccuracyVsParams(rows: {label: string; trainable: number; accB: number}[], {width, base}: {width: number; base: number}) {
  const minX = Math.min(...rows.map((r) => r.trainable));
  const maxX = Math.max(...rows.map((r) => r.trainable));
  return Plot.plot({
    ...plotDefaults(width, 280),
    x: {type: "log", label: "trainable parameters", tickFormat: "~s"},
    y: {label: "accuracy on task B (test)", domain: [Math.min(base, ...rows.map((r) => r.accB)) - 0.03, 1]},
    marks: [
      Plot.ruleY([base], {stroke: palette[9], strokeDasharray: "4,3"}),
      Plot.text([base], {x: Math.min(...rows.map((r) => r.trainable)), y: (d: number) => d, text: () => "before adapting", dy: -8, textAnchor: "start", fill: palette[9]}),
      Plot.dot(rows, {x: "trainable", y: "accB", fill: (_: unknown, i: number) => palette[i % palette.length], r: 6}),
      // The outermost labels lean inwards, so none runs past the chart's edge.
      ...(["start", "middle", "end"] as const).map((anchor) =>
        Plot.text(rows.filter((d) => (d.trainable === maxX ? "end" : d.trainable === minX ? "start" : "middle") === anchor), {x: "trainable", y: "accB", text: "label", dy: -12, textAnchor: anchor}))
    ]
  });
}

/** Histograms of W − Ŵ for each scheme, faceted by row. */
export function ErrorHistograms(rows: {scheme: string; error: number}[], {width}: {width: number}) {
  const schemes = [...new Set(rows.map((r) => r.scheme))];
  return Plot.plot({
    ...plotDefaults(width, 90 * schemes.length + 40),
    marginRight: 70, // room for the longest facet label, "nf4 + DQ"
    fy: {label: null, domain: schemes},
    x: {label: "quantization error W − Ŵ", tickFormat: "~g"},
    y: {label: "count", ticks: 2},
    marks: [Plot.rectY(rows, Plot.binX({y: "count"}, {x: "error", fy: "scheme", fill: "scheme", thresholds: 60} as Plot.BinXInputs<Plot.RectYOptions>)), Plot.ruleX([0])],
    color: {domain: schemes, range: schemes.map((_, i) => palette[i])}
  });
}

/** The 16 (or 255) levels of each code on [−1, 1], over the N(0,1)-shaped density of normalised weights. */
export function CodeLevels(codes: {scheme: string; values: ArrayLike<number>}[], {width}: {width: number}) {
  const rows = codes.flatMap((c) => Array.from(c.values, (v) => ({scheme: c.scheme, v})));
  return Plot.plot({
    ...plotDefaults(width, 40 * codes.length + 50),
    x: {domain: [-1, 1], label: "code value (× block absmax)"},
    y: {domain: codes.map((c) => c.scheme), label: null},
    grid: false,
    marks: [Plot.tickX(rows, {x: "v", y: "scheme", stroke: "scheme", strokeWidth: 2}), Plot.ruleX([0], {strokeOpacity: 0.3})],
    color: {domain: codes.map((c) => c.scheme), range: codes.map((_, i) => palette[i])}
  });
}

/** Stacked memory bill per method, in GB. */
export function MemoryBars(rows: {method: string; item: string; gb: number}[], {width, limit}: {width: number; limit?: number}) {
  return Plot.plot({
    ...plotDefaults(width, 60 + 34 * new Set(rows.map((r) => r.method)).size),
    marginLeft: Math.min(150, Math.max(90, width / 3)),
    x: {label: "GB (10⁹ bytes), weights + adapters + optimizer; activations not included", grid: true},
    y: {label: null, domain: [...new Set(rows.map((r) => r.method))]},
    color: {legend: true, range: palette},
    marks: [Plot.barX(rows, {y: "method", x: "gb", fill: "item", title: (d: {item: string; gb: number}) => `${d.item}: ${d.gb.toFixed(2)} GB`}), limit ? Plot.ruleX([limit], {stroke: "currentColor", strokeDasharray: "4,3"}) : null]
  });
}


/** Final error of each model against the noisy target ΔW and against the clean signal S, by rank (full fine-tune at r = min(d, k)). */
export function ErrorByRank(rows: {rank: number; label: string; against: string; error: number}[], {width}: {width: number}) {
  const against = [...new Set(rows.map((d) => d.against))];
  return Plot.plot({
    ...plotDefaults(width, 260),
    x: {type: "log", base: 2, label: "rank r (rightmost: full fine-tune)", ticks: [...new Set(rows.map((d) => d.rank))], tickFormat: "d"},
    y: {type: "log", label: "squared Frobenius error after training", tickFormat: "~g"},
    color: colorOf(against),
    marks: [
      Plot.line(rows, {x: "rank", y: "error", stroke: "against", z: "against", marker: "circle"}),
      Plot.dot(rows, {x: "rank", y: "error", stroke: "against", r: 3, title: (d: {label: string; against: string; error: number}) => `${d.label}, ${d.against}: ${d.error.toFixed(4)}`})
    ]
  });
}

/** Held-out cross-entropy on task B over adaptation steps, one line per variant. */
export function HeldOutCurves(history: {step: number; testLossB: number[]}[], labels: string[], {width}: {width: number}) {
  const rows = history.flatMap((h) => h.testLossB.map((loss, i) => ({label: labels[i], step: h.step, loss})));
  return Plot.plot({
    ...plotDefaults(width, 240),
    x: {label: "adaptation step"},
    y: {label: "cross-entropy on held-out task-B inputs", tickFormat: "~g"},
    color: colorOf(labels),
    marks: [Plot.line(rows, {x: "step", y: "loss", stroke: "label", z: "label", marker: "circle"})]
  });
}
