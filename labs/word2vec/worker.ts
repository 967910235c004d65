// Module worker hosting a word2vec training session with the fast kernel (the page's default engine).
import {serveStepper} from "../kit/worker-protocol.js";
import {kernelEngine} from "./session.js";
import {type WorkerConfig, workerSession} from "./worker-corpus.js";

serveStepper((config: WorkerConfig) => workerSession(config, kernelEngine));
