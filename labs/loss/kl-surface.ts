// The Gaussian fit's two objectives as surfaces over q's parameters (μ, σ): KL(p‖q) and KL(q‖p) on a
// grid of (μ, σ), by the same quadrature the fit minimises (kl-objective.ts fitObjective), its local
// minima (the basins a gradient fit can end in) and a fit's path over (μ, σ) lifted onto a surface.
// Leaves out: drawing (docs/components/loss/kl-surface-view.ts). Source: Bishop, PRML §10.1.2, Fig. 10.3.
import {InputError} from "../kit/params.js";
import {mixtureLogPdf, mixtureMoments, type Mixture} from "./gaussian.js";
import {checkFitConfig, fitGrid, fitObjective, type Direction, type FitRecord, type KlFitConfig} from "./kl-objective.js";

export interface KlSurface {
  mu: number[]; // (nMu,) ascending
  sd: number[]; // (nSd,) ascending, geometric spacing
  forward: number[][]; // (nSd, nMu): KL(p‖q) in nats, row i at sd[i], column j at mu[j]
  reverse: number[][]; // (nSd, nMu): KL(q‖p) in nats
}

export interface SurfaceAxes {
  mu: [number, number];
  sd: [number, number];
}

/**
 * Axes wide enough for p's modes (±2 σ_i), the seeded starts (the modes' span ± 1, σ in [0.5, 1.5]),
 * the forward optimum (moment matching) and any extra points given (a fit's path).
 */
export function surfaceAxes(mixture: Mixture, include: {mu: number; sd: number}[] = []): SurfaceAxes {
  const {mean, variance} = mixtureMoments(mixture);
  const mus = [...mixture.means.flatMap((m, i) => [m - 2 * mixture.sds[i], m + 2 * mixture.sds[i]]), Math.min(...mixture.means) - 1, Math.max(...mixture.means) + 1, mean];
  const sds = [...mixture.sds.map((s) => s / 2), 0.5, 1.5, 1.25 * Math.sqrt(variance)];
  for (const p of include) {
    if (Number.isFinite(p.mu) && p.sd > 0 && Number.isFinite(p.sd)) {
      mus.push(p.mu);
      sds.push(p.sd);
    }
  }
  return {mu: [Math.min(...mus), Math.max(...mus)], sd: [Math.min(...sds), Math.max(...sds) * 1.1]};
}

/**
 * Both KLs on an nMu × nSd grid of (μ, σ) (μ evenly spaced, σ geometrically), by fitObjective on the
 * fit's own quadrature grid (config.gridSize points, default 800), so a fit's objective at a grid point
 * equals the surface there. Cost: nMu·nSd·2 quadratures. Throws InputError for a bad config or size.
 */
export function klSurface(config: KlFitConfig, axes: SurfaceAxes, nMu = 31, nSd = 31): KlSurface {
  checkFitConfig(config);
  for (const [name, n] of [["nMu", nMu], ["nSd", nSd]] as const) if (!Number.isInteger(n) || n < 2 || n > 200) throw new InputError(`${name} must be a whole number from 2 to 200, got ${n}.`);
  const [m0, m1] = axes.mu;
  const [s0, s1] = axes.sd;
  if (!(m1 > m0) || !Number.isFinite(m0) || !Number.isFinite(m1)) throw new InputError(`The μ axis needs lo < hi, got [${m0}, ${m1}].`);
  if (!(s0 > 0 && s1 > s0 && Number.isFinite(s1))) throw new InputError(`The σ axis needs 0 < lo < hi, got [${s0}, ${s1}].`);
  const grid = fitGrid(config.mixture, config.gridSize ?? 800);
  const logp = grid.x.map((x) => mixtureLogPdf(config.mixture, x));
  const mu = Array.from({length: nMu}, (_, j) => m0 + ((m1 - m0) * j) / (nMu - 1));
  const sd = Array.from({length: nSd}, (_, i) => s0 * (s1 / s0) ** (i / (nSd - 1)));
  const p = logp.map(Math.exp);
  const forward = sd.map(() => new Array<number>(nMu));
  const reverse = sd.map(() => new Array<number>(nMu));
  const raw = new Float64Array(grid.x.length); // (N,) scratch
  const e = new Float64Array(grid.x.length); // (N,) scratch
  sd.forEach((s, i) => mu.forEach((m, j) => {
    const both = bothObjectives(grid.x, grid.dx, logp, p, m, Math.log(s), raw, e);
    forward[i][j] = both.forward;
    reverse[i][j] = both.reverse;
  }));
  return {mu, sd, forward, reverse};
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * fitObjective's two values in one pass with one exp per grid point: log q̃_i = raw_i - logZ and
 * q̃_i = e_i / (Σ e · dx), e_i = exp(raw_i - max); the same renormalised midpoint rule (tests check it
 * equals fitObjective). x, logp, p: (N,); raw, e: (N,) scratch.
 */
function bothObjectives(x: Float64Array, dx: number, logp: Float64Array, p: Float64Array, mu: number, logSd: number, raw: Float64Array, e: Float64Array): Record<Direction, number> {
  const inv = Math.exp(-logSd);
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const z = (x[i] - mu) * inv;
    raw[i] = -0.5 * z * z - logSd - LOG_SQRT_2PI;
    if (raw[i] > max) max = raw[i];
  }
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += e[i] = Math.exp(raw[i] - max);
  const logZ = max + Math.log(sum) + Math.log(dx);
  const norm = 1 / (sum * dx);
  let fwd = 0;
  let rev = 0;
  for (let i = 0; i < x.length; i++) {
    const logq = raw[i] - logZ;
    if (logp[i] > -Infinity) fwd += p[i] * (logp[i] - logq);
    rev += e[i] * norm * (logq - logp[i]);
  }
  return {forward: Math.max(0, fwd * dx), reverse: Math.max(0, rev * dx)};
}

/** A strict local minimum of a surface: lower than each of its up to 8 grid neighbours. */
export interface Basin {
  mu: number;
  sd: number;
  kl: number; // nats
}

/** The strict local minima of values (nSd, nMu), lowest first; edge points count if lower than the neighbours they have. */
export function localMinima(values: number[][], mu: number[], sd: number[]): Basin[] {
  const out: Basin[] = [];
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < values[i].length; j++) {
      const v = values[i][j];
      if (!Number.isFinite(v)) continue;
      let lowest = true;
      for (let di = -1; di <= 1 && lowest; di++) {
        for (let dj = -1; dj <= 1; dj++) {
          const n = values[i + di]?.[j + dj];
          if ((di || dj) && n !== undefined && !(v < n)) {
            lowest = false;
            break;
          }
        }
      }
      if (lowest) out.push({mu: mu[j], sd: sd[i], kl: v});
    }
  }
  return out.sort((a, b) => a.kl - b.kl);
}

/**
 * A fit's path over (μ, σ) from the records' `at` (in step order), with kl = the `objective` KL there,
 * nats: the fit's own record when objective is the one it minimises, else fitObjective on the fit's grid.
 */
export function pathOn(history: FitRecord[], fit: Direction, objective: Direction, config: KlFitConfig): {step: number; mu: number; sd: number; kl: number}[] {
  const grid = fitGrid(config.mixture, config.gridSize ?? 800);
  const logp = grid.x.map((x) => mixtureLogPdf(config.mixture, x));
  return history.filter((h) => h.at).map((h) => {
    const {mu, sd} = h.at![fit];
    return {step: h.step, mu, sd, kl: fit === objective ? h[fit] : fitObjective(objective, grid, logp, mu, Math.log(sd))};
  });
}
