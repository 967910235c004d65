// Precomputes the RLHF notebook's first state with the page's defaults (seed 42): the SFT run, the
// reward-model run (tfjs, cpu), PPO and DPO runs. The page shows these at once and recomputes live
// when a control changes.
import {readFileSync} from "node:fs";
import * as tf from "@tensorflow/tfjs";
import {runToEnd} from "../../labs/kit/stepper.js";
import type {Dataset} from "../../labs/rlhf/dataset.js";
import {PAGE_DPO, PAGE_LABELS, PAGE_PPO, PAGE_RM, PAGE_SEED} from "../../labs/rlhf/defaults.js";
import {dpoStepper, labelSet, ppoStepper, sftPolicy, sftStepper, spaces} from "../../labs/rlhf/pipeline.js";
import {rmStepper} from "../../labs/rlhf/rm-stepper.js";

async function main() {
  // silence tfjs's "install tfjs-node" banner: Framework shows loader stdout as data
  const log = console.log;
  console.log = () => {};
  await tf.setBackend("cpu");
  const dataset = JSON.parse(readFileSync("data/rlhf/dataset.json", "utf8")) as Dataset;
  const {train} = spaces(dataset);
  const sft = await runToEnd(sftStepper(train), {stepsPerCall: 50});
  const piSft = sftPolicy(train, sft.theta);
  const rm = await runToEnd(rmStepper({dataset, labels: PAGE_LABELS, backbone: "surface", rm: PAGE_RM}), {stepsPerCall: 50});
  const r = Float64Array.from(rm.rewards);
  const ppo = await runToEnd(ppoStepper(train, piSft, r, PAGE_PPO, PAGE_SEED), {stepsPerCall: 50});
  const dpo = await runToEnd(dpoStepper(train, piSft, labelSet(train, PAGE_LABELS), r, PAGE_DPO), {stepsPerCall: 50});
  console.log = log;
  process.stdout.write(JSON.stringify({sft, rm, ppo, dpo}));
}
main();
