// The /graphrag page's first state, computed at build time by the same code the page's workers run:
// the communities at the default resolution and seed, the drawn layout, one community report, one text
// unit with its entities, the default local and global searches, the whole measurement run, the cost
// table, and the numbers behind the page's misconceptions (labs/graphrag/study.ts).
import {floatsToBase64} from "../../labs/kit/base64.js";
import {firstState} from "../../labs/kit/first-state.js";
import {loopStepper} from "../../labs/kit/loop.js";
import {readSotu} from "../../labs/rag/corpus-files.js";
import {corpusVectors, readQuestions} from "../../labs/rag/data-files.js";
import {sentenceText} from "../../labs/graphrag/context.js";
import {graphEval, type GraphEvalSnapshot} from "../../labs/graphrag/evaluate.js";
import {globalSearch} from "../../labs/graphrag/global-search.js";
import {cachedCorpusGraph} from "../../labs/graphrag/graph-files.js";
import {DEFAULT_LAYOUT, layoutGraph} from "../../labs/graphrag/layout.js";
import {localSearch} from "../../labs/graphrag/local-search.js";
import {DEFAULT_QUERIES, REPORT_ENTITY, defaultValues, evalConfig, globalOptions, localOptions} from "../../labs/graphrag/page-config.js";
import {DEFAULT_INDEX_CONFIG, hierarchyView, indexGraph} from "../../labs/graphrag/session.js";
import {textUnits} from "../../labs/graphrag/graph.js";
import {chunkRow, embeddingStudy, exampleUnit, regraph} from "../../labs/graphrag/study.js";

// The paper's chunks (600 tokens, 100 overlap) and the GraphRAG library's default (1200, 100), in whitespace tokens.
const PAPER_CHUNKS: Array<[number, number]> = [[600, 100], [1200, 100]];

const docs = readSotu();
const {graph, mentions, extractMs} = cachedCorpusGraph(docs);
const ix = indexGraph(graph, DEFAULT_INDEX_CONFIG);
const t0 = performance.now();
const layout = layoutGraph(graph, DEFAULT_LAYOUT);
const layoutMs = performance.now() - t0;
const byId = new Map(graph.entities.map((e) => [e.id, e]));

// The report shown first: the C0 community of REPORT_ENTITY (the largest C0 community is the "America" hub,
// whose report says little), or the largest if that entity is missing.
const c0Id = ix.hierarchy.levels[0].membership[REPORT_ENTITY];
const c0 = c0Id !== undefined ? ix.hierarchy.communities[c0Id] : ix.hierarchy.communities.filter((c) => c.level === 0).sort((a, b) => b.entities.length - a.entities.length || a.id - b.id)[0];
const report = {report: ix.reports[c0.id], level: 0, size: c0.entities.length, sentences: ix.reports[c0.id].sentences.map((s) => sentenceText(ix.search.corpus, s))};

const values = defaultValues();
const l0 = performance.now();
const local = localSearch(ix.search, DEFAULT_QUERIES.local, localOptions(values));
const l1 = performance.now();
const global = globalSearch(ix.search, DEFAULT_QUERIES.global, globalOptions(values));
const l2 = performance.now();

const wv = corpusVectors(docs);
const config = evalConfig(values);
const stepper = loopStepper(graphEval, {...config, data: {docs, wv, questions: readQuestions(), graph, hierarchy: ix.hierarchy, reports: ix.reports}});
const e0 = performance.now();
let s = stepper.reset() as GraphEvalSnapshot;
while (s.progress < 1) s = stepper.step(1000) as GraphEvalSnapshot;
const evalMs = performance.now() - e0;

process.stdout.write(JSON.stringify({
  index: firstState(DEFAULT_INDEX_CONFIG, hierarchyView(ix)),
  layout: {ids: layout.ids, x: floatsToBase64(layout.x), y: floatsToBase64(layout.y), links: Array.from(layout.links), weights: Array.from(layout.weights)},
  names: Object.fromEntries(layout.ids.map((id) => [id, byId.get(id)!.name])),
  mentions: Object.fromEntries(layout.ids.map((id) => [id, byId.get(id)!.mentions])),
  report,
  example: exampleUnit(graph),
  local: firstState({query: DEFAULT_QUERIES.local, ...localOptions(values)}, local),
  global: firstState({query: DEFAULT_QUERIES.global, ...globalOptions(values)}, {result: global, titles: Object.fromEntries(global.map.map((m) => [m.community, ix.reports[m.community]?.title ?? ""]))}),
  eval: firstState(config, s),
  study: {embedding: embeddingStudy(ix, wv), chunks: [chunkRow(graph, 100, 20), ...PAPER_CHUNKS.map(([size, overlap]) => chunkRow(regraph(mentions, graph.units, textUnits(docs, {method: "recursive", size, overlap})), size, overlap))]},
  counts: {docs: docs.length, units: graph.units.length, entities: graph.entities.length, relations: graph.relations.length, drawn: layout.ids.length, drawnEdges: layout.weights.length},
  titles: Object.fromEntries(docs.map((d) => [d.id, d.title])),
  ms: {extract: extractMs, ...ix.ms, layout: layoutMs, local: l1 - l0, global: l2 - l1, eval: evalMs}
}));
