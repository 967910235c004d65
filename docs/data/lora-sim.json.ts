// First state of the LoRA page, computed at build with the same code the page runs live:
// the default rank-r simulation, alpha/r vs rsLoRA at growing r, and LoRA on an NF4-quantized base.
import {simStepper, DEFAULT_SIM, type SimConfig, type SimSnapshot} from "../../labs/lora/simulate.js";

const run = (config: Partial<SimConfig>): SimSnapshot => {
  const st = simStepper(config, {spectrumEvery: 1_000_000});
  let s = st.reset();
  while (s.step < s.steps) s = st.step(100);
  st.dispose();
  return s;
};

export const SCALING_COMPARISON = {ranks: [2, 4, 8, 16, 32, 64], steps: 50};
export const QLORA_SIM: Partial<SimConfig> = {ranks: [2, 4, 8], full: false, base: "nf4", steps: 200};

const main = run(DEFAULT_SIM);
const scaling = (["standard", "rslora"] as const).map((s) => {
  const snap = run({...DEFAULT_SIM, ranks: SCALING_COMPARISON.ranks, full: false, scaling: s, steps: SCALING_COMPARISON.steps});
  return {scaling: s, models: snap.models.map((m) => ({r: m.r, scale: m.scale, floor: m.floor, final: m.losses[m.losses.length - 1], curve: m.losses}))};
});
const qlora = run({...DEFAULT_SIM, ...QLORA_SIM});
process.stdout.write(JSON.stringify({main, scaling, qlora}));
