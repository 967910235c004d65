// A seeded synthetic co-occurrence graph with planted communities, the size of the corpus entity graph
// (~1,500 entities, ~10,000 weighted relations), for benchmarks and tests before the real graph is built.
// Not a model of language: popular entities (Pareto weights) co-occur mostly inside their community, and
// an edge's weight counts how often the pair was drawn, as the paper's merge rule counts shared text units.
import type {UndirectedGraph} from "graphology";
import {InputError} from "../kit/params.js";
import {stream} from "../kit/random.js";

export interface SyntheticOptions {
  nodes?: number; // entities
  communities?: number; // planted communities (sizes skewed: community c gets weight 1/(c+1)^0.7)
  edges?: number; // distinct relations to draw
  mixing?: number; // share of draws whose second entity is taken from the whole graph, not the community
  seed?: number;
}

export interface SyntheticGraph {
  nodes: string[]; // "e0", "e1", …
  edges: [string, string, number][]; // [source, target, weight], source < target by index, in order of first draw
  planted: Record<string, number>; // node → planted community
}

/** Index of the first cumulative weight > u·total (binary search); cumulative: increasing partial sums. */
function pick(cumulative: Float64Array, u: number): number {
  const x = u * cumulative[cumulative.length - 1];
  let lo = 0, hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function cumulate(values: number[]): Float64Array {
  const out = new Float64Array(values.length);
  let s = 0;
  values.forEach((v, i) => (out[i] = s += v));
  return out;
}

/** Draws pairs until `edges` distinct ones exist. Errors (InputError): sizes that cannot hold that many edges. */
export function syntheticGraph(options: SyntheticOptions = {}): SyntheticGraph {
  const {nodes: n = 1500, communities: k = 40, edges: target = 10_000, mixing = 0.2, seed = 42} = options;
  if (!Number.isInteger(n) || n < 2 || !Number.isInteger(k) || k < 1 || k > n) throw new InputError(`Need whole numbers 1 ≤ communities ≤ nodes and nodes ≥ 2, got ${n} nodes, ${k} communities.`);
  if (!Number.isInteger(target) || target < 1 || target > (n * (n - 1)) / 8) throw new InputError(`Edges must be a whole number from 1 to n(n−1)/8 = ${Math.floor((n * (n - 1)) / 8)}, got ${target}.`);
  if (!(mixing >= 0 && mixing <= 1)) throw new InputError(`Mixing must be between 0 and 1, got ${mixing}.`);
  const random = stream(seed, "synthetic-graph");
  const communityOf = cumulate(Array.from({length: k}, (_, c) => (c + 1) ** -0.7));
  const planted = Array.from({length: n}, (_, i) => (i < k ? i : pick(communityOf, random()))); // every community non-empty
  const popularity = Array.from({length: n}, () => (1 - random()) ** (-1 / 1.5)); // Pareto, α = 1.5
  const members: number[][] = Array.from({length: k}, () => []);
  planted.forEach((c, i) => members[c].push(i));
  const all = cumulate(popularity);
  const inside = members.map((list) => cumulate(list.map((i) => popularity[i])));
  const weight = new Map<number, number>(); // pair index min·n + max → draws
  const order: number[] = [];
  for (let draws = 0; weight.size < target; draws++) {
    if (draws > target * 200) throw new InputError("Could not draw enough distinct relations; lower the edge count or raise mixing.");
    const a = pick(all, random());
    const c = planted[a];
    const b = random() < mixing || members[c].length === 1 ? pick(all, random()) : members[c][pick(inside[c], random())];
    if (a === b) continue;
    const key = Math.min(a, b) * n + Math.max(a, b);
    if (!weight.has(key)) order.push(key);
    weight.set(key, (weight.get(key) ?? 0) + 1);
  }
  const name = (i: number) => `e${i}`;
  return {
    nodes: planted.map((_, i) => name(i)),
    edges: order.map((key) => [name(Math.floor(key / n)), name(key % n), weight.get(key)!]),
    planted: Object.fromEntries(planted.map((c, i) => [name(i), c]))
  };
}

/** A graphology graph of the given class from nodes and [source, target, weight] edges (weight attribute). */
export function graphFromEdges(Graph: new () => UndirectedGraph, nodes: string[], edges: [string, string, number][]): UndirectedGraph {
  const g = new Graph();
  for (const node of nodes) g.addNode(node);
  for (const [source, target, weight] of edges) g.addEdge(source, target, {weight});
  return g;
}

/**
 * The graph as a weighted edge list, one edge a line: `source<TAB>target<TAB>weight` (the bench's
 * --export-graph format, read by scripts/graphrag-leiden.py). Isolated nodes do not appear.
 * Errors (InputError): a node id containing a tab or a line break.
 */
export function toEdgeList(graph: UndirectedGraph): string {
  const lines: string[] = [];
  graph.forEachEdge((_e, attributes, source, target) => {
    for (const id of [source, target]) if (/[\t\r\n]/.test(id)) throw new InputError(`Entity id ${JSON.stringify(id)} contains a tab or line break and cannot be written as an edge list.`);
    lines.push(`${source}\t${target}\t${typeof attributes.weight === "number" ? attributes.weight : 1}`);
  });
  return lines.join("\n") + "\n";
}
