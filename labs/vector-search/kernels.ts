// Host side of kernels.wat, the WebAssembly kernels of the ANN indexes: L2 from one vector to many,
// the IVF-PQ query (coarse distances, inner-product table, per-cell tables, list scan into a top-k
// heap) and the blocked k-means assignment. The module is compiled elsewhere (kernels-node.ts in Node,
// a build-time data loader for the browser); backend.ts decides when a kernel runs.
// Each kernel's readable reference is named beside it; test/vector-search/kernels.test.ts compares them.

interface Exports {
  mem: WebAssembly.Memory;
  l2ny(x: number, y: number, d: number, ny: number, out: number): void;
  ip_table(q: number, cbT: number, m: number, ksub: number, dsub: number, out: number, scale: number): void;
  add(a: number, b: number, out: number, count: number): void;
  scan(codes: number, ids: number, n: number, m: number, ksub: number, table: number, base: number, hd: number, hi: number, k: number, size: number): number;
  assign(x: number, n4: number, d: number, cT: number, cn: number, kpad: number, arg: number, best: number): void;
  accumulate(x: number, n: number, d: number, arg: number, sums: number): void;
}

/** One kernel instance with its own memory and a bump allocator; arrays are addressed in bytes. */
export class Kernels {
  readonly fn: Exports;
  private top = 0;

  /** A fresh instance with its own memory (backend.ts's kernelsFor decides when to make one). */
  constructor(module: WebAssembly.Module) {
    this.fn = new WebAssembly.Instance(module, {}).exports as unknown as Exports;
  }

  /** Reserves `bytes` (16-byte aligned, plus 16 bytes of slack for 4-byte reads past the end); returns the byte offset. */
  alloc(bytes: number): number {
    const start = Math.ceil(this.top / 16) * 16;
    this.top = start + bytes + 16;
    const mem = this.fn.mem;
    if (this.top > mem.buffer.byteLength) mem.grow(Math.ceil((this.top - mem.buffer.byteLength) / 65536));
    return start;
  }

  // Views are recreated after memory growth (growth detaches the old buffer).
  f64(): Float64Array {
    return new Float64Array(this.fn.mem.buffer);
  }
  f32(): Float32Array {
    return new Float32Array(this.fn.mem.buffer);
  }
  i32(): Int32Array {
    return new Int32Array(this.fn.mem.buffer);
  }
  u8(): Uint8Array {
    return new Uint8Array(this.fn.mem.buffer);
  }
}

/** Reference of ip_table: out[j, t] = scale * <q_j, c_jt> with codebooks (m, ksub, dsub). */
export function ipTable(q: Float32Array, qo: number, codebooks: Float32Array, m: number, ksub: number, dsub: number, scale: number, out: Float32Array): Float32Array {
  for (let j = 0; j < m; j++)
    for (let t = 0; t < ksub; t++) {
      let s = 0;
      for (let u = 0; u < dsub; u++) s += q[qo + j * dsub + u] * codebooks[(j * ksub + t) * dsub + u];
      out[j * ksub + t] = scale * s;
    }
  return out;
}

/** Codebooks (m, ksub, dsub) → (m, dsub, ksub): coordinate u of every centroid of sub-space j side by side. */
export function transposeCodebooks(codebooks: Float32Array, m: number, ksub: number, dsub: number): Float32Array {
  const out = new Float32Array(m * ksub * dsub);
  for (let j = 0; j < m; j++)
    for (let t = 0; t < ksub; t++)
      for (let u = 0; u < dsub; u++) out[(j * dsub + u) * ksub + t] = codebooks[(j * ksub + t) * dsub + u];
  return out;
}

/**
 * Nearest-centroid assignment of a fixed set of points by the blocked kernel: the points are copied
 * once; setCentroids loads (k, d) centroids (transposed, with their squared norms); assign writes the
 * index of each point's nearest centroid and returns the objective; sums gives the update step's
 * per-cluster sums. Used by k-means training, IVF adds and PQ encoding.
 */
export class Assigner {
  private kern: Kernels;
  private x: number;
  private cT: number;
  private cn: number;
  private arg: number;
  private best: number;
  private n4: number;
  private kpad: number;
  private sums = -1; // (k, d) f64, allocated on first use
  private xnorm: Float64Array; // (n,) ||x_i||^2

  constructor(kern: Kernels, readonly n: number, readonly d: number, readonly k: number) {
    if (d % 4 !== 0) throw new Error(`The blocked assignment kernel needs d % 4 == 0, got d = ${d}.`);
    this.kern = kern;
    this.n4 = Math.ceil(n / 4) * 4;
    this.kpad = Math.ceil(k / 8) * 8;
    this.x = kern.alloc(this.n4 * d * 4);
    this.cT = kern.alloc(d * this.kpad * 4);
    this.cn = kern.alloc(this.kpad * 4);
    this.arg = kern.alloc(this.n4 * 4);
    this.best = kern.alloc(this.n4 * 4);
    this.xnorm = new Float64Array(n);
  }

  /** Copies (n, d) points (row i of `data` starting at rowOffset(i), stride `stride`, first d columns from `col`). */
  setPoints(data: Float32Array, stride = this.d, col = 0): void {
    const f = this.kern.f32();
    const {n, d} = this;
    const o = this.x >> 2;
    if (stride === d && col === 0) f.set(data.subarray(0, n * d), o);
    else for (let i = 0; i < n; i++) f.set(data.subarray(i * stride + col, i * stride + col + d), o + i * d);
    f.fill(0, o + n * d, o + this.n4 * d); // padding rows: their results are ignored
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let u = 0; u < d; u++) s += f[o + i * d + u] * f[o + i * d + u];
      this.xnorm[i] = s;
    }
  }

  /** Loads centroids (k, d) starting at float offset `offset` of `centroids`. */
  setCentroids(centroids: Float32Array, offset = 0): void {
    const f = this.kern.f32();
    const {d, k, kpad} = this;
    const cT = this.cT >> 2, cn = this.cn >> 2;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let u = 0; u < d; u++) {
        const v = centroids[offset + c * d + u];
        f[cT + u * kpad + c] = v;
        s += v * v;
      }
      f[cn + c] = s;
    }
    for (let c = k; c < kpad; c++) {
      for (let u = 0; u < d; u++) f[cT + u * kpad + c] = 0;
      f[cn + c] = Infinity; // padding centroids are never nearest
    }
  }

  /** out[i] = nearest centroid of point i (ties: lower index); returns the objective sum_i ||x_i - c_out[i]||^2. */
  assign(out: Int32Array): number {
    this.kern.fn.assign(this.x, this.n4, this.d, this.cT, this.cn, this.kpad, this.arg, this.best);
    out.set(this.kern.i32().subarray(this.arg >> 2, (this.arg >> 2) + this.n));
    // ||x||^2 + (||c||^2 - 2<x, c>), as faiss sums its k-means objective; float32 rounding, clamped at 0
    const best = this.kern.f32(), b = this.best >> 2;
    let J = 0;
    for (let i = 0; i < this.n; i++) J += Math.max(0, this.xnorm[i] + best[b + i]);
    return J;
  }

  /** Per-cluster sums (k, d) in float64 and counts of the points under the last assign(). */
  sumsByCluster(counts: Int32Array): Float64Array {
    const {n, d, k} = this;
    if (this.sums < 0) this.sums = this.kern.alloc(k * d * 8);
    const o = this.sums >> 3;
    this.kern.f64().fill(0, o, o + k * d);
    this.kern.fn.accumulate(this.x, n, d, this.arg, this.sums);
    counts.fill(0);
    const arg = this.kern.i32(), a = this.arg >> 2;
    for (let i = 0; i < n; i++) counts[arg[a + i]]++;
    return this.kern.f64().subarray(o, o + k * d);
  }
}

/**
 * Squared L2 distances from one query to rows of a fixed (n, d) matrix copied once into the kernel
 * memory (exact search, IVF-Flat lists, coarse centroids). The reference is distance.ts's l2sq.
 */
export class L2Scan {
  private q: number;
  private rows: number;
  private out: number;
  constructor(private kern: Kernels, rows: Float32Array, readonly n: number, readonly d: number) {
    this.q = kern.alloc(d * 4);
    this.rows = kern.alloc(n * d * 4);
    this.out = kern.alloc(n * 4);
    kern.f32().set(rows.subarray(0, n * d), this.rows >> 2);
  }

  /** Distances from query row qo of `queries` to rows start..start+count-1: read f32()[offset + r - start]. */
  distances(queries: Float32Array, qo: number, start = 0, count = this.n): {f: Float32Array; offset: number} {
    const f = this.kern.f32();
    f.set(queries.subarray(qo, qo + this.d), this.q >> 2);
    if (count > 0) this.kern.fn.l2ny(this.q, this.rows + start * this.d * 4, this.d, count, this.out);
    return {f, offset: this.out >> 2};
  }
}
