// ROUGE on the metrics page: the P/R/F table for rouge1/2/L/Lsum and the LCS drawn as an alignment
// between the reference's and the candidate's tokens (the matches rouge-score counts).
import {lcsAlignment, rougeScore, rougeTokens, ROUGE_TYPES} from "../../labs/metrics/rouge.js";
import {fmt, palette} from "../kit/chart-style.js";
import {SimpleTable} from "../kit/table.js";
import {el} from "./dom.js";

export function RougeTable(target: string, prediction: string, stemmer: boolean): HTMLElement {
  const rows = ROUGE_TYPES.map((type) => {
    const s = rougeScore(target, prediction, {type, stemmer});
    return {type, precision: fmt(s.precision, 5), recall: fmt(s.recall, 5), F1: fmt(s.fmeasure, 5)};
  });
  const table = SimpleTable(rows, {className: "metrics-rouge"});
  table.querySelectorAll("tbody tr").forEach((tr, i) => ((tr as HTMLElement).dataset.type = ROUGE_TYPES[i]));
  return table;
}

const SVG = "http://www.w3.org/2000/svg";
function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/** Reference tokens on top, candidate tokens below, a line for each LCS match (rouge-score's backtrack). */
export function LcsAlignment(target: string, prediction: string, stemmer: boolean, {width}: {width: number}): HTMLElement {
  const top = rougeTokens(target, stemmer).slice(0, 60);
  const bottom = rougeTokens(prediction, stemmer).slice(0, 60);
  const pairs = lcsAlignment(top, bottom);
  const slot = Math.max(64, (width - 20) / Math.max(top.length, bottom.length, 1));
  const w = Math.max(width, slot * Math.max(top.length, bottom.length) + 20);
  const h = 110;
  const root = svg("svg", {width: w, height: h, viewBox: `0 0 ${w} ${h}`, role: "img", "aria-label": `LCS alignment: ${pairs.length} matched tokens`});
  const x = (i: number) => 10 + slot * (i + 0.5);
  const matchedTop = new Set(pairs.map(([i]) => i));
  const matchedBottom = new Set(pairs.map(([, j]) => j));
  for (const [i, j] of pairs) root.append(svg("line", {x1: x(i), y1: 30, x2: x(j), y2: 78, stroke: palette[0], "stroke-width": 2}));
  const label = (t: string, i: number, y: number, matched: boolean) => {
    const node = svg("text", {x: x(i), y, "text-anchor": "middle", "font-size": 13, "font-family": "var(--monospace)", fill: matched ? palette[0] : "currentColor", "font-weight": matched ? 700 : 400});
    node.textContent = t;
    return node;
  };
  top.forEach((t, i) => root.append(label(t, i, 20, matchedTop.has(i))));
  bottom.forEach((t, j) => root.append(label(t, j, 98, matchedBottom.has(j))));
  const box = el("div", {className: "metrics-lcs", style: "overflow-x:auto;max-width:100%"});
  box.append(root);
  box.append(el("p", {className: "lab-num"}, `LCS = ${pairs.length} tokens: recall ${pairs.length}/${top.length}, precision ${pairs.length}/${bottom.length}`));
  return box;
}
