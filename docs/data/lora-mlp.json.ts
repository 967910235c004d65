// First state of the LoRA page's MLP section, computed at build with the code the page runs live,
// beside the config it used (firstState).
import {firstState} from "../../labs/kit/first-state.js";
import {runToEnd} from "../../labs/kit/stepper.js";
import {mlpStepper, DEFAULT_MLP} from "../../labs/lora/mlp.js";

const config = {angle: DEFAULT_MLP.angle, seed: DEFAULT_MLP.seed};
process.stdout.write(JSON.stringify(firstState(config, await runToEnd(mlpStepper(config), {stepsPerCall: 50}))));
