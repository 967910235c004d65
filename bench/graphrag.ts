// GraphRAG communities benchmark: graph size and build time, seeded Louvain (graphology-communities-louvain)
// time and modularity, the lab's hierarchical Louvain (C0–C2, max cluster size 10) per level, and
// python3-leidenalg's Leiden (scripts/graphrag-leiden.py, Debian /usr/bin/python3) on the same edge list,
// side by side. Graphs: the State of the Union entity graph (labs/graphrag/graph.ts),
// and seeded synthetic co-occurrence graphs of the same size (~1,500 entities, ~10,000 relations).
// Targets: C0 modularity within 0.01 of Leiden's; the hierarchy under 200 ms.
// Usage: npx tsx bench/graphrag.ts [--export-graph FILE]   (FILE: the level-0 graph, source<TAB>target<TAB>weight)
import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {UndirectedGraph} from "graphology";
import louvain from "graphology-communities-louvain";
import {churn, incrementalUpdate} from "../labs/graphrag/churn.js";
import {hierarchicalLouvain} from "../labs/graphrag/communities.js";
import {modularity} from "../labs/graphrag/modularity.js";
import {graphFromEdges, syntheticGraph, toEdgeList} from "../labs/graphrag/synthetic.js";
import {corpusGraph, toGraphology} from "../labs/graphrag/graph.js";
import {readSotu} from "../labs/rag/corpus-files.js";
import {stream} from "../labs/kit/random.js";

const RUNS = 7;
const SEED = 42;
const PYTHON = "/usr/bin/python3";

const args = process.argv.slice(2);
const at = args.indexOf("--export-graph");
const exportFile = at >= 0 ? args[at + 1] : undefined;
if (at >= 0 && (!exportFile || exportFile.startsWith("--"))) {
  console.error("--export-graph needs a file name: npx tsx bench/graphrag.ts --export-graph graph.tsv");
  process.exit(2);
}

interface Case { name: string; graph: UndirectedGraph; buildMs: number; note: string }

const time = <T>(f: () => T): [T, number] => { const t = performance.now(); const v = f(); return [v, performance.now() - t]; };
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

function syntheticCase(mixing: number): Case {
  const [s, genMs] = time(() => syntheticGraph({mixing, seed: SEED}));
  const [graph, graphMs] = time(() => graphFromEdges(UndirectedGraph, s.nodes, s.edges));
  return {name: `synthetic, mixing ${mixing}`, graph, buildMs: genMs + graphMs, note: `planted Q ${modularity(graph, s.planted).toFixed(4)}`};
}

/** The corpus entity graph (extraction timed fresh here, not read from the loaders' cache). */
function corpusCase(): Case {
  const docs = readSotu();
  const [data, extractMs] = time(() => corpusGraph(docs));
  const [graph, graphMs] = time(() => toGraphology(data, UndirectedGraph));
  return {
    name: "State of the Union entity graph",
    graph,
    buildMs: extractMs + graphMs,
    note: `${docs.length} documents, ${data.units.length} text units; extraction + merge ${Math.round(extractMs)} ms, toGraphology ${graphMs.toFixed(1)} ms`
  };
}

interface LeidenResult {
  leiden: {modularity: number; first: number; communities: number; msPerRun: number; trials: number};
  rbConfiguration: {resolution: number; modularity: number; communities: number; ms: number};
  igraphLouvain: {modularity: number; communities: number; ms: number};
  hierarchical: {ms: number; levels: {communities: number; modularity: number}[]};
  versions: Record<string, string>;
}

function runLeiden(file: string): LeidenResult | string {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const r = spawnSync(PYTHON, ["scripts/graphrag-leiden.py", file, "--seed", String(SEED), "--json"], {encoding: "utf8"});
  if (r.status !== 0) return `scripts/graphrag-leiden.py failed: ${(r.stderr || r.error?.message || "").trim().split("\n").pop()}`;
  return JSON.parse(r.stdout) as LeidenResult;
}

const f = (x: number, d = 4) => x.toFixed(d);
const cases: Case[] = [];
cases.push(corpusCase());
cases.push(syntheticCase(0.2), syntheticCase(0.5));

const dir = mkdtempSync(join(tmpdir(), "graphrag-bench-"));
const sizeRows: string[] = [], methodRows: string[] = [], levelRows: string[] = [], verdicts: string[] = [];
let versions = "";
cases.forEach((c, i) => {
  const g = c.graph;
  let isolated = 0, total = 0;
  g.forEachNode((n) => { if (g.degree(n) === 0) isolated++; });
  g.forEachEdge((_e, a) => { total += typeof a.weight === "number" ? a.weight : 1; });
  sizeRows.push(`| ${c.name} | ${g.order} | ${g.size} | ${isolated} | ${total} | ${c.buildMs.toFixed(0)} | ${c.note} |`);

  // one Louvain run (graphology), a different seed each run
  const single = Array.from({length: RUNS}, (_, r) => time(() => louvain.detailed(g, {rng: stream(SEED + r, "louvain"), getEdgeWeight: "weight"})));
  const qs = single.map(([d]) => d.modularity);
  methodRows.push(`| ${c.name} | graphology Louvain, 1 run (${RUNS} seeds) | ${single[0][0].count} | ${f(Math.min(...qs))}–${f(Math.max(...qs))} | ${f(median(single.map(([, ms]) => ms)), 1)} |`);
  // the lab's hierarchy (best of 4 trials per (sub)graph)
  const hier = Array.from({length: RUNS}, (_, r) => time(() => hierarchicalLouvain(g, {seed: SEED + r})));
  const [h] = hier[0];
  const hierMs = median(hier.map(([, ms]) => ms));
  methodRows.push(`| ${c.name} | lab hierarchicalLouvain C0 (best of 4), whole C0–C2 | ${h.levels[0].count} | ${f(h.levels[0].modularity)} | ${f(hierMs, 1)} |`);

  const file = i === 0 && exportFile ? exportFile : join(dir, `graph-${i}.tsv`);
  writeFileSync(file, toEdgeList(g));
  if (i === 0 && exportFile) console.log(`level-0 graph of "${c.name}" written to ${exportFile} (source<TAB>target<TAB>weight)\n`);
  const leiden = runLeiden(file);
  if (typeof leiden === "string") {
    methodRows.push(`| ${c.name} | Leiden | — | — | — (${leiden}) |`);
    verdicts.push(`${c.name}: no Leiden comparison (${leiden}); hierarchy ${f(hierMs, 1)} ms (target < 200 ms)`);
  } else {
    versions = Object.entries(leiden.versions).map(([k, v]) => `${k} ${v}`).join(", ");
    methodRows.push(`| ${c.name} | Leiden modularity (best of ${leiden.leiden.trials} seeds, until stable) | ${leiden.leiden.communities} | ${f(leiden.leiden.modularity)} | ${f(leiden.leiden.msPerRun, 1)} per run |`);
    methodRows.push(`| ${c.name} | Leiden RBConfiguration γ ${leiden.rbConfiguration.resolution} | ${leiden.rbConfiguration.communities} | ${f(leiden.rbConfiguration.modularity)} | ${f(leiden.rbConfiguration.ms, 1)} |`);
    methodRows.push(`| ${c.name} | igraph Louvain (C, community_multilevel) | ${leiden.igraphLouvain.communities} | ${f(leiden.igraphLouvain.modularity)} | ${f(leiden.igraphLouvain.ms, 1)} |`);
    h.levels.forEach((p, l) => {
      const lh = leiden.hierarchical.levels[l];
      levelRows.push(`| ${c.name} | C${l} | ${p.count} | ${f(p.modularity)} | ${lh ? lh.communities : "—"} | ${lh ? f(lh.modularity) : "—"} |`);
    });
    if (isolated > 0) levelRows.push(`| ${c.name} | (lab counts include ${isolated} isolated entities as communities of their own; the edge list leaves them out) | | | | |`);
    levelRows.push(`| ${c.name} | total ms | ${f(hierMs, 1)} | | ${f(leiden.hierarchical.ms, 1)} | |`);
    const dq = h.levels[0].modularity - leiden.leiden.modularity;
    verdicts.push(`${c.name}: C0 Q − Leiden Q = ${dq >= 0 ? "+" : ""}${f(dq)} (target ≥ −0.01: ${dq >= -0.01 ? "met" : "MISSED"}); hierarchy ${f(hierMs, 1)} ms${i === 0 ? ` (target on the corpus graph < 200 ms: ${hierMs < 200 ? "met" : "MISSED"})` : ""}`);
  }
});

console.log(`Seed ${SEED}; times are medians of ${RUNS} runs (seeds ${SEED}…${SEED + RUNS - 1}) in Node; Leiden: ${versions || "not run"} via ${PYTHON}.\n`);
console.log("| graph | nodes | edges | isolated | total weight | build ms | note |\n|---|---:|---:|---:|---:|---:|---|");
console.log(sizeRows.join("\n"));
console.log("\n| graph | method | communities | modularity Q | ms |\n|---|---|---:|---:|---:|");
console.log(methodRows.join("\n"));
console.log("\nPer level (max cluster size 10; a community that is not split repeats on deeper levels; Q on the whole graph, γ 1):\n");
console.log("| graph | level | lab Louvain communities | lab Q | hierarchical Leiden communities | Leiden Q |\n|---|---|---:|---:|---:|---:|");
console.log(levelRows.join("\n"));
console.log(`\n${verdicts.join("\n")}`);

// Incremental indexing on the synthetic graph (mixing 0.2): churn after adding a "document" (20 new entities,
// 100 relations, half of their ends among existing entities), set against the churn from re-seeding alone.
{
  const base = cases.find((c) => c.name === "synthetic, mixing 0.2")!.graph;
  const before = hierarchicalLouvain(base, {seed: SEED});
  const reseeded = hierarchicalLouvain(base, {seed: SEED + 1});
  const grown = base.copy();
  const random = stream(SEED, "bench-document");
  const olds = grown.nodes();
  for (let i = 0; i < 20; i++) grown.addNode(`new${i}`);
  for (let added = 0; added < 100; ) {
    const a = `new${Math.floor(random() * 20)}`;
    const b = random() < 0.5 ? `new${Math.floor(random() * 20)}` : olds[Math.floor(random() * olds.length)];
    if (a === b || grown.hasEdge(a, b)) continue;
    grown.addEdge(a, b, {weight: 1});
    added++;
  }
  const [update, updateMs] = time(() => incrementalUpdate(before, grown));
  console.log("\nChurn (synthetic, mixing 0.2): one added document vs re-seeding the same graph:\n");
  console.log("| level | re-seed only: NMI | moved | add a document: NMI | moved | new entities |\n|---|---:|---:|---:|---:|---:|");
  before.levels.forEach((p, l) => {
    const noise = churn(p.membership, reseeded.levels[l].membership);
    const c = update.churn[l];
    console.log(`| C${l} | ${f(noise.nmi)} | ${noise.moved.length} (${f(100 * noise.movedShare, 1)}%) | ${f(c.nmi)} | ${c.moved.length} (${f(100 * c.movedShare, 1)}%) | ${c.newEntities.length} |`);
  });
  console.log(`\nincrementalUpdate (hierarchy on the grown graph + churn at 3 levels): ${f(updateMs, 1)} ms`);
}
