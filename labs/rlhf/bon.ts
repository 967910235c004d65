// Best-of-n: draw n responses from π_ref, keep the one the reward model scores highest. Its exact
// distribution on a discrete space, π_BoN(y) = [F(r_y)^n − F(r_y⁻)^n]·π_ref(y)/π_ref(tie group), and
// the formula KL = log n − (n−1)/n (Gao et al. 2022, arXiv:2210.10760), exact for continuous rewards
// and an upper bound otherwise. Leaves out rejection-sampling fine-tuning (Llama 2).
import {InputError} from "../kit/params.js";
import type {Space} from "./dataset.js";
import {checkDistribution, checkValues} from "./policy.js";

export function checkN(n: number): void {
  if (!(Number.isInteger(n) && n >= 1)) throw new InputError(`n must be a whole number ≥ 1 (best of how many samples?), got ${n}.`);
}

export const bonKlFormula = (n: number): number => {
  checkN(n);
  return Math.log(n) - (n - 1) / n;
};

/** Exact best-of-n policy (N), per prompt (throws InputError for n, π_ref or r out of domain); ties in r share their group's mass in proportion to π_ref. */
export function bestOfN(space: Space, piRef: Float64Array, r: Float64Array, n: number): Float64Array {
  checkN(n);
  checkDistribution(space, piRef, "π_ref");
  checkValues(space, r, "reward r");
  const out = new Float64Array(space.nResponses);
  const P = space.offsets.length - 1;
  for (let p = 0; p < P; p++) {
    const idx: number[] = [];
    for (let i = space.offsets[p]; i < space.offsets[p + 1]; i++) idx.push(i);
    idx.sort((a, b) => r[a] - r[b]);
    let below = 0; // F(r⁻): π_ref mass strictly below the current group
    for (let k = 0; k < idx.length; ) {
      let j = k;
      let mass = 0;
      while (j < idx.length && r[idx[j]] === r[idx[k]]) mass += piRef[idx[j++]];
      const groupP = Math.min(1, below + mass) ** n - below ** n;
      for (let t = k; t < j; t++) out[idx[t]] = mass > 0 ? (groupP * piRef[idx[t]]) / mass : 0;
      below += mass;
      k = j;
    }
  }
  return out;
}

/** One best-of-n draw for prompt p (first-drawn wins ties), for sampling checks. */
export function sampleBestOfN(space: Space, piRef: Float64Array, r: Float64Array, n: number, p: number, random: () => number): number {
  let best = -1;
  for (let k = 0; k < n; k++) {
    let t = random();
    let y = space.offsets[p + 1] - 1;
    for (let i = space.offsets[p]; i < space.offsets[p + 1] - 1; i++) {
      t -= piRef[i];
      if (t < 0) {
        y = i;
        break;
      }
    }
    if (best < 0 || r[y] > r[best]) best = y;
  }
  return best;
}
