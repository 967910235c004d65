// The RLHF notebook in Chromium: loads cleanly with KaTeX, runs every stage (SFT, RM in a worker,
// PPO, DPO) with the default seed and redraws its charts, reacts to each control, reports bad input,
// and reopens a shared URL in the same state.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {launchLab, type Lab, type PageSession, RESPONSIVENESS_RETRY} from "./harness.js";

let lab: Lab;
beforeAll(async () => (lab = await launchLab()));
afterAll(async () => lab?.close());

const nums = (page: Page) => page.locator(".lab-num").allTextContents();
const numContaining = async (page: Page, text: string) => (await nums(page)).find((t) => t.includes(text)) ?? "";
/** Waits until some .lab-num line matches the regular expression `pattern` (given as source text). */
const waitNum = (page: Page, pattern: string) =>
  page.waitForFunction((src) => [...document.querySelectorAll(".lab-num")].some((e) => new RegExp(src).test(e.textContent ?? "")), pattern, {timeout: 60_000});
/** The run controller whose <strong> label is `name`. */
const run = (page: Page, name: string) => page.locator(".lab-run", {has: page.locator(`strong:text-is("${name}")`)});
const setNumber = async (page: Page, label: string, value: string) => {
  const input = page.locator(`form:has(label:text-is("${label}")) input[type=number]`).first();
  await input.fill(value);
  await input.dispatchEvent("input");
};

describe("/rlhf", () => {
  let s: PageSession;
  beforeAll(async () => {
    s = await lab.open("/rlhf");
    await waitNum(s.page, "Best-of-16");
  });
  afterAll(async () => s?.close());

  it("loads with zero problems, renders KaTeX and the precomputed first state of every stage", async () => {
    expect(await s.page.locator(".observablehq--error").allTextContents()).toEqual([]);
    expect(await s.page.locator(".katex").count()).toBeGreaterThan(10);
    const all = (await nums(s.page)).join("\n");
    for (const text of ["Step 150: demonstration NLL", "600 pairs", "Step 100/100", "β = 0.05 · step 150", "Best-of-16", "DPO step 150"]) expect(all).toContain(text);
    expect(await s.page.locator(".lab-misconception").count()).toBeGreaterThanOrEqual(5);
    expect(s.problems()).toEqual([]);
  });

  it("labels the frozen backbone as a simplification, with the computed ceiling of a frozen head (issue 9.3)", async () => {
    const callout = s.page.locator(".lab-misconception", {hasText: "frozen pretrained network"});
    await expect.poll(() => callout.textContent()).toMatch(/Spearman 0\.\d{3} on the surface features \(1\.000 on the oracle's\); the head trained here reaches 0\.\d{3}/);
    expect(await callout.textContent()).toContain("initialised from the SFT model");
    expect(await s.page.locator("p", {hasText: "A simplification:"}).count()).toBe(1);
  });

  it("says which curves lie above from the chart's own numbers (issue 9.6)", async () => {
    const text = (await s.page.locator("#observablehq-main").textContent()) ?? "";
    // On the default data the hidden utility lies above the RM's reward along π*'s frontier.
    expect(text).toMatch(/The upper curves are the hidden utility \(π\*'s mean [−\d.]+\), the lower ones the RM's reward/);
  });

  it("calls out the notes' definition of rejection sampling with the exact sampler's acceptance rate (issue 9, notes)", async () => {
    const callout = s.page.locator(".lab-misconception", {hasText: "Rejection sampling means"});
    expect(await callout.textContent()).toMatch(/At β = 0\.05 the exact sampler accepts \d+\.\d% of draws/);
    expect(await callout.textContent()).toMatch(/Best-of-16 instead puts \d+\.\d% of its mass/);
  });

  it("is accessible (axe-core) and fits a 375 px phone with the SFT bars' labels on screen (issues 10.13, 10.14)", async () => {
    await s.expectAccessible();
    await s.expectFitsPhone();
    // every label of the policy-bar chart starts inside its svg (none cut off at the left edge)
    const offscreen = await s.page.evaluate(() => {
      const svg = [...document.querySelectorAll("svg")].find((e) => e.textContent?.includes("base (θ = 0)"));
      if (!svg) return ["no SFT chart"];
      const left = svg.getBoundingClientRect().left;
      return [...svg.querySelectorAll("text")].filter((t) => t.getBoundingClientRect().left < left - 1).map((t) => t.textContent);
    });
    expect(offscreen).toEqual([]);
    await s.page.setViewportSize({width: 1280, height: 800});
  });

  it("each control changes its output", async () => {
    const page = s.page;
    const before = (await nums(page)).join("\n");
    await setNumber(page, "pairs", "300");
    await waitNum(page, "^300 pairs");
    await waitNum(page, "on 300 pairs"); // the RM retrains on the new label set (autoStart, first snapshot)
    await setNumber(page, "log₁₀ β", "-1");
    await waitNum(page, "β = 0.1 · step 150");
    await page.locator('form:has(label:text-is("best of n")) select').selectOption("64");
    await waitNum(page, "Best-of-64");
    const candidates = () => page.locator("summary", {hasText: "The candidates for"}).textContent();
    const summary = await candidates();
    await page.locator('form:has(label:text-is("prompt")) select').selectOption({index: 3});
    await expect.poll(candidates, {timeout: 20_000}).not.toBe(summary);
    await page.locator("button.rlhf-pick-a").click();
    await waitNum(page, "You have labelled 1 pairs");
    expect((await nums(page)).join("\n")).not.toBe(before);
    expect(page.url()).toContain("pairs=300");
    expect(page.url()).toContain("logbeta=-1");
    expect(page.url()).toContain("n=64");
    expect(s.problems()).toEqual([]);
  });

  it("bad input shows a clear message: an empty label set", async () => {
    const page = s.page;
    await page.locator("button", {hasText: "Clear my labels"}).click();
    await page.locator('form:has(label:text-is("label source")) label:has-text("mine") input').check();
    await page.waitForFunction(() => (document.body.textContent ?? "").includes("The label set is empty"));
    expect(await page.locator(".observablehq--error").count()).toBe(0);
  });
});

describe("/rlhf run live", () => {
  it("runs every stage with the default seed (SFT, RM in a worker, then PPO and DPO against it) and each chart updates", RESPONSIVENESS_RETRY, async () => {
    // 40 RM steps instead of 100: the RM is no longer the precomputed one, so it trains at load, and
    // when it finishes PPO and DPO rerun against it
    const s = await lab.open("/rlhf?rmsteps=40");
    const page = s.page;
    await waitNum(page, "Best-of-16");
    const ppoBefore = await numContaining(page, "β = 0.05");
    const slowdownBefore = await s.slowdown();
    await s.clearLongTasks();
    const ranToEnd = (name: string) =>
      page.waitForFunction((n) => [...document.querySelectorAll(".lab-run")].some((e) => e.querySelector("strong")?.textContent === n && /^[1-9][\d,]* steps · 100%/.test(e.querySelector(".lab-run-status")?.textContent ?? "")), name, {timeout: 60_000});
    // The RM ran live (its controller counted steps; not the build-time snapshot) and its numbers
    // show the finished run. Intermediate steps are not awaited: charts take a snapshot at most every
    // 400 ms, and 40 steps can finish inside one such interval on a fast machine.
    await ranToEnd("Reward model");
    await waitNum(page, "^Step 40/40 on 600 pairs");
    await ranToEnd("PPO");
    await ranToEnd("DPO");
    await waitNum(page, "β = 0.05 · step 150");
    expect(await numContaining(page, "β = 0.05")).not.toBe(ppoBefore);
    // each controller counts the steps its stepper did, not the steps it asked for
    expect(await run(page, "Reward model").locator(".lab-run-status").textContent()).toMatch(/^40 steps · 100%/);
    expect(await run(page, "PPO").locator(".lab-run-status").textContent()).toMatch(/^150 steps · 100%/);
    expect(await run(page, "DPO").locator(".lab-run-status").textContent()).toMatch(/^150 steps · 100%/);
    await s.expectResponsive("rlhf live run", slowdownBefore);
    // SFT: reset to θ = 0 (uniform policy), then train to the end: the same numbers as the build
    await run(page, "SFT").locator(".lab-reset").click();
    await waitNum(page, "^Step 0: ");
    await run(page, "SFT").locator(".lab-start").click();
    await waitNum(page, "^Step 150: demonstration NLL 1\\.772");
    expect(await page.locator(".observablehq--error").count()).toBe(0);
    expect(s.problems()).toEqual([]);
    await s.close();
  });
});

describe("/rlhf with state in the URL", () => {
  it("words the RM paragraph from the same values as its numbers (issue 9.7)", async () => {
    // The link with 60 RM steps instead of 460 (the same wording rule, a shorter run for CI).
    const s = await lab.open("/rlhf?pairs=1510&tau=2.3&disagree=1.15&rmsteps=60");
    const reading = s.page.locator(".rlhf-rm-reading");
    await s.page.waitForFunction(() => /Step 60\/60 on 1510 pairs/.test(document.body.textContent ?? ""), null, {timeout: 60_000});
    await expect.poll(() => reading.textContent(), {timeout: 60_000}).toMatch(/at τ = 2\.3 the hidden utility itself agrees with \d+% of the labels/);
    const text = (await reading.textContent()) ?? "";
    const weight = Number(text.match(/the length weight is (−?[\d.]+)/)![1].replace("−", "-"));
    const verb = weight > 0.01 ? "pays for" : weight < -0.01 ? "charges for" : "is almost indifferent to";
    expect(text).toContain(`so this RM ${verb} length`);
    expect(text).not.toContain("τ = 1 ");
    await s.close();
    const o = await lab.open("/rlhf?backbone=oracle&rmsteps=20");
    const oracle = o.page.locator(".rlhf-rm-reading");
    await expect.poll(() => oracle.textContent(), {timeout: 60_000}).toContain("The oracle backbone has no length feature");
    expect(await oracle.textContent()).not.toContain("—");
    expect(o.problems()).toEqual([]);
    await o.close();
  });

  it("reports a link value the control cannot show instead of replacing it silently (issue 10.9)", async () => {
    const s = await lab.open("/rlhf?dpobeta=5");
    await s.page.waitForFunction(() => (document.body.textContent ?? "").includes("DPO β must be one of 0.05, 0.1, 0.2, 0.5, 1, got"));
    expect(s.page.url()).not.toContain("dpobeta=5");
    await s.close();
  });

  it("reopens the shared state and reports a malformed value", async () => {
    const s = await lab.open("/rlhf?logbeta=-0.5&n=8&dpobeta=0.5&tau=oops");
    await waitNum(s.page, "Best-of-8");
    await waitNum(s.page, "β = 0.32 · step 150");
    await s.page.waitForFunction(() => (document.body.textContent ?? "").includes("τ must be a number"));
    expect(await s.page.locator(".observablehq--error").count()).toBe(0);
    expect(s.problems()).toEqual([]);
    await s.close();
  });
});
