// Records what every guard-duel case (labs/agents/cases.ts) really does to SQLite: each case runs on
// a fresh copy of Chinook with the naive executor and with the run-time defences, in a worker thread
// stopped after TIMEOUT_MS (a runaway query never returns). Output: test/agents/effects.json, read by
// the tests and the /agents page. Run: npx tsx scripts/agents-effects.ts
import {writeFile} from "node:fs/promises";
import {Worker, isMainThread, parentPort, workerData} from "node:worker_threads";
import {ADVERSARIAL, SAFE} from "../labs/agents/cases.js";
import {leakReference, measureEffect, timeoutEffect, type Effect, type Executor} from "../labs/agents/effects.js";
import {loadChinook} from "../labs/agents/node.js";

export const TIMEOUT_MS = 2000;

if (!isMainThread) {
  const {SQL, bytes} = await loadChinook();
  const reference = leakReference(SQL, bytes);
  parentPort!.on("message", ({sql, executor}: {sql: string; executor: Executor}) => {
    parentPort!.postMessage(measureEffect(SQL, bytes, sql, executor, reference));
  });
  parentPort!.postMessage("ready");
} else {
  let worker: Worker | null = null;
  const start = () =>
    new Promise<Worker>((resolve) => {
      // a worker cannot load .ts by itself: register tsx's loader, then import this file
      const boot = `import {register} from "tsx/esm/api"; register(); await import(${JSON.stringify(import.meta.url)});`;
      const w = new Worker(boot, {eval: true, workerData: null});
      w.once("message", () => resolve(w));
    });
  const run = async (sql: string, executor: Executor): Promise<Effect> => {
    worker ??= await start();
    const w = worker;
    return new Promise<Effect>((resolve) => {
      const timer = setTimeout(() => {
        w.removeAllListeners("message");
        void w.terminate();
        worker = null;
        resolve(timeoutEffect());
      }, TIMEOUT_MS);
      w.once("message", (effect: Effect) => {
        clearTimeout(timer);
        resolve(effect);
      });
      w.postMessage({sql, executor});
    });
  };
  const out: Record<string, {naive: Effect; defended: Effect}> = {};
  for (const c of [...ADVERSARIAL, ...SAFE]) {
    out[c.id] = {naive: await run(c.sql, "naive"), defended: await run(c.sql, "defended")};
    console.log(c.id.padEnd(24), "|", out[c.id].naive.summary, "|", out[c.id].defended.summary);
  }
  await (worker as Worker | null)?.terminate();
  const path = new URL("../test/agents/effects.json", import.meta.url);
  await writeFile(path, JSON.stringify({timeoutMs: TIMEOUT_MS, sqlite: "sql.js 1.16.0", effects: out}, null, 1) + "\n");
  void workerData;
}
