// Label smoothing (Szegedy et al. 2016, arXiv:1512.00567): targets y' = (1-ε)·y + ε/K. Under CE the
// best q is y' itself (Gibbs' inequality), so the optimal logit gap becomes finite. Also: why one loss
// number means little without H(p), K and units. Leaves out: training a real classifier.
import {InputError} from "../kit/params.js";
import {checkDistribution, crossEntropyLog, entropyLog, logOf, logSoftmax} from "./categorical.js";

function checkEpsilon(epsilon: number): void {
  if (!(epsilon >= 0 && epsilon <= 1)) throw new InputError(`Smoothing ε must be between 0 and 1, got ${epsilon}.`);
}

function checkK(K: number): void {
  if (!Number.isInteger(K) || K < 2) throw new InputError(`K must be a whole number >= 2, got ${K}.`);
}

/** y' = (1-ε)·p + ε/K. (K,) -> (K,) */
export function smoothTargets(p: ArrayLike<number>, epsilon: number): Float64Array {
  checkDistribution(p, "p");
  checkEpsilon(epsilon);
  const K = p.length;
  return Float64Array.from(p as ArrayLike<number>, (v) => (1 - epsilon) * v + epsilon / K);
}

/** One-hot target for class y over K classes, smoothed. (K,) */
export function smoothedOneHot(K: number, y: number, epsilon: number): Float64Array {
  checkK(K);
  if (!(Number.isInteger(y) && y >= 0 && y < K)) throw new InputError(`The class y must be a whole number from 0 to ${K - 1}, got ${y}.`);
  const p = new Float64Array(K);
  p[y] = 1;
  return smoothTargets(p, epsilon);
}

/**
 * The CE-minimising logit gap z_y - z_other for a smoothed one-hot target:
 * log((1-ε+ε/K) / (ε/K)); +∞ when ε = 0 (the loss keeps falling as the gap grows).
 */
export function optimalLogitGap(K: number, epsilon: number): number {
  checkK(K);
  checkEpsilon(epsilon);
  if (epsilon === 0) return Infinity;
  return Math.log((1 - epsilon + epsilon / K) / (epsilon / K));
}

/** CE (nats) of the smoothed one-hot target against logits [gap, 0, ..., 0]. */
export function smoothedLossAtGap(K: number, epsilon: number, gap: number): number {
  if (!Number.isFinite(gap)) throw new InputError(`The logit gap must be a finite number, got ${gap}.`);
  const target = smoothedOneHot(K, 0, epsilon);
  const logits = new Float64Array(K);
  logits[0] = gap;
  return crossEntropyLog(logOf(target), logSoftmax(logits));
}

/**
 * What smoothing costs in perplexity: a model that reaches the smoothed optimum q* = (1-ε)p + ε/K,
 * scored on the true p, has CE H(p, q*) >= H(p). Returns both perplexities (e^nats).
 */
export function smoothingPerplexity(p: ArrayLike<number>, epsilon: number): {optimum: number; smoothed: number; ceOptimum: number; ceSmoothed: number} {
  checkDistribution(p, "p");
  const logp = logOf(p);
  const qStar = smoothTargets(p, epsilon);
  const ceOptimum = entropyLog(logp);
  const ceSmoothed = crossEntropyLog(logp, logOf(qStar));
  return {optimum: Math.exp(ceOptimum), smoothed: Math.exp(ceSmoothed), ceOptimum, ceSmoothed};
}

export interface LossSituation {
  K: number;
  p: Float64Array;
  q: Float64Array;
  Hp: number; // nats
  KL: number; // nats
  CE: number; // nats
}

/** p = (1-a)·e_1 + a·uniform(K): entropy rises from 0 (a = 0) to log K (a = 1). (K,) */
function blend(K: number, a: number): Float64Array {
  const p = new Float64Array(K).fill(a / K);
  p[0] += 1 - a;
  return p;
}

/**
 * Two very different models with the same cross-entropy ce (nats):
 * "perfect": q = p, a noisy target with H(p) = ce (KL = 0), on K' = max(K, ⌈e^ce⌉ + 1) classes
 * (null when that needs more than 100,000 classes);
 * "poor": a certain target (H = 0) and q giving it probability e^-ce (KL = ce), on K classes.
 */
export function sameLossSituations(ce: number, K: number): {perfect: LossSituation | null; poor: LossSituation} {
  checkK(K);
  if (!(ce > 0 && Number.isFinite(ce))) throw new InputError(`The loss must be a positive finite number, got ${ce}.`);
  const pPoor = new Float64Array(K);
  pPoor[0] = 1;
  const qPoor = new Float64Array(K).fill(-Math.expm1(-ce) / (K - 1));
  qPoor[0] = Math.exp(-ce);
  const poor = {K, p: pPoor, q: qPoor, Hp: 0, KL: ce, CE: ce};
  const Kp = Math.max(K, Math.ceil(Math.exp(ce)) + 1);
  if (Kp > 100_000) return {perfect: null, poor}; // H(p) = ce needs more than e^ce classes
  // Bisection on a: H(blend(K', a)) is increasing in a, from 0 to log K' > ce.
  let lo = 0;
  let hi = 1;
  for (let it = 0; it < 200; it++) {
    const mid = (lo + hi) / 2;
    if (entropyLog(logOf(blend(Kp, mid))) < ce) lo = mid;
    else hi = mid;
  }
  const pPerfect = blend(Kp, (lo + hi) / 2);
  const hPerfect = entropyLog(logOf(pPerfect));
  return {perfect: {K: Kp, p: pPerfect, q: pPerfect.slice(), Hp: hPerfect, KL: 0, CE: hPerfect}, poor};
}
