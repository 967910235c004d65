import {describe, it, expect} from "vitest";
import {mlpStepper, makeTasks, rotatePlane, DEFAULT_MLP} from "../../labs/lora/mlp.js";
import {runToEnd} from "../../labs/kit/stepper.js";
import {mulberry32} from "../../labs/kit/random.js";

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

  it("mlpStepper: adapter off restores task-A accuracy exactly; merged weights give the adapter's outputs", async () => {
    const s = await runToEnd(mlpStepper({p: 4, hidden: 8, classes: 3, teacherHidden: 4, nTrain: 64, nTest: 64, ranks: [1, 2], pretrainSteps: 30, adaptSteps: 20, evalEvery: 10, seed: 3}), {stepsPerCall: 25});
    expect(s.phase).toBe("done");
    expect(s.variants.map((v) => v.label)).toEqual(["full fine-tune", "head only", "LoRA r=1", "LoRA r=2"]);
    expect(s.variants.map((v) => v.trainable)).toEqual([4 * 8 + 8 + 8 * 8 + 8 + 8 * 3 + 3, 8 * 3 + 3, 1 * (8 + 4) + 1 * (8 + 8), 2 * (8 + 4) + 2 * (8 + 8)]);
    for (const v of s.variants.filter((v) => v.kind === "lora")) {
      expect(v.accAAdapterOff).toBe(s.baseAccA);
      expect(v.accBMerged).toBe(v.accB);
      expect(v.mergeMaxDiff!).toBeLessThan(1e-4);
    }
    // adaptation lowers the task-B training loss
    for (const v of s.variants) expect(v.losses.at(-1)!).toBeLessThan(v.losses[0]);
  });

  it("mlpStepper rejects a rank above the first layer's min(d, k)", () => {
    expect(() => mlpStepper({p: 4, hidden: 8, ranks: [5]}).reset()).toThrow(/r = 5 exceeds min\(d, k\) = 4/);
  });
});
