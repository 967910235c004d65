// The map's words on the first three principal axes, as a rotatable 3-D cloud (kit figure3d, plotly
// loaded when it scrolls into view), coloured by part of speech; the query and its neighbours, the
// 2-D map's selection, are the large labelled points. Hover names a word and its nearest words among
// those shown. The 2-D version is the page's own PCA map. Projections: labs/word2vec/evaluate.ts.
import {PCA_WORDS, project} from "../../labs/word2vec/evaluate.js";
import {figure3d} from "../kit/plot3d.js";
import type {Explorer} from "./explorer.js";
import {pcaMap, type mapWords} from "./explorer.js";
import {POS_COLORS, WordMap} from "./live.js";
import {pcaOf} from "./page.js";

const HOVER_NEIGHBOURS = 4;

/** For each shown row, its nearest shown rows by cosine (unit rows: a dot product). (n,) lists of k indices into rows */
function shownNeighbours(ex: Explorer, rows: number[], k: number): number[][] {
  const D = ex.space.dim;
  return rows.map((r, i) => {
    const scores: [number, number][] = [];
    for (let j = 0; j < rows.length; j++) {
      if (j === i) continue;
      let s = 0;
      for (let d = 0; d < D; d++) s += ex.unit[r * D + d] * ex.unit[rows[j] * D + d];
      scores.push([s, j]);
    }
    return scores.sort((a, b) => b[0] - a[0]).slice(0, k).map(([, j]) => j);
  });
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The 3-D cloud of the map's words (call once per explorer and selection, not inside resize()). */
export function WordCloud3d(ex: Explorer, shown: ReturnType<typeof mapWords>, {invalidation}: {invalidation?: Promise<unknown>} = {}): HTMLElement {
  const pca = pcaOf(ex.space);
  const {rows} = shown;
  const xyz = project(ex.space.vectors, ex.space.dim, pca, rows, 3); // (n, 3)
  const near = shownNeighbours(ex, rows, HOVER_NEIGHBOURS);
  const points = shown.points(new Float64Array(rows.length * 2)); // labels, POS and hits of the 2-D map, same order
  const word = (j: number) => ex.words[rows[j]];
  const hover = (j: number) => `<b>${escapeHtml(word(j))}</b> (${points[j].pos})<br>nearest shown: ${near[j].map((i) => escapeHtml(word(i))).join(", ")}`;
  const byPos = new Map<string, number[]>();
  points.forEach((p, j) => byPos.set(p.pos, [...(byPos.get(p.pos) ?? []), j]));
  const hits = points.map((p, j) => j).filter((j) => points[j].hit).sort((a, b) => points[a].rank - points[b].rank);
  const coord = (js: number[], a: number) => js.map((j) => xyz[3 * j + a]);
  const traces: object[] = [...byPos].map(([pos, js]) => ({
    type: "scatter3d", mode: "markers", name: pos, x: coord(js, 0), y: coord(js, 1), z: coord(js, 2),
    marker: {size: 3, color: POS_COLORS[pos] ?? POS_COLORS.OTHER, opacity: 0.85}, text: js.map(hover), hovertemplate: "%{text}<extra></extra>"
  }));
  if (hits.length > 0) {
    traces.push({
      type: "scatter3d", mode: "markers+text", name: "your word and its neighbours", x: coord(hits, 0), y: coord(hits, 1), z: coord(hits, 2),
      marker: {size: 6, color: hits.map((j) => POS_COLORS[points[j].pos] ?? POS_COLORS.OTHER), line: {color: "#1b1e23", width: 2}},
      text: hits.map(word), textposition: "top center", textfont: {size: 13, color: "#1b1e23"},
      hovertext: hits.map(hover), hovertemplate: "%{hovertext}<extra></extra>"
    });
  }
  const e = pca.explained;
  const axis = (i: number) => ({title: {text: `PC${i + 1} (${pct(e[i])})`}});
  const scene = {xaxis: axis(0), yaxis: axis(1), zaxis: axis(2), camera: {eye: {x: 1.4, y: 1.4, z: 0.9}}};
  const counts = [...byPos].sort((a, b) => b[1].length - a[1].length).map(([pos, js]) => `${pos} ${js.length}`).join(", ");
  const selection = hits.length ? ` The large labelled points are the 2-D map's selection: ${hits.map(word).join(", ")}.` : "";
  const alt = `The ${rows.length} words of the map on the first three principal axes of the ${PCA_WORDS} most frequent words: PC1 ${pct(e[0])}, PC2 ${pct(e[1])}, PC3 ${pct(e[2])} of the variance (${pct(e[0] + e[1] + e[2])} together, against ${pct(e[0] + e[1])} in the 2-D map). By part of speech: ${counts}.${selection}`;
  const fallback = (width: number) => {
    const flat = pcaMap(ex, shown);
    const map = WordMap(flat.points, flat.axes, {width});
    // Its own name: the page's map (which may show UMAP) keeps "2-D projection of word vectors".
    for (const e of [map, ...map.querySelectorAll("[aria-label]")]) {
      if (e.getAttribute("aria-label") === "2-D projection of word vectors") e.setAttribute("aria-label", "the 3-D cloud's words on its first two principal axes");
    }
    return map;
  };
  return figure3d({traces, scene, fallback, alt, height: 480, invalidation});
}

/** plotly renders hover text as HTML: words from the reader's corpus are escaped. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
