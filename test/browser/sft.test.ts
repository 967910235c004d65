// The SFT page in Chromium: the chat renders through a real template into tokens and labels, bad input shows
// a message, and the two tiny GPTs train a few steps in the worker: the loss falls and both samples appear.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {launchLab, type Lab, RESPONSIVENESS_RETRY} from "./harness.js";

let lab: Lab;
beforeAll(async () => (lab = await launchLab()));
afterAll(async () => lab?.close());

describe("/sft", () => {
  it("renders the default chat, its tokens with single-id control tokens, and the policy tables", async () => {
    const s = await lab.open("/sft");
    await s.page.waitForSelector(".sft-rendered");
    expect(await s.page.locator(".sft-rendered").first().textContent()).toContain("<|im_start|>assistant\nThe symbol of Iron is Fe.<|im_end|>");
    // <|im_start|> is one chip with GPT-2's next free id
    const chips = await s.page.locator(".sft-tokens").first().locator("> div").allTextContents();
    expect(chips[0]).toBe("<|im_start|>50257-100");
    expect(await s.page.locator(".sft-rendered mark").count()).toBe(2);
    expect(await s.page.locator(".observablehq--error").count()).toBe(0);
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("loading the page and editing the conversation keep the main thread free: the tokenizer is built in a worker", RESPONSIVENESS_RETRY, async () => {
    const s = await lab.open("/sft");
    await s.page.waitForSelector(".sft-tokens");
    const before = await s.slowdown();
    await s.clearLongTasks();
    // reload under the trace, so the load itself (and the tokenizer's construction) is measured
    await s.page.reload({waitUntil: "load"});
    await s.page.waitForSelector(".sft-tokens");
    expect(await s.page.locator(".sft-own-vocab").getAttribute("data-outside")).toMatch(/^\d+$/);
    const box = s.page.locator('.lab-control[data-key="chat"] textarea');
    for (const chat of ["user: What is the symbol of Gold?\nassistant: Au.", "system: Be brief.\nuser: And of Tin?\nassistant: The symbol of Tin is Sn."]) {
      await box.fill(chat);
      await s.page.waitForFunction((end) => (document.querySelector(".sft-rendered")?.textContent ?? "").includes(end), chat.split("assistant: ")[1]);
    }
    await s.page.waitForSelector(".sft-tokens");
    const loadTasks = await s.longTasks(); // Long Tasks API, buffered from the reload's navigation
    const {slowdown} = await s.expectResponsive("sft load and edit", before);
    expect(Math.max(0, ...loadTasks), "longest wall-clock task since the reload, ms").toBeLessThan(50 * Math.max(1, slowdown));
    expect(await s.page.locator(".observablehq--error").count()).toBe(0);
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("bad input: an unknown role and a non-alternating Mistral chat show a message, typed text stays text", async () => {
    const s = await lab.open(`/sft?chat=${encodeURIComponent("user: <img src=x onerror=alert(1)>\ntool: run")}`);
    await s.page.waitForSelector('.lab-notice >> text=Line 2 starts a turn with the role "tool"');
    expect(await s.page.locator("img[src=x]").count()).toBe(0);
    await s.close();
    const m = await lab.open(`/sft?family=mistral&chat=${encodeURIComponent("user: a\nuser: b")}`);
    await m.page.waitForSelector(".lab-notice >> text=roles must alternate");
    const long = `user: ${"word ".repeat(60)}\nassistant: ok`;
    await m.page.goto(m.page.url().split("?")[0] + `?chat=${encodeURIComponent(long)}`);
    await m.page.waitForSelector(".lab-notice >> text=more than the 48-token context");
    expect(m.problems()).toEqual([]);
    await m.close();
  });

  it("trains a few steps in the worker: the loss falls, both models' samples appear, the main thread stays free", RESPONSIVENESS_RETRY, async () => {
    const s = await lab.open("/sft?steps=10");
    await s.page.waitForSelector(".sft-tokens");
    const slowdownBefore = await s.slowdown();
    await s.clearLongTasks();
    const start = s.page.locator(".lab-run button", {hasText: "Start"}).first();
    await start.click();
    await s.page.waitForFunction(() => Number(document.querySelector(".sft-status")?.getAttribute("data-step")) >= 6, null, {timeout: 100_000});
    const first = Number(await s.page.locator(".sft-status").getAttribute("data-first"));
    const last = Number(await s.page.locator(".sft-status").getAttribute("data-last"));
    console.log(`SFT in the browser: first loss ${first}, later ${last}; ${await s.page.locator(".lab-run .lab-run-status").first().textContent()}`);
    expect(last).toBeLessThan(first);
    const samples = s.page.locator(".sft-samples [data-variant]");
    expect(await samples.count()).toBe(2);
    for (const v of ["masked", "full"]) expect((await s.page.locator(`.sft-samples [data-variant=${v}] pre`).first().textContent())!.length).toBeGreaterThan(0);
    await s.expectResponsive("sft training", slowdownBefore);
    expect(await s.page.locator(".observablehq--error").count()).toBe(0);
    expect(s.problems()).toEqual([]);
    await s.close();
  });
});
