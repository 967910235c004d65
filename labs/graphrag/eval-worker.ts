// Module worker for the /graphrag measurement run (bundled by esbuild, as graphology needs): loads the
// RAG notebook's documents, word vectors and questions and the entity graph once, indexes the graph at the
// page's resolution and seed, then hosts the graphEval loop (evaluate.ts) behind the run controller's protocol.
import {loopStepper} from "../kit/loop.js";
import type {Stepper} from "../kit/stepper.js";
import {serveStepper} from "../kit/worker-protocol.js";
import type {EvalData} from "../rag/evaluate.js";
import {type DataUrls, loadData} from "../rag/worker-data.js";
import {checkGraphEvalConfig, graphEval, type GraphEvalConfig, type GraphEvalSnapshot} from "./evaluate.js";
import {checkIndexConfig, type IndexConfig, indexGraph} from "./session.js";
import type {EntityGraphData} from "./types.js";

export type EvalWorkerConfig = GraphEvalConfig & {index: IndexConfig; urls: {graph: string; rag: DataUrls}};

let rag: Promise<EvalData> | null = null;
let graph: Promise<EntityGraphData> | null = null;

serveStepper((config: EvalWorkerConfig): Stepper<GraphEvalSnapshot> => {
  checkGraphEvalConfig(config);
  checkIndexConfig(config.index);
  let inner: Stepper<GraphEvalSnapshot> | null = null;
  return {
    async reset() {
      rag ??= loadData(config.urls.rag);
      graph ??= fetch(config.urls.graph).then(async (r) => {
        if (!r.ok) throw new Error(`Could not load the entity graph (${r.status}).`);
        return (await r.json()).graph as EntityGraphData;
      });
      const [d, g] = await Promise.all([rag, graph]);
      const ix = indexGraph(g, config.index);
      inner = loopStepper(graphEval, {...config, data: {docs: d.docs, wv: d.wv, questions: d.questions, graph: g, hierarchy: ix.hierarchy, reports: ix.reports}});
      return inner.reset();
    },
    step: (n) => inner!.step(n),
    progress: (s) => s.progress,
    stepsDone: (s) => s.step
  };
});
