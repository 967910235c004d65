// Churn between two community partitions of a growing entity graph (incremental indexing: add a
// document, re-run Louvain, see what moved). Each new community is matched to the old community it
// shares most entities with; an entity present in both whose new community matches a different old one
// has moved. NMI (scikit-learn's arithmetic-mean normalisation) summarises agreement on shared entities.
import type {UndirectedGraph} from "graphology";
import {InputError} from "../kit/params.js";
import {hierarchicalLouvain, type HierarchyOptions} from "./communities.js";
import {nmi} from "./modularity.js";
import type {Hierarchy} from "./types.js";

export interface Churn {
  common: number; // entities present in both partitions
  nmi: number; // NMI of the two partitions restricted to the common entities, in [0, 1]
  moved: string[]; // common entities whose new community is matched to another old community, sorted
  movedShare: number; // moved.length / common
  newEntities: string[]; // only in `after`, sorted
  removedEntities: string[]; // only in `before`, sorted
  matching: Record<number, number | null>; // new community → old community it overlaps most (null: only new entities)
  communitiesBefore: number;
  communitiesAfter: number;
}

/**
 * churn(before, after): entity id → community id, before and after an update. Matching: each new community
 * goes to the old community holding most of its common entities (ties: the smaller old id); several new
 * communities may match the same old one, so a pure split moves nobody, while a merge moves the entities
 * of the smaller old side. Errors (InputError): an empty partition, or no entity in common.
 */
export function churn(before: Record<string, number>, after: Record<string, number>): Churn {
  const beforeIds = Object.keys(before), afterIds = Object.keys(after);
  if (beforeIds.length === 0 || afterIds.length === 0) throw new InputError("Churn needs two non-empty partitions.");
  const common = afterIds.filter((e) => e in before).sort();
  if (common.length === 0) throw new InputError("The two partitions share no entity, so there is nothing to compare.");
  // overlap[new][old] = number of common entities in both
  const overlap = new Map<number, Map<number, number>>();
  for (const e of common) {
    const row = overlap.get(after[e]) ?? new Map<number, number>();
    row.set(before[e], (row.get(before[e]) ?? 0) + 1);
    overlap.set(after[e], row);
  }
  const matching: Record<number, number | null> = {};
  for (const c of new Set(Object.values(after))) {
    let best: number | null = null, bestCount = 0;
    for (const [old, count] of overlap.get(c) ?? []) if (count > bestCount || (count === bestCount && best !== null && old < best)) { best = old; bestCount = count; }
    matching[c] = best;
  }
  const moved = common.filter((e) => matching[after[e]] !== before[e]);
  return {
    common: common.length,
    nmi: nmi(common.map((e) => before[e]), common.map((e) => after[e])),
    moved,
    movedShare: moved.length / common.length,
    newEntities: afterIds.filter((e) => !(e in before)).sort(),
    removedEntities: beforeIds.filter((e) => !(e in after)).sort(),
    matching,
    communitiesBefore: new Set(Object.values(before)).size,
    communitiesAfter: new Set(Object.values(after)).size
  };
}

/**
 * Incremental indexing's community step: hierarchicalLouvain on the grown graph with the old hierarchy's
 * resolution and seed (override with `options`; the other options default as in hierarchicalLouvain, so
 * pass the same ones used before), and the churn at every level both hierarchies have.
 */
export function incrementalUpdate(before: Hierarchy, grown: UndirectedGraph, options: HierarchyOptions = {}): {hierarchy: Hierarchy; churn: Churn[]} {
  const hierarchy = hierarchicalLouvain(grown, {resolution: before.resolution, seed: before.seed, ...options});
  const levels = Math.min(before.levels.length, hierarchy.levels.length);
  return {hierarchy, churn: Array.from({length: levels}, (_, l) => churn(before.levels[l].membership, hierarchy.levels[l].membership))};
}
