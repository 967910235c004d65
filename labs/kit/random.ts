// Seeded randomness for every lab: algorithms take a `random: () => number` argument, never Math.random.
// mulberry32 is a 32-bit generator (Tommy Ettinger's public-domain design): integer-only arithmetic,
// so the same seed gives the same stream on every JavaScript engine. Not cryptographic.

export const DEFAULT_SEED = 42;

/** Uniform [0, 1) stream from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  if (!Number.isFinite(seed)) throw new Error(`Seed must be a finite number, got ${seed}.`);
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples by Box–Muller; uses two uniforms per pair and caches the second. */
export function randomNormal(random: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    let u = 0;
    while (u === 0) u = random(); // log(0) would be -Infinity
    const v = random();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
}

/** Integer in 0..n-1. */
export function randomInt(random: () => number, n: number): number {
  return Math.floor(random() * n);
}

type Indexable<T> = {length: number; [index: number]: T};

/** Fisher–Yates shuffle in place; returns the same array. */
export function shuffleInPlace<T, A extends Indexable<T>>(array: A, random: () => number): A {
  for (let i = array.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
  return array;
}

/**
 * An independent, named random stream derived from one seed: stream(seed, "init"), stream(seed, "data").
 * Replaces ad-hoc offsets (seed + 2, seed * 1000 + t), which collide across seeds (seed 1's "+1"
 * stream is seed 2's main one). The name is hashed with FNV-1a, mixed with the seed by a murmur3
 * finaliser, and seeds mulberry32.
 */
export function stream(seed: number, name: string): () => number {
  if (!Number.isFinite(seed)) throw new Error(`Seed must be a finite number, got ${seed}.`);
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  h ^= Math.trunc(seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return mulberry32((h ^ (h >>> 16)) >>> 0);
}
