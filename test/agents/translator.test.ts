import {describe, expect, it} from "vitest";
import {loadChinook} from "../../labs/agents/node.js";
import {allowListCheck} from "../../labs/agents/sanitize.js";
import {openReadOnly, runDefended} from "../../labs/agents/sqlite.js";
import {applyAnswers, checkSql, clarifications, parseQuestion, RULES, toSql, YEARS, type Intent, type Slots} from "../../labs/agents/translator.js";

const {SQL, bytes} = await loadChinook();
const db = openReadOnly(SQL, bytes);

describe("text-to-SQL translator", () => {
  it("parseQuestion(...) reads each documented example as its own intent with confidence 1", () => {
    for (const rule of RULES) {
      const p = parseQuestion(rule.example);
      expect(p.intent, rule.example).toBe(rule.intent);
      expect(p.confidence, rule.example).toBe(1);
    }
  });

  it("toSql(...) and checkSql(...) pass the allow-list for every intent and year, and SQLite runs them", () => {
    for (const rule of RULES) {
      for (const year of [null, YEARS[0], YEARS[YEARS.length - 1]]) {
        const slots: Slots = {year: rule.intent === "revenue-by-month" ? (year ?? 2025) : year, period: rule.intent === "growth" ? [2021, 2025] : null, n: 7};
        for (const sql of [toSql(rule.intent, slots), checkSql(rule.intent, slots)]) {
          expect(allowListCheck(sql), sql).toEqual({allowed: true, reason: expect.any(String)});
          const r = runDefended(db, sql);
          expect(r.columns).toEqual(["label", "value"]);
          expect(r.rows.length).toBeGreaterThan(0);
        }
      }
    }
  });

  // Reference values from SQLite directly, with queries written differently from the templates.
  const reference = (sql: string) => runDefended(db, sql).rows;
  const cases: [Intent, Slots, string][] = [
    ["revenue-by-country", {year: 2022, period: null, n: null}, "SELECT BillingCountry, ROUND(SUM(Total), 2) FROM Invoice WHERE InvoiceDate LIKE '2022-%' GROUP BY 1 ORDER BY 2 DESC, 1"],
    ["revenue-by-month", {year: 2021, period: null, n: null}, "SELECT substr(InvoiceDate, 1, 7), ROUND(SUM(Total), 2) FROM Invoice WHERE InvoiceDate LIKE '2021-%' GROUP BY 1 ORDER BY 1"],
    ["top-customers", {year: null, period: null, n: 3}, "SELECT FirstName || ' ' || LastName || ' (' || Country || ')', (SELECT ROUND(SUM(Total), 2) FROM Invoice i WHERE i.CustomerId = c.CustomerId) AS s FROM Customer c ORDER BY s DESC, 1 LIMIT 3"],
    ["total-revenue", {year: null, period: null, n: null}, "SELECT 'all invoices', 2328.6"]
  ];
  for (const [intent, slots, sql] of cases) {
    it(`toSql("${intent}", ...) returns the rows an independent query returns`, () => {
      expect(runDefended(db, toSql(intent, slots)).rows).toEqual(reference(sql));
    });
  }

  it("clarifications(...) asks for what is missing, with defaults, and applyAnswers(...) validates answers", () => {
    const growth = parseQuestion("How did sales change?");
    expect(clarifications(growth).map((c) => [c.slot, c.required])).toEqual([["period", true]]);
    const top = parseQuestion("Who are the best customers?");
    expect(clarifications(top).map((c) => [c.slot, c.fallback])).toEqual([["year", "all"], ["n", "5"]]);
    expect(applyAnswers(top.slots, {year: "2023", n: "12"})).toEqual({year: 2023, period: null, n: 12});
    expect(() => applyAnswers(top.slots, {year: "1999"})).toThrow(/2021 to 2025/);
    expect(() => applyAnswers(top.slots, {n: "many"})).toThrow(/whole number from 1 to 50/);
    expect(() => applyAnswers(growth.slots, {period: "last year"})).toThrow(/two years/);
  });

  it("parseQuestion(...) rejects empty and over-long text and gives unknown questions confidence 0", () => {
    expect(() => parseQuestion("")).toThrow(/Type a question/);
    expect(() => parseQuestion("x".repeat(501))).toThrow(/under 500/);
    expect(parseQuestion("'; DROP TABLE Invoice; --")).toMatchObject({intent: null, confidence: 0});
    expect(parseQuestion("Revenue by genre per country")).toMatchObject({intent: "revenue-by-genre", confidence: 0.6});
  });
});
