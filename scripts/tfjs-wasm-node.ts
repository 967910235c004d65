// TensorFlow.js's WebAssembly backend in Node, for build-time data loaders and benchmarks: the .wasm
// files come from the installed @tensorflow/tfjs-backend-wasm package, one thread (Node has no
// cross-origin isolation to check), and the plain cpu backend when wasm cannot start. Returns the backend in use.
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import type * as tfType from "@tensorflow/tfjs";
import {setWasmPaths} from "@tensorflow/tfjs-backend-wasm";
import {useBackend} from "../labs/kit/tfjs-backend.js";

export async function useWasmInNode(tf: typeof tfType): Promise<string> {
  const require = createRequire(import.meta.url);
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  setWasmPaths(join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm")), "/"));
  return useBackend(tf, "wasm");
}
