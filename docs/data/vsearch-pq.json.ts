// Build-time first state of the PQ notebook: the default PQ trained to the end (so the page shows
// figures at once) and the distortion grid over m and nbits on the same seeded data set.
import {runToEnd} from "../../labs/kit/stepper.js";
import {pqTrainStepper, PQ_PAGE_DEFAULT, pqDataset} from "../../labs/vector-search/pq-stepper.js";
import {pqDistortion, trainPQ} from "../../labs/vector-search/pq.js";
import {mulberry32} from "../../labs/kit/random.js";
import {installKernelsNode} from "../../labs/vector-search/kernels-node.js";

// the same WebAssembly kernels as the page's worker
await installKernelsNode();

const snapshot = await runToEnd(pqTrainStepper(PQ_PAGE_DEFAULT), {stepsPerCall: PQ_PAGE_DEFAULT.m});
const data = pqDataset(PQ_PAGE_DEFAULT);
const grid: {m: number; nbits: number; distortion: number; bytes: number}[] = [];
for (const nbits of [2, 4, 6, 8])
  for (const m of [1, 2, 4, 8, 16, 32]) {
    const {pq} = trainPQ(data.base, data.nBase, data.d, m, nbits, mulberry32(PQ_PAGE_DEFAULT.seed + 1), {niter: 25});
    grid.push({m, nbits, distortion: pqDistortion(pq, data.base, data.nBase), bytes: (m * nbits) / 8});
  }
process.stdout.write(JSON.stringify({snapshot: {...snapshot, codebooks: Array.from(snapshot.codebooks)}, grid}));
