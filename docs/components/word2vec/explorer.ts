// The word2vec page's explorer: one space (a run's latest vectors or the build's) with its words,
// and the views the reader queries: nearest words, analogy, similarity, the map's points, the UMAP run.
// The search and projections are labs/word2vec/evaluate.ts; this module only wires them to the page.
import {fmt} from "../kit/chart-style.js";
import {notice} from "../kit/callouts.js";
import {runController} from "../kit/run-controller.js";
import {workerStepper} from "../kit/worker-stepper.js";
import {POS_CLASSES} from "../../labs/word2vec/corpus.js";
import {analogy, nearest, type Neighbour, project, similarity} from "../../labs/word2vec/evaluate.js";
import {mapSelection, queryWords} from "../../labs/word2vec/explore.js";
import type {SpaceSnapshot} from "../../labs/word2vec/session.js";
import type {UmapSnapshot} from "../../labs/word2vec/umap.js";
import {NeighbourTable} from "./charts.js";
import type {ProjectedWord} from "./live.js";
import {pcaOf, unitRows} from "./page.js";

export interface Explorer {
  space: SpaceSnapshot;
  words: string[]; // (V) the space's vocabulary, frequency order
  unit: Float32Array; // (V, D) unit rows
  has(word: string): boolean;
  index(word: string): number; // -1 when not in the vocabulary
  pos(row: number): string;
  minCount: number;
}

/** The explorer over a space; `typeIndex` maps every corpus type to its row (the vocabulary is a prefix of the types). */
export function explorer(space: SpaceSnapshot, corpusWords: string[], typeIndex: Map<string, number>, pos: Uint8Array | null, minCount: number): Explorer {
  const words = corpusWords.slice(0, space.vocabSize);
  const index = (w: string) => (typeIndex.has(w) && typeIndex.get(w)! < words.length ? typeIndex.get(w)! : -1);
  return {space, words, unit: unitRows(space), has: (w) => index(w) >= 0, index, pos: (i) => (pos ? POS_CLASSES[pos[i]] : "—"), minCount};
}

const rowsOf = (ex: Explorer, list: Neighbour[]) => list.map((x) => ({word: ex.words[x.index], score: x.score}));

/** The query's 10 nearest words by cosine (empty when the word is unknown). */
export const neighboursOf = (ex: Explorer, word: string): Neighbour[] => (ex.has(word) ? nearest(ex.unit, ex.space.dim, ex.index(word), 10) : []);

export function neighboursView(ex: Explorer, word: string, neighbours: Neighbour[]): HTMLElement {
  if (!ex.has(word)) return notice(`"${word}" is not in the vocabulary (${ex.words.length.toLocaleString("en-US")} words with count ≥ ${ex.minCount}).`, "info");
  return NeighbourTable([{title: `nearest to "${word}" (cosine)`, rows: rowsOf(ex, neighbours)}]);
}

/** a − b + c as gensim's most_similar: the 5 nearest to the sum of unit vectors, the inputs excluded. */
export function analogyView(ex: Explorer, text: string): HTMLElement {
  const parts = queryWords(text);
  const missing = parts.filter((w) => !ex.has(w));
  if (parts.length !== 3) return notice("Enter three words: a b c.", "info");
  if (missing.length) return notice(`Not in the vocabulary: ${missing.join(", ")}.`, "info");
  const [a, b, c] = parts.map(ex.index);
  return NeighbourTable([{title: `${parts[0]} − ${parts[1]} + ${parts[2]}`, rows: rowsOf(ex, analogy(ex.unit, ex.space.dim, a, b, c, 5))}]);
}

export function similarityView(ex: Explorer, text: string): HTMLElement {
  const pair = queryWords(text);
  if (pair.length !== 2 || !pair.every(ex.has)) return notice("Enter two words from the vocabulary.", "info");
  const p = document.createElement("p");
  p.className = "lab-num";
  p.textContent = `cos(${pair[0]}, ${pair[1]}) = ${fmt(similarity(ex.unit, ex.space.dim, ex.index(pair[0]), ex.index(pair[1])), 3)}`;
  return p;
}

/** The map's words: the n most frequent plus the query and its neighbours, the first 120 and those labelled. */
export function mapWords(ex: Explorer, n: number, word: string, neighbours: Neighbour[]) {
  const selection = mapSelection(n, ex.words.length, ex.index(word), neighbours.map((x) => x.index));
  const points = (xy: ArrayLike<number>): ProjectedWord[] =>
    selection.rows.map((r, j) => ({word: r < 120 || selection.rank.has(r) ? ex.words[r] : "", x: xy[2 * j], y: xy[2 * j + 1], pos: ex.pos(r), hit: selection.rank.has(r), rank: selection.rank.get(r) ?? Infinity}));
  return {rows: selection.rows, points};
}

/** The PCA map's data: the words projected on the principal axes of the PCA_WORDS most frequent. */
export function pcaMap(ex: Explorer, map: ReturnType<typeof mapWords>): {points: ProjectedWord[]; axes: [string, string]} {
  const pca = pcaOf(ex.space);
  return {points: map.points(project(ex.space.vectors, ex.space.dim, pca, map.rows)), axes: [`PC1 (${(pca.explained[0] * 100).toFixed(1)}% of variance)`, `PC2 (${(pca.explained[1] * 100).toFixed(1)}%)`]};
}

/** A run controller laying the map's words out with UMAP in a worker, one step per epoch; it starts by itself. */
export function umapRun(ex: Explorer, rows: number[], seed: number, url: string | URL, invalidation: Promise<unknown>) {
  const D = ex.space.dim;
  const vectors = new Float32Array(rows.length * D); // (n, D) the rows shown, in the map's order
  rows.forEach((r, j) => vectors.set(ex.unit.subarray(r * D, (r + 1) * D), j * D));
  const stepper = workerStepper<UmapSnapshot>(url, {vectors, dim: D, seed, nNeighbors: 15}, {stepsDone: (s) => s.epoch});
  return runController(stepper, {invalidation, label: "UMAP", unit: "epochs", autoStart: true});
}
