// The guard duel's scoreboard: counts over the cases (labs/agents/cases.ts) of what each defence let
// through and what those queries really did (effects.ts). Pure counting, so every comparison the
// /agents page makes is a number computed here from the recorded verdicts and effects.
import {changedDatabase, type Effect} from "./effects.js";
import type {Verdict} from "./sanitize.js";

export interface DuelCase {
  id: string;
  label: string;
  sql: string;
  set: "adversarial" | "safe";
  deny: Verdict;
  allow: Verdict;
  naive: Effect;
  defended: Effect;
}

const leaked = (e: Effect) => e.personalLeaked + e.schemaLeaked > 0;

/** What a case did to the database or the reader's data, under an executor, in a few words. */
export function harm(e: Effect): "wrote" | "leaked" | "hung" | "none" {
  if (changedDatabase(e)) return "wrote";
  if (leaked(e)) return "leaked";
  if (e.status === "timeout") return "hung";
  return "none";
}

export interface Scoreboard {
  adversarial: number;
  safe: number;
  denyMissed: number;
  /** deny-list misses that changed the database when run naively */
  denyMissedWrote: number;
  denyMissedLeaked: number;
  denyMissedHung: number;
  allowMissed: number;
  denyFalsePositives: number;
  allowFalsePositives: number;
  /** adversarial cases that changed the database naively / under the run-time defences */
  naiveWrote: number;
  defendedWrote: number;
  defendedLeaked: number;
  defendedHung: number;
}

export function scoreboard(cases: DuelCase[]): Scoreboard {
  const bad = cases.filter((c) => c.set === "adversarial");
  const good = cases.filter((c) => c.set === "safe");
  const missed = bad.filter((c) => c.deny.allowed);
  return {
    adversarial: bad.length,
    safe: good.length,
    denyMissed: missed.length,
    denyMissedWrote: missed.filter((c) => harm(c.naive) === "wrote").length,
    denyMissedLeaked: missed.filter((c) => harm(c.naive) === "leaked").length,
    denyMissedHung: missed.filter((c) => harm(c.naive) === "hung").length,
    allowMissed: bad.filter((c) => c.allow.allowed).length,
    denyFalsePositives: good.filter((c) => !c.deny.allowed).length,
    allowFalsePositives: good.filter((c) => !c.allow.allowed).length,
    naiveWrote: bad.filter((c) => harm(c.naive) === "wrote").length,
    defendedWrote: bad.filter((c) => harm(c.defended) === "wrote").length,
    defendedLeaked: bad.filter((c) => harm(c.defended) === "leaked").length,
    defendedHung: bad.filter((c) => harm(c.defended) === "hung").length
  };
}
