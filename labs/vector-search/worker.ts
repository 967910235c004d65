// Module worker for the vector-search notebooks: hosts the k-means pair, the PQ training, the ANN
// measurement sweep or the IVF page's computation, chosen by config.kind, as loop steppers behind the kit's worker protocol.
import {serveStepper} from "../kit/worker-protocol.js";
import {loopStepper} from "../kit/loop.js";
import type {Stepper} from "../kit/stepper.js";
import {pqTrainAlgorithm, type PQConfig} from "./pq-stepper.js";
import {measureAlgorithm, type MeasureConfig} from "./measure.js";
import {ivfPage, type IVFPageConfig} from "./ivf-page.js";
import {kmeansPair, type PairConfig} from "./kmeans-pair.js";

type Config = ({kind: "pq"} & PQConfig) | ({kind: "measure"} & MeasureConfig) | ({kind: "ivf"} & IVFPageConfig) | ({kind: "kmeans"} & PairConfig);

serveStepper((config: Config): Stepper<unknown> =>
  (config.kind === "pq" ? loopStepper(pqTrainAlgorithm, config)
    : config.kind === "ivf" ? loopStepper(ivfPage, config)
    : config.kind === "kmeans" ? loopStepper(kmeansPair, config)
    : loopStepper(measureAlgorithm, config)) as Stepper<unknown>);
