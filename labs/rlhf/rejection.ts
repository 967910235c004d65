// Rejection sampling in its textbook sense (von Neumann 1951; e.g. Bishop, PRML §11.1.2) as an exact
// sampler of the KL-regularised optimum π* ∝ π_ref·e^{r/β}: draw y ~ π_ref, accept it with
// probability e^{(r(y) − max r)/β}. Not best-of-n, which keeps the best of n draws and has no threshold.
import {InputError} from "../kit/params.js";
import type {Space} from "./dataset.js";
import {checkBeta} from "./optimum.js";
import {checkDistribution, checkValues} from "./policy.js";

/** Acceptance probability of each response (N): e^{(r(y) − max_prompt r)/β} ∈ (0, 1]. */
export function acceptProbability(space: Space, r: Float64Array, beta: number): Float64Array {
  checkBeta(beta);
  checkValues(space, r, "reward r");
  const out = new Float64Array(space.nResponses);
  for (let p = 0; p < space.offsets.length - 1; p++) {
    let max = -Infinity;
    for (let i = space.offsets[p]; i < space.offsets[p + 1]; i++) max = Math.max(max, r[i]);
    for (let i = space.offsets[p]; i < space.offsets[p + 1]; i++) out[i] = Math.exp((r[i] - max) / beta);
  }
  return out;
}

/** Mean over prompts of the fraction of π_ref draws accepted: Σ_y π_ref(y)·e^{(r(y) − max r)/β}. */
export function acceptanceRate(space: Space, piRef: Float64Array, r: Float64Array, beta: number): number {
  checkDistribution(space, piRef, "π_ref");
  const a = acceptProbability(space, r, beta);
  let total = 0;
  for (let i = 0; i < space.nResponses; i++) total += piRef[i] * a[i];
  return total / (space.offsets.length - 1);
}

/** One accepted draw for prompt p (its global index) and how many draws it took; gives up after maxDraws. */
export function sampleRejection(space: Space, piRef: Float64Array, accept: Float64Array, p: number, random: () => number, maxDraws = 1e6): {y: number; draws: number} {
  for (let draws = 1; draws <= maxDraws; draws++) {
    let t = random();
    let y = space.offsets[p + 1] - 1;
    for (let i = space.offsets[p]; i < space.offsets[p + 1] - 1; i++) if ((t -= piRef[i]) < 0) {
      y = i;
      break;
    }
    if (random() < accept[y]) return {y, draws};
  }
  throw new InputError(`Rejection sampling accepted nothing in ${maxDraws} draws: β is too small for these rewards.`);
}
