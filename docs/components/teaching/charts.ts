// The teaching guide's Monte Carlo π chart: the running estimate against points drawn, with a
// ±2 standard-error band around π (binomial proportion, p = π/4).
import * as Plot from "@observablehq/plot";
import {palette, plotDefaults} from "../kit/chart-style.js";
import type {PiSnapshot} from "../../labs/kit/monte-carlo-pi.js";

const halfBand = (drawn: number) => 2 * 4 * Math.sqrt(((Math.PI / 4) * (1 - Math.PI / 4)) / drawn);

export function PiTrace(trace: PiSnapshot["trace"], {width}: {width: number}): Element {
  return Plot.plot({
    ...plotDefaults(width),
    y: {label: "estimate of π", domain: [2.9, 3.4]},
    x: {label: "points drawn", type: "log"},
    marks: [
      Plot.ruleY([Math.PI], {stroke: palette[2], strokeDasharray: "4,3"}),
      Plot.areaY(trace, {x: "drawn", y1: (d) => Math.PI - halfBand(d.drawn), y2: (d) => Math.PI + halfBand(d.drawn), fill: palette[0], fillOpacity: 0.12}),
      Plot.line(trace, {x: "drawn", y: "estimate", stroke: palette[0]})
    ]
  }) as Element;
}
