// The session stepper's step count: each step(n) the controller asks for counts n, except the last,
// shorter one, which counts its own whole or partial steps, so a finished run reports the calls made.
import {describe, expect, it} from "vitest";
import {mulberry32} from "../../labs/kit/random.js";
import {DEFAULT_CONFIG, type TrainConfig} from "../../labs/word2vec/kernel.js";
import {kernelEngine, sessionStepper, stepsDone} from "../../labs/word2vec/session.js";
import {encodeSentences} from "../../labs/word2vec/vocab.js";

const random = mulberry32(3);
const corpus = encodeSentences(Array.from({length: 300}, () => Array.from({length: 3 + Math.floor(random() * 9)}, () => `w${Math.floor(random() * 20)}`)));
const train: TrainConfig = {...DEFAULT_CONFIG, dim: 8, window: 2, negative: 2, sample: 0, minCount: 1, epochs: 2};

describe("session steps", () => {
  it("stepsDone counts the steps requested while running and ceil(total / wordsPerStep) at the end", async () => {
    const wordsPerStep = 97;
    const stepper = sessionStepper({train, seed: 1, corpus, pos: null, wordsPerStep, purityEverySeconds: 1e9}, kernelEngine);
    let s = await stepper.reset();
    expect(stepper.stepsDone!(s)).toBe(0);
    let requested = 0;
    let calls = 0;
    while (s.progress < 1) {
      const n = 1 + (calls++ % 3);
      s = await stepper.step(n);
      if (s.progress < 1) {
        requested += n;
        expect(stepper.stepsDone!(s)).toBe(requested);
      }
    }
    // Every corpus word is read once per epoch: the total is known without the kernel.
    const total = train.epochs * corpus.ids.length;
    expect(s.wordsDone).toBe(total);
    const steps = stepper.stepsDone!(s);
    expect(steps).toBe(Math.ceil(total / wordsPerStep));
    expect(steps).toBeGreaterThan(requested); // the last call did at least part of a step...
    expect(steps).toBeLessThanOrEqual(requested + 3); // ...and no more than it was asked for
  });

  it("stepsDone is a pure function of the snapshot fields", () => {
    expect(stepsDone({wordsDone: 1005, wordsPerStep: 100, progress: 0.5})).toBe(10);
    expect(stepsDone({wordsDone: 1005, wordsPerStep: 100, progress: 1})).toBe(11);
  });
});
