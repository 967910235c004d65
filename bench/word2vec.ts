// Benchmark of the word2vec engines on the Brown corpus (or a file): raw words/s and POS purity@10,
// optionally beside gensim (single worker) when python3 can import it. Not part of the test run.
// Usage: npx tsx bench/word2vec.ts --corpus brown --engine kernel|ts|tfjs --model sg --epochs 5 [--gensim] [--json out.json]
// (kernel = the WebAssembly SIMD kernel, ts = its TypeScript reference)
import {execFileSync} from "node:child_process";
import {readFileSync, writeFileSync, mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {mulberry32} from "../labs/kit/random.js";
import {brownCorpus} from "../labs/word2vec/brown-files.js";
import {type Model, type TrainConfig, DEFAULT_CONFIG, initKernel, stepKernel} from "../labs/word2vec/kernel.js";
import {posPurity} from "../labs/word2vec/evaluate.js";
import {toWord2VecText, parseWord2VecText} from "../labs/word2vec/export.js";
import {type Corpus, encodeSentences} from "../labs/word2vec/vocab.js";
import {compileKernel, initWasmKernel} from "../labs/word2vec/wasm-kernel.js";
import {kernelWasmBytes} from "../labs/word2vec/wasm-node.js";

const args = new Map<string, string>();
const flags = new Set<string>();
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (!a.startsWith("--")) continue;
  const next = process.argv[i + 1];
  if (next === undefined || next.startsWith("--")) flags.add(a.slice(2));
  else (args.set(a.slice(2), next), i++);
}
const num = (k: string, d: number) => (args.has(k) ? Number(args.get(k)) : d);
const corpusArg = args.get("corpus") ?? "brown";
const engine = args.get("engine") ?? "kernel";
const config: TrainConfig = {
  model: (args.get("model") ?? "sg") as Model,
  dim: num("dim", 50),
  window: num("window", DEFAULT_CONFIG.window),
  negative: num("negative", DEFAULT_CONFIG.negative),
  sample: num("sample", DEFAULT_CONFIG.sample),
  minCount: num("min-count", DEFAULT_CONFIG.minCount),
  epochs: num("epochs", DEFAULT_CONFIG.epochs),
  alpha: num("alpha", 0.025)
};
const seed = num("seed", 42);

let corpus: Corpus;
let pos: Uint8Array | null = null;
if (corpusArg === "brown") ({corpus, pos} = brownCorpus());
else corpus = encodeSentences(readFileSync(corpusArg, "utf8").split("\n").map((l) => l.split(/\s+/).filter(Boolean)).filter((s) => s.length));
const rawTokens = corpus.ids.length;

interface Result {
  engine: string;
  model: string;
  epochs: number;
  trainSeconds: number;
  rawWordsPerSecond: number;
  posPurityAt10: number | null;
  cpuSeconds?: number; // process CPU time while training (robust to a shared, loaded machine)
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function purityOf(words: string[], vectors: Float32Array, dim: number): number | null {
  if (!pos) return null;
  const index = new Map(corpus.words.map((w, i) => [w, i]));
  const n = Math.min(2000, words.length);
  const classes = Uint8Array.from(words.slice(0, n), (w) => pos![index.get(w)!]);
  return posPurity(vectors, dim, classes, n, 10).purity;
}

async function runEngine(): Promise<Result & {words: string[]; vectors: Float32Array}> {
  if (engine === "kernel" || engine === "ts") {
    // kernel: the WebAssembly SIMD kernel (the page's default); ts: its TypeScript reference.
    const module = engine === "kernel" ? compileKernel(await kernelWasmBytes()) : null;
    if (engine === "kernel" && !module) throw new Error("This Node has no WebAssembly SIMD; use --engine ts.");
    const w = module ? initWasmKernel(module, config, corpus, mulberry32(seed)) : null;
    const s = w ? w.state : initKernel(config, corpus, mulberry32(seed));
    const t0 = performance.now();
    const c0 = cpuNow();
    while (s.epoch < config.epochs) w ? w.step(1e9) : stepKernel(s, 1e9);
    const sec = (performance.now() - t0) / 1000;
    const cpuSeconds = cpuNow() - c0;
    const vectors = w ? w.vectors() : s.syn0;
    const words = corpus.words.slice(0, s.vocabSize);
    return {engine: w ? "kernel-wasm" : "kernel-ts", model: config.model, epochs: config.epochs, trainSeconds: sec, cpuSeconds, rawWordsPerSecond: (rawTokens * config.epochs) / sec, posPurityAt10: purityOf(words, vectors, config.dim), words, vectors};
  }
  if (engine === "tfjs") {
    const {initTf, stepTf} = await import("../labs/word2vec/tfjs-engine.js");
    const tf = await import("@tensorflow/tfjs");
    await tf.setBackend("cpu");
    const maxWords = num("max-words", Infinity); // tfjs on the Node cpu backend is slow: allow a partial run
    const s = initTf(config, corpus, mulberry32(seed), {batchSize: num("batch", 1024)});
    const t0 = performance.now();
    const c0 = cpuNow();
    let done = 0;
    while (s.kernel.epoch < config.epochs && done < maxWords) done += await stepTf(s, 10_000);
    const sec = (performance.now() - t0) / 1000;
    const words = corpus.words.slice(0, s.kernel.vocabSize);
    const fraction = done / (s.kernel.trainWords * config.epochs);
    return {engine: `tfjs-${tf.getBackend()}`, model: config.model, epochs: config.epochs * fraction, trainSeconds: sec, cpuSeconds: cpuNow() - c0, rawWordsPerSecond: (rawTokens * config.epochs * fraction) / sec, posPurityAt10: purityOf(words, s.kernel.syn0, config.dim), words, vectors: s.kernel.syn0};
  }
  throw new Error(`--engine must be kernel, ts or tfjs, got ${engine}`);
}

function runGensim(): Result | null {
  const py = ["/usr/bin/python3", "python3"].find((p) => {
    try {
      execFileSync(p, ["-c", "import gensim"], {stdio: "ignore"});
      return true;
    } catch {
      return false;
    }
  });
  if (!py) return null;
  const dir = mkdtempSync(join(tmpdir(), "w2v-bench-"));
  const text = join(dir, "corpus.txt");
  const lines: string[] = [];
  for (let s = 0; s + 1 < corpus.offsets.length; s++) lines.push(Array.from(corpus.ids.subarray(corpus.offsets[s], corpus.offsets[s + 1]), (i) => corpus.words[i]).join(" "));
  writeFileSync(text, lines.join("\n") + "\n");
  const out = join(dir, "vectors.txt");
  const script = `
import time, sys, gensim
from gensim.models import Word2Vec
sents = [l.split() for l in open(${JSON.stringify(text)})]
t = time.time()
c = time.process_time()
m = Word2Vec(sents, sg=${config.model === "sg" ? 1 : 0}, vector_size=${config.dim}, window=${config.window}, negative=${config.negative}, sample=${config.sample}, min_count=${config.minCount}, epochs=${config.epochs}, alpha=${config.alpha}, workers=1, seed=${seed})
print(time.time() - t)
print(time.process_time() - c)
m.wv.save_word2vec_format(${JSON.stringify(out)})
print(gensim.__version__)
`;
  const [secText, cpuText, version] = execFileSync(py, ["-c", script], {encoding: "utf8"}).trim().split("\n");
  const sec = Number(secText);
  const parsed = parseWord2VecText(readFileSync(out, "utf8"));
  return {engine: `gensim ${version}`, model: config.model, epochs: config.epochs, trainSeconds: sec, cpuSeconds: Number(cpuText), rawWordsPerSecond: (rawTokens * config.epochs) / sec, posPurityAt10: purityOf(parsed.words, parsed.vectors, parsed.dim)};
}

const fmt = (r: Result) =>
  `${r.engine.padEnd(14)} ${r.model.padEnd(5)} ${r.epochs.toFixed(2).padStart(6)} ${r.trainSeconds.toFixed(2).padStart(8)} ${Math.round(r.rawWordsPerSecond).toLocaleString("en-US").padStart(12)} ${r.cpuSeconds ? Math.round((rawTokens * r.epochs) / r.cpuSeconds).toLocaleString("en-US").padStart(15) : "              —"} ${r.posPurityAt10 === null ? "     —" : r.posPurityAt10.toFixed(4).padStart(6)}`;
console.log(`corpus ${corpusArg}: ${rawTokens.toLocaleString("en-US")} raw tokens, ${corpus.offsets.length - 1} sentences; dim ${config.dim} window ${config.window} negative ${config.negative} sample ${config.sample} min-count ${config.minCount} alpha ${config.alpha} seed ${seed}`);
console.log("engine         model epochs  train s  raw words/s raw words/cpu-s purity@10");
const result = await runEngine();
console.log(fmt(result));
if (flags.has("gensim")) {
  const g = runGensim();
  if (g) console.log(fmt(g));
  else console.log("gensim: not importable by python3 (apt-get install python3-gensim); skipped");
}
if (args.has("out")) writeFileSync(args.get("out")!, toWord2VecText(result.words, result.vectors, config.dim));
if (args.has("json")) {
  const {words: _w, vectors: _v, ...json} = result;
  writeFileSync(args.get("json")!, JSON.stringify(json, null, 2) + "\n");
}
