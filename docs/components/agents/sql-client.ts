// Page side of the SQL worker (labs/agents/worker.ts): requests with a time limit. A request that
// overruns is answered with an error and the worker is terminated (SQLite cannot be interrupted
// from outside) and re-created on the next request, so a runaway query never freezes the tab.
import type {Effect, Executor} from "../../labs/agents/effects.js";
import type {Verdict} from "../../labs/agents/sanitize.js";
import type {QueryResult} from "../../labs/agents/sqlite.js";
import type {SqlRequest, SqlResponse} from "../../labs/agents/worker.js";

export interface SqlClient {
  query(sql: string): Promise<QueryResult>;
  effect(sql: string, executor: Executor): Promise<Effect | "timeout">;
  /** both guards' verdicts, computed in the worker */
  check(sql: string): Promise<{deny: Verdict; allow: Verdict}>;
  /** requests answered by a restart so far */
  restarts(): number;
  dispose(): void;
}

type Request = {type: "query"; sql: string} | {type: "effect"; sql: string; executor: Executor} | {type: "check"; sql: string};

export function sqlClient(workerUrl: string, wasmUrl: string, dbUrl: string, {timeoutMs = 2000} = {}): SqlClient {
  let worker: Worker | null = null;
  let ready: Promise<unknown> | null = null;
  let nextId = 0;
  let restarts = 0;
  const pending = new Map<number, {resolve: (v: unknown) => void; reject: (e: Error) => void}>();

  const post = (w: Worker, message: SqlRequest) =>
    new Promise<unknown>((resolve, reject) => {
      pending.set(message.id, {resolve, reject});
      w.postMessage(message);
    });
  const start = () => {
    const w = new Worker(workerUrl, {type: "module"});
    w.onmessage = (event: MessageEvent<SqlResponse>) => {
      const waiter = pending.get(event.data.id);
      if (!waiter) return;
      pending.delete(event.data.id);
      if (event.data.type === "ok") waiter.resolve(event.data.value);
      else waiter.reject(new Error(event.data.message));
    };
    w.onerror = (event) => {
      event.preventDefault();
      for (const waiter of pending.values()) waiter.reject(new Error(`The SQL worker failed: ${event.message || "it could not be loaded"}.`));
      pending.clear();
    };
    worker = w;
    ready = post(w, {id: nextId++, type: "init", wasmUrl, dbUrl});
    return w;
  };
  const kill = () => {
    worker?.terminate();
    worker = null;
    ready = null;
  };

  async function request(message: Request): Promise<unknown> {
    const w = worker ?? start();
    await ready; // loading sql.js and the database is not counted against the query's time
    const id = nextId++;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        pending.delete(id);
        kill();
        restarts += 1;
        reject(new Error(`timeout: stopped after ${(timeoutMs / 1000).toFixed(1)} s (the worker was terminated and restarted)`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([post(w, {...message, id} as SqlRequest), limit]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    query: (sql) => request({type: "query", sql}) as Promise<QueryResult>,
    effect: async (sql, executor) => {
      try {
        return (await request({type: "effect", sql, executor})) as Effect;
      } catch (error) {
        if (error instanceof Error && error.message.startsWith("timeout")) return "timeout";
        throw error;
      }
    },
    check: (sql) => request({type: "check", sql}) as Promise<{deny: Verdict; allow: Verdict}>,
    restarts: () => restarts,
    dispose: () => {
      kill();
      for (const waiter of pending.values()) waiter.reject(new Error("The page was closed."));
      pending.clear();
    }
  };
}
