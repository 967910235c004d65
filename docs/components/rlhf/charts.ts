// Charts of the RLHF notebook: policy bars, training curves, calibration, head weights, the
// reward–KL frontier with PPO, best-of-n and DPO, best-of-n KL vs the formula, and win rates.
// Tooltips are `title`s (not Plot's `tip`): the page patches redrawn charts in place (see live.ts).
import * as Plot from "@observablehq/plot";
import {palette, plotDefaults} from "../kit/chart-style.js";
import type {FrontierRow} from "../../labs/rlhf/view.js";

type Opt = {width: number; height?: number};

/**
 * Probability of each candidate of one prompt under several policies. rows: {candidate, policy, p}.
 * The candidate labels wrap inside a left margin that shrinks with the width (a 375 px phone keeps
 * them on screen; give such widths taller facets, see barsHeight); the policies are told apart by
 * colour (legend), not by a second axis.
 */
export function PolicyBars(rows: {candidate: string; policy: string; p: number}[], {width, height}: Opt) {
  const marginLeft = Math.min(160, Math.round(width * 0.3));
  return Plot.plot({
    ...plotDefaults(width, height),
    marginLeft,
    x: {label: "probability", domain: [0, 1]},
    y: {axis: null},
    fy: {label: null},
    color: {legend: true, range: palette, domain: [...new Set(rows.map((r) => r.policy))]},
    marks: [
      Plot.axisFy({anchor: "left", label: null, lineWidth: (marginLeft - 14) / 12}), // wraps long labels
      Plot.barX(rows, {x: "p", y: "policy", fy: "candidate", fill: "policy", title: (d: {policy: string; p: number}) => `${d.policy}: ${d.p.toFixed(3)}`}),
      Plot.ruleX([0])
    ]
  });
}

/** Height for PolicyBars: taller facets on narrow widths, where a label wraps onto up to four lines. */
export const barsHeight = (candidates: number, width: number) => 40 + (width < 500 ? 56 : 34) * candidates;

/** Lines over training steps. rows: {step, value, series} */
export function Curves(rows: {step: number; value: number; series: string}[], {width, height, y, domain}: Opt & {y: string; domain?: [number, number]}) {
  return Plot.plot({
    ...plotDefaults(width, height),
    x: {label: "step"},
    y: {label: y, domain},
    color: {legend: true, range: palette},
    marks: [Plot.line(rows, {x: "step", y: "value", stroke: "series", z: "series", title: "series"})]
  });
}

/** Reliability diagram: predicted P(a ≻ b) vs observed frequency, point size = pairs in the bin. */
export function Calibration(bins: {predicted: number; observed: number; count: number}[], {width, height}: Opt) {
  return Plot.plot({
    ...plotDefaults(width, height ?? Math.min(320, width)),
    x: {label: "predicted P(first ≻ second) = σ(r₁ − r₂)", domain: [0, 1]},
    y: {label: "observed frequency", domain: [0, 1]},
    r: {range: [3, 12]},
    marks: [Plot.line([[0, 0], [1, 1]], {stroke: "#aaa", strokeDasharray: "4,3"}), Plot.line(bins, {x: "predicted", y: "observed", stroke: palette[0]}), Plot.dot(bins, {x: "predicted", y: "observed", r: "count", fill: palette[0], title: (d: {predicted: number; observed: number; count: number}) => `predicted ${d.predicted.toFixed(2)}, observed ${d.observed.toFixed(2)}, ${d.count} pairs`})]
  });
}

/** Bar per head weight (w_d of r = w·φ + b). */
export function HeadWeights(rows: {feature: string; weight: number}[], {width, height}: Opt) {
  return Plot.plot({
    ...plotDefaults(width, height ?? 200),
    marginLeft: 130,
    x: {label: "head weight"},
    y: {label: null, domain: rows.map((r) => r.feature)},
    marks: [Plot.barX(rows, {x: "weight", y: "feature", fill: (d: {weight: number}) => (d.weight >= 0 ? palette[0] : palette[2]), title: (d: {feature: string; weight: number}) => `${d.feature}: ${d.weight.toFixed(3)}`}), Plot.ruleX([0])]
  });
}

/** Value (RM reward or hidden utility) against KL(π‖π_SFT): curves, trajectories and labelled points. */
export function RewardKl(rows: FrontierRow[], {width, height, y}: Opt & {y: string}) {
  const curves = rows.filter((r) => r.kind === "curve");
  const paths = rows.filter((r) => r.kind === "path");
  const points = rows.filter((r) => r.kind === "point");
  return Plot.plot({
    ...plotDefaults(width, height),
    x: {label: "KL(π ‖ π_SFT), nats"},
    y: {label: y},
    color: {legend: true, range: palette},
    marks: [
      Plot.line(curves, {x: "kl", y: "value", stroke: "series", z: "series", strokeWidth: 2}),
      Plot.line(paths, {x: "kl", y: "value", stroke: "series", z: "series", strokeDasharray: "3,2"}),
      Plot.dot(paths, {x: "kl", y: "value", stroke: "series", r: 1.5}),
      Plot.dot(points, {x: "kl", y: "value", fill: "series", r: 5, title: (d: FrontierRow) => `${d.series}${d.label ? ` (${d.label})` : ""}: KL ${d.kl.toFixed(3)}, ${d.value.toFixed(3)}`}),
      Plot.text(points, {x: "kl", y: "value", text: "label", dy: -10, fontSize: 11})
    ]
  });
}

type BonRow = {n: number; kl: number; formula: number; reward: number; utility: number};
/** Two series of best-of-n against n (log scale), picked from each row. */
function BonLines(rows: BonRow[], series: [string, (r: BonRow) => number][], y: string, {width, height}: Opt) {
  const long = rows.flatMap((r) => series.map(([name, pick]) => ({n: r.n, value: pick(r), series: name})));
  return Plot.plot({
    ...plotDefaults(width, height),
    x: {label: "n", type: "log", base: 2},
    y: {label: y},
    color: {legend: true, range: palette},
    marks: [Plot.line(long, {x: "n", y: "value", stroke: "series", z: "series"}), Plot.dot(long, {x: "n", y: "value", fill: "series", r: 3, title: (d: {n: number; value: number; series: string}) => `n = ${d.n}, ${d.series}: ${d.value.toFixed(3)}`})]
  });
}

/** Best-of-n: measured KL and the formula log n − (n−1)/n against n. */
export const BonKl = (rows: BonRow[], opt: Opt) => BonLines(rows, [["exact KL on this data", (r) => r.kl], ["log n − (n−1)/n", (r) => r.formula]], "KL(π_BoN ‖ π_SFT), nats", opt);

/** Best-of-n: the RM's reward and the hidden utility of the kept response against n. */
export const BonReward = (rows: BonRow[], opt: Opt) => BonLines(rows, [["RM reward", (r) => r.reward], ["true utility", (r) => r.utility]], "mean over prompts", opt);

/** Scatter: the RM's reward against DPO's implicit reward, one dot per response. */
export function ImplicitScatter(rows: {rm: number; implicit: number; correct: string}[], {width, height}: Opt) {
  return Plot.plot({
    ...plotDefaults(width, height),
    x: {label: "reward model r(y) (centred per prompt)"},
    y: {label: "DPO implicit reward β·log(π/π_ref) (centred)"},
    color: {legend: true, range: [palette[0], palette[2]]},
    marks: [Plot.dot(rows, {x: "rm", y: "implicit", stroke: "correct", r: 3, title: (d: {rm: number; implicit: number; correct: string}) => `RM ${d.rm.toFixed(3)}, implicit ${d.implicit.toFixed(3)} (${d.correct})`})]
  });
}

/** Win rate against π_SFT by the hidden utility and by the RM. */
export function WinRates(rows: {policy: string; judge: string; win: number}[], {width, height}: Opt) {
  return Plot.plot({
    ...plotDefaults(width, height),
    marginLeft: 110,
    x: {label: "win rate vs π_SFT", domain: [0, 1]},
    y: {label: null},
    fy: {label: null},
    color: {legend: true, range: [palette[4], palette[1]]},
    marks: [Plot.barX(rows, {x: "win", y: "judge", fy: "policy", fill: "judge", title: (d: {policy: string; judge: string; win: number}) => `${d.policy}, judged by the ${d.judge}: ${d.win.toFixed(3)}`}), Plot.ruleX([0.5], {stroke: "#888", strokeDasharray: "4,3"})]
  });
}
