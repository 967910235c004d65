// Static figures for the word2vec page: the subsampling and noise distributions from the real counts,
// a sentence's training pairs, neighbour tables, downloads. (The loss curve and the map, which change
// while training, are in live.ts.) Plot figures take plain data; all numbers come from labs/word2vec.
import * as Plot from "@observablehq/plot";
import {fmt, palette, plotDefaults} from "../kit/chart-style.js";
import type {KeepRow} from "../../labs/word2vec/explore.js";
import type {SentenceIllustration} from "../../labs/word2vec/illustrate.js";
import {notice} from "../kit/callouts.js";
import {SimpleTable} from "../kit/table.js";
import {axisNumber} from "../../labs/word2vec/format.js";

/** Every `every`-th power of ten within the values' range: log-axis ticks that each get a label. */
function decades(values: number[], every: number): number[] {
  const positive = values.filter((v) => v > 0);
  const lo = Math.floor(Math.log10(Math.min(...positive)));
  const hi = Math.ceil(Math.log10(Math.max(...positive)));
  const out: number[] = [];
  for (let e = lo; e <= hi; e += every) out.push(10 ** e);
  return out;
}

export function KeepChart(rows: KeepRow[], {width, sample, paperT}: {width: number; sample: number; paperT: number}) {
  const long = rows.flatMap((r) => [
    {word: r.word, frequency: r.frequency, keep: r.code, rule: `code: min(1, √(s/f) + s/f), s = ${sample}`},
    {word: r.word, frequency: r.frequency, keep: r.paper, rule: `paper: √(t/f), t = ${paperT}`}
  ]);
  const labelled = rows.slice(0, 8);
  return Plot.plot({
    ...plotDefaults(width, 280),
    x: {type: "log", label: "word frequency f = count / T", tickFormat: axisNumber, ticks: decades(rows.map((r) => r.frequency), width < 500 ? 2 : 1)},
    y: {label: "probability a token is kept", domain: [0, 1.02]},
    color: {legend: true, range: [palette[0], palette[1]]},
    marks: [
      Plot.ruleX([((3 + Math.sqrt(5)) / 2) * sample], {stroke: palette[9], strokeDasharray: "4,3"}),
      Plot.dot(long, {x: "frequency", y: "keep", stroke: "rule", r: 1.5}),
      Plot.text(labelled, {x: "frequency", y: "code", text: "word", dy: -8, fill: palette[0]})
    ]
  });
}

export function NoiseChart(rows: Array<{word: string; unigram: number; noise: number}>, {width}: {width: number}) {
  const long = rows.flatMap((r) => [
    {word: r.word, p: r.unigram, dist: "unigram c/T"},
    {word: r.word, p: r.noise, dist: "noise c^0.75 / Z"}
  ]);
  return Plot.plot({
    ...plotDefaults(width, 260),
    marginBottom: 56,
    x: {domain: rows.map((r) => r.word), label: null, tickRotate: -45},
    y: {label: "probability", type: "log", tickFormat: axisNumber, ticks: decades(long.map((r) => r.p), 1)},
    color: {legend: true, range: [palette[9], palette[2]]},
    marks: [Plot.dot(long, {x: "word", y: "p", stroke: "dist", fill: "dist", r: 3})]
  });
}

/** A sentence as chips: kept words solid, dropped words struck through, the window around `center`. */
export function SentenceView(words: Array<{word: string; kept: boolean; keep: number}>, center: number, radius: number, maxRadius: number): HTMLElement {
  const root = document.createElement("div");
  root.className = "w2v-sentence";
  const kept = words.map((w, i) => ({...w, i})).filter((w) => w.kept);
  const position = kept.findIndex((w) => w.i === center);
  words.forEach((w, i) => {
    const chip = document.createElement("span");
    chip.textContent = w.word;
    chip.title = `keep probability ${fmt(w.keep, 3)}`;
    const k = kept.findIndex((x) => x.i === i);
    const distance = position < 0 || k < 0 ? Infinity : Math.abs(k - position);
    chip.className = !w.kept ? "w2v-dropped" : i === center ? "w2v-center" : distance <= radius ? "w2v-context" : distance <= maxRadius ? "w2v-outside" : "";
    root.append(chip, " ");
  });
  return root;
}

/** The illustrated sentence and its training pairs with their sampled negatives (or why there are none). */
export function SentenceFigure(illus: SentenceIllustration, maxRadius: number, negative: number): HTMLElement {
  const root = document.createElement("div");
  if (illus.center < 0) {
    root.append(notice("Subsampling dropped every word of this sentence; try another sentence or seed.", "info"));
    return root;
  }
  root.append(SentenceView(illus.words, illus.center, illus.radius, maxRadius));
  const rows = illus.pairs.map((p, i) => ({"input (context)": p.input, "target (center)": p.target, distance: p.distance, [`${negative} negatives`]: illus.negatives[i].join(", ")}));
  if (rows.length) root.append(SimpleTable(rows, {className: "w2v-pairs"}));
  return root;
}

/** A click-to-download button for text produced on demand. */
export function downloadButton(label: string, filename: string, content: () => string): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  button.className = "w2v-download";
  button.addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob([content()], {type: "text/plain"}));
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  return button;
}

/** Neighbour lists as a small table: one column per list. */
export function NeighbourTable(columns: Array<{title: string; rows: Array<{word: string; score: number}>}>): HTMLElement {
  const table = document.createElement("table");
  table.className = "w2v-neighbours";
  const head = table.createTHead().insertRow();
  for (const c of columns) {
    const th = document.createElement("th");
    th.textContent = c.title;
    th.colSpan = 2;
    head.append(th);
  }
  const body = table.createTBody();
  const n = Math.max(0, ...columns.map((c) => c.rows.length));
  for (let i = 0; i < n; i++) {
    const tr = body.insertRow();
    for (const c of columns) {
      const r = c.rows[i];
      tr.insertCell().textContent = r ? r.word : "";
      const score = tr.insertCell();
      score.textContent = r ? fmt(r.score, 3) : "";
      score.className = "lab-num";
    }
  }
  return table;
}
