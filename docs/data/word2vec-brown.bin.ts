// The Brown corpus, tokenised as on the page (split each word/tag at its last "/", lowercase, keep
// tokens with a letter or digit), packed for a fast load: token ids sorted by frequency, so min-count
// is a prefix of the types. Companion file: word2vec-brown.json (the types, their counts and POS).
// Binary layout, little-endian:
//   u32 S (sentences), u32 N (tokens), u8[S] sentence lengths (Brown's longest is < 256),
//   padding to a multiple of 2, u16[N] token ids (type index in word2vec-brown.json `words`).
import {brownCorpus} from "../../labs/word2vec/brown-files.js";

const {corpus} = brownCorpus();
const S = corpus.offsets.length - 1;
const N = corpus.ids.length;
if (corpus.words.length > 65536) throw new Error("Brown has more than 65,536 types: the u16 format no longer fits.");
const head = 8 + S + ((8 + S) % 2);
const buffer = new ArrayBuffer(head + 2 * N);
const view = new DataView(buffer);
view.setUint32(0, S, true);
view.setUint32(4, N, true);
const lengths = new Uint8Array(buffer, 8, S);
for (let s = 0; s < S; s++) {
  const len = corpus.offsets[s + 1] - corpus.offsets[s];
  if (len > 255) throw new Error(`Sentence ${s} has ${len} tokens: the u8 length format no longer fits.`);
  lengths[s] = len;
}
const ids = new DataView(buffer, head, 2 * N);
for (let i = 0; i < N; i++) ids.setUint16(2 * i, corpus.ids[i], true);
process.stdout.write(new Uint8Array(buffer));
