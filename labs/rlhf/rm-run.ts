// The notebook's reward-model run as an init/step Algorithm (labs/kit/loop.ts) for the worker and the
// data loader: builds the label set, trains the tfjs head (reward-model.ts) and reports loss,
// train/held-out pairwise accuracy, calibration, head weights and Spearman vs the hidden utility.
// Leaves out choosing the tfjs backend (the caller does, with labs/kit/tfjs-backend.ts).
import * as tf from "@tensorflow/tfjs";
import type {Algorithm} from "../kit/loop.js";
import {BACKBONE_FEATURES, type Backbone, type Dataset, type Space} from "./dataset.js";
import type {Pair} from "./labelers.js";
import {spearman} from "./metrics.js";
import {heldOutPairs, labelSet, spaces, type LabelSetConfig} from "./pipeline.js";
import {calibration, pairwiseAccuracy, rewardsOf, type RmConfig} from "./reward.js";
import {rmDispose, rmInit, rmParams, rmStep, type RmState} from "./reward-model.js";

export interface RmRunConfig {
  dataset: Dataset;
  labels: LabelSetConfig;
  backbone: Backbone;
  rm: RmConfig;
}
export interface RmSnapshot {
  step: number;
  steps: number;
  progress: number;
  backend: string;
  nPairs: number;
  history: {step: number; loss: number; trainAcc: number; heldAcc: number}[];
  params: number[]; // [w (D), b]
  features: string[];
  calibration: {predicted: number; observed: number; count: number}[];
  spearmanHeld: number; // RM vs hidden utility on held-out prompts' responses
  rewards: number[]; // (N) r on the train prompts
}
export interface RmRunState {
  head: RmState;
  held: Space;
  heldPairs: Pair[];
  heldAcc: number[];
  backbone: Backbone;
}

export const rmAlgorithm: Algorithm<RmRunConfig, RmRunState, RmSnapshot> = {
  /** Throws InputError for an empty label set before any tensor is made. */
  init(config) {
    const {train, held} = spaces(config.dataset, config.backbone);
    const pairs = labelSet(train, config.labels);
    const heldPairs = heldOutPairs(held, config.labels);
    return {head: rmInit(train, pairs, config.rm), held, heldPairs, heldAcc: [], backbone: config.backbone};
  },
  /** Mutates the state: one Adam step of the head, plus the held-out accuracy it reaches. */
  step(s) {
    rmStep(s.head);
    s.heldAcc.push(pairwiseAccuracy(s.held, s.heldPairs, rewardsOf(s.held, rmParams(s.head))));
    return s;
  },
  progress: (s) => s.head.step / s.head.config.steps,
  snapshot(s, step) {
    const params = rmParams(s.head);
    const rHeld = rewardsOf(s.held, params);
    return {
      step,
      steps: s.head.config.steps,
      progress: s.head.step / s.head.config.steps,
      backend: tf.getBackend(),
      nPairs: s.head.trainPairs.length,
      history: s.head.history.map((h, k) => ({...h, heldAcc: s.heldAcc[k]})),
      params: Array.from(params),
      features: BACKBONE_FEATURES[s.backbone],
      calibration: calibration(s.heldPairs, rHeld, 5),
      spearmanHeld: spearman(rHeld, s.held.utility),
      rewards: Array.from(rewardsOf(s.head.space, params))
    };
  },
  dispose: (s) => rmDispose(s.head)
};
