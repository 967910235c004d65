// The /graphrag page's measurement worker (labs/graphrag/eval-worker.ts), bundled with esbuild like the
// search worker (graphology imports Node's `events`).
import {bundleWorker} from "../../scripts/bundle-worker.js";

process.stdout.write(await bundleWorker("labs/graphrag/eval-worker.ts"));
