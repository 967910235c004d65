// The judge simulator's figure: the three win-rate estimates with 95% intervals as judgments accumulate,
// against the true preference rate; and the final numbers as a table.
import * as Plot from "@observablehq/plot";
import type {JudgeRun} from "../../labs/metrics/judge.js";
import {fmt, palette, plotDefaults} from "../kit/chart-style.js";
import {SimpleTable} from "../kit/table.js";

const SERIES = [
  {key: "raw", label: "raw (candidate shown first)", color: palette[2]},
  {key: "swap", label: "swap-consistent", color: palette[0]},
  {key: "lengthControlled", label: "length-controlled", color: palette[4]}
] as const;

export function JudgeChart(run: JudgeRun, {width}: {width: number}): Element {
  const points = SERIES.flatMap((s) => run.checkpoints.map((c) => ({n: c.n, series: s.label, ...c[s.key]})));
  return Plot.plot({
    ...plotDefaults(width),
    x: {type: "log", label: "pairs judged"},
    y: {label: "estimated win rate of the candidate", domain: [0, 1]},
    color: {domain: SERIES.map((s) => s.label), range: SERIES.map((s) => s.color), legend: true},
    marks: [
      Plot.areaY(points, {x: "n", y1: "low", y2: "high", fill: "series", fillOpacity: 0.12, z: "series"}),
      Plot.line(points, {x: "n", y: "estimate", stroke: "series"}),
      Plot.ruleY([run.truth], {stroke: "currentColor", strokeDasharray: "4,3"}),
      Plot.text([{n: run.checkpoints[0].n, y: run.truth}], {x: "n", y: "y", text: () => `true rate ${fmt(run.truth, 3)}`, dy: -8, textAnchor: "start"})
    ]
  }) as Element;
}

export function JudgeTable(run: JudgeRun): HTMLElement {
  const f = run.final;
  const rows = SERIES.map((s) => {
    const e = f[s.key];
    const covers = e.low <= run.truth && run.truth <= e.high;
    return {estimate: s.label, "win rate": fmt(e.estimate, 3), "95% interval": `${fmt(e.low, 3)} – ${fmt(e.high, 3)}`, "error vs truth": fmt(e.estimate - run.truth, 3), "holds the truth": covers ? "yes" : "no"};
  });
  const table = SimpleTable(rows, {className: "metrics-judge"});
  return table;
}
