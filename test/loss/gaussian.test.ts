import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {checkMixture, gridFor, klGaussians, klQuadrature, logNormal, makeGrid, mixtureLogPdf, mixtureMoments} from "../../labs/loss/gaussian.js";

describe("Gaussian KL", () => {
  it("klQuadrature of two Gaussians matches the closed form klGaussians", () => {
    const cases: [number, number, number, number][] = [[0, 1, 0, 1], [0, 1, 1, 1], [0, 1, 0, 2], [-1, 0.5, 2, 1.5], [3, 2, 0, 0.7]];
    const grid = makeGrid(-30, 30, 20000);
    for (const [m1, s1, m2, s2] of cases) {
      const lp = grid.x.map((x) => logNormal(x, m1, s1));
      const lq = grid.x.map((x) => logNormal(x, m2, s2));
      expect(klQuadrature(lp, lq, grid.dx)).toBeCloseTo(klGaussians(m1, s1, m2, s2), 6);
    }
    expect(klGaussians(0, 1, 1, 1)).toBeCloseTo(0.5, 15); // (μ1-μ2)²/2 with unit variances
  });
  it("klQuadrature is +∞ when q = 0 where p > 0, 0 where both are 0", () => {
    expect(klQuadrature([Math.log(0.5), Math.log(0.5)], [0, -Infinity], 1)).toBe(Infinity);
    expect(klQuadrature([0, -Infinity], [0, -Infinity], 1)).toBe(0);
  });
});

describe("mixtures", () => {
  const m = {weights: [0.3, 0.7], means: [-2, 1.5], sds: [0.5, 1.2]};
  it("mixtureLogPdf integrates to 1 and its quadrature moments match mixtureMoments", () => {
    const grid = gridFor(m, 20000);
    let mass = 0;
    let mean = 0;
    let second = 0;
    for (const x of grid.x) {
      const p = Math.exp(mixtureLogPdf(m, x)) * grid.dx;
      mass += p;
      mean += p * x;
      second += p * x * x;
    }
    expect(mass).toBeCloseTo(1, 10);
    const closed = mixtureMoments(m);
    expect(closed.mean).toBeCloseTo(0.3 * -2 + 0.7 * 1.5, 15);
    expect(closed.variance).toBeCloseTo(0.3 * (0.25 + 4) + 0.7 * (1.44 + 2.25) - closed.mean ** 2, 14);
    expect(mean).toBeCloseTo(closed.mean, 8);
    expect(second - mean * mean).toBeCloseTo(closed.variance, 8);
  });
  it("mixtureLogPdf stays finite far in the tails (log-sum-exp)", () => {
    const v = mixtureLogPdf(m, 200);
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeCloseTo(Math.log(0.7) + logNormal(200, 1.5, 1.2), 6);
  });
  it("checkMixture rejects weights not summing to 1 and σ <= 0", () => {
    expect(() => checkMixture({weights: [0.5, 0.6], means: [0, 1], sds: [1, 1]})).toThrow(InputError);
    expect(() => checkMixture({weights: [0.5, 0.5], means: [0, 1], sds: [1, 0]})).toThrow(/standard deviation 2/);
  });
});
