// The metrics page's predict-then-run questions and misconception callouts. Every number in them is
// computed here from labs/metrics at render time; the answers of the questions too.
import {bleuSignature, corpusBleu, sentenceBleu} from "../../labs/metrics/bleu.js";
import {simulateJudge, type JudgeConfig} from "../../labs/metrics/judge.js";
import {rougeScore, rougeTokens} from "../../labs/metrics/rouge.js";
import {misconception, predict, safely} from "../kit/callouts.js";
import {fmt} from "../kit/chart-style.js";
import type {corpusVsSentence} from "./bleu-view.js";
import {el} from "./dom.js";
import type {heldOutReports, PerplexityData} from "./perplexity-view.js";

type Small = ReturnType<typeof corpusVsSentence>;
type Held = ReturnType<typeof heldOutReports>;

export function thankYouPredict(): HTMLElement {
  const score = corpusBleu(["Thank you."], [["Thank you."]]).score;
  return predict({
    question: "Candidate and reference are both “Thank you.” (3 tokens with 13a). What does sacreBLEU's corpus BLEU give, with its defaults (exp smoothing, no effective order)?",
    choices: ["100: the strings are identical", "about 50", "0"],
    answer: score === 100 ? 0 : score === 0 ? 2 : 1,
    reveal: () => el("span", {}, `corpus BLEU = ${fmt(score, 2)}. Three tokens have no 4-gram, so the loop stops at n = 4 with total 0, the 4-gram precision stays 0 and log 0 zeroes the mean. With effective order (sentenceBleu's default) the same pair scores ${fmt(sentenceBleu("Thank you.", ["Thank you."]).score, 2)}.`)
  });
}

export function corpusPredict(small: Small): HTMLElement {
  return predict({
    question: "On this set, which is higher: corpus BLEU, or the mean of the sentence BLEUs?",
    choices: ["corpus BLEU", "the mean of sentence BLEUs", "they are equal"],
    answer: Math.abs(small.corpus.score - small.mean) < 1e-9 ? 2 : small.corpus.score > small.mean ? 0 : 1,
    reveal: () => el("span", {}, `Corpus ${fmt(small.corpus.score, 2)}, mean ${fmt(small.mean, 2)}. The corpus score pools the counts (${small.corpus.counts.join("/")} matches of ${small.corpus.totals.join("/")}) and takes one brevity penalty over all ${small.corpus.sysLen} candidate tokens; the mean weights a 3-token segment like a 30-token one.`)
  });
}

export function corpusMisconception(small: Small): HTMLElement {
  return misconception({
    claim: "BLEU is the average of sentence BLEU scores.",
    truth: "BLEU is defined on the corpus: counts are summed over segments, then one score is computed. Sentence BLEU needs smoothing, the corpus score does not.",
    evidence: `On this set: corpus BLEU ${fmt(small.corpus.score, 2)} vs mean of sentence BLEUs ${fmt(small.mean, 2)} (a gap of ${fmt(small.corpus.score - small.mean, 2)} points).`,
    source: "Papineni et al. 2002, §2.1–2.3; sacreBLEU sacrebleu/metrics/bleu.py (corpus_score sums the statistics)."
  });
}

export function tokenizerMisconception(hyps: string[], streams: string[][]): HTMLElement {
  const a = corpusBleu(hyps, streams, {tokenize: "13a"}).score;
  const b = corpusBleu(hyps, streams, {tokenize: "none"}).score;
  return misconception({
    claim: "BLEU scores are comparable across papers.",
    truth: "Only with the same tokenizer, references and settings; sacreBLEU prints them as a signature for that reason.",
    evidence: `The same candidates and references: ${fmt(a, 2)} (${bleuSignature(streams.length)}) vs ${fmt(b, 2)} (${bleuSignature(streams.length, {tokenize: "none"})}).`,
    source: "Post 2018, “A Call for Clarity in Reporting BLEU Scores” (WMT 2018), which introduced sacreBLEU and its signature."
  });
}

export function rougeMisconception(reference: string): HTMLElement {
  const short = reference.split(/\s+/).slice(0, 2).join(" ");
  const s = rougeScore(reference, short, {type: "rouge1"});
  return misconception({
    claim: "ROUGE is a precision score.",
    truth: "ROUGE was defined as recall over the reference's n-grams; most tools, rouge-score among them, report precision, recall and F1.",
    evidence: `The first two words of reference 1 as a candidate: ROUGE-1 precision ${fmt(s.precision, 3)}, recall ${fmt(s.recall, 3)}, F1 ${fmt(s.fmeasure, 3)}.`,
    source: "Lin 2004, “ROUGE: A Package for Automatic Evaluation of Summaries”, §2; google-research rouge/rouge_scorer.py."
  });
}

export function stemmerNote(porter: {words: number; differing: number; examples: {word: string; nltk: string; stemmer: string}[]}): HTMLElement {
  const examples = porter.examples.slice(0, 8).map((d) => `${d.word} → ${d.nltk} (NLTK) vs ${d.stemmer}`).join("; ");
  return el("p", {}, `They disagree on ${porter.differing} of ${porter.words.toLocaleString("en-US")} frequent Brown word types (${fmt((100 * porter.differing) / porter.words, 1)}%), e.g. ${examples}. ROUGE with stemming can differ from rouge-score on such words; without stemming (rouge-score's default) they agree.`);
}

export function nonLatinLine(text: string): HTMLElement {
  const tokens = rougeTokens(text);
  const r = rougeScore(text, text, {type: "rouge1"});
  const b = safely(() => el("span", {}, `sentence BLEU of the same pair: ${fmt(sentenceBleu(text, [text]).score, 2)}`));
  return el("p", {className: "lab-num metrics-nonlatin", data: {value: String(r.fmeasure)}}, `rouge-score's tokens: [${tokens.join(", ")}] → ROUGE-1 F1 = ${fmt(r.fmeasure, 3)} for identical texts; `, b);
}

export function perplexityMisconception(held: Held): HTMLElement {
  return misconception({
    claim: "Perplexity is comparable across models.",
    truth: "Perplexity is per token, and the two models cut the text into different tokens; per-byte (or per-character) figures are comparable.",
    evidence: `Per-token perplexity ${fmt(held.char.perplexity, 2)} (characters) vs ${fmt(held.word.perplexity, 0)} (words), a factor of ${fmt(held.word.perplexity / held.char.perplexity, 0)}; bits per byte ${fmt(held.char.bitsPerByte, 3)} vs ${fmt(held.word.bitsPerByte, 3)}.`,
    source: "Hugging Face Transformers docs, “Perplexity of fixed-length models”; Gao et al. 2020 (The Pile, arXiv:2101.00027) report models in bits per UTF-8 byte for this reason."
  });
}

export function perplexityPredict(held: Held, data: PerplexityData): HTMLElement {
  const gap = Math.abs(held.char.bitsPerByte - held.word.bitsPerByte) / Math.min(held.char.bitsPerByte, held.word.bitsPerByte);
  return predict({
    question: `The word model's per-token perplexity is ${fmt(held.word.perplexity / held.char.perplexity, 0)} times the character model's. Which model needs fewer bits to encode the held-out text?`,
    choices: ["the character model, by far", "the word model, by far", "about the same (within 5%)"],
    answer: gap < 0.05 ? 2 : held.char.bitsPerByte < held.word.bitsPerByte ? 0 : 1,
    reveal: () => el("span", {}, `Bits per byte: ${fmt(held.char.bitsPerByte, 3)} (characters) vs ${fmt(held.word.bitsPerByte, 3)} (words), ${fmt(100 * gap, 1)}% apart. A word is about ${fmt(data.heldOut.bytes / data.heldOut.word.tokens, 1)} bytes here, so each word token carries the surprise of several characters.`)
  });
}

const BASE: JudgeConfig = {pairs: 5000, qualityGap: 0.4, qualitySpread: 1, positionBias: 0, lengthBias: 0, lengthGap: 0.5, lengthSpread: 0.5, seed: 42};

export function judgePredict(): HTMLElement {
  const run = simulateJudge({...BASE, positionBias: 1});
  const errors = (["raw", "swap", "lengthControlled"] as const).map((k) => Math.abs(run.final[k].estimate - run.truth));
  return predict({
    question: "A judge with position bias 1 and no length bias, 5,000 pairs. Which estimate is furthest from the true win rate?",
    choices: ["raw", "swap-consistent", "length-controlled"],
    answer: errors.indexOf(Math.max(...errors)),
    reveal: () => el("span", {}, `True rate ${fmt(run.truth, 3)}; raw ${fmt(run.final.raw.estimate, 3)}, swap-consistent ${fmt(run.final.swap.estimate, 3)}, length-controlled ${fmt(run.final.lengthControlled.estimate, 3)}. Showing X first every time adds the bias to every verdict; asking both orders cancels most of it, and the ties it creates pull the estimate a little toward ½.`)
  });
}

export function judgeMisconception(): HTMLElement {
  const run = simulateJudge({...BASE, pairs: 20000, qualitySpread: 3, positionBias: 0.6, lengthBias: 0.6});
  const f = run.final;
  return misconception({
    claim: "A judge that agrees with people 80% of the time is unbiased.",
    truth: "Agreement on individual pairs says little about bias in the aggregate: position and length effects remain, so randomize or swap the order and control for length.",
    evidence: `A simulated judge that picks the truly better answer in ${fmt(100 * f.accuracy, 1)}% of 20,000 pairs still reports a raw win rate of ${fmt(f.raw.estimate, 3)} against a true ${fmt(run.truth, 3)} (swap-consistent ${fmt(f.swap.estimate, 3)}, length-controlled ${fmt(f.lengthControlled.estimate, 3)}).`,
    source: "Zheng et al. 2023, “Judging LLM-as-a-Judge with MT-Bench and Chatbot Arena” (arXiv:2306.05685), §3.3–3.4."
  });
}
