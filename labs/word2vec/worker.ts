// Module worker hosting a word2vec training session with the fast kernel (the page's default engine):
// the WebAssembly SIMD kernel compiled from the page's data file, or the TypeScript kernel where this
// browser lacks WebAssembly SIMD (the snapshot's engine name says which).
import {serveStepper} from "../kit/worker-protocol.js";
import {kernelEngine, wasmEngine} from "./session.js";
import {compileKernel} from "./wasm-kernel.js";
import {transferringScope, type WorkerConfig, workerSession} from "./worker-corpus.js";

let module: Promise<WebAssembly.Module | null> | null = null;

/** The wasm kernel, or null (then the TypeScript kernel trains): no URL, no SIMD, or the file failed to load. */
async function loadKernel(url: string | undefined): Promise<WebAssembly.Module | null> {
  if (!url) return null;
  try {
    const response = await fetch(url);
    return response.ok ? compileKernel(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

serveStepper(
  (config: WorkerConfig) =>
    workerSession(config, async (session) => {
      const wasm = await (module ??= loadKernel(config.wasm));
      return wasm ? wasmEngine(session, wasm) : kernelEngine(session);
    }),
  transferringScope()
);
