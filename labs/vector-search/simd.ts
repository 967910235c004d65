// A WebAssembly SIMD kernel for the one loop that dominates k-means, IVF assignment and IVF-Flat
// scans: squared L2 distances from one vector to ny vectors, four float32 lanes at a time, written
// into an output array. Hand-assembled (no toolchain); float32 accumulation, as faiss does. Used only
// when d is a multiple of 4 and the engine supports SIMD; callers fall back to distance.ts otherwise.

const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};
const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const str = (s: string) => [...leb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

// locals: 0 x, 1 y, 2 d, 3 ny, 4 out (i32 byte offsets); 5 j, 6 i, 7 yp (i32); 8 acc, 9 t (v128)
const GET = 0x20, SET = 0x21, TEE = 0x22, I32 = 0x41, ADD = 0x6a, SHL = 0x74, LTU = 0x49, BRIF = 0x0d, END = 0x0b;
const SIMD = 0xfd;
const V128_LOAD = [SIMD, 0x00, 0x02, 0x00];
const F32X4_ADD = [SIMD, 0xe4, 0x01], F32X4_SUB = [SIMD, 0xe5, 0x01], F32X4_MUL = [SIMD, 0xe6, 0x01];
const lane = (l: number) => [SIMD, 0x1f, l];
const body = [
  0x02, 0x03, 0x7f, 0x02, 0x7b, // locals: 3 i32, 2 v128
  GET, 1, SET, 7,
  GET, 2, I32, 2, SHL, SET, 2, // d <- d * 4 bytes
  0x03, 0x40, // loop J
  SIMD, 0x0c, ...new Array(16).fill(0), SET, 8,
  I32, 0, SET, 6,
  0x03, 0x40, // loop I
  GET, 0, GET, 6, ADD, ...V128_LOAD,
  GET, 7, GET, 6, ADD, ...V128_LOAD,
  ...F32X4_SUB, TEE, 9, GET, 9, ...F32X4_MUL,
  GET, 8, ...F32X4_ADD, SET, 8,
  GET, 6, I32, 16, ADD, TEE, 6, GET, 2, LTU, BRIF, 0,
  END,
  GET, 4, GET, 5, I32, 2, SHL, ADD,
  GET, 8, ...lane(0), GET, 8, ...lane(1), 0x92, GET, 8, ...lane(2), 0x92, GET, 8, ...lane(3), 0x92,
  0x38, 0x02, 0x00, // f32.store
  GET, 7, GET, 2, ADD, SET, 7,
  GET, 5, I32, 1, ADD, TEE, 5, GET, 3, LTU, BRIF, 0,
  END,
  END
];
const BYTES = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [1, 0x60, 5, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0]),
  ...section(3, [1, 0]),
  ...section(5, [1, 0, 1]),
  ...section(7, [2, ...str("l2ny"), 0x00, 0, ...str("mem"), 0x02, 0]),
  ...section(10, [1, ...leb(body.length), ...body])
]);

let module: WebAssembly.Module | null | undefined;
function compiled(): WebAssembly.Module | null {
  if (module === undefined) {
    try {
      module = typeof WebAssembly === "object" && WebAssembly.validate(BYTES) ? new WebAssembly.Module(BYTES) : null;
    } catch {
      module = null;
    }
  }
  return module;
}

/** True when the SIMD kernel can run here (WebAssembly with fixed-width SIMD). */
export function simdAvailable(): boolean {
  return compiled() !== null;
}

/**
 * One kernel instance with its own linear memory and a bump allocator. Arrays placed in it are
 * Float32Array views; views are refreshed after the memory grows, so always read them through f32().
 */
export class L2Kernel {
  private instance: WebAssembly.Instance;
  private memory: WebAssembly.Memory;
  private top = 0;
  private view: Float32Array;
  private fn: (x: number, y: number, d: number, ny: number, out: number) => void;

  constructor() {
    const m = compiled();
    if (!m) throw new Error("WebAssembly SIMD is not available.");
    this.instance = new WebAssembly.Instance(m, {});
    this.memory = this.instance.exports.mem as WebAssembly.Memory;
    this.view = new Float32Array(this.memory.buffer);
    this.fn = this.instance.exports.l2ny as (x: number, y: number, d: number, ny: number, out: number) => void;
  }

  /** Reserves `floats` float32 slots (16-byte aligned); returns the float index of the first. */
  alloc(floats: number): number {
    const start = Math.ceil(this.top / 4) * 4;
    const end = start + floats;
    const needBytes = end * 4;
    if (needBytes > this.memory.buffer.byteLength) {
      this.memory.grow(Math.ceil((needBytes - this.memory.buffer.byteLength) / 65536));
      this.view = new Float32Array(this.memory.buffer);
    }
    this.top = end;
    return start;
  }

  f32(): Float32Array {
    if (this.view.buffer !== this.memory.buffer) this.view = new Float32Array(this.memory.buffer);
    return this.view;
  }

  /** out[j] = ||x - y_j||^2 for j < ny; x, y, out are float indices from alloc; d % 4 == 0. */
  l2ny(x: number, y: number, d: number, ny: number, out: number): void {
    if (ny > 0) this.fn(x * 4, y * 4, d, ny, out * 4);
  }
}

/** Whether to use the kernel for vectors of dimension d (d % 4 == 0, SIMD present). */
export function useSimd(d: number): boolean {
  return d % 4 === 0 && d >= 4 && simdAvailable();
}

/**
 * Copies rows into a kernel's memory and answers "distances from row i of `rows` to all targets".
 * rows (n, d) and targets (k, d) are copied once; setTargets replaces the targets.
 */
export class RowsToTargets {
  readonly kernel = new L2Kernel();
  readonly rows: number;
  private targets: number;
  readonly out: number;
  readonly d: number;
  readonly k: number;

  constructor(rows: Float32Array, n: number, d: number, targets: Float32Array, k: number) {
    this.d = d;
    this.k = k;
    this.rows = this.kernel.alloc(n * d);
    this.targets = this.kernel.alloc(k * d);
    this.out = this.kernel.alloc(k);
    const f = this.kernel.f32();
    f.set(rows.subarray(0, n * d), this.rows);
    f.set(targets.subarray(0, k * d), this.targets);
  }

  setTargets(targets: Float32Array): void {
    this.kernel.f32().set(targets.subarray(0, this.k * this.d), this.targets);
  }

  /** Distances from row i to every target, in f32()[out .. out + k). */
  distances(i: number): Float32Array {
    this.kernel.l2ny(this.rows + i * this.d, this.targets, this.d, this.k, this.out);
    return this.kernel.f32();
  }
}
