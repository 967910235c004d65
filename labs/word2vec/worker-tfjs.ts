// Module worker hosting a word2vec training session with the TensorFlow.js engine (autodiff).
// Asks for the webgl backend (OffscreenCanvas in a worker) and falls back to cpu; the snapshot names it.
import * as tf from "@tensorflow/tfjs";
import {mulberry32} from "../kit/random.js";
import {useBackend} from "../kit/tfjs-backend.js";
import {serveStepper} from "../kit/worker-protocol.js";
import type {Engine, SessionConfig} from "./session.js";
import {transferringScope, type WorkerConfig, workerSession} from "./worker-corpus.js";
import {initTf, stepTf} from "./tfjs-engine.js";

async function tfEngine(config: SessionConfig): Promise<Engine> {
  await useBackend(tf, "webgl");
  const s = initTf(config.train, config.corpus, mulberry32(config.seed), {batchSize: 256});
  return {name: () => `tfjs-${tf.getBackend()}`, state: s.kernel, step: (words) => stepTf(s, words), vectors: () => s.kernel.syn0};
}

serveStepper((config: WorkerConfig) => workerSession(config, tfEngine), transferringScope());
