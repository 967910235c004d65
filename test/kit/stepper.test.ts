// runToEnd counts the steps a stepper reports doing (stepsDone), not the steps it asked for.
import {describe, expect, it} from "vitest";
import {runToEnd, type Stepper} from "../../labs/kit/stepper.js";

/** A counter that advances at most `cap` steps per call, whatever it is asked, up to `total`. */
function capped(total: number, cap: number, report: boolean): Stepper<{step: number}> & {calls: number} {
  let step = 0;
  const s = {
    calls: 0,
    reset: () => ((step = 0), {step}),
    step: (n: number) => {
      s.calls++;
      step = Math.min(total, step + Math.min(n, cap));
      return {step};
    },
    progress: (x: {step: number}) => x.step / total,
    ...(report ? {stepsDone: (x: {step: number}) => x.step} : {})
  };
  return s;
}

describe("runToEnd", () => {
  it("stops at maxSteps of steps actually done when the stepper reports them", async () => {
    const s = capped(100, 3, true);
    expect((await runToEnd(s, {stepsPerCall: 5, maxSteps: 9})).step).toBe(9);
    expect(s.calls).toBe(3);
  });
  it("without stepsDone it can only count the steps requested", async () => {
    const s = capped(100, 3, false);
    expect((await runToEnd(s, {stepsPerCall: 5, maxSteps: 9})).step).toBe(6);
    expect(s.calls).toBe(2);
  });
  it("runs to the end when progress reaches 1", async () => {
    const s = capped(10, 4, true);
    expect((await runToEnd(s, {stepsPerCall: 4})).step).toBe(10);
    expect(s.calls).toBe(3);
  });
});
