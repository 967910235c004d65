import {describe, expect, it} from "vitest";
import {gaussianMixture} from "../../labs/vector-search/synthetic.js";

describe("gaussianMixture", () => {
  const cfg = {nBase: 8000, nQuery: 100, d: 16, clusters: 50, centerStd: 1, noiseStd: 0.5, seed: 3};
  const s = gaussianMixture(cfg);

  it("gaussianMixture is reproducible for a seed", () => {
    expect(gaussianMixture(cfg).base).toEqual(s.base);
    expect(gaussianMixture({...cfg, seed: 4}).base).not.toEqual(s.base);
  });

  it("gaussianMixture noise around each cluster mean has variance noiseStd^2 per dimension (±5%)", () => {
    const {d} = s;
    const sum = new Float64Array(cfg.clusters * d), cnt = new Float64Array(cfg.clusters);
    for (let i = 0; i < s.nBase; i++) {
      cnt[s.baseCluster[i]]++;
      for (let j = 0; j < d; j++) sum[s.baseCluster[i] * d + j] += s.base[i * d + j];
    }
    let ss = 0, dof = 0;
    for (let i = 0; i < s.nBase; i++) {
      const c = s.baseCluster[i];
      for (let j = 0; j < d; j++) ss += (s.base[i * d + j] - sum[c * d + j] / cnt[c]) ** 2;
      dof += d;
    }
    dof -= cfg.clusters * d;
    // 127k degrees of freedom: the variance estimate's relative std error is sqrt(2/dof) ≈ 0.4%
    expect(ss / dof).toBeGreaterThan(0.25 * 0.95);
    expect(ss / dof).toBeLessThan(0.25 * 1.05);
  });

  it("gaussianMixture rejects bad sizes", () => {
    expect(() => gaussianMixture({...cfg, nBase: 0})).toThrow(/base vectors/);
    expect(() => gaussianMixture({...cfg, noiseStd: NaN})).toThrow(/standard deviations/);
  });
});
