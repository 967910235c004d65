// The session stepper's step count: each step(n) the controller asks for counts n, except the last,
// shorter one, which counts its own whole or partial steps, so a finished run reports the calls made.
import {describe, expect, it} from "vitest";
import {mulberry32} from "../../labs/kit/random.js";
import {DEFAULT_CONFIG, type TrainConfig} from "../../labs/word2vec/kernel.js";
import {kernelEngine, type SessionSnapshot, sessionStepper, spaceFromBuild, stepsDone, withLatestVectors} from "../../labs/word2vec/session.js";
import {floatsToBase64} from "../../labs/kit/base64.js";
import type {Stepper} from "../../labs/kit/stepper.js";
import type {BuildSnapshot} from "../../labs/word2vec/build-snapshot.js";
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

  it("withLatestVectors(stepper) gives every snapshot the last vectors sent, without copying, and forgets them on reset", async () => {
    const v1 = new Float32Array([1, 2]), v2 = new Float32Array([3, 4]);
    const sent: Array<Float32Array | null> = [v1, null, null, v2, null];
    let i = 0;
    const snap = (vectors: Float32Array | null, words: number) => ({vectors, unit: vectors, pca: null, wordsDone: words, progress: 0} as unknown as SessionSnapshot);
    const inner: Stepper<SessionSnapshot> & {offMainThread: true} = {offMainThread: true, reset: () => ((i = 0), snap(new Float32Array(2), 0)), step: () => snap(sent[i], ++i * 10), progress: (s) => s.progress};
    const wrapped = withLatestVectors(inner);
    expect(wrapped.offMainThread).toBe(true);
    const first = await wrapped.reset();
    expect(first.vectorsAtWords).toBe(0);
    const got = [];
    for (let k = 0; k < 5; k++) got.push(await wrapped.step(1));
    expect(got.map((s) => s.vectors)).toEqual([v1, v1, v1, v2, v2]);
    expect(got[2].vectors).toBe(v1); // the same array, not a copy
    expect(got.map((s) => s.vectorsAtWords)).toEqual([10, 10, 10, 40, 40]);
    expect(got.map((s) => s.wordsDone)).toEqual([10, 20, 30, 40, 50]);
  });

  it("spaceFromBuild(b) decodes the build's vectors and marks the snapshot as not trained here", () => {
    const vectors = Float32Array.from([0.5, -1, 2, 0.25]);
    const b = {model: "cbow", config: {...DEFAULT_CONFIG, epochs: 2, alpha: 0.05}, seed: 42, corpus: "brown", trainSeconds: 1, vocabSize: 2, dim: 2, words: ["a", "b"], pos: [0, 1], classes: [], vectors: floatsToBase64(vectors), loss: [{words: 10, loss: 3, alpha: 0.05}], purity: {purity: 0.6, chance: 0.3}} as BuildSnapshot;
    const s = spaceFromBuild(b);
    expect(Array.from(s.vectors)).toEqual(Array.from(vectors));
    expect(s).toMatchObject({fromBuild: true, wordsDone: 0, epoch: 2, epochs: 2, alpha: 0.05, unit: null, pca: null});
    expect(stepsDone(s)).toBe(0);
  });
});
