// A generic Stepper around an algorithm written as an init/step pair, so the algorithm reads (and is
// tested) alone, without run-controller plumbing: init(config) builds the state, step(state) advances
// it by one step. This wrapper only loops, counts and snapshots. Same shape as nanoGPT's training loop.
import type {Stepper} from "./stepper.js";

export interface Algorithm<C, St, S> {
  /** Builds the first state. Randomness comes from the config (e.g. stream(config.seed, "init")). */
  init(config: C): St;
  /** One step. May mutate `state` and return it, or return a new state; each algorithm's header says which. */
  step(state: St): St;
  /** Fraction done in [0, 1]; 1 stops the loop. */
  progress(state: St): number;
  /**
   * The plain, structured-cloneable data a page draws (copied, so later steps cannot change it),
   * carrying the steps done since init and the progress, so any snapshot (a worker's, or one
   * precomputed at build time) answers the run controller's questions by itself.
   */
  snapshot(state: St, step: number): S;
  /** Frees resources (tfjs tensors). */
  dispose?(state: St): void;
}

/** A snapshot that knows how far its run went. */
export interface LoopSnapshot {
  step: number;
  progress: number;
}

/** Stepper over an Algorithm: reset() = init(config); step(n) = up to n steps, stopping at progress 1. */
export function loopStepper<C, St, S extends LoopSnapshot>(algorithm: Algorithm<C, St, S>, config: C): Stepper<S> {
  let state: St | null = null;
  let done = 0;
  return {
    reset() {
      if (state !== null) algorithm.dispose?.(state);
      state = algorithm.init(config);
      done = 0;
      return algorithm.snapshot(state, 0);
    },
    step(n: number) {
      if (state === null) throw new Error("step() before reset().");
      for (let i = 0; i < n && algorithm.progress(state) < 1; i++) {
        state = algorithm.step(state);
        done++;
      }
      return algorithm.snapshot(state, done);
    },
    progress: (snapshot) => snapshot.progress,
    stepsDone: (snapshot) => snapshot.step,
    dispose() {
      if (state !== null) algorithm.dispose?.(state);
      state = null;
    }
  };
}
