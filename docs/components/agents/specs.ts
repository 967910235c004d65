// The /agents page's controls, declared once each (kit v2: docs/components/kit/controls.ts).
import type {ChoiceSpec, RangeSpec, TextSpec} from "../../labs/kit/controls.js";
import {MAX_QUESTION_LENGTH} from "../../labs/agents/translator.js";
import {DEFAULT_POLICY} from "../../labs/agents/sanitize.js";

export const questionSpec: TextSpec = {type: "textarea", key: "q", label: "question", value: "Revenue by country in 2024", maxLength: MAX_QUESTION_LENGTH, rows: 2, submit: "Ask the agent"};
export const faultStepSpec: ChoiceSpec = {type: "select", key: "fault-step", label: "inject a fault at", value: "none", choices: ["none", "clarify", "retrieve", "analyse", "synthesise"]};
export const faultKindSpec: ChoiceSpec = {type: "select", key: "fault", label: "fault", value: "timeout", choices: ["timeout", "sql-error", "empty-result", "malformed-output", "guard-rejection"]};
export const faultTimesSpec: RangeSpec = {type: "range", key: "times", label: "failing attempts", min: 1, max: 5, step: 1, value: 1};
export const RETRY_CHOICES = ["langgraph", "step-functions", "none"] as const;
export const retrySpec: ChoiceSpec = {
  type: "select",
  key: "retry",
  label: "retry policy",
  value: "langgraph",
  choices: RETRY_CHOICES,
  format: (c) => ({langgraph: "LangGraph defaults (0.5 s ×2, 3 attempts, jitter)", "step-functions": "Step Functions defaults (1 s ×2, 3 retries)", none: "no retry"})[c] ?? c
};
export const publishSpec: ChoiceSpec = {type: "radio", key: "publish", label: "publish the report", value: "idempotent", choices: ["idempotent", "append"], format: (c) => (c === "idempotent" ? "once per run (idempotency key)" : "append on every attempt")};
export const sqlSpec: TextSpec = {type: "textarea", key: "sql", label: "SQL", value: "SELECT Name FROM Genre LIMIT 5; DROP TABLE Genre", maxLength: DEFAULT_POLICY.maxLength, rows: 3, submit: "Check and run"};
