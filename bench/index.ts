// `npm run bench`: runs every benchmark in bench/ one after another (each prints its own table).
// `npm run bench -- ann lora` runs only the named ones. Benchmarks are not part of `npm test`.
import {spawnSync} from "node:child_process";
import {readdirSync} from "node:fs";

const only = process.argv.slice(2);
const benches = readdirSync("bench")
  .filter((f) => f.endsWith(".ts") && f !== "index.ts")
  .map((f) => f.replace(/\.ts$/, ""))
  .filter((name) => only.length === 0 || only.includes(name));

if (benches.length === 0) console.log("No benchmarks matched.");
let failed = 0;
for (const name of benches) {
  console.log(`\n## bench/${name}.ts\n`);
  const result = spawnSync("npx", ["tsx", `bench/${name}.ts`], {stdio: "inherit"});
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
