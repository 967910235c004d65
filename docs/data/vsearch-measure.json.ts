// Build-time first state of the measurement notebook: the default sweep (10k synthetic vectors),
// measured on the build machine, so the page shows a full chart before the reader re-measures.
import {loopStepper} from "../../labs/kit/loop.js";
import {runToEnd} from "../../labs/kit/stepper.js";
import {firstState} from "../../labs/kit/first-state.js";
import {measureAlgorithm, MEASURE_DEFAULT} from "../../labs/vector-search/measure.js";
import {nodeBackend} from "../../labs/vector-search/kernels-node.js";

// the same WebAssembly kernels as the page's worker
const backend = await nodeBackend();
const snapshot = await runToEnd(loopStepper(measureAlgorithm, {...MEASURE_DEFAULT, kernels: backend.kernels}), {stepsPerCall: 4});
process.stdout.write(JSON.stringify(firstState(MEASURE_DEFAULT, snapshot)));
