// Blockwise absmax quantizers of a weight matrix: int8, int4, FP4 and NF4 (QLoRA), double quantization
// of the block constants, and the bits each scheme spends per parameter. Codes are built from their
// definitions (NF4 from N(0,1) quantiles, FP4 from sign/exponent/mantissa) and checked against bitsandbytes.
// Leaves out packing two 4-bit codes per byte and GPU kernels. Sources: Dettmers et al. 2023 (QLoRA,
// arXiv:2305.14314) §3 and Appendix; bitsandbytes functional.py create_normal_map, csrc/kernels.cu dDequantizeFP4Tree.
import {InputError} from "../kit/params.js";
import {type Mat, zeros} from "./linalg.js";

/** Inverse standard normal CDF, Wichura's AS241 (PPND16), relative error ≈ 1e-16. */
export function normalPpf(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    throw new InputError(`normalPpf needs 0 < p < 1, got ${p}.`);
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r + 133.14166789178437745) * r +
          3.387132872796366608)) /
      (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r + 42.313330701600911252) * r + 1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r + 4.6303378461565452959) * r +
        1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r + 2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    val =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r + 5.4637849111641143699) * r +
        6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -val : val;
}

const linspace = (a: number, b: number, n: number) => Array.from({length: n}, (_, i) => (n === 1 ? a : a + ((b - a) * i) / (n - 1)));

/** QLoRA's offset: the outermost quantile used, ½(1 − 1/(2·15) + 1 − 1/(2·16)) = 0.9677083. */
export const NF4_OFFSET = 0.5 * (1 - 1 / 30 + (1 - 1 / 32));

/**
 * NF4: 8 positive quantiles Φ⁻¹(linspace(offset, ½, 9)[:-1]), 7 negative ones −Φ⁻¹(linspace(offset, ½, 8)[:-1]),
 * and an exact 0; normalised by the largest so the code spans [−1, 1]. 16 sorted values.
 */
export function nf4Code(offset = NF4_OFFSET): Float64Array {
  const pos = linspace(offset, 0.5, 9).slice(0, -1).map(normalPpf);
  const neg = linspace(offset, 0.5, 8).slice(0, -1).map((p) => -normalPpf(p));
  const values = [...pos, 0, ...neg].sort((a, b) => a - b);
  const max = Math.max(...values);
  return Float64Array.from(values, (v) => v / max);
}

/**
 * FP4 as bitsandbytes uses it: 1 sign, 2 exponent, 1 mantissa bit; normal values 2^e (1 + m/2) for e = 1..3
 * ({2, 3, 4, 6, 8, 12}), a subnormal 0.0625 and 0, all divided by 12. 16 codes (±0 both present).
 */
export function fp4Code(): Float64Array {
  const mags: number[] = [0, 0.0625];
  for (let e = 1; e <= 3; e++) for (let m = 0; m <= 1; m++) mags.push(2 ** e * (1 + m / 2));
  const values = [...mags, ...mags.map((v) => -v)].map((v) => v / 12);
  return Float64Array.from(values.sort((a, b) => a - b));
}

/** Symmetric integer code for absmax quantization: k/(2^(bits−1) − 1), k = −(2^(bits−1)−1)..(2^(bits−1)−1). */
export function intCode(bits: number): Float64Array {
  const m = 2 ** (bits - 1) - 1;
  return Float64Array.from({length: 2 * m + 1}, (_, i) => (i - m) / m);
}

export type Scheme = "int8" | "int4" | "fp4" | "nf4";
export const SCHEME_BITS: Record<Scheme, number> = {int8: 8, int4: 4, fp4: 4, nf4: 4};

export function codeFor(scheme: Scheme): Float64Array {
  switch (scheme) {
    case "int8":
      return intCode(8);
    case "int4":
      return intCode(4);
    case "fp4":
      return fp4Code();
    case "nf4":
      return nf4Code();
    default:
      throw new InputError(`Unknown quantization scheme "${String(scheme)}"; use int8, int4, fp4 or nf4.`);
  }
}

/** Index of the code value nearest to v (code sorted ascending), by binary search over midpoints. */
export function nearestIndex(code: Float64Array, v: number): number {
  let lo = 0;
  let hi = code.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v > (code[mid] + code[mid + 1]) / 2) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Largest distance from a value in [−1, 1] to its nearest code value: half the widest gap. */
export function maxHalfGap(code: Float64Array): number {
  let g = Math.max(code[0] + 1, 1 - code[code.length - 1]);
  for (let i = 1; i < code.length; i++) g = Math.max(g, (code[i] - code[i - 1]) / 2);
  return g;
}

export interface Quantized {
  scheme: Scheme;
  rows: number;
  cols: number;
  blockSize: number;
  /** (rows·cols) code indices */
  codes: Uint8Array;
  /** (rows·cols / blockSize) block absmax constants, stored as float32 */
  absmax: Float32Array;
  code: Float64Array;
}

export function validateBlockSize(cols: number, blockSize: number): void {
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new InputError(`The block size must be a whole number ≥ 1, got ${blockSize}.`);
  if (cols % blockSize !== 0) {
    throw new InputError(`The block size ${blockSize} does not divide the row length ${cols}: every block must lie inside one row (try a divisor of ${cols}, e.g. ${largestDivisorAtMost(cols, blockSize)}).`);
  }
}

function largestDivisorAtMost(n: number, b: number): number {
  for (let d = Math.min(n, Math.floor(b)); d >= 1; d--) if (n % d === 0) return d;
  return 1;
}

/** Blockwise absmax quantization along rows: each block of `blockSize` values shares one float32 absmax. */
export function quantize(w: Mat, scheme: Scheme, blockSize = 64): Quantized {
  validateBlockSize(w.cols, blockSize);
  const code = codeFor(scheme);
  const n = w.data.length;
  const nBlocks = n / blockSize;
  const codes = new Uint8Array(n);
  const absmax = new Float32Array(nBlocks);
  for (let b = 0; b < nBlocks; b++) {
    let m = 0;
    for (let i = b * blockSize; i < (b + 1) * blockSize; i++) m = Math.max(m, Math.abs(w.data[i]));
    absmax[b] = m;
    const c = absmax[b]; // rounded to float32, as stored
    for (let i = b * blockSize; i < (b + 1) * blockSize; i++) {
      const v = c === 0 ? 0 : Math.max(-1, Math.min(1, w.data[i] / c));
      codes[i] = nearestIndex(code, v);
    }
  }
  return {scheme, rows: w.rows, cols: w.cols, blockSize, codes, absmax, code};
}

/** W ≈ code[q]·absmax_block; `absmax` may be replaced by double-dequantized constants. */
export function dequantize(q: Quantized, absmax: ArrayLike<number> = q.absmax): Mat {
  const out = zeros(q.rows, q.cols);
  for (let i = 0; i < out.data.length; i++) out.data[i] = q.code[q.codes[i]] * absmax[Math.floor(i / q.blockSize)];
  return out;
}

export interface DoubleQuantized {
  /** mean subtracted before quantizing (one float32 per tensor) */
  mean: number;
  blockSize: number;
  /** int8 codes of (absmax − mean) */
  codes: Int8Array;
  /** float32 scale per block of constants */
  scales: Float32Array;
}

/**
 * Double quantization of the block constants: subtract their mean, then 8-bit blockwise absmax with
 * blocks of 256 (QLoRA §3). Simplification: a symmetric linear int8 code stands in for bitsandbytes' dynamic 8-bit map.
 */
export function doubleQuantize(absmax: ArrayLike<number>, blockSize = 256): DoubleQuantized {
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new InputError(`The block size of the constants must be a whole number ≥ 1, got ${blockSize}.`);
  const n = absmax.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += absmax[i];
  mean = Math.fround(mean / n);
  const nBlocks = Math.ceil(n / blockSize); // the last block may be short: constants form a flat list
  const codes = new Int8Array(n);
  const scales = new Float32Array(nBlocks);
  for (let b = 0; b < nBlocks; b++) {
    const end = Math.min(n, (b + 1) * blockSize);
    let m = 0;
    for (let i = b * blockSize; i < end; i++) m = Math.max(m, Math.abs(absmax[i] - mean));
    scales[b] = m;
    for (let i = b * blockSize; i < end; i++) codes[i] = m === 0 ? 0 : Math.round(((absmax[i] - mean) / scales[b]) * 127);
  }
  return {mean, blockSize, codes, scales};
}

export function doubleDequantize(dq: DoubleQuantized): Float64Array {
  return Float64Array.from(dq.codes, (c, i) => dq.mean + (c / 127) * dq.scales[Math.floor(i / dq.blockSize)]);
}

/**
 * Bits stored per parameter: the code bits plus the constants spread over their block.
 * Single: bits + 32/B. Double (QLoRA): bits + 8/B + 32/(B·B2). NF4, B = 64, B2 = 256: 4.5 vs 4.127.
 */
export function bitsPerParameter(bits: number, blockSize: number, doubleQuant?: {bits: number; blockSize: number}): number {
  for (const [name, v] of [["bits", bits], ["block size", blockSize], ["constants' bits", doubleQuant?.bits ?? 1], ["constants' block size", doubleQuant?.blockSize ?? 1]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new InputError(`The ${name} must be a whole number ≥ 1, got ${v}.`);
  }
  if (!doubleQuant) return bits + 32 / blockSize;
  return bits + doubleQuant.bits / blockSize + 32 / (blockSize * doubleQuant.blockSize);
}

export interface ErrorStats {
  /** ||W − Ŵ||_F / ||W||_F */
  relativeFrobenius: number;
  rmse: number;
  maxAbs: number;
}

export function errorStats(w: Mat, wHat: Mat): ErrorStats {
  if (w.rows !== wHat.rows || w.cols !== wHat.cols) throw new InputError(`W is ${w.rows} × ${w.cols} but Ŵ is ${wHat.rows} × ${wHat.cols}.`);
  let se = 0;
  let sw = 0;
  let m = 0;
  for (let i = 0; i < w.data.length; i++) {
    const e = w.data[i] - wHat.data[i];
    se += e * e;
    sw += w.data[i] * w.data[i];
    m = Math.max(m, Math.abs(e));
  }
  return {relativeFrobenius: Math.sqrt(se / sw), rmse: Math.sqrt(se / w.data.length), maxAbs: m};
}

/** QLoRA's double quantization of the constants: 8-bit codes in blocks of 256. */
export const QLORA_DQ = {bits: 8, blockSize: 256};

export type ComparedScheme = Scheme | "nf4 + DQ";

export interface SchemeResult {
  scheme: ComparedScheme;
  /** (rows, cols) the dequantized matrix Ŵ */
  wHat: Mat;
  stats: ErrorStats;
  /** stored bits per parameter, and the part of them spent on block constants */
  bits: number;
  constantBits: number;
}

/**
 * int8, int4, FP4 and NF4 at one block size, then NF4 with double-quantized constants (QLORA_DQ).
 * Throws the InputError of validateBlockSize when the block size does not divide the row length.
 */
export function compareSchemes(w: Mat, blockSize: number): SchemeResult[] {
  const out: SchemeResult[] = (["int8", "int4", "fp4", "nf4"] as const).map((scheme) => {
    const wHat = dequantize(quantize(w, scheme, blockSize));
    const bits = bitsPerParameter(SCHEME_BITS[scheme], blockSize);
    return {scheme, wHat, stats: errorStats(w, wHat), bits, constantBits: bits - SCHEME_BITS[scheme]};
  });
  const nf4 = quantize(w, "nf4", blockSize);
  const wHat = dequantize(nf4, doubleDequantize(doubleQuantize(nf4.absmax, QLORA_DQ.blockSize)));
  const bits = bitsPerParameter(4, blockSize, QLORA_DQ);
  out.push({scheme: "nf4 + DQ", wHat, stats: errorStats(w, wHat), bits, constantBits: bits - 4});
  return out;
}

/** Bytes saved by double quantization on `params` quantized parameters at block size 64 (QLoRA §3: 0.373 bits each). */
export function doubleQuantSavingBytes(params: number): number {
  return ((bitsPerParameter(4, 64) - bitsPerParameter(4, 64, QLORA_DQ)) * params) / 8;
}
