// The reward-model run as a Stepper (for the worker and the data loader): builds the label set,
// trains the tfjs head on the cpu backend (tiny tensors: faster than WebGL round trips), and reports
// loss, train/held-out pairwise accuracy, calibration, head weights and Spearman vs the hidden utility.
import * as tf from "@tensorflow/tfjs";
import type {Stepper} from "../kit/stepper.js";
import {BACKBONE_FEATURES, type Backbone, type Dataset} from "./dataset.js";
import {spearman} from "./metrics.js";
import {heldOutPairs, labelSet, spaces, type LabelSetConfig} from "./pipeline.js";
import {calibration, pairwiseAccuracy, rewardsOf} from "./reward.js";
import {rmDispose, rmInit, rmParams, rmStep, type RmConfig, type RmState} from "./reward-model.js";

export interface RmRunConfig {
  dataset: Dataset;
  labels: LabelSetConfig;
  backbone: Backbone;
  rm: RmConfig;
}
export interface RmSnapshot {
  step: number;
  steps: number;
  backend: string;
  nPairs: number;
  history: {step: number; loss: number; trainAcc: number; heldAcc: number}[];
  params: number[]; // [w (D), b]
  features: string[];
  calibration: {predicted: number; observed: number; count: number}[];
  spearmanHeld: number; // RM vs hidden utility on held-out prompts' responses
  rewards: number[]; // (N) r on the train prompts
}

export function rmStepper(config: RmRunConfig): Stepper<RmSnapshot> {
  const {train, held} = spaces(config.dataset, config.backbone);
  const pairs = labelSet(train, config.labels); // throws for an empty set, before any tfjs work
  const heldPairs = heldOutPairs(held, config.labels);
  let s: RmState | null = null;
  let heldAcc: number[] = [];
  const snap = (): RmSnapshot => {
    const st = s!;
    const params = rmParams(st);
    const rHeld = rewardsOf(held, params);
    return {
      step: st.step,
      steps: config.rm.steps,
      backend: tf.getBackend(),
      nPairs: pairs.length,
      history: st.history.map((h, k) => ({...h, heldAcc: heldAcc[k]})),
      params: Array.from(params),
      features: BACKBONE_FEATURES[config.backbone],
      calibration: calibration(heldPairs, rHeld, 5),
      spearmanHeld: spearman(rHeld, held.utility),
      rewards: Array.from(rewardsOf(train, params))
    };
  };
  return {
    async reset() {
      if (tf.getBackend() !== "cpu") await tf.setBackend("cpu");
      if (s) rmDispose(s);
      s = rmInit(train, pairs, config.rm);
      heldAcc = [];
      return snap();
    },
    step(n) {
      for (let k = 0; k < n && s!.step < config.rm.steps; k++) {
        rmStep(s!);
        heldAcc.push(pairwiseAccuracy(held, heldPairs, rewardsOf(held, rmParams(s!))));
      }
      return snap();
    },
    progress: (x) => x.step / x.steps,
    stepsDone: (x) => x.step,
    dispose: () => {
      if (s) rmDispose(s);
      s = null;
    }
  };
}
