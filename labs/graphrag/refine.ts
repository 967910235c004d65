// A final local-moving pass after Louvain (Louvain's phase 1 run again on the original graph): every entity
// may move to the neighbouring community that raises modularity most. Louvain never revisits single nodes
// once it has merged them into super-nodes, so this pass can still find gains; Leiden's refinement step
// (Traag et al. 2019) addresses the same weakness more thoroughly.
import type {UndirectedGraph} from "graphology";
import {edgeWeight} from "./modularity.js";

/**
 * Moves nodes (visited in a seeded random order, repeatedly) to the neighbouring community with the largest
 * modularity gain ΔQ = k_i,B/m − k_i,A/m − γ·k_i·(Σ_B − Σ_A + k_i)/(2m²) (A = its community without it),
 * until a full sweep moves nothing or `maxSweeps` is reached. Returns a new membership; ids of communities
 * emptied by moves are dropped (renumbered 0…c−1 in order of first node). Q never decreases.
 */
export function refineMoves(graph: UndirectedGraph, membership: Record<string, number>, resolution: number, random: () => number, maxSweeps = 20): {membership: Record<string, number>; moves: number} {
  const nodes = graph.nodes();
  const n = nodes.length;
  const index = new Map(nodes.map((v, i) => [v, i]));
  // Adjacency as CSR arrays (offsets, neighbours, weights), self-loops left out of the links but kept in degrees.
  const degree = new Float64Array(n);
  const lists: Array<Array<[number, number]>> = nodes.map(() => []);
  let m2 = 0; // 2m
  graph.forEachEdge((_e, a, s, t) => {
    const w = edgeWeight(a), i = index.get(s)!, j = index.get(t)!;
    degree[i] += w;
    degree[j] += w;
    m2 += 2 * w;
    if (i !== j) {
      lists[i].push([j, w]);
      lists[j].push([i, w]);
    }
  });
  const community = Int32Array.from(nodes, (v) => membership[v]);
  if (m2 === 0) return {membership: {...membership}, moves: 0};
  const m = m2 / 2;
  const total = new Map<number, number>(); // Σ of degrees per community
  for (let i = 0; i < n; i++) total.set(community[i], (total.get(community[i]) ?? 0) + degree[i]);
  const links = new Map<number, number>(); // community → weight from the visited node into it
  let moves = 0;
  const order = Array.from({length: n}, (_, i) => i);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let moved = 0;
    for (const v of order) {
      const own = community[v];
      const k = degree[v];
      links.clear();
      for (const [u, w] of lists[v]) links.set(community[u], (links.get(community[u]) ?? 0) + w);
      const ownTotal = total.get(own)! - k;
      let best = own;
      let bestGain = (links.get(own) ?? 0) / m - (resolution * k * ownTotal) / (2 * m * m);
      for (const [c, w] of links) {
        if (c === own) continue;
        const gain = w / m - (resolution * k * total.get(c)!) / (2 * m * m);
        if (gain > bestGain + 1e-12) { best = c; bestGain = gain; }
      }
      if (best !== own) {
        total.set(own, ownTotal);
        total.set(best, total.get(best)! + k);
        community[v] = best;
        moved++;
      }
    }
    moves += moved;
    if (moved === 0) break;
  }
  const renumber = new Map<number, number>();
  const out: Record<string, number> = {};
  nodes.forEach((v, i) => {
    if (!renumber.has(community[i])) renumber.set(community[i], renumber.size);
    out[v] = renumber.get(community[i])!;
  });
  return {membership: out, moves};
}
