// Dense row-major matrix helpers for the LoRA lab: products, Frobenius norms, the SVD (delegated to
// ml-matrix's one-sided Jacobi/Golub–Kahan SVD) and the truncated-SVD optimum of Eckart–Young–Mirsky.
// Leaves out anything sparse or batched; sizes here are tens to hundreds. Source: Eckart & Young (1936);
// Golub & Van Loan, "Matrix Computations", §2.4.
import {Matrix, SingularValueDecomposition} from "ml-matrix";
import {randomNormal} from "../kit/random.js";
import {InputError} from "../kit/params.js";

/** A dense matrix: data is row-major, shape (rows, cols). */
export interface Mat {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function zeros(rows: number, cols: number): Mat {
  return {rows, cols, data: new Float64Array(rows * cols)};
}

export function fromArray(rows: number, cols: number, values: ArrayLike<number>): Mat {
  if (values.length !== rows * cols) throw new Error(`Expected ${rows * cols} values for a ${rows} × ${cols} matrix, got ${values.length}.`);
  return {rows, cols, data: Float64Array.from(values)};
}

/** Entries drawn from N(0, std²). */
export function gaussian(rows: number, cols: number, std: number, random: () => number): Mat {
  const normal = randomNormal(random);
  const m = zeros(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = std * normal();
  return m;
}

/** (n, m) x (m, p) -> (n, p) */
export function matmul(a: Mat, b: Mat): Mat {
  if (a.cols !== b.rows) throw new Error(`Cannot multiply ${a.rows} × ${a.cols} by ${b.rows} × ${b.cols}.`);
  const out = zeros(a.rows, b.cols);
  const {rows: n, cols: m} = a;
  const p = b.cols;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < m; t++) {
      const av = a.data[i * m + t];
      if (av === 0) continue;
      const bRow = t * p;
      const oRow = i * p;
      for (let j = 0; j < p; j++) out.data[oRow + j] += av * b.data[bRow + j];
    }
  }
  return out;
}

/** (n, m) -> (m, n) */
export function transpose(a: Mat): Mat {
  const out = zeros(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j];
  return out;
}

export function add(a: Mat, b: Mat, scaleB = 1): Mat {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new Error(`Cannot add ${a.rows} × ${a.cols} and ${b.rows} × ${b.cols}.`);
  const out = zeros(a.rows, a.cols);
  for (let i = 0; i < a.data.length; i++) out.data[i] = a.data[i] + scaleB * b.data[i];
  return out;
}

export function scale(a: Mat, s: number): Mat {
  const out = zeros(a.rows, a.cols);
  for (let i = 0; i < a.data.length; i++) out.data[i] = s * a.data[i];
  return out;
}

/** ||a||_F² */
export function frobeniusSquared(a: Mat): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += a.data[i] * a.data[i];
  return s;
}

export function maxAbsDiff(a: Mat, b: Mat): number {
  let m = 0;
  for (let i = 0; i < a.data.length; i++) m = Math.max(m, Math.abs(a.data[i] - b.data[i]));
  return m;
}

function toMl(a: Mat): Matrix {
  const m = new Matrix(a.rows, a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) m.set(i, j, a.data[i * a.cols + j]);
  return m;
}

function fromMl(m: Matrix, cols = m.columns): Mat {
  const out = zeros(m.rows, cols);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < cols; j++) out.data[i * cols + j] = m.get(i, j);
  return out;
}

export interface Svd {
  /** (rows, q) left singular vectors, q = min(rows, cols) */
  u: Mat;
  /** (q) singular values, descending */
  s: Float64Array;
  /** (cols, q) right singular vectors */
  v: Mat;
}

/** Thin SVD a = U diag(s) Vᵀ with s descending. */
export function svd(a: Mat): Svd {
  const q = Math.min(a.rows, a.cols);
  // ml-matrix handles rows < cols by transposing internally (autoTranspose).
  const dec = new SingularValueDecomposition(toMl(a), {computeLeftSingularVectors: true, computeRightSingularVectors: true, autoTranspose: true});
  const s = Float64Array.from(dec.diagonal.slice(0, q));
  const u = fromMl(dec.leftSingularVectors, q);
  const v = fromMl(dec.rightSingularVectors, q);
  // Sort descending (ml-matrix already does; this keeps the contract explicit).
  const order = Array.from(s.keys()).sort((i, j) => s[j] - s[i]);
  const sortCols = (m: Mat): Mat => {
    const out = zeros(m.rows, q);
    for (let i = 0; i < m.rows; i++) for (let c = 0; c < q; c++) out.data[i * q + c] = m.data[i * m.cols + order[c]];
    return out;
  };
  return {u: sortCols(u), s: Float64Array.from(order, (i) => s[i]), v: sortCols(v)};
}

export function singularValues(a: Mat): Float64Array {
  const q = Math.min(a.rows, a.cols);
  const dec = new SingularValueDecomposition(toMl(a), {computeLeftSingularVectors: false, computeRightSingularVectors: false, autoTranspose: true});
  return Float64Array.from(dec.diagonal.slice(0, q)).sort().reverse();
}

/** Best rank-r approximation in Frobenius (and spectral) norm: U_r diag(s_r) V_rᵀ. */
export function truncatedSvd(a: Mat, r: number): Mat {
  const {u, s, v} = svd(a);
  const q = s.length;
  const out = zeros(a.rows, a.cols);
  for (let c = 0; c < Math.min(r, q); c++) {
    for (let i = 0; i < a.rows; i++) {
      const ui = u.data[i * q + c] * s[c];
      if (ui === 0) continue;
      for (let j = 0; j < a.cols; j++) out.data[i * a.cols + j] += ui * v.data[j * q + c];
    }
  }
  return out;
}

/** Eckart–Young: min over rank-r M of ||A − M||_F² = Σ_{i>r} σ_i². */
export function eckartYoungFloor(singular: ArrayLike<number>, r: number): number {
  let e = 0;
  for (let i = r; i < singular.length; i++) e += singular[i] * singular[i];
  return e;
}

/** (n, k) matrix with orthonormal columns (n ≥ k), from the SVD of a Gaussian matrix. */
export function orthonormalColumns(n: number, k: number, random: () => number): Mat {
  if (n < k) throw new Error(`Need n ≥ k for orthonormal columns, got n = ${n}, k = ${k}.`);
  return svd(gaussian(n, k, 1, random)).u;
}

/**
 * Smallest r whose top r singular values hold at least `fraction` of the energy Σσᵢ² (= ||A||_F²): how
 * many directions a matrix really uses. singular: descending. Throws an InputError for fraction outside (0, 1].
 */
export function energyRank(singular: ArrayLike<number>, fraction: number): number {
  if (!(fraction > 0 && fraction <= 1)) throw new InputError(`The energy fraction must be in (0, 1], got ${fraction}.`);
  let total = 0;
  for (let i = 0; i < singular.length; i++) total += singular[i] * singular[i];
  let sum = 0;
  for (let i = 0; i < singular.length; i++) {
    sum += singular[i] * singular[i];
    if (sum >= fraction * total * (1 - 1e-12)) return i + 1;
  }
  return singular.length;
}
