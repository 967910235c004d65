// Page side of the worker protocol (labs/kit/worker-protocol.ts): a Stepper whose steps run in a
// module Web Worker, so training never blocks the main thread. dispose() terminates the worker.
// A worker that fails to load (offline, a 404) or crashes rejects every request with the reason, so
// the run controller shows it; the next reset() starts a fresh worker, so Reset recovers.
import type {Stepper} from "../../labs/kit/stepper.js";
import type {WorkerRequest, WorkerResponse} from "../../labs/kit/worker-protocol.js";

type Pending = {resolve: (snapshot: unknown) => void; reject: (error: Error) => void};

export interface WorkerStepperOptions<S> {
  /** Progress of any snapshot (e.g. a precomputed one the worker never saw); else the worker's last report. */
  progress?: (snapshot: S) => number;
  /** Steps done since reset, read from a snapshot (see Stepper.stepsDone). */
  stepsDone?: (snapshot: S) => number;
}

export function workerStepper<S>(url: string | URL, config: unknown, options: WorkerStepperOptions<S> = {}): Stepper<S> & {offMainThread: true} {
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let lastProgress = 0;
  let terminated = false;
  let failure: Error | null = null;
  let worker: Worker | null = null;

  const rejectAll = (error: Error) => {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  const start = (): Worker => {
    const w = new Worker(url, {type: "module"});
    w.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const response = event.data;
      const waiter = pending.get(response.id);
      if (!waiter) return;
      pending.delete(response.id);
      if (response.type === "error") waiter.reject(new Error(response.message));
      else {
        lastProgress = response.progress;
        waiter.resolve(response.snapshot);
      }
    };
    w.onerror = (event) => {
      event.preventDefault();
      failure = new Error(`The worker failed: ${event.message || "its script could not be loaded (offline, or missing from the site)"}. Press Reset to try again.`);
      rejectAll(failure);
    };
    return w;
  };

  type Message = {type: "reset"; config: unknown} | {type: "step"; n: number};
  const request = (message: Message) =>
    new Promise<S>((resolve, reject) => {
      if (terminated) return reject(new Error("This run was stopped."));
      if (message.type === "reset" && (failure || worker === null)) {
        // A failed worker never recovers by itself: start a new one for the new run.
        worker?.terminate();
        failure = null;
        worker = start();
      }
      if (failure) return reject(failure);
      const id = nextId++;
      pending.set(id, {resolve: resolve as (s: unknown) => void, reject});
      worker!.postMessage({...message, id} as WorkerRequest);
    });
  return {
    offMainThread: true,
    reset: () => request({type: "reset", config}),
    step: (n: number) => request({type: "step", n}),
    progress: (snapshot: S) => (options.progress ? options.progress(snapshot) : lastProgress),
    ...(options.stepsDone ? {stepsDone: options.stepsDone} : {}),
    dispose: () => {
      terminated = true;
      worker?.terminate();
      rejectAll(new Error("This run was stopped."));
    }
  };
}
