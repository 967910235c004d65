// Reading a trained space: cosine nearest neighbours, analogies (3CosAdd, as gensim's
// most_similar(positive=[a, c], negative=[b])), similarity, POS neighbour purity@10 and a PCA (three axes: the 2-D map uses two, the 3-D cloud three).
// Leaves out approximate search (brute force over the vocabulary). Sources: Mikolov et al. 2013a; gensim KeyedVectors.

/**
 * Rows scaled to unit length; zero rows stay zero. (V, D) -> (V, D). Writes into `out` when it has the right size.
 * Not labs/vector-search/knn.ts's normalizeRows, which refuses a zero row: a trained space may hold one and
 * the explorer must still answer (its cosine with every word is 0), as gensim's matutils.unitvec leaves it.
 */
export function normalizeRows(vectors: Float32Array, dim: number, out?: Float32Array): Float32Array {
  if (!out || out.length !== vectors.length) out = new Float32Array(vectors.length);
  for (let r = 0; r < vectors.length; r += dim) {
    let n = 0;
    for (let j = 0; j < dim; j++) n += vectors[r + j] * vectors[r + j];
    const inv = n > 0 ? 1 / Math.sqrt(n) : 0;
    for (let j = 0; j < dim; j++) out[r + j] = vectors[r + j] * inv;
  }
  return out;
}

export interface Neighbour {
  index: number;
  score: number;
}

/**
 * The k rows of unit-normalised `unit` (V, D) with the largest dot product with `query` (D),
 * skipping `exclude`; searches rows [0, limit). Ties keep the lower index first.
 */
export function topK(unit: Float32Array, dim: number, query: Float32Array | Float64Array, k: number, exclude: ReadonlySet<number> = new Set(), limit = unit.length / dim): Neighbour[] {
  const best: Neighbour[] = [];
  for (let i = 0; i < limit; i++) {
    if (exclude.has(i)) continue;
    let s = 0;
    const r = i * dim;
    for (let j = 0; j < dim; j++) s += unit[r + j] * query[j];
    if (best.length < k || s > best[best.length - 1].score) {
      let p = best.length < k ? best.length : k - 1;
      if (best.length < k) best.push({index: i, score: s});
      while (p > 0 && best[p - 1].score < s) {
        best[p] = best[p - 1];
        p--;
      }
      best[p] = {index: i, score: s};
    }
  }
  return best;
}

/** Cosine nearest neighbours of word `index` (itself excluded). */
export function nearest(unit: Float32Array, dim: number, index: number, k: number, limit?: number): Neighbour[] {
  return topK(unit, dim, unit.subarray(index * dim, (index + 1) * dim), k, new Set([index]), limit);
}

/** Cosine similarity of two rows of a unit-normalised matrix. */
export function similarity(unit: Float32Array, dim: number, a: number, b: number): number {
  let s = 0;
  for (let j = 0; j < dim; j++) s += unit[a * dim + j] * unit[b * dim + j];
  return s;
}

/** a - b + c (3CosAdd on unit vectors), the three inputs excluded from the answers. */
export function analogy(unit: Float32Array, dim: number, a: number, b: number, c: number, k: number): Neighbour[] {
  const q = new Float64Array(dim);
  for (let j = 0; j < dim; j++) q[j] = unit[a * dim + j] - unit[b * dim + j] + unit[c * dim + j];
  let n = 0;
  for (let j = 0; j < dim; j++) n += q[j] * q[j];
  if (n > 0) for (let j = 0; j < dim; j++) q[j] /= Math.sqrt(n);
  return topK(unit, dim, q, k, new Set([a, b, c]));
}

/**
 * POS neighbour purity@k: over the first n rows (the most frequent words), the mean share of each
 * word's k nearest cosine neighbours (among those n) whose POS class equals its own.
 * `pos` (n) holds class ids. Returns {purity, chance} with chance = sum_c p_c (n p_c - 1)/(n - 1).
 */
export function posPurity(vectors: Float32Array, dim: number, pos: ArrayLike<number>, n: number, k = 10): {purity: number; chance: number} {
  if (n < k + 1) throw new Error(`POS purity needs more than ${k} words, got ${n}.`);
  const unit = normalizeRows(vectors.subarray(0, n * dim), dim);
  const row = new Float64Array(n); // cosines of word i to every word (1, D) x (D, n) -> (1, n)
  const topScore = new Float64Array(k);
  const topIndex = new Int32Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const ri = i * dim;
    for (let j = 0; j < n; j++) {
      const rj = j * dim;
      let d0 = 0, d1 = 0;
      let t = 0;
      for (; t + 1 < dim; t += 2) {
        d0 += unit[ri + t] * unit[rj + t];
        d1 += unit[ri + t + 1] * unit[rj + t + 1];
      }
      if (t < dim) d0 += unit[ri + t] * unit[rj + t];
      row[j] = d0 + d1;
    }
    let filled = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const sc = row[j];
      if (filled < k || sc > topScore[filled - 1]) {
        let p = filled < k ? filled++ : k - 1;
        while (p > 0 && topScore[p - 1] < sc) {
          topScore[p] = topScore[p - 1];
          topIndex[p] = topIndex[p - 1];
          p--;
        }
        topScore[p] = sc;
        topIndex[p] = j;
      }
    }
    let same = 0;
    for (let t = 0; t < k; t++) if (pos[topIndex[t]] === pos[i]) same++;
    total += same / k;
  }
  const classCount = new Map<number, number>();
  for (let i = 0; i < n; i++) classCount.set(pos[i], (classCount.get(pos[i]) ?? 0) + 1);
  let chance = 0;
  for (const c of classCount.values()) chance += (c / n) * ((c - 1) / (n - 1));
  return {purity: total / n, chance};
}

/** The principal axes of some rows: their mean (D), unit axes (D) x k (k = 3: the 2-D map uses the first two, the 3-D cloud all three) and explained variance shares (k). */
export interface Pca {
  mean: Float64Array;
  axes: Float64Array[];
  explained: number[];
}

/** How many of the most frequent words define the page's PCA plane (the training worker computes it). */
export const PCA_WORDS = 500;

/**
 * Principal axes of rows [0, n): centres, finds the top k (default 3, at most D) eigenvectors of the
 * (D, D) covariance by power iteration with deflation (deterministic start), and the explained
 * variance share of each.
 */
export function pcaAxes(vectors: Float32Array, dim: number, n: number, k = 3): Pca {
  k = Math.max(1, Math.min(k, dim));
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j] += vectors[i * dim + j] / n;
  const cov = new Float64Array(dim * dim); // (D, D)
  for (let i = 0; i < n; i++) {
    const r = i * dim;
    for (let a = 0; a < dim; a++) {
      const xa = vectors[r + a] - mean[a];
      for (let b = a; b < dim; b++) cov[a * dim + b] += xa * (vectors[r + b] - mean[b]);
    }
  }
  let trace = 0;
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) cov[b * dim + a] = cov[a * dim + b] /= Math.max(1, n - 1);
    trace += cov[a * dim + a];
  }
  // Power iteration on M = (C / trace)^16 (four squarings): the eigenvalue ratio is raised to the 16th
  // power, so a few iterations converge even when the top eigenvalues are close. Deflate for each next axis.
  const axes: Float64Array[] = [];
  const values: number[] = [];
  const work = Float64Array.from(cov, (x) => (trace > 0 ? x / trace : 0));
  const square = (m: Float64Array): Float64Array => {
    const out = new Float64Array(dim * dim); // (D, D) x (D, D) -> (D, D)
    for (let a = 0; a < dim; a++)
      for (let c = 0; c < dim; c++) {
        const x = m[a * dim + c];
        if (x === 0) continue;
        for (let b = 0; b < dim; b++) out[a * dim + b] += x * m[c * dim + b];
      }
    let tr = 0;
    for (let a = 0; a < dim; a++) tr += out[a * dim + a];
    if (tr > 0) for (let i = 0; i < out.length; i++) out[i] /= tr; // keep the scale near 1
    return out;
  };
  for (let axis = 0; axis < k; axis++) {
    let m: Float64Array = work;
    for (let k = 0; k < 4; k++) m = square(m);
    const v = Float64Array.from({length: dim}, (_, j) => 1 + ((j * 7919) % 13) / 13); // fixed start
    const w = new Float64Array(dim);
    for (let it = 0; it < 200; it++) {
      w.fill(0);
      for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) w[a] += m[a * dim + b] * v[b];
      for (const u of axes) {
        let p = 0;
        for (let j = 0; j < dim; j++) p += w[j] * u[j];
        for (let j = 0; j < dim; j++) w[j] -= p * u[j];
      }
      let norm = 0;
      for (let j = 0; j < dim; j++) norm += w[j] * w[j];
      norm = Math.sqrt(norm);
      if (norm === 0) break;
      let change = 0;
      for (let j = 0; j < dim; j++) {
        const x = w[j] / norm;
        change += (x - v[j]) ** 2;
        v[j] = x;
      }
      if (change < 1e-20) break;
    }
    // Eigenvalue of C by the Rayleigh quotient v' C v.
    let lambda = 0;
    for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) lambda += v[a] * cov[a * dim + b] * v[b];
    // Sign convention: the largest |component| is positive, so the picture does not flip.
    let big = 0;
    for (let j = 1; j < dim; j++) if (Math.abs(v[j]) > Math.abs(v[big])) big = j;
    if (v[big] < 0) for (let j = 0; j < dim; j++) v[j] = -v[j];
    axes.push(v);
    values.push(lambda);
    // Deflate: work -= (lambda / trace) v v'.
    for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) work[a * dim + b] -= (trace > 0 ? lambda / trace : 0) * v[a] * v[b];
  }
  return {mean, axes, explained: values.map((v) => (trace > 0 ? v / trace : 0))};
}

/** Coordinates of the given rows on a Pca's first `count` axes (2 for the map, 3 for the cloud). (rows.length, count) */
export function project(vectors: Float32Array, dim: number, pca: Pca, rows: ArrayLike<number>, count = 2): Float64Array {
  if (count > pca.axes.length) throw new RangeError(`project: the PCA has ${pca.axes.length} axes, ${count} asked.`);
  const coords = new Float64Array(rows.length * count);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] * dim;
    for (let a = 0; a < count; a++) {
      let p = 0;
      for (let j = 0; j < dim; j++) p += (vectors[r + j] - pca.mean[j]) * pca.axes[a][j];
      coords[k * count + a] = p;
    }
  }
  return coords;
}

/** 2-D PCA of rows [0, n): coordinates (n, 2) on their own two principal axes, and explained shares. */
export function pca2(vectors: Float32Array, dim: number, n: number): {coords: Float64Array; explained: [number, number]} {
  const pca = pcaAxes(vectors, dim, n, 2);
  return {coords: project(vectors, dim, pca, Array.from({length: n}, (_, i) => i)), explained: [pca.explained[0], pca.explained[1]]};
}
