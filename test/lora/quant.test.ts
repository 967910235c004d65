import {describe, it, expect} from "vitest";
import {mulberry32} from "../../labs/kit/random.js";
import {gaussian, zeros} from "../../labs/lora/linalg.js";
import {InputError} from "../../labs/kit/params.js";
import {normalPpf, nf4Code, fp4Code, intCode, quantize, dequantize, maxHalfGap, bitsPerParameter, doubleQuantize, doubleDequantize, NF4_OFFSET, nearestIndex, errorStats, compareSchemes, doubleQuantSavingBytes} from "../../labs/lora/quant.js";

// bitsandbytes / QLoRA appendix E NF4 table
const NF4_TABLE = [-1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635, -0.18477343022823334, -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224, 0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0];

describe("quantizers", () => {
  it("normalPpf matches published quantiles of N(0,1)", () => {
    expect(normalPpf(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalPpf(0.75)).toBeCloseTo(0.6744897501960817, 12);
    expect(normalPpf(0.5)).toBe(0);
    expect(normalPpf(1e-10)).toBeCloseTo(-6.361340902404056, 9);
    expect(normalPpf(0.025)).toBeCloseTo(-1.959963984540054, 12);
  });

  it("nf4Code() has 16 levels, an exact zero, and matches the bitsandbytes table within 1e-4", () => {
    expect(NF4_OFFSET).toBeCloseTo(0.9677083, 7);
    const code = nf4Code();
    expect(code.length).toBe(16);
    expect(new Set(code).size).toBe(16);
    expect(code.includes(0)).toBe(true);
    expect(code[0]).toBe(-1);
    expect(code[15]).toBe(1);
    code.forEach((v, i) => expect(Math.abs(v - NF4_TABLE[i])).toBeLessThan(1e-4));
  });

  it("fp4Code() matches bitsandbytes' dDequantizeFP4Tree values", () => {
    const mags = [0, 0.005208333333, 0.16666667, 0.25, 0.33333333, 0.5, 0.66666667, 1];
    const expected = [...mags.map((v) => -v).reverse(), ...mags];
    const code = fp4Code();
    expect(code.length).toBe(16);
    code.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 8));
  });

  it("intCode(8) is k/127 and nearestIndex picks the closest level", () => {
    const c = intCode(8);
    expect(c.length).toBe(255);
    expect(c[0]).toBe(-1);
    expect(c[127]).toBe(0);
    expect(maxHalfGap(c)).toBeCloseTo(1 / 254, 14);
    const r = mulberry32(1);
    for (let t = 0; t < 200; t++) {
      const v = 2 * r() - 1;
      let best = 0;
      for (let i = 1; i < c.length; i++) if (Math.abs(c[i] - v) < Math.abs(c[best] - v)) best = i;
      expect(Math.abs(c[nearestIndex(c, v)] - v)).toBeCloseTo(Math.abs(c[best] - v), 14);
    }
  });

  it("quantize → dequantize error stays within each block's bound absmax·(half the widest code gap)", () => {
    const w = gaussian(16, 128, 0.05, mulberry32(2));
    for (const scheme of ["int8", "int4", "fp4", "nf4"] as const) {
      const q = quantize(w, scheme, 64);
      const wh = dequantize(q);
      const bound = maxHalfGap(q.code);
      for (let i = 0; i < w.data.length; i++) {
        const absmax = q.absmax[Math.floor(i / 64)];
        expect(Math.abs(w.data[i] - wh.data[i])).toBeLessThanOrEqual(absmax * bound * (1 + 1e-6) + 1e-12);
      }
      // each block's largest entry is reproduced up to float32 rounding of the constant
      for (let b = 0; b < q.absmax.length; b++) {
        let m = 0;
        for (let i = b * 64; i < (b + 1) * 64; i++) m = Math.max(m, Math.abs(w.data[i]));
        expect(q.absmax[b]).toBeCloseTo(m, 6);
      }
    }
    // int8 closed form: |error| ≤ absmax/254
    const q8 = quantize(w, "int8", 64);
    const e8 = errorStats(w, dequantize(q8));
    expect(e8.maxAbs).toBeLessThanOrEqual((Math.max(...q8.absmax) / 254) * (1 + 1e-6));
  });

  it("nf4 beats fp4 and int4 on Gaussian weights (QLoRA's claim), int8 beats all 4-bit codes", () => {
    const w = gaussian(64, 256, 0.02, mulberry32(3));
    const err = (s: "int8" | "int4" | "fp4" | "nf4") => errorStats(w, dequantize(quantize(w, s, 64))).relativeFrobenius;
    expect(err("nf4")).toBeLessThan(err("fp4"));
    expect(err("nf4")).toBeLessThan(err("int4"));
    expect(err("int8")).toBeLessThan(err("nf4") / 5);
  });

  it("bitsPerParameter: 4 + 32/64 = 4.5, double quantization 4 + 8/64 + 32/(64·256) ≈ 4.127", () => {
    expect(bitsPerParameter(4, 64)).toBe(4.5);
    expect(bitsPerParameter(8, 64)).toBe(8.5);
    expect(bitsPerParameter(4, 64, {bits: 8, blockSize: 256})).toBeCloseTo(4.126953125, 12);
    expect(bitsPerParameter(4, 64, {bits: 8, blockSize: 256}) - 4).toBeCloseTo(0.127, 3);
    // 0.373 bits/param saved at 65B ≈ 3 GB
    expect(((0.5 - (bitsPerParameter(4, 64, {bits: 8, blockSize: 256}) - 4)) * 65e9) / 8 / 1e9).toBeCloseTo(3.03, 1);
  });

  it("doubleQuantize(absmax) reconstructs each constant within its block's int8 bound", () => {
    const r = mulberry32(5);
    const absmax = Float64Array.from({length: 1000}, () => 0.05 + 0.1 * r());
    const dq = doubleQuantize(absmax, 256);
    expect(dq.scales.length).toBe(4);
    const back = doubleDequantize(dq);
    for (let i = 0; i < absmax.length; i++) expect(Math.abs(back[i] - absmax[i])).toBeLessThanOrEqual(dq.scales[Math.floor(i / 256)] / 254 + 1e-7);
  });

  it("quantize rejects a block size that does not divide the row", () => {
    const w = gaussian(4, 64, 1, mulberry32(6));
    expect(() => quantize(w, "nf4", 60)).toThrow(/block size 60 does not divide the row length 64/);
    expect(() => quantize(w, "nf4", 0)).toThrow(/whole number ≥ 1/);
    expect(() => quantize(w, "nf5" as "nf4", 64)).toThrow(/Unknown quantization scheme/);
  });
});

describe("compareSchemes and the entry points' domains", () => {
  it("compareSchemes(W, 64): one row per scheme, bits = code bits + 32/64 (+ DQ 8/64 + 32/(64·256)), errors from errorStats", () => {
    const w = gaussian(8, 128, 1 / 16, mulberry32(5));
    const rows = compareSchemes(w, 64);
    expect(rows.map((r) => r.scheme)).toEqual(["int8", "int4", "fp4", "nf4", "nf4 + DQ"]);
    expect(rows.map((r) => r.bits)).toEqual([8.5, 4.5, 4.5, 4.5, 4 + 8 / 64 + 32 / (64 * 256)]);
    expect(rows[4].constantBits).toBeCloseTo(0.126953125, 12);
    for (const r of rows) expect(r.stats).toEqual(errorStats(w, r.wHat));
    expect(rows[0].stats.relativeFrobenius).toBeLessThan(rows[3].stats.relativeFrobenius); // 8 bits beat 4
    expect(() => compareSchemes(w, 60)).toThrow(/does not divide the row length 128/);
  });

  it("doubleQuantSavingBytes(65e9) ≈ 3.03 GB: 0.373046875 bits × 65·10⁹ / 8", () => {
    expect(doubleQuantSavingBytes(65e9)).toBeCloseTo((0.373046875 * 65e9) / 8, 0);
  });

  it("bitsPerParameter, doubleQuantize, errorStats and normalPpf refuse values outside their domain with an InputError", () => {
    expect(() => bitsPerParameter(0, 64)).toThrow(InputError);
    expect(() => bitsPerParameter(4, 1e308)).not.toThrow();
    expect(() => bitsPerParameter(4, 0.5)).toThrow(/block size must be a whole number ≥ 1, got 0\.5/);
    expect(() => doubleQuantize([1, 2], 0)).toThrow(/got 0/);
    expect(() => errorStats(zeros(2, 2), zeros(2, 3))).toThrow(/2 × 2 but Ŵ is 2 × 3/);
    expect(normalPpf(1)).toBe(Infinity);
    expect(() => normalPpf(1.5)).toThrow(InputError);
  });
});
