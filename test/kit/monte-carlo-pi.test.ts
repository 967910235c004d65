import {describe, expect, it} from "vitest";
import {piStepper, piStepsDone} from "../../labs/kit/monte-carlo-pi.js";
import {runToEnd} from "../../labs/kit/stepper.js";
import {serveStepper, type WorkerResponse} from "../../labs/kit/worker-protocol.js";

describe("labs/kit/monte-carlo-pi", () => {
  it("piStepper converges to π within 4 standard errors and is seed-deterministic", async () => {
    const end = await runToEnd(piStepper({seed: 1, total: 200_000, batch: 10_000}), {stepsPerCall: 3});
    expect(end.drawn).toBe(200_000);
    const standardError = 4 * Math.sqrt(((Math.PI / 4) * (1 - Math.PI / 4)) / 200_000);
    expect(Math.abs(end.estimate - Math.PI)).toBeLessThan(4 * standardError);
    const again = await runToEnd(piStepper({seed: 1, total: 200_000, batch: 10_000}));
    expect(again.inside).toBe(end.inside);
    const other = await runToEnd(piStepper({seed: 2, total: 200_000, batch: 10_000}));
    expect(other.inside).not.toBe(end.inside);
  });
  it("piStepsDone counts the batches drawn, including a short last one, not the steps requested", async () => {
    const stepper = piStepper({seed: 1, total: 25_500, batch: 1_000});
    stepper.reset();
    const end = await stepper.step(100); // asks for 100 steps; only 26 batches exist
    expect(end.drawn).toBe(25_500);
    expect(stepper.stepsDone!(end)).toBe(26);
    expect(piStepsDone(end)).toBe(Math.ceil(25_500 / 1_000));
  });
  it("piStepper rejects bad sizes with a message", () => {
    expect(() => piStepper({seed: 1, total: 0, batch: 10})).toThrow(/Total points/);
    expect(() => piStepper({seed: 1, total: 10, batch: 1.5})).toThrow(/Points per step/);
  });
});

describe("labs/kit/worker-protocol", () => {
  it("serveStepper answers reset and step in order, and reports errors as messages", async () => {
    const replies: WorkerResponse[] = [];
    const scope = {onmessage: null as ((e: MessageEvent) => void) | null, postMessage: (m: WorkerResponse) => void replies.push(m)};
    serveStepper((config: {total: number}) => piStepper({seed: 3, total: config.total, batch: 100}), scope);
    const send = (data: unknown) => scope.onmessage!({data} as MessageEvent);
    send({id: 1, type: "step", n: 1});
    send({id: 2, type: "reset", config: {total: 1000}});
    send({id: 3, type: "step", n: 4});
    send({id: 4, type: "reset", config: {total: -1}});
    await new Promise((r) => setTimeout(r, 20));
    expect(replies.map((r) => [r.id, r.type])).toEqual([[1, "error"], [2, "snapshot"], [3, "snapshot"], [4, "error"]]);
    const third = replies[2];
    expect(third.type === "snapshot" && third.progress).toBeCloseTo(0.4);
    expect(replies[3].type === "error" && replies[3].message).toMatch(/Total points/);
  });
});
