import "fake-indexeddb/auto";
import {describe, expect, it} from "vitest";
import {loadChinook} from "../../labs/agents/node.js";
import {artifactKey, Interrupted, ledgerKey, runAgent, runKey, STEPS, type AgentDeps, type Fault, type RunConfig, type RunState} from "../../labs/agents/orchestrator.js";
import {backoffSeconds, LANGGRAPH_RETRY} from "../../labs/agents/retry.js";
import {openReadOnly, runDefended} from "../../labs/agents/sqlite.js";
import {idbStateStore, memoryStateStore, type StateStore} from "../../labs/agents/store.js";
import {mulberry32} from "../../labs/kit/random.js";

const {SQL, bytes} = await loadChinook();
const db = openReadOnly(SQL, bytes);

/** Deps on a fake clock: sleep advances time at once and records each wait. */
function makeDeps(store: StateStore, query = async (sql: string) => runDefended(db, sql)) {
  let now = 0;
  const sleeps: number[] = [];
  const deps: AgentDeps = {store, query, now: () => now, sleep: async (ms) => void (sleeps.push(ms), (now += ms)), random: mulberry32(7)};
  return {deps, sleeps};
}
const config = (over: Partial<RunConfig> = {}): RunConfig => ({runId: "r1", question: "Revenue by country in 2024", answers: {}, faults: [], retry: LANGGRAPH_RETRY, publish: "idempotent", ...over});
const events = (s: RunState) => s.log.map((e) => `${e.step}:${e.event}`);
const okCount = (s: RunState, step: string) => s.log.filter((e) => e.step === step && e.event === "ok").length;

describe("orchestrator", () => {
  it("runAgent(...) answers 'Revenue by country in 2024' with numbers SQLite computes independently", async () => {
    const {deps} = makeDeps(memoryStateStore());
    const s = await runAgent(config(), deps);
    expect(s.status).toBe("done");
    const expected = runDefended(db, "SELECT BillingCountry, ROUND(SUM(Total), 2) FROM Invoice WHERE InvoiceDate >= '2024-01-01' AND InvoiceDate < '2025-01-01' GROUP BY BillingCountry ORDER BY 2 DESC, 1");
    expect(s.outputs.retrieve!.main.rows).toEqual(expected.rows);
    expect(s.outputs.analyse!.sum).toBeCloseTo(expected.rows.reduce((a, r) => a + Number(r[1]), 0), 6);
    expect(s.outputs.analyse!.reference).toBe(477.53);
    expect(STEPS.map((st) => okCount(s, st))).toEqual([1, 1, 1, 1]);
    const numbers = s.outputs.synthesise!.lines.flat().filter((p) => typeof p !== "string");
    expect(numbers.length).toBeGreaterThan(2);
    for (const n of numbers) expect(["q1", "q2"]).toContain((n as {query: string}).query);
  });

  it("runAgent(...) with all-years revenue by country finds 412 invoices' total 2328.60 in the check query", async () => {
    const {deps} = makeDeps(memoryStateStore());
    const s = await runAgent(config({question: "Which countries bring in the most revenue?", answers: {year: "all"}}), deps);
    expect(s.outputs.analyse!.reference).toBe(2328.6);
    expect(s.outputs.analyse!.sum).toBeCloseTo(2328.6, 6);
  });

  it("runAgent(...) with a transient timeout retries after LangGraph's backoff and rolls back the partial write", async () => {
    const store = memoryStateStore();
    const {deps, sleeps} = makeDeps(store);
    const s = await runAgent(config({faults: [{step: "retrieve", kind: "timeout", times: 1}]}), deps);
    expect(s.status).toBe("done");
    expect(events(s)).toContain("retrieve:rollback");
    expect(s.log.find((e) => e.event === "rollback")!.detail).toMatch(/^1 partial write removed/);
    expect(s.attempts.retrieve).toBe(2);
    // first wait: min(128, 0.5 × 2¹) = 1 s plus a jitter in [0, 1)
    expect(sleeps.length).toBe(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(1000);
    expect(sleeps[0]).toBeLessThan(2000);
    expect(sleeps[0]).toBeCloseTo(1000 * backoffSeconds(LANGGRAPH_RETRY, 1, mulberry32(7)), 9);
  });

  it("backoffSeconds(...) follows min(max, initial × factor^k) + U[0,1) and caps at maxInterval", () => {
    const zero = () => 0;
    expect([1, 2, 3, 4].map((k) => backoffSeconds(LANGGRAPH_RETRY, k, zero))).toEqual([1, 2, 4, 8]);
    expect(backoffSeconds(LANGGRAPH_RETRY, 20, zero)).toBe(128);
    expect(backoffSeconds({...LANGGRAPH_RETRY, jitter: false}, 1, () => 0.9)).toBe(1);
    expect(backoffSeconds(LANGGRAPH_RETRY, 1, () => 0.25)).toBe(1.25);
  });

  // [fault, the step that hands off, the reason]: an empty result is caught by analyse's confidence check
  const handoffCases: [Fault, string, RegExp][] = [
    [{step: "retrieve", kind: "sql-error", times: 9}, "retrieve", /wrong number of arguments to function round/],
    [{step: "retrieve", kind: "timeout", times: 9}, "retrieve", /timeout on all 3 attempts/],
    [{step: "retrieve", kind: "empty-result", times: 1}, "analyse", /no rows/],
    [{step: "retrieve", kind: "guard-rejection", times: 1}, "retrieve", /2 statements; exactly one is allowed/],
    [{step: "analyse", kind: "malformed-output", times: 9}, "analyse", /not a finite number/],
    [{step: "clarify", kind: "malformed-output", times: 9}, "clarify", /no known intent/],
    [{step: "synthesise", kind: "malformed-output", times: 9}, "synthesise", /no lines/]
  ];
  for (const [fault, handoffStep, reason] of handoffCases) {
    it(`runAgent(...) with a persistent ${fault.kind} at ${fault.step} hands off with the reason`, async () => {
      const {deps, sleeps} = makeDeps(memoryStateStore());
      const s = await runAgent(config({faults: [fault]}), deps);
      expect(s.status).toBe("handoff");
      expect(s.handoff!.step).toBe(handoffStep);
      expect(s.handoff!.reason).toMatch(reason);
      const retryable = fault.kind === "timeout" || fault.kind === "sql-error" || fault.kind === "malformed-output";
      // retryable faults use all 3 attempts (2 waits); the others go to a human at once
      expect(s.attempts[handoffStep as typeof fault.step]).toBe(retryable ? 3 : 1);
      expect(sleeps.length).toBe(retryable ? 2 : 0);
      expect(s.pending).toBeNull();
      expect(s.outputs[handoffStep as typeof fault.step]).toBeUndefined();
    });
  }

  it("runAgent(...) with a transient fault at each retryable point completes after one retry", async () => {
    for (const fault of [{step: "retrieve", kind: "sql-error"}, {step: "analyse", kind: "timeout"}, {step: "analyse", kind: "malformed-output"}, {step: "clarify", kind: "timeout"}, {step: "synthesise", kind: "malformed-output"}] as const) {
      const {deps} = makeDeps(memoryStateStore());
      const s = await runAgent(config({faults: [{...fault, times: 1}]}), deps);
      expect(s.status, `${fault.step} ${fault.kind}`).toBe("done");
      expect(s.attempts[fault.step]).toBe(2);
    }
  });

  it("runAgent(...) rolls back the analysis written before an injected timeout", async () => {
    const store = memoryStateStore();
    const {deps} = makeDeps(store);
    const states: RunState[] = [];
    deps.onUpdate = (st) => states.push(st);
    const s = await runAgent(config({faults: [{step: "analyse", kind: "timeout", times: 1}]}), deps);
    expect(s.status).toBe("done");
    const rollback = s.log.find((e) => e.event === "rollback")!;
    expect(rollback.step).toBe("analyse");
    // between the failed attempt and the retry, the analysis key was absent
    const afterRollback = states.find((st) => st.log.some((e) => e.event === "rollback"))!;
    expect(afterRollback.pending).toBeNull();
    expect(await store.get(artifactKey("r1", "analyse", "analysis"))).toEqual(s.outputs.analyse);
  });

  it("runAgent(...) asks before guessing: growth without years waits, then resumes with the answer", async () => {
    const store = memoryStateStore();
    const {deps} = makeDeps(store);
    const waiting = await runAgent(config({question: "How did revenue grow?"}), deps);
    expect(waiting.status).toBe("waiting");
    expect(waiting.questions.map((q) => q.slot)).toEqual(["period"]);
    const done = await runAgent(config({question: "How did revenue grow?", answers: {period: "2023-2024"}}), deps);
    expect(done.status).toBe("done");
    const [a, b] = done.outputs.retrieve!.main.rows.map((r) => Number(r[1]));
    expect(done.outputs.analyse!.change).toBeCloseTo((b - a) / a, 12);
    expect([a, b]).toEqual([469.58, 477.53]);
  });

  it("runAgent(...) hands an unknown question to a human without running SQL", async () => {
    const queries: string[] = [];
    const {deps} = makeDeps(memoryStateStore(), async (sql) => (queries.push(sql), runDefended(db, sql)));
    const s = await runAgent(config({question: "What is the weather like?"}), deps);
    expect(s.status).toBe("handoff");
    expect(s.handoff!.step).toBe("clarify");
    expect(queries).toEqual([]);
  });

  it("runAgent(...) resumed after a simulated reload (IndexedDB) loses no completed step and repeats none", async () => {
    const store = idbStateStore("test-agents-resume", "state");
    const uninterrupted = await runAgent(config({runId: "ref"}), makeDeps(memoryStateStore()).deps);
    // first "tab": stops after retrieve commits
    const first = await runAgent(config({runId: "reload"}), makeDeps(store).deps, {stopAfter: "retrieve"});
    expect(first.status).toBe("running");
    expect(Object.keys(first.outputs)).toEqual(["clarify", "retrieve"]);
    // second "tab": a new orchestrator reads the same IndexedDB
    const queries: string[] = [];
    const second = await runAgent(config({runId: "reload"}), makeDeps(store, async (sql) => (queries.push(sql), runDefended(db, sql))).deps);
    expect(second.status).toBe("done");
    expect(queries).toEqual([]); // retrieve is not run again
    expect(STEPS.map((st) => okCount(second, st))).toEqual([1, 1, 1, 1]);
    expect(second.outputs).toEqual(uninterrupted.outputs);
    expect(events(second)).toContain("run:resume");
    expect(await store.get(runKey("reload"))).toEqual(second);
  });

  it("runAgent(...) resumed after a crash mid-step rolls back that attempt's writes, then redoes only that step", async () => {
    const store = memoryStateStore();
    let calls = 0;
    const crashing = async (sql: string) => {
      calls += 1;
      if (calls === 2) throw new Interrupted("tab closed"); // after the check query was written
      return runDefended(db, sql);
    };
    await expect(runAgent(config({runId: "crash"}), makeDeps(store, crashing).deps)).rejects.toThrow(Interrupted);
    const mid = (await store.get<RunState>(runKey("crash")))!;
    expect(mid.pending).toEqual({step: "retrieve", keys: [artifactKey("crash", "retrieve", "q2")]});
    const resumed = await runAgent(config({runId: "crash"}), makeDeps(store).deps);
    expect(resumed.status).toBe("done");
    expect(resumed.log.filter((e) => e.event === "rollback").map((e) => e.detail)).toEqual(["1 partial write removed (left by an interrupted attempt)"]);
    expect(okCount(resumed, "clarify")).toBe(1);
    expect(okCount(resumed, "retrieve")).toBe(1);
  });

  it("runAgent(...) retrying a non-idempotent publish double-writes; the idempotency key writes once", async () => {
    const fault: Fault = {step: "synthesise", kind: "timeout", times: 1};
    const storeA = memoryStateStore();
    await runAgent(config({runId: "pub", publish: "append", faults: [fault]}), makeDeps(storeA).deps);
    expect((await storeA.get<unknown[]>(ledgerKey("pub")))!.length).toBe(2);
    const storeB = memoryStateStore();
    await runAgent(config({runId: "pub", publish: "idempotent", faults: [fault]}), makeDeps(storeB).deps);
    expect((await storeB.get<unknown[]>(ledgerKey("pub")))!.length).toBe(1);
  });

  it("runAgent(...) refuses an empty question and an impossible fault with InputError", async () => {
    const {deps} = makeDeps(memoryStateStore());
    await expect(runAgent(config({question: "  "}), deps)).rejects.toThrow(/Type a question/);
    await expect(runAgent(config({runId: "x2", faults: [{step: "clarify", kind: "sql-error", times: 1}]}), deps)).rejects.toThrow(/cannot have a sql-error fault/);
  });
});

import {publishDemo} from "../../labs/agents/demo.js";
describe("publishDemo", () => {
  it("publishDemo(...) shows the appending publish written twice and the idempotent one once, after 2 attempts", async () => {
    expect(await publishDemo(async (sql) => runDefended(db, sql))).toEqual({append: 2, idempotent: 1, attempts: 2});
  });
});
