// Module worker for the LoRA page: hosts the rank-r simulation or the MLP adaptation (init/step
// algorithms in simulate.ts and mlp.ts, looped by the kit) off the main thread, on the tfjs backend the
// page asks for ("cpu" is fastest for these tiny matrices; "webgl" needs OffscreenCanvas in the worker).
import * as tf from "@tensorflow/tfjs";
import {serveStepper} from "../kit/worker-protocol.js";
import {useBackend, type BackendName} from "../kit/tfjs-backend.js";
import type {Stepper} from "../kit/stepper.js";
import {simStepper, type SimConfig, type SimSnapshot} from "./simulate.js";
import {mlpStepper, type MlpConfig, type MlpSnapshot} from "./mlp.js";

export type WorkerConfig = ({kind: "sim"; sim: Partial<SimConfig>} | {kind: "mlp"; mlp: Partial<MlpConfig>}) & {backend: BackendName};
/** A snapshot tagged with the backend it ran on and, for leak checks, the worker's live tensor count. */
export type Tagged<S> = S & {backend: string; numTensors: number};

serveStepper((config: WorkerConfig): Stepper<Tagged<SimSnapshot | MlpSnapshot>> => {
  const inner: Stepper<SimSnapshot | MlpSnapshot> = config.kind === "mlp" ? mlpStepper(config.mlp) : simStepper(config.sim, {spectrumIntervalMs: 400});
  const tag = (s: SimSnapshot | MlpSnapshot) => ({...s, backend: tf.getBackend(), numTensors: tf.memory().numTensors});
  return {
    async reset() {
      await useBackend(tf, config.backend);
      return tag(await inner.reset());
    },
    step: async (n) => tag(await inner.step(n)),
    progress: (s) => s.progress,
    stepsDone: (s) => s.step,
    dispose: () => inner.dispose?.()
  };
});
