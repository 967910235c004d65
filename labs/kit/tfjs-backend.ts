// One way to choose a TensorFlow.js backend: the preferred one if it initialises here, else the
// plain "cpu" backend, which exists everywhere (Node, workers without WebGL). Returns the one in use.
import type * as tfType from "@tensorflow/tfjs";

export type BackendName = "webgl" | "wasm" | "cpu";

export async function useBackend(tf: typeof tfType, preferred: BackendName): Promise<string> {
  if (tf.getBackend() !== preferred) {
    let ok = false;
    try {
      ok = await tf.setBackend(preferred);
    } catch {
      ok = false; // e.g. no WebGL in this worker
    }
    if (!ok) await tf.setBackend("cpu");
  }
  await tf.ready();
  return tf.getBackend();
}
