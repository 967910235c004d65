// The UMAP layout: deterministic for a seed, and it keeps planted clusters apart (checked by brute-force
// nearest neighbours in 2-D), the local structure UMAP is built to preserve.
import {describe, expect, it} from "vitest";
import {mulberry32} from "../../labs/kit/random.js";
import {runToEnd} from "../../labs/kit/stepper.js";
import {umapStepper} from "../../labs/word2vec/umap.js";

/** 3 blobs of 60 points in 50-d: centres ~N(0, 4²) per coordinate, points centre + N(0, 1). */
function blobs(seed: number): {vectors: Float32Array; label: number[]} {
  const random = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const D = 50, per = 60;
  const centres = Array.from({length: 3}, () => Array.from({length: D}, () => 4 * gauss()));
  const vectors = new Float32Array(3 * per * D);
  const label: number[] = [];
  for (let b = 0; b < 3; b++)
    for (let j = 0; j < per; j++) {
      const i = b * per + j;
      label.push(b);
      for (let d = 0; d < D; d++) vectors[i * D + d] = centres[b][d] + gauss();
    }
  return {vectors, label};
}

describe("UMAP layout", () => {
  const {vectors, label} = blobs(7);
  it("is deterministic for a seed and differs for another", async () => {
    const a = await runToEnd(umapStepper({vectors, dim: 50, seed: 1, epochs: 100}), {stepsPerCall: 30});
    const b = await runToEnd(umapStepper({vectors, dim: 50, seed: 1, epochs: 100}), {stepsPerCall: 7});
    const c = await runToEnd(umapStepper({vectors, dim: 50, seed: 2, epochs: 100}), {stepsPerCall: 30});
    expect(a.epoch).toBe(100);
    expect(Array.from(b.embedding)).toEqual(Array.from(a.embedding));
    expect(Array.from(c.embedding)).not.toEqual(Array.from(a.embedding));
  });

  it("keeps each point's 2-D nearest neighbours in its own blob", async () => {
    const s = await runToEnd(umapStepper({vectors, dim: 50, seed: 3}), {stepsPerCall: 50});
    const e = s.embedding;
    expect(e.every(Number.isFinite)).toBe(true);
    const k = 10;
    let same = 0;
    for (let i = 0; i < s.n; i++) {
      const order = Array.from({length: s.n}, (_, j) => j).filter((j) => j !== i);
      const d2 = (j: number) => (e[2 * i] - e[2 * j]) ** 2 + (e[2 * i + 1] - e[2 * j + 1]) ** 2;
      order.sort((x, y) => d2(x) - d2(y));
      for (const j of order.slice(0, k)) if (label[j] === label[i]) same++;
    }
    // Chance is about 1/3; separated blobs stay apart.
    expect(same / (s.n * k)).toBeGreaterThan(0.95);
  });

  it("bad input gives a clear error", () => {
    expect(() => umapStepper({vectors: new Float32Array(10), dim: 3, seed: 1})).toThrow(/rows of 3/);
    expect(() => umapStepper({vectors: new Float32Array(20), dim: 2, seed: 1})).toThrow(/more points/);
    expect(() => umapStepper({vectors: new Float32Array([NaN, ...new Array(99).fill(0)]), dim: 2, seed: 1, nNeighbors: 5})).toThrow(/non-finite/);
    expect(() => umapStepper({vectors: new Float32Array(100).fill(1).fill(0, 0, 2), dim: 2, seed: 1, nNeighbors: 5})).toThrow(/row 0 is zero/);
  });
});
