// A simulated LLM judge with known ground truth. Each pair holds a candidate answer X and a baseline Y
// with hidden qualities; people prefer X with probability σ(q_X − q_Y) (Bradley–Terry). The judge's verdict
// adds a position bias (favouring the first answer shown) and a length bias (favouring the longer one).
// Three estimates of X's win rate: raw (one verdict, X shown first), swap-consistent (both orders, a win only
// if both agree, else a tie), length-controlled (regress the pair's verdict on the length gap, read at gap 0).
// Not a language model. Source: Zheng et al. 2023 (arXiv:2306.05685) §3.3–3.4; Dubois et al. 2024
// (arXiv:2404.04475) for length control.
import {InputError} from "../kit/params.js";
import {randomNormal, stream} from "../kit/random.js";

export interface JudgeConfig {
  pairs: number; // N, 10..20000
  qualityGap: number; // δ: mean of q_X − q_Y (logit units)
  qualitySpread: number; // s: standard deviation of q_X − q_Y across pairs (≥ 0)
  positionBias: number; // b_pos: logit added to the answer shown first
  lengthBias: number; // b_len: logit added per doubling of (length of X)/(length of Y)
  lengthGap: number; // mean log2(length X / length Y): how much more verbose X is
  lengthSpread: number; // standard deviation of that log2 ratio across pairs (> 0 so length control is identifiable)
  seed: number;
}

export const DEFAULT_JUDGE: JudgeConfig = {pairs: 1000, qualityGap: 0.4, qualitySpread: 1, positionBias: 0, lengthBias: 0, lengthGap: 0.5, lengthSpread: 0.5, seed: 42};

/** An estimate of X's win rate with a 95% interval. */
export interface Estimate {
  estimate: number; // in [0, 1] for raw and swap; the regression read-out may leave [0, 1] slightly
  low: number;
  high: number;
}

export interface JudgeCheckpoint {
  n: number; // pairs judged so far
  truthSample: number; // mean over these pairs of the true preference probability σ(q_X − q_Y)
  raw: Estimate;
  swap: Estimate;
  lengthControlled: Estimate;
  consistency: number; // share of pairs whose two orders agree
  accuracy: number; // share of raw verdicts that pick the truly better answer (q_X > q_Y ⇔ verdict X)
}

export interface JudgeRun {
  truth: number; // population preference rate E[σ(δ + s·z)], z ~ N(0,1)
  checkpoints: JudgeCheckpoint[];
  final: JudgeCheckpoint;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const Z95 = 1.959963984540054;

/** E[σ(δ + s·z)] for z ~ N(0,1) by the trapezoid rule on z ∈ [−10, 10] with 4001 nodes (error < 1e-12). */
export function truePreferenceRate(qualityGap: number, qualitySpread: number): number {
  if (qualitySpread === 0) return sigmoid(qualityGap);
  const nodes = 4001;
  const h = 20 / (nodes - 1);
  let sum = 0;
  for (let i = 0; i < nodes; i++) {
    const z = -10 + i * h;
    const w = i === 0 || i === nodes - 1 ? 0.5 : 1;
    sum += w * Math.exp(-0.5 * z * z) * sigmoid(qualityGap + qualitySpread * z);
  }
  return (sum * h) / Math.sqrt(2 * Math.PI);
}

function checkConfig(c: JudgeConfig): void {
  const finite = (name: string, v: number) => {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new InputError(`${name} must be a finite number, got ${v}.`);
  };
  if (!Number.isInteger(c.pairs) || c.pairs < 10 || c.pairs > 20000) throw new InputError(`The number of pairs must be a whole number from 10 to 20000, got ${c.pairs}.`);
  for (const [name, v] of [["The quality gap", c.qualityGap], ["The quality spread", c.qualitySpread], ["The position bias", c.positionBias], ["The length bias", c.lengthBias], ["The length gap", c.lengthGap], ["The length spread", c.lengthSpread], ["The seed", c.seed]] as const) finite(name, v);
  if (c.qualitySpread < 0) throw new InputError(`The quality spread must be ≥ 0, got ${c.qualitySpread}.`);
  if (c.lengthSpread <= 0) throw new InputError(`The length spread must be > 0 (with equal lengths everywhere a length effect cannot be separated), got ${c.lengthSpread}.`);
}

/** Checkpoint sizes: about 40 geometrically spaced values from 10 to N, always ending at N. */
export function checkpointSizes(pairs: number, count = 40): number[] {
  const sizes = new Set<number>();
  for (let i = 0; i < count; i++) sizes.add(Math.round(10 * Math.pow(pairs / 10, i / (count - 1))));
  sizes.add(pairs);
  return [...sizes].filter((n) => n >= 10 && n <= pairs).sort((a, b) => a - b);
}

/**
 * Simulates N pairs and all three estimates after each checkpoint size (a prefix of the same pairs, so the
 * curves show convergence). Per pair i: d_i = δ + s·z_i, ℓ_i = lengthGap + lengthSpread·u_i (log2 ratio),
 * P(judge says X | X first) = σ(d_i + b_pos + b_len·ℓ_i), P(judge says X | X second) = σ(d_i − b_pos + b_len·ℓ_i).
 * Intervals: raw — Wilson; swap — mean ± 1.96·sd/√n of the per-pair scores {0, ½, 1}; length-controlled —
 * the OLS intercept of the per-pair mean verdict on ℓ (at ℓ = 0) ± 1.96 standard errors.
 * Errors (InputError): pairs outside 10..20000, non-finite values, spreads out of range.
 */
export function simulateJudge(config: JudgeConfig): JudgeRun {
  checkConfig(config);
  const {pairs, qualityGap, qualitySpread, positionBias, lengthBias, lengthGap, lengthSpread, seed} = config;
  const random = stream(seed, "judge");
  const normal = randomNormal(random);
  const sizes = checkpointSizes(pairs);
  const checkpoints: JudgeCheckpoint[] = [];
  // Running sums over the pairs judged so far.
  let truthSum = 0, rawWins = 0, rawCorrect = 0, swapSum = 0, swapSq = 0, consistent = 0;
  let sy = 0, sl = 0, sll = 0, sly = 0, syy = 0; // for OLS of the pair's mean verdict y on ℓ
  let next = 0;
  for (let i = 0; i < pairs; i++) {
    const d = qualityGap + qualitySpread * normal();
    const ell = lengthGap + lengthSpread * normal();
    const pTrue = sigmoid(d);
    const first = random() < sigmoid(d + positionBias + lengthBias * ell) ? 1 : 0; // X shown first
    const second = random() < sigmoid(d - positionBias + lengthBias * ell) ? 1 : 0; // X shown second
    truthSum += pTrue;
    rawWins += first;
    rawCorrect += (first === 1) === d > 0 ? 1 : 0;
    const swapScore = first === second ? first : 0.5;
    swapSum += swapScore;
    swapSq += swapScore * swapScore;
    consistent += first === second ? 1 : 0;
    const y = (first + second) / 2;
    sy += y; sl += ell; sll += ell * ell; sly += ell * y; syy += y * y;
    const n = i + 1;
    if (n !== sizes[next]) continue;
    next++;
    checkpoints.push({
      n,
      truthSample: truthSum / n,
      raw: wilson(rawWins, n),
      swap: meanInterval(swapSum, swapSq, n),
      lengthControlled: interceptAtZero(n, sy, sl, sll, sly, syy),
      consistency: consistent / n,
      accuracy: rawCorrect / n
    });
  }
  return {truth: truePreferenceRate(qualityGap, qualitySpread), checkpoints, final: checkpoints[checkpoints.length - 1]};
}

/** Wilson score interval for k successes in n trials (95%). */
export function wilson(k: number, n: number): Estimate {
  const p = k / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return {estimate: p, low: centre - half, high: centre + half};
}

function meanInterval(sum: number, sumSq: number, n: number): Estimate {
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumSq - n * mean * mean) / (n - 1)) : 0;
  const half = Z95 * Math.sqrt(variance / n);
  return {estimate: mean, low: mean - half, high: mean + half};
}

/** OLS y = a + b·ℓ from sums; returns a (the prediction at ℓ = 0) with its classical standard error. */
function interceptAtZero(n: number, sy: number, sl: number, sll: number, sly: number, syy: number): Estimate {
  const meanL = sl / n;
  const meanY = sy / n;
  const sxx = sll - n * meanL * meanL;
  if (!(sxx > 1e-12) || n < 3) return meanInterval(sy, syy, n);
  const b = (sly - n * meanL * meanY) / sxx;
  const a = meanY - b * meanL;
  const syyc = syy - n * meanY * meanY;
  const rss = Math.max(0, syyc - b * b * sxx);
  const s2 = rss / (n - 2);
  const se = Math.sqrt(s2 * (1 / n + (meanL * meanL) / sxx));
  return {estimate: a, low: a - Z95 * se, high: a + Z95 * se};
}
