// Module worker for the SFT page: trains the masked and the full-sequence tiny GPT side by side
// (labs/sft/train.ts) on tfjs's wasm backend (SIMD, one thread) when it loads, else on "cpu".
// The page passes the URLs of tfjs-backend-wasm's .wasm files, which the site serves as data files.
import * as tf from "@tensorflow/tfjs";
import {setWasmPaths} from "@tensorflow/tfjs-backend-wasm";
import {loopStepper} from "../kit/loop.js";
import {useBackend} from "../kit/tfjs-backend.js";
import {serveStepper} from "../kit/worker-protocol.js";
import type {Stepper} from "../kit/stepper.js";
import {type TrainConfig, type TrainSnapshot, sftTraining} from "./train.js";

export type WorkerConfig = TrainConfig & {wasm?: {plain: string; simd: string}};

serveStepper((config: WorkerConfig): Stepper<TrainSnapshot> => {
  const inner = loopStepper(sftTraining, config);
  return {
    async reset() {
      if (config.wasm) {
        // No SharedArrayBuffer without cross-origin isolation: the single-threaded SIMD build.
        tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
        setWasmPaths({"tfjs-backend-wasm.wasm": config.wasm.plain, "tfjs-backend-wasm-simd.wasm": config.wasm.simd, "tfjs-backend-wasm-threaded-simd.wasm": config.wasm.simd});
        await useBackend(tf, "wasm");
      } else await useBackend(tf, "cpu");
      return inner.reset();
    },
    step: (n) => inner.step(n),
    progress: (s) => inner.progress(s),
    stepsDone: (s) => s.step,
    dispose: () => inner.dispose?.()
  };
});
