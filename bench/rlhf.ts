// Benchmark of the RLHF lab's training loops: steps/s of reward-model training (tfjs head, full batch)
// and of PPO / REINFORCE / DPO rollouts on the lab's default data. Prints a table; not part of npm test.
// Run: npx tsx bench/rlhf.ts
import {readFileSync} from "node:fs";
import * as tf from "@tensorflow/tfjs";
import {stream} from "../labs/kit/random.js";
import {useBackend} from "../labs/kit/tfjs-backend.js";
import {buildSpace, type Dataset} from "../labs/rlhf/dataset.js";
import {DEFAULT_LABELERS, simulateLabels} from "../labs/rlhf/labelers.js";
import {DEFAULT_RM, rewardsOf, rmDispose, rmInit, rmParams, rmStep} from "../labs/rlhf/reward-model.js";
import {sftLogits, sftTrain} from "../labs/rlhf/sft.js";
import {softmaxPerPrompt} from "../labs/rlhf/policy.js";
import {DEFAULT_PPO, ppoInit, ppoStep} from "../labs/rlhf/ppo.js";
import {DEFAULT_DPO, dpoInit, dpoStep} from "../labs/rlhf/dpo.js";

async function main() {
  await useBackend(tf, "cpu");
  const dataset = JSON.parse(readFileSync(new URL("../data/rlhf/dataset.json", import.meta.url), "utf8")) as Dataset;
  const space = buildSpace(dataset, {split: "train"});
  const pairs = simulateLabels(space, DEFAULT_LABELERS, stream(42, "labels"));
  const rows: {stage: string; steps: number; ms: number; note: string}[] = [];
  const time = (stage: string, steps: number, note: string, run: () => void) => {
    const t0 = performance.now();
    run();
    rows.push({stage, steps, ms: performance.now() - t0, note});
  };
  let piSft: Float64Array = new Float64Array(0);
  time("SFT (Adam on θ)", 150, `${space.demos.length} demonstrations`, () => {
    piSft = softmaxPerPrompt(space, sftLogits(sftTrain(space)));
  });
  let r: Float64Array = new Float64Array(0);
  // warm-up: the first tfjs step compiles kernels
  const warm = rmInit(space, pairs, DEFAULT_RM);
  rmStep(warm);
  rmDispose(warm);
  time(`RM head (tfjs ${tf.getBackend()})`, DEFAULT_RM.steps, `${pairs.length} pairs, full batch`, () => {
    const s = rmInit(space, pairs, DEFAULT_RM);
    while (s.step < DEFAULT_RM.steps) rmStep(s);
    r = rewardsOf(space, rmParams(s));
    rmDispose(s);
  });
  for (const method of ["ppo", "reinforce"] as const)
    time(method === "ppo" ? "PPO (clipped, 4 epochs)" : "REINFORCE (group baseline)", DEFAULT_PPO.steps, `${space.offsets.length - 1} prompts × ${DEFAULT_PPO.samples} samples`, () => {
      const s = ppoInit(space, piSft, r, {...DEFAULT_PPO, method}, stream(42, "ppo rollouts"));
      while (s.step < DEFAULT_PPO.steps) ppoStep(s);
    });
  time("DPO (full batch)", DEFAULT_DPO.steps, `${pairs.length} pairs`, () => {
    const s = dpoInit(space, piSft, pairs, DEFAULT_DPO, {rm: r});
    while (s.step < DEFAULT_DPO.steps) dpoStep(s);
  });
  console.log(`\nRLHF lab, Node ${process.version}, ${space.offsets.length - 1} prompts, ${space.nResponses} responses\n`);
  console.log("| stage | steps | total ms | steps/s | ms/step | workload |");
  console.log("|---|---:|---:|---:|---:|---|");
  for (const row of rows) console.log(`| ${row.stage} | ${row.steps} | ${row.ms.toFixed(0)} | ${((row.steps / row.ms) * 1000).toFixed(0)} | ${(row.ms / row.steps).toFixed(2)} | ${row.note} |`);
}
main();
