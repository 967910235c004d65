// The KL-regularised optimum in closed form: argmax_π E_π[r] − β·KL(π‖π_ref) is
// π*(y|x) = π_ref(y|x)·exp(r(y)/β) / Z(x) (Rafailov et al. 2023, eq. 4), computable exactly on this
// small space; and the reward–KL frontier it traces as β varies. Leaves out function approximation.
import {InputError} from "../kit/params.js";
import type {Space} from "./dataset.js";
import {checkDistribution, checkValues, meanExpectation, meanKL, softmaxPerPrompt} from "./policy.js";

export function checkBeta(beta: number): void {
  if (!(Number.isFinite(beta) && beta > 0)) throw new InputError(`β must be a number > 0, got ${beta}. β ≤ 0 removes the KL leash (or rewards drifting away from π_SFT).`);
}

/** π* ∝ π_ref · exp(r/β), per prompt. Throws InputError for β ≤ 0, a π_ref that is not a distribution, or a non-finite r. */
export function optimalPolicy(space: Space, piRef: Float64Array, r: Float64Array, beta: number): Float64Array {
  checkBeta(beta);
  checkDistribution(space, piRef, "π_ref");
  checkValues(space, r, "reward r");
  const z = new Float64Array(space.nResponses);
  for (let i = 0; i < z.length; i++) z[i] = Math.log(piRef[i]) + r[i] / beta;
  return softmaxPerPrompt(space, z);
}

export interface FrontierPoint {
  beta: number;
  kl: number; // mean KL(π*‖π_ref)
  reward: number; // mean E_π*[r]
  utility: number; // mean E_π*[u] (the hidden true utility)
}

export function frontier(space: Space, piRef: Float64Array, r: Float64Array, u: Float64Array, betas: number[]): FrontierPoint[] {
  return betas.map((beta) => {
    const pi = optimalPolicy(space, piRef, r, beta);
    return {beta, kl: meanKL(space, pi, piRef), reward: meanExpectation(space, pi, r), utility: meanExpectation(space, pi, u)};
  });
}

/** n log-spaced values from lo to hi. */
export function logspace(lo: number, hi: number, n: number): number[] {
  return Array.from({length: n}, (_, k) => lo * (hi / lo) ** (k / (n - 1)));
}
