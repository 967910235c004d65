import {describe, expect, it} from "vitest";
import {checkSpec, formatControl, initialValue, readControl} from "../../labs/kit/controls.js";
import {stream} from "../../labs/kit/random.js";
import {checkLogitCount, epsSpec, fitConfig, fitToK, kSpec, logitSpec, lrSpec, modeSdSpec, pathSpec, sepSpec, seededStart, stepsSpec, tpSpec, tqSpec, unitsSpec, weightSpec} from "../../labs/loss/controls.js";
import {seededLogits} from "../../labs/loss/text.js";

const all = [kSpec, tpSpec, tqSpec, unitsSpec, pathSpec, sepSpec, modeSdSpec, weightSpec, lrSpec, stepsSpec, epsSpec, logitSpec("p", 5, 42), logitSpec("q", 5, 42)];

describe("the loss page's control specs", () => {
  it("every spec's default reads back as itself (checkSpec), and every key is distinct", () => {
    for (const spec of all) expect(() => checkSpec(spec)).not.toThrow();
    expect(new Set(all.map((s) => s.key)).size).toBe(all.length);
  });
  it("links the old page wrote still open the same state: ?K=3&p=0,1,2&q=2,1,0&Tp=1&Tq=1&units=bits&path=mixing&eps=0.2", () => {
    const link: [typeof all[number], string, unknown][] = [
      [kSpec, "3", 3], [logitSpec("p", 3, 42), "0,1,2", [0, 1, 2]], [logitSpec("q", 3, 42), "2, 1, 0", [2, 1, 0]],
      [tpSpec, "1", 1], [tqSpec, "0.33", 0.33], [unitsSpec, "bits", "bits"], [pathSpec, "mixing", "mixing"], [epsSpec, "0.2", 0.2],
      [sepSpec, "4", 4], [modeSdSpec, "0.6", 0.6], [weightSpec, "0.3", 0.3], [lrSpec, "0.25", 0.25], [stepsSpec, "300", 300]
    ];
    for (const [spec, text, value] of link) {
      const start = initialValue(spec, text);
      expect(start.problem).toBeUndefined();
      expect(start.value).toEqual(value);
    }
  });
  it("logitSpec reads -inf (and −∞, -Infinity) as -Infinity and writes it back as -inf", () => {
    const spec = logitSpec("p", 4, 42);
    const read = readControl(spec, "1.5, -inf, −∞, -Infinity");
    expect(read).toEqual({ok: true, value: [1.5, -Infinity, -Infinity, -Infinity]});
    expect(formatControl(spec, [1.5, -Infinity, 0])).toBe("1.5,-inf,0");
  });
  it("logitSpec refuses text, values beyond ±1e6 and more than 20 logits, naming the value; checkLogitCount refuses a wrong count and all -inf", () => {
    const spec = logitSpec("q", 4, 42);
    expect(readControl(spec, "1, abc")).toEqual({ok: false, error: expect.stringMatching(/the logits of q must be a number, got "abc"/)});
    expect(readControl(spec, "1e9, 0")).toEqual({ok: false, error: expect.stringMatching(/at most 1000000, got 1000000000/)});
    expect(readControl(spec, new Array(21).fill("0").join(",")).ok).toBe(false);
    expect(readControl(spec, "0x10, 1").ok).toBe(false);
    expect(checkLogitCount([1, 2], 3, "q")).toEqual({ok: false, error: expect.stringMatching(/2 logits but K = 3/)});
    expect(checkLogitCount([-Infinity, -Infinity], 2, "q")).toEqual({ok: false, error: expect.stringMatching(/cannot all be -inf/)});
  });
  it("seededStart(which, K, seed) draws from stream(seed, which): p and q differ, and K+1 logits extend K", () => {
    expect(seededStart("p", 5, 42)).toEqual(seededLogits(stream(42, "p"), 5));
    expect(seededStart("q", 5, 42)).not.toEqual(seededStart("p", 5, 42));
    expect(seededStart("p", 6, 42).slice(0, 5)).toEqual(seededStart("p", 5, 42));
  });
  it("fitToK cuts or pads a link's list to K with the seeded start, and falls back when all are -inf", () => {
    expect(fitToK([1, 2, 3], 2, [9, 9, 9])).toEqual([1, 2]);
    expect(fitToK([1], 3, [7, 8, 9])).toEqual([1, 8, 9]);
    expect(fitToK([-Infinity, -Infinity], 2, [7, 8])).toEqual([7, 8]);
  });
  it("fitConfig puts the modes at ±distance/2 with the left weight w", () => {
    expect(fitConfig({sep: 4, modeSd: 0.6, weight: 0.3, lr: 0.1, steps: 300, seed: 42})).toEqual({
      mixture: {weights: [0.3, 0.7], means: [-2, 2], sds: [0.6, 0.6]}, learningRate: 0.1, steps: 300, seed: 42
    });
  });
});
