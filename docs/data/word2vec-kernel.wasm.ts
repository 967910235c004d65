// The word2vec WebAssembly SIMD kernel, compiled at build time from labs/word2vec/kernel.wat with wabt
// (so the page ships the bytes, not the 5 MB compiler). The training worker fetches and compiles it.
import {kernelWasmBytes} from "../../labs/word2vec/wasm-node.js";

process.stdout.write(await kernelWasmBytes());
