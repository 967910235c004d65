// The 3-D figures (kit plot3d.ts, plotly.js gl3d) in Chromium with software GL: each renders a WebGL
// canvas inside .lab-figure3d with no console problem and no external request; with WebGL taken away
// the 2-D version stays, with its message; a page without a 3-D figure fetches no plotly bytes.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {launchLab, type Lab, type PageSession} from "./harness.js";

let lab: Lab;
beforeAll(async () => (lab = await launchLab()));
afterAll(async () => lab?.close());

/** plotly resources this page fetched so far (Resource Timing: URL and bytes over the wire). */
const plotlyFetched = (s: PageSession) =>
  s.page.evaluate(() => performance.getEntriesByType("resource").filter((e) => /plotly/i.test(e.name)).map((e) => ({url: e.name, bytes: (e as PerformanceResourceTiming).transferSize})));

/** Scrolls the page's first 3-D figure into view and waits for plotly's WebGL canvas inside it. */
async function showFigure(s: PageSession): Promise<void> {
  const figure = s.page.locator(".lab-figure3d").first();
  await figure.waitFor({timeout: 30_000});
  await figure.scrollIntoViewIfNeeded();
  await s.page.waitForSelector(".lab-figure3d canvas", {timeout: 45_000});
}

/** The page's problems (the harness already leaves out Chromium's "GPU stall due to ReadPixels" note). */
const problems = (s: PageSession) => s.problems();

/** Every WebGL context request answers null, as in a browser without WebGL. */
const noWebGL = () => {
  const original = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, kind: string, ...rest: unknown[]) {
    return /webgl/i.test(kind) ? null : (original as (...a: unknown[]) => unknown).call(this, kind, ...rest);
  } as typeof original;
};

describe("3-D figures", () => {
  it("/loss: the reverse-KL surface renders in WebGL after scrolling into view, with the fit's numbers in its text alternative; switching to forward redraws; axe and 375 px pass", async () => {
    const s = await lab.open("/loss");
    expect(await plotlyFetched(s)).toEqual([]); // not before the figure is near the viewport
    await showFigure(s);
    const alt = await s.page.locator(".lab-figure3d figcaption").first().textContent();
    expect(alt).toMatch(/^Reverse KL\(q‖p\) over μ from .* \d basins: .*The reverse fit, which minimises it, went from .* in 300 steps/);
    // a basin at each mode (±2, σ 0.6 on the page's default p), KL near ln 2
    const basins = [...alt!.split(" basins: ")[1].split(". The ")[0].matchAll(/μ = (−?[\d.]+), σ = ([\d.]+) \(([\d.]+)\)/g)].map((m) => m.slice(1).map((t) => Number(t.replace("−", "-"))));
    expect(basins.filter(([mu, sd, kl]) => Math.abs(Math.abs(mu) - 2) < 0.3 && Math.abs(sd - 0.6) < 0.1 && Math.abs(kl - Math.log(2)) < 0.05).length).toBeGreaterThanOrEqual(2);
    expect((await plotlyFetched(s)).some((r) => r.url.includes("/_node/plotly.js-gl3d-dist-min@"))).toBe(true);
    await s.page.getByLabel("forward KL(p‖q)").check();
    await s.page.waitForFunction(() => /^Forward KL\(p‖q\)/.test(document.querySelector(".lab-figure3d figcaption")?.textContent ?? ""));
    await s.page.waitForSelector(".lab-figure3d canvas", {timeout: 30_000});
    expect(await s.page.locator(".lab-figure3d figcaption").first().textContent()).toMatch(/one basin, at/);
    await s.expectAccessible();
    await s.expectFitsPhone();
    expect(problems(s)).toEqual([]);
    await s.close();
  });

  it("/lora: the (rank r, α) loss surface with the Eckart–Young floor renders in WebGL; its text names where more rank stops helping, at the floor; axe and 375 px pass", async () => {
    const s = await lab.open("/lora");
    await showFigure(s);
    const alt = (await s.page.locator(".lab-figure3d figcaption").first().textContent()) ?? "";
    const m = alt.match(/ to ([\d.]+) at r = (\d+) \(floor ([\d.]+)\), after which no rank lowers it by more than 1% of/);
    expect(m, alt).not.toBeNull();
    const [loss, r, floor] = m!.slice(1).map(Number);
    expect(r).toBe(4); // the default problem's signal has rank r* = 4; beyond it only noise is left to fit
    expect(Math.abs(loss - floor)).toBeLessThanOrEqual(0.01 * floor + 1e-3);
    const sentence = (await s.page.locator(".landscape-sentence").textContent()) ?? "";
    expect(sentence).toMatch(/rank 4 is where more rank stops helping/);
    await s.expectAccessible();
    await s.expectFitsPhone();
    expect(problems(s)).toEqual([]);
    await s.close();
  });

  it("/word2vec: the 3-D PCA cloud renders in WebGL; its text gives three variance shares and the same selected words as the 2-D map's bold labels; axe and 375 px pass", async () => {
    const s = await lab.open("/word2vec?word=money");
    await s.page.waitForSelector(".w2v-neighbours");
    await s.page.waitForFunction(() => document.querySelectorAll("[aria-label='2-D projection of word vectors'] g[font-weight='bold'] text").length >= 11, null, {timeout: 30_000});
    await showFigure(s);
    const alt = (await s.page.locator(".lab-figure3d figcaption").first().textContent()) ?? "";
    const m = alt.match(/^The (\d+) words of the map on the first three principal axes of the 500 most frequent words: PC1 ([\d.]+)%, PC2 ([\d.]+)%, PC3 ([\d.]+)% of the variance \(([\d.]+)% together, against ([\d.]+)% in the 2-D map\)/);
    expect(m, alt).not.toBeNull();
    const [pc1, pc2, pc3, all, two] = m!.slice(2).map(Number);
    expect(pc1).toBeGreaterThanOrEqual(pc2);
    expect(pc2).toBeGreaterThanOrEqual(pc3);
    expect(all).toBeCloseTo(pc1 + pc2 + pc3, 0);
    expect(all).toBeGreaterThan(two);
    const selected = alt.split("the 2-D map's selection: ")[1].replace(/\.$/, "").split(", ");
    const bold = await s.page.locator("[aria-label='2-D projection of word vectors'] g[font-weight='bold'] text").allTextContents();
    expect(selected[0]).toBe("money");
    expect([...selected].sort()).toEqual([...new Set(bold)].sort());
    await s.expectAccessible();
    await s.expectFitsPhone();
    expect(problems(s)).toEqual([]);
    await s.close();
  });

  it("/loss without WebGL: the 2-D heatmap stays, with the message, and plotly is not fetched", async () => {
    const s = await lab.open("/loss");
    await s.page.addInitScript(noWebGL);
    await s.page.reload({waitUntil: "load"});
    const figure = s.page.locator(".lab-figure3d").first();
    await figure.waitFor({timeout: 30_000});
    await figure.scrollIntoViewIfNeeded();
    await s.page.waitForFunction(() => /no WebGL/.test(document.querySelector(".lab-figure3d-status")?.textContent ?? ""), null, {timeout: 20_000});
    expect(await s.page.locator(".lab-figure3d svg").count()).toBeGreaterThan(0);
    expect(await s.page.locator(".lab-figure3d canvas").count()).toBe(0);
    expect(await plotlyFetched(s)).toEqual([]);
    expect(problems(s)).toEqual([]);
    await s.close();
  });

  it("/teaching (no 3-D figure) transfers no plotly bytes, even scrolled to the end", async () => {
    const s = await lab.open("/teaching");
    const requested: string[] = [];
    s.page.on("request", (r) => requested.push(r.url()));
    await s.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await s.page.waitForTimeout(500);
    expect(await plotlyFetched(s)).toEqual([]);
    expect(requested.filter((u) => /plotly/i.test(u))).toEqual([]);
    const preloads = await s.page.evaluate(() => Array.from(document.querySelectorAll("link[rel=modulepreload]"), (l) => l.getAttribute("href") ?? ""));
    expect(preloads.filter((h) => /plotly/i.test(h))).toEqual([]);
    expect(problems(s)).toEqual([]);
    await s.close();
  });

});
