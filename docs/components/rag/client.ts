// Page side of labs/rag/query-worker.ts: one module worker, requests answered in order as promises.
// Errors come back as messages (InputError text is meant for the reader).
import type {QueryRequest} from "../../labs/rag/query-worker.js";

type Body = QueryRequest extends infer R ? (R extends {id: number} ? Omit<R, "id"> : never) : never;

export interface QueryClient {
  request<T>(body: Body): Promise<T>;
  close(): void;
}

export function queryClient(url: string, invalidation?: Promise<unknown>): QueryClient {
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
    for (const p of pending.values()) p.reject(new Error(`The search worker failed to load: ${e.message || "unknown error"}.`));
    pending.clear();
  };
  const close = () => worker.terminate();
  invalidation?.then(close);
  return {
    request<T>(body: Body) {
      return new Promise<T>((resolve, reject) => {
        const id = next++;
        pending.set(id, {resolve: resolve as (v: never) => void, reject});
        worker.postMessage({...body, id});
      });
    },
    close
  };
}
