// 1-D Gaussians and Gaussian mixtures: log-densities, moments, a quadrature grid, KL between densities
// by the midpoint rule, and the closed-form KL of two Gaussians to check it against.
// Leaves out: more than one dimension; adaptive quadrature. Source: Bishop, PRML §2.3.9, §10.1.2.
import {InputError} from "../kit/params.js";

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

export interface Mixture {
  weights: number[]; // (M,) sums to 1
  means: number[]; // (M,)
  sds: number[]; // (M,) > 0
}

export function checkMixture(m: Mixture): void {
  const M = m.weights.length;
  if (M < 1 || m.means.length !== M || m.sds.length !== M) throw new InputError("A mixture needs the same number (>= 1) of weights, means and standard deviations.");
  let sum = 0;
  for (let i = 0; i < M; i++) {
    if (!(m.weights[i] >= 0 && Number.isFinite(m.weights[i]))) throw new InputError(`Mixture weight ${i + 1} must be >= 0, got ${m.weights[i]}.`);
    if (!Number.isFinite(m.means[i])) throw new InputError(`Mixture mean ${i + 1} must be a number, got ${m.means[i]}.`);
    if (!(m.sds[i] > 0 && Number.isFinite(m.sds[i]))) throw new InputError(`Mixture standard deviation ${i + 1} must be > 0, got ${m.sds[i]}.`);
    sum += m.weights[i];
  }
  if (Math.abs(sum - 1) > 1e-9) throw new InputError(`Mixture weights must sum to 1, got ${sum}.`);
}

/** log N(x; μ, σ²). */
export function logNormal(x: number, mu: number, sd: number): number {
  if (Number.isNaN(x) || !Number.isFinite(mu) || !(sd > 0 && Number.isFinite(sd))) throw new InputError(`logNormal needs a number x, a finite μ and a finite σ > 0, got x = ${x}, μ = ${mu}, σ = ${sd}.`);
  const z = (x - mu) / sd;
  return -0.5 * z * z - Math.log(sd) - LOG_SQRT_2PI;
}

/** log Σ_i w_i N(x; μ_i, σ_i²), by log-sum-exp (no underflow far in the tails). */
export function mixtureLogPdf(m: Mixture, x: number): number {
  checkMixture(m);
  let max = -Infinity;
  const terms = m.weights.map((w, i) => Math.log(w) + logNormal(x, m.means[i], m.sds[i]));
  for (const t of terms) if (t > max) max = t;
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - max);
  return max + Math.log(sum);
}

/** Mean Σ w_i μ_i and variance Σ w_i (σ_i² + μ_i²) - mean² of a mixture. */
export function mixtureMoments(m: Mixture): {mean: number; variance: number} {
  checkMixture(m);
  let mean = 0;
  let second = 0;
  m.weights.forEach((w, i) => {
    mean += w * m.means[i];
    second += w * (m.sds[i] ** 2 + m.means[i] ** 2);
  });
  return {mean, variance: second - mean * mean};
}

export interface Grid {
  x: Float64Array; // (N,) midpoints
  dx: number;
}

/** N midpoints of [lo, hi]. */
export function makeGrid(lo: number, hi: number, n: number): Grid {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) throw new InputError(`The grid needs lo < hi, got [${lo}, ${hi}].`);
  if (!Number.isInteger(n) || n < 2) throw new InputError(`The grid needs at least 2 points, got ${n}.`);
  const dx = (hi - lo) / n;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = lo + (i + 0.5) * dx;
  return {x, dx};
}

/** A grid covering every component of m to ±pad standard deviations. */
export function gridFor(m: Mixture, n = 1000, pad = 8): Grid {
  let lo = Infinity;
  let hi = -Infinity;
  m.means.forEach((mu, i) => {
    lo = Math.min(lo, mu - pad * m.sds[i]);
    hi = Math.max(hi, mu + pad * m.sds[i]);
  });
  return makeGrid(lo, hi, n);
}

/**
 * KL(p‖q) = ∫ p (log p - log q) dx by the midpoint rule on grid; 0·log 0 = 0, +∞ where q = 0 < p.
 * logp, logq: (N,) log-densities at grid.x.
 */
export function klQuadrature(logp: ArrayLike<number>, logq: ArrayLike<number>, dx: number): number {
  if (!(dx > 0 && Number.isFinite(dx))) throw new InputError(`The grid spacing dx must be a positive number, got ${dx}.`);
  if (logp.length !== logq.length) throw new InputError("Both densities must be evaluated on the same grid.");
  let d = 0;
  for (let i = 0; i < logp.length; i++) {
    if (logp[i] === -Infinity) continue;
    if (logq[i] === -Infinity) return Infinity;
    d += Math.exp(logp[i]) * (logp[i] - logq[i]);
  }
  return d * dx;
}

/** Closed form KL(N(μ1, σ1²) ‖ N(μ2, σ2²)) = log(σ2/σ1) + (σ1² + (μ1-μ2)²) / (2σ2²) - 1/2. */
export function klGaussians(mu1: number, sd1: number, mu2: number, sd2: number): number {
  for (const [name, v] of [["μ1", mu1], ["μ2", mu2]] as const) if (!Number.isFinite(v)) throw new InputError(`${name} must be a finite number, got ${v}.`);
  for (const [name, v] of [["σ1", sd1], ["σ2", sd2]] as const) if (!(v > 0 && Number.isFinite(v))) throw new InputError(`${name} must be a finite number > 0, got ${v}.`);
  return Math.log(sd2 / sd1) + (sd1 * sd1 + (mu1 - mu2) ** 2) / (2 * sd2 * sd2) - 0.5;
}

/** Log-densities on a grid. (N,) -> (N,) */
export function evalLog(f: (x: number) => number, grid: Grid): Float64Array {
  return grid.x.map(f);
}
