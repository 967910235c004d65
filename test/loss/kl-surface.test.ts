import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {runToEnd} from "../../labs/kit/stepper.js";
import {klGaussians, mixtureLogPdf, mixtureMoments} from "../../labs/loss/gaussian.js";
import {fitGrid, fitObjective, makeKlFitStepper, type KlFitSnapshot} from "../../labs/loss/kl-fit.js";
import {klSurface, localMinima, pathOn, surfaceAxes} from "../../labs/loss/kl-surface.js";

const bimodal = {weights: [0.5, 0.5], means: [-2, 2], sds: [0.6, 0.6]};
const config = (mixture = bimodal, gridSize = 800) => ({mixture, learningRate: 0.1, steps: 60, seed: 7, gridSize});

describe("klSurface", () => {
  it("klSurface with a one-component p matches the closed-form KL between two Gaussians at every grid point", () => {
    const single = {weights: [1], means: [0.5], sds: [1.3]};
    const s = klSurface(config(single, 4000), {mu: [-1, 2], sd: [0.6, 2]}, 5, 4);
    s.sd.forEach((sd, i) => s.mu.forEach((mu, j) => {
      expect(s.forward[i][j]).toBeCloseTo(klGaussians(0.5, 1.3, mu, sd), 3);
      expect(s.reverse[i][j]).toBeCloseTo(klGaussians(mu, sd, 0.5, 1.3), 3);
    }));
  });
  it("klSurface equals fitObjective (the fit's own float64 objective) at every grid point", () => {
    const s = klSurface(config(), surfaceAxes(bimodal), 9, 7);
    const grid = fitGrid(bimodal, 800);
    const logp = grid.x.map((x) => mixtureLogPdf(bimodal, x));
    s.sd.forEach((sd, i) => s.mu.forEach((mu, j) => {
      expect(s.forward[i][j]).toBeCloseTo(fitObjective("forward", grid, logp, mu, Math.log(sd)), 10);
      expect(s.reverse[i][j]).toBeCloseTo(fitObjective("reverse", grid, logp, mu, Math.log(sd)), 10);
    }));
  });
  it("klSurface axes: μ evenly spaced, σ geometric, both from the given ends", () => {
    const s = klSurface(config(), {mu: [-3, 3], sd: [0.25, 4]}, 7, 5);
    expect(s.mu).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    [0.25, 0.5, 1, 2, 4].forEach((v, i) => expect(s.sd[i]).toBeCloseTo(v, 12));
  });
  it("klSurface refuses bad sizes and axes with InputError", () => {
    expect(() => klSurface(config(), {mu: [-1, 1], sd: [0.5, 1]}, 1, 5)).toThrow(InputError);
    expect(() => klSurface(config(), {mu: [1, -1], sd: [0.5, 1]})).toThrow(InputError);
    expect(() => klSurface(config(), {mu: [-1, 1], sd: [0, 1]})).toThrow(InputError);
  });
});

describe("localMinima", () => {
  it("localMinima on a hand-made grid finds the strict minima, edges included", () => {
    const v = [[0, 2, 3], [2, 1.5, 2], [3, 2, 1]];
    expect(localMinima(v, [10, 11, 12], [1, 2, 3])).toEqual([{mu: 10, sd: 1, kl: 0}, {mu: 12, sd: 3, kl: 1}]);
    expect(localMinima([[1, 1]], [0, 1], [1])).toEqual([]); // ties are not strict minima
  });
  it("localMinima: reverse KL of an equal two-mode mixture has a basin at each mode (KL ≈ ln 2); forward KL one, at the moments", () => {
    const s = klSurface(config(), {mu: [-3.2, 3.2], sd: [0.3, 3]}, 33, 33);
    const rev = localMinima(s.reverse, s.mu, s.sd);
    const modes = rev.filter((b) => Math.abs(Math.abs(b.mu) - 2) < 0.21 && Math.abs(b.sd - 0.6) < 0.1);
    expect(modes.map((b) => Math.sign(b.mu)).sort()).toEqual([-1, 1]);
    for (const b of modes) expect(Math.abs(b.kl - Math.log(2))).toBeLessThan(0.02);
    const fwd = localMinima(s.forward, s.mu, s.sd);
    const {mean, variance} = mixtureMoments(bimodal);
    expect(fwd).toHaveLength(1);
    expect(Math.abs(fwd[0].mu - mean)).toBeLessThan(0.21);
    expect(Math.abs(fwd[0].sd / Math.sqrt(variance) - 1)).toBeLessThan(0.08); // within one σ step of the geometric grid
  });
});

describe("pathOn", () => {
  it("pathOn's last point is the fit's end: its μ, σ and objective; the other KL matches the snapshot and the surface there", async () => {
    const c = config();
    const end = (await runToEnd(makeKlFitStepper(c), {stepsPerCall: 20})) as KlFitSnapshot;
    for (const fit of ["forward", "reverse"] as const) {
      const own = pathOn(end.history, fit, fit, c);
      expect(own).toHaveLength(61);
      expect(own[0]).toMatchObject({step: 0, mu: end.init.mu, sd: end.init.sd});
      const last = own[own.length - 1];
      expect(last.step).toBe(60);
      expect(last.mu).toBeCloseTo(end[fit].mu, 12);
      expect(last.sd).toBeCloseTo(end[fit].sd, 12);
      expect(last.kl).toBeCloseTo(end[fit].objective, 12);
      const other = pathOn(end.history, fit, fit === "forward" ? "reverse" : "forward", c).at(-1)!;
      expect(other.kl).toBeCloseTo(fit === "forward" ? end[fit].klQP : end[fit].klPQ, 12);
      const s = klSurface(c, {mu: [last.mu, last.mu + 1], sd: [last.sd, 2 * last.sd]}, 2, 2);
      expect(s[fit][0][0]).toBeCloseTo(end[fit].objective, 10);
    }
  });
});
