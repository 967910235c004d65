// Precomputes the RLHF notebook's first state with the controls' defaults (labs/rlhf/controls.ts):
// the SFT run, the reward-model run (tfjs, cpu), PPO and DPO runs, each written with the config it
// used (firstState), so the page shows one only while its controls still equal that config.
import {readFileSync} from "node:fs";
import * as tf from "@tensorflow/tfjs";
import {firstState} from "../../labs/kit/first-state.js";
import {loopStepper} from "../../labs/kit/loop.js";
import {runToEnd} from "../../labs/kit/stepper.js";
import {useBackend} from "../../labs/kit/tfjs-backend.js";
import {configsFrom, DEFAULT_VALUES} from "../../labs/rlhf/controls.js";
import type {Dataset} from "../../labs/rlhf/dataset.js";
import {dpoAlgorithm} from "../../labs/rlhf/dpo.js";
import {labelSet, sftPolicy, spaces} from "../../labs/rlhf/pipeline.js";
import {ppoAlgorithm} from "../../labs/rlhf/ppo.js";
import {rmAlgorithm} from "../../labs/rlhf/rm-run.js";
import {sftAlgorithm} from "../../labs/rlhf/sft.js";

async function main() {
  // silence tfjs's "install tfjs-node" banner: Framework shows loader stdout as data
  const log = console.log;
  console.log = () => {};
  await useBackend(tf, "cpu");
  const dataset = JSON.parse(readFileSync("data/rlhf/dataset.json", "utf8")) as Dataset;
  const {train} = spaces(dataset);
  const c = configsFrom(DEFAULT_VALUES);
  const sft = await runToEnd(loopStepper(sftAlgorithm, {space: train, ...c.sftKey}), {stepsPerCall: 50});
  const piSft = sftPolicy(train, sft.theta);
  const rm = await runToEnd(loopStepper(rmAlgorithm, {dataset, ...c.rmKey}), {stepsPerCall: 50});
  const r = Float64Array.from(rm.rewards);
  const ppo = await runToEnd(loopStepper(ppoAlgorithm, {space: train, piSft, r, ...c.ppoKey}), {stepsPerCall: 50});
  const dpo = await runToEnd(loopStepper(dpoAlgorithm, {space: train, piSft, pairs: labelSet(train, c.rmKey.labels), r, ...c.dpoKey}), {stepsPerCall: 50});
  console.log = log;
  process.stdout.write(JSON.stringify({sft: firstState(c.sftKey, sft), rm: firstState(c.rmKey, rm), ppo: firstState(c.ppoKey, ppo), dpo: firstState(c.dpoKey, dpo)}));
}
main();
