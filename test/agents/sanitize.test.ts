import {describe, expect, it} from "vitest";
import {ADVERSARIAL, SAFE} from "../../labs/agents/cases.js";
import {allowListCheck, CHINOOK_SCHEMA, DEFAULT_POLICY, denyListCheck, PERSONAL_COLUMNS} from "../../labs/agents/sanitize.js";
import {loadChinook} from "../../labs/agents/node.js";
import {openReadOnly, runDefended} from "../../labs/agents/sqlite.js";

describe("query guards", () => {
  it("ADVERSARIAL and SAFE hold at least 30 cases each, with unique ids", () => {
    expect(ADVERSARIAL.length).toBeGreaterThanOrEqual(30);
    expect(SAFE.length).toBeGreaterThanOrEqual(30);
    const ids = [...ADVERSARIAL, ...SAFE].map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("allowListCheck(...) rejects every adversarial case, each with a reason", () => {
    for (const c of ADVERSARIAL) {
      const v = allowListCheck(c.sql);
      expect(v.allowed, c.id).toBe(false);
      expect(v.reason.length, c.id).toBeGreaterThan(5);
    }
  });

  it("allowListCheck(...) accepts every safe case", () => {
    for (const c of SAFE) expect(allowListCheck(c.sql), c.id).toEqual({allowed: true, reason: expect.any(String)});
  });

  // The deny-list's record, written out so a change to it shows up here.
  it("denyListCheck(...) misses these adversarial cases", () => {
    const missed = ADVERSARIAL.filter((c) => denyListCheck(c.sql).allowed).map((c) => c.id);
    expect(missed).toEqual([
      "replace-into", "replace-invoice", "stacked-replace", "pragma-user-version", "pragma-query-only-off", "pragma-table-info",
      "attach", "vacuum", "analyze", "sqlite-master", "sqlite-schema", "pragma-function", "union-email", "union-schema",
      "star-customer", "double-quoted-email", "birth-date", "subquery-phone", "recursion-count", "recursion-stream",
      "cartesian", "randomblob", "load-extension"
    ]);
  });

  it("denyListCheck(...) blocks these safe cases (false positives: the keyword is in a literal, an alias or a comment)", () => {
    const blocked = SAFE.filter((c) => !denyListCheck(c.sql).allowed).map((c) => [c.id, denyListCheck(c.sql).reason]);
    expect(blocked).toEqual([
      ["drop-tracks", "contains the keyword DROP"],
      ["coronation-drop", "contains the keyword DROP"],
      ["commented-query", "contains the keyword DROP"],
      ["update-alias", "contains the keyword UPDATE"],
      ["created-note", "contains the keyword CREATE"]
    ]);
  });

  it("every safe case runs on Chinook without error on a query_only connection", async () => {
    const {SQL, bytes} = await loadChinook();
    const db = openReadOnly(SQL, bytes);
    for (const c of SAFE) expect(() => runDefended(db, c.sql), c.id).not.toThrow();
    db.close();
  });

  it("CHINOOK_SCHEMA(...) matches the database's own schema, and every personal column exists", async () => {
    const {SQL, bytes} = await loadChinook();
    const db = openReadOnly(SQL, bytes);
    const tables = runDefended(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").rows.map((r) => String(r[0]));
    expect(Object.keys(CHINOOK_SCHEMA).sort()).toEqual(tables);
    for (const t of tables) expect(runDefended(db, `SELECT name FROM pragma_table_info('${t}')`).rows.map((r) => r[0])).toEqual(CHINOOK_SCHEMA[t]);
    const all = new Set(Object.values(CHINOOK_SCHEMA).flat());
    for (const p of PERSONAL_COLUMNS) expect(all.has(p), p).toBe(true);
    db.close();
  });

  it("allowListCheck(...) enforces LIMIT in its SQLite forms and refuses a 1 MB query before parsing", () => {
    expect(allowListCheck("SELECT Name FROM Genre LIMIT 10 OFFSET 5").allowed).toBe(true);
    expect(allowListCheck("SELECT Name FROM Genre LIMIT 5, 10").allowed).toBe(true);
    expect(allowListCheck("SELECT Name FROM Genre").reason).toMatch(/no LIMIT/);
    expect(allowListCheck("SELECT Name FROM Genre LIMIT 5000").reason).toMatch(/LIMIT 5000 is over 1000/);
    expect(allowListCheck("SELECT Name FROM Genre UNION SELECT Name FROM MediaType LIMIT 50").allowed).toBe(true);
    const huge = "SELECT Name FROM Genre WHERE Name = '" + "x".repeat(1_000_000) + "' LIMIT 1";
    expect(allowListCheck(huge)).toEqual({allowed: false, reason: expect.stringMatching(/1,000,0\d\d characters; at most 10,000/)});
    expect(denyListCheck(huge).allowed).toBe(true);
    expect(allowListCheck("   ").reason).toBe("the query is empty");
    expect(allowListCheck("SELECT Nmae FROM Genre LIMIT 1").reason).toBe("unknown column Nmae");
    expect(allowListCheck("SELECT COUNT(*) FROM Invoice LIMIT 1").allowed).toBe(true);
    expect(allowListCheck("SELECT Name FROM Genre LIMIT 1", {...DEFAULT_POLICY, tables: {Track: ["Name"]}}).reason).toBe("table Genre is not allowed");
  });
});
