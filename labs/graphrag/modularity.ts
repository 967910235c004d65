// Partition quality measures for the GraphRAG lab: weighted Newman modularity with a resolution γ
// (Newman 2004 "Analysis of weighted networks", Reichardt & Bornholdt 2006 for γ; the same convention as
// networkx.algorithms.community.modularity) and normalized mutual information between two labelings
// (arithmetic-mean normalisation, scikit-learn's default). Not a community detection algorithm.
import type {UndirectedGraph} from "graphology";
import {InputError} from "../kit/params.js";

/** An edge's weight: its `weight` attribute when it is a number, else 1 (as graphology's Louvain reads it). */
export function edgeWeight(attributes: Record<string, unknown>): number {
  const w = attributes.weight;
  return typeof w === "number" ? w : 1;
}

/**
 * Q = Σ_c [ L_c / m − γ · (d_c / 2m)² ]
 * m: total edge weight; L_c: weight of the edges with both ends in community c (a self-loop counts once);
 * d_c: sum of the weighted degrees of c's nodes (a self-loop adds 2w to its node's degree).
 * At γ = 1, Q ∈ [−1/2, 1), and Q = 0 for "all nodes in one community".
 * `membership`: node id → community label (any number); every node of the graph needs one.
 * Errors (InputError): no edge or total weight 0 (Q is undefined), a node without a community,
 * a weight that is not a finite number ≥ 0, γ not a finite number ≥ 0.
 */
export function modularity(graph: UndirectedGraph, membership: Record<string, number>, resolution = 1): number {
  if (!Number.isFinite(resolution) || resolution < 0) throw new InputError(`Resolution must be a number ≥ 0, got ${resolution}.`);
  const inside = new Map<number, number>(); // community → L_c
  const degree = new Map<number, number>(); // community → d_c
  graph.forEachNode((node) => {
    const c = membership[node];
    if (typeof c !== "number") throw new InputError(`Node "${node}" has no community in the partition.`);
    if (!degree.has(c)) { degree.set(c, 0); inside.set(c, 0); }
  });
  let m = 0;
  graph.forEachEdge((_edge, attributes, source, target) => {
    const w = edgeWeight(attributes);
    if (!Number.isFinite(w) || w < 0) throw new InputError(`Edge ${source}–${target} has weight ${w}; weights must be finite and ≥ 0.`);
    const cs = membership[source], ct = membership[target];
    m += w;
    degree.set(cs, degree.get(cs)! + w);
    degree.set(ct, degree.get(ct)! + w);
    if (cs === ct) inside.set(cs, inside.get(cs)! + w);
  });
  if (!(m > 0)) throw new InputError("Modularity is undefined for a graph without weighted edges.");
  let q = 0;
  for (const [c, d] of degree) q += inside.get(c)! / m - resolution * (d / (2 * m)) ** 2;
  return q;
}

/** Shannon entropy (nats) of a histogram of counts summing to n. */
function entropy(counts: Iterable<number>, n: number): number {
  let h = 0;
  for (const k of counts) if (k > 0) h -= (k / n) * Math.log(k / n);
  return h;
}

/**
 * Normalized mutual information of two labelings of the same n items (a[i], b[i] label item i):
 * NMI = I(A; B) / ((H(A) + H(B)) / 2), in [0, 1]; labels are names only (renaming them changes nothing).
 * Limit cases as scikit-learn 1.2 `normalized_mutual_info_score`: both labelings a single cluster → 1;
 * otherwise I = 0 → 0.
 * Errors (InputError): different lengths, no items.
 */
export function nmi(a: ArrayLike<number | string>, b: ArrayLike<number | string>): number {
  if (a.length !== b.length) throw new InputError(`NMI compares two labelings of the same items; got ${a.length} and ${b.length} labels.`);
  const n = a.length;
  if (n === 0) throw new InputError("NMI needs at least one item; both labelings are empty.");
  const [x, kA] = dense(a), [y, kB] = dense(b); // labels → 0..k-1
  const countA = new Float64Array(kA), countB = new Float64Array(kB);
  const joint = new Map<number, number>(); // contingency table cell x·kB + y → count (sparse)
  for (let i = 0; i < n; i++) {
    countA[x[i]]++;
    countB[y[i]]++;
    const cell = x[i] * kB + y[i];
    joint.set(cell, (joint.get(cell) ?? 0) + 1);
  }
  if (kA === 1 && kB === 1) return 1;
  // I(A;B) = Σ p(x,y) · log(p(x,y) / (p(x) p(y))) over the non-empty cells
  let mi = 0;
  for (const [cell, nxy] of joint) {
    const i = Math.floor(cell / kB), j = cell % kB;
    mi += (nxy / n) * Math.log((nxy * n) / (countA[i] * countB[j]));
  }
  if (mi <= 0) return 0;
  const mean = (entropy(countA, n) + entropy(countB, n)) / 2;
  return mi / Math.max(mean, Number.EPSILON);
}

/** Labels → dense integer codes in order of first appearance, and the number of distinct labels. */
function dense(labels: ArrayLike<number | string>): [Int32Array, number] {
  const codes = new Map<number | string, number>();
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    let c = codes.get(labels[i]);
    if (c === undefined) { c = codes.size; codes.set(labels[i], c); }
    out[i] = c;
  }
  return [out, codes.size];
}
