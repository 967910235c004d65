// The metrics page's controls, one declaration each (see docs/components/kit/controls.ts).
import type {ChoiceSpec, ListSpec, RangeSpec, TextSpec, ToggleSpec} from "../../labs/kit/controls.js";
import {DEFAULT_JUDGE} from "../../labs/metrics/judge.js";

const text = (key: string, label: string, value: string, extra: Partial<TextSpec> = {}): TextSpec =>
  ({type: "textarea", key, label, value, maxLength: 400, rows: 2, ...extra});

// The third segment of sacreBLEU's README example: its sentence BLEU is 29.07 with exp smoothing.
export const reference1 = text("ref1", "reference 1", "The man bit him first.");
export const reference2 = text("ref2", "reference 2 (optional)", "The man had bitten the dog.");
export const candidate = text("cand", "candidate", "The man had just bitten him.");
export const tokenizer: ChoiceSpec<"13a" | "none"> = {type: "radio", key: "tok", label: "tokenizer", choices: ["13a", "none"], value: "13a"};
export const smoothing: ChoiceSpec<"exp" | "floor" | "add-k" | "none"> = {type: "select", key: "smooth", label: "smoothing", choices: ["exp", "floor", "add-k", "none"], value: "exp"};
export const effectiveOrder: ToggleSpec = {type: "toggle", key: "eff", label: "effective order", value: true};

// sacreBLEU's README corpus: three segments, two reference streams, one segment per line.
export const smallHyps = text("hyps", "candidates, one per line", "The dog bit the man.\nIt wasn't surprising.\nThe man had just bitten him.", {rows: 3, maxLength: 4000, url: false});
export const smallRefsA = text("refsA", "reference stream 1", "The dog bit the man.\nIt was not unexpected.\nThe man bit him first.", {rows: 3, maxLength: 4000, url: false});
export const smallRefsB = text("refsB", "reference stream 2", "The dog had bit the man.\nNo one was surprised.\nThe man had bitten the dog.", {rows: 3, maxLength: 4000, url: false});

export const stemming: ToggleSpec = {type: "toggle", key: "stem", label: "Porter stemmer", value: false};
export const nonLatin = text("nl", "a sentence in another script (target = prediction)", "Кошка сидит на коврике.", {rows: 1});

export const logProbs: ListSpec = {type: "list", key: "lp", label: "log-probs (nats)", min: -1000, max: 0, value: [-1, -2, -3], maxLength: 5000, placeholder: "-1, -2, -3"};

export const pairs: RangeSpec = {type: "range", key: "pairs", label: "pairs judged", min: 50, max: 20000, step: 50, value: 2000};
export const qualityGap: RangeSpec = {type: "range", key: "gap", label: "true quality gap δ", min: -2, max: 2, step: 0.1, value: DEFAULT_JUDGE.qualityGap};
export const positionBias: RangeSpec = {type: "range", key: "pos", label: "position bias", min: -2, max: 2, step: 0.1, value: 0};
export const lengthBias: RangeSpec = {type: "range", key: "len", label: "length bias (per doubling)", min: -2, max: 2, step: 0.1, value: 0};
export const lengthGap: RangeSpec = {type: "range", key: "verb", label: "candidate verbosity (log₂ length ratio)", min: -2, max: 2, step: 0.1, value: DEFAULT_JUDGE.lengthGap};
