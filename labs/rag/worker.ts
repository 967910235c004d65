// Module worker for the page's evaluation run: fetches the data once, then hosts the questionEval
// loop (labs/rag/evaluate.ts) behind the run controller's protocol.
import {loopStepper} from "../kit/loop.js";
import type {Stepper} from "../kit/stepper.js";
import {serveStepper} from "../kit/worker-protocol.js";
import {checkEvalConfig, type EvalConfig, type EvalData, type EvalSnapshot, questionEval} from "./evaluate.js";
import {type DataUrls, loadData} from "./worker-data.js";

let data: Promise<EvalData> | null = null;

serveStepper((config: EvalConfig & {urls: DataUrls}): Stepper<EvalSnapshot> => {
  checkEvalConfig(config);
  let inner: Stepper<EvalSnapshot> | null = null;
  return {
    async reset() {
      data ??= loadData(config.urls);
      const loaded = await data;
      inner = loopStepper(questionEval, {...config, data: loaded});
      return inner.reset();
    },
    step: (n) => inner!.step(n),
    progress: (s) => s.progress,
    stepsDone: (s) => s.step
  };
});
