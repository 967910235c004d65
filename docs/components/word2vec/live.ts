// The two figures that change while the page trains, as render functions for the kit's liveChart
// (docs/components/kit/live.ts), which redraws them in place: the loss curve and the 2-D word map.
// Plot figures take plain data; label placement on the map comes from labs/word2vec/labels.ts.
import * as Plot from "@observablehq/plot";
import {fmt, palette} from "../kit/chart-style.js";
import {collides, placeLabels, textBox, type Box} from "../../labs/word2vec/labels.js";
import type {SessionSnapshot} from "../../labs/word2vec/session.js";

/** The training loss against words read, with the (1+k) ln 2 starting level as a dashed rule. */
export function LossChart(s: Pick<SessionSnapshot, "loss">, negative: number, {width}: {width: number}): Element {
  const start = (1 + negative) * Math.LN2;
  return Plot.plot({
    width,
    height: 240,
    marginLeft: 48,
    marginRight: 16,
    style: {fontSize: "12px", fontFamily: "var(--sans-serif)", overflow: "visible"},
    ariaLabel: "NEG loss per positive pair against words read",
    grid: true,
    x: {label: "words read", labelArrow: "right", tickFormat: (v: number) => v.toLocaleString("en-US"), ticks: Math.max(2, Math.floor(width / 120))},
    y: {label: "NEG loss per positive pair", domain: [0, 1.05 * Math.max(start, ...s.loss.map((p) => p.loss))], tickFormat: (v: number) => fmt(v, 2)},
    marks: [
      Plot.ruleY([start], {stroke: palette[9], strokeDasharray: "4,3"}),
      Plot.text([`(1+k) ln 2 = ${fmt(start, 2)}`], {frameAnchor: "top-right", y: start, dy: -8, textAnchor: "end"}),
      Plot.line(s.loss, {x: "words", y: "loss", stroke: palette[0], strokeWidth: 1.5})
    ]
  });
}

export interface ProjectedWord {
  word: string; // "" = unlabelled dot
  x: number;
  y: number;
  pos: string;
  hit: boolean; // the query or one of its neighbours
  rank: number; // among hits: 0 = the query, then neighbours nearest first; else Infinity
}

export const POS_COLORS: Record<string, string> = {NOUN: palette[0], VERB: palette[2], ADJ: palette[4], ADV: palette[6], OTHER: palette[9], "—": palette[9]};

const HIT_FONT = 13;
const WORD_FONT = 10;

/**
 * A scatter of projected words coloured by part of speech, small labels on some, and the query and
 * its neighbours ringed with bold labels placed so that none overlaps another (leader lines join
 * moved labels to their points). A small label that would sit under a bold one is left out.
 */
export function WordMap(points: ProjectedWord[], axes: [string, string], {width}: {width: number}): Element {
  const height = Math.round(Math.min(560, Math.max(320, width * 0.62)));
  const m = {left: 16, right: 16, top: 16, bottom: 32};
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const extent = (values: number[]) => {
    const lo = Math.min(...values), hi = Math.max(...values);
    return hi > lo ? [lo, hi] : [lo - 1, hi + 1];
  };
  const [x0, x1] = extent(points.map((p) => p.x));
  const [y0, y1] = extent(points.map((p) => p.y));
  // Plot's linear scales over these domains and ranges, in pixels, to place labels before drawing.
  const px = (v: number) => m.left + ((v - x0) / (x1 - x0)) * w;
  const py = (v: number) => m.top + h - ((v - y0) / (y1 - y0)) * h;
  const dataX = (p: number) => x0 + ((p - m.left) / w) * (x1 - x0);
  const dataY = (p: number) => y0 + ((m.top + h - p) / h) * (y1 - y0);

  const hits = points.filter((p) => p.hit && p.word).sort((a, b) => a.rank - b.rank);
  const rings: Box[] = hits.map((p) => ({x0: px(p.x) - 8, y0: py(p.y) - 8, x1: px(p.x) + 8, y1: py(p.y) + 8}));
  const placed = placeLabels(
    hits.map((p) => {
      const b = textBox(p.word, 0, 0, HIT_FONT);
      return {x: px(p.x), y: py(p.y), width: b.x1 - b.x0, height: b.y1 - b.y0};
    }),
    {x0: 0, y0: 0, x1: width, y1: height - m.bottom + 12},
    rings
  );
  const hitLabels = hits.map((p, i) => ({word: p.word, x: p.x, y: p.y, lx: dataX(placed[i].x), ly: dataY(placed[i].y), far: Math.hypot(placed[i].x - px(p.x), placed[i].y - py(p.y)) > 14}));
  // Small labels, most frequent first, each only where it covers no bold label, ring or earlier small label.
  const taken = [...placed.map((p) => p.box), ...rings];
  const minor = points.filter((p) => {
    if (!p.word || p.hit) return false;
    const box = textBox(p.word, px(p.x), py(p.y) - 7, WORD_FONT);
    if (collides(box, taken)) return false;
    taken.push(box);
    return true;
  });

  return Plot.plot({
    width,
    height,
    marginLeft: m.left,
    marginRight: m.right,
    marginTop: m.top,
    marginBottom: m.bottom,
    style: {fontSize: "10px", fontFamily: "var(--sans-serif)", overflow: "visible"},
    ariaLabel: "2-D projection of word vectors",
    x: {domain: [x0, x1], axis: null},
    y: {domain: [y0, y1], axis: null},
    marks: [
      Plot.dot(points, {x: "x", y: "y", r: 2.5, fill: (p: ProjectedWord) => POS_COLORS[p.pos] ?? palette[9], fillOpacity: 0.8, title: (p: ProjectedWord) => p.word}),
      Plot.text(minor, {x: "x", y: "y", text: "word", dy: -7, fontSize: WORD_FONT, fill: "currentColor", fillOpacity: 0.75}),
      Plot.dot(hits, {x: "x", y: "y", r: 7, stroke: "currentColor", strokeWidth: 2}),
      Plot.link(hitLabels.filter((l) => l.far), {x1: "x", y1: "y", x2: "lx", y2: "ly", stroke: "currentColor", strokeOpacity: 0.5}),
      Plot.text(hitLabels, {x: "lx", y: "ly", text: "word", fontSize: HIT_FONT, fontWeight: "bold", fill: "currentColor", stroke: "var(--theme-background, white)", strokeWidth: 3, lineAnchor: "middle"}),
      Plot.text([`${axes[0]} →`], {frameAnchor: "bottom-right", dy: 22, fill: "currentColor"}),
      Plot.text([`↑ ${axes[1]}`], {frameAnchor: "top-left", dy: -10, textAnchor: "start", fill: "currentColor"})
    ]
  });
}

/** The map's legend: one swatch per coarse part of speech. */
export function MapLegend(): HTMLElement {
  const legend = document.createElement("div");
  legend.className = "w2v-legend";
  for (const [pos, color] of Object.entries(POS_COLORS)) {
    if (pos === "—") continue;
    const item = document.createElement("span");
    const swatch = document.createElement("span");
    swatch.className = "w2v-swatch";
    swatch.style.background = color;
    item.append(swatch, ` ${pos}`);
    legend.append(item);
  }
  return legend;
}
