import {describe, expect, it} from "vitest";
import {canonical, firstState, initialFor} from "../../labs/kit/first-state.js";
import {loopStepper, type Algorithm} from "../../labs/kit/loop.js";
import {runToEnd} from "../../labs/kit/stepper.js";
import {mulberry32, stream} from "../../labs/kit/random.js";

describe("labs/kit/first-state", () => {
  it("initialFor(loaded, config) returns the snapshot only for the config it was built with, whatever the key order", () => {
    const loaded = firstState({k: 4, seed: 42, init: "random"}, {objective: [3, 2, 1]});
    expect(initialFor(loaded, {seed: 42, init: "random", k: 4})).toEqual({objective: [3, 2, 1]});
    expect(initialFor(loaded, {seed: 42, init: "random", k: 5})).toBeUndefined();
    // A control added to the page but not to the loader's config can never match the old snapshot.
    expect(initialFor<object, unknown>(loaded, {seed: 42, init: "random", k: 4, n: 200})).toBeUndefined();
    expect(initialFor(null, {k: 4})).toBeUndefined();
    expect(canonical({a: [1, {c: 2, b: 1}]})).toBe('{"a":[1,{"b":1,"c":2}]}');
  });
});

// Counts to `target`: a trivial algorithm whose every number is known.
type Count = {value: number; target: number; disposed: boolean};
const counter: Algorithm<{target: number}, Count, {step: number; progress: number; value: number}> = {
  init: ({target}) => ({value: 0, target, disposed: false}),
  step: (s) => ((s.value += 1), s),
  progress: (s) => s.value / s.target,
  snapshot: (s, step) => ({step, progress: s.value / s.target, value: s.value}),
  dispose: (s) => void (s.disposed = true)
};

describe("labs/kit/loop", () => {
  it("loopStepper(algorithm, config) steps until progress 1 and counts the steps it did", async () => {
    const stepper = loopStepper(counter, {target: 10});
    expect(await stepper.reset()).toEqual({step: 0, progress: 0, value: 0});
    const s = await stepper.step(4);
    expect(s).toEqual({step: 4, progress: 0.4, value: 4});
    const end = await stepper.step(100); // stops at the end, not after 104 steps
    expect(end.step).toBe(10);
    expect(stepper.stepsDone!(end)).toBe(10);
    expect((await runToEnd(stepper, {stepsPerCall: 3})).value).toBe(10);
  });
});

describe("labs/kit/random stream", () => {
  it("stream(seed, name) is deterministic, differs by name and by seed, and is not seed + 1's stream", () => {
    const a = Array.from({length: 5}, stream(42, "init"));
    expect(Array.from({length: 5}, stream(42, "init"))).toEqual(a);
    expect(Array.from({length: 5}, stream(42, "data"))).not.toEqual(a);
    expect(Array.from({length: 5}, stream(43, "init"))).not.toEqual(a);
    expect(Array.from({length: 5}, mulberry32(43))).not.toEqual(a);
    for (const x of a) expect(x >= 0 && x < 1).toBe(true);
  });
});
