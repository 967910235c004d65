// The default forward/reverse KL fit of the loss page, run to the end at build time (tfjs, cpu), so the
// page can quote where it ends before the reader presses Start. Same config as the page's defaults.
import {runToEnd} from "../../labs/kit/stepper.js";
import {makeKlFitStepper, type KlFitConfig, type KlFitSnapshot} from "../../labs/loss/kl-fit.js";

const config: KlFitConfig = {mixture: {weights: [0.5, 0.5], means: [-2, 2], sds: [0.6, 0.6]}, learningRate: 0.1, steps: 300, seed: 42};
const t0 = performance.now();
const end = (await runToEnd(makeKlFitStepper(config), {stepsPerCall: 50})) as KlFitSnapshot;
const {history, ...final} = end;
process.stdout.write(JSON.stringify({config, final, history: history.filter((h) => h.step % 10 === 0), ms: Math.round(performance.now() - t0)}));
