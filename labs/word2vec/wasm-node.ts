// Node only (tests, bench, the build's data loaders): compiles kernel.wat to WebAssembly bytes with
// wabt, so the kernel lives in the repository as readable text and the browser never loads wabt.
import {readFileSync} from "node:fs";

/** kernel.wat as a WebAssembly binary (SIMD enabled). */
export async function kernelWasmBytes(): Promise<Uint8Array<ArrayBuffer>> {
  const wabt = await (await import("wabt")).default();
  const text = readFileSync(new URL("./kernel.wat", import.meta.url), "utf8");
  const parsed = wabt.parseWat("kernel.wat", text, {simd: true, mutable_globals: true});
  try {
    parsed.validate();
    return Uint8Array.from(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}
