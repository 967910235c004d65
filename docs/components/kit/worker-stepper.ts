// Page side of the worker protocol (labs/kit/worker-protocol.ts): a Stepper whose steps run in a
// module Web Worker, so training never blocks the main thread. dispose() terminates the worker.
import type {Stepper} from "../../labs/kit/stepper.js";
import type {WorkerRequest, WorkerResponse} from "../../labs/kit/worker-protocol.js";

type Pending = {resolve: (snapshot: unknown) => void; reject: (error: Error) => void};

/**
 * `progress`, when given, computes progress from any snapshot (e.g. a precomputed `initial` one the
 * worker never saw); otherwise the worker's last reported progress is used.
 */
export function workerStepper<S>(url: string | URL, config: unknown, progress?: (snapshot: S) => number): Stepper<S> & {offMainThread: true} {
  const worker = new Worker(url, {type: "module"});
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let lastProgress = 0;
  let terminated = false;
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
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
  worker.onerror = (event) => {
    event.preventDefault();
    const error = new Error(`The worker failed: ${event.message || "it could not be loaded"}.`);
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  type Message = {type: "reset"; config: unknown} | {type: "step"; n: number};
  const request = (message: Message) =>
    new Promise<S>((resolve, reject) => {
      if (terminated) return reject(new Error("This run was stopped."));
      const id = nextId++;
      pending.set(id, {resolve: resolve as (s: unknown) => void, reject});
      worker.postMessage({...message, id} as WorkerRequest);
    });
  return {
    offMainThread: true,
    reset: () => request({type: "reset", config}),
    step: (n: number) => request({type: "step", n}),
    progress: (snapshot: S) => (progress ? progress(snapshot) : lastProgress),
    dispose: () => {
      terminated = true;
      worker.terminate();
      for (const waiter of pending.values()) waiter.reject(new Error("This run was stopped."));
      pending.clear();
    }
  };
}
