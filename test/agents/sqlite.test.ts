import {describe, expect, it} from "vitest";
import {loadChinook} from "../../labs/agents/node.js";
import {openReadOnly, runDefended, runNaive} from "../../labs/agents/sqlite.js";

describe("sql.js on Chinook", () => {
  it("runDefended(...) counts 412 invoices totalling 2328.60 (the Chinook sample's known totals)", async () => {
    const {SQL, bytes} = await loadChinook();
    const db = openReadOnly(SQL, bytes);
    const r = runDefended(db, "SELECT COUNT(*), ROUND(SUM(Total), 2) FROM Invoice");
    expect(r.rows[0]).toEqual([412, 2328.6]);
    const lines = runDefended(db, "SELECT COUNT(*) FROM InvoiceLine");
    expect(lines.rows[0][0]).toBe(2240);
    const customers = runDefended(db, "SELECT COUNT(*) FROM Customer");
    expect(customers.rows[0][0]).toBe(59);
    db.close();
  });

  it("runDefended(...) refuses writes on a query_only connection and ignores a stacked tail", async () => {
    const {SQL, bytes} = await loadChinook();
    const db = openReadOnly(SQL, bytes);
    expect(() => runDefended(db, "DELETE FROM Genre")).toThrow(/readonly|read-only|query_only/i);
    const r = runDefended(db, "SELECT COUNT(*) FROM Genre; DROP TABLE Genre");
    expect(r.rows[0][0]).toBe(25);
    expect(runDefended(db, "SELECT COUNT(*) FROM Genre").rows[0][0]).toBe(25);
    // a stacked PRAGMA cannot switch the guard off for the next query: it is re-asserted each time
    runDefended(db, "PRAGMA query_only = OFF");
    expect(() => runDefended(db, "DELETE FROM Genre")).toThrow();
    db.close();
  });

  it("runNaive(...) runs every statement, so a stacked DROP drops the table", async () => {
    const {SQL, bytes} = await loadChinook();
    const db = new SQL.Database(bytes);
    runNaive(db, "SELECT 1; DROP TABLE PlaylistTrack");
    expect(runNaive(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'PlaylistTrack'").rows[0][0]).toBe(0);
    db.close();
  });

  it("runDefended(...) stops at the row cap and says so", async () => {
    const {SQL, bytes} = await loadChinook();
    const db = openReadOnly(SQL, bytes);
    const r = runDefended(db, "SELECT TrackId FROM Track", 10);
    expect(r.rows.length).toBe(10);
    expect(r.truncated).toBe(true);
    expect(() => runDefended(db, "  -- nothing\n")).toThrow(/empty/);
    db.close();
  });
});
