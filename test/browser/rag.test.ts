// The /rag page in Chromium: the build-time evaluation is shown, a changed control re-evaluates all
// questions in the worker without long main-thread tasks, a question is answered with a citation,
// a deleted document is never cited again, bad input shows a message, and pasted markup stays text.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {launchLab, type Lab, type PageSession, RESPONSIVENESS_RETRY} from "./harness.js";

let lab: Lab;
beforeAll(async () => (lab = await launchLab()));
afterAll(async () => lab?.close());

const answerText = (s: PageSession) => s.page.locator(".rag-answer").first().textContent();

describe("/rag", () => {
  it("shows the measured first state, answers with a citation, is accessible and fits a phone", async () => {
    const s = await lab.open("/rag", {waitFor: ".rag-metrics"});
    const rows = await s.page.locator(".rag-metrics tr").allTextContents();
    expect(rows.length).toBe(10); // header + 3 methods × 3 types
    expect(rows.some((r) => r.startsWith("BM25single-hop160"))).toBe(true);
    await s.page.waitForSelector(".rag-answer");
    expect(await answerText(s)).toContain("3,000");
    expect(await s.page.locator(".rag-cite").first().textContent()).toContain("1997");
    expect(await s.page.evaluate(() => document.body.innerText.includes("NaN"))).toBe(false);
    await s.expectAccessible();
    await s.expectFitsPhone();
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("the pooling table shows word2vec mean/SIF and the tiny GPT's mean and last-token rows, trained at build time", async () => {
    const s = await lab.open("/rag", {waitFor: ".rag-pooling"});
    const rows = await s.page.locator(".rag-pooling tbody tr").allTextContents();
    expect(rows.length).toBe(8); // 4 poolings × single/multi
    for (const name of ["word2vec, mean", "word2vec, SIF", "tiny GPT, mean of hidden states", "tiny GPT, last token"]) expect(rows.some((r) => r.startsWith(name))).toBe(true);
    expect(await s.page.locator(".rag-gpt-budget").textContent()).toMatch(/trained at build time on the chunks' text: \d+ AdamW steps/);
    expect(await s.page.evaluate(() => document.body.innerText.includes("NaN"))).toBe(false);
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("a changed control re-evaluates the 215 questions in the worker, main-thread tasks under 50 ms", RESPONSIVENESS_RETRY, async () => {
    const s = await lab.open("/rag?k1=1.5", {waitFor: ".rag-metrics"});
    const before = await s.slowdown();
    await s.clearLongTasks();
    await s.page.waitForFunction(() => /215 batches|15 \/ 15|done/i.test(document.querySelector(".lab-run")?.textContent ?? "") || /After 215 of 215/.test(document.body.innerText), undefined, {timeout: 90_000});
    await s.expectResponsive("rag evaluation", before);
    expect(await s.page.evaluate(() => document.body.innerText.includes("After 215 of 215 questions"))).toBe(true);
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("deleting the 1997 address: it is no longer retrieved or cited", async () => {
    const s = await lab.open("/rag", {waitFor: ".rag-answer"});
    expect(await s.page.locator(".rag-cite").first().textContent()).toContain("1997");
    await s.page.getByRole("button", {name: "Delete this document"}).click();
    await s.page.waitForFunction(() => /Deleted 1997/.test(document.querySelector(".rag-change")?.textContent ?? ""));
    await s.page.waitForFunction(() => !/1997/.test(document.querySelector(".rag-query")?.textContent ?? "1997"));
    expect(await s.page.locator(".rag-meta").allTextContents()).not.toContain(expect.stringContaining("1997"));
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("bad input: stop-word query, overlap ≥ size and pasted markup give messages or text, never HTML", async () => {
    const s = await lab.open("/rag?size=20&overlap=40", {waitFor: ".rag-pipeline"});
    await s.page.waitForFunction(() => [...document.querySelectorAll(".lab-notice")].some((n) => /smaller than the chunk size/.test(n.textContent ?? "")));
    expect(s.problems()).toEqual([]);
    await s.close();
    const t = await lab.open("/rag?q=the%20of%20and", {waitFor: ".rag-pipeline"});
    await t.page.waitForFunction(() => [...document.querySelectorAll(".lab-notice")].some((n) => /stop words/.test(n.textContent ?? "")));
    const pasted = t.page.locator('.lab-control[data-key="doc"] textarea');
    await pasted.fill("<b id=injected>quokka</b> quokka habitats on Rottnest Island.");
    await t.page.getByRole("button", {name: /Add or replace/}).click();
    await t.page.waitForFunction(() => /Indexed “pasted”/.test(document.querySelector(".rag-change")?.textContent ?? ""));
    await t.page.locator('.lab-control[data-key="q"] input').fill("quokka Rottnest");
    await t.page.waitForFunction(() => /quokka/.test(document.querySelector(".rag-query")?.textContent ?? ""));
    expect(await t.page.locator("#injected").count()).toBe(0);
    expect(await t.page.locator(".rag-chunk").first().textContent()).toContain("<b id=injected>");
    expect(t.problems()).toEqual([]);
    await t.close();
  });
});
