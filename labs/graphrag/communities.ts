// Hierarchical communities of the entity graph: Louvain (graphology-communities-louvain, seeded) on the
// whole graph gives level C0, then Louvain again inside every community larger than maxClusterSize gives
// C1, C2 — the recursion graspologic's hierarchical_leiden runs for GraphRAG (max_cluster_size = 10 in
// microsoft/graphrag's defaults), with Louvain in place of Leiden. Not Leiden: no refinement phase.
import type {UndirectedGraph} from "graphology";
import louvain from "graphology-communities-louvain";
import {InputError} from "../kit/params.js";
import {DEFAULT_SEED, stream} from "../kit/random.js";
import {edgeWeight, modularity} from "./modularity.js";
import {refineMoves} from "./refine.js";
import type {Community, Hierarchy, LevelPartition} from "./types.js";

/** Resolution γ accepted by hierarchicalLouvain: 0 < γ ≤ RESOLUTION_MAX (the page's control uses these). */
export const RESOLUTION_MAX = 10;

export interface HierarchyOptions {
  resolution?: number; // γ of modularity, 0 < γ ≤ 10; larger → smaller communities
  seed?: number; // integer; the same seed and graph give the same hierarchy
  maxLevels?: number; // levels C0…C(maxLevels − 1), 1–5
  maxClusterSize?: number; // a community with more entities than this is split on the next level (≥ 1)
  trials?: number; // Louvain runs per (sub)graph, the partition with the highest modularity is kept (1–20)
}

export const HIERARCHY_DEFAULTS: Required<HierarchyOptions> = {resolution: 1, seed: DEFAULT_SEED, maxLevels: 3, maxClusterSize: 10, trials: 4};

/** Checks options and graph; returns the options with defaults filled in, or throws InputError with a reader-facing message. */
export function checkHierarchyInput(graph: UndirectedGraph, options: HierarchyOptions = {}): Required<HierarchyOptions> {
  const o = {...HIERARCHY_DEFAULTS, ...options};
  const γ = o.resolution;
  if (typeof γ !== "number" || Number.isNaN(γ)) throw new InputError(`Resolution must be a number, got ${String(γ)}.`);
  if (γ <= 0)
    throw new InputError(`Resolution must be greater than 0, got ${γ}. At 0 modularity loses its penalty for large communities, so every connected part of the graph would become one community.`);
  if (γ > RESOLUTION_MAX)
    throw new InputError(`Resolution must be at most ${RESOLUTION_MAX}, got ${γ}. Above that the penalty for large communities dominates and almost every entity ends up in a community of its own or of two.`);
  if (!Number.isInteger(o.seed)) throw new InputError(`Seed must be a whole number, got ${o.seed}.`);
  if (!Number.isInteger(o.maxLevels) || o.maxLevels < 1 || o.maxLevels > 5) throw new InputError(`Number of levels must be a whole number from 1 to 5, got ${o.maxLevels}.`);
  if (!Number.isInteger(o.maxClusterSize) || o.maxClusterSize < 1) throw new InputError(`Maximum community size must be a whole number ≥ 1, got ${o.maxClusterSize}.`);
  if (!Number.isInteger(o.trials) || o.trials < 1 || o.trials > 20) throw new InputError(`Louvain trials must be a whole number from 1 to 20, got ${o.trials}.`);
  if (graph.type !== "undirected") throw new InputError(`Communities need an undirected graph, got a ${graph.type} one.`);
  if (graph.order === 0) throw new InputError("The graph is empty: there are no entities to group into communities.");
  if (graph.size === 0)
    throw new InputError(`The graph has ${graph.order} entities but no relations between them, so there are no communities to find (lower the minimum edge weight or add text).`);
  graph.forEachEdge((_e, attributes, source, target) => {
    const w = attributes.weight;
    if (w !== undefined && !(typeof w === "number" && Number.isFinite(w) && w > 0))
      throw new InputError(`Relation ${source}–${target} has weight ${String(w)}; weights must be positive numbers.`);
  });
  return o;
}

/**
 * Louvain `trials` times (one seeded stream, runs in sequence) on `graph`, each followed by a final pass of
 * single-node moves (refine.ts); keeps the partition of highest modularity at γ (the first one on ties). Returns its communities as sorted member lists, largest first
 * (ties: by first member). A graph without edges gives singletons.
 */
export function bestLouvain(graph: UndirectedGraph, resolution: number, random: () => number, trials: number): string[][] {
  let best: Record<string, number> | null = null;
  if (graph.size > 0) {
    let bestQ = -Infinity;
    for (let t = 0; t < trials; t++) {
      const run = louvain(graph, {resolution, rng: random, getEdgeWeight: "weight"});
      const refined = refineMoves(graph, run, resolution, random).membership;
      const q = modularity(graph, refined, resolution);
      if (q > bestQ) { bestQ = q; best = refined; }
    }
  }
  const groups = new Map<number | string, string[]>();
  graph.forEachNode((node) => {
    const c = best ? best[node] : node; // no edges: every node alone
    if (!groups.has(c)) groups.set(c, []);
    groups.get(c)!.push(node);
  });
  const lists = [...groups.values()].map((members) => members.sort());
  return lists.sort((a, b) => b.length - a.length || (a[0] < b[0] ? -1 : 1));
}

/** The subgraph induced by `nodes` (in that order), keeping each edge's weight. */
export function inducedSubgraph(graph: UndirectedGraph, nodes: string[]): UndirectedGraph {
  const sub = graph.nullCopy() as UndirectedGraph;
  const inside = new Set(nodes);
  for (const n of nodes) sub.addNode(n);
  for (const n of nodes)
    graph.forEachEdge(n, (_edge, attributes, source, target) => {
      // each edge is seen from both ends: add it from its source only (a self-loop once)
      if (source === n && inside.has(target) && !(source === target && sub.hasEdge(source, target))) sub.addEdge(source, target, {weight: edgeWeight(attributes)});
    });
  return sub;
}

/**
 * Hierarchical Louvain: C0 = best-of-`trials` Louvain on the whole graph at resolution γ; each community of
 * level l with more than `maxClusterSize` entities is split by Louvain on its induced subgraph (same γ)
 * into the communities of level l + 1. A community that is small enough, or that Louvain leaves whole,
 * is a leaf: it has no children and its id repeats in every deeper level's membership, so each of the
 * `maxLevels` levels is a partition of all nodes. Isolated nodes are communities of their own.
 * Ids: level by level, within a level by parent, largest first. Each level's modularity is computed on the
 * whole graph at γ = 1. Deterministic for a given graph (node insertion order), seed and options.
 * Errors (InputError, reader-facing): see checkHierarchyInput.
 */
export function hierarchicalLouvain(graph: UndirectedGraph, options: HierarchyOptions = {}): Hierarchy {
  const o = checkHierarchyInput(graph, options);
  const random = stream(o.seed, "louvain");
  const communities: Community[] = [];
  const add = (level: number, parent: number | null, entities: string[]) => {
    const c: Community = {id: communities.length, level, parent, children: [], entities};
    communities.push(c);
    if (parent !== null) communities[parent].children.push(c.id);
    return c;
  };
  let frontier = bestLouvain(graph, o.resolution, random, o.trials).map((members) => add(0, null, members));
  const membership: Record<string, number> = {};
  for (const c of frontier) for (const e of c.entities) membership[e] = c.id;
  const levels: LevelPartition[] = [partition(graph, 0, membership)];
  for (let level = 1; level < o.maxLevels; level++) {
    const next: Community[] = [];
    for (const c of frontier) {
      if (c.entities.length <= o.maxClusterSize) continue;
      const groups = bestLouvain(inducedSubgraph(graph, c.entities), o.resolution, random, o.trials);
      if (groups.length < 2) continue; // Louvain keeps it whole: a leaf
      for (const members of groups) {
        const child = add(level, c.id, members);
        for (const e of members) membership[e] = child.id;
        next.push(child);
      }
    }
    levels.push(partition(graph, level, membership));
    frontier = next;
  }
  return {resolution: o.resolution, seed: o.seed, communities, levels};
}

function partition(graph: UndirectedGraph, level: number, membership: Record<string, number>): LevelPartition {
  const copy = {...membership};
  return {level, membership: copy, count: new Set(Object.values(copy)).size, modularity: modularity(graph, copy, 1)};
}

/** The communities that make up level `level` (leaves of shallower levels included), in id order. */
export function communitiesAt(h: Hierarchy, level: number): Community[] {
  const p = h.levels[level];
  if (!p) throw new InputError(`Level ${level} does not exist; this hierarchy has levels 0 to ${h.levels.length - 1}.`);
  const ids = [...new Set(Object.values(p.membership))].sort((a, b) => a - b);
  return ids.map((id) => h.communities[id]);
}
