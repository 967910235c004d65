// The four vector-search notebooks in Chromium: they load cleanly with KaTeX, every control changes
// its figures, a URL with state reopens it, link values a control cannot show are reported and
// rewritten, the computed callouts render with their numbers, the pages pass axe and fit a phone, and
// the worker pages (PQ training, the IVF indexes at their largest settings, the measurement sweep)
// never block the main thread.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {launchLab, type Lab, type PageSession, RESPONSIVENESS_RETRY} from "./harness.js";

let lab: Lab;
beforeAll(async () => (lab = await launchLab()));
afterAll(async () => lab?.close());

const text = async (s: PageSession, selector: string) => (await s.page.locator(selector).first().textContent()) ?? "";
const control = (s: PageSession, label: string, input = "input") => s.page.locator("form").filter({hasText: label}).first().locator(input).first();
const changed = (s: PageSession, selector: string, before: string, timeout = 30_000) =>
  s.page.waitForFunction(([sel, old]) => (document.querySelector(sel)?.textContent ?? "") !== old, [selector, before] as const, {timeout});

describe("/kmeans", () => {
  it("loads, steps, reacts to k, seed and clicks, and reopens from a URL", async () => {
    const s = await lab.open("/kmeans?k=3&preset=blobs&seed=5");
    await s.page.waitForSelector(".katex");
    await s.page.waitForSelector(".vs-standard-stats");
    expect(await text(s, ".vs-standard-stats")).toContain("iteration 0");
    // Step twice: assignment then update
    await s.page.locator(".lab-run .lab-step").click();
    await s.page.waitForFunction(() => /J = \d/.test(document.querySelector(".vs-standard-stats")?.textContent ?? ""));
    const sizes3 = await text(s, ".vs-standard-stats");
    expect(sizes3.match(/sizes ([\d, ]+)/)?.[1].split(",").length).toBe(3);
    expect(await text(s, ".vs-balanced-stats")).toMatch(/points not at their nearest centroid/);
    await s.page.locator(".lab-run .lab-step").click();
    await s.page.waitForFunction(() => /iteration 1/.test(document.querySelector(".vs-standard-stats")?.textContent ?? ""));
    // k control
    await control(s, "clusters k", "input[type=number]").fill("5");
    await control(s, "clusters k", "input[type=number]").press("Enter");
    await s.page.locator(".lab-run .lab-step").click();
    await s.page.waitForFunction(() => (document.querySelector(".vs-standard-stats")?.textContent ?? "").match(/sizes ([\d, ]+)/)?.[1].split(",").length === 5);
    expect(s.page.url()).toContain("k=5");
    // click to add a point
    const count = await text(s, ".vs-count");
    await s.page.locator("svg.vs-clickable").first().click({position: {x: 120, y: 120}});
    await changed(s, ".vs-count", count);
    expect(Number((await text(s, ".vs-count")).split(" ")[0].replace(/,/g, ""))).toBe(Number(count.split(" ")[0].replace(/,/g, "")) + 1);
    // seed changes the points
    const before = await s.page.locator("svg.vs-clickable").first().innerHTML();
    await s.page.locator(".lab-seed button").click();
    await s.page.waitForFunction((old) => document.querySelector("svg.vs-clickable")?.innerHTML !== old, before);
    // issue 9.2 and 9.9: no "stays above", no "on the right" (the panels stack on narrow screens)
    const main = (await s.page.locator("#observablehq-main").textContent()) ?? "";
    expect(main).not.toMatch(/stays above|on the right/);
    // the computed callouts: this run's comparison, the build-time count, the notes' rule
    await s.page.waitForSelector(".vs-below-count");
    expect(await text(s, ".vs-below-count")).toMatch(/over 20 initialisations, the balanced J went below the standard J after some half-step in \d+ and ended below it in \d+/);
    expect(await text(s, ".vs-notes-rule")).toMatch(/discards \d+ of \d+ points.*J = \d+\.\d+.*exact assignment gives J = \d+\.\d+/);
    expect(s.problems()).toEqual([]);
    await s.expectAccessible();
    await s.expectFitsPhone();
    await s.close();
  });

  it("Clear points, then clicks: the panels draw exactly the clicked points through Step, Reset and a slider (issue 10.5)", async () => {
    const s = await lab.open("/kmeans");
    await s.page.waitForSelector(".vs-standard-stats");
    await s.page.getByRole("button", {name: "Clear points"}).click();
    await s.page.waitForFunction(() => (document.querySelector(".vs-count")?.textContent ?? "").startsWith("0 points"));
    await s.page.waitForSelector(".vs-panels .lab-notice >> text=needs at least 4 points");
    // points drawn in the clickable panel (one path per colour; each group says how many points it holds)
    const circles = () => s.page.evaluate(() => Array.from(document.querySelector("svg.vs-clickable")?.querySelectorAll("g[data-points]") ?? []).reduce((a, g) => a + Number((g as HTMLElement).dataset.points), 0));
    for (let i = 0; i < 6; i++) {
      await s.page.locator("svg.vs-clickable").first().click({position: {x: 60 + 40 * i, y: 80 + 25 * i}});
      await s.page.waitForFunction((c) => (document.querySelector(".vs-count")?.textContent ?? "").startsWith(`${c} points`), i + 1);
    }
    await s.page.waitForSelector(".vs-standard-stats");
    expect(await circles()).toBe(6);
    await s.page.locator(".lab-run .lab-step").click();
    await s.page.waitForFunction(() => /sizes [\d, ]+/.test(document.querySelector(".vs-standard-stats")?.textContent ?? ""));
    const sizes = (await text(s, ".vs-standard-stats")).match(/sizes ([\d, ]+)/)![1].split(",").map(Number);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(6);
    await s.page.locator(".lab-run .lab-reset").click();
    await s.page.waitForFunction(() => (document.querySelector(".vs-standard-stats")?.textContent ?? "").includes("iteration 0"));
    expect(await circles()).toBe(6);
    await control(s, "clusters k", "input[type=number]").fill("3");
    await control(s, "clusters k", "input[type=number]").press("Enter");
    await s.page.waitForFunction(() => (document.querySelector(".vs-balanced-stats")?.textContent ?? "").includes("⌈n/k⌉") || (document.querySelector(".vs-panels")?.textContent ?? "").includes("⌈n/k⌉ = 2"));
    expect(await circles()).toBe(6);
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("runs at the largest settings (600 points, k = 10, balanced beside) without long main-thread tasks (issue 10.8)", RESPONSIVENESS_RETRY, async () => {
    const s = await lab.open("/kmeans");
    await s.page.waitForSelector(".vs-standard-stats");
    await s.page.waitForLoadState("networkidle");
    const slowdownBefore = await s.slowdown();
    await s.clearLongTasks();
    for (const [label, value] of [["number of points", "600"], ["clusters k", "10"]]) {
      await control(s, label, "input[type=number]").fill(value);
      await control(s, label, "input[type=number]").press("Enter");
    }
    await s.page.waitForFunction(() => (document.querySelector(".vs-count")?.textContent ?? "").startsWith("600 points"));
    await s.page.waitForSelector(".lab-run .lab-start");
    await s.page.locator(".lab-run .lab-start").click();
    await s.page.waitForFunction(() => /iteration [3-9]/.test(document.querySelector(".vs-balanced-stats")?.textContent ?? ""), null, {timeout: 60_000});
    await s.expectResponsive("kmeans largest settings", slowdownBefore);
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("?n=0 shows a clickable panel and a notice; clicks bring the run", async () => {
    const s = await lab.open("/kmeans?n=0&k=2");
    await s.page.waitForSelector("svg.vs-clickable");
    await s.page.waitForSelector(".vs-panels .lab-notice >> text=needs at least 2 points; there are 0");
    await s.page.locator("svg.vs-clickable").first().click({position: {x: 100, y: 100}});
    await s.page.locator("svg.vs-clickable").first().click({position: {x: 200, y: 180}});
    await s.page.waitForSelector(".vs-standard-stats");
    expect(s.problems()).toEqual([]);
    await s.close();
  });
});

describe("/pq", () => {
  it("shows the build-time PQ at once, retrains in the worker when nbits changes, and computes the memory bill", RESPONSIVENESS_RETRY, async () => {
    const s = await lab.open("/pq");
    await s.page.waitForSelector(".katex");
    await s.page.waitForSelector(".vs-code");
    const code0 = await text(s, ".vs-code");
    expect(code0).toMatch(/codes: \[(\d+, ){7}\d+\]/);
    // vector # control
    await control(s, "vector #", "input[type=number]").fill("7");
    await control(s, "vector #", "input[type=number]").press("Enter");
    await changed(s, ".vs-code", code0);
    // nbits control -> worker training -> new distortion
    const dist0 = await text(s, ".vs-distortion");
    await s.page.waitForLoadState("networkidle");
    const slowdownBefore = await s.slowdown();
    await s.clearLongTasks();
    await control(s, "bits per code nbits", "input[type=number]").fill("3");
    await control(s, "bits per code nbits", "input[type=number]").press("Enter");
    await s.page.waitForFunction((old) => {
      const t = document.querySelector(".vs-distortion")?.textContent ?? "";
      return t !== "" && t !== old;
    }, dist0, {timeout: 60_000});
    await s.expectResponsive("pq training", slowdownBefore);
    expect(await text(s, ".vs-code")).toMatch(/stored as 3 bytes/); // 8 × 3 bits
    // memory bill: FACTS.md numbers, then a change
    expect(await text(s, ".vs-bill")).toContain("Flat 204.8 MB");
    // the formulas are shown whole (issue 10.15: they used to end in "…")
    expect(await text(s, ".vs-bill-table")).toContain("m·2^nbits·2^nbits·4 = 8·256·256·4");
    await control(s, "N vectors").fill("100000");
    await control(s, "N vectors").press("Enter");
    await s.page.waitForFunction(() => (document.querySelector(".vs-bill")?.textContent ?? "").includes("Flat 409.6 MB"));
    await s.page.getByLabel("m", {exact: true}).fill("7");
    await s.page.getByLabel("m", {exact: true}).press("Enter");
    await s.page.waitForFunction(() => [...document.querySelectorAll(".lab-notice:not(.lab-info)")].some((e) => /not divisible by m = 7/.test(e.textContent ?? "")));
    // the equal-code-size sentence, computed from the grid (issue 9.1)
    expect(await text(s, ".vs-equal-size")).toMatch(/At equal code size \(32-bit codes: m = 4 × 8 bits \d+\.\d+, m = 8 × 4 bits \d+\.\d+, m = 16 × 2 bits \d+\.\d+\), fewer sub-vectors with more bits each win here/);
    expect(await text(s, ".vs-equal-size")).toMatch(/9,984 at 8 bits: more than this page's 2,500/);
    // the sub-vector bands are drawn (issue 9.8): m = 8, every other one shaded
    expect(await s.page.evaluate(() => document.querySelectorAll(".vs-split .vs-band rect").length)).toBe(4);
    expect(s.problems()).toEqual([]);
    await s.expectAccessible();
    await s.expectFitsPhone();
    await s.close();
  });

  it("trains at the largest settings (m = 32, nbits = 8) without long main-thread tasks (issue 10.8)", RESPONSIVENESS_RETRY, async () => {
    const s = await lab.open("/pq");
    await s.page.waitForSelector(".vs-code");
    await s.page.waitForLoadState("networkidle");
    const slowdownBefore = await s.slowdown();
    await s.clearLongTasks();
    await control(s, "sub-vectors m", "select").selectOption("32");
    await control(s, "bits per code nbits", "input[type=number]").fill("8");
    await control(s, "bits per code nbits", "input[type=number]").press("Enter");
    await s.page.waitForFunction(() => /stored as 32 bytes/.test(document.querySelector(".vs-code")?.textContent ?? ""), null, {timeout: 90_000});
    await s.expectResponsive("pq largest settings", slowdownBefore);
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("?m=3 is reported and the address rewritten to the m used (issue 10.9)", async () => {
    const s = await lab.open("/pq?m=3");
    await s.page.waitForSelector(".lab-url-problems li");
    expect(await text(s, ".lab-url-problems")).toMatch(/m must be one of 1, 2, 4, 8, 16, 32, got "3"/);
    await s.page.waitForFunction(() => !location.search.includes("m=3"));
    await s.page.waitForSelector(".vs-code");
    expect(await text(s, ".vs-code")).toMatch(/codes: \[(\d+, ){7}\d+\]/);
    expect(s.problems()).toEqual([]);
    await s.close();
  });
});

describe("/ivf", () => {
  it("nprobe, nlist and clicks change the visited cells and the recall curve", async () => {
    const s = await lab.open("/ivf?nlist=16&nprobe=1");
    await s.page.waitForSelector(".katex");
    await s.page.waitForSelector(".vs-probe");
    const p1 = await text(s, ".vs-probe");
    expect(p1).toContain("visited 1 of 16 cells");
    await control(s, "cells visited nprobe", "input[type=number]").fill("4");
    await control(s, "cells visited nprobe", "input[type=number]").press("Enter");
    await s.page.waitForFunction(() => (document.querySelector(".vs-probe")?.textContent ?? "").includes("visited 4 of 16"));
    await s.page.locator("svg.vs-clickable").first().click({position: {x: 100, y: 100}});
    await s.page.waitForFunction(() => !(document.querySelector(".vs-probe")?.textContent ?? "").includes("query (0.10, 0.05)"));
    const recall = await text(s, ".vs-recall");
    expect(recall).toMatch(/IVF-Flat recall@10 = 1\.000/);
    await control(s, "PQ bits per coordinate", "input[type=number]").fill("6");
    await control(s, "PQ bits per coordinate", "input[type=number]").press("Enter");
    await changed(s, ".vs-recall", recall);
    await control(s, "cells nlist", "input[type=number]").fill("8");
    await control(s, "cells nlist", "input[type=number]").press("Enter");
    await s.page.waitForFunction(() => (document.querySelector(".vs-probe")?.textContent ?? "").includes("of 8 cells"));
    // the notes' SDC query against faiss's ADC, computed (issue 9)
    expect(await text(s, ".vs-adc-sdc")).toMatch(/recall@10 with ADC \(faiss\) = \d\.\d{3}, with the query's residual quantized too \(SDC\) = \d\.\d{3}/);
    expect(s.problems()).toEqual([]);
    await s.expectAccessible();
    await s.expectFitsPhone();
    await s.close();
  });

  it("opens and moves to the largest settings without long main-thread tasks (issue 10.8)", RESPONSIVENESS_RETRY, async () => {
    const s = await lab.open("/ivf?nlist=64&nprobe=64&nbits=8");
    await s.page.waitForSelector(".vs-probe", {timeout: 60_000});
    expect(await text(s, ".vs-probe")).toContain("visited 64 of 64 cells");
    await s.page.waitForLoadState("networkidle");
    const slowdownBefore = await s.slowdown();
    await s.clearLongTasks();
    const recall = await text(s, ".vs-recall");
    await control(s, "PQ bits per coordinate", "input[type=number]").fill("7");
    await control(s, "PQ bits per coordinate", "input[type=number]").press("Enter");
    await changed(s, ".vs-recall", recall, 60_000);
    await s.page.locator("svg.vs-clickable").first().click({position: {x: 150, y: 150}});
    await s.page.waitForFunction(() => !(document.querySelector(".vs-probe")?.textContent ?? "").includes("query (0.10, 0.05)"));
    await s.expectResponsive("ivf largest settings", slowdownBefore);
    expect(s.problems()).toEqual([]);
    await s.close();
  });
});

describe("/ann-measure", () => {
  it("shows the build-time sweep, then completes a small sweep in the worker without long tasks", RESPONSIVENESS_RETRY, async () => {
    const s0 = await lab.open("/ann-measure");
    await s0.page.waitForSelector(".katex");
    await s0.page.waitForSelector(".vs-dataset");
    expect(await text(s0, ".vs-dataset")).toContain("measured at build time");
    // the word vectors: either they load, or the page says why and keeps working
    await s0.page.locator("label").filter({hasText: "words"}).click();
    await s0.page.waitForFunction(() => document.querySelector(".lab-notice") || document.querySelector(".lab-run"));
    expect(s0.problems()).toEqual([]);
    await s0.expectAccessible();
    await s0.expectFitsPhone();
    await s0.close();

    // a link value the control cannot show is reported and rewritten (issue 10.9)
    const s1 = await lab.open("/ann-measure?nlist=100");
    await s1.page.waitForSelector(".lab-url-problems li");
    expect(await text(s1, ".lab-url-problems")).toMatch(/nlist must be one of 16, 32, 64, 128, 256, got "100"/);
    await s1.page.waitForFunction(() => !location.search.includes("nlist=100"));
    expect(await s1.page.locator(".lab-notice:not(.lab-info):not(.lab-url-problems)").count()).toBe(0);
    // nprobe labels of the two IVF curves sit on opposite sides of their dots, with a halo (no "328")
    const labels = await s1.page.evaluate(() => Array.from(document.querySelectorAll(".vs-nprobe-label")).map((t) => t.getAttribute("paint-order")));
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.every((p) => p === "stroke")).toBe(true);
    expect(s1.problems()).toEqual([]);
    await s1.close();

    const s = await lab.open("/ann-measure?N=2000&nq=50&m=8&nbits=4&nlist=16&nprobe=1,4,16");
    await s.page.waitForSelector(".lab-run .lab-start");
    await s.page.waitForLoadState("networkidle");
    const slowdownBefore = await s.slowdown();
    await s.clearLongTasks();
    await s.page.locator(".lab-run .lab-start").click();
    await s.page.waitForFunction(() => (document.querySelector(".lab-run progress") as HTMLProgressElement | null)?.value === 1, null, {timeout: 90_000});
    await s.page.waitForFunction(() => document.querySelectorAll("table tbody tr").length >= 8);
    const rows = await s.page.locator("table tbody tr").allTextContents();
    expect(rows.filter((r) => r.includes("ivf-pq")).length).toBe(3);
    expect(rows.filter((r) => r.includes("ivf-flat")).length).toBe(3);
    // IVF-Flat at nprobe = nlist is exhaustive: recall 1
    expect(rows.find((r) => r.includes("ivf-flat") && /16\s*16/.test(r.replace(/[^\d.\s]/g, " ")))).toBeTruthy();
    await s.expectResponsive("ann-measure sweep", slowdownBefore);
    expect(s.problems()).toEqual([]);
    await s.close();
  });
});
