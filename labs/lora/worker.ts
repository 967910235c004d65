// Module worker for the LoRA page: hosts the rank-r simulation or the MLP adaptation stepper off the
// main thread, on the tfjs backend the page asks for ("cpu" is fastest for these tiny matrices; "webgl" needs OffscreenCanvas).
import * as tf from "@tensorflow/tfjs";
import {serveStepper} from "../kit/worker-protocol.js";
import type {Stepper} from "../kit/stepper.js";
import {simStepper, type SimConfig, type SimSnapshot} from "./simulate.js";
import {mlpStepper, type MlpConfig, type MlpSnapshot} from "./mlp.js";

export type WorkerConfig = ({kind: "sim"; sim: Partial<SimConfig>} | {kind: "mlp"; mlp: Partial<MlpConfig>}) & {backend?: string};
export type WorkerSnapshot = (SimSnapshot | MlpSnapshot) & {backend: string};

serveStepper((config: WorkerConfig): Stepper<WorkerSnapshot> => {
  const inner: Stepper<SimSnapshot | MlpSnapshot> = config.kind === "mlp" ? mlpStepper(config.mlp) : simStepper(config.sim, {spectrumIntervalMs: 400});
  const tag = (s: SimSnapshot | MlpSnapshot): WorkerSnapshot => ({...s, backend: tf.getBackend()});
  return {
    async reset() {
      if (config.backend && config.backend !== tf.getBackend()) {
        const ok = await tf.setBackend(config.backend);
        if (!ok) await tf.setBackend("cpu");
      }
      await tf.ready();
      return tag(await inner.reset());
    },
    step: async (n) => tag(await inner.step(n)),
    progress: (s) => inner.progress(s as never),
    stepsDone: (s) => s.step,
    dispose: () => inner.dispose?.()
  };
});
