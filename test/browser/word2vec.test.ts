// The word2vec notebook in Chromium: loads cleanly with the build-time snapshot, KaTeX renders, the
// controls change their outputs, a URL with state reopens it, training in the worker shows progress
// quickly, the loss falls, the neighbours panel updates, a finished run counts the steps the
// worker did, the UMAP map lays out in a worker, and the main thread never blocks. Also: axe-core finds
// no critical or serious violation, the page fits a 375 px phone, the corpus is downloaded once (the
// workers get it from the page), the map's bold labels never overlap, no axis tick reads as an SI unit
// ("20m"), and a map trained from the reader's text shows no stale "The text is empty".
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {launchLab, type Lab, RESPONSIVENESS_RETRY} from "./harness.js";

let lab: Lab;
beforeAll(async () => (lab = await launchLab()));
afterAll(async () => lab?.close());

const neighboursText = (s: {page: import("playwright-core").Page}) => s.page.locator(".w2v-neighbours").first().innerText();
const statusText = (s: {page: import("playwright-core").Page}) => s.page.locator(".w2v-status").innerText();

describe("word2vec page", () => {
  it("loads with no problems, renders KaTeX, the snapshot's neighbours and purity", async () => {
    const s = await lab.open("/word2vec");
    await s.page.waitForSelector(".katex");
    await s.page.waitForSelector(".w2v-neighbours");
    await s.page.waitForSelector(".w2v-purity");
    expect(await s.page.locator(".observablehq--error").allTextContents()).toEqual([]);
    expect(await neighboursText(s)).toContain('nearest to "money"');
    expect(await s.page.locator(".w2v-purity").innerText()).toMatch(/purity@10 = 0\.\d+ \(chance 0\.3\d+\) for the build-time snapshot/);
    await s.page.waitForFunction(() => document.querySelectorAll(".lab-misconception").length === 4);
    // The learning-rate schedule is named (gensim's) and compared with word2vec.c's in computed numbers.
    const body = await s.page.locator("main").innerText();
    expect(body).toContain("The learning rate follows gensim's schedule");
    expect(body).toMatch(/the last update of this run uses α = 1\.0\d*e−4; word2vec\.c's rule would use 2\.5\d*e−6, [\d.]+ times smaller/);
    expect(body).toContain("normalised to Unicode NFC");
    // Tick labels: plain or scientific notation, never an SI prefix such as "20m" or "100µ".
    const ticks = await s.page.evaluate(() => Array.from(document.querySelectorAll("main svg [aria-label$='tick label'] text, main svg g[aria-label='x-axis tick label'] text, main svg g[aria-label='y-axis tick label'] text"), (t) => t.textContent ?? ""));
    expect(ticks.length).toBeGreaterThan(5);
    expect(ticks.filter((t) => /\d[mµunk]$/.test(t))).toEqual([]);
    await s.expectAccessible();
    await s.expectFitsPhone();
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("downloads the corpus once: the training workers get it from the page", async () => {
    const s = await lab.open("/word2vec");
    const corpusRequests: string[] = [];
    s.page.context().on("request", (r) => {
      if (/word2vec-brown\.[^/]*\.(json|bin)$/.test(r.url())) corpusRequests.push(r.url());
    });
    await s.page.reload({waitUntil: "load"});
    await s.page.waitForFunction(() => document.querySelector("main")?.textContent?.includes("CBOW: not trained yet"));
    await s.page.locator(".lab-start").first().click();
    await s.page.waitForFunction(() => /epoch \d+ of \d+ · [\d,]+ of/.test(document.querySelector(".w2v-status")?.textContent ?? ""));
    expect(corpusRequests.filter((u) => u.endsWith(".json")).length).toBe(1);
    expect(corpusRequests.filter((u) => u.endsWith(".bin")).length).toBe(1);
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("the query word and its neighbours have bold labels that do not overlap one another", async () => {
    const s = await lab.open("/word2vec?word=money");
    await s.page.waitForSelector(".w2v-neighbours");
    await s.page.waitForFunction(() => document.querySelectorAll("[aria-label='2-D projection of word vectors'] g[font-weight='bold'] text").length >= 11);
    const boxes = await s.page.evaluate(() => Array.from(document.querySelectorAll("[aria-label='2-D projection of word vectors'] g[font-weight='bold'] text"), (t) => {
      const r = t.getBoundingClientRect();
      return {text: t.textContent, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom};
    }));
    expect(boxes.map((b) => b.text)).toContain("money");
    for (let i = 0; i < boxes.length; i++)
      for (let j = 0; j < i; j++) {
        const a = boxes[i], b = boxes[j];
        const overlap = a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5;
        expect(overlap, `"${a.text}" overlaps "${b.text}"`).toBe(false);
      }
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("trains a few steps in the worker: progress within a second or so, the loss falls, neighbours update, no long tasks", RESPONSIVENESS_RETRY, async () => {
    const s = await lab.open("/word2vec");
    await s.page.waitForSelector(".w2v-neighbours");
    const before = await neighboursText(s);
    // Let the side-by-side workers finish loading the corpus first (their tables render after their reset).
    await s.page.waitForFunction(() => document.querySelector("main")?.textContent?.includes("CBOW: not trained yet"));
    const slowdownBefore = await s.slowdown();
    await s.clearLongTasks();
    const t0 = Date.now();
    await s.page.locator(".lab-start").first().click();
    await s.page.waitForFunction(() => /epoch \d+ of \d+ · [\d,]+ of .* loss \d/.test(document.querySelector(".w2v-status")?.textContent ?? ""));
    const firstProgressMs = Date.now() - t0;
    const lossOf = (text: string) => Number(/loss ([\d.]+)/.exec(text)?.[1]);
    const firstLoss = lossOf(await statusText(s));
    // Chromium has WebAssembly SIMD: the page must train with the wasm kernel, not the fallback.
    expect(await statusText(s)).toContain("engine kernel (wasm SIMD)");
    await s.page.waitForFunction(
      (first) => {
        const m = /loss ([\d.]+)/.exec(document.querySelector(".w2v-status")?.textContent ?? "");
        return m !== null && Number(m[1]) < first - 0.3;
      },
      firstLoss,
      {timeout: 60_000}
    );
    await s.page.waitForFunction((old) => (document.querySelector(".w2v-neighbours") as HTMLElement | null)?.innerText !== old, before, {timeout: 30_000});
    // Pause, unless the run already ended (the wasm kernel can finish 5 epochs of CBOW in a few seconds).
    const start = s.page.locator(".lab-start").first();
    if (await start.isEnabled()) await start.click();
    const {slowdown} = await s.expectResponsive("word2vec training", slowdownBefore);
    console.log(`word2vec: first progress after ${firstProgressMs} ms; first loss ${firstLoss}`);
    expect(firstProgressMs / slowdown).toBeLessThan(1000);
    expect(Number.isFinite(firstLoss)).toBe(true);
    expect(await s.page.locator(".lab-run-error").first().innerText()).toBe("");
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("a finished run's step count is the steps the worker did: ceil(words read / 50,000), not the steps requested", async () => {
    const s = await lab.open("/word2vec?epochs=1");
    await s.page.waitForFunction(() => document.querySelector("main")?.textContent?.includes("CBOW: not trained yet"));
    await s.page.locator(".lab-start").first().click();
    await s.page.locator(".lab-start").first().getByText("Done").waitFor({timeout: 60_000});
    await s.page.waitForFunction(() => /epoch 1 of 1 · ([\d,]+) of \1 words/.test(document.querySelector(".w2v-status")?.textContent ?? ""));
    const total = Number(/of ([\d,]+) words/.exec(await statusText(s))![1].replaceAll(",", ""));
    const controller = await s.page.locator(".lab-run-status").first().innerText();
    const steps = Number(/^([\d,]+) steps/.exec(controller)![1].replaceAll(",", ""));
    console.log(`word2vec: finished 1 epoch, ${total} words, controller shows "${controller}"`);
    expect(steps).toBe(Math.ceil(total / 50_000));
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("switching the map to UMAP lays it out in a worker: the points move, no errors, no long tasks", RESPONSIVENESS_RETRY, async () => {
    const s = await lab.open("/word2vec");
    await s.page.waitForSelector(".w2v-neighbours");
    await s.page.waitForFunction(() => document.querySelector("main")?.textContent?.includes("CBOW: not trained yet"));
    const dots = () => s.page.evaluate(() => Array.from(document.querySelectorAll("[aria-label='2-D projection of word vectors'] circle[r='2.5']"), (c) => `${c.getAttribute("cx")},${c.getAttribute("cy")}`));
    const pca = await dots();
    expect(pca.length).toBeGreaterThanOrEqual(200);
    const slowdownBefore = await s.slowdown();
    await s.clearLongTasks();
    const t0 = Date.now();
    await s.page.getByLabel("UMAP", {exact: true}).check();
    await s.page.waitForFunction(() => Array.from(document.querySelectorAll(".lab-run-status")).some((e) => /^500 epochs · 100%/.test(e.textContent ?? "")), null, {timeout: 60_000});
    const umapMs = Date.now() - t0;
    await s.page.waitForFunction(() => document.querySelector("[aria-label='2-D projection of word vectors']")?.textContent?.includes("UMAP 1"));
    const umap = await dots();
    expect(umap.length).toBe(pca.length);
    expect(umap.filter((p, i) => p !== pca[i]).length).toBeGreaterThan(pca.length * 0.9);
    expect(s.page.url()).toContain("projection=umap");
    expect(await s.page.locator("main").innerText()).toContain("UMAP layout of the 200 most frequent words");
    const {slowdown, longestCpu} = await s.expectResponsive("word2vec UMAP", slowdownBefore);
    console.log(`word2vec: UMAP of ${umap.length} words done ${umapMs} ms after the click (slowdown ${slowdown.toFixed(2)}); longest main-thread task CPU ${longestCpu} ms`);
    expect(umapMs / slowdown).toBeLessThan(3000);
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("a URL with state reopens it and each control changes its output", async () => {
    const s = await lab.open("/word2vec?word=city&window=3&sentence=7&analogy=was%20is%20are&pair=he%20she&sample=1e-2&mapWords=100");
    await s.page.waitForSelector(".w2v-neighbours");
    expect(await neighboursText(s)).toContain('nearest to "city"');
    const body = await s.page.locator("main").innerText();
    expect(body).toContain("window = 3 means 3 words on each side");
    expect(body).toContain("was − is + are");
    expect(body).toMatch(/cos\(he, she\) = [\d.]+/);
    expect(body).toContain("s = 1e-2");
    expect(body).toContain("PCA projection of the 100 most frequent words");
    const sentence = await s.page.locator(".w2v-sentence").innerText();
    // Changing the sentence control changes the sentence shown.
    const sentenceInput = s.page.getByRole("spinbutton", {name: "sentence", exact: true});
    await sentenceInput.fill("8");
    await sentenceInput.dispatchEvent("input");
    await s.page.waitForFunction((old) => document.querySelector(".w2v-sentence")?.textContent !== old, sentence);
    // Changing the word changes the neighbour list.
    const word = s.page.getByLabel("word", {exact: true});
    await word.fill("church");
    await word.dispatchEvent("input");
    await s.page.waitForFunction(() => (document.querySelector(".w2v-neighbours") as HTMLElement | null)?.innerText.includes('nearest to "church"'));
    expect(s.page.url()).toContain("word=church");
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("bad input shows a clear message, never a blank chart", async () => {
    const s = await lab.open("/word2vec?corpus=text");
    await s.page.waitForSelector(".lab-notice:not(.lab-url-problems)");
    expect(await s.page.locator("main").innerText()).toContain("The text is empty");
    const area = s.page.locator("textarea").first();
    await area.fill("one two three\nfour five six");
    await s.page.getByRole("button", {name: "Use this text"}).click();
    await s.page.waitForFunction(() => document.querySelector("main")?.textContent?.includes("No word occurs at least 5 times"));
    // Enough text to train on: the error goes, and no stale "The text is empty" stays under the map trained from it.
    const sentences = Array.from({length: 60}, (_, i) => ["the cat sat on the mat", "a dog ran in the park", "the bird sang on the tree"][i % 3]).join("\n");
    await area.fill(sentences);
    await s.page.getByRole("button", {name: "Use this text"}).click();
    await s.page.waitForFunction(() => document.querySelector("main")?.textContent?.includes("your text: vocabulary"));
    await s.page.locator(".lab-start").first().click();
    await s.page.locator(".lab-start").first().getByText("Done").waitFor({timeout: 60_000});
    await s.page.waitForFunction(() => document.querySelector(".w2v-neighbours") !== null || document.querySelector("main")?.textContent?.includes("is not in the vocabulary"));
    await s.page.waitForFunction(() => document.querySelectorAll("[aria-label='2-D projection of word vectors'] circle").length > 0);
    const trained = await s.page.locator("main").innerText();
    expect(trained).not.toContain("The text is empty");
    expect(trained).not.toContain("No word occurs at least 5 times");
    const urlBad = await lab.open("/word2vec?window=99");
    await urlBad.page.waitForSelector(".w2v-neighbours");
    expect(await urlBad.page.locator("main").innerText()).toMatch(/window must be at most 10/);
    await urlBad.close();
    expect(s.problems()).toEqual([]);
    await s.close();
  });

  it("the TensorFlow.js engine trains a step in its worker and shows its backend", async () => {
    const s = await lab.open("/word2vec?engine=tfjs&epochs=1");
    await s.page.waitForSelector(".lab-step");
    await s.page.locator(".lab-step").first().click();
    await s.page.waitForFunction(() => /loss \d[\d.]* · .* engine tfjs-(webgl|cpu)/.test(document.querySelector(".w2v-status")?.textContent ?? ""), null, {timeout: 90_000});
    const status = await statusText(s);
    console.log(`word2vec tfjs: ${status}`);
    expect(status).toMatch(/loss [\d.]+/);
    expect(s.problems()).toEqual([]);
    await s.close();
  });
});
