// The default forward/reverse KL fit of the loss page, run to the end at build time (tfjs, cpu) by the
// same code the page's worker runs. Written as firstState(config, snapshot): the page shows it (and
// quotes its numbers) only while its controls equal this config.
import * as tf from "@tensorflow/tfjs";
import {firstState} from "../../labs/kit/first-state.js";
import {DEFAULT_SEED} from "../../labs/kit/random.js";
import {runToEnd} from "../../labs/kit/stepper.js";
import {useBackend} from "../../labs/kit/tfjs-backend.js";
import {fitConfig, lrSpec, modeSdSpec, sepSpec, stepsSpec, weightSpec} from "../../labs/loss/controls.js";
import {makeKlFitStepper, type KlFitLiveSnapshot} from "../../labs/loss/kl-fit.js";

await useBackend(tf, "cpu");
const config = fitConfig({sep: sepSpec.value, modeSd: modeSdSpec.value, weight: weightSpec.value, lr: lrSpec.value, steps: stepsSpec.value, seed: DEFAULT_SEED});
const end = (await runToEnd(makeKlFitStepper(config), {stepsPerCall: 50})) as KlFitLiveSnapshot;
// Every 10th step (and the last) is enough to draw the objectives and the paths over (μ, σ).
process.stdout.write(JSON.stringify(firstState(config, {...end, history: end.history.filter((h) => h.step % 10 === 0 || h.step === end.step)})));
