// Capacity-constrained ("balanced") assignment for k-means: each cluster takes at most `capacity`
// points and the total squared distance is minimal under that rule, solved exactly as a min-cost
// flow (Bradley, Bennett & Demiriz 2000) by successive shortest paths over the k cluster nodes.
// O(n^2·k + n·k^3): meant for the 2-D notebook (hundreds to a few thousand points), not for IVF.
import {InputError} from "./check.js";
import {l2sq} from "./distance.js";

/**
 * Assignment a (n,) minimising sum_i ||x_i - c_{a(i)}||^2 subject to |{i : a(i) = j}| <= capacity.
 * Points are inserted one at a time; each insertion follows the cheapest chain "new point -> cluster
 * j0, one point of j0 -> j1, ..., -> a cluster with room". The flow stays optimal after each insertion
 * (no negative cycle), so the final assignment is optimal.
 */
export function balancedAssign(data: Float32Array, n: number, d: number, centroids: Float32Array, k: number, capacity: number): Int32Array {
  if (capacity * k < n) throw new InputError(`${k} clusters of at most ${capacity} points cannot hold ${n} points.`);
  const cost = new Float64Array(n * k); // (n, k) squared distances
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) cost[i * k + j] = l2sq(data, i * d, centroids, j * d, d);
  const assign = new Int32Array(n).fill(-1);
  const count = new Int32Array(k);
  const edge = new Float64Array(k * k); // cheapest cost of moving one point from cluster a to cluster b
  const edgePoint = new Int32Array(k * k);
  const dist = new Float64Array(k);
  const pred = new Int32Array(k);
  const eps = 1e-12;
  for (let i = 0; i < n; i++) {
    edge.fill(Infinity);
    for (let p = 0; p < i; p++) {
      const a = assign[p];
      const base = cost[p * k + a];
      for (let b = 0; b < k; b++) {
        if (b === a) continue;
        const v = cost[p * k + b] - base;
        if (v < edge[a * k + b]) {
          edge[a * k + b] = v;
          edgePoint[a * k + b] = p;
        }
      }
    }
    for (let j = 0; j < k; j++) {
      dist[j] = cost[i * k + j];
      pred[j] = -1;
    }
    // Bellman–Ford over k nodes (edges may be negative, cycles are not)
    for (let round = 0; round < k; round++) {
      let changed = false;
      for (let a = 0; a < k; a++) {
        const da = dist[a];
        for (let b = 0; b < k; b++) {
          const w = edge[a * k + b];
          if (w === Infinity) continue;
          const v = da + w;
          if (v < dist[b] - eps) {
            dist[b] = v;
            pred[b] = a;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    let target = -1;
    for (let j = 0; j < k; j++) if (count[j] < capacity && (target < 0 || dist[j] < dist[target] - eps)) target = j;
    // walk the chain back from the cluster with room; each hop moves one point forward
    const moves: [number, number][] = [];
    let j = target;
    for (let guard = 0; pred[j] !== -1 && guard < k; guard++) {
      const from = pred[j];
      moves.push([edgePoint[from * k + j], j]);
      j = from;
    }
    for (const [p, to] of moves) assign[p] = to;
    assign[i] = j;
    count[target]++;
  }
  return assign;
}
