// Packing several tokenized examples into one sequence: naive concatenation (one causal mask over all,
// so later examples attend to earlier ones) vs position ids reset per example with a block-diagonal
// causal mask; and best-fit-decreasing packing of a dataset into fixed-length rows with its padding.
// Source: TRL pack_dataset (strategy "bfd"), transformers' position_ids-based padding-free attention.
import {InputError} from "../kit/params.js";

export interface PackedSequence {
  ids: Int32Array; // [n]
  /** Position ids: 0..n−1 for naive packing, restarting at 0 per example for proper packing. [n] */
  positionIds: Int32Array;
  /** Which example each token came from. [n] */
  segment: Int32Array;
}

function concat(examples: readonly (readonly number[])[]): {ids: Int32Array; segment: Int32Array; restart: Int32Array} {
  if (examples.length === 0) throw new InputError("Nothing to pack: the list of examples is empty.");
  const n = examples.reduce((a, e) => a + e.length, 0);
  const ids = new Int32Array(n), segment = new Int32Array(n), restart = new Int32Array(n);
  let t = 0;
  examples.forEach((e, k) => {
    if (e.length === 0) throw new InputError(`Example ${k + 1} has no tokens.`);
    e.forEach((id, p) => {
      ids[t] = id;
      segment[t] = k;
      restart[t] = p;
      t++;
    });
  });
  return {ids, segment, restart};
}

/** Naive concatenation: position ids run on across examples. */
export function packNaive(examples: readonly (readonly number[])[]): PackedSequence {
  const {ids, segment} = concat(examples);
  return {ids, positionIds: Int32Array.from(ids, (_, i) => i), segment};
}

/** Proper packing: position ids restart at 0 for each example. */
export function packWithReset(examples: readonly (readonly number[])[]): PackedSequence {
  const {ids, segment, restart} = concat(examples);
  return {ids, positionIds: restart, segment};
}

/**
 * Attention mask of a packed sequence, row-major [n, n]: 1 where query i may attend to key j.
 * Naive: j ≤ i (plain causal). Block-diagonal: j ≤ i and both tokens in the same example — the same
 * mask that resetting position ids implies for transformers' padding-free (varlen) attention.
 */
export function attentionMask(seq: PackedSequence, kind: "naive" | "block-diagonal"): Uint8Array {
  const n = seq.ids.length;
  const mask = new Uint8Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) if (kind === "naive" || seq.segment[i] === seq.segment[j]) mask[i * n + j] = 1;
  return mask;
}

/** Number of (query, key) pairs in the mask that cross from one example into another. */
export function crossExamplePairs(seq: PackedSequence, mask: Uint8Array): number {
  const n = seq.ids.length;
  let count = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (mask[i * n + j] && seq.segment[i] !== seq.segment[j]) count++;
  return count;
}

export interface BinPacking {
  /** Example indices per row, in the order they were placed. */
  rows: number[][];
  rowLength: number;
  tokens: number;
  /** Padding tokens / (rows × rowLength). */
  paddingFraction: number;
}

/**
 * Best-fit decreasing: sort examples by length, longest first; put each into the row with the least room
 * that still fits it, or open a new row. Errors: an example longer than the row (TRL would truncate or
 * split it; here the reader chooses) or a non-positive row length.
 */
export function bestFitDecreasing(lengths: readonly number[], rowLength: number): BinPacking {
  checkLengths(lengths, rowLength);
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[b] - lengths[a] || a - b);
  const rows: number[][] = [];
  const room: number[] = [];
  for (const i of order) {
    let best = -1;
    for (let r = 0; r < rows.length; r++) if (room[r] >= lengths[i] && (best < 0 || room[r] < room[best])) best = r;
    if (best < 0) {
      rows.push([]);
      room.push(rowLength);
      best = rows.length - 1;
    }
    rows[best].push(i);
    room[best] -= lengths[i];
  }
  return summary(rows, lengths, rowLength);
}

/** No packing: one example per row, padded to the row length. */
export function onePerRow(lengths: readonly number[], rowLength: number): BinPacking {
  checkLengths(lengths, rowLength);
  return summary(lengths.map((_, i) => [i]), lengths, rowLength);
}

function checkLengths(lengths: readonly number[], rowLength: number): void {
  if (!Number.isInteger(rowLength) || rowLength < 1) throw new InputError(`The row length must be a whole number ≥ 1, got ${rowLength}.`);
  if (lengths.length === 0) throw new InputError("Nothing to pack: the dataset is empty.");
  lengths.forEach((l, i) => {
    if (!Number.isInteger(l) || l < 1) throw new InputError(`Example ${i + 1} has length ${l}; lengths must be whole numbers ≥ 1.`);
    if (l > rowLength) throw new InputError(`Example ${i + 1} has ${l} tokens, more than the row length ${rowLength}.`);
  });
}

function summary(rows: number[][], lengths: readonly number[], rowLength: number): BinPacking {
  const tokens = lengths.reduce((a, b) => a + b, 0);
  return {rows, rowLength, tokens, paddingFraction: 1 - tokens / (rows.length * rowLength)};
}
