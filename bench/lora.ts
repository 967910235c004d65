// Steps per second of the LoRA page's default simulation (5 adapters + full fine-tune, 64 × 64, 300 steps)
// and of the MLP adaptation, per TensorFlow.js backend available in this process. Prints a table.
import * as tf from "@tensorflow/tfjs";
import {useBackend, type BackendName} from "../labs/kit/tfjs-backend.js";
import {simStepper, DEFAULT_SIM} from "../labs/lora/simulate.js";
import {mlpStepper, DEFAULT_MLP} from "../labs/lora/mlp.js";

// Machine speed right now: 2·10⁷ square roots take ~30 ms on an idle laptop core; a shared CI machine may be many times slower.
const calibrationMs = (() => {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 2e7; i++) x += Math.sqrt(i);
  return performance.now() - t0 + 0 * x;
})();
const rows: string[][] = [];
const backends = Object.keys(tf.engine().registryFactory);
for (const backend of backends) {
  if ((await useBackend(tf, backend as BackendName)) !== backend) continue;
  {
    const st = simStepper(DEFAULT_SIM, {spectrumIntervalMs: 400});
    let s = await st.reset();
    const t0 = performance.now();
    while (s.step < s.steps) s = await st.step(50);
    const ms = performance.now() - t0;
    const r4 = s.models.find((m) => m.r === 4)!;
    rows.push([backend, "simulation (default)", String(s.steps), ((s.steps / ms) * 1000).toFixed(1), (ms / 1000).toFixed(2), `r=4 loss ${r4.losses.at(-1)!.toFixed(4)} vs floor ${r4.floor.toFixed(4)}`]);
    st.dispose?.();
  }
  {
    const st = mlpStepper(DEFAULT_MLP);
    let s = await st.reset();
    const t0 = performance.now();
    while (st.progress(s) < 1) s = await st.step(50);
    const ms = performance.now() - t0;
    const r2 = s.variants.find((v) => v.r === 2)!;
    rows.push([backend, "MLP pretrain + adapt", String(s.totalSteps), ((s.totalSteps / ms) * 1000).toFixed(1), (ms / 1000).toFixed(2), `LoRA r=2 acc B ${r2.accB.toFixed(3)}`]);
    st.dispose?.();
  }
}
const head = ["backend", "run", "steps", "steps/s", "seconds", "result"];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => "| " + r.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
console.log(line(head));
console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
rows.forEach((r) => console.log(line(r)));
console.log(`\nNode ${process.version}; backends registered: ${backends.join(", ")}. Calibration: 2·10⁷ Math.sqrt in ${calibrationMs.toFixed(0)} ms (≈30 ms on an idle core).`);
console.log("The browser runs the same steppers in a Web Worker (cpu or webgl backend); the page's status line shows its steps/s.");
