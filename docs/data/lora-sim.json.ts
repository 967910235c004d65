// First states of the LoRA page, computed at build with the same code the page runs live, each beside
// the config it used (firstState): the default rank-r simulation and LoRA on an NF4-quantized base;
// also α/r against rsLoRA's α/√r at growing r (a fixed figure, not a run).
import {firstState} from "../../labs/kit/first-state.js";
import {runToEnd} from "../../labs/kit/stepper.js";
import {simStepper, DEFAULT_SIM, type SimConfig} from "../../labs/lora/simulate.js";
import {DEFAULT_SIM_PAGE, SCALING_COMPARISON, qloraConfig} from "../../labs/lora/controls.js";

const run = (config: Partial<SimConfig>) => runToEnd(simStepper(config, {spectrumIntervalMs: Infinity}), {stepsPerCall: 100});

const main = firstState(DEFAULT_SIM_PAGE, await run(DEFAULT_SIM_PAGE));
const qlora = firstState(qloraConfig(DEFAULT_SIM_PAGE), await run(qloraConfig(DEFAULT_SIM_PAGE)));
const scaling = [];
for (const s of ["standard", "rslora"] as const) {
  const snap = await run({...DEFAULT_SIM, ranks: SCALING_COMPARISON.ranks, alpha: SCALING_COMPARISON.alpha, full: false, scaling: s, steps: SCALING_COMPARISON.steps});
  scaling.push({scaling: s, models: snap.models.map((m) => ({r: m.r, scale: m.scale, floor: m.floor, curve: m.losses}))});
}
process.stdout.write(JSON.stringify({main, qlora, scaling}));
