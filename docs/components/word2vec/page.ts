// The word2vec page's view model: which corpus trains (Brown or the reader's text), the vocabulary it
// gives, and the status lines and neighbour columns drawn from a run's snapshots. DOM only where it
// shows text; every number comes from labs/word2vec.
import {fmt} from "../kit/chart-style.js";
import {notice} from "../kit/callouts.js";
import {MAX_TEXT_CHARS, tokenizeText} from "../../labs/word2vec/corpus.js";
import {nearest, normalizeRows, type Pca, PCA_WORDS, pcaAxes} from "../../labs/word2vec/evaluate.js";
import {learningRate, type TrainConfig, word2vecCLearningRate} from "../../labs/word2vec/kernel.js";
import {type SessionSnapshot, stepsDone, withLatestVectors} from "../../labs/word2vec/session.js";
import {workerStepper} from "../kit/worker-stepper.js";
import {checkedVocabSize, type Corpus, encodeSentences, trainWords} from "../../labs/word2vec/vocab.js";
import type {CorpusSource} from "../../labs/word2vec/worker-corpus.js";
import {downloadButton} from "./charts.js";
import {toProjectorTsv, toWord2VecText} from "../../labs/word2vec/export.js";

export type Setup =
  | {ok: true; name: string; corpus: Corpus; pos: Uint8Array | null; source: CorpusSource; V: number; T: number; index: Map<string, number>}
  | {ok: false; error: string};

/** Brown as fetched once by the page (handed to every worker as is), or the reader's text or file. */
export interface BrownFiles {
  json: string; // word2vec-brown.json's text
  bin: ArrayBuffer; // word2vec-brown.bin
  corpus: Corpus; // both decoded
  pos: Uint8Array;
}

/** The corpus the controls select and its vocabulary at min-count; a reader's mistake becomes `error`. */
export async function corpusSetup(source: string, brown: BrownFiles, text: string, file: File | null, minCount: number): Promise<Setup> {
  try {
    let choice: {name: string; corpus: Corpus; pos: Uint8Array | null; source: CorpusSource};
    if (source === "brown") choice = {name: "Brown", corpus: brown.corpus, pos: brown.pos, source: {kind: "brown", json: brown.json, bin: brown.bin}};
    else {
      if (file && file.size > MAX_TEXT_CHARS * 4) throw new Error(`The file is ${(file.size / 1e6).toFixed(1)} MB; this page accepts at most ${MAX_TEXT_CHARS.toLocaleString("en-US")} characters. Use a shorter excerpt.`);
      const chosen = file ? await file.text() : text;
      choice = {name: "your text", corpus: encodeSentences(tokenizeText(chosen ?? "")), pos: null, source: {kind: "text", text: chosen}};
    }
    const V = checkedVocabSize(choice.corpus, minCount);
    // Word -> type row, per corpus (the vocabulary of any min-count is a prefix of the types).
    const index = new Map(choice.corpus.words.map((w, i) => [w, i]));
    return {ok: true, ...choice, V, T: trainWords(choice.corpus, V), index};
  } catch (error) {
    return {ok: false, error: error instanceof Error ? error.message : String(error)};
  }
}

/** "Brown: vocabulary … words with count ≥ 5, T = … training words per epoch", or the reason there is none. */
export function setupLine(setup: Setup, minCount: number): HTMLElement {
  if (!setup.ok) return notice(setup.error);
  const p = document.createElement("p");
  p.className = "lab-num";
  p.textContent = `${setup.name}: vocabulary ${setup.V.toLocaleString("en-US")} words with count ≥ ${minCount}, T = ${setup.T.toLocaleString("en-US")} training words per epoch.`;
  return p;
}

const perSecond = (s: SessionSnapshot) => (Number.isFinite(s.rawWordsPerSecond) ? Math.round(s.rawWordsPerSecond).toLocaleString("en-US") : "—");

/** The training run's state in one line (epoch, words, α, loss, speed, engine). */
export function statusLine(run: SessionSnapshot): HTMLElement {
  const p = document.createElement("p");
  p.className = "lab-num w2v-status";
  p.textContent = run.fromBuild
    ? "showing the build-time snapshot"
    : `epoch ${run.epoch} of ${run.epochs} · ${run.wordsDone.toLocaleString("en-US")} of ${run.totalWords.toLocaleString("en-US")} words · α = ${fmt(run.alpha, 5)} · loss ${fmt(run.loss.at(-1)?.loss, 3)} · ${perSecond(run)} raw words/s · engine ${run.engine}`;
  return p;
}

/** Speed for a side-by-side controller's status. */
export const speedStatus = (s: SessionSnapshot) => `${perSecond(s)} raw words/s`;

/** purity@10 of a space, or why there is none. */
export function purityLine(space: SessionSnapshot, tagged: boolean): HTMLElement {
  if (!tagged) return notice("Purity needs the Brown tags; your text has none.", "info");
  if (!space.purity) return notice("Computing…", "info");
  const p = document.createElement("p");
  p.className = "lab-num w2v-purity";
  const strong = document.createElement("strong");
  strong.textContent = fmt(space.purity.purity, 3);
  p.append("purity@10 = ", strong, ` (chance ${fmt(space.purity.chance, 3)}) ${space.fromBuild ? "for the build-time snapshot" : `after ${space.purity.atWords.toLocaleString("en-US")} words`}`);
  return p;
}

/** One column of the side-by-side table: a model's nearest words to the query, with its purity. */
export function neighbourColumn(title: string, s: SessionSnapshot | null | undefined, query: string, words: string[], index: Map<string, number>) {
  if (!s || s.wordsDone === 0 || !s.vectors) return {title: `${title}: not trained yet`, rows: []};
  const unit = s.unit ?? normalizeRows(s.vectors, s.dim);
  const i = index.has(query) && index.get(query)! < s.vocabSize ? index.get(query)! : -1;
  const purity = s.purity ? ` · purity ${fmt(s.purity.purity, 3)}` : "";
  return {title: `${title}${purity}`, rows: i < 0 ? [] : nearest(unit, s.dim, i, 8).map((x) => ({word: words[x.index], score: x.score}))};
}

/** Download buttons for the vectors shown: word2vec text format and the Embedding Projector's two TSVs. */
export function exportButtons(words: string[], space: {vectors: Float32Array; dim: number}): HTMLElement {
  const root = document.createElement("div");
  root.className = "w2v-exports";
  root.append(
    downloadButton("word2vec text (.txt)", "vectors.word2vec.txt", () => toWord2VecText(words, space.vectors, space.dim)),
    downloadButton("Projector vectors.tsv", "vectors.tsv", () => toProjectorTsv(words, space.vectors, space.dim).vectors),
    downloadButton("Projector metadata.tsv", "metadata.tsv", () => toProjectorTsv(words, space.vectors, space.dim).metadata)
  );
  return root;
}

/** What a training worker needs besides its model: the page's settings, corpus and kernel. */
export interface TrainingOptions {
  config: Omit<TrainConfig, "model">;
  seed: number;
  source: CorpusSource;
  wasm: string; // URL of the kernel's WebAssembly bytes
  workers: {kernel: string | URL; tfjs: string | URL}; // URLs of the two worker scripts (import.meta.resolve in the page)
}

/** A worker stepper training `model` with one engine; its snapshots always carry the latest vectors (vectorsEveryMs apart). */
export function trainingStepper(o: TrainingOptions, model: TrainConfig["model"], engine: "kernel" | "tfjs", vectorsEveryMs: number) {
  const wordsPerStep = engine === "tfjs" ? 2000 : 50_000;
  return withLatestVectors(workerStepper<SessionSnapshot>(o.workers[engine], {train: {...o.config, model}, seed: o.seed, source: o.source, wasm: o.wasm, wordsPerStep, vectorsEveryMs}, {stepsDone}));
}

/** The last update's learning rate under the kernel's (gensim's) schedule and under word2vec.c's, for `total` = epochs·T words. */
export function scheduleSentence(alpha0: number, total: number): string {
  const gensim = learningRate(alpha0, total, total);
  const c = word2vecCLearningRate(alpha0, total, total);
  const ratio = Math.max(gensim, c) / Math.min(gensim, c);
  return `With α₀ = ${alpha0} and ${total.toLocaleString("en-US")} words to read, the last update of this run uses α = ${fmt(gensim, 3)}; word2vec.c's rule would use ${fmt(c, 3)}, ${fmt(ratio, 3)} times ${c < gensim ? "smaller" : "larger"}.`;
}

// Per vectors array (a snapshot's or the build's), computed once: the unit rows and the principal axes.
const units = new WeakMap<Float32Array, Float32Array>();
const pcas = new WeakMap<Float32Array, Pca>();

/** Unit rows of a space: the worker's when it sent them, else computed once per vectors array. */
export function unitRows(s: {vectors: Float32Array; unit: Float32Array | null; dim: number}): Float32Array {
  if (s.unit) return s.unit;
  if (!units.has(s.vectors)) units.set(s.vectors, normalizeRows(s.vectors, s.dim));
  return units.get(s.vectors)!;
}

/** Principal axes of a space's PCA_WORDS most frequent words: the worker's, else computed once per vectors array. */
export function pcaOf(s: {vectors: Float32Array; pca: Pca | null; dim: number; vocabSize: number}): Pca {
  if (s.pca) return s.pca;
  if (!pcas.has(s.vectors)) pcas.set(s.vectors, pcaAxes(s.vectors, s.dim, Math.min(PCA_WORDS, s.vocabSize)));
  return pcas.get(s.vectors)!;
}
