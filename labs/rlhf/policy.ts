// The policy: a softmax over each prompt's candidates, so "generation" is sampling one candidate.
// Logits z (N) are one per response; helpers for probabilities, KL, expectations, sampling, win rates.
// Leaves out token-level generation: per-token KL collapses to one term per response here.
import {InputError} from "../kit/params.js";
import type {Space} from "./dataset.js";

/** Throws InputError unless v (N) holds one finite number per response; names the first bad value. */
export function checkValues(space: Space, v: ArrayLike<number>, name: string): void {
  if (!v || v.length !== space.nResponses) throw new InputError(`${name} must have one value per response (${space.nResponses}), got ${v ? v.length : v}.`);
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) throw new InputError(`${name} of response ${i} must be a finite number, got ${v[i]}.`);
}

/** Throws InputError unless π (N) is a probability distribution over each prompt's candidates (±1e-6). */
export function checkDistribution(space: Space, pi: ArrayLike<number>, name: string): void {
  checkValues(space, pi, name);
  for (let p = 0; p < space.offsets.length - 1; p++) {
    let total = 0;
    for (let i = space.offsets[p]; i < space.offsets[p + 1]; i++) {
      if (pi[i] < 0) throw new InputError(`${name} gives response ${i} a negative probability, ${pi[i]}.`);
      total += pi[i];
    }
    if (Math.abs(total - 1) > 1e-6) throw new InputError(`${name} must sum to 1 over each prompt's candidates; prompt ${p} sums to ${total}.`);
  }
}

/** Per-prompt softmax of logits z (N) -> probabilities (N). */
export function softmaxPerPrompt(space: Space, z: Float64Array): Float64Array {
  const pi = new Float64Array(space.nResponses);
  const P = space.offsets.length - 1;
  for (let p = 0; p < P; p++) {
    const a = space.offsets[p];
    const b = space.offsets[p + 1];
    let m = -Infinity;
    for (let i = a; i < b; i++) m = Math.max(m, z[i]);
    let s = 0;
    for (let i = a; i < b; i++) s += pi[i] = Math.exp(z[i] - m);
    for (let i = a; i < b; i++) pi[i] /= s;
  }
  return pi;
}

/** Mean over prompts of KL(π(·|x) ‖ ρ(·|x)) in nats. */
export function meanKL(space: Space, pi: Float64Array, rho: Float64Array): number {
  const P = space.offsets.length - 1;
  let total = 0;
  for (let p = 0; p < P; p++) {
    let kl = 0;
    for (let i = space.offsets[p]; i < space.offsets[p + 1]; i++) if (pi[i] > 0) kl += pi[i] * Math.log(pi[i] / rho[i]);
    total += Math.max(0, kl);
  }
  return total / P;
}

/** Mean over prompts of E_{y~π}[v(y)]. */
export function meanExpectation(space: Space, pi: Float64Array, v: Float64Array): number {
  const P = space.offsets.length - 1;
  let total = 0;
  for (let i = 0; i < space.nResponses; i++) total += pi[i] * v[i];
  return total / P;
}

/** Samples one response of prompt p from π; returns its global index. */
export function samplePrompt(space: Space, pi: Float64Array, p: number, random: () => number): number {
  const a = space.offsets[p];
  const b = space.offsets[p + 1];
  let t = random();
  for (let i = a; i < b - 1; i++) {
    t -= pi[i];
    if (t < 0) return i;
  }
  return b - 1;
}

/** Mean over prompts of P(v(y) > v(y')) + ½P(v(y) = v(y')), y ~ π, y' ~ ρ (exact, no sampling). */
export function winRate(space: Space, pi: Float64Array, rho: Float64Array, v: Float64Array): number {
  const P = space.offsets.length - 1;
  let total = 0;
  for (let p = 0; p < P; p++) {
    let w = 0;
    for (let i = space.offsets[p]; i < space.offsets[p + 1]; i++)
      for (let j = space.offsets[p]; j < space.offsets[p + 1]; j++) {
        const d = v[i] - v[j];
        w += pi[i] * rho[j] * (Math.abs(d) < 1e-12 ? 0.5 : d > 0 ? 1 : 0);
      }
    total += w;
  }
  return total / P;
}

export function logOf(pi: Float64Array): Float64Array {
  return pi.map((x) => Math.log(x));
}
