// The tokenization comparison of the metrics page: a character 5-gram and a word trigram (rare words
// spelled by a character unigram), both interpolated, fitted on 95% of the Brown corpus files and scored
// on the other 5% (every 20th file). Writes the held-out totals of each model and a few example sentences
// with per-token log-probs (nats); the page turns them into perplexity, bits per token and bits per byte.
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {brownDir} from "../../labs/word2vec/brown-files.js";
import {fitNgram, fitWordModel, sequenceLogProbs, wordLogProbs} from "../../labs/metrics/ngram-lm.js";
import {utf8Length} from "../../labs/metrics/text.js";

const SETTINGS = {charOrder: 5, wordOrder: 3, lambda: 0.7, minCount: 2, heldOutEvery: 20};

/** One sentence per line of a Brown file, words as printed (case and punctuation kept), tags dropped. */
function sentences(file: string): string[][] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.trim().split(/\s+/).filter((t) => t.lastIndexOf("/") > 0).map((t) => t.slice(0, t.lastIndexOf("/"))))
    .filter((s) => s.length > 0);
}

const dir = brownDir();
const files = readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
const train: string[][] = [];
const test: {file: string; words: string[]}[] = [];
files.forEach((f, i) => {
  if (i % SETTINGS.heldOutEvery === 0) for (const words of sentences(join(dir, f))) test.push({file: f, words});
  else train.push(...sentences(join(dir, f)));
});

const chars = fitNgram(train.map((s) => Array.from(s.join(" "))), SETTINGS.charOrder, SETTINGS.lambda);
const words = fitWordModel(train, SETTINGS.wordOrder, SETTINGS.lambda, SETTINGS.minCount);

const totals = {sentences: test.length, bytes: 0, char: {tokens: 0, nats: 0}, word: {tokens: 0, nats: 0, unknown: 0}};
const examples: {file: string; text: string; chars: {tokens: string[]; logProbs: number[]}; words: {tokens: string[]; logProbs: number[]; unknown: boolean[]}}[] = [];
const seenFiles = new Set<string>();
for (const {file, words: sentence} of test) {
  const text = sentence.join(" ");
  const charTokens = Array.from(text);
  const charLp = sequenceLogProbs(chars, charTokens);
  const wordLp = wordLogProbs(words, sentence);
  totals.bytes += utf8Length(text);
  totals.char.tokens += charTokens.length;
  totals.char.nats -= charLp.reduce((a, b) => a + b, 0);
  totals.word.tokens += sentence.length;
  totals.word.nats -= wordLp.reduce((a, b) => a + b, 0);
  totals.word.unknown += sentence.filter((w) => !words.vocabulary.has(w)).length;
  // one example per held-out file, 12–22 words long, up to 6
  if (examples.length < 6 && !seenFiles.has(file) && sentence.length >= 12 && sentence.length <= 22) {
    seenFiles.add(file);
    const round = (v: number[]) => v.map((x) => Number(x.toFixed(6)));
    examples.push({file, text, chars: {tokens: charTokens, logProbs: round(charLp)}, words: {tokens: sentence, logProbs: round(wordLp), unknown: sentence.map((w) => !words.vocabulary.has(w))}});
  }
}

process.stdout.write(JSON.stringify({
  settings: SETTINGS,
  train: {files: files.length - Math.ceil(files.length / SETTINGS.heldOutEvery), sentences: train.length, words: train.reduce((s, x) => s + x.length, 0), vocabulary: words.vocabulary.size},
  heldOut: {files: Math.ceil(files.length / SETTINGS.heldOutEvery), ...totals},
  examples
}));
