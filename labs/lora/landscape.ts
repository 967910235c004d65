// The simulated adapter's loss over a grid of (rank r, α): for each cell, a short deterministic Adam fit
// of (α/r)·BA to the simulation's target in its weights form ||(α/r)BA − ΔW||_F² (equal to the input loss,
// inputs being whitened), beside the Eckart–Young floor Σ_{i>r} σ_i² that no rank-r matrix can beat.
// Plain JavaScript (no tfjs), so a build-time loader and the tests run it directly. Leaves out the full
// fine-tune and the NF4 base. Sources: Hu et al. 2021 (arXiv:2106.09685) §4.1; Eckart & Young 1936;
// Kingma & Ba 2015 (Adam, Algorithm 1).
import {InputError} from "../kit/params.js";
import {stream} from "../kit/random.js";
import {type Mat, eckartYoungFloor, frobeniusSquared} from "./linalg.js";
import {initLora, validateLora} from "./lora.js";
import {makeProblem} from "./simulate.js";
import {type SimConfig, DEFAULT_SIM} from "./config.js";
import type {Landscape, LandscapeGrid} from "./landscape-read.js";

export type {Landscape, LandscapeGrid} from "./landscape-read.js";

/** The page's grid: ranks 1–10 (r* = 4 sits inside), α from 0.5 to 64 by factors of 2, 300 Adam steps at 0.01. */
export const DEFAULT_GRID: LandscapeGrid = {ranks: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], alphas: [0.5, 1, 2, 4, 8, 16, 32, 64], steps: 300, lr: 0.01};

function validateGrid(c: SimConfig, g: LandscapeGrid): void {
  if (!Array.isArray(g.ranks) || g.ranks.length < 2) throw new InputError("The landscape needs at least two ranks.");
  if (!Array.isArray(g.alphas) || g.alphas.length < 2) throw new InputError("The landscape needs at least two values of α.");
  for (const r of g.ranks) validateLora({d: c.d, k: c.k, r, alpha: 1});
  for (const a of g.alphas) validateLora({d: c.d, k: c.k, r: 1, alpha: a});
  for (let i = 1; i < g.ranks.length; i++) if (!(g.ranks[i] > g.ranks[i - 1])) throw new InputError(`The ranks must increase, got ${g.ranks.join(", ")}.`);
  for (let i = 1; i < g.alphas.length; i++) if (!(g.alphas[i] > g.alphas[i - 1])) throw new InputError(`The values of α must increase, got ${g.alphas.join(", ")}.`);
  if (!Number.isInteger(g.steps) || g.steps < 1 || g.steps > 20000) throw new InputError(`The number of steps must be a whole number from 1 to 20000, got ${g.steps}.`);
  if (!(typeof g.lr === "number" && g.lr > 0 && g.lr <= 1)) throw new InputError(`The learning rate must be in (0, 1], got ${g.lr}.`);
  if (g.ranks.length * g.alphas.length > 400) throw new InputError(`At most 400 grid cells, got ${g.ranks.length} × ${g.alphas.length}.`);
}

/**
 * One fit: Adam (β1 0.9, β2 0.999, ε 1e-8; tf.train.adam's defaults, as the simulation) on A (r, k) and
 * B (d, r) for L = ||s·BA − T||_F², T (d, k), from initLora's start (Kaiming-uniform A, B = 0). Returns
 * the loss after `steps` steps (squared Frobenius units of ΔW).
 */
export function fitAdapter(T: Mat, r: number, s: number, A0: Mat, steps: number, lr: number): number {
  const {rows: d, cols: k} = T;
  const A = Float64Array.from(A0.data); // (r, k)
  const B = new Float64Array(d * r); // (d, r)
  const gA = new Float64Array(r * k);
  const gB = new Float64Array(d * r);
  const mA = new Float64Array(r * k), vA = new Float64Array(r * k), mB = new Float64Array(d * r), vB = new Float64Array(d * r);
  const E = new Float64Array(d * k); // (d, k) residual s·BA − T
  const b1 = 0.9, b2 = 0.999, eps = 1e-8;
  const residual = (): number => {
    let loss = 0;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < k; j++) {
        let acc = 0;
        for (let t = 0; t < r; t++) acc += B[i * r + t] * A[t * k + j];
        const e = s * acc - T.data[i * k + j];
        E[i * k + j] = e;
        loss += e * e;
      }
    }
    return loss;
  };
  const adam = (w: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, step: number) => {
    const c1 = 1 - b1 ** step, c2 = 1 - b2 ** step;
    for (let i = 0; i < w.length; i++) {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      w[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
    }
  };
  for (let step = 1; step <= steps; step++) {
    residual();
    // ∂L/∂B = 2s·E Aᵀ: (d, k)(k, r) -> (d, r); ∂L/∂A = 2s·Bᵀ E: (r, d)(d, k) -> (r, k)
    gA.fill(0);
    for (let i = 0; i < d; i++) {
      for (let t = 0; t < r; t++) {
        let acc = 0;
        const bit = B[i * r + t];
        for (let j = 0; j < k; j++) {
          const e = E[i * k + j];
          acc += e * A[t * k + j];
          gA[t * k + j] += 2 * s * bit * e;
        }
        gB[i * r + t] = 2 * s * acc;
      }
    }
    adam(A, gA, mA, vA, step);
    adam(B, gB, mB, vB, step);
  }
  return residual();
}

/**
 * The loss after grid.steps Adam steps for every (α, r) of the grid, on the problem makeProblem(config)
 * builds (config.base, config.ranks, config.alpha and config.full are ignored: the grid sets them).
 * Shapes: loss (alphas, ranks); floor (ranks). Each rank starts from the same A for every α (stream
 * "adapters" of config.seed). Throws InputError for a bad config or grid. Cost: about
 * 3·d·k·Σr·steps·|alphas| multiply-adds (the page's grid: ~1.2·10⁹, a second or two in Node).
 */
export function lossLandscape(config: Partial<SimConfig> = {}, grid: LandscapeGrid = DEFAULT_GRID): Landscape {
  const c: SimConfig = {...DEFAULT_SIM, ...config, base: "exact", full: false};
  if (typeof grid !== "object" || grid === null) throw new InputError("The landscape grid must be an object with ranks, alphas, steps and lr.");
  validateGrid(c, grid);
  const problem = makeProblem({...c, ranks: grid.ranks});
  const random = stream(c.seed, "adapters");
  const starts = grid.ranks.map((r) => initLora({d: c.d, k: c.k, r, alpha: 1, scaling: c.scaling}, random, c.init).A);
  const loss = grid.alphas.map((alpha) =>
    grid.ranks.map((r, i) => fitAdapter(problem.target, r, c.scaling === "rslora" ? alpha / Math.sqrt(r) : alpha / r, starts[i], grid.steps, grid.lr))
  );
  return {
    ranks: [...grid.ranks],
    alphas: [...grid.alphas],
    steps: grid.steps,
    lr: grid.lr,
    loss,
    floor: grid.ranks.map((r) => eckartYoungFloor(problem.targetSingular, r)),
    start: frobeniusSquared(problem.target)
  };
}

