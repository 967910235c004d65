// The lab's synthetic ANN benchmark set: a mixture of Gaussian clusters in d dimensions.
// Recipe (seeded, reproducible): centres c_1..c_C ~ N(0, centerStd^2 I); each base and query
// vector picks a cluster uniformly and adds N(0, noiseStd^2 I) noise. Defaults: C = 100, both
// stds 1, so clusters are as wide as the spread of their centres and overlap in every direction.
import {mulberry32, randomNormal} from "../kit/random.js";
import {checkInt, InputError} from "./check.js";

export interface SyntheticConfig {
  nBase: number;
  nQuery: number;
  d: number;
  clusters: number;
  centerStd?: number;
  noiseStd?: number;
  seed: number;
}

export const SYNTHETIC_DEFAULT: SyntheticConfig = {nBase: 50_000, nQuery: 1_000, d: 128, clusters: 100, centerStd: 1, noiseStd: 1, seed: 42};

export interface SyntheticSet {
  d: number;
  nBase: number;
  nQuery: number;
  base: Float32Array; // (nBase, d)
  queries: Float32Array; // (nQuery, d)
  baseCluster: Int32Array; // (nBase,) generating cluster
}

/**
 * Draw order: all centres (C·d normals), then each base vector (one uniform for the cluster, d
 * normals), then each query the same way; one mulberry32(seed) stream through the kit's Box–Muller.
 * A smaller nBase with the same seed gives a different set (the queries move), by design of the order.
 */
export function gaussianMixture(config: SyntheticConfig): SyntheticSet {
  const {nBase, nQuery, d, clusters, centerStd = 1, noiseStd = 1, seed} = config;
  checkInt(nBase, "The number of base vectors", 1, 5_000_000);
  checkInt(nQuery, "The number of queries", 1, 1_000_000);
  checkInt(d, "The dimension d", 1, 4096);
  checkInt(clusters, "The number of clusters", 1, nBase);
  if (!(centerStd >= 0) || !(noiseStd >= 0) || !Number.isFinite(centerStd) || !Number.isFinite(noiseStd))
    throw new InputError(`The standard deviations must be finite and non-negative, got ${centerStd} and ${noiseStd}.`);
  const random = mulberry32(seed);
  const normal = randomNormal(random);
  const centers = new Float64Array(clusters * d);
  for (let i = 0; i < centers.length; i++) centers[i] = centerStd * normal();
  const draw = (count: number, out: Float32Array, labels: Int32Array | null) => {
    for (let i = 0; i < count; i++) {
      const c = Math.floor(random() * clusters);
      if (labels) labels[i] = c;
      for (let j = 0; j < d; j++) out[i * d + j] = centers[c * d + j] + noiseStd * normal();
    }
  };
  const base = new Float32Array(nBase * d);
  const baseCluster = new Int32Array(nBase);
  draw(nBase, base, baseCluster);
  const queries = new Float32Array(nQuery * d);
  draw(nQuery, queries, null);
  return {d, nBase, nQuery, base, queries, baseCluster};
}
