// Module Web Worker for the forward/reverse KL fit: hosts the klFit algorithm behind the kit's protocol,
// so the tfjs steps never block the page. The cpu backend: the graphs are tiny (800-point vectors) and
// WebGL would add shader compiles and GPU round trips for no gain.
import * as tf from "@tensorflow/tfjs";
import {useBackend} from "../kit/tfjs-backend.js";
import {serveStepper} from "../kit/worker-protocol.js";
import {makeKlFitStepper, type KlFitConfig} from "./kl-fit.js";

void useBackend(tf, "cpu"); // synchronous for cpu: set before the first message arrives
serveStepper((config: KlFitConfig) => makeKlFitStepper(config));
