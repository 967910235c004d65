// The contract between a long computation and the run controller that animates it.
// A Stepper is reset to its first state, then advanced n steps at a time; each call returns a
// snapshot (plain, structured-cloneable data) that pages draw. Same contract in a Web Worker.

export interface Stepper<S> {
  /** Builds the first state and returns its snapshot. */
  reset(): S | Promise<S>;
  /** Advances n steps (fewer if it finishes) and returns the new snapshot. */
  step(n: number): S | Promise<S>;
  /** Fraction done in [0, 1]; 1 stops the controller. */
  progress(snapshot: S): number;
  /**
   * Steps done since reset() when this snapshot was taken (a pure function of the snapshot, so a
   * page can compute it for a worker's snapshots too). The run controller shows this count; without
   * it, it adds up the steps it requested, which overshoots when the last call does fewer.
   */
  stepsDone?(snapshot: S): number;
  /** Releases resources (e.g. terminates a worker). */
  dispose?(): void;
}

/** Runs a stepper headlessly to completion (or maxSteps): what tests and data loaders use. */
export async function runToEnd<S>(stepper: Stepper<S>, options: {stepsPerCall?: number; maxSteps?: number} = {}): Promise<S> {
  const {stepsPerCall = 1, maxSteps = Infinity} = options;
  let snapshot = await stepper.reset();
  let steps = 0;
  while (stepper.progress(snapshot) < 1 && steps < maxSteps) {
    snapshot = await stepper.step(stepsPerCall);
    steps = stepper.stepsDone ? stepper.stepsDone(snapshot) : steps + stepsPerCall;
  }
  return snapshot;
}
