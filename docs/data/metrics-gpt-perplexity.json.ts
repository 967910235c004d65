// The tiny GPT of the SFT notebook trained twice on the same ~40 KB of the Brown corpus (GPT-2 BPE tokens vs
// UTF-8 bytes, same architecture, steps and batch) and both scored on the same held-out ~4 KB. Runs at build
// time on tfjs's wasm backend in Node (cpu if wasm cannot load); writes firstState(config, results).
import {readFileSync} from "node:fs";
import {join} from "node:path";
import * as tf from "@tensorflow/tfjs";
import {useWasmInNode} from "../../scripts/tfjs-wasm-node.js";
import {firstState} from "../../labs/kit/first-state.js";
import {TOKENIZATIONS, trainAndScore, type GptPerplexityConfig} from "../../labs/metrics/gpt-perplexity.js";
import {brownDir} from "../../labs/word2vec/brown-files.js";

const CONFIG: GptPerplexityConfig = {seed: 42, dModel: 48, nHeads: 4, nLayers: 1, context: 64, batch: 8, steps: 150, lr: 3e-3};
const TEXT = {trainBytes: 40_000, heldOutBytes: 4_000, heldOutFile: "ca01"};

/** Sentences of a Brown file as plain text (words as printed, tags dropped), one per line. */
function plain(file: string): string[] {
  return readFileSync(join(brownDir(), file), "utf8")
    .split("\n")
    .map((line) => line.trim().split(/\s+/).filter((t) => t.lastIndexOf("/") > 0).map((t) => t.slice(0, t.lastIndexOf("/"))).join(" "))
    .filter((s) => s.length > 0);
}
/** Whole sentences from the files in order until `bytes` characters (Brown is ASCII). */
function take(files: string[], bytes: number): string {
  const out: string[] = [];
  let n = 0;
  for (const f of files) for (const s of plain(f)) if (n + s.length + 1 <= bytes) (out.push(s), (n += s.length + 1));
  return out.join("\n");
}

await useWasmInNode(tf);

const trainFiles = ["ca02", "ca03", "ca04", "ca05", "ca06", "ca07", "ca08", "ca09", "ca10", "ca11", "ca12"];
const train = take(trainFiles, TEXT.trainBytes);
const heldOut = take([TEXT.heldOutFile], TEXT.heldOutBytes);
const t0 = performance.now();
const results = TOKENIZATIONS.map((how) => trainAndScore(train, heldOut, how, CONFIG));
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify(firstState({...CONFIG, ...TEXT, trainFiles}, {
  backend: tf.getBackend(),
  seconds,
  train: {bytes: new TextEncoder().encode(train).length},
  heldOut: {text: heldOut, bytes: new TextEncoder().encode(heldOut).length},
  results: results.map(({logProbs, ...r}) => ({...r, logProbs: logProbs.map((x) => Number(x.toFixed(5)))}))
})));
