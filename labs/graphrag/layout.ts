// Node positions for drawing the entity graph: a d3-force simulation (links pull co-occurring entities
// together, many-body charge pushes all apart) run for a fixed number of ticks with a seeded random
// source, so the same graph and seed give the same picture. Not a teaching subject: d3-force does the work.
import {forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum} from "d3-force";
import {InputError} from "../kit/params.js";
import {mulberry32} from "../kit/random.js";
import type {EntityGraphData} from "./types.js";

export interface LayoutOptions {
  seed: number;
  ticks: number; // simulation steps (d3's default cooling reaches alphaMin after 300)
  minMentions: number; // entities mentioned fewer times are left out of the picture
  previous?: Record<string, [number, number]>; // warm start: keep these nodes where they were
}

export const DEFAULT_LAYOUT: LayoutOptions = {seed: 1, ticks: 300, minMentions: 2};

/** The drawn subgraph: node ids (sorted), positions (n, 2) in layout units, links as index pairs. */
export interface Layout {
  ids: string[];
  x: Float32Array; // (n)
  y: Float32Array; // (n)
  links: Int32Array; // (m, 2) flattened: source index, target index
  weights: Float32Array; // (m) co-occurrence counts
}

interface Node extends SimulationNodeDatum {
  id: string;
}

/**
 * Lays out the entities with at least `minMentions` mentions and the relations between them.

 * Links pull harder and shorter as weight grows (strength w / (w + 1), length 10 + 40 / (1 + w)); without `previous`, nodes start on a phyllotaxis spiral.
 * Throws InputError when no entity qualifies. Cost: O(ticks · (n log n + m)).
 */
export function layoutGraph(data: EntityGraphData, options: LayoutOptions = DEFAULT_LAYOUT): Layout {
  const {seed, ticks, minMentions, previous} = options;
  if (!Number.isInteger(ticks) || ticks < 0 || ticks > 2000) throw new InputError(`Layout ticks must be a whole number from 0 to 2,000, got ${ticks}.`);
  const kept = data.entities.filter((e) => e.mentions >= minMentions).map((e) => e.id).sort();
  if (kept.length === 0) throw new InputError(`No entity is mentioned ${minMentions} times or more, so there is no graph to draw.`);
  const index = new Map(kept.map((id, i) => [id, i]));
  const nodes: Node[] = kept.map((id, i) => {
    const at = previous?.[id];
    if (at) return {id, x: at[0], y: at[1]};
    const r = 10 * Math.sqrt(i + 0.5);
    const a = i * Math.PI * (3 - Math.sqrt(5));
    return {id, x: r * Math.cos(a), y: r * Math.sin(a)};
  });
  const links: Array<SimulationLinkDatum<Node> & {weight: number}> = [];
  for (const r of data.relations) {
    const s = index.get(r.source);
    const t = index.get(r.target);
    if (s !== undefined && t !== undefined) links.push({source: s, target: t, weight: r.weight});
  }
  const pairs = links.map((l) => [l.source as number, l.target as number]);
  const simulation = forceSimulation(nodes)
    .randomSource(mulberry32(seed))
    .force("link", forceLink<Node, (typeof links)[number]>(links).strength((l) => l.weight / (l.weight + 1)).distance((l) => 10 + 40 / (1 + l.weight)))
    .force("charge", forceManyBody<Node>().strength(-30).distanceMax(400))
    .force("x", forceX<Node>(0).strength(0.02))
    .force("y", forceY<Node>(0).strength(0.02))
    .stop();
  if (previous) simulation.alpha(0.1); // a warm start only settles the newcomers
  simulation.tick(ticks);
  return {
    ids: kept,
    x: Float32Array.from(nodes, (n) => n.x!),
    y: Float32Array.from(nodes, (n) => n.y!),
    links: Int32Array.from(pairs.flat()),
    weights: Float32Array.from(links, (l) => l.weight)
  };
}
