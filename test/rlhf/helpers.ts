import {readFileSync} from "node:fs";
import {buildSpace, type Attributes, type Dataset, type Space} from "../../labs/rlhf/dataset.js";

export const dataset = JSON.parse(readFileSync(new URL("../../data/rlhf/dataset.json", import.meta.url), "utf8")) as Dataset;
export const trainSpace = (backbone: "surface" | "oracle" = "surface") => buildSpace(dataset, {split: "train", backbone});

/** A synthetic space: prompts with given candidate counts, features = [index] and no real attributes. */
export function syntheticSpace(sizes: number[]): Space {
  const offsets = new Int32Array(sizes.length + 1);
  sizes.forEach((n, p) => (offsets[p + 1] = offsets[p] + n));
  const N = offsets[sizes.length];
  const attrs: Attributes[] = Array.from({length: N}, () => ({correct: 0, detail: 0, tone: 0, filler: 0, words: 1, factCheck: 0}));
  return {
    promptIds: sizes.map((_, p) => `p${p}`),
    offsets,
    nResponses: N,
    utility: new Float64Array(N),
    features: Float64Array.from({length: N}, (_, i) => i),
    dim: 1,
    texts: Array.from({length: N}, (_, i) => `r${i}`),
    attrs,
    demos: []
  };
}

export const uniformPolicy = (space: Space) => {
  const pi = new Float64Array(space.nResponses);
  for (let p = 0; p < space.offsets.length - 1; p++) for (let i = space.offsets[p]; i < space.offsets[p + 1]; i++) pi[i] = 1 / (space.offsets[p + 1] - space.offsets[p]);
  return pi;
};
