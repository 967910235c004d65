// Module worker for the vector-search notebooks: hosts the PQ-training stepper or the ANN
// measurement stepper, chosen by config.kind, behind the kit's worker protocol.
import {serveStepper} from "../kit/worker-protocol.js";
import type {Stepper} from "../kit/stepper.js";
import {pqTrainStepper, type PQConfig} from "./pq-stepper.js";
import {measureStepper, type MeasureConfig} from "./measure.js";

type Config = ({kind: "pq"} & PQConfig) | ({kind: "measure"} & MeasureConfig);

serveStepper((config: Config): Stepper<unknown> => (config.kind === "pq" ? pqTrainStepper(config) : measureStepper(config)) as Stepper<unknown>);
