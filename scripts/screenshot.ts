// Takes a full-page screenshot of a built page, as a reader would see it, for reviewing changes:
//   npx tsx scripts/screenshot.ts /loss out.png [".selector-to-click|.another"] [wait-ms]
// Prints console errors the page logged. Needs `npm run build` and /usr/bin/chromium.
import {chromium} from "playwright-core";
import {serveDist} from "./serve-dist.js";

const [path = "/", out = "screenshot.png", clicks = "", waitMs = "1500"] = process.argv.slice(2);
const {server, origin} = await serveDist("dist");
const browser = await chromium.launch({executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]});
const page = await browser.newPage({viewport: {width: 1280, height: 900}});
page.on("console", (m) => m.type() === "error" && console.log("console error:", m.text()));
page.on("pageerror", (e) => console.log("uncaught:", e.message));
await page.goto(origin + path, {waitUntil: "networkidle"});
for (const selector of clicks.split("|").filter(Boolean)) await page.locator(selector).first().click();
await page.waitForTimeout(Number(waitMs));
await page.screenshot({path: out, fullPage: true});
await browser.close();
server.close();
console.log(`wrote ${out}`);
