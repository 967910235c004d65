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

if (step === "stale") {
  const page = await open(1280);
  const res = page.locator('.lab-control[data-key="resolution"] input');
  await res.fill("100"); await page.waitForTimeout(5000);
  const where = () => page.evaluate(() => [...document.querySelectorAll(".lab-notice")].map((e) => { let h = e.previousElementSibling; while (h && h.tagName !== "H2") h = h.previousElementSibling; return `[${h?.textContent?.slice(0, 20)}] ${(e as HTMLElement).innerText.slice(0, 90)}`; }));
  log("after 100:", await where());
  await res.fill("1"); await page.waitForTimeout(6000);
  log("after 1:", await where());
  log("local:", (await sectionText(page, "4. Local")).split("Answer:")[1]?.slice(0, 200));
  await res.fill("2"); await page.waitForTimeout(6000);
  log("after 2:", await where());
  await res.fill("1"); await page.waitForTimeout(6000);
  log("after 1 again:", await where());
  await page.close();
}
if (step === "search") {
  const page = await open(1280);
  const q = page.locator('.lab-control[data-key="q"] input');
  const show = async (label: string) => { const t = await sectionText(page, "4. Local"); log(`--- ${label} url=${page.url().replace(origin, "")} errs=${JSON.stringify(await errs(page))}`); log(t.slice(t.indexOf("no answer") + 9, t.indexOf("no answer") + 1100)); };
  for (const text of ["What did the addresses say about NATO and Russia?", "What should we do about rising prices for families?", ""]) {
    await q.fill(text); await page.waitForTimeout(4000); await show(`q="${text}"`);
  }
  await q.fill("What did the addresses say about NATO and Russia?"); await page.waitForTimeout(3000);
  await page.locator(".gr-graph").screenshot({path: "/tmp/review/local-nato-graph.png"});
  await page.getByLabel("1", {exact: true}).check(); await page.waitForTimeout(3000); await show("hops=1");
  const budgetBox = page.locator('.lab-control[data-key="budget"] input[type=number]');
  for (const b of ["200", "4000", "50", "99999"]) { await budgetBox.fill(b); await budgetBox.press("Enter"); await page.waitForTimeout(3500); await show(`budget=${b}`); }
  await budgetBox.fill("1000"); await budgetBox.press("Enter"); await page.waitForTimeout(2000);
  await q.fill("What should we do about rising prices for families?"); await page.waitForTimeout(3000);
  for (const fb of ["hybrid", "BM25", "no answer"]) { await page.getByLabel(fb, {exact: true}).check(); await page.waitForTimeout(3000); await show(`fallback=${fb}`); }
  await page.locator('xpath=//h2[contains(., "4. Local")]').scrollIntoViewIfNeeded();
  await page.screenshot({path: "/tmp/review/local-noentity.png"});
  // global
  const gq = page.locator('.lab-control[data-key="gq"] input');
  const gshow = async (label: string) => { const t = await sectionText(page, "5. Global"); log(`=== ${label} url=${page.url().replace(origin, "")}`); log(t.slice(t.indexOf("Answer"), t.indexOf("Answer") + 900)); };
  for (const text of ["What were the main themes about health care?", "xyzzy plugh", "the and of"]) { await gq.fill(text); await page.waitForTimeout(3500); await gshow(`gq="${text}"`); }
  await page.getByLabel("C2", {exact: true}).check(); await page.waitForTimeout(3500); await gshow("gq health, C2");
  log("final url", page.url());
  writeFileSync("/tmp/review/state-url.txt", page.url().replace(origin, ""));
  const state = await page.evaluate(() => ({local: (document.querySelector('.lab-control[data-key="q"] input') as HTMLInputElement).value}));
  await page.close();
  // reopen
  const p2 = await open(1280, page.url().replace(origin, ""));
  await p2.waitForTimeout(4000);
  log("reopened: res", await p2.locator('.lab-control[data-key="resolution"] input').inputValue(), "gq", await p2.locator('.lab-control[data-key="gq"] input').inputValue(), "q", await p2.locator('.lab-control[data-key="q"] input').inputValue(), "level", await p2.locator('.lab-control[data-key="level"] input:checked').getAttribute("value"), "errs", await errs(p2));
  const t = await sectionText(p2, "5. Global"); log(t.slice(t.indexOf("Answer"), t.indexOf("Answer") + 300));
  await p2.close();
}
if (step === "stale2") {
  const page = await open(1280);
  const res = page.locator('.lab-control[data-key="resolution"] input');
  await res.fill("100"); await page.waitForTimeout(5000);
  await res.fill("2"); await page.waitForTimeout(6000);
  const info = await page.evaluate(() => [...document.querySelectorAll(".lab-notice")].map((e) => ({cls: e.className, parent: e.parentElement?.className, prev: (e.parentElement?.previousElementSibling as HTMLElement)?.innerText?.slice(0, 60), text: (e as HTMLElement).innerText.slice(0, 60), y: e.getBoundingClientRect().top + scrollY})));
  log(info);
  await page.locator(".lab-notice").last().scrollIntoViewIfNeeded();
  await page.screenshot({path: "/tmp/review/stale-notice.png"});
  await page.close();
}
if (step === "global") {
  const page = await open(1280);
  const gq = page.locator('.lab-control[data-key="gq"] input');
  const gshow = async (label: string) => { const t = await sectionText(page, "5. Global"); const i = t.indexOf("question\n"); log(`=== ${label} url=${page.url().replace(origin, "")}`); log(t.slice(i + 9, i + 900)); };
  for (const lv of ["C1", "C2"]) { await page.getByLabel(lv, {exact: true}).check(); await page.waitForTimeout(3500); await gshow(`default gq, ${lv}`); }
  await page.getByLabel("C0", {exact: true}).check(); await page.waitForTimeout(2500);
  for (const text of ["What were the main themes about health care?", "xyzzy plugh", "the and of"]) { await gq.fill(text); await page.waitForTimeout(3500); await gshow(`gq="${text}"`); }
  await page.close();
}
if (step === "add") {
  const page = await open(1280);
  const s7 = async (label: string) => { const t = await sectionText(page, "7. Add"); const i = t.indexOf("Add the pasted text"); log(`=== ${label} errs=${JSON.stringify(await errs(page))} nan=${await nan(page)}`); log(t.slice(i + 19, i + 1800)); };
  await page.getByRole("button", {name: "Add this address"}).click(); await page.waitForTimeout(15000); await s7("add 1989");
  await page.locator(".gr-graph").screenshot({path: "/tmp/review/add-1989-graph.png"});
  log("levels:", (await sectionText(page, "2. Communities")).split("\n").filter((l) => /^C\d|Louvain took/.test(l)).join(" | "));
  await page.locator(".gr-find input").fill("Gorbachev"); await page.locator(".gr-find input").press("Enter"); await page.waitForTimeout(2500);
  log("find Gorbachev validity:", await page.locator(".gr-find input").evaluate((e: HTMLInputElement) => e.validationMessage), (await sectionText(page, "3. Community")).slice(600, 900));
  await page.locator('select').selectOption({label: "1962 · John F. Kennedy"}); await page.getByRole("button", {name: "Add this address"}).click(); await page.waitForTimeout(15000); await s7("add 1962 after 1989");
  await page.locator('xpath=//h2[contains(., "7. Add")]').scrollIntoViewIfNeeded(); await page.mouse.wheel(0, 500); await page.waitForTimeout(500);
  await page.screenshot({path: "/tmp/review/add-1962.png"});
  // local search still works after add?
  const t4 = await sectionText(page, "4. Local"); log("local after add:", t4.slice(t4.indexOf("no answer") + 9, t4.indexOf("no answer") + 400));
  const ta = page.locator('.lab-control[data-key="doc"] textarea');
  await ta.fill("hello world, nothing here"); await page.getByRole("button", {name: "Add the pasted text"}).click(); await page.waitForTimeout(12000); await s7("paste hello");
  await ta.fill("<script>alert(1)</script><b>Barack Obama</b> met <i>Angela Merkel</i> in Berlin and talked about NATO. <img src=x onerror=alert(2)>"); await page.getByRole("button", {name: "Add the pasted text"}).click(); await page.waitForTimeout(12000); await s7("paste markup");
  await page.screenshot({path: "/tmp/review/paste-markup.png"});
  // change resolution after add: does the added doc vanish?
  await page.locator('.lab-control[data-key="resolution"] input').fill("1.5"); await page.waitForTimeout(8000);
  await s7("after resolution 1.5");
  log("levels:", (await sectionText(page, "2. Communities")).split("\n").filter((l) => /^C\d|Louvain took/.test(l)).join(" | "));
  log("url", page.url().replace(origin, ""));
  await page.close();
}
await browser.close(); server.close();
