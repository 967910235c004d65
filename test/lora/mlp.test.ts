import {describe, it, expect} from "vitest";
import * as tf from "@tensorflow/tfjs";
import {mlpStepper, mlpAdaptation, makeTasks, rotatePlane, validateMlp, DEFAULT_MLP} from "../../labs/lora/mlp.js";
import {runToEnd} from "../../labs/kit/stepper.js";
import {mulberry32} from "../../labs/kit/random.js";
import {InputError} from "../../labs/kit/params.js";

const tiny = {...DEFAULT_MLP, p: 4, hidden: 8, classes: 3, teacherHidden: 4, nTrain: 64, nTest: 64, ranks: [1, 2], pretrainSteps: 30, adaptSteps: 20, evalEvery: 10, seed: 3};

describe("LoRA in a small MLP", () => {
  it("rotatePlane(x, θ) changes only the first two coordinates and keeps the norm", () => {
    const x = [1, 2, 3, 4];
    const y = rotatePlane(x, 90);
    expect(y[0]).toBeCloseTo(-2, 12);
    expect(y[1]).toBeCloseTo(1, 12);
    expect([y[2], y[3]]).toEqual([3, 4]);
  });

  it("makeTasks: angle 0 gives identical tasks, a rotation relabels some inputs", () => {
    const c = {...DEFAULT_MLP, nTrain: 64, nTest: 256};
    expect(makeTasks({...c, angle: 0}, mulberry32(1)).agreement).toBe(1);
    const a = makeTasks({...c, angle: 60}, mulberry32(1)).agreement;
    expect(a).toBeLessThan(0.95);
    expect(a).toBeGreaterThan(0.3);
  });

  it("mlpAdaptation.init/step alone: adapter off restores task-A accuracy exactly; merged weights give the adapter's outputs", () => {
    const state = mlpAdaptation.init(tiny);
    let steps = 0;
    while (mlpAdaptation.progress(state) < 1) {
      expect(mlpAdaptation.step(state)).toBe(state); // step mutates and returns its state
      steps++;
    }
    const s = mlpAdaptation.snapshot(state, steps);
    mlpAdaptation.dispose!(state);
    expect(steps).toBe(50);
    expect(s.phase).toBe("done");
    expect(s.variants.map((v) => v.label)).toEqual(["full fine-tune", "head only", "LoRA r=1", "LoRA r=2"]);
    expect(s.variants.map((v) => v.trainable)).toEqual([4 * 8 + 8 + 8 * 8 + 8 + 8 * 3 + 3, 8 * 3 + 3, 1 * (8 + 4) + 1 * (8 + 8), 2 * (8 + 4) + 2 * (8 + 8)]);
    for (const v of s.variants.filter((v) => v.kind === "lora")) {
      expect(v.accAAdapterOff).toBe(s.baseAccA);
      expect(v.accBMerged).toBe(v.accB);
      expect(v.mergeMaxDiff!).toBeLessThan(1e-4);
    }
    for (const v of s.variants) {
      expect(v.losses.at(-1)!).toBeLessThan(v.losses[0]); // adaptation lowers the task-B training loss
      // held-out loss: cross-entropy on the test set, at least −log(1) = 0 and finite
      expect(v.testLossB).toBeGreaterThan(0);
      expect(Number.isFinite(v.testLossB)).toBe(true);
    }
    expect(s.accHistory.map((h) => h.step)).toEqual([0, 10, 20]);
    expect(s.accHistory.at(-1)!.testLossB).toEqual(s.variants.map((v) => v.testLossB));
  });

  it("mlpAdaptation: the held-out loss is the mean cross-entropy −log softmax(logits)[y] on the test set (reference in plain JS)", () => {
    const c = {...tiny, pretrainSteps: 1, adaptSteps: 1, evalEvery: 1};
    const state = mlpAdaptation.init(c);
    mlpAdaptation.step(state);
    const v = state.variants[0];
    const logits = tf.tidy(() => v.logits(state.data.xTe)).arraySync() as number[][];
    const y = state.data.yBTe;
    let ce = 0;
    logits.forEach((row, i) => {
      const m = Math.max(...row);
      const lse = m + Math.log(row.reduce((s, z) => s + Math.exp(z - m), 0));
      ce += lse - row[y[i]];
    });
    expect(v.summary.testLossB).toBeCloseTo(ce / y.length, 5);
    mlpAdaptation.dispose!(state);
  });

  it("mlpStepper / validateMlp reject values outside their domain with an InputError naming them", () => {
    expect(() => mlpStepper({p: 4, hidden: 8, ranks: [5]})).toThrow(/r = 5 exceeds min\(d, k\) = 4/);
    expect(() => validateMlp({...tiny, angle: 1e308})).toThrow(InputError);
    expect(() => validateMlp({...tiny, seed: 1.5})).toThrow(/seed .* got 1\.5/);
  });

  it("mlpStepper: create → step → reset → step → dispose leaves tf.memory().numTensors as before", async () => {
    const before = tf.memory().numTensors;
    const st = mlpStepper({...tiny, pretrainSteps: 3, adaptSteps: 4, evalEvery: 2});
    await st.reset();
    await st.step(5); // through the switch to adaptation and one evaluation
    await st.reset();
    await runToEnd({...st, reset: () => st.step(0)}, {stepsPerCall: 2});
    st.dispose!();
    expect(tf.memory().numTensors).toBe(before);
  });
});
