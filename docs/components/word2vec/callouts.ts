// The word2vec page's misconception callouts and its prediction, each with the numbers the page
// computes (the real counts of the corpus in use, the runs on this machine). Sources are primary:
// word2vec.c (tmikolov/word2vec at 20c129a, line numbers), gensim/models/word2vec.py, Mikolov et al. 2013b.
import {fmt} from "../kit/chart-style.js";
import {misconception, predict} from "../kit/callouts.js";
import {keepProbability, paperDiscardProbability} from "../../labs/word2vec/sampling.js";
import type {SessionSnapshot} from "../../labs/word2vec/session.js";
import type {BuildSnapshot} from "../../labs/word2vec/build-snapshot.js";
import type {Corpus} from "../../labs/word2vec/vocab.js";

interface Data {
  name: string;
  corpus: Corpus;
  T: number;
}

const speed = (s: SessionSnapshot) => Math.round(s.rawWordsPerSecond).toLocaleString("en-US");

/** "Skip-gram is the default": CBOW is, in both references; evidence from the two runs once both finished. */
export function defaultModelCallout(sg: SessionSnapshot | null, cbow: SessionSnapshot | null, snap: BuildSnapshot): HTMLElement {
  const bothDone = sg && cbow && sg.progress >= 1 && cbow.progress >= 1;
  return misconception({
    claim: "Skip-gram is word2vec's default model.",
    truth: "The current word2vec.c and gensim 4 both default to CBOW (cbow=1, sg=0). gensim keeps α = 0.025 for both; only the C tool switches CBOW to 0.05.",
    evidence: bothDone
      ? `On this machine, with your settings: CBOW read ${speed(cbow)} raw words/s (purity ${fmt(cbow.purity?.purity, 3)}), skip-gram ${speed(sg)} (purity ${fmt(sg.purity?.purity, 3)}). CBOW makes one update per word, skip-gram one per (word, context) pair.`
      : `This page's own snapshot is CBOW: ${snap.config.epochs} epochs of Brown in ${snap.trainSeconds} s at build, purity ${fmt(snap.purity.purity, 3)}. Train both models side by side above to compare speed and purity on your machine.`,
    source: "word2vec.c (tmikolov/word2vec 20c129a) L40–48, L695; gensim/models/word2vec.py, Word2Vec(sg=0)."
  });
}

/** The code's subsampling rule against the paper's, on the corpus's most frequent word. */
export function subsamplingCallout(d: Data): HTMLElement {
  const c = d.corpus.counts[0];
  return misconception({
    claim: "The code drops frequent words with the paper's formula, 1 − √(t/f).",
    truth: "word2vec.c and gensim keep a token with probability min(1, √(s/f) + s/f), and the default threshold is s = 1e-3, not the paper's t ≈ 1e-5.",
    evidence: `"${d.corpus.words[0]}" has f = ${fmt(c / d.T, 4)} in ${d.name}. The code keeps ${fmt(100 * keepProbability(c, d.T, 1e-3), 1)}% of its tokens at s = 1e-3. The paper's rule at t = 1e-5 keeps ${fmt(100 * (1 - paperDiscardProbability(c, d.T, 1e-5)), 2)}%.`,
    source: "Mikolov et al. 2013b (arXiv:1310.4546) §2.3; word2vec.c L409; gensim/models/word2vec.py prepare_vocab."
  });
}

/** The reduced window: measured shares of pairs at each distance. */
export function windowCallout(d: Data, window: number, shares: number[]): HTMLElement {
  return misconception({
    claim: `window = ${window} means ${window} words on each side, all used alike.`,
    truth: `The radius is drawn uniformly from 1..${window} for every word, so a word at distance d is used with probability (window − d + 1)/window.`,
    evidence: `Over the first 5,000 sentences of ${d.name}: ${shares.map((s, i) => `d = ${i + 1}: ${fmt(100 * s, 1)}%`).join(", ")} of the pairs. A fixed window would give about ${fmt(100 / window, 1)}% each, less at sentence edges.`,
    source: "word2vec.c L434 (b = next_random % window); gensim/models/word2vec.py, shrink_windows=True."
  });
}

/** Negatives follow unigram^0.75: the most frequent and the rarest word's shares. */
export function noiseCallout(d: Data, noise: Array<{word: string; unigram: number; noise: number}>): HTMLElement {
  const top = noise[0], last = noise[noise.length - 1];
  return misconception({
    claim: "Negatives are drawn in proportion to word frequency.",
    truth: "They are drawn from unigram^0.75, an empirical choice that samples rare words more often. Negative sampling is a simplified NCE and does not estimate normalised probabilities.",
    evidence: `"${top.word}" is ${fmt(100 * top.unigram, 2)}% of the training tokens but ${fmt(100 * top.noise, 2)}% of the negatives; "${last.word}" is ${fmt(100 * last.unigram, 5)}% of tokens and ${fmt(100 * last.noise, 5)}% of negatives.`,
    source: "Mikolov et al. 2013b §2.2; word2vec.c L55 (power = 0.75), InitUnigramTable."
  });
}

/** How often the farthest context word is used, relative to the adjacent one; the answer is the measured ratio's nearest choice. */
export function windowPredict(d: Data, window: number, shares: number[], revealMath: Node): HTMLElement {
  const ratio = shares[shares.length - 1] / shares[0];
  const choices = [1, 0.5, 1 / window, 0];
  const reveal = document.createElement("span");
  reveal.append(`Measured on ${d.name}: ${fmt(ratio, 3)} times as often. Only a draw of the largest radius reaches distance ${window}, which happens with probability `, revealMath, "; sentence edges cut a little more.");
  return predict({
    question: `Interview question: with window = ${window}, how often does word2vec use the word ${window} positions away, compared with the adjacent word?`,
    choices: ["as often", "half as often", `about 1/${window} as often`, "never"],
    answer: choices.map((v) => Math.abs(v - ratio)).reduce((best, dist, i, a) => (dist < a[best] ? i : best), 0),
    reveal
  });
}
