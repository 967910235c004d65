// The four vector-search notebooks in Chromium: they load cleanly with KaTeX, every control changes
// its figures, a URL with state reopens it, and the measurement page completes a small sweep in its
// worker without blocking the main thread.
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
    await s.page.locator("form").filter({hasText: "Seed"}).locator("button").click();
    await s.page.waitForFunction((old) => document.querySelector("svg.vs-clickable")?.innerHTML !== old, before);
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
    await control(s, "N vectors").fill("100000");
    await control(s, "N vectors").press("Enter");
    await s.page.waitForFunction(() => (document.querySelector(".vs-bill")?.textContent ?? "").includes("Flat 409.6 MB"));
    await s.page.getByLabel("m", {exact: true}).fill("7");
    await s.page.getByLabel("m", {exact: true}).press("Enter");
    await s.page.waitForFunction(() => [...document.querySelectorAll(".lab-notice:not(.lab-info)")].some((e) => /not divisible by m = 7/.test(e.textContent ?? "")));
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
    await s0.close();

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
