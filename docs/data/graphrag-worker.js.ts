// The /graphrag page's search worker (labs/graphrag/worker.ts), bundled with esbuild: graphology imports
// Node's `events`, which Framework 1.13's own bundling cannot resolve for the browser.
import {bundleWorker} from "../../scripts/bundle-worker.js";

process.stdout.write(await bundleWorker("labs/graphrag/worker.ts"));
