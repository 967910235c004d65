// DOM for the /agents page: the pipeline graph, the step log, the report with numbers linked to their
// SQL, the clarifying-question form, the guard duel tables and the SQL box's verdict. Text from the
// reader, the database or the cases is always set as textContent, never parsed as HTML.
import {STEPS, type Report, type RunState, type StepName} from "../../labs/agents/orchestrator.js";
import {applyAnswers, clarifications, parseQuestion, type Clarification} from "../../labs/agents/translator.js";
import {harm, type DuelCase} from "../../labs/agents/duel.js";
import type {Effect} from "../../labs/agents/effects.js";
import {InputError} from "../../labs/kit/params.js";
import {SimpleTable} from "../kit/table.js";
import {notice} from "../kit/callouts.js";
import type {AgentSnapshot} from "./agent-stepper.js";
import type {SqlClient} from "./sql-client.js";

const SVG = "http://www.w3.org/2000/svg";
function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = "", text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export type NodeStatus = "idle" | "running" | "retrying" | "done" | "handoff" | "waiting";

/** Each step's status in a run: what the graph colours. */
export function stepStatus(state: RunState, step: StepName): NodeStatus {
  if (state.outputs[step]) return "done";
  if (state.handoff?.step === step) return "handoff";
  if (state.status === "waiting" && step === "clarify") return "waiting";
  const last = [...state.log].reverse().find((e) => e.step === step);
  if (!last) return "idle";
  if (last.event === "wait" || last.event === "rollback" || last.event === "fail") return "retrying";
  return state.current === step ? "running" : "idle";
}

const STATUS_TEXT: Record<NodeStatus, string> = {idle: "not started", running: "running", retrying: "failed, will retry", done: "done", handoff: "handed off", waiting: "waiting for answers"};

/** The pipeline as a graph whose nodes light up as the run goes, plus the human and the state store. */
export function PipelineGraph(snapshot: AgentSnapshot | undefined, {width}: {width: number}): Element {
  const w = Math.max(320, Math.min(width, 760));
  const h = 190;
  const root = svg("svg", {viewBox: `0 0 ${w} ${h}`, width: w, height: h, role: "img", class: "agents-graph"}) as SVGSVGElement;
  const state = snapshot?.state;
  const labelText = state ? `Pipeline: ${STEPS.map((s) => `${s} ${STATUS_TEXT[stepStatus(state, s)]}`).join(", ")}` : "Pipeline: not started";
  root.setAttribute("aria-label", labelText);
  const gap = w / STEPS.length;
  const boxW = Math.min(130, gap - 24);
  const y = 20;
  STEPS.forEach((step, i) => {
    const x = i * gap + (gap - boxW) / 2;
    const status = state ? stepStatus(state, step) : "idle";
    if (i > 0) root.append(svg("line", {x1: x - 24 + 2, y1: y + 25, x2: x - 4, y2: y + 25, class: "agents-edge", "marker-end": "url(#agents-arrow)"}));
    const g = svg("g", {class: `agents-node agents-${status}`, "data-step": step});
    g.append(svg("rect", {x, y, width: boxW, height: 50, rx: 8}));
    g.append(svg("text", {x: x + boxW / 2, y: y + 22, "text-anchor": "middle", class: "agents-node-name"}, step));
    g.append(svg("text", {x: x + boxW / 2, y: y + 40, "text-anchor": "middle", class: "agents-node-status"}, state && state.attempts[step] ? `${STATUS_TEXT[status]} · try ${state.attempts[step]}` : STATUS_TEXT[status]));
    root.append(g);
  });
  const defs = svg("defs", {});
  const marker = svg("marker", {id: "agents-arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto"});
  marker.append(svg("path", {d: "M0,0L10,5L0,10z", class: "agents-arrowhead"}));
  defs.append(marker);
  root.prepend(defs);
  // the human and the state store, below
  const human = state && (state.status === "handoff" || state.status === "waiting") ? (state.status === "handoff" ? "handoff" : "waiting") : "idle";
  const hg = svg("g", {class: `agents-node agents-${human}`});
  hg.append(svg("rect", {x: w / 2 - 200 < 0 ? 4 : w / 2 - 200, y: 120, width: 170, height: 44, rx: 22}));
  hg.append(svg("text", {x: (w / 2 - 200 < 0 ? 4 : w / 2 - 200) + 85, y: 147, "text-anchor": "middle", class: "agents-node-name"}, human === "idle" ? "human (idle)" : human === "waiting" ? "human: answer the agent" : "human: take over"));
  root.append(hg);
  const sx = Math.min(w - 174, w / 2 + 30);
  const sg = svg("g", {class: "agents-node agents-store"});
  sg.append(svg("rect", {x: sx, y: 120, width: 170, height: 44, rx: 4}));
  sg.append(svg("text", {x: sx + 85, y: 139, "text-anchor": "middle", class: "agents-node-name"}, "state store (IndexedDB)"));
  sg.append(svg("text", {x: sx + 85, y: 156, "text-anchor": "middle", class: "agents-node-status"}, snapshot ? `${snapshot.stored.length} key${snapshot.stored.length === 1 ? "" : "s"} · ledger ${snapshot.ledger}` : "empty"));
  root.append(sg);
  return root;
}

/** The step log, newest last (the last `max` entries). */
export function StepLog(snapshot: AgentSnapshot | undefined, {max = 14}: {max?: number} = {}): Element {
  if (!snapshot || snapshot.state.log.length === 0) return notice("The log is empty: press Start or Step.", "info");
  const rows = snapshot.state.log.slice(-max).map((e) => ({"t (s)": (e.at / 1000).toFixed(2), step: e.step, try: e.attempt ? String(e.attempt) : "", event: e.event, detail: e.detail}));
  const wrap = el("div", "agents-log");
  if (snapshot.state.log.length > max) wrap.append(el("p", "agents-muted", `${snapshot.state.log.length - max} earlier entries not shown.`));
  wrap.append(SimpleTable(rows));
  return wrap;
}

function reportLines(report: Report): HTMLElement {
  const body = el("div", "agents-report-lines");
  for (const line of report.lines) {
    const p = el("p");
    for (const part of line) {
      if (typeof part === "string") p.append(part);
      else {
        const a = el("a", "agents-number", part.text);
        a.href = `#agents-${part.query}`;
        a.title = part.row === null ? `computed from every row of ${part.query}` : `${part.query}, row ${part.row + 1}`;
        a.dataset.query = part.query;
        if (part.row !== null) a.dataset.row = String(part.row);
        a.addEventListener("click", () => {
          for (const old of document.querySelectorAll(".agents-row-lit")) old.classList.remove("agents-row-lit");
          if (part.row === null) return;
          document.querySelector(`#agents-${part.query} tbody tr:nth-child(${part.row + 1})`)?.classList.add("agents-row-lit");
        });
        p.append(a);
      }
    }
    body.append(p);
  }
  return body;
}

/**
 * The run's outcome: the report with every number linked to its query, or the hand-off, or the
 * clarifying questions (answered through `onAnswer`), or a note that the run is still going.
 */
export function Outcome(snapshot: AgentSnapshot | undefined, onAnswer: (answers: Partial<Record<Clarification["slot"], string>>) => void): Element {
  if (!snapshot) return notice("Loading the run…", "info");
  const {state} = snapshot;
  if (state.status === "waiting") return QuestionForm(state, onAnswer);
  if (state.status === "handoff") {
    const box = el("div", "agents-handoff");
    box.append(notice(`Handed to a human at the ${state.handoff!.step} step: ${state.handoff!.reason}.`));
    box.append(el("p", "agents-muted", `Nothing half-done is left behind: ${state.pending ? "a write is still pending" : "every partial write was rolled back"}; the committed steps (${STEPS.filter((s) => state.outputs[s]).join(", ") || "none"}) stay in the state store for the person who takes over.`));
    return box;
  }
  if (state.status !== "done" || !state.outputs.synthesise) return notice(`The run is at ${state.current ?? STEPS.find((s) => !state.outputs[s])}; the report appears when synthesise commits.`, "info");
  const report = state.outputs.synthesise;
  const box = el("div", "agents-report");
  box.append(el("h4", "", report.title), reportLines(report));
  const retrieved = state.outputs.retrieve!;
  for (const q of [retrieved.main, retrieved.check]) {
    const block = el("details", "agents-query");
    block.id = `agents-${q.id}`;
    block.open = q.id === "q1";
    block.append(el("summary", "", `${q.id}: ${q.purpose} (${q.rows.length} row${q.rows.length === 1 ? "" : "s"})`));
    block.append(el("pre", "agents-sql", q.sql));
    block.append(SimpleTable(q.rows.slice(0, 30).map((r) => Object.fromEntries(q.columns.map((c, i) => [c, typeof r[i] === "number" ? String(r[i]) : String(r[i] ?? "NULL")])))));
    box.append(block);
  }
  return box;
}

/** The clarify step's questions, with their defaults filled in; answers are checked before they go. */
export function QuestionForm(state: RunState, onAnswer: (answers: Partial<Record<Clarification["slot"], string>>) => void): Element {
  const form = el("form", "agents-questions");
  form.append(el("p", "", "The agent asks before it guesses:"));
  const questions = state.questions.length ? state.questions : clarifications(parseQuestion(state.config.question));
  const inputs = new Map<Clarification["slot"], HTMLInputElement>();
  for (const q of questions) {
    const label = el("label", "", q.question + " ");
    const input = el("input");
    input.value = q.fallback;
    input.name = q.slot;
    input.setAttribute("aria-label", q.question);
    label.append(input);
    form.append(label);
    inputs.set(q.slot, input);
  }
  const message = el("p", "agents-error");
  message.setAttribute("role", "alert");
  const submit = el("button", "lab-primary", "Answer and continue");
  submit.type = "submit";
  form.append(submit, message);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const answers = Object.fromEntries([...inputs].map(([slot, input]) => [slot, input.value]));
    try {
      applyAnswers(parseQuestion(state.config.question).slots, answers);
    } catch (error) {
      message.textContent = error instanceof InputError ? error.message : String(error);
      return;
    }
    message.textContent = "";
    onAnswer(answers);
  });
  return form;
}

const HARM_TEXT = {wrote: "changed the database", leaked: "returned protected data", hung: "never finished", none: "no harm"} as const;

function verdictCell(allowed: boolean, reason: string): HTMLTableCellElement {
  const td = el("td", allowed ? "agents-pass" : "agents-block", allowed ? "allowed" : "rejected");
  td.title = reason;
  td.append(el("span", "agents-reason", reason));
  return td;
}

function effectCell(e: Effect, guarded: boolean): HTMLTableCellElement {
  const h = harm(e);
  const td = el("td", guarded ? "agents-muted" : h === "none" ? "" : `agents-harm agents-${h}`);
  td.append(el("strong", "", guarded ? "not run" : HARM_TEXT[h]));
  td.append(el("span", "agents-reason", e.summary));
  return td;
}

/**
 * The guard duel: one row per case with the deny-list's and the allow-list's verdicts, what the
 * run-time defences did, and what the query did when run as a naive chain runs it.
 */
export function GuardDuelTable(cases: DuelCase[]): Element {
  const table = el("table", "agents-duel");
  const head = table.createTHead().insertRow();
  for (const h of ["case", "SQL", "deny-list", "allow-list", "run-time defences (query_only, first statement, time limit)", "naive exec on a fresh copy"]) head.append(el("th", "", h));
  const body = table.createTBody();
  for (const c of cases) {
    const tr = body.insertRow();
    tr.dataset.case = c.id;
    tr.append(el("td", "", c.label));
    const sqlCell = el("td");
    sqlCell.append(el("code", "agents-sql-inline", c.sql.length > 160 ? c.sql.slice(0, 160) + "…" : c.sql));
    tr.append(sqlCell, verdictCell(c.deny.allowed, c.deny.reason), verdictCell(c.allow.allowed, c.allow.reason), effectCell(c.defended, false), effectCell(c.naive, false));
  }
  const wrap = el("div", "agents-table-wrap");
  wrap.append(table);
  return wrap;
}

/** The SQL box's verdict: both guards, then the real effect on fresh copies (naive and defended). */
export function SqlVerdict(sql: string, client: SqlClient): Element {
  const root = el("div", "agents-verdict");
  if (sql.trim() === "") {
    root.append(notice("Type a query to check it.", "info"));
    return root;
  }
  const status = el("p", "agents-muted", "Checking…");
  root.append(status);
  void (async () => {
    try {
      const {deny, allow} = await client.check(sql);
      status.remove();
      const verdicts = el("ul", "agents-verdicts");
      for (const [name, v] of [["deny-list", deny], ["allow-list", allow]] as const) {
        const li = el("li", v.allowed ? "agents-pass" : "agents-block", `${name}: ${v.allowed ? "allowed" : "rejected"} — ${v.reason}`);
        verdicts.append(li);
      }
      root.append(verdicts);
      const running = el("p", "agents-muted", "Running it on fresh copies of the database…");
      root.append(running);
      const rows: Record<string, string>[] = [];
      for (const executor of ["defended", "naive"] as const) {
        const e = await client.effect(sql, executor);
        rows.push({executor: executor === "naive" ? "naive exec (what it would do unguarded)" : "run-time defences", result: e === "timeout" ? "stopped at the time limit (the worker was restarted)" : e.summary});
      }
      running.remove();
      root.append(SimpleTable(rows), el("p", "agents-muted", "Each run used its own copy of the database: the agent's database was not touched."));
    } catch (error) {
      status.remove();
      root.append(notice(error instanceof Error ? error.message : String(error)));
    }
  })();
  return root;
}
