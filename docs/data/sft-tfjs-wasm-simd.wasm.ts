// tfjs-backend-wasm's tfjs-backend-wasm-simd.wasm (Apache-2.0), copied from node_modules at build time so the
// SFT training worker can load the wasm backend from this site (no CDN).
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";

const dir = dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm"));
process.stdout.write(readFileSync(join(dir, "tfjs-backend-wasm-simd.wasm")));
