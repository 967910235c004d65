// Page side of request/response workers (labs/kit/worker-requests.ts): one module worker, requests
// answered in order as promises. Errors come back as messages (InputError text is meant for the reader).
// For step-by-step runs use workerStepper instead.
import type {RequestBody} from "../../labs/kit/worker-requests.js";

export interface WorkerClient<R extends {id: number}> {
  request<T>(body: RequestBody<R>): Promise<T>;
  close(): void;
}

/** Starts the worker at `url`; it is terminated when `invalidation` resolves (the cell re-runs). */
export function workerClient<R extends {id: number}>(url: string, invalidation?: Promise<unknown>, name = "search"): WorkerClient<R> {
  const worker = new Worker(url, {type: "module"});
  const pending = new Map<number, {resolve: (v: never) => void; reject: (e: Error) => void}>();
  let next = 0;
  worker.onmessage = (e: MessageEvent<{id: number; ok: boolean; result?: unknown; message?: string}>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if (e.data.ok) p.resolve(e.data.result as never);
    else p.reject(new Error(e.data.message));
  };
  worker.onerror = (e) => {
    e.preventDefault();
    for (const p of pending.values()) p.reject(new Error(`The ${name} worker failed to load: ${e.message || "unknown error"}.`));
    pending.clear();
  };
  const close = () => worker.terminate();
  invalidation?.then(close);
  return {
    request<T>(body: RequestBody<R>) {
      return new Promise<T>((resolve, reject) => {
        const id = next++;
        pending.set(id, {resolve: resolve as (v: never) => void, reject});
        worker.postMessage({...body, id});
      });
    },
    close
  };
}
