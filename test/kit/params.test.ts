import {describe, expect, it} from "vitest";
import {choiceParam, intParam, numberListParam, numberParam, booleanParam} from "../../labs/kit/params.js";
import {runToEnd, type Stepper} from "../../labs/kit/stepper.js";

describe("labs/kit/params", () => {
  it("intParam rejects empty, non-numeric, fractional and out-of-range text with a message", () => {
    const K = intParam({name: "K", min: 2, max: 20});
    expect(K("7")).toEqual({ok: true, value: 7});
    for (const bad of ["", "abc", "2.5", "0", "21", "Infinity", "NaN"]) {
      const r = K(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/^K /);
    }
  });
  it("numberParam honours an exclusive minimum (temperature 0 is rejected)", () => {
    const T = numberParam({name: "Temperature", min: 0, exclusiveMin: true, max: 100});
    expect(T("0").ok).toBe(false);
    expect(T("0.01")).toEqual({ok: true, value: 0.01});
  });
  it("choiceParam and booleanParam accept only their values", () => {
    expect(choiceParam({name: "units", choices: ["bits", "nats"]})("bits")).toEqual({ok: true, value: "bits"});
    expect(choiceParam({name: "units", choices: ["bits", "nats"]})("bytes").ok).toBe(false);
    expect(booleanParam({name: "x"})("1")).toEqual({ok: true, value: true});
    expect(booleanParam({name: "x"})("maybe").ok).toBe(false);
  });
  it("numberListParam checks every item and the length", () => {
    const p = numberListParam({name: "p", min: 0, length: 3});
    expect(p("0.2, 0.3,0.5")).toEqual({ok: true, value: [0.2, 0.3, 0.5]});
    expect(p("0.2,-1,0.5").ok).toBe(false);
    expect(p("0.2,0.8").ok).toBe(false);
    expect(p("").ok).toBe(false);
  });
});

describe("labs/kit/stepper", () => {
  it("runToEnd(stepper) advances until progress reaches 1", async () => {
    let count = 0;
    const stepper: Stepper<number> = {reset: () => (count = 0), step: (n) => (count = Math.min(10, count + n)), progress: (s) => s / 10};
    expect(await runToEnd(stepper, {stepsPerCall: 3})).toBe(10);
    expect(await runToEnd(stepper, {maxSteps: 4})).toBe(4);
  });
});
