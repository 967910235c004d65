// Node-only: compiles kernels.wat with wabt (a dev dependency, never shipped to the browser) into a
// Backend (backend.ts), for tests, the benchmark and build-time data loaders. The browser gets the same
// bytes from docs/data/vsearch-kernels.wasm.ts.
import {readFileSync} from "node:fs";
import {wasmBackend, type Backend} from "./backend.js";

/** kernels.wat as a WebAssembly binary. */
export async function kernelBytes(): Promise<Uint8Array<ArrayBuffer>> {
  const wabt = await (await import("wabt")).default();
  const text = readFileSync(new URL("./kernels.wat", import.meta.url), "utf8");
  const parsed = wabt.parseWat("kernels.wat", text, {simd: true});
  try {
    return new Uint8Array(parsed.toBinary({}).buffer as Uint8Array<ArrayBuffer>);
  } finally {
    parsed.destroy();
  }
}

/** The kernels compiled in this thread, as a Backend to pass to the indexes. */
export async function nodeBackend(): Promise<Backend> {
  return wasmBackend(await WebAssembly.compile(await kernelBytes()));
}
