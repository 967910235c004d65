// The two figures that change while the page trains: the loss curve and the 2-D projection. Each is
// drawn once as plain SVG and then updated in place (attributes and text of existing elements), so a
// refresh costs the main thread a few milliseconds: re-creating a Plot figure per snapshot inserts a
// new SVG and stylesheet, which makes the browser restyle, lay out and repaint the whole page.
import * as d3 from "d3";
import {fmt, palette} from "../kit/chart-style.js";

const SVG = "http://www.w3.org/2000/svg";

function el<K extends keyof SVGElementTagNameMap>(parent: Element, tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent.append(e);
  return e;
}

/** About `count` round tick values covering [0, max] (d3's nice steps). */
const ticks = (max: number, count: number): number[] => (max > 0 ? d3.ticks(0, max, count) : [0]);

/** 1200000 → "1.2M" (the "s" format of the static charts). */
const si = d3.format("~s");

function frame(width: number, height: number, label: string): {root: HTMLDivElement; svg: SVGSVGElement} {
  const root = document.createElement("div");
  root.className = "w2v-live";
  root.style.contain = "content"; // updates stay inside this box: no page-wide layout or paint
  const svg = el(root as unknown as Element, "svg", {width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label});
  svg.style.font = "10px var(--sans-serif, system-ui)";
  svg.style.overflow = "visible";
  svg.style.maxWidth = "100%";
  svg.style.height = "auto";
  return {root, svg};
}

/** Pools of reusable axis ticks: a line and a label each. */
function axisPool(svg: SVGSVGElement, n: number) {
  return Array.from({length: n}, () => ({
    line: el(svg, "line", {stroke: "currentColor", "stroke-opacity": 0.1}),
    text: el(svg, "text", {fill: "currentColor"})
  }));
}

export interface LossPoint {
  words: number;
  loss: number;
}

/** The training loss against words read, with the (1+k) ln 2 starting level as a dashed rule. */
export function liveLossChart(width: number, height = 240) {
  const {root, svg} = frame(width, height, "NEG loss per positive pair against words read");
  const m = {left: 44, right: 16, top: 20, bottom: 32};
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const xTicks = axisPool(svg, 12);
  const yTicks = axisPool(svg, 12);
  el(svg, "text", {x: m.left + w, y: height - 2, "text-anchor": "end", fill: "currentColor"}).textContent = "words read →";
  el(svg, "text", {x: 4, y: 10, fill: "currentColor"}).textContent = "↑ NEG loss per positive pair";
  const rule = el(svg, "line", {stroke: palette[9], "stroke-dasharray": "4,3"});
  const ruleText = el(svg, "text", {fill: palette[9], "text-anchor": "end", dy: -6});
  const path = el(svg, "path", {fill: "none", stroke: palette[0], "stroke-width": 1.5});
  return {
    node: root,
    update(loss: LossPoint[], initial: number) {
      const xMax = Math.max(1, loss.length ? loss[loss.length - 1].words : 1);
      let yMax = initial;
      for (const p of loss) if (p.loss > yMax) yMax = p.loss;
      yMax *= 1.05;
      const x = (v: number) => m.left + (v / xMax) * w;
      const y = (v: number) => m.top + h - (v / yMax) * h;
      const placeTicks = (pool: ReturnType<typeof axisPool>, values: number[], horizontal: boolean) =>
        pool.forEach((t, i) => {
          const v = values[i];
          const show = v !== undefined;
          t.line.style.display = t.text.style.display = show ? "" : "none";
          if (!show) return;
          if (horizontal) {
            t.line.setAttribute("x1", String(m.left));
            t.line.setAttribute("x2", String(m.left + w));
            t.line.setAttribute("y1", String(y(v)));
            t.line.setAttribute("y2", String(y(v)));
            t.text.setAttribute("x", String(m.left - 6));
            t.text.setAttribute("y", String(y(v) + 3));
            t.text.setAttribute("text-anchor", "end");
            t.text.textContent = fmt(v, 2);
          } else {
            t.line.setAttribute("x1", String(x(v)));
            t.line.setAttribute("x2", String(x(v)));
            t.line.setAttribute("y1", String(m.top));
            t.line.setAttribute("y2", String(m.top + h));
            t.text.setAttribute("x", String(x(v)));
            t.text.setAttribute("y", String(m.top + h + 14));
            t.text.setAttribute("text-anchor", "middle");
            t.text.textContent = si(v);
          }
        });
      placeTicks(xTicks, ticks(xMax, 6), false);
      placeTicks(yTicks, ticks(yMax, 5), true);
      rule.setAttribute("x1", String(m.left));
      rule.setAttribute("x2", String(m.left + w));
      rule.setAttribute("y1", String(y(initial)));
      rule.setAttribute("y2", String(y(initial)));
      ruleText.setAttribute("x", String(m.left + w));
      ruleText.setAttribute("y", String(y(initial)));
      ruleText.textContent = `(1+k) ln 2 = ${fmt(initial, 2)}`;
      // At most ~600 vertices: a long run's curve keeps its shape and the path stays cheap to draw.
      const stride = Math.max(1, Math.ceil(loss.length / 600));
      let d = "";
      for (let i = 0; i < loss.length; i += stride) d += `${d ? "L" : "M"}${x(loss[i].words).toFixed(1)},${y(loss[i].loss).toFixed(1)}`;
      path.setAttribute("d", d);
    }
  };
}

export interface ProjectedWord {
  word: string; // "" = unlabelled dot
  x: number;
  y: number;
  pos: string;
  hit: boolean; // the query or one of its neighbours
}

export const POS_COLORS: Record<string, string> = {NOUN: palette[0], VERB: palette[2], ADJ: palette[4], ADV: palette[6], OTHER: palette[9], "—": palette[9]};

/** A scatter of projected words coloured by part of speech, labels on some, rings on the hits. */
export function liveProjection(width: number, height = Math.round(Math.min(560, Math.max(320, width * 0.62)))) {
  const {root, svg} = frame(width, height, "2-D projection of word vectors");
  const legend = document.createElement("div");
  legend.className = "w2v-legend";
  for (const [pos, color] of Object.entries(POS_COLORS)) {
    if (pos === "—") continue;
    const item = document.createElement("span");
    item.innerHTML = `<svg width="10" height="10"><circle cx="5" cy="5" r="4" fill="${color}"></circle></svg> ${pos}`;
    legend.append(item, " ");
  }
  root.prepend(legend);
  const m = {left: 16, right: 16, top: 16, bottom: 32};
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const xLabel = el(svg, "text", {x: m.left + w, y: height - 4, "text-anchor": "end", fill: "currentColor"});
  const yLabel = el(svg, "text", {x: 2, y: 10, fill: "currentColor"});
  const dotLayer = el(svg, "g", {"fill-opacity": 0.8});
  const labelLayer = el(svg, "g", {"font-size": 10});
  const hitLayer = el(svg, "g");
  const dots: SVGCircleElement[] = [];
  const labels: SVGTextElement[] = [];
  const rings: SVGCircleElement[] = [];
  const hitLabels: SVGTextElement[] = [];
  const grow = <T extends SVGElement>(pool: T[], n: number, make: () => T) => {
    while (pool.length < n) pool.push(make());
    pool.forEach((e, i) => (e.style.display = i < n ? "" : "none"));
  };
  return {
    node: root,
    /** axes: the x and y axis names, e.g. PCA's components with their share of variance. */
    update(points: ProjectedWord[], axes: [string, string]) {
      let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      for (const p of points) {
        if (p.x < x0) x0 = p.x;
        if (p.x > x1) x1 = p.x;
        if (p.y < y0) y0 = p.y;
        if (p.y > y1) y1 = p.y;
      }
      const sx = (v: number) => m.left + ((v - x0) / (x1 - x0 || 1)) * w;
      const sy = (v: number) => m.top + h - ((v - y0) / (y1 - y0 || 1)) * h;
      const labelled = points.filter((p) => p.word && !p.hit);
      const hits = points.filter((p) => p.hit);
      grow(dots, points.length, () => el(dotLayer, "circle", {r: 2.5}));
      grow(labels, labelled.length, () => el(labelLayer, "text", {dy: -7, "text-anchor": "middle"}));
      grow(rings, hits.length, () => el(hitLayer, "circle", {r: 7, fill: "none", stroke: "black", "stroke-width": 2}));
      grow(hitLabels, hits.length, () => el(hitLayer, "text", {dy: 14, "text-anchor": "middle", "font-weight": "bold", "font-size": 13}));
      points.forEach((p, i) => {
        dots[i].setAttribute("cx", sx(p.x).toFixed(1));
        dots[i].setAttribute("cy", sy(p.y).toFixed(1));
        dots[i].setAttribute("fill", POS_COLORS[p.pos] ?? palette[9]);
      });
      labelled.forEach((p, i) => {
        labels[i].setAttribute("x", sx(p.x).toFixed(1));
        labels[i].setAttribute("y", sy(p.y).toFixed(1));
        labels[i].setAttribute("fill", POS_COLORS[p.pos] ?? palette[9]);
        if (labels[i].textContent !== p.word) labels[i].textContent = p.word;
      });
      hits.forEach((p, i) => {
        for (const e of [rings[i], hitLabels[i]]) {
          e.setAttribute(e === rings[i] ? "cx" : "x", sx(p.x).toFixed(1));
          e.setAttribute(e === rings[i] ? "cy" : "y", sy(p.y).toFixed(1));
        }
        if (hitLabels[i].textContent !== p.word) hitLabels[i].textContent = p.word;
      });
      if (xLabel.textContent !== `${axes[0]} →`) xLabel.textContent = `${axes[0]} →`;
      if (yLabel.textContent !== `↑ ${axes[1]}`) yLabel.textContent = `↑ ${axes[1]}`;
    }
  };
}
