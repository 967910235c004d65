// Module worker hosting the map's UMAP layout (labs/word2vec/umap.ts), so its neighbour search and
// epochs never run on the page's main thread.
import {serveStepper} from "../kit/worker-protocol.js";
import {type UmapConfig, umapStepper} from "./umap.js";

serveStepper((config: UmapConfig) => umapStepper(config));
