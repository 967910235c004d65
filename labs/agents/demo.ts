// The "retry is always safe" demonstration: the same run, with a timeout injected after the report
// is published, once with an appending publish and once with an idempotency key. Runs on an
// in-memory store with instant sleeps; the SQL is real (the caller's query function).
import {ledgerKey, runAgent, type RunConfig} from "./orchestrator.js";
import type {QueryResult} from "./sqlite.js";
import {memoryStateStore} from "./store.js";
import {LANGGRAPH_RETRY} from "./retry.js";
import {mulberry32} from "../kit/random.js";

export interface PublishDemo {
  /** ledger entries after the run, by publish mode */
  append: number;
  idempotent: number;
  /** synthesise attempts in each run (the same: one failure, one retry) */
  attempts: number;
}

export async function publishDemo(query: (sql: string) => Promise<QueryResult>, question = "Revenue by country in 2024"): Promise<PublishDemo> {
  const counts: Record<string, number> = {};
  let attempts = 0;
  for (const publish of ["append", "idempotent"] as const) {
    const store = memoryStateStore();
    const config: RunConfig = {runId: `demo-${publish}`, question, answers: {year: "all"}, faults: [{step: "synthesise", kind: "timeout", times: 1}], retry: LANGGRAPH_RETRY, publish};
    const state = await runAgent(config, {store, query, now: () => 0, sleep: async () => {}, random: mulberry32(1)});
    counts[publish] = ((await store.get<unknown[]>(ledgerKey(config.runId))) ?? []).length;
    attempts = state.attempts.synthesise;
  }
  return {append: counts.append, idempotent: counts.idempotent, attempts};
}
