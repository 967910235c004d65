// Module Web Worker hosting the reward-model run (tfjs on the cpu backend: the tensors are tiny, and
// WebGL round trips would cost more than the maths), so training never blocks the page.
// Protocol: labs/kit/worker-protocol.ts; page side: docs/components/kit/worker-stepper.ts.
import * as tf from "@tensorflow/tfjs";
import {loopStepper} from "../kit/loop.js";
import {useBackend} from "../kit/tfjs-backend.js";
import {serveStepper} from "../kit/worker-protocol.js";
import {rmAlgorithm, type RmRunConfig} from "./rm-run.js";

const ready = useBackend(tf, "cpu");
serveStepper((config: RmRunConfig) => {
  const stepper = loopStepper(rmAlgorithm, config);
  return {...stepper, reset: async () => (await ready, stepper.reset())};
});
