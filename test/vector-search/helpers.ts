// Small fixtures for the vector-search tests: seeded random matrices and naive references.
import {mulberry32, randomNormal} from "../../labs/kit/random.js";

export function randomMatrix(n: number, d: number, seed: number, scale = 1): Float32Array {
  const normal = randomNormal(mulberry32(seed));
  const out = new Float32Array(n * d);
  for (let i = 0; i < out.length; i++) out[i] = scale * normal();
  return out;
}

/** Squared L2 in double, written independently of labs/vector-search/distance.ts. */
export function naiveL2(a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += (a[ao + j] - b[bo + j]) ** 2;
  return s;
}

/** Top-k ids by a full sort of all n scores (ascending), ties by id. */
export function naiveTopK(scores: number[], k: number): number[] {
  return scores
    .map((s, i) => [s, i] as const)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1])
    .slice(0, k)
    .map((x) => x[1]);
}
