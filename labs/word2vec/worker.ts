// Module worker hosting a word2vec training session with the fast kernel (the page's default engine).
import {serveStepper} from "../kit/worker-protocol.js";
import {kernelEngine, type SessionConfig, sessionStepper} from "./session.js";

serveStepper((config: SessionConfig) => sessionStepper(config, kernelEngine));
