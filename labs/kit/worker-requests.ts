// Worker side of request/response workers: each request {id, type, ...} is handled in arrival order and
// answered with {id, ok: true, result} or {id, ok: false, message}. Pair with
// docs/components/kit/worker-client.ts. (Step-by-step runs use worker-protocol.ts instead.)
import {InputError} from "./params.js";

/** A request without its id: what the page passes to `client.request(...)`. */
export type RequestBody<R> = R extends {id: number} ? Omit<R, "id"> : never;

interface Scope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
}

/** Call once at the top of a worker module with the function that answers one request. */
export function serveRequests<R extends {id: number}>(handle: (request: R) => unknown, scope: Scope = globalThis as unknown as Scope): void {
  let queue = Promise.resolve();
  scope.onmessage = (event: MessageEvent<R>) => {
    const r = event.data;
    queue = queue.then(async () => {
      try {
        scope.postMessage({id: r.id, ok: true, result: await handle(r)});
      } catch (e) {
        scope.postMessage({id: r.id, ok: false, message: e instanceof Error ? e.message : String(e), input: e instanceof InputError});
      }
    });
  };
}
