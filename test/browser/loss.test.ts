// The loss notebook in Chromium: loads cleanly and offline, KaTeX renders, every control changes the
// numbers, a link reopens its state, bad input shows a message (never NaN), and the KL fit runs.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {launchLab, type Lab, type PageSession, RESPONSIVENESS_RETRY} from "./harness.js";

let lab: Lab;
beforeAll(async () => (lab = await launchLab()));
afterAll(async () => lab?.close());

const text = async (s: PageSession, selector: string) => ((await s.page.locator(selector).first().textContent()) ?? "").trim();
const num = (t: string) => (t === "∞" ? Infinity : Number(t.replace("−", "-")));
const changed = (s: PageSession, selector: string, before: string) =>
  s.page.waitForFunction(([sel, old]) => document.querySelector(sel)?.textContent?.trim() !== old, [selector, before] as const, {timeout: 10_000});
const noNaN = async (s: PageSession) => expect(await s.page.locator("main").textContent()).not.toMatch(/NaN/);
/** Every test ends the same way: no NaN anywhere, no console problem. */
async function finish(s: PageSession): Promise<void> {
  await noNaN(s);
  expect(s.problems()).toEqual([]);
  await s.close();
}
/** The typed box of a kit control (components/kit/controls.ts), by its URL key. */
const box = (key: string) => `.lab-control[data-key=${key}] input:not([type=range])`;

/** Entropy in bits of softmax(z), computed here independently of the page. */
function entropyBits(z: number[]): number {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return -e.map((v) => v / s).reduce((h, p) => h + (p > 0 ? p * Math.log2(p) : 0), 0);
}

describe("loss page", () => {
  it("loads with zero problems, renders KaTeX and the identity; K, temperature, units and dragging change the numbers", async () => {
    const s = await lab.open("/loss");
    await s.page.waitForSelector(".loss-identity .katex");
    expect(await s.page.locator(".katex").count()).toBeGreaterThan(20);
    expect(await s.page.locator(".observablehq--error").count()).toBe(0);
    const [ce, hp, klpq] = [await text(s, ".v-ce"), await text(s, ".v-hp"), await text(s, ".v-klpq")].map(num);
    expect(ce).toBeCloseTo(hp + klpq, 2);
    expect(await s.page.locator(".lab-misconception").count()).toBeGreaterThanOrEqual(4);
    expect(await s.page.locator(".lab-predict").count()).toBeGreaterThanOrEqual(2);
    await noNaN(s);

    // Predict, then run: the ∞ question reveals the page's computed answer.
    const quiz = s.page.locator(".lab-predict", {hasText: "probability 0 to a class"});
    await quiz.locator(".lab-choices button", {hasText: "both finite"}).click();
    await quiz.locator(".lab-reveal-button").click();
    expect(await quiz.locator(".lab-reveal").textContent()).toMatch(/answer is “KL\(p‖q\) = ∞, KL\(q‖p\) finite”/);

    // Each control changes the numbers and writes itself into the URL.
    let before = await text(s, ".v-hp");
    await s.page.locator(box("K")).fill("9");
    await changed(s, ".v-hp", before);
    await s.page.waitForFunction(() => location.search.includes("K=9"));
    expect(await s.page.locator(".loss-editor-p rect").count()).toBe(9);

    before = await text(s, ".v-hp");
    await s.page.locator(box("Tp")).fill("0.3");
    await changed(s, ".v-hp", before);
    expect(num(await text(s, ".v-hp"))).toBeLessThan(num(before)); // a colder softmax is sharper
    // The temperature sweep's log axis (τ from 0.03 to 3) reads in plain numbers, not SI prefixes ("30m").
    const ticks = await s.page.locator("svg g[aria-label='x-axis tick label'] text").allTextContents();
    expect(ticks.length).toBeGreaterThan(0);
    for (const t of ticks) expect(t).not.toMatch(/\d[mµunkM]$/);

    before = await text(s, ".v-ce");
    await s.page.getByLabel("bits").check();
    await changed(s, ".v-ce", before);
    await s.page.waitForFunction(() => location.search.includes("units=bits"));
    expect(num(await text(s, ".v-ce"))).toBeCloseTo(num(before) / Math.LN2, 2);

    before = await text(s, ".v-klpq");
    const bars = await s.page.locator(".loss-editor-q svg").boundingBox();
    const scale = bars!.width / 320; // the editor is drawn in a 320 × 170 viewBox scaled to its column
    await s.page.mouse.move(bars!.x + 50 * scale, bars!.y + 150 * scale);
    await s.page.mouse.down();
    await s.page.mouse.move(bars!.x + 50 * scale, bars!.y + 30 * scale, {steps: 5});
    await s.page.mouse.up();
    await changed(s, ".v-klpq", before);
    await s.page.waitForFunction(() => new URLSearchParams(location.search).has("q"));
    await noNaN(s);
    expect(s.problems()).toEqual([]);
    await s.expectAccessible();
    await s.expectFitsPhone();
    expect(await s.page.locator(".loss-editor-p svg").evaluate((e) => e.getBoundingClientRect().right)).toBeLessThanOrEqual(375);
    await s.close();
  });

  it("the loss-scale callout shows SGD's update ×10 and Adam's the same; a temperature of 1e-303 gives a one-hot q, never NaN", async () => {
    const s = await lab.open("/loss");
    await s.page.waitForSelector(".v-sgd-ratio");
    // SGD: θ −= η·c·g, so the first update is exactly c = 10 times longer; Adam: m̂/√v̂ cancels c.
    expect(await text(s, ".v-sgd-ratio")).toMatch(/^10\.000 times as long$/);
    expect(await text(s, ".v-adam-ratio")).toMatch(/^the same length \(ratio 1\.0000\d{3}\)$/); // 1 up to ε/|g|
    await s.page.locator(box("Tq")).fill("1e-303");
    await s.page.waitForFunction(() => document.querySelector(".v-hq")?.textContent?.trim() === "0.000"); // one-hot: H(q) = 0
    await noNaN(s);
    await s.page.locator(box("Tq")).fill("100");
    await s.page.waitForFunction(() => document.querySelector(".v-hq")?.textContent?.trim() !== "0.000");
    // T = 100 on logits of size ~1: q is nearly uniform, H(q) close to ln 5.
    expect(num(await text(s, ".v-hq"))).toBeCloseTo(Math.log(5), 2);
    await finish(s);
  });

  it("a URL with state reopens that state; numbers match an independent computation; q = 0 < p gives ∞, logits ±1000 stay finite", async () => {
    const s = await lab.open("/loss?K=3&p=0,1,2&q=2,1,0&Tp=1&Tq=1&units=bits&path=mixing&eps=0.2");
    await s.page.waitForSelector(".v-hp");
    expect(await s.page.locator(".loss-editor-p .loss-logits input").inputValue()).toBe("0, 1, 2");
    expect(await s.page.locator(box("K")).inputValue()).toBe("3");
    expect(await s.page.locator(box("eps")).inputValue()).toBe("0.2");
    expect(num(await text(s, ".v-hp"))).toBeCloseTo(entropyBits([0, 1, 2]), 3);
    expect(await s.page.getByLabel("mixing toward p").isChecked()).toBe(true);
    // Label smoothing: best gap log((1 - ε + ε/K) / (ε/K)) for K = 3, ε = 0.2.
    expect(num(await text(s, ".v-gap"))).toBeCloseTo(Math.log((1 - 0.2 + 0.2 / 3) / (0.2 / 3)), 3);

    // q = 0 < p: KL(p‖q) is ∞ and shown as such, KL(q‖p) stays finite; never NaN.
    await s.page.locator(".loss-editor-q .loss-logits input").fill("0, 0, -inf");
    await s.page.waitForFunction(() => document.querySelector(".v-klpq")?.textContent?.trim() === "∞");
    expect(Number.isFinite(num(await text(s, ".v-klqp")))).toBe(true);
    await noNaN(s);
    // Logits of ±1000: log-softmax keeps KL finite and exact: Σ p (log p - log q) with log q = [0, -2000, -2000].
    await s.page.locator(".loss-editor-q .loss-logits input").fill("1000, -1000, -1000");
    await s.page.waitForFunction(() => document.querySelector(".v-klpq")?.textContent?.trim() !== "∞");
    const e = [1, Math.E, Math.E ** 2];
    const p = e.map((v) => v / (e[0] + e[1] + e[2]));
    const klNats = p.reduce((acc, pi, i) => acc + pi * (Math.log(pi) - [0, -2000, -2000][i]), 0);
    expect(num(await text(s, ".v-klpq"))).toBeCloseTo(klNats / Math.LN2, 1);
    // "Draw p and q from the seed" drops both from the link and starts again from the seeded logits.
    await s.page.locator("button.loss-redraw").click();
    await s.page.waitForFunction(() => !/[?&][pq]=/.test(location.search));
    expect(await s.page.locator(".loss-editor-p .loss-logits input").inputValue()).not.toBe("0, 1, 2");
    await finish(s);
  });

  it("a malformed link lists the bad values and falls back; bad typed values show a message in place of the chart", async () => {
    const s = await lab.open("/loss?K=0&Tp=abc&p=1,x&lr=-3");
    const message = await text(s, ".lab-url-problems");
    expect(message).toMatch(/“K”/);
    expect(message).toMatch(/“Tp”/);
    expect(message).toMatch(/“p”/);
    expect(message).toMatch(/“lr”/);
    await s.page.waitForSelector(".v-hp"); // defaults still computed
    // A bad typed value shows its message beside the box; the page keeps the last good value (kit v2).
    await s.page.locator(box("K")).fill("0");
    await s.page.waitForSelector(".lab-control[data-key=K] .lab-control-error:has-text('K must be at least 2')");
    expect(await s.page.locator(".loss-editor-p rect").count()).toBe(5);
    await s.page.locator(box("K")).fill("4");
    await s.page.waitForFunction(() => document.querySelectorAll(".loss-editor-p rect").length === 4);
    expect(await text(s, ".lab-control[data-key=K] .lab-control-error")).toBe("");
    await s.page.locator(box("Tq")).fill("0");
    await s.page.waitForSelector(".lab-control[data-key=Tq] .lab-control-error:has-text('temperature of q must be greater than 0')");
    await s.page.locator(box("Tq")).fill("1");
    await s.page.waitForSelector(".v-hp");
    await s.page.locator(".loss-editor-p .loss-probs input").fill("0.5, -0.1, 0.3, 0.3");
    await s.page.locator(".loss-editor-p .loss-probs input").press("Enter");
    await s.page.waitForSelector(".lab-notice:has-text('cannot be negative')");
    await s.page.locator(".loss-editor-p .loss-logits input").fill("1, 2, abc, 0");
    await s.page.waitForSelector(".loss-editor-p .lab-notice:has-text('must be a number, got \"abc\"')");
    await finish(s);
  });

  it("the default fit shows the run computed at build time, labelled so; other settings start at step 0, not labelled precomputed", async () => {
    const s = await lab.open("/loss");
    await s.page.waitForSelector(".loss-fit-table");
    expect(await text(s, ".loss-fit-table th")).toBe("step 300");
    expect(await text(s, ".lab-run-status")).toMatch(/precomputed at build time/);
    // The callouts quote that run: one mode for the reverse fit (μ near ±2).
    expect(await text(s, ".lab-misconception:has-text('Forward KL is mode-seeking') .lab-evidence")).toMatch(/on the (left|right) mode only/);
    await s.page.locator(".lab-control[data-key=lr] input[type=number]").fill("0.2");
    await s.page.locator(".lab-control[data-key=lr] input[type=number]").dispatchEvent("input");
    await s.page.waitForFunction(() => document.querySelector(".loss-fit-table th")?.textContent?.trim() === "step 0");
    expect(await text(s, ".lab-run-status")).not.toMatch(/precomputed/);
    expect(await text(s, ".lab-misconception:has-text('Forward KL is mode-seeking') .lab-evidence")).toMatch(/Run the fit above/);
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("the KL fit runs in the worker: a few steps lower both objectives, pause and reset work", RESPONSIVENESS_RETRY, async () => {
    const s = await lab.open("/loss?seed=1");
    await s.page.waitForSelector(".loss-fit-table");
    const objective = async (row: string) => num(await text(s, `.fit-${row} .kl-objective`));
    const f0 = await objective("forward");
    const r0 = await objective("reverse");
    // Let the page finish loading (KaTeX, charts) before measuring the run's main-thread tasks.
    await s.page.waitForLoadState("networkidle");
    await s.page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(null), {timeout: 5000})));
    const slowdownBefore = await s.slowdown();
    await s.clearLongTasks();
    await s.page.locator(".lab-run .lab-start").click();
    await s.page.waitForFunction(() => Number(/step (\d+)/.exec(document.querySelector(".loss-fit-table th")?.textContent ?? "")?.[1]) >= 30, null, {timeout: 30_000});
    await s.page.locator(".lab-run .lab-start").click(); // pause
    // The training runs in the worker: the page's own thread has no tfjs engine (tfjs-core keeps it in globalThis._tfengine).
    expect(await s.page.evaluate(() => typeof (globalThis as unknown as {_tfengine?: unknown})._tfengine)).toBe("undefined");
    expect(await text(s, ".lab-run-status")).toMatch(/tfjs cpu backend/); // reported by the worker
    await s.expectResponsive("loss KL fit", slowdownBefore);
    expect(await objective("forward")).toBeLessThan(f0);
    expect(await objective("reverse")).toBeLessThan(r0);
    await s.page.locator(".lab-run .lab-reset").click();
    await s.page.waitForFunction(() => /step 0\b/.test(document.querySelector(".loss-fit-table th")?.textContent ?? ""));
    expect(await objective("forward")).toBeCloseTo(f0, 3);
    expect(s.problems()).toEqual([]);
    await s.close();
  });
});
