// Worker side of the run controller's protocol: a module Web Worker hosts one Stepper and answers
// {type: "reset", config} and {type: "step", n} with {type: "snapshot", snapshot} or {type: "error", message}.
// Pair with docs/components/kit/worker-stepper.ts on the page side.
import type {Stepper} from "./stepper.js";

export type WorkerRequest = {id: number; type: "reset"; config: unknown} | {id: number; type: "step"; n: number};
export type WorkerResponse = {id: number; type: "snapshot"; snapshot: unknown; progress: number} | {id: number; type: "error"; message: string};

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse): void;
}

/** Call once at the top of a worker module: serveStepper((config) => makeMyStepper(config)). */
export function serveStepper<C, S>(makeStepper: (config: C) => Stepper<S>, scope: WorkerScope = globalThis as unknown as WorkerScope): void {
  let stepper: Stepper<S> | null = null;
  // Requests are handled one at a time, in order, so a step never races a reset.
  let queue = Promise.resolve();
  scope.onmessage = (event) => {
    const request = event.data;
    queue = queue.then(async () => {
      try {
        let snapshot: S;
        if (request.type === "reset") {
          stepper?.dispose?.();
          stepper = makeStepper(request.config as C);
          snapshot = await stepper.reset();
        } else {
          if (!stepper) throw new Error("The worker got a step before a reset.");
          snapshot = await stepper.step(request.n);
        }
        scope.postMessage({id: request.id, type: "snapshot", snapshot, progress: stepper.progress(snapshot)});
      } catch (error) {
        scope.postMessage({id: request.id, type: "error", message: error instanceof Error ? error.message : String(error)});
      }
    });
  };
}
