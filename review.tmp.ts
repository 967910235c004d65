import {chromium, type Page} from "playwright-core";
import {serveDist} from "./scripts/serve-dist.js";
import {writeFileSync} from "node:fs";
const {server, origin} = await serveDist("dist");
const browser = await chromium.launch({executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]});
const step = process.argv[2] ?? "shots";
const log = (...a: unknown[]) => console.log(...a);
async function shots(page: Page, prefix: string, chunk = 1400) {
  const {h, w} = await page.evaluate(() => ({h: Math.max(document.body.scrollHeight, document.documentElement.scrollHeight), w: document.documentElement.clientWidth})); log(prefix, h, w);
  for (let y = 0, i = 0; y < h; y += chunk, i++) await page.screenshot({path: `/tmp/review/${prefix}-${String(i).padStart(2, "0")}.png`, fullPage: true, clip: {x: 0, y, width: w, height: Math.min(chunk, h - y)}});
}
async function open(w: number, path = "/graphrag") {
  const page = await browser.newPage({viewport: {width: w, height: 900}});
  page.on("console", (m) => m.type() === "error" && log("  [console error]", m.text()));
  page.on("pageerror", (e) => log("  [uncaught]", e.message)); page.on("response", (r) => r.status() >= 400 && log("  [http]", r.status(), r.url()));
  await page.goto(origin + path, {waitUntil: "networkidle"});
  await page.waitForTimeout(3000);
  return page;
}
const sectionText = (page: Page, h2: string) => page.evaluate((h2) => {
  const hs = [...document.querySelectorAll("main h2")];
  const i = hs.findIndex((h) => h.textContent!.includes(h2));
  let out = ""; let n = hs[i].nextElementSibling;
  while (n && n !== hs[i + 1]) { out += (n as HTMLElement).innerText + "\n"; n = n.nextElementSibling; }
  return out;
}, h2);
const errs = (page: Page) => page.evaluate(() => [...document.querySelectorAll(".lab-control-error, .lab-notice, [role=alert]")].map((e) => (e as HTMLElement).innerText.trim()).filter(Boolean));
const nan = (page: Page) => page.evaluate(() => (document.querySelector("main") as HTMLElement).innerText.match(/.{0,60}(NaN|undefined|Infinity|\[object).{0,40}/g));
if (step === "shots") {
  for (const w of [1280, 375]) { const p = await open(w); await shots(p, `s${w}`, w === 1280 ? 1400 : 1500); await p.close(); }
}
if (step === "controls") {
  const page = await open(1280);
  const res = page.locator('.lab-control[data-key="resolution"] input');
  for (const v of ["0.5", "3", "0", "100", "abc", "1"]) {
    await res.fill(v); await page.waitForTimeout(v === "1" ? 3000 : 6000);
    log(`resolution=${v}`, "url:", page.url().replace(origin, ""), "errs:", await errs(page), "nan:", await nan(page));
    log((await sectionText(page, "2. Communities")).split("\n").filter((l) => /^C\d|Louvain took|Communities per|default resolution|Resolution/.test(l)).join(" | "));
    if (v === "3" || v === "0") await page.locator(".gr-graph").screenshot({path: `/tmp/review/graph-res-${v}.png`});
  }
  for (const lv of ["C1", "C2"]) {
    await page.getByLabel(lv, {exact: true}).check(); await page.waitForTimeout(3000);
    log(`level ${lv}: url`, page.url().replace(origin, ""));
    log((await sectionText(page, "5. Global")).slice(0, 400));
    await page.locator(".gr-graph").screenshot({path: `/tmp/review/graph-${lv}.png`});
  }
  await page.getByLabel("C0", {exact: true}).check(); await page.waitForTimeout(2000);
  const seed = page.locator('.lab-control[data-key="seed"] input');
  await seed.fill("7"); await page.waitForTimeout(6000);
  log("seed=7", page.url().replace(origin, ""), (await sectionText(page, "2. Communities")).split("\n").filter((l) => /^C\d|Louvain took/.test(l)).join(" | "));
  await seed.fill("-3"); await page.waitForTimeout(1500); log("seed=-3 errs", await errs(page));
  await seed.fill("1.5"); await page.waitForTimeout(1500); log("seed=1.5 errs", await errs(page));
  await seed.fill("1"); await page.waitForTimeout(4000);
  const find = page.locator(".gr-find input");
  for (const q of ["Iraq", "Medicare", "nonsense", "iraq"]) {
    await find.fill(q); await find.press("Enter"); await page.waitForTimeout(2500);
    const valid = await find.evaluate((e: HTMLInputElement) => e.validationMessage);
    log(`find ${q}: validity="${valid}"`, "report:", (await sectionText(page, "3. Community reports")).split("\n").slice(4, 7).join(" | "));
    await page.locator(".gr-graph").screenshot({path: `/tmp/review/find-${q}.png`});
  }
  await page.screenshot({path: "/tmp/review/report-Medicare.png", fullPage: false});
  await page.close();
}
await browser.close(); server.close();
