// The SFT training worker (labs/sft/worker.ts) bundled for the browser with esbuild at build time.
// Framework's own bundling of @tensorflow/tfjs-backend-wasm keeps its imports of Node built-ins (fs, os,
// path: the package maps them away only through its "browser" field, which esbuild honours), so the
// worker ships as one self-contained module with its own copy of tfjs.
import {bundleWorker} from "../../scripts/bundle-worker.js";

process.stdout.write(await bundleWorker("labs/sft/worker.ts"));
