// The three random draws of word2vec training: subsampling of frequent words, the reduced window,
// and negatives from the unigram^0.75 noise distribution (exactly, by Walker's alias method, where
// word2vec.c uses a 1e8-entry table). Source: word2vec.c L55 (noise), L409 (subsampling), L434 (window).

/** A 32-bit generator state; the kernel draws integers from it without allocating. */
export interface Rng {
  s: number;
}

/** Seeds an Rng from a uniform source (so the kit's mulberry32(seed) decides the whole run). */
export function rngFrom(random: () => number): Rng {
  return {s: Math.floor(random() * 4294967296) >>> 0};
}

/** Next uniform 32-bit unsigned integer (mulberry32 step). */
export function nextU32(rng: Rng): number {
  const s = (rng.s = (rng.s + 0x6d2b79f5) | 0);
  let t = Math.imul(s ^ (s >>> 15), s | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

/** Uniform [0, 1). */
export function nextUniform(rng: Rng): number {
  return nextU32(rng) / 4294967296;
}

/**
 * word2vec.c's keep probability of a word with count c among T training words:
 * min(1, sqrt(s/f) + s/f), f = c/T. s <= 0 disables subsampling (keep everything).
 */
export function keepProbability(count: number, total: number, sample: number): number {
  if (sample <= 0) return 1;
  const r = (sample * total) / count; // s/f
  return Math.min(1, Math.sqrt(r) + r);
}

/** The paper's discard probability 1 - sqrt(t/f) (Mikolov et al. 2013b), for comparison only. */
export function paperDiscardProbability(count: number, total: number, t: number): number {
  return Math.max(0, 1 - Math.sqrt(t / (count / total)));
}

/** Keep probabilities of the first v types. (v) */
export function keepTable(counts: Int32Array, v: number, total: number, sample: number): Float32Array {
  const keep = new Float32Array(v);
  for (let i = 0; i < v; i++) keep[i] = keepProbability(counts[i], total, sample);
  return keep;
}

/** Noise distribution P_n(w) = c_w^power / Z over the first v types. (v) */
export function noiseDistribution(counts: Int32Array, v: number, power = 0.75): Float64Array {
  const p = new Float64Array(v);
  let z = 0;
  for (let i = 0; i < v; i++) z += (p[i] = Math.pow(counts[i], power));
  for (let i = 0; i < v; i++) p[i] /= z;
  return p;
}

/** Walker alias table: draw i uniformly, keep it with probability prob[i], else take alias[i]. */
export interface AliasTable {
  prob: Float64Array; // (v)
  alias: Int32Array; // (v)
}

/** Builds an alias table for a probability vector (Vose's method, O(v)). */
export function aliasTable(p: Float64Array): AliasTable {
  const n = p.length;
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = Float64Array.from(p, (x) => x * n);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = n - 1; i >= 0; i--) (scaled[i] < 1 ? small : large).push(i);
  while (small.length && large.length) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  for (const i of large) (prob[i] = 1), (alias[i] = i);
  for (const i of small) (prob[i] = 1), (alias[i] = i); // rounding leftovers
  return {prob, alias};
}

/** One draw from an alias table using a single 32-bit integer (index from its high part, coin from the rest). */
export function aliasDraw(table: AliasTable, rng: Rng): number {
  const x = (nextU32(rng) / 4294967296) * table.prob.length;
  const i = x | 0;
  return x - i < table.prob[i] ? i : table.alias[i];
}

/** Effective radius of the reduced window: window - b with b ~ U{0..window-1}, so R in 1..window. */
export function nextRadius(rng: Rng, window: number): number {
  return window - (nextU32(rng) % window);
}

/** The (center, context) position pairs of one sentence with reduced windows, in training order. */
export function windowPairs(length: number, window: number, rng: Rng): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (let pos = 0; pos < length; pos++) {
    const r = nextRadius(rng, window);
    for (let c = pos - r; c <= pos + r; c++) if (c !== pos && c >= 0 && c < length) pairs.push([pos, c]);
  }
  return pairs;
}
