// The guard duel, computed at build time: every adversarial and safe case with the deny-list's and
// the allow-list's verdicts (labs/agents/sanitize.ts) and its real effect on SQLite under the naive
// executor and the run-time defences (test/agents/effects.json, recorded by scripts/agents-effects.ts).
import {readFile} from "node:fs/promises";
import {ADVERSARIAL, SAFE} from "../../labs/agents/cases.js";
import type {Effect} from "../../labs/agents/effects.js";
import {allowListCheck, denyListCheck} from "../../labs/agents/sanitize.js";

const fixture = JSON.parse(await readFile(new URL("../../test/agents/effects.json", import.meta.url), "utf8")) as {timeoutMs: number; effects: Record<string, {naive: Effect; defended: Effect}>};
const row = (set: "adversarial" | "safe") => (c: {id: string; label: string; sql: string}) => ({
  ...c,
  set,
  deny: denyListCheck(c.sql),
  allow: allowListCheck(c.sql),
  naive: fixture.effects[c.id].naive,
  defended: fixture.effects[c.id].defended
});
process.stdout.write(JSON.stringify({timeoutMs: fixture.timeoutMs, cases: [...ADVERSARIAL.map(row("adversarial")), ...SAFE.map(row("safe"))]}));
