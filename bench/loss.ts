// Loss lab benchmark: categorical measures at vocabulary sizes, and the tfjs KL fit's step rate
// (cpu backend, both fits per step) at several grid sizes. Prints a table; not part of `npm test`.
// Run: npx tsx bench/loss.ts
import {logSoftmax, measures} from "../labs/loss/categorical.js";
import {seededStart} from "../labs/loss/controls.js";
import {makeKlFitStepper} from "../labs/loss/kl-fit.js";

const rows: {case: string; size: number; perSecond: string; msEach: string}[] = [];
const time = (fn: () => void, repeats: number) => {
  const t0 = performance.now();
  for (let i = 0; i < repeats; i++) fn();
  return (performance.now() - t0) / repeats;
};

for (const K of [20, 1000, 50_000]) {
  const zp = seededStart("p", K, 1);
  const zq = seededStart("q", K, 1);
  const repeats = Math.max(5, Math.round(2e6 / K));
  const ms = time(() => measures(logSoftmax(zp), logSoftmax(zq)), repeats);
  rows.push({case: "logSoftmax ×2 + six measures", size: K, perSecond: (1000 / ms).toFixed(0), msEach: ms.toFixed(4)});
}

const mixture = {weights: [0.5, 0.5], means: [-2, 2], sds: [0.6, 0.6]};
for (const gridSize of [400, 800, 1600]) {
  const stepper = makeKlFitStepper({mixture, learningRate: 0.1, steps: 1000, seed: 42, gridSize});
  stepper.reset();
  stepper.step(10); // warm-up
  const n = 100;
  const t0 = performance.now();
  stepper.step(n);
  const ms = (performance.now() - t0) / n;
  rows.push({case: "KL fit step (forward + reverse, tfjs cpu)", size: gridSize, perSecond: (1000 / ms).toFixed(0), msEach: ms.toFixed(2)});
}
console.table(rows);
