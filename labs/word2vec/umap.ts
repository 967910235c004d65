// UMAP layout of the word vectors the page's map shows, as a Stepper whose steps are optimisation epochs
// (so a run controller can show it converging). Wraps umap-js 1.4 (McInnes, Healy & Melville 2018,
// arXiv:1802.03426) with cosine distance and the lab's seeded stream for its neighbour search and start
// layout. Leaves out UMAP's supervised and transform modes; the map needs one fit.
import umapJs from "umap-js";
import {mulberry32} from "../kit/random.js";
import type {Stepper} from "../kit/stepper.js";

// umap-js is CommonJS: Framework's browser bundle of it has only a default export, so read UMAP from it.
const {UMAP} = umapJs;

export interface UmapConfig {
  vectors: Float32Array; // (n, dim) the rows to lay out, in the map's order
  dim: number;
  seed: number;
  nNeighbors?: number; // default 15, umap-learn's default
  minDist?: number; // default 0.1
  epochs?: number; // default: umap-js's choice (500 for under 10,000 points)
}

export interface UmapSnapshot {
  n: number;
  epoch: number; // epochs done
  epochs: number;
  progress: number;
  embedding: Float32Array; // (n, 2)
}

/** Cosine distance 1 − x·y / (|x| |y|) (the package's index does not export its own). */
function cosine(x: number[], y: number[]): number {
  let dot = 0, xx = 0, yy = 0;
  for (let i = 0; i < x.length; i++) (dot += x[i] * y[i]), (xx += x[i] * x[i]), (yy += y[i] * y[i]);
  return 1 - dot / Math.sqrt(xx * yy);
}

export function umapStepper(config: UmapConfig): Stepper<UmapSnapshot> {
  const {vectors, dim, seed, nNeighbors = 15, minDist = 0.1} = config;
  if (!Number.isInteger(dim) || dim < 1 || vectors.length % dim !== 0) throw new Error(`UMAP: ${vectors.length} numbers are not rows of ${dim}.`);
  const n = vectors.length / dim;
  if (!Number.isInteger(nNeighbors) || nNeighbors < 2) throw new Error(`UMAP: n_neighbors must be an integer ≥ 2, not ${nNeighbors}.`);
  if (n <= nNeighbors) throw new Error(`UMAP needs more points (${n}) than n_neighbors (${nNeighbors}).`);
  if (!vectors.every(Number.isFinite)) throw new Error("UMAP: the vectors contain a non-finite number.");
  for (let i = 0; i < n; i++) if (vectors.subarray(i * dim, (i + 1) * dim).every((v) => v === 0)) throw new Error(`UMAP: row ${i} is zero, so its cosine distance is undefined.`);
  const rows = Array.from({length: n}, (_, i) => Array.from(vectors.subarray(i * dim, (i + 1) * dim)));
  let umap: InstanceType<typeof UMAP>;
  let epochs = 0;
  let epoch = 0;
  const snapshot = (): UmapSnapshot => {
    const embedding = new Float32Array(2 * n);
    umap.getEmbedding().forEach((p, i) => ((embedding[2 * i] = p[0]), (embedding[2 * i + 1] = p[1])));
    return {n, epoch, epochs, progress: epochs > 0 ? epoch / epochs : 1, embedding};
  };
  return {
    reset() {
      umap = new UMAP({nComponents: 2, nNeighbors, minDist, nEpochs: config.epochs, distanceFn: cosine, random: mulberry32(seed)});
      epochs = umap.initializeFit(rows); // the neighbour graph and the start layout
      epoch = 0;
      return snapshot();
    },
    step(k: number) {
      for (let i = 0; i < k && epoch < epochs; i++) epoch = umap.step();
      return snapshot();
    },
    progress: (s) => s.progress,
    stepsDone: (s) => s.epoch
  };
}
