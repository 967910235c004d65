// Composes data/rlhf/dataset.json from the hand-written data/rlhf/source.json (seed 42), and writes
// the default simulated preference pairs to data/rlhf/pairs.json for inspection.
// Run: npx tsx data/rlhf/build.ts
import {readFileSync, writeFileSync} from "node:fs";
import {mulberry32, stream} from "../../labs/kit/random.js";
import {composeDataset, buildSpace, type Source} from "../../labs/rlhf/dataset.js";
import {simulateLabels, DEFAULT_LABELERS} from "../../labs/rlhf/labelers.js";

const dir = new URL(".", import.meta.url);
const source = JSON.parse(readFileSync(new URL("source.json", dir), "utf8")) as Source;
const dataset = composeDataset(source, mulberry32(42));
writeFileSync(new URL("dataset.json", dir), JSON.stringify(dataset, null, 1) + "\n");
const space = buildSpace(dataset, {split: "train"});
const pairs = simulateLabels(space, {...DEFAULT_LABELERS}, stream(42, "labels")); // as labelSet() draws them
writeFileSync(
  new URL("pairs.json", dir),
  JSON.stringify({about: "Default simulated preference pairs (seed 42) over the train prompts; indices are global response indices of buildSpace(dataset, {split: 'train'}).", pairs}) + "\n"
);
const n = dataset.prompts.reduce((s, p) => s + p.candidates.length, 0);
console.log(`${dataset.prompts.length} prompts, ${n} responses, ${pairs.length} pairs`);
