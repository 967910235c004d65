// Build-time first state of the measurement notebook: the default sweep (10k synthetic vectors),
// measured on the build machine, so the page shows a full chart before the reader re-measures.
import {runToEnd} from "../../labs/kit/stepper.js";
import {measureStepper, MEASURE_DEFAULT} from "../../labs/vector-search/measure.js";
import {installKernelsNode} from "../../labs/vector-search/kernels-node.js";

// the same WebAssembly kernels as the page's worker
await installKernelsNode();

const t0 = performance.now();
const snapshot = await runToEnd(measureStepper(MEASURE_DEFAULT), {stepsPerCall: 4});
process.stdout.write(JSON.stringify({config: MEASURE_DEFAULT, snapshot, builtAt: new Date().toISOString().slice(0, 10), seconds: (performance.now() - t0) / 1000}));
