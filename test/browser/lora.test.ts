// The LoRA page in Chromium: loads cleanly with KaTeX and the precomputed first state, trains live in a
// worker without blocking the main thread, reacts to its controls and reopens the state from its URL.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {launchLab, type Lab, RESPONSIVENESS_RETRY} from "./harness.js";

let lab: Lab;
beforeAll(async () => (lab = await launchLab()));
afterAll(async () => lab?.close());

const text = async (s: {page: import("playwright-core").Page}, selector: string) => (await s.page.locator(selector).first().textContent()) ?? "";

describe("/lora", () => {
  it("loads with no problems, renders KaTeX and shows the precomputed runs", async () => {
    const s = await lab.open("/lora");
    await s.page.waitForSelector(".katex");
    await s.page.waitForSelector(".sim-status");
    expect(await text(s, ".sim-status")).toMatch(/step 300 of 300/);
    expect(await text(s, ".init-change")).toBe("0.000000");
    await s.page.waitForSelector(".mlp-status");
    await s.page.waitForSelector(".qlora-status");
    expect(await text(s, ".nf4-code")).toMatch(/−1\.0000, −0\.6962, −0\.5251/);
    expect(await s.page.locator(".lab-misconception").count()).toBe(5);
    expect(await s.page.locator(".observablehq--error").count()).toBe(0);
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("a changed control trains live in the worker: losses fall to the floors and the spectra update", RESPONSIVENESS_RETRY, async () => {
    const s = await lab.open("/lora?rstar=2&alpha=16&steps=120");
    expect(await s.page.locator("input[type=number][max='16']").first().inputValue()).toBe("2");
    await s.page.waitForSelector(".memory-status"); // the page's last cells have run
    const slowdownBefore = await s.slowdown();
    await s.clearLongTasks();
    const t0 = Date.now();
    // autoStart: wait for the first run controller to finish
    await s.page.waitForFunction(() => (document.querySelector(".lab-run progress") as HTMLProgressElement | null)?.value === 1, null, {timeout: 90_000});
    const seconds = (Date.now() - t0) / 1000;
    console.log(`simulation in the browser: ${seconds.toFixed(1)} s; ${await text(s, ".lab-run .lab-run-status")}`);
    await s.page.waitForSelector(".sim-status >> text=step 120 of 120");
    // the controller counts the steps the worker did, not the steps it asked for (the last tick is cut at 120)
    expect(await text(s, ".lab-run .lab-run-status")).toMatch(/^120 steps · 100%/);
    // spectra chart: learned singular values plotted (one dot per model per index + the target's)
    expect(await s.page.locator("svg circle").count()).toBeGreaterThan(20);
    // the rank-1 row sits on its floor (loss / floor ≈ 1.00), the rank-2 row is far below the rank-1 floor
    const rows = await s.page.locator("table.sim-table tr").allTextContents();
    const r1 = rows.find((r) => r.includes("LoRA r=1"))!;
    expect(r1).toMatch(/1\.0[01]\d/);
    await s.expectResponsive("lora training", slowdownBefore);
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("bad input shows a clear message: block size, rank, alpha", async () => {
    const s = await lab.open("/lora?block=60");
    await s.page.waitForSelector(".lab-notice >> text=block size 60 does not divide the row length 256");
    const r = s.page.getByLabel("r", {exact: true});
    await r.fill("0");
    await r.dispatchEvent("input");
    await s.page.waitForSelector(".lab-notice >> text=at least 1");
    await r.fill("5000");
    await r.dispatchEvent("input");
    await s.page.waitForSelector(".lab-notice >> text=exceeds min(d, k) = 4096");
    await r.fill("8");
    await r.dispatchEvent("input");
    const a = s.page.getByLabel("α", {exact: true});
    await a.fill("abc");
    await a.dispatchEvent("input");
    await s.page.waitForSelector('.lab-notice >> text=alpha must be a number, got "abc"');
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("controls change the output and write the URL: memory preset, rank, seed", async () => {
    const s = await lab.open("/lora?model=LLaMA-7B&memr=8&targets=q,v&seed=7");
    await s.page.waitForSelector(".memory-status");
    const before = await text(s, ".memory-status");
    expect(before).toMatch(/LLaMA-7B: 6\.74B parameters; 4,194,304 adapter parameters/);
    await s.page.locator("select").first().selectOption("LLaMA-65B");
    await s.page.waitForFunction(() => location.search.includes("model=LLaMA-65B"));
    expect(await text(s, ".memory-status")).not.toBe(before);
    // another seed changes the quantized matrix, hence the error table
    const q1 = await s.page.locator("table.quant-table").textContent();
    await s.page.locator(".lab-seed input").fill("8");
    await s.page.locator(".lab-seed input").press("Enter");
    await s.page.waitForFunction(() => location.search.includes("seed=8"));
    await s.page.waitForFunction((old) => document.querySelector("table") && [...document.querySelectorAll("table")].some((t) => t.textContent?.includes("bits / parameter") && t.textContent !== old), q1);
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("the MLP run steps from reset: pretraining on task A in the worker", async () => {
    const s = await lab.open("/lora");
    await s.page.waitForSelector(".mlp-status");
    const run = s.page.locator(".lab-run").nth(1);
    await run.locator(".lab-reset").click();
    await run.locator(".lab-step").click();
    await s.page.waitForSelector("text=Pretraining on task A: step 1 of 350");
    expect(s.problems()).toEqual([]);
    await s.close();
  });
});
