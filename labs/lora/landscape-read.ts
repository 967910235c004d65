// Reading the (rank r, α) loss landscape of landscape.ts: its types and where more rank stops helping.
// Free of tfjs and of the fit itself, so the page imports it without loading either.
// Source of the floor: Eckart & Young 1936 (min over rank-r M of ||ΔW − M||_F² = Σ_{i>r} σ_i²).
import {InputError} from "../kit/params.js";

export interface LandscapeGrid {
  /** increasing whole ranks, 1 ≤ r ≤ min(d, k) */
  ranks: number[];
  /** increasing positive α (scale α/r, or α/√r with rsLoRA) */
  alphas: number[];
  /** Adam steps per cell, and its learning rate */
  steps: number;
  lr: number;
}

export interface Landscape {
  ranks: number[];
  alphas: number[];
  steps: number;
  lr: number;
  /** (alphas, ranks): ||(α/r)BA − ΔW||_F² after `steps` steps */
  loss: number[][];
  /** (ranks): Eckart–Young floor Σ_{i>r} σ_i² of the target */
  floor: number[];
  /** ||ΔW||_F²: the loss at step 0 (B = 0) */
  start: number;
}

export interface RankPlateau {
  /** index into alphas of the α whose row is read (the lowest loss summed over ranks) */
  alphaIndex: number;
  /** the rank beyond which no larger rank of the grid lowers the loss by more than `share` of ||ΔW||² */
  rank: number;
  loss: number;
  floor: number;
  /** the largest rank's loss and floor, for comparison */
  lastLoss: number;
  lastFloor: number;
}

/** The α row with the lowest total loss (ties: the smaller α). */
export function bestAlphaIndex(l: Landscape): number {
  let best = 0;
  let bestSum = Infinity;
  l.loss.forEach((row, i) => {
    const sum = row.reduce((a, b) => a + b, 0);
    if (sum < bestSum) [best, bestSum] = [i, sum];
  });
  return best;
}

/**
 * Where more rank stops helping on row alphaIndex: the smallest grid rank r such that the loss of every
 * larger grid rank is no more than share·||ΔW||² below it. Throws InputError for share outside (0, 1)
 * or an index off the grid.
 */
export function rankPlateau(l: Landscape, share = 0.01, alphaIndex = bestAlphaIndex(l)): RankPlateau {
  if (!(share > 0 && share < 1)) throw new InputError(`The share must be in (0, 1), got ${share}.`);
  if (!Number.isInteger(alphaIndex) || alphaIndex < 0 || alphaIndex >= l.alphas.length) throw new InputError(`No α number ${alphaIndex} on a grid of ${l.alphas.length}.`);
  const row = l.loss[alphaIndex];
  const tol = share * l.start;
  let at = row.length - 1;
  for (let i = 0; i < row.length; i++) {
    if (row.slice(i + 1).every((v) => row[i] - v <= tol)) {
      at = i;
      break;
    }
  }
  return {alphaIndex, rank: l.ranks[at], loss: row[at], floor: l.floor[at], lastLoss: row.at(-1)!, lastFloor: l.floor.at(-1)!};
}
