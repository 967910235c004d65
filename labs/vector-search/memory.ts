// The memory bill of Flat, PQ, IVF-Flat and IVF-PQ indexes, item by item, in bytes, following
// faiss's layouts: float32 vectors and centroids, (m·nbits+7)/8-byte codes, int64 ids in inverted
// lists, float32 distance tables. Not counted: allocator overhead, list capacity slack, Python objects.
import {checkInt, InputError} from "./check.js";

export interface MemoryConfig {
  N: number; // stored vectors
  D: number; // dimension
  m: number; // PQ sub-vectors
  nbits: number; // bits per sub-code
  nlist: number; // IVF cells
}

export interface MemoryItem {
  key: string;
  item: string;
  formula: string;
  bytes: number;
}

export function memoryBill({N, D, m, nbits, nlist}: MemoryConfig): MemoryItem[] {
  checkInt(N, "N", 1);
  checkInt(D, "D", 1);
  checkInt(m, "m", 1);
  checkInt(nlist, "nlist", 1);
  if (!Number.isInteger(nbits) || nbits < 1 || nbits > 16) throw new InputError(`nbits must be a whole number from 1 to 16, got ${nbits}.`);
  if (D % m !== 0) throw new InputError(`D = ${D} is not divisible by m = ${m}.`);
  const ksub = 2 ** nbits;
  const code = Math.ceil((m * nbits) / 8);
  return [
    {key: "raw", item: "raw vectors (Flat)", formula: `N·D·4 = ${N}·${D}·4`, bytes: N * D * 4},
    {key: "codes", item: "PQ codes", formula: `N·⌈m·nbits/8⌉ = ${N}·${code}`, bytes: N * code},
    {key: "codebooks", item: "PQ codebooks", formula: `m·2^nbits·(D/m)·4 = ${m}·${ksub}·${D / m}·4`, bytes: m * ksub * (D / m) * 4},
    {key: "coarse", item: "IVF coarse centroids", formula: `nlist·D·4 = ${nlist}·${D}·4`, bytes: nlist * D * 4},
    {key: "ids", item: "IVF ids (int64)", formula: `N·8 = ${N}·8`, bytes: N * 8},
    {key: "adc", item: "ADC table, per query", formula: `m·2^nbits·4 = ${m}·${ksub}·4`, bytes: m * ksub * 4},
    {key: "sdc", item: "SDC table", formula: `m·2^nbits·2^nbits·4 = ${m}·${ksub}·${ksub}·4`, bytes: m * ksub * ksub * 4},
    {key: "precomputed", item: "IVF-PQ precomputed table", formula: `nlist·m·2^nbits·4 = ${nlist}·${m}·${ksub}·4`, bytes: nlist * m * ksub * 4}
  ];
}

/** Totals per index type (fixed per-query tables excluded). */
export function indexTotals(bill: MemoryItem[]): {flat: number; pq: number; ivfFlat: number; ivfPq: number} {
  const b = Object.fromEntries(bill.map((x) => [x.key, x.bytes])) as Record<string, number>;
  return {
    flat: b.raw,
    pq: b.codes + b.codebooks,
    ivfFlat: b.raw + b.coarse + b.ids,
    ivfPq: b.codes + b.codebooks + b.coarse + b.ids
  };
}
