// Decoding of the packed Brown corpus written by docs/data/word2vec-brown.bin.ts (+ .json) into a
// Corpus. Pure; no I/O. Format described in those loaders.
import type {Corpus} from "./vocab.js";

/** Types from word2vec-brown.json + token ids from word2vec-brown.bin -> Corpus. */
export function unpackCorpus(types: {words: string[]; counts: number[]}, bin: ArrayBuffer): Corpus {
  const view = new DataView(bin);
  const S = view.getUint32(0, true);
  const N = view.getUint32(4, true);
  const lengths = new Uint8Array(bin, 8, S);
  const head = 8 + S + ((8 + S) % 2);
  const offsets = new Int32Array(S + 1);
  for (let s = 0; s < S; s++) offsets[s + 1] = offsets[s] + lengths[s];
  if (offsets[S] !== N) throw new Error("The packed corpus is inconsistent: sentence lengths do not add up to the token count.");
  const ids = new Int32Array(N);
  for (let i = 0; i < N; i++) ids[i] = view.getUint16(head + 2 * i, true);
  return {words: types.words, counts: Int32Array.from(types.counts), ids, offsets};
}
