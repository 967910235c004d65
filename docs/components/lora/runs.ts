// The LoRA page's three worker runs (the rank-r simulation, LoRA on the NF4 base, the MLP), each a run
// controller over labs/lora/worker.ts that shows the build-time first state while its config matches.
import {runController, type RunView} from "../kit/run-controller.js";
import {workerStepper} from "../kit/worker-stepper.js";
import {initialFor, type FirstState} from "../../labs/kit/first-state.js";
import {fmt} from "../kit/chart-style.js";
import {qloraConfig, type SimPageConfig} from "../../labs/lora/controls.js";
import type {SimSnapshot} from "../../labs/lora/simulate.js";
import type {MlpSnapshot} from "../../labs/lora/mlp.js";
import type {WorkerConfig} from "../../labs/lora/worker.js";

/** A worker snapshot carries its backend and live tensor count; a build-time one has neither. */
type Live<S> = S & {backend?: string; numTensors?: number};
type Options = {invalidation: Promise<unknown>; workerUrl: string; backend: WorkerConfig["backend"]};
const BUILD = "cpu in Node at build";
const stepsDone = (s: {step: number}) => s.step;
const progress = (s: {progress: number}) => s.progress;

/**
 * Only a run that starts by itself resets at once; the others start their worker (and load TensorFlow.js
 * in it) when the reader presses Start or Step, so a changed link loads tfjs once, not three times.
 */
function run<S extends {step: number; progress: number}>(config: WorkerConfig, initial: S | undefined, options: Options & {label: string; autoStart: boolean; status: (s: Live<S>) => string}): RunView<Live<S>> {
  return runController(workerStepper<Live<S>>(options.workerUrl, config, {stepsDone, progress}), {
    invalidation: options.invalidation, label: options.label, unit: "steps", initial, autoStart: options.autoStart, lazy: !options.autoStart, status: options.status
  });
}

/** The rank-r simulation; starts by itself when the controls leave the precomputed config. */
export function simRun(sim: SimPageConfig, loaded: FirstState<SimPageConfig, SimSnapshot>, options: Options) {
  const initial = initialFor(loaded, sim);
  return run<SimSnapshot>({kind: "sim", sim, backend: options.backend}, initial, {...options, label: "Rank-r simulation", autoStart: !initial, status: (s) =>
    `backend: ${s.backend ?? BUILD}` + (s.step > 0 && s.backend ? ` · ${fmt(s.step / (s.elapsedMs / 1000), 0)} steps/s of compute in the worker` : "")});
}

/** LoRA at ranks 2, 4, 8 on the NF4 reconstruction of W0 (same problem as simRun). */
export function qloraRun(sim: SimPageConfig, loaded: FirstState<ReturnType<typeof qloraConfig>, SimSnapshot>, options: Options) {
  const config = qloraConfig(sim);
  return run<SimSnapshot>({kind: "sim", sim: config, backend: options.backend}, initialFor(loaded, config), {...options, label: "LoRA on NF4 W₀", autoStart: false, status: (s) => `backend: ${s.backend ?? BUILD}`});
}

/** Pretraining on task A, then every adaptation to task B. */
export function mlpRun(mlp: {angle: number; seed: number}, loaded: FirstState<{angle: number; seed: number}, MlpSnapshot>, options: Options) {
  return run<MlpSnapshot>({kind: "mlp", mlp, backend: options.backend}, initialFor(loaded, mlp), {...options, label: "MLP: pretrain on A, adapt to B", autoStart: false, status: (s) => `${s.phase} · backend: ${s.backend ?? BUILD}`});
}
