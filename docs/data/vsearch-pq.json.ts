// Build-time first state of the PQ notebook: the default PQ trained to the end (so the page shows
// figures at once) and the distortion grid over m and nbits on the same seeded data set.
import {loopStepper} from "../../labs/kit/loop.js";
import {runToEnd} from "../../labs/kit/stepper.js";
import {firstState} from "../../labs/kit/first-state.js";
import {floatsToBase64} from "../../labs/kit/base64.js";
import {pqTrainAlgorithm, PQ_PAGE_DEFAULT} from "../../labs/vector-search/pq-stepper.js";
import {distortionGrid} from "../../labs/vector-search/pq-grid.js";
import {nodeBackend} from "../../labs/vector-search/kernels-node.js";

// the same WebAssembly kernels as the page's worker
const backend = await nodeBackend();
const snapshot = await runToEnd(loopStepper(pqTrainAlgorithm, {...PQ_PAGE_DEFAULT, kernels: backend.kernels}), {stepsPerCall: PQ_PAGE_DEFAULT.m});
const grid = distortionGrid(PQ_PAGE_DEFAULT, backend);
process.stdout.write(JSON.stringify({...firstState(PQ_PAGE_DEFAULT, {...snapshot, codebooks: floatsToBase64(snapshot.codebooks)}), grid}));
