// /agents in Chromium: the agent runs end to end on SQLite in a worker and its report links numbers
// to SQL; a run interrupted by a reload resumes from IndexedDB; the guard duel table renders; typed
// malicious SQL is rejected with a message, a runaway query is stopped, a 1 MB query is refused.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {launchLab, type Lab} from "./harness.js";

let lab: Lab;
beforeAll(async () => (lab = await launchLab()));
afterAll(async () => lab?.close());


const sqlBox = ".lab-control[data-key=sql] textarea";
const sqlSubmit = ".lab-control[data-key=sql] button";

describe("/agents", () => {
  it("runs the agent end to end: four steps done, a report whose numbers link to q1 and q2", async () => {
    const s = await lab.open("/agents");
    await s.page.waitForSelector(".lab-start");
    await s.page.locator(".lab-start").first().click();
    await s.page.waitForSelector(".agents-report .agents-number", {timeout: 60_000});
    expect(await s.page.locator(".agents-graph .agents-done").count()).toBe(4);
    expect(await s.page.locator(".observablehq--error").allTextContents()).toEqual([]);
    const links = await s.page.$$eval(".agents-number", (as) => as.map((a) => a.getAttribute("href")));
    expect(links.length).toBeGreaterThanOrEqual(3);
    expect(new Set(links)).toEqual(new Set(["#agents-q1", "#agents-q2"]));
    // the check query's total for 2024 is the sum of that year's invoice lines
    expect(await s.page.locator("#agents-q2").textContent()).toContain("477.53");
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("resumes a run from IndexedDB after a reload during the backoff wait, without repeating clarify", async () => {
    // Step Functions' waits (1, 2, 4 s, no jitter) leave time to reload before the retry
    const s = await lab.open("/agents?fault-step=retrieve&fault=timeout&times=3&retry=step-functions");
    await s.page.waitForSelector(".lab-start");
    await s.page.locator(".lab-start").first().click();
    await s.page.waitForFunction(() => document.querySelector(".agents-log")?.textContent?.includes("retrying in"), null, {timeout: 30_000});
    await s.page.reload();
    // the reloaded page loads the run from IndexedDB: its newest log line says so
    await s.page.waitForFunction(() => document.querySelector(".agents-log")?.textContent?.includes("resumed from the state store: clarify done"), null, {timeout: 30_000}).catch(async (error) => {
      throw new Error(`${error}; the log reads: ${await s.page.locator(".agents-log").textContent()}`);
    });
    await s.page.locator(".lab-start").first().click();
    await s.page.waitForSelector(".agents-report .agents-number", {timeout: 60_000});
    // clarify ran once in all (before the reload); retrieve failed once, then succeeded
    expect(await s.page.locator(".agents-graph [data-step=clarify]").textContent()).toContain("try 1");
    expect(await s.page.locator(".agents-graph [data-step=retrieve]").textContent()).toContain("try 4");
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("asks a clarifying question when the period is missing, and continues with the reader's answer", async () => {
    const s = await lab.open("/agents?q=" + encodeURIComponent("How did revenue grow?"));
    await s.page.waitForSelector(".lab-start");
    await s.page.locator(".lab-start").first().click();
    await s.page.waitForSelector(".agents-questions input[name=period]", {timeout: 30_000});
    await s.page.fill(".agents-questions input[name=period]", "2023 to 1999");
    await s.page.locator(".agents-questions button").click();
    await s.page.waitForFunction(() => document.querySelector(".agents-questions .agents-error")?.textContent?.includes("2021 to 2025"));
    await s.page.fill(".agents-questions input[name=period]", "2023-2024");
    await s.page.locator(".agents-questions button").click();
    await s.page.waitForSelector(".agents-report .agents-number", {timeout: 60_000});
    // (477.53 - 469.58) / 469.58 = +1.69%
    expect(await s.page.locator(".agents-report").textContent()).toContain("+1.7%");
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("renders the guard duel (every case rejected by the allow-list) and rejects typed malicious SQL with a message", async () => {
    const s = await lab.open("/agents");
    await s.page.waitForSelector(".agents-duel tbody tr");
    await s.expectAccessible();
    const rows = await s.page.locator(".agents-duel").first().locator("tbody tr").count();
    expect(rows).toBeGreaterThanOrEqual(30);
    const allowCells = await s.page.locator(".agents-duel").first().locator("tbody tr td:nth-child(4) ").evaluateAll((tds) => tds.map((td) => td.className));
    expect(allowCells.every((c) => c.includes("agents-block"))).toBe(true);

    await s.page.fill(sqlBox, "SELECT Name FROM Genre LIMIT 3; DROP TABLE Invoice");
    await s.page.locator(sqlSubmit).click();
    await s.page.waitForFunction(() => document.querySelector(".agents-verdicts")?.textContent?.includes("DROP TABLE") === false && document.querySelector(".agents-verdicts")?.textContent?.includes("allow-list: rejected"), null, {timeout: 30_000});
    expect(await s.page.locator(".agents-verdicts").textContent()).toContain("2 statements; exactly one is allowed");
    await s.page.waitForFunction(() => document.querySelector(".agents-verdict table")?.textContent?.includes("table Invoice dropped"), null, {timeout: 30_000});

    // a query that never ends: stopped at the time limit, the tab stays responsive
    const before = await s.slowdown();
    await s.clearLongTasks();
    await s.page.fill(sqlBox, "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT COUNT(*) FROM n");
    await s.page.locator(sqlSubmit).click();
    await s.page.waitForFunction(() => (document.querySelector(".agents-verdict table")?.textContent?.match(/stopped at the time limit/g) ?? []).length === 2, null, {timeout: 30_000});
    await s.expectResponsive("runaway query", before);

    // a 1 MB query: the control refuses it with a message and keeps the last good query
    await s.page.fill(sqlBox, "SELECT '" + "x".repeat(1_000_000) + "'");
    await s.page.locator(sqlSubmit).click();
    await s.page.waitForFunction(() => document.querySelector(".lab-control[data-key=sql] .lab-control-error")?.textContent?.includes("the limit is 10,000"), null, {timeout: 30_000});
    await s.expectFitsPhone();
    expect(s.problems()).toEqual([]);
    await s.close();
  });
});
