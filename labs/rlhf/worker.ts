// Module Web Worker hosting the reward-model run (tfjs), so training never blocks the page.
// Protocol: labs/kit/worker-protocol.ts; page side: docs/components/kit/worker-stepper.ts.
import {serveStepper} from "../kit/worker-protocol.js";
import {rmStepper, type RmRunConfig} from "./rm-stepper.js";

serveStepper((config: RmRunConfig) => rmStepper(config));
