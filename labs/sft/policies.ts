// The four label policies, the −100 ignore index and the masked mean loss: the parts of labels.ts that
// need no tokenizer, so the /sft page can import them without loading GPT-2's rank file on its main thread.
// Not the labelling itself (labels.ts). Source: PyTorch cross_entropy(ignore_index=-100); TRL SFTTrainer.

export const IGNORE_INDEX = -100;

export type Policy = "full" | "completion" | "assistant" | "last-assistant";
export const POLICIES: {id: Policy; name: string; trl: string}[] = [
  {id: "full", name: "full sequence", trl: "language-modeling data (SFTTrainer's default for `messages`/`text`)"},
  {id: "completion", name: "completion only", trl: "prompt–completion data (completion_only_loss=None → on)"},
  {id: "assistant", name: "every assistant turn", trl: "assistant_only_loss=True (needs {% generation %} in the template)"},
  {id: "last-assistant", name: "last assistant turn", trl: "no switch in TRL; common in hand-written collators"}
];

/**
 * Mean next-token loss over the labelled positions, as PyTorch's cross_entropy(ignore_index=−100) after
 * transformers' shift: position t's loss `tokenLoss[t]` (predicting token t from tokens < t; t ≥ 1) counts
 * when labels[t] ≠ −100. Returns {mean, count}; count 0 gives mean NaN (PyTorch's 0/0), which callers show as "—".
 */
export function maskedMeanLoss(tokenLoss: ArrayLike<number>, labels: ArrayLike<number>): {mean: number; count: number} {
  let sum = 0;
  let count = 0;
  for (let t = 1; t < labels.length; t++) {
    if (labels[t] === IGNORE_INDEX) continue;
    sum += tokenLoss[t];
    count++;
  }
  return {mean: sum / count, count};
}
