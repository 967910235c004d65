// Plain-code pieces of the reward model that need no TensorFlow.js: the Bradley–Terry loss (the
// reference the tfjs gradient is tested against), rewards r = Φw + b, pairwise accuracy and a
// reliability diagram, and the RM's config. Leaves out training (reward-model.ts). Loss: InstructGPT eq. 1; TRL RewardTrainer.
import type {Space} from "./dataset.js";
import type {Pair} from "./labelers.js";
import {sigmoid, softplus} from "./logistic.js";

export interface RmConfig {
  steps: number;
  lr: number;
  useMargin: boolean; // subtract the pair's margin m inside σ (TRL's optional "margin" column)
  centerCoef: number; // c·E[(r_c + r_r)²]; TRL default None (0 here), recommended 0.01
  l2: number; // (λ/2)|w|² on the head's weights (not the bias)
}
/** The one RM default: the page's, the data loader's and the benchmark's. */
export const DEFAULT_RM: RmConfig = {steps: 100, lr: 0.05, useMargin: false, centerCoef: 0, l2: 0.001};

/** Plain-code loss for params [w (D), b]: mean −log σ(Δr − m) + c·mean((r_c + r_r)²) + (l2/2)|w|². */
export function btLoss(space: Space, pairs: Pair[], params: ArrayLike<number>, config: Pick<RmConfig, "useMargin" | "centerCoef" | "l2">): number {
  const D = space.dim;
  const r = (i: number) => {
    let acc = params[D];
    for (let d = 0; d < D; d++) acc += params[d] * space.features[i * D + d];
    return acc;
  };
  let loss = 0;
  for (const p of pairs) {
    const rc = r(p.chosen);
    const rr = r(p.rejected);
    const x = rc - rr - (config.useMargin ? p.margin : 0);
    loss += softplus(-x) / pairs.length; // −log σ(x)
    loss += (config.centerCoef * (rc + rr) ** 2) / pairs.length;
  }
  for (let d = 0; d < D; d++) loss += 0.5 * config.l2 * params[d] ** 2;
  return loss;
}

/** r = Φ [w; b]: (N, D) x (D) + b -> (N). */
export function rewardsOf(space: Space, params: ArrayLike<number>): Float64Array {
  const D = space.dim;
  const r = new Float64Array(space.nResponses);
  for (let i = 0; i < r.length; i++) {
    let acc = params[D];
    for (let d = 0; d < D; d++) acc += params[d] * space.features[i * D + d];
    r[i] = acc;
  }
  return r;
}

/** Fraction of pairs whose chosen response gets the higher reward (ties count ½). */
export function pairwiseAccuracy(space: Space, pairs: Pair[], r: Float64Array): number {
  if (pairs.length === 0) return NaN;
  let acc = 0;
  for (const p of pairs) acc += r[p.chosen] > r[p.rejected] ? 1 : r[p.chosen] === r[p.rejected] ? 0.5 : 0;
  return acc / pairs.length;
}

/** Reliability diagram: bins of predicted P(first ≻ second) = σ(r_a − r_b) vs observed frequency. */
export function calibration(pairs: Pair[], r: Float64Array, bins = 5): {predicted: number; observed: number; count: number}[] {
  const sum = new Float64Array(bins);
  const hits = new Float64Array(bins);
  const count = new Float64Array(bins);
  pairs.forEach((p, k) => {
    // orient half the pairs the other way, so both ends of the probability axis are populated
    const [a, b, aWins] = k % 2 === 0 ? [p.chosen, p.rejected, 1] : [p.rejected, p.chosen, 0];
    const q = sigmoid(r[a] - r[b]);
    const bin = Math.min(bins - 1, Math.floor(q * bins));
    sum[bin] += q;
    hits[bin] += aWins;
    count[bin] += 1;
  });
  const out: {predicted: number; observed: number; count: number}[] = [];
  for (let k = 0; k < bins; k++) if (count[k] > 0) out.push({predicted: sum[k] / count[k], observed: hits[k] / count[k], count: count[k]});
  return out;
}
