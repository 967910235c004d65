// Perplexity from per-token log-probabilities: mean negative log-likelihood in nats, bits per token,
// perplexity = exp(mean NLL) = 2^(bits per token), and bits per byte of the text the tokens spell.
// Not a model: the log-probs come from one (see ngram-lm.ts). Source: HF docs "Perplexity of
// fixed-length models"; bits per byte as in Gao et al. 2020 (The Pile, arXiv:2101.00027).
import {InputError} from "../kit/params.js";

export interface PerplexityReport {
  tokens: number; // t
  totalNats: number; // −Σ log p(x_i | x_<i), nats
  natsPerToken: number; // mean NLL, nats
  bitsPerToken: number; // natsPerToken / ln 2
  perplexity: number; // exp(natsPerToken)
  bytes: number | null; // UTF-8 bytes of the scored text, if given
  bitsPerByte: number | null; // totalNats / ln 2 / bytes
}

/**
 * logProbs: [t] natural-log probabilities of each token given its prefix (≤ 0). bytes: UTF-8 length of the
 * text those tokens spell, for bits per byte (a per-text quantity, so models with different tokenizers
 * can be compared on it). Errors (InputError): no tokens, a value that is not a finite number ≤ 0, bytes < 1.
 */
export function perplexityReport(logProbs: ArrayLike<number>, bytes?: number): PerplexityReport {
  const t = logProbs?.length ?? 0;
  if (t === 0) throw new InputError("There are no token log-probabilities: perplexity needs at least one token.");
  let totalNats = 0;
  for (let i = 0; i < t; i++) {
    const lp = logProbs[i];
    if (typeof lp !== "number" || Number.isNaN(lp)) throw new InputError(`Log-probability ${i + 1} is not a number.`);
    if (lp > 0) throw new InputError(`Log-probability ${i + 1} is ${lp} > 0: a probability cannot exceed 1 (give natural logs of probabilities).`);
    if (!Number.isFinite(lp)) throw new InputError(`Log-probability ${i + 1} is −∞: the model gave that token probability 0, so the perplexity is infinite.`);
    totalNats -= lp;
  }
  if (bytes !== undefined && !(Number.isInteger(bytes) && bytes >= 1)) throw new InputError(`The byte count must be a whole number ≥ 1, got ${bytes}.`);
  const natsPerToken = totalNats / t;
  return {
    tokens: t,
    totalNats,
    natsPerToken,
    bitsPerToken: natsPerToken / Math.LN2,
    perplexity: Math.exp(natsPerToken),
    bytes: bytes ?? null,
    bitsPerByte: bytes === undefined ? null : totalNats / Math.LN2 / bytes
  };
}

/** Perplexity of per-token natural-log probabilities: exp(−mean log p). */
export function perplexity(logProbs: ArrayLike<number>): number {
  return perplexityReport(logProbs).perplexity;
}
