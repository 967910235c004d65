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
  const community = new Map(nodes.map((n) => [n, membership[n]]));
  const degree = new Map<string, number>();
  const total = new Map<number, number>(); // Σ of degrees per community
  let m2 = 0; // 2m
  for (const n of nodes) {
    let k = 0;
    graph.forEachEdge(n, (_e, a, s, t) => (k += s === t ? 2 * edgeWeight(a) : edgeWeight(a)));
    degree.set(n, k);
    total.set(community.get(n)!, (total.get(community.get(n)!) ?? 0) + k);
    m2 += k;
  }
  if (m2 === 0) return {membership: {...membership}, moves: 0};
  const m = m2 / 2;
  let moves = 0;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    const order = [...nodes];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let moved = 0;
    for (const n of order) {
      const own = community.get(n)!;
      const k = degree.get(n)!;
      const links = new Map<number, number>(); // community → weight from n into it (self-loops excluded)
      graph.forEachEdge(n, (_e, a, s, t) => {
        if (s === t) return;
        const c = community.get(s === n ? t : s)!;
        links.set(c, (links.get(c) ?? 0) + edgeWeight(a));
      });
      const ownTotal = total.get(own)! - k;
      const gainTo = (c: number) => (links.get(c) ?? 0) / m - (resolution * k * (total.get(c) ?? 0)) / (2 * m * m);
      const stay = (links.get(own) ?? 0) / m - (resolution * k * ownTotal) / (2 * m * m);
      let best = own, bestGain = stay;
      for (const c of links.keys()) {
        if (c === own) continue;
        const g = gainTo(c);
        if (g > bestGain + 1e-12) { best = c; bestGain = g; }
      }
      if (best !== own) {
        total.set(own, ownTotal);
        total.set(best, total.get(best)! + k);
        community.set(n, best);
        moved++;
      }
    }
    moves += moved;
    if (moved === 0) break;
  }
  const renumber = new Map<number, number>();
  const out: Record<string, number> = {};
  for (const n of nodes) {
    const c = community.get(n)!;
    if (!renumber.has(c)) renumber.set(c, renumber.size);
    out[n] = renumber.get(c)!;
  }
  return {membership: out, moves};
}
