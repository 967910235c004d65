// Module worker hosting the Monte Carlo π stepper for the teaching guide's run-controller demo.
import {piStepper, type PiConfig} from "./monte-carlo-pi.js";
import {serveStepper} from "./worker-protocol.js";

serveStepper((config: PiConfig) => piStepper(config));
