import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {ADVERSARIAL, SAFE} from "../../labs/agents/cases.js";
import {changedDatabase, leakReference, measureEffect, type Effect} from "../../labs/agents/effects.js";
import {denyListCheck} from "../../labs/agents/sanitize.js";
import {loadChinook} from "../../labs/agents/node.js";

// Produced by scripts/agents-effects.ts (each case run by sql.js on a fresh copy, in a worker with a timeout).
const fixture = JSON.parse(readFileSync(new URL("./effects.json", import.meta.url), "utf8")) as {effects: Record<string, {naive: Effect; defended: Effect}>};

describe("real effects on SQLite", () => {
  it("measureEffect(...) reproduces the committed effects of every case that finishes", async () => {
    const {SQL, bytes} = await loadChinook();
    const reference = leakReference(SQL, bytes);
    for (const c of [...ADVERSARIAL, ...SAFE]) {
      const recorded = fixture.effects[c.id];
      expect(recorded, c.id).toBeDefined();
      for (const executor of ["naive", "defended"] as const) {
        if (recorded[executor].status === "timeout") continue;
        expect(measureEffect(SQL, bytes, c.sql, executor, reference), `${c.id} ${executor}`).toEqual(recorded[executor]);
      }
    }
  }, 30_000);

  it("measureEffect(...) of a safe case changes nothing and returns no personal or schema value", () => {
    for (const c of SAFE) {
      for (const e of [fixture.effects[c.id].naive, fixture.effects[c.id].defended]) {
        expect(e.status, c.id).toBe("ok");
        expect(changedDatabase(e), c.id).toBe(false);
        expect(e.personalLeaked + e.schemaLeaked, c.id).toBe(0);
      }
    }
  });

  it("the naive executor lets deny-list misses write: REPLACE, PRAGMA, ATTACH and ANALYZE change the database", () => {
    const writtenPastDenyList = ADVERSARIAL.filter((c) => denyListCheck(c.sql).allowed && changedDatabase(fixture.effects[c.id].naive)).map((c) => c.id);
    expect(writtenPastDenyList).toEqual(["replace-into", "replace-invoice", "stacked-replace", "pragma-user-version", "pragma-query-only-off", "attach", "analyze"]);
    const leakedPastDenyList = ADVERSARIAL.filter((c) => denyListCheck(c.sql).allowed && fixture.effects[c.id].naive.personalLeaked + fixture.effects[c.id].naive.schemaLeaked > 0);
    expect(leakedPastDenyList.length).toBe(10);
  });

  it("the run-time defences write no row and drop no table; ATTACH still attaches, reads still leak", () => {
    for (const c of ADVERSARIAL) {
      const e = fixture.effects[c.id].defended;
      expect(e.tablesChanged.length + e.tablesDropped.length + e.tablesCreated.length, c.id).toBe(0);
      expect(e.userVersion[0], c.id).toBe(e.userVersion[1]);
    }
    expect(fixture.effects["attach"].defended.attached).toEqual(["side"]);
    expect(fixture.effects["union-email"].defended.personalLeaked).toBe(59);
    expect(fixture.effects["recursion-stream"].naive.status).toBe("timeout");
    expect(fixture.effects["recursion-stream"].defended.rowsReturned).toBe(1000);
    expect(fixture.effects["recursion-count"].defended.status).toBe("timeout");
  });
});

import {scoreboard, type DuelCase} from "../../labs/agents/duel.js";
import {allowListCheck} from "../../labs/agents/sanitize.js";
describe("scoreboard", () => {
  it("scoreboard(...) counts the duel: the deny-list misses 23 of 37, 7 of them writes; the allow-list misses none", () => {
    const cases: DuelCase[] = [...ADVERSARIAL.map((c) => ({...c, set: "adversarial" as const})), ...SAFE.map((c) => ({...c, set: "safe" as const}))].map((c) => ({
      ...c, deny: denyListCheck(c.sql), allow: allowListCheck(c.sql), naive: fixture.effects[c.id].naive, defended: fixture.effects[c.id].defended
    }));
    const s = scoreboard(cases);
    expect(s).toMatchObject({adversarial: 37, safe: 33, denyMissed: 23, denyMissedWrote: 7, denyMissedLeaked: 10, allowMissed: 0, denyFalsePositives: 5, allowFalsePositives: 0, defendedWrote: 1});
    // brute force: the deny-list's misses split into wrote / leaked / hung / no harm
    expect(s.denyMissedWrote + s.denyMissedLeaked + s.denyMissedHung).toBeLessThanOrEqual(s.denyMissed);
  });
});
