// One indexed state of the GraphRAG pipeline for the page: the entity graph in graphology, its community
// hierarchy, the community reports and the search index, plus the reader-facing summaries of them (levels,
// memberships, titles). Shared by the page's worker, the build-time first state and the tests, so the
// first state is produced by the same code as every later one.
import {UndirectedGraph} from "graphology";
import {hierarchicalLouvain} from "./communities.js";
import {toGraphology} from "./graph.js";
import {checkIndexConfig, DEFAULT_INDEX_CONFIG, type IndexConfig} from "./index-config.js";
import {communityReports} from "./reports.js";
import {type GraphSearchIndex, graphSearchIndex} from "./search-index.js";
import type {CommunityReport, EntityGraphData, Hierarchy} from "./types.js";

export {checkIndexConfig, DEFAULT_INDEX_CONFIG, type IndexConfig};

export interface Indexed {
  config: IndexConfig;
  data: EntityGraphData;
  graph: UndirectedGraph;
  hierarchy: Hierarchy;
  reports: CommunityReport[]; // by community id
  search: GraphSearchIndex;
  ms: {louvain: number; reports: number; search: number}; // wall time of each stage
}

/** What the page draws and lists for a hierarchy; small enough to post from the worker. */
export interface HierarchyView {
  levels: Array<{level: number; count: number; modularity: number}>;
  membership: Array<Record<string, number>>; // per level: entity id → community id
  titles: Record<number, string>; // community id → report title
  sizes: Record<number, number>; // community id → entities
  ms: Indexed["ms"];
}

/** Builds everything search needs. InputError (reader-facing) for a bad resolution or an empty graph. */
export function indexGraph(data: EntityGraphData, config: IndexConfig = DEFAULT_INDEX_CONFIG, graph = toGraphology(data, UndirectedGraph)): Indexed {
  checkIndexConfig(config);
  const t0 = performance.now();
  const hierarchy = hierarchicalLouvain(graph, {resolution: config.resolution, seed: config.seed});
  const t1 = performance.now();
  const reports = communityReports(data, hierarchy, {budget: config.reportBudget});
  const t2 = performance.now();
  const search = graphSearchIndex(data, hierarchy, reports);
  const t3 = performance.now();
  return {config, data, graph, hierarchy, reports, search, ms: {louvain: t1 - t0, reports: t2 - t1, search: t3 - t2}};
}

export function hierarchyView(ix: Indexed): HierarchyView {
  const titles: Record<number, string> = {};
  const sizes: Record<number, number> = {};
  for (const c of ix.hierarchy.communities) {
    titles[c.id] = ix.reports[c.id]?.title ?? `community ${c.id}`;
    sizes[c.id] = c.entities.length;
  }
  return {
    levels: ix.hierarchy.levels.map((l) => ({level: l.level, count: l.count, modularity: l.modularity})),
    membership: ix.hierarchy.levels.map((l) => l.membership),
    titles,
    sizes,
    ms: ix.ms
  };
}
