// The whole built site in Chromium: every page loads cleanly and offline, the sidebar links only to
// pages that exist, and the lab kit (seed, URL state, run controller in a worker, callouts) works.
import {readdirSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {launchLab, type Lab, RESPONSIVENESS_RETRY} from "./harness.js";

let lab: Lab;
beforeAll(async () => (lab = await launchLab()));
afterAll(async () => lab?.close());

const pages = readdirSync("dist")
  .filter((f) => f.endsWith(".html") && f !== "404.html")
  .map((f) => (f === "index.html" ? "/" : "/" + f.replace(/\.html$/, "")));

describe("every page", () => {
  it("the build produced the home page and the teaching guide", () => {
    expect(pages).toContain("/");
    expect(pages).toContain("/teaching");
  });

  for (const path of pages) {
    it(`${path} loads with no console errors, failed or external requests, and renders its cells`, async () => {
      const s = await lab.open(path);
      await s.page.waitForLoadState("networkidle");
      // Framework marks a cell that threw with .observablehq--error.
      const cellErrors = await s.page.locator(".observablehq--error").allTextContents();
      expect(cellErrors).toEqual([]);
      expect(await s.page.locator("h1").first().textContent()).toBeTruthy();
      const texCount = await s.page.locator(".katex").count();
      const usesTex = await s.page.evaluate(() => document.documentElement.innerHTML.includes("tex`"));
      if (usesTex) expect(texCount).toBeGreaterThan(0);
      expect(s.problems()).toEqual([]);
      await s.close();
    });
  }
});

describe("navigation", () => {
  it("every sidebar link resolves to a page that exists", async () => {
    const s = await lab.open("/");
    const hrefs = await s.page.$$eval("#observablehq-sidebar a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.length).toBeGreaterThan(1);
    for (const href of hrefs) {
      const response = await s.page.request.get(href);
      expect(response.status(), href).toBe(200);
    }
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("the home page maps the curriculum and links the ready notebooks", async () => {
    const s = await lab.open("/");
    await s.page.waitForSelector(".lab-map a");
    const links = await s.page.$$eval(".lab-map a", (as) => as.map((a) => a.getAttribute("href")));
    expect(links).toContain("./teaching");
    expect(s.problems()).toEqual([]);
    await s.close();
  });
});

describe("lab kit on the teaching page", () => {
  it("the responsiveness check fails when one main-thread task computes for over 50 ms", async () => {
    const s = await lab.open("/teaching");
    const slowdownBefore = await s.slowdown();
    await s.clearLongTasks();
    // A fixed amount of work (about 3 × 30 ms of CPU on an idle core), however busy the machine is.
    await s.page.evaluate(() => {
      let x = 0;
      for (let i = 0; i < 6e7; i++) x += Math.sqrt(i);
      return x;
    });
    await expect(s.expectResponsive("a deliberately long task", slowdownBefore)).rejects.toThrow(/CPU time of the longest main-thread task/);
    await s.close();
  });

  it("the run controller runs the worker, shows progress, pauses and resets", RESPONSIVENESS_RETRY, async () => {
    const s = await lab.open("/teaching?points=100000&seed=7");
    await s.page.waitForLoadState("networkidle");
    const slowdownBefore = await s.slowdown();
    await s.clearLongTasks();
    const start = s.page.locator(".lab-run .lab-start");
    await start.click();
    await s.page.waitForFunction(() => document.querySelector(".lab-run progress")?.getAttribute("value") === "1" || (document.querySelector(".lab-run progress") as HTMLProgressElement)?.value === 1, null, {timeout: 30_000});
    await s.page.waitForFunction(() => document.querySelector(".pi-estimate")?.textContent?.includes("after 100,000 points"), null, {timeout: 10_000});
    const text = await s.page.locator(".pi-estimate").textContent();
    const estimate = Number(/estimate ([\d.]+)/.exec(text ?? "")?.[1]);
    expect(Math.abs(estimate - Math.PI)).toBeLessThan(0.03);
    expect(await s.page.locator(".lab-run .lab-run-status").textContent()).toMatch(/batches\/s/);
    // The work ran in a worker: the main thread never blocked for more than 50 ms meanwhile.
    await s.expectResponsive("teaching run", slowdownBefore);
    await s.page.locator(".lab-run .lab-reset").click();
    await s.page.waitForSelector(".lab-notice.lab-info");
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("the same link gives the same numbers (seeded), and another seed gives others", async () => {
    const estimateFor = async (query: string) => {
      const s = await lab.open(`/teaching?${query}`);
      await s.page.locator(".lab-run .lab-step").click();
      await s.page.waitForSelector(".pi-estimate");
      const text = await s.page.locator(".pi-estimate").textContent();
      expect(s.problems()).toEqual([]);
      await s.close();
      return text;
    };
    const a = await estimateFor("points=20000&seed=11");
    const b = await estimateFor("points=20000&seed=11");
    const c = await estimateFor("points=20000&seed=12");
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it("a URL with state reopens it, and controls write their value back to the URL", async () => {
    const s = await lab.open("/teaching?points=50000&seed=99");
    expect(await s.page.locator(".lab-seed input").inputValue()).toBe("99");
    expect(await s.page.locator("input[type=number][max='2000000']").inputValue()).toBe("50000");
    await s.page.locator(".lab-seed input").fill("123");
    await s.page.waitForFunction(() => location.search.includes("seed=123"));
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("a malformed link shows which values were ignored, and the page still works", async () => {
    const s = await lab.open("/teaching?points=abc&seed=-4");
    const message = await s.page.locator(".lab-url-problems").textContent();
    expect(message).toMatch(/points/);
    expect(message).toMatch(/seed/);
    expect(await s.page.locator("input[type=number][max='2000000']").inputValue()).toBe("200000");
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("predict, then run: the answer is revealed only after a choice", async () => {
    const s = await lab.open("/teaching");
    const callout = s.page.locator(".lab-predict").first();
    expect(await callout.locator(".lab-reveal-button").isDisabled()).toBe(true);
    await callout.locator(".lab-choices button", {hasText: "2×"}).click();
    await callout.locator(".lab-reveal-button").click();
    expect(await callout.locator(".lab-reveal").textContent()).toMatch(/answer is “10×”/);
    expect(await callout.locator("button.lab-correct").textContent()).toBe("10×");
    await s.close();
  });
});

describe("lab kit v2 and the site", () => {
  it("a link value off the slider's step is snapped, reported, and the address rewritten to what is used", async () => {
    const s = await lab.open("/teaching?points=50500");
    expect(await s.page.locator("input[type=number][max='2000000']").inputValue()).toBe("51000");
    expect(await s.page.locator(".lab-url-problems").textContent()).toMatch(/points moves in steps of 1000.*50500 is shown as 51000/);
    expect(await s.page.evaluate(() => location.search)).toBe("?points=51000");
    // Hexadecimal is refused like any other non-decimal text, and a 10,000-character value is quoted short.
    const t = await lab.open(`/teaching?points=0x10&seed=${"7".repeat(10_000)}`);
    const text = (await t.page.locator(".lab-url-problems").textContent()) ?? "";
    expect(text).toMatch(/points must be a number, got "0x10"/);
    expect(text.length).toBeLessThan(600);
    expect(s.problems()).toEqual([]);
    expect(t.problems()).toEqual([]);
    await s.close();
    await t.close();
  });

  it("a typed bad seed shows a message beside the box and keeps the last good value", async () => {
    const s = await lab.open("/teaching?seed=5");
    await s.page.locator(".lab-seed input").fill("12abc");
    expect(await s.page.locator(".lab-seed .lab-control-error").textContent()).toMatch(/Seed must be a number/);
    expect(await s.page.evaluate(() => location.search)).toBe("?seed=5");
    await s.page.locator(".lab-seed input").fill("6");
    await s.page.waitForFunction(() => location.search === "?seed=6");
    expect(await s.page.locator(".lab-seed .lab-control-error").textContent()).toBe("");
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("a run whose worker cannot load shows the error, and Reset recovers once it can", async () => {
    const s = await lab.open("/teaching?points=20000");
    let block = true;
    await s.page.route("**/monte-carlo-pi.worker*.js", (route) => (block ? route.fulfill({status: 404, body: "gone"}) : route.fallback()));
    await s.page.locator(".lab-run .lab-reset").click();
    await s.page.waitForFunction(() => /worker failed/.test(document.querySelector(".lab-run .lab-run-error")?.textContent ?? ""), null, {timeout: 10_000});
    expect(await s.page.locator(".lab-run .lab-start").textContent()).not.toBe("Pause");
    block = false;
    await s.page.locator(".lab-run .lab-reset").click();
    await s.page.locator(".lab-run .lab-start").click();
    await s.page.waitForFunction(() => (document.querySelector(".lab-run progress") as HTMLProgressElement)?.value === 1, null, {timeout: 30_000});
    expect(await s.page.locator(".lab-run .lab-run-error").textContent()).toBe("");
    // The 404 and the worker's load error were provoked on purpose; nothing else went wrong.
    expect(s.problems().filter((p) => !/monte-carlo-pi\.worker|Failed to fetch a worker script|404/.test(p))).toEqual([]);
    await s.close();
  });

  it("site search finds a notebook by a term from its text, offline (index built at build time)", async () => {
    const s = await lab.open("/");
    await s.page.locator("#observablehq-search input").fill("Bradley");
    await s.page.waitForSelector("#observablehq-search-results a");
    const hrefs = await s.page.$$eval("#observablehq-search-results a", (as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.some((h) => /rlhf/.test(h))).toBe(true);
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("after one page has loaded, another notebook opens and trains offline (service worker)", async () => {
    const s = await lab.open("/", {serviceWorkers: true});
    // ready resolves once the worker is active, i.e. once it has precached the whole site.
    await s.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await s.setOffline(true);
    await s.page.goto(`${s.origin}/teaching?points=20000`);
    await s.page.locator(".lab-run .lab-start").click();
    await s.page.waitForFunction(() => (document.querySelector(".lab-run progress") as HTMLProgressElement)?.value === 1, null, {timeout: 30_000});
    expect(await s.page.locator(".pi-estimate").textContent()).toMatch(/after 20,000 points/);
    await s.close();
  });

  it("an unknown address gets the site's 404 page", async () => {
    const s = await lab.open("/no-such-notebook");
    expect(await s.page.locator("h1").first().textContent()).toMatch(/Page not found/);
    // The address itself answers 404 (as it must); nothing else fails.
    expect(s.problems().filter((p) => !/HTTP 404|status of 404/.test(p))).toEqual([]);
    await s.close();
  });

  for (const path of ["/", "/teaching"]) {
    it(`${path} has no critical or serious accessibility violation and fits a 375 px phone`, async () => {
      const s = await lab.open(path);
      await s.page.waitForLoadState("networkidle");
      await s.expectAccessible();
      await s.expectFitsPhone();
      expect(s.problems()).toEqual([]);
      await s.close();
    });
  }
});
