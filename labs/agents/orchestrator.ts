// The agent's orchestrator: a state machine of four steps (clarify → retrieve → analyse →
// synthesise) over a persisted state store, with retries (backoff + jitter), rollback of a failed
// attempt's partial writes (write-ahead record, as LangGraph clears a task's writes before a retry),
// hand-off to a human when a confidence check fails, a step log, and fault injection per step.
// Deterministic: no model, and time, sleep and jitter come from the caller.
import {allowListCheck} from "./sanitize.js";
import type {QueryResult, SqlValue} from "./sqlite.js";
import type {StateStore} from "./store.js";
import {backoffSeconds, type RetryPolicy} from "./retry.js";
import {applyAnswers, checkSql, clarifications, parseQuestion, PARTITION_INTENTS, RULES, toSql, type Clarification, type Intent, type Slots} from "./translator.js";
import {InputError} from "../kit/params.js";

export const STEPS = ["clarify", "retrieve", "analyse", "synthesise"] as const;
export type StepName = (typeof STEPS)[number];
export type FaultKind = "timeout" | "sql-error" | "empty-result" | "malformed-output" | "guard-rejection";

/** Which faults each step can suffer (retrieve is the only step that touches SQL). */
export const FAULTS_BY_STEP: Record<StepName, FaultKind[]> = {
  clarify: ["timeout", "malformed-output"],
  retrieve: ["timeout", "sql-error", "empty-result", "guard-rejection", "malformed-output"],
  analyse: ["timeout", "malformed-output"],
  synthesise: ["timeout", "malformed-output"]
};

/** Fail the first `times` attempts of `step` with `kind`. */
export interface Fault {
  step: StepName;
  kind: FaultKind;
  times: number;
}

/** How the last step publishes the report: once per run (an idempotency key) or by appending. */
export type PublishMode = "idempotent" | "append";

export interface RunConfig {
  runId: string;
  question: string;
  answers: Partial<Record<Clarification["slot"], string>>;
  faults: Fault[];
  retry: RetryPolicy;
  publish: PublishMode;
}

export type LogEvent = "start" | "ok" | "fail" | "wait" | "rollback" | "handoff" | "waiting" | "resume" | "write" | "publish" | "done";
export interface LogEntry {
  /** milliseconds since the run started, on the caller's clock */
  at: number;
  step: StepName | "run";
  attempt: number;
  event: LogEvent;
  detail: string;
}

export interface QueryRecord {
  id: string;
  purpose: string;
  sql: string;
  columns: string[];
  rows: SqlValue[][];
}
export interface ClarifyOutput {
  intent: Intent;
  slots: Slots;
  confidence: number;
  assumptions: string[];
}
export interface RetrieveOutput {
  main: QueryRecord;
  check: QueryRecord;
}
export interface AnalysisOutput {
  items: {label: string; value: number; share: number}[];
  sum: number;
  reference: number;
  partition: boolean;
  change: number | null;
}
/** A report line: text and numbers, each number tied to the query (and row) that produced it. */
export type ReportPart = string | {text: string; query: string; row: number | null};
export interface Report {
  title: string;
  lines: ReportPart[][];
}

export interface RunState {
  config: RunConfig;
  status: "running" | "waiting" | "done" | "handoff";
  /** the step being attempted (null between steps) */
  current: StepName | null;
  attempts: Record<StepName, number>;
  outputs: {clarify?: ClarifyOutput; retrieve?: RetrieveOutput; analyse?: AnalysisOutput; synthesise?: Report};
  /** write-ahead record of the current attempt's uncommitted writes, rolled back on failure or resume */
  pending: {step: StepName; keys: string[]} | null;
  questions: Clarification[];
  handoff: {step: StepName; reason: string} | null;
  log: LogEntry[];
  startedAt: number;
}

export interface AgentDeps {
  store: StateStore;
  /** runs one SQL text on the read-only connection (the page: in a worker with a timeout) */
  query: (sql: string) => Promise<QueryResult>;
  /** milliseconds */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** uniform [0, 1) for jitter (mulberry32 from labs/kit/random.ts) */
  random: () => number;
  /** called after every persisted change */
  onUpdate?: (state: RunState) => void;
}

/** A step failure; `kind` decides between retry and hand-off. */
export class StepError extends Error {
  constructor(
    readonly kind: FaultKind | "confidence",
    message: string
  ) {
    super(message);
  }
}
/** Thrown by a dependency to simulate the tab closing mid-step: the run stops with no cleanup. */
export class Interrupted extends Error {}

/** Transient failures worth another attempt; the rest go to a human at once. */
export const RETRYABLE: ReadonlySet<string> = new Set<FaultKind>(["timeout", "sql-error", "malformed-output"]);

export const runKey = (runId: string) => `run:${runId}`;
export const artifactKey = (runId: string, step: StepName, name: string) => `artifact:${runId}:${step}:${name}`;
export const ledgerKey = (runId: string) => `ledger:${runId}`;

/** A fresh run's state. Throws InputError for an empty or over-long question. */
export function newRun(config: RunConfig, now: number): RunState {
  parseQuestion(config.question); // validates the text
  for (const f of config.faults) {
    if (!FAULTS_BY_STEP[f.step]?.includes(f.kind)) throw new InputError(`The ${f.step} step cannot have a ${f.kind} fault.`);
    if (!Number.isInteger(f.times) || f.times < 0) throw new InputError("A fault's count must be a whole number ≥ 0.");
  }
  return {
    config,
    status: "running",
    current: null,
    attempts: {clarify: 0, retrieve: 0, analyse: 0, synthesise: 0},
    outputs: {},
    pending: null,
    questions: [],
    handoff: null,
    log: [],
    startedAt: now
  };
}

const fmtMoney = (x: number) => x.toLocaleString("en-US", {minimumFractionDigits: 2, maximumFractionDigits: 2});
const fmtPct = (x: number) => `${(100 * x).toFixed(1)}%`;
const UNIT_INTENTS: Intent[] = ["top-artists", "top-tracks"];

/** The context a step runs in: its attempt number, the fault for this attempt, and logged writes. */
interface StepContext {
  state: RunState;
  attempt: number;
  fault: FaultKind | null;
  write: (name: string, value: unknown) => Promise<void>;
  deps: AgentDeps;
}

function injectTimeout(ctx: StepContext, where: string): void {
  if (ctx.fault === "timeout") throw new StepError("timeout", `injected timeout ${where}`);
}

async function clarifyStep(ctx: StepContext): Promise<ClarifyOutput> {
  const parsed = parseQuestion(ctx.state.config.question);
  if (!parsed.intent || parsed.confidence < 0.5) throw new StepError("confidence", `the question matches none of the ${RULES.length} documented question types`);
  const questions = clarifications(parsed);
  const answers = ctx.state.config.answers;
  const unanswered = questions.filter((q) => q.required && answers[q.slot] === undefined);
  if (unanswered.length) {
    ctx.state.questions = questions;
    throw new WaitForHuman();
  }
  const filled: Partial<Record<Clarification["slot"], string>> = {};
  const assumptions: string[] = [];
  for (const q of questions) {
    if (answers[q.slot] !== undefined) filled[q.slot] = answers[q.slot];
    else {
      filled[q.slot] = q.fallback;
      assumptions.push(`${q.question.replace(/\s*\(.*\)$/, "")} — assumed "${q.fallback}"`);
    }
  }
  const slots = applyAnswers(parsed.slots, filled);
  if (parsed.confidence < 1) assumptions.push(`the question also matched ${parsed.matched.slice(1).join(", ")}; read as ${parsed.intent}`);
  injectTimeout(ctx, "while clarifying");
  const out: ClarifyOutput = {intent: parsed.intent, slots, confidence: parsed.confidence, assumptions};
  return ctx.fault === "malformed-output" ? ({...out, intent: undefined} as unknown as ClarifyOutput) : out;
}

/** A signal (not a failure): the clarify step needs answers from the reader. */
class WaitForHuman extends Error {}

async function runQuery(ctx: StepContext, id: string, purpose: string, sql: string): Promise<QueryRecord> {
  const verdict = allowListCheck(sql);
  if (!verdict.allowed) throw new StepError("guard-rejection", `the allow-list rejected the SQL: ${verdict.reason}`);
  let result: QueryResult;
  try {
    result = await ctx.deps.query(sql);
  } catch (error) {
    if (error instanceof Interrupted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new StepError(/time/i.test(message) ? "timeout" : "sql-error", `SQLite: ${message}`);
  }
  return {id, purpose, sql, columns: result.columns, rows: result.rows};
}

async function retrieveStep(ctx: StepContext): Promise<RetrieveOutput> {
  const {intent, slots} = ctx.state.outputs.clarify!;
  const check = await runQuery(ctx, "q2", "check total", checkSql(intent, slots));
  await ctx.write("q2", check);
  injectTimeout(ctx, "after the check query, before the main query");
  let sql = toSql(intent, slots);
  // Faults change the SQL so that SQLite or the guard really fails on it.
  if (ctx.fault === "sql-error") sql = `SELECT label, round(value, 2, 3) AS value FROM (${sql}) LIMIT 100`;
  if (ctx.fault === "empty-result") sql = `SELECT label, value FROM (${sql}) WHERE value < 0 LIMIT 100`;
  if (ctx.fault === "guard-rejection") sql = `${sql}; DROP TABLE Invoice`;
  const main = await runQuery(ctx, "q1", "answer", sql);
  await ctx.write("q1", main);
  if (ctx.fault === "malformed-output") return {main: {...main, columns: ["label"], rows: main.rows.map((r) => [r[0]])}, check};
  return {main, check};
}

async function analyseStep(ctx: StepContext): Promise<AnalysisOutput> {
  const {intent} = ctx.state.outputs.clarify!;
  const {main, check} = ctx.state.outputs.retrieve!;
  if (main.rows.length === 0) throw new StepError("confidence", "the query returned no rows, so there is nothing to report");
  const values = main.rows.map((r) => Number(r[1]));
  const sum = values.reduce((a, b) => a + b, 0);
  const reference = Number(check.rows[0]?.[1]);
  const partition = PARTITION_INTENTS.includes(intent);
  // Confidence check: the rows must add up to an independent total (a partition), or stay below it (a top-N part).
  if (!Number.isFinite(reference)) throw new StepError("confidence", "the check query returned no total");
  if (partition && Math.abs(sum - reference) > 0.005 * Math.max(1, reference)) throw new StepError("confidence", `the rows add up to ${fmtMoney(sum)} but the check query says ${fmtMoney(reference)}`);
  if (!partition && sum > reference + 0.005) throw new StepError("confidence", `the top rows (${fmtMoney(sum)}) exceed the total (${fmtMoney(reference)})`);
  const items = main.rows.map((r, i) => ({label: String(r[0]), value: values[i], share: values[i] / reference}));
  const change = intent === "growth" && values.length === 2 ? (values[1] - values[0]) / values[0] : null;
  const out: AnalysisOutput = {items, sum, reference, partition, change};
  await ctx.write("analysis", out);
  injectTimeout(ctx, "after writing the analysis");
  return ctx.fault === "malformed-output" ? {...out, items: items.map((it) => ({...it, value: Number.NaN}))} : out;
}

function buildReport(state: RunState): Report {
  const {intent, slots, assumptions} = state.outputs.clarify!;
  const {items, reference, change} = state.outputs.analyse!;
  const rule = RULES.find((r) => r.intent === intent)!;
  const unit = UNIT_INTENTS.includes(intent) ? "units" : "$";
  const money = (x: number) => (unit === "$" ? `$${fmtMoney(x)}` : `${x.toLocaleString("en-US")} units`);
  const scope = slots.period ? `${slots.period[0]} and ${slots.period[1]}` : slots.year === null ? "all years (2021–2025)" : String(slots.year);
  const lines: ReportPart[][] = [];
  const top = items[0];
  if (intent === "growth" && change !== null) {
    lines.push(["Revenue was ", {text: money(items[0].value), query: "q1", row: 0}, ` in ${items[0].label} and `, {text: money(items[1].value), query: "q1", row: 1}, ` in ${items[1].label}: a change of `, {text: `${change >= 0 ? "+" : ""}${fmtPct(change)}`, query: "q1", row: null}, "."]);
  } else if (intent === "total-revenue") {
    lines.push([`Revenue over ${scope} was `, {text: money(top.value), query: "q1", row: 0}, "."]);
  } else {
    lines.push([`${rule.description[0].toUpperCase()}${rule.description.slice(1)}, ${scope}: the first is ${top.label} with `, {text: money(top.value), query: "q1", row: 0}, ", ", {text: fmtPct(top.share), query: "q1", row: 0}, " of the total ", {text: money(reference), query: "q2", row: 0}, "."]);
    if (items.length > 1) {
      const last = items[items.length - 1];
      lines.push([`The list has ${items.length} rows; the last is ${last.label} with `, {text: money(last.value), query: "q1", row: items.length - 1}, "."]);
    }
  }
  lines.push(["Check: the rows add up to ", {text: money(state.outputs.analyse!.sum), query: "q1", row: null}, `, against `, {text: money(reference), query: "q2", row: 0}, " from the independent check query."]);
  for (const a of assumptions) lines.push([`Assumption: ${a}.`]);
  return {title: rule.description[0].toUpperCase() + rule.description.slice(1) + ` — ${scope}`, lines};
}

async function synthesiseStep(ctx: StepContext): Promise<Report> {
  const report = buildReport(ctx.state);
  // Publishing is an outside effect (think: e-mail the report). It is not part of the write-ahead
  // record, so a rollback cannot undo it; only an idempotency key keeps a retry from repeating it.
  const {runId, publish} = ctx.state.config;
  const ledger = (await ctx.deps.store.get<{runId: string; attempt: number}[]>(ledgerKey(runId))) ?? [];
  if (publish === "append" || !ledger.some((e) => e.runId === runId)) {
    ledger.push({runId, attempt: ctx.attempt});
    await ctx.deps.store.set(ledgerKey(runId), ledger);
    log(ctx.state, ctx.deps, "synthesise", ctx.attempt, "publish", `published the report (ledger holds ${ledger.length} entr${ledger.length === 1 ? "y" : "ies"})`);
  } else {
    log(ctx.state, ctx.deps, "synthesise", ctx.attempt, "publish", "already published under this run's idempotency key; not published again");
  }
  injectTimeout(ctx, "after publishing, before saving the report");
  await ctx.write("report", report);
  return ctx.fault === "malformed-output" ? {...report, lines: []} : report;
}

/** Rejects an output of the wrong shape, as a schema check on a model's output would. */
function validate(step: StepName, output: unknown): string | null {
  const o = output as Record<string, unknown>;
  switch (step) {
    case "clarify":
      return typeof o.intent === "string" && RULES.some((r) => r.intent === o.intent) ? null : "the clarified question has no known intent";
    case "retrieve": {
      const main = o.main as QueryRecord;
      return main.columns.length === 2 && main.rows.every((r) => r.length === 2) ? null : `the answer query returned ${main.columns.length} column(s), 2 expected (label, value)`;
    }
    case "analyse":
      return (o.items as AnalysisOutput["items"]).every((it) => Number.isFinite(it.value) && Number.isFinite(it.share)) ? null : "the analysis holds a value that is not a finite number";
    case "synthesise":
      return Array.isArray(o.lines) && (o.lines as unknown[]).length > 0 ? null : "the report has no lines";
  }
}

const STEP_FUNCTIONS: Record<StepName, (ctx: StepContext) => Promise<unknown>> = {clarify: clarifyStep, retrieve: retrieveStep, analyse: analyseStep, synthesise: synthesiseStep};

function log(state: RunState, deps: AgentDeps, step: LogEntry["step"], attempt: number, event: LogEvent, detail: string): void {
  state.log.push({at: Math.round(deps.now() - state.startedAt), step, attempt, event, detail});
}

async function persist(state: RunState, deps: AgentDeps): Promise<void> {
  await deps.store.set(runKey(state.config.runId), state);
  deps.onUpdate?.(structuredClone(state));
}

async function rollback(state: RunState, deps: AgentDeps, why: string): Promise<void> {
  if (!state.pending) return;
  const {step, keys} = state.pending;
  for (const key of keys) await deps.store.del(key);
  log(state, deps, step, state.attempts[step], "rollback", `${keys.length} partial write${keys.length === 1 ? "" : "s"} removed (${why})`);
  state.pending = null;
  await persist(state, deps);
}

/** True when the run needs nothing more from the orchestrator (done, handed off, or waiting for answers). */
export const isFinished = (state: RunState) => state.status !== "running";

/** The step the run attempts next, or null when every step is done. */
export const nextStep = (state: RunState): StepName | null => STEPS.find((s) => !state.outputs[s]) ?? null;

/** Share of the four steps committed (1 once the run is finished in any way). */
export const runProgress = (state: RunState) => (isFinished(state) ? 1 : STEPS.filter((s) => state.outputs[s]).length / STEPS.length);

/**
 * Loads the run `config.runId` from the store, or creates it. A stored run resumes: an interrupted
 * attempt's writes are rolled back and completed steps stay done; the stored config wins, except
 * `answers`, which the caller may add to (a waiting run then runs again).
 * Throws InputError for a bad question or fault list.
 */
export async function startOrResume(config: RunConfig, deps: AgentDeps): Promise<RunState> {
  const stored = await deps.store.get<RunState>(runKey(config.runId));
  if (!stored) {
    const state = newRun(config, deps.now());
    await persist(state, deps);
    return state;
  }
  const state = stored;
  const added = Object.keys(config.answers).some((k) => !(k in state.config.answers));
  state.config.answers = {...state.config.answers, ...config.answers};
  if (state.status === "done" || state.status === "handoff" || (state.status === "waiting" && !added)) return state;
  state.status = "running";
  const done = STEPS.filter((s) => state.outputs[s]);
  log(state, deps, "run", 0, "resume", `resumed from the state store: ${done.length ? done.join(", ") + " done" : "no step done yet"}`);
  await rollback(state, deps, "left by an interrupted attempt");
  await persist(state, deps);
  return state;
}

/**
 * One attempt of the next step: runs it, validates and commits its output, or logs the failure,
 * rolls back its writes and then waits out the backoff (retry) or hands off. Mutates and persists
 * `state`, and returns it. A finished run is returned unchanged. Interrupted propagates.
 */
export async function advance(state: RunState, deps: AgentDeps): Promise<RunState> {
  const step = nextStep(state);
  if (isFinished(state)) return state;
  if (!step) {
    state.status = "done";
    log(state, deps, "run", 0, "done", "report ready");
    await persist(state, deps);
    return state;
  }
  state.attempts[step] += 1;
  const attempt = state.attempts[step];
  const fault = state.config.faults.find((f) => f.step === step && attempt <= f.times)?.kind ?? null;
  state.current = step;
  state.pending = {step, keys: []};
  log(state, deps, step, attempt, "start", fault ? `attempt ${attempt} (fault injected: ${fault})` : `attempt ${attempt}`);
  await persist(state, deps);
  const ctx: StepContext = {
    state,
    attempt,
    fault,
    deps,
    write: async (name, value) => {
      const key = artifactKey(state.config.runId, step, name);
      state.pending!.keys.push(key); // write-ahead: record the key before writing it
      await persist(state, deps);
      await deps.store.set(key, value);
      log(state, deps, step, attempt, "write", `wrote ${name}`);
    }
  };
  let failure: StepError;
  try {
    const output = await STEP_FUNCTIONS[step](ctx);
    const problem = validate(step, output);
    if (problem) throw new StepError("malformed-output", problem);
    (state.outputs as Record<StepName, unknown>)[step] = output;
    state.pending = null;
    state.current = null;
    log(state, deps, step, attempt, "ok", "committed");
    if (step === STEPS[STEPS.length - 1]) {
      state.status = "done";
      log(state, deps, "run", 0, "done", "report ready");
    }
    await persist(state, deps);
    return state;
  } catch (error) {
    if (error instanceof Interrupted) throw error;
    if (error instanceof WaitForHuman) {
      state.pending = null;
      state.current = null;
      state.attempts[step] -= 1; // asking is not a failed attempt
      state.status = "waiting";
      log(state, deps, step, attempt, "waiting", `waiting for answers: ${state.questions.filter((q) => q.required).map((q) => q.question).join(" ")}`);
      await persist(state, deps);
      return state;
    }
    failure = error instanceof StepError ? error : error instanceof InputError ? new StepError("confidence", error.message) : new StepError("sql-error", error instanceof Error ? error.message : String(error));
  }
  log(state, deps, step, attempt, "fail", `${failure.kind}: ${failure.message}`);
  await rollback(state, deps, `attempt ${attempt} failed`);
  const retryable = RETRYABLE.has(failure.kind);
  if (!retryable || attempt >= state.config.retry.maxAttempts) {
    state.status = "handoff";
    state.current = null;
    state.handoff = {step, reason: retryable ? `${failure.kind} on all ${attempt} attempts; last: ${failure.message}` : failure.message};
    log(state, deps, step, attempt, "handoff", `handed to a human: ${state.handoff.reason}`);
    await persist(state, deps);
    return state;
  }
  const wait = backoffSeconds(state.config.retry, attempt, deps.random);
  log(state, deps, step, attempt, "wait", `retrying in ${wait.toFixed(2)} s`);
  await persist(state, deps);
  await deps.sleep(wait * 1000);
  return state;
}

/**
 * Runs (or resumes, see startOrResume) the run `config.runId` until it is done, waits for answers,
 * or hands off. `stopAfter` stops once that step commits (to simulate closing the tab between steps).
 * Throws InputError for a bad question or fault list; Interrupted propagates from a dependency.
 */
export async function runAgent(config: RunConfig, deps: AgentDeps, options: {stopAfter?: StepName} = {}): Promise<RunState> {
  const state = await startOrResume(config, deps);
  while (!isFinished(state)) {
    await advance(state, deps);
    if (options.stopAfter && state.outputs[options.stopAfter] && !isFinished(state) && nextStep(state) === STEPS[STEPS.indexOf(options.stopAfter) + 1]) return state;
  }
  return state;
}
