import {describe, expect, it} from "vitest";
import {mulberry32} from "../../labs/kit/random.js";
import {indexTotals, memoryBill} from "../../labs/vector-search/memory.js";
import {adcTable, packCodes, pqDecode, pqDistortion, pqEncode, pqSearch, sdcDistance, sdcTable, tableDistance, trainPQ, unpackCodes} from "../../labs/vector-search/pq.js";
import {naiveL2, naiveTopK, randomMatrix} from "./helpers.js";

const n = 600, d = 12;
const data = randomMatrix(n, d, 21);
const {pq} = trainPQ(data, n, d, 4, 5, mulberry32(1), {niter: 10});

describe("product quantization", () => {
  it("pqEncode(pqDecode(code)) == code for every code in the book", () => {
    const codes = new Uint8Array(32 * 4);
    for (let i = 0; i < codes.length; i++) codes[i] = (i * 7 + Math.floor(i / 4)) % 32;
    expect(pqEncode(pq, pqDecode(pq, codes, 32), 32)).toEqual(codes);
  });

  it("pqEncode picks, per sub-vector, the nearest centroid (brute force)", () => {
    const codes = pqEncode(pq, data.subarray(0, 50 * d), 50);
    for (let i = 0; i < 50; i++)
      for (let j = 0; j < pq.m; j++) {
        const dists = Array.from({length: pq.ksub}, (_, t) => naiveL2(data, i * d + j * pq.dsub, pq.codebooks, (j * pq.ksub + t) * pq.dsub, pq.dsub));
        expect(codes[i * pq.m + j]).toBe(naiveTopK(dists, 1)[0]);
      }
  });

  it("ADC distance equals the exact squared distance from the query to the decoded vector", () => {
    const queries = randomMatrix(5, d, 22);
    const codes = pqEncode(pq, data, n);
    const rec = pqDecode(pq, codes, n);
    for (let q = 0; q < 5; q++) {
      const table = adcTable(pq, queries, q * d);
      for (let i = 0; i < n; i += 37) expect(tableDistance(table, pq.ksub, codes, i * pq.m, pq.m)).toBeCloseTo(naiveL2(queries, q * d, rec, i * d, d), 4);
    }
  });

  it("SDC distance equals the squared distance between the two decoded vectors", () => {
    const codes = pqEncode(pq, data.subarray(0, 20 * d), 20);
    const rec = pqDecode(pq, codes, 20);
    const sdc = sdcTable(pq);
    for (let a = 0; a < 20; a++) for (let b = 0; b < 20; b += 3) expect(sdcDistance(sdc, pq.ksub, codes, a * pq.m, codes, b * pq.m, pq.m)).toBeCloseTo(naiveL2(rec, a * d, rec, b * d, d), 4);
  });

  it("pqSearch returns the top-k by ADC distance (full sort of the decoded distances)", () => {
    const queries = randomMatrix(3, d, 23);
    const codes = pqEncode(pq, data, n);
    const rec = pqDecode(pq, codes, n);
    const r = pqSearch(pq, codes, n, queries, 3, 5);
    for (let q = 0; q < 3; q++) {
      const all = Array.from({length: n}, (_, i) => naiveL2(queries, q * d, rec, i * d, d));
      const want = naiveTopK(all, 5).map((i) => all[i]);
      for (let j = 0; j < 5; j++) expect(r.scores[q * 5 + j]).toBeCloseTo(want[j], 4);
    }
  });

  it("packCodes packs m·nbits bits into ceil(m·nbits/8) bytes and unpackCodes inverts it", () => {
    const codes = new Uint8Array([1, 2, 3, 4, 31, 0, 17, 9]); // 2 vectors × m=4, nbits=5 -> 20 bits -> 3 bytes
    const packed = packCodes(codes, 2, 4, 5);
    expect(packed.length).toBe(6);
    // vector 0: 1 | 2<<5 | 3<<10 | 4<<15 = 1 + 64 + 3072 + 131072 = 134209 -> bytes 0x41, 0x0c, 0x02
    expect(Array.from(packed.subarray(0, 3))).toEqual([0x41, 0x0c, 0x02]);
    expect(unpackCodes(packed, 2, 4, 5)).toEqual(codes);
  });

  it("pqDistortion falls as nbits grows (same data, same seed)", () => {
    const e = [2, 4, 6].map((nbits) => pqDistortion(trainPQ(data, n, d, 4, nbits, mulberry32(3), {niter: 10}).pq, data, n));
    expect(e[1]).toBeLessThan(e[0]);
    expect(e[2]).toBeLessThan(e[1]);
  });

  it("trainPQ is deterministic for a seed", () => {
    const a = trainPQ(data, n, d, 3, 3, mulberry32(9), {niter: 5}).pq.codebooks;
    const b = trainPQ(data, n, d, 3, 3, mulberry32(9), {niter: 5}).pq.codebooks;
    expect(a).toEqual(b);
  });

  it("trainPQ rejects d not divisible by m, nbits outside 1..8, too few points, NaN", () => {
    expect(() => trainPQ(data, n, d, 5, 4, mulberry32(1))).toThrow(/not divisible by m = 5.*1, 2, 3, 4, 6, 12/);
    expect(() => trainPQ(data, n, d, 4, 0, mulberry32(1))).toThrow(/nbits must be .* 1 to 8/);
    expect(() => trainPQ(data, n, d, 4, 9, mulberry32(1))).toThrow(/nbits/);
    expect(() => trainPQ(data.subarray(0, 10 * d), 10, d, 4, 5, mulberry32(1))).toThrow(/at least 32 training vectors/);
    const bad = data.slice();
    bad[5] = NaN;
    expect(() => trainPQ(bad, n, d, 4, 4, mulberry32(1))).toThrow(/NaN at row 0, column 5/);
  });
});

describe("memoryBill", () => {
  it("memoryBill reproduces FACTS.md's 50k × 1024, m = 8, nbits = 8 table", () => {
    const bill = Object.fromEntries(memoryBill({N: 50_000, D: 1024, m: 8, nbits: 8, nlist: 894}).map((x) => [x.key, x.bytes]));
    expect(bill.raw).toBe(204_800_000);
    expect(bill.codes).toBe(400_000);
    expect(bill.codebooks).toBe(1_048_576);
    expect(bill.adc).toBe(8 * 1024);
    expect(bill.sdc).toBe(2 * 1024 * 1024);
    expect(bill.coarse).toBe(3_661_824);
    expect(bill.ids).toBe(400_000);
    expect(bill.raw / 50_000 / (bill.codes / 50_000)).toBe(512);
    const totals = indexTotals(memoryBill({N: 50_000, D: 1024, m: 8, nbits: 8, nlist: 894}));
    expect(totals.ivfPq).toBe(400_000 + 1_048_576 + 3_661_824 + 400_000);
  });
});
