// Training throughput of the SFT lab's tiny GPT (labs/sft/gpt.ts + AdamW) on random tokens, on tfjs's
// `cpu` and `wasm` backends, and PyTorch (CPU, one thread, fp32; scripts/sft-bench-torch.py) side by side
// when /usr/bin/python3 has torch. Tokens per second over the steps after 3 warm-up steps.
//   npx tsx bench/sft.ts --vocab 512 --ctx 128 --d 128 --heads 4 --layers 2 --batch 16 --steps 20 --json FILE
// Options: --engines tfjs-cpu,tfjs-wasm,torch (default: all that are available).
// The JSON file gets {"engine", "params", "tokensPerSecond"} of the lab's engine (tfjs-wasm), plus "all".
import {spawnSync} from "node:child_process";
import {existsSync, writeFileSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import * as tf from "@tensorflow/tfjs";
import {setWasmPaths} from "@tensorflow/tfjs-backend-wasm";
import {AdamW, NANOGPT_ADAMW, disposeGrads, lossAndGrads} from "../labs/sft/adamw.js";
import {type GPTConfig, TinyGPT, initWeights, parameterCount} from "../labs/sft/gpt.js";
import {mulberry32} from "../labs/kit/random.js";

const args = process.argv.slice(2);
function option(name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}
const int = (name: string, fallback: number) => {
  const v = Number(option(name, String(fallback)));
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a whole number ≥ 1`);
  return v;
};
const config: GPTConfig = {vocabSize: int("vocab", 512), contextLength: int("ctx", 128), dModel: int("d", 128), nHeads: int("heads", 4), nLayers: int("layers", 2)};
const batchSize = int("batch", 16);
const steps = int("steps", 20);
const warmup = 3;
const jsonFile = option("json", "");
const engines = option("engines", "tfjs-cpu,tfjs-wasm,torch").split(",");
const params = parameterCount(config);

interface Row {
  engine: string;
  params: number;
  tokensPerSecond: number;
  msPerStep: number;
  firstLoss: number;
  lastLoss: number;
}

async function runTfjs(backend: "cpu" | "wasm"): Promise<Row> {
  if (backend === "wasm") {
    const require = createRequire(import.meta.url);
    // One thread, like the PyTorch row: Node has no cross-origin isolation flag to check.
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    setWasmPaths(join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm")), "/"));
  }
  await tf.setBackend(backend);
  await tf.ready();
  const model = new TinyGPT(config, initWeights(config, 1));
  const opt = new AdamW(model.params, NANOGPT_ADAMW);
  const random = mulberry32(2);
  const T = config.contextLength;
  const n = batchSize * T;
  let first = NaN;
  let last = NaN;
  let t0 = 0;
  for (let s = 0; s < warmup + steps; s++) {
    if (s === warmup) t0 = performance.now();
    const ids = Int32Array.from({length: n}, () => Math.floor(random() * config.vocabSize));
    const targets = Int32Array.from({length: n}, () => Math.floor(random() * config.vocabSize));
    const {loss, grads} = lossAndGrads(model.params, () => model.loss({ids, targets, batch: batchSize, length: T}));
    opt.apply(grads);
    disposeGrads(grads);
    if (s === 0) first = loss;
    last = loss;
  }
  const seconds = (performance.now() - t0) / 1000;
  opt.dispose();
  model.dispose();
  return {engine: `tfjs-${backend}`, params, tokensPerSecond: (steps * n) / seconds, msPerStep: (seconds * 1000) / steps, firstLoss: first, lastLoss: last};
}

function runTorch(): Row | null {
  if (!existsSync("/usr/bin/python3")) return null;
  const cli = ["scripts/sft-bench-torch.py", "--vocab", config.vocabSize, "--ctx", config.contextLength, "--d", config.dModel, "--heads", config.nHeads, "--layers", config.nLayers, "--batch", batchSize, "--steps", steps].map(String);
  const result = spawnSync("/usr/bin/python3", cli, {encoding: "utf8"});
  if (result.status !== 0) {
    console.log(`(PyTorch row skipped: ${result.stderr.trim().split("\n").pop()})`);
    return null;
  }
  return JSON.parse(result.stdout.trim().split("\n").pop()!) as Row;
}

const rows: Row[] = [];
for (const engine of engines) {
  if (engine === "tfjs-cpu") rows.push(await runTfjs("cpu"));
  else if (engine === "tfjs-wasm") rows.push(await runTfjs("wasm"));
  else if (engine === "torch") {
    const row = runTorch();
    if (row) rows.push(row);
  } else throw new Error(`Unknown engine ${engine}`);
}

console.log(`Tiny GPT: V ${config.vocabSize}, T ${config.contextLength}, d ${config.dModel}, ${config.nHeads} heads, ${config.nLayers} layers, ${params.toLocaleString("en-US")} parameters; batch ${batchSize} (${(batchSize * config.contextLength).toLocaleString("en-US")} tokens/step), ${steps} timed steps after ${warmup} warm-up steps, AdamW.\n`);
console.log("| engine | params | ms/step | tokens/s | loss first → last |");
console.log("|---|---:|---:|---:|---|");
for (const r of rows) console.log(`| ${r.engine} | ${r.params.toLocaleString("en-US")} | ${r.msPerStep.toFixed(0)} | ${Math.round(r.tokensPerSecond).toLocaleString("en-US")} | ${r.firstLoss.toFixed(3)} → ${r.lastLoss.toFixed(3)} |`);
const torch = rows.find((r) => r.engine.startsWith("torch"));
const wasm = rows.find((r) => r.engine === "tfjs-wasm");
if (torch && wasm) console.log(`\ntfjs-wasm / PyTorch (1 thread): ${(wasm.tokensPerSecond / torch.tokensPerSecond).toFixed(2)}×`);
if (jsonFile) {
  const main = wasm ?? rows[0];
  writeFileSync(jsonFile, JSON.stringify({engine: main.engine, params: main.params, tokensPerSecond: main.tokensPerSecond, all: rows}, null, 1) + "\n");
}
