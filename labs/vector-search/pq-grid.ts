// The /pq page's distortion grid: mean ||x - q(x)||^2 of a PQ trained on the page's data set for each
// m and nbits, and what the grid says at equal code size (fewer, larger codebooks against more, smaller
// ones), with what large codebooks cost: codebook memory, ADC table work per query and the training
// points faiss asks for (39·2^nbits per sub-quantizer, faiss Clustering.cpp min_points_per_centroid).
import {stream} from "../kit/random.js";
import type {Backend} from "./backend.js";
import {pqDistortion, trainPQ} from "./pq.js";
import {pqDataset, type PQConfig} from "./pq-stepper.js";

export interface GridPoint {
  m: number;
  nbits: number;
  distortion: number;
  /** Code size in bytes: m·nbits/8 (fractional below one byte, as drawn on the chart's axis). */
  bytes: number;
}

export const GRID_M = [1, 2, 4, 8, 16, 32];
export const GRID_NBITS = [2, 4, 6, 8];

/** Trains a PQ for every (m, nbits) of the grid on the config's data set (same codebook stream as the page). */
export function distortionGrid(config: PQConfig, backend?: Backend, ms = GRID_M, nbitsList = GRID_NBITS): GridPoint[] {
  const data = pqDataset(config);
  const grid: GridPoint[] = [];
  for (const nbits of nbitsList)
    for (const m of ms) {
      const {pq} = trainPQ(data.base, data.nBase, data.d, m, nbits, stream(config.seed, "codebooks"), {niter: config.niter ?? 25, backend});
      grid.push({m, nbits, distortion: pqDistortion(pq, data.base, data.nBase, {backend}), bytes: (m * nbits) / 8});
    }
  return grid;
}

/** What a large codebook costs, for one sub-quantizer setting on D-dimensional vectors. */
export function codebookCost(D: number, m: number, nbits: number) {
  const ksub = 2 ** nbits;
  return {
    /** m codebooks of 2^nbits centroids of D/m floats: 2^nbits·D·4 bytes whatever m is. */
    codebookBytes: ksub * D * 4,
    /** ADC table entries per query (m·2^nbits); filling it takes 2^nbits·D multiply-adds. */
    adcEntries: m * ksub,
    adcMultiplyAdds: ksub * D,
    /** Training points faiss asks for per sub-quantizer before it warns. */
    trainingPoints: 39 * ksub
  };
}

export interface EqualSizeRow extends GridPoint {
  cost: ReturnType<typeof codebookCost>;
}

/**
 * Settings of the grid with the same code size (m·nbits bits), fewest sub-vectors (largest codebooks)
 * first, and whether distortion rises at every step towards more, smaller codebooks.
 */
export function atEqualCodeSize(grid: GridPoint[], bits: number, D: number): {rows: EqualSizeRow[]; fewerLargerWins: boolean} {
  const rows = grid.filter((g) => g.m * g.nbits === bits).sort((a, b) => a.m - b.m).map((g) => ({...g, cost: codebookCost(D, g.m, g.nbits)}));
  const fewerLargerWins = rows.length > 1 && rows.every((r, i) => i === 0 || r.distortion > rows[i - 1].distortion);
  return {rows, fewerLargerWins};
}

/** Code sizes (in bits) at which the grid has two or more settings, and at how many fewer, larger codebooks win. */
export function equalSizeSummary(grid: GridPoint[], D: number): {sizes: number[]; fewerLargerWins: number} {
  const counts = new Map<number, number>();
  for (const g of grid) counts.set(g.m * g.nbits, (counts.get(g.m * g.nbits) ?? 0) + 1);
  const sizes = [...counts].filter(([, c]) => c > 1).map(([b]) => b).sort((a, b) => a - b);
  return {sizes, fewerLargerWins: sizes.filter((b) => atEqualCodeSize(grid, b, D).fewerLargerWins).length};
}
