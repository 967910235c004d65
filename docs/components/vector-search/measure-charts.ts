// Figures of the measurement notebook: recall@10 against single-query QPS for every index and
// nprobe, and a base64 float32 decoder for the word-vector file.
import * as Plot from "@observablehq/plot";
import type {MeasureRow} from "../../labs/vector-search/measure.js";
import {palette, plotDefaults} from "../kit/chart-style.js";

const NAMES: Record<string, string> = {flat: "Flat", pq: "PQ", "ivf-flat": "IVF-Flat", "ivf-pq": "IVF-PQ"};

export function RecallQPS(rows: MeasureRow[], {width}: {width: number}): HTMLElement {
  const data = rows.map((r) => ({...r, name: NAMES[r.index]}));
  return Plot.plot({
    ...plotDefaults(width, 340),
    x: {label: "queries per second (one at a time) →", type: "log"},
    y: {label: "recall@10", domain: [0, 1.02]},
    color: {legend: true, domain: Object.values(NAMES), range: [palette[9], palette[1], palette[0], palette[2]]},
    marks: [
      Plot.line(data.filter((r) => r.nprobe !== null), {x: "qps", y: "recallAt10", stroke: "name", z: "name", sort: "nprobe"}),
      Plot.dot(data, {x: "qps", y: "recallAt10", fill: "name", r: 4, tip: true, title: (r: MeasureRow & {name: string}) => `${r.name}${r.nprobe ? ` nprobe ${r.nprobe}` : ""}\nrecall@10 ${r.recallAt10.toFixed(3)}\n${Math.round(r.qps)} QPS\n${r.bytesPerVector} B/vector`}),
      Plot.text(data.filter((r) => r.nprobe !== null), {x: "qps", y: "recallAt10", text: (r: MeasureRow) => String(r.nprobe), dy: -9, fontSize: 10, fill: "name"})
    ]
  }) as HTMLElement;
}

export function base64Floats(text: string): Float32Array {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Float32Array(bytes.buffer, 0, bytes.length >> 2);
}
