// A word2vec space trained at build time with the page's own kernel (labs/word2vec/build-snapshot.ts),
// as one flat JSON object, for the notebooks that reuse its vectors (docs/data/vsearch-words.json.ts).
// The word2vec page itself reads word2vec-first.json (the same space as its first state).
// Output: BuildSnapshot (labs/word2vec/build-snapshot.ts): {model, config, seed, corpus, trainSeconds,
// vocabSize: V, dim: D, words: string[V], pos: number[V], classes, vectors: base64 of V*D float32, loss, purity}.
import {trainBuildSnapshot} from "../../labs/word2vec/build-snapshot.js";

process.stdout.write(JSON.stringify(await trainBuildSnapshot()));
