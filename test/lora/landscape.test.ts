import {describe, expect, it} from "vitest";
import {lossLandscape} from "../../labs/lora/landscape.js";
import {rankPlateau, bestAlphaIndex, type Landscape} from "../../labs/lora/landscape-read.js";
import {InputError} from "../../labs/kit/params.js";
import {makeProblem} from "../../labs/lora/simulate.js";
import {DEFAULT_SIM} from "../../labs/lora/config.js";
import {truncatedSvd, add, frobeniusSquared} from "../../labs/lora/linalg.js";

// A small problem (12 × 12, r* = 3) fitted long enough to converge: a fraction of a second.
const SMALL = {d: 12, k: 12, rStar: 3, n: 12, noise: 0.01, seed: 3};
const GRID = {ranks: [1, 2, 3, 4, 5, 6], alphas: [1, 4, 16], steps: 3000, lr: 0.01};

describe("lossLandscape", () => {
  const l = lossLandscape(SMALL, GRID);
  const problem = makeProblem({...DEFAULT_SIM, ...SMALL, ranks: GRID.ranks});

  it("lossLandscape(...) floors are ||T − truncatedSvd(T, r)||² (Eckart–Young, by the SVD) and decrease with r", () => {
    l.ranks.forEach((r, i) => {
      const best = frobeniusSquared(add(problem.target, truncatedSvd(problem.target, r), -1));
      expect(l.floor[i]).toBeCloseTo(best, 9);
      if (i > 0) expect(l.floor[i]).toBeLessThan(l.floor[i - 1]);
    });
    expect(l.start).toBeCloseTo(frobeniusSquared(problem.target), 9);
  });

  it("lossLandscape(...) reaches the Eckart–Young floor for every r where the fit converges, and never goes below it", () => {
    expect(l.loss).toHaveLength(GRID.alphas.length);
    for (const row of l.loss) {
      expect(row).toHaveLength(GRID.ranks.length);
      row.forEach((v, i) => {
        expect(v).toBeGreaterThanOrEqual(l.floor[i] * (1 - 1e-9));
        expect(v - l.floor[i]).toBeLessThan(2e-4 * l.start + 0.05 * l.floor[i]); // within 0.02% of ||ΔW||² plus 5% of the floor
      });
    }
  });

  it("lossLandscape(...) with 1 step stays near ||ΔW||² (B starts at 0)", () => {
    const one = lossLandscape(SMALL, {...GRID, steps: 1});
    for (const row of one.loss) for (const v of row) expect(Math.abs(v - one.start)).toBeLessThan(0.05 * one.start);
  });

  it("lossLandscape(...) refuses bad grids and configs with InputError", () => {
    const bad = [
      {...GRID, ranks: [1]},
      {...GRID, ranks: [2, 1]},
      {...GRID, ranks: [1, 13]},
      {...GRID, ranks: [1, 2.5]},
      {...GRID, alphas: [1, 0]},
      {...GRID, alphas: [1, Number.NaN]},
      {...GRID, steps: 0},
      {...GRID, lr: -1}
    ];
    for (const g of bad) expect(() => lossLandscape(SMALL, g)).toThrow(InputError);
    expect(() => lossLandscape({...SMALL, noise: -1}, GRID)).toThrow(InputError);
    expect(() => lossLandscape(SMALL, null as never)).toThrow(InputError);
  });
});

describe("rankPlateau", () => {
  // Hand-made landscape: losses drop by 5, 3, 0.5, 0.05 of a total 10; 1% of 10 = 0.1.
  const l: Landscape = {ranks: [1, 2, 3, 4, 5], alphas: [1, 2], steps: 1, lr: 0.01, start: 10, loss: [[9, 4, 1, 0.5, 0.45], [9.5, 5, 2, 1, 0.9]], floor: [8, 3, 0.9, 0.4, 0.4]};
  it("rankPlateau(l) reads the α row with the lowest total and stops where no larger rank gains more than 1% of ||ΔW||²", () => {
    expect(bestAlphaIndex(l)).toBe(0);
    expect(rankPlateau(l)).toEqual({alphaIndex: 0, rank: 4, loss: 0.5, floor: 0.4, lastLoss: 0.45, lastFloor: 0.4});
    expect(rankPlateau(l, 0.01, 1).rank).toBe(4);
    expect(rankPlateau(l, 0.06, 0).rank).toBe(3);
  });
  it("rankPlateau(...) refuses a share outside (0, 1) or an α off the grid", () => {
    expect(() => rankPlateau(l, 0)).toThrow(InputError);
    expect(() => rankPlateau(l, 0.01, 2)).toThrow(InputError);
  });
});
