// Gradient accumulation with masked token losses: the mean of per-micro-batch means (the pre-v4.46
// transformers behaviour) vs the sum over all unmasked tokens divided by their total count (the fix:
// num_items_in_batch). Only the second equals the loss of one big batch. Plain numbers; no gradients.
// Source: HF blog "Fixing Gradient Accumulation" (2024-10-16); transformers PR #34191.
import {InputError} from "../kit/params.js";

export interface Accumulated {
  /** (1/G) Σ_k mean(ℓ in micro-batch k): each micro-batch weighs the same, whatever its token count. */
  meanOfMeans: number;
  /** Σ_k Σ_t ℓ_t / Σ_k |M_k|: each token weighs the same — equal to one big batch. */
  tokenMean: number;
  /** Unmasked tokens per micro-batch. */
  counts: number[];
}

/** `microBatches[k]` = the losses (nats) of micro-batch k's unmasked tokens. Errors: an empty list or an empty micro-batch. */
export function accumulate(microBatches: readonly (readonly number[])[]): Accumulated {
  if (microBatches.length === 0) throw new InputError("Give at least one micro-batch.");
  let sum = 0;
  let count = 0;
  let sumOfMeans = 0;
  microBatches.forEach((losses, k) => {
    if (losses.length === 0) throw new InputError(`Micro-batch ${k + 1} has no unmasked tokens, so its mean is 0/0.`);
    let s = 0;
    for (const l of losses) {
      if (!Number.isFinite(l) || l < 0) throw new InputError(`Micro-batch ${k + 1} has the loss ${l}; token losses are finite and ≥ 0.`);
      s += l;
    }
    sum += s;
    count += losses.length;
    sumOfMeans += s / losses.length;
  });
  return {meanOfMeans: sumOfMeans / microBatches.length, tokenMean: sum / count, counts: microBatches.map((b) => b.length)};
}
