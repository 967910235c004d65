// Public API of the metrics lab: BLEU (sacreBLEU 2.x), ROUGE (rouge-score), perplexity and bits per byte,
// n-gram models for the tokenization comparison, and the LLM-judge simulator. Pure TypeScript, no DOM.
// Sources: see each module's header.
export {
  bleuFromStatistics, bleuSignature, bleuStatistics, clippedNgramTable, closestRefLen, computeBleu, corpusBleu,
  ngramCounts, segmentStatistics, sentenceBleu, SMOOTH_DEFAULTS, SMOOTH_METHODS,
  type BleuOptions, type BleuScore, type NgramRow, type SegmentStats, type SmoothMethod
} from "./bleu.js";
export {BLEU_TOKENIZERS, bleuTokens, tokenize13a, type BleuTokenizer} from "./tokenize-13a.js";
export {
  fmeasure, lcsAlignment, lcsTable, ROUGE_TYPES, rougeL, rougeN, rougeScore, rougeSentences, rougeTokens, summaryLevelLcs,
  type RougeOptions, type RougeScore, type RougeType
} from "./rouge.js";
export {perplexity, perplexityReport, type PerplexityReport} from "./perplexity.js";
export {fitNgram, fitWordModel, ngramLogProb, sequenceLogProbs, UNK, wordLogProbs, type NgramModel, type WordModel} from "./ngram-lm.js";
export {
  checkpointSizes, DEFAULT_JUDGE, simulateJudge, truePreferenceRate, wilson,
  type Estimate, type JudgeCheckpoint, type JudgeConfig, type JudgeRun
} from "./judge.js";
export {checkText, pySplit, textWarnings, utf8Length} from "./text.js";
export {trainAndScore, tokenizeAs, TOKENIZATIONS, type GptPerplexityConfig, type Tokenization, type TokenizationResult} from "./gpt-perplexity.js";
