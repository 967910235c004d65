// Information measures between two categorical distributions over K classes: stable (log-)softmax
// with a temperature, entropy, cross-entropy, KL (0·log 0 = 0; KL = +∞ when q = 0 < p), units,
// perplexity, the CE gradient; total over what its checks accept (no NaN), InputError otherwise.
// Densities: gaussian.ts; label smoothing: smoothing.ts. Source: Cover & Thomas, Elements of Information Theory (2nd ed.), ch. 2.
import {InputError} from "../kit/params.js";

export type Units = "nats" | "bits";

/** An information quantity in nats: a number >= 0 or +∞ (a KL or cross-entropy with q = 0 < p). */
function checkNats(nats: number, name: string): void {
  if (!(nats >= 0)) throw new InputError(`${name} must be a number of nats >= 0 (or ∞), got ${nats}.`);
}

/** Nats -> the chosen unit (1 nat = 1/ln 2 ≈ 1.443 bits). Throws InputError for NaN, a negative value or another unit. */
export function toUnits(nats: number, units: Units): number {
  checkNats(nats, "An entropy, cross-entropy or KL");
  if (units !== "nats" && units !== "bits") throw new InputError(`Units must be nats or bits, got ${String(units)}.`);
  return units === "bits" ? nats / Math.LN2 : nats;
}

/** Perplexity from an entropy or cross-entropy in nats: e^H (= 2^H in bits); ∞ for H = ∞. */
export function perplexity(nats: number): number {
  checkNats(nats, "The entropy or cross-entropy");
  return Math.exp(nats);
}

function checkLogits(logits: ArrayLike<number>, name: string): void {
  if (logits.length < 1) throw new InputError(`${name} needs at least one value.`);
  let anyFinite = false;
  for (let i = 0; i < logits.length; i++) {
    const z = logits[i];
    if (Number.isNaN(z) || z === Infinity) throw new InputError(`${name}[${i + 1}] must be a number or -∞, got ${z}.`);
    if (Number.isFinite(z)) anyFinite = true;
  }
  if (!anyFinite) throw new InputError(`${name} cannot all be -∞: no class would have any probability.`);
}

function checkTemperature(temperature: number): void {
  if (!Number.isFinite(temperature) || temperature <= 0) {
    throw new InputError(`Temperature must be a positive number, got ${temperature}.`);
  }
}

/**
 * log softmax(z / T), computed as (z - max z)/T - log Σ exp((z - max z)/T): the max is subtracted
 * before dividing by T, so z/T never overflows (z = 1e308 at T = 0.5, or z = 1e6 at T = 1e-303).
 * A logit of -∞ gives log-probability -∞ (probability exactly 0); so does a gap (max z - z_k)/T beyond
 * the float range, the T → 0 limit. Every positive finite T and every logit list checkLogits accepts
 * gives finite log-probabilities or -∞, never NaN: one-hot on the largest logits as T → 0, uniform
 * over the finite logits as T → ∞. Throws InputError for NaN/+∞ logits, all -∞, or T not in (0, ∞).
 * (K,) -> (K,)
 */
export function logSoftmax(logits: ArrayLike<number>, temperature = 1, name = "logits"): Float64Array {
  checkLogits(logits, name);
  checkTemperature(temperature);
  const K = logits.length;
  const out = new Float64Array(K);
  let max = -Infinity;
  for (let i = 0; i < K; i++) if (logits[i] > max) max = logits[i];
  // (z - max) is in [-∞, 0]; it may round to -∞ for finite z (a gap over 1.8e308), i.e. probability 0.
  for (let i = 0; i < K; i++) out[i] = (logits[i] - max) / temperature;
  let sum = 0;
  for (let i = 0; i < K; i++) sum += Math.exp(out[i]); // every term <= 1, the largest == 1: sum in [1, K]
  const logSum = Math.log(sum);
  for (let i = 0; i < K; i++) out[i] -= logSum;
  return out;
}

/** softmax(z / T). (K,) -> (K,) */
export function softmax(logits: ArrayLike<number>, temperature = 1, name = "logits"): Float64Array {
  return logSoftmax(logits, temperature, name).map(Math.exp);
}

/** Checks that p is a probability vector: finite, >= 0, sums to 1 within tol. */
export function checkDistribution(p: ArrayLike<number>, name = "p", tol = 1e-6): void {
  if (p.length < 1) throw new InputError(`${name} needs at least one probability.`);
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (!Number.isFinite(v)) throw new InputError(`${name}[${i + 1}] must be a number, got ${v}.`);
    if (v < 0) throw new InputError(`${name}[${i + 1}] = ${v} is negative; probabilities must be >= 0.`);
    sum += v;
  }
  if (Math.abs(sum - 1) > tol) throw new InputError(`The probabilities of ${name} sum to ${+sum.toFixed(6)}; they must sum to 1.`);
}

/** log of each probability, with log 0 = -∞. (K,) -> (K,) */
export function logOf(p: ArrayLike<number>): Float64Array {
  return Float64Array.from(p as ArrayLike<number>, (v) => Math.log(v));
}

function sameLength(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new InputError(`p and q must have the same number of classes, got ${a.length} and ${b.length}.`);
}

/** Log-probabilities: each a number <= 0 or -∞ (a little above 0 is float round-off of log 1). */
function checkLogProbabilities(logp: ArrayLike<number>, name: string): void {
  for (let i = 0; i < logp.length; i++) {
    if (!(logp[i] <= 1e-9)) throw new InputError(`log ${name}[${i + 1}] must be a log-probability (<= 0 or -∞), got ${logp[i]}.`);
  }
}

// ---- measures from log-probabilities (exact for softmax outputs, even when exp underflows) ----

/** H(p) = -Σ p log p in nats, with 0·log 0 = 0. logp: (K,) */
export function entropyLog(logp: ArrayLike<number>): number {
  checkLogProbabilities(logp, "p");
  let h = 0;
  for (let i = 0; i < logp.length; i++) {
    const p = Math.exp(logp[i]);
    if (p > 0) h -= p * logp[i];
  }
  return Math.max(0, h);
}

/**
 * Σ over the classes with p_k > 0 of term(p_k, log p_k, log q_k), clamped at 0 (round-off), and +∞ as
 * soon as q_k = 0 < p_k. Terms with p = 0 count 0 (0·log 0 = 0). (K,), (K,)
 */
function overSupport(logp: ArrayLike<number>, logq: ArrayLike<number>, term: (p: number, lp: number, lq: number) => number): number {
  sameLength(logp, logq);
  checkLogProbabilities(logp, "p");
  checkLogProbabilities(logq, "q");
  let sum = 0;
  for (let i = 0; i < logp.length; i++) {
    if (logp[i] === -Infinity) continue;
    if (logq[i] === -Infinity) return Infinity;
    const p = Math.exp(logp[i]); // may underflow to 0 for log p < -745: the term is then negligible
    if (p > 0) sum += term(p, logp[i], logq[i]);
  }
  return Math.max(0, sum);
}

/** H(p, q) = -Σ p log q in nats; terms with p = 0 are 0, a term with q = 0 < p is +∞. (K,), (K,) */
export function crossEntropyLog(logp: ArrayLike<number>, logq: ArrayLike<number>): number {
  return overSupport(logp, logq, (p, _lp, lq) => -p * lq);
}

/** KL(p‖q) = Σ p (log p - log q) in nats; 0 where p = 0, +∞ if q = 0 < p anywhere (Gibbs: KL >= 0). (K,), (K,) */
export function klLog(logp: ArrayLike<number>, logq: ArrayLike<number>): number {
  return overSupport(logp, logq, (p, lp, lq) => p * (lp - lq));
}

// ---- the same measures from probabilities ----

export function entropy(p: ArrayLike<number>): number {
  checkDistribution(p, "p");
  return entropyLog(logOf(p));
}

export function crossEntropy(p: ArrayLike<number>, q: ArrayLike<number>): number {
  checkDistribution(p, "p");
  checkDistribution(q, "q");
  return crossEntropyLog(logOf(p), logOf(q));
}

export function kl(p: ArrayLike<number>, q: ArrayLike<number>): number {
  checkDistribution(p, "p");
  checkDistribution(q, "q");
  return klLog(logOf(p), logOf(q));
}

export interface Measures {
  Hp: number; // H(p)
  Hq: number; // H(q)
  CEpq: number; // H(p, q)
  CEqp: number; // H(q, p)
  KLpq: number; // KL(p‖q)
  KLqp: number; // KL(q‖p)
}

/** All six measures (nats) from two log-probability vectors. */
export function measures(logp: ArrayLike<number>, logq: ArrayLike<number>): Measures {
  return {
    Hp: entropyLog(logp),
    Hq: entropyLog(logq),
    CEpq: crossEntropyLog(logp, logq),
    CEqp: crossEntropyLog(logq, logp),
    KLpq: klLog(logp, logq),
    KLqp: klLog(logq, logp)
  };
}

export interface Pair {
  logp: Float64Array; // (K,)
  logq: Float64Array; // (K,)
  p: number[]; // (K,)
  q: number[]; // (K,)
  m: Measures; // nats
}

/** p = softmax(z_p / T_p), q = softmax(z_q / T_q) and all six measures, from log-probabilities. */
export function pairOf(zp: ArrayLike<number>, Tp: number, zq: ArrayLike<number>, Tq: number): Pair {
  const logp = logSoftmax(zp, Tp, "the logits of p");
  const logq = logSoftmax(zq, Tq, "the logits of q");
  return {logp, logq, p: Array.from(logp, Math.exp), q: Array.from(logq, Math.exp), m: measures(logp, logq)};
}

/**
 * Gradient of H(p, softmax(z)) with respect to the logits z: softmax(z) - p.
 * (K,), (K,) -> (K,)
 */
export function crossEntropyGradLogits(p: ArrayLike<number>, logits: ArrayLike<number>): Float64Array {
  checkDistribution(p, "p");
  sameLength(p, logits);
  const q = softmax(logits);
  return q.map((qi, i) => qi - p[i]);
}

/**
 * Sets class i to probability value and rescales the other classes so the total stays 1 (used by
 * dragging a bar). If the others are all 0 they share the rest equally. (K,) -> (K,)
 */
export function setProbability(p: ArrayLike<number>, i: number, value: number): Float64Array {
  checkDistribution(p, "p");
  if (!(value >= 0 && value <= 1)) throw new InputError(`A probability must be between 0 and 1, got ${value}.`);
  const K = p.length;
  if (!(i >= 0 && i < K && Number.isInteger(i))) throw new InputError(`Class ${i + 1} does not exist (K = ${K}).`);
  let rest = 0;
  for (let j = 0; j < K; j++) if (j !== i) rest += p[j];
  const out = new Float64Array(K);
  for (let j = 0; j < K; j++) {
    if (j === i) out[j] = value;
    else if (K === 1) out[j] = 0;
    else out[j] = rest > 0 ? (p[j] / rest) * (1 - value) : (1 - value) / (K - 1);
  }
  if (K === 1) out[0] = 1;
  return out;
}

/** Logits that reproduce p at temperature T: T·log p (-∞ where p = 0). (K,) -> (K,) */
export function logitsFor(p: ArrayLike<number>, temperature = 1): Float64Array {
  checkDistribution(p, "p");
  checkTemperature(temperature);
  return Float64Array.from(p as ArrayLike<number>, (v) => temperature * Math.log(v));
}

/** q_λ = (1-λ) q + λ p: the straight path from q (λ = 0) to p (λ = 1). (K,), (K,) -> (K,) */
export function mix(q: ArrayLike<number>, p: ArrayLike<number>, lambda: number): Float64Array {
  checkDistribution(p, "p");
  checkDistribution(q, "q");
  sameLength(p, q);
  if (!(lambda >= 0 && lambda <= 1)) throw new InputError(`The mixing weight λ must be between 0 and 1, got ${lambda}.`);
  return Float64Array.from(q as ArrayLike<number>, (qi, i) => (1 - lambda) * qi + lambda * p[i]);
}

export interface PathPoint {
  t: number; // path parameter (temperature τ or mixing weight λ)
  ce: number; // H(p, q_t) in nats
  kl: number; // KL(p‖q_t) in nats
  hp: number; // H(p) in nats (constant along the path)
}

/** CE and KL as q = softmax(z_p / τ) sweeps τ; the path passes through p at τ = T_p. */
export function temperaturePath(logitsP: ArrayLike<number>, temperatureP: number, taus: ArrayLike<number>): PathPoint[] {
  const logp = logSoftmax(logitsP, temperatureP, "p's logits");
  const hp = entropyLog(logp);
  return Array.from(taus as ArrayLike<number>, (tau) => {
    const logq = logSoftmax(logitsP, tau, "p's logits");
    return {t: tau, ce: crossEntropyLog(logp, logq), kl: klLog(logp, logq), hp};
  });
}

/**
 * The page's sweep: `n` temperatures τ = T_p·10^u, u from −1 to 1 (log-spaced, a decade either side of
 * T_p), kept inside the positive doubles so a subnormal or huge T_p still gives a path.
 */
export function temperatureSweep(logitsP: ArrayLike<number>, temperatureP: number, n = 161): PathPoint[] {
  checkTemperature(temperatureP);
  const taus = Array.from({length: n}, (_, i) => {
    const u = n === 1 ? 0 : -1 + (2 * i) / (n - 1);
    return Math.min(Number.MAX_VALUE, Math.max(Number.MIN_VALUE, temperatureP * 10 ** u));
  });
  return temperaturePath(logitsP, temperatureP, taus);
}

/** CE and KL along q_λ = (1-λ) q + λ p, λ in [0, 1]; the path ends at p. */
export function mixingPath(p: ArrayLike<number>, q: ArrayLike<number>, lambdas: ArrayLike<number>): PathPoint[] {
  checkDistribution(p, "p");
  checkDistribution(q, "q");
  const logp = logOf(p);
  const hp = entropyLog(logp);
  return Array.from(lambdas as ArrayLike<number>, (lambda) => {
    const logq = logOf(mix(q, p, lambda));
    return {t: lambda, ce: crossEntropyLog(logp, logq), kl: klLog(logp, logq), hp};
  });
}

/** n evenly spaced values from lo to hi inclusive; geometric when log = true. */
export function linspace(lo: number, hi: number, n: number, log = false): Float64Array {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new InputError(`linspace needs finite ends, got ${lo} and ${hi}.`);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`linspace needs a whole number of points >= 1, got ${n}.`);
  if (log && !(lo > 0 && hi > 0)) throw new InputError(`A log-spaced range needs positive ends, got ${lo} and ${hi}.`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = n === 1 ? 0 : i / (n - 1);
    out[i] = log ? Math.exp(Math.log(lo) + f * (Math.log(hi) - Math.log(lo))) : lo + f * (hi - lo);
  }
  return out;
}
