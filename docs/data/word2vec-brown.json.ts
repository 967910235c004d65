// The Brown corpus's word types for the word2vec page: {words, counts, pos, sentences, tokens, rawTokens},
// types sorted by count (descending, ties alphabetical), pos = majority coarse POS class index into
// ["NOUN", "VERB", "ADJ", "ADV", "OTHER"] per type. Token ids are in word2vec-brown.bin.
import {POS_CLASSES} from "../../labs/word2vec/corpus.js";
import {brownCorpus} from "../../labs/word2vec/brown-files.js";

const {corpus, pos} = brownCorpus();
process.stdout.write(
  JSON.stringify({
    classes: POS_CLASSES,
    sentences: corpus.offsets.length - 1,
    tokens: corpus.ids.length,
    words: corpus.words,
    counts: Array.from(corpus.counts),
    pos: Array.from(pos)
  })
);
