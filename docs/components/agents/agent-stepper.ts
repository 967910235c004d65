// The agent as a Stepper for the kit's run controller: reset() loads the run from IndexedDB (a
// reload resumes it) or starts it, step() is one attempt of the next step (labs/agents/orchestrator.ts).
// The controller's Reset after the first load starts the same run over. The SQL client belongs to
// the page (one worker for the agent and the SQL box); the stepper does not dispose it.
import type {Stepper} from "../../labs/kit/stepper.js";
import {stream, DEFAULT_SEED} from "../../labs/kit/random.js";
import {advance, isFinished, ledgerKey, runKey, runProgress, startOrResume, type AgentDeps, type RunConfig, type RunState} from "../../labs/agents/orchestrator.js";
import {idbStateStore, type StateStore} from "../../labs/agents/store.js";
import type {SqlClient} from "./sql-client.js";

export interface AgentSnapshot {
  state: RunState;
  /** keys this run holds in the state store */
  stored: string[];
  /** entries in the publish ledger */
  ledger: number;
}

/** A short stable id for a configuration (FNV-1a of its JSON): the same settings resume the same run. */
export function runIdFor(config: Omit<RunConfig, "runId" | "answers">): string {
  let h = 2166136261;
  for (const ch of JSON.stringify(config)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h.toString(16).padStart(8, "0");
}

export async function forgetRun(store: StateStore, runId: string): Promise<void> {
  for (const key of [runKey(runId), ledgerKey(runId), ...(await store.keys(`artifact:${runId}:`))]) await store.del(key);
}

export type AgentStepper = Stepper<AgentSnapshot> & {answer(answers: RunConfig["answers"]): void};

export function agentStepper(config: RunConfig, client: SqlClient, store: StateStore = idbStateStore()): AgentStepper {
  const deps: AgentDeps = {
    store,
    query: (sql) => client.query(sql),
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: stream(DEFAULT_SEED, "retry-jitter")
  };
  let state: RunState | null = null;
  let loadedOnce = false;
  let answers: RunConfig["answers"] | null = null;
  const snap = async (): Promise<AgentSnapshot> => {
    const s = state!;
    const keys = [runKey(s.config.runId), ...(await store.keys(`artifact:${s.config.runId}:`))];
    const ledger = ((await store.get<unknown[]>(ledgerKey(s.config.runId))) ?? []).length;
    return {state: structuredClone(s), stored: keys, ledger};
  };
  return {
    answer(next) {
      answers = next;
    },
    async reset() {
      if (answers) {
        state = await startOrResume({...config, answers}, deps);
        answers = null;
      } else {
        if (loadedOnce) await forgetRun(store, config.runId);
        state = await startOrResume(config, deps);
      }
      loadedOnce = true;
      return snap();
    },
    async step(n) {
      for (let i = 0; i < n && state && !isFinished(state); i++) await advance(state, deps);
      return snap();
    },
    progress: (s) => runProgress(s.state),
    stepsDone: (s) => s.state.log.filter((e) => e.event === "start").length
  };
}
