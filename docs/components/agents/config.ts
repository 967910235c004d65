// From the page's controls to the orchestrator's RunConfig (labs/agents/orchestrator.ts), and the
// answer-and-resume action of the clarifying-question form.
import {FAULTS_BY_STEP, STEPS, type FaultKind, type RunConfig, type StepName} from "../../labs/agents/orchestrator.js";
import {LANGGRAPH_RETRY, NO_RETRY, STEP_FUNCTIONS_RETRY} from "../../labs/agents/retry.js";
import type {RunView} from "../kit/run-controller.js";
import {runIdFor, type AgentSnapshot, type AgentStepper} from "./agent-stepper.js";

const POLICIES = {langgraph: LANGGRAPH_RETRY, "step-functions": STEP_FUNCTIONS_RETRY, none: NO_RETRY};

export interface PageSettings {
  question: string;
  faultStep: string;
  faultKind: string;
  faultTimes: number;
  retryName: string;
  publish: string;
}

/** The run's configuration, and a note when the chosen fault does not apply to the chosen step (it is then left out). */
export function agentConfig(p: PageSettings): {config: RunConfig; note: string | null} {
  const step = STEPS.find((s) => s === p.faultStep) as StepName | undefined;
  const applies = step !== undefined && FAULTS_BY_STEP[step].includes(p.faultKind as FaultKind);
  const faults = applies ? [{step: step!, kind: p.faultKind as FaultKind, times: p.faultTimes}] : [];
  const note = step !== undefined && !applies ? `The ${step} step cannot have a ${p.faultKind} fault (it can have: ${FAULTS_BY_STEP[step].join(", ")}); running without a fault.` : null;
  const base = {question: p.question, faults, retry: POLICIES[p.retryName as keyof typeof POLICIES] ?? LANGGRAPH_RETRY, publish: p.publish === "append" ? ("append" as const) : ("idempotent" as const)};
  return {config: {...base, runId: runIdFor(base), answers: {}}, note};
}

/** Gives the waiting run its answers, reloads it from the store and starts it again. */
export function resumeWith(run: RunView<AgentSnapshot>, stepper: AgentStepper, answers: RunConfig["answers"]): void {
  stepper.answer(answers);
  void run.reset().then(() => run.start());
}
