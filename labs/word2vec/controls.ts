// The word2vec page's controls, each declared once (labs/kit/controls.ts): URL key, label, bounds,
// default. The training defaults are gensim's (vector_size 50 instead of 100), as DEFAULT_CONFIG in
// kernel.ts; the URL keys are the page's since its first version, so old links open the same state.
import type {ChoiceSpec, RangeSpec, TextSpec} from "../kit/controls.js";
import {MAX_TEXT_CHARS} from "./corpus.js";
import {DEFAULT_CONFIG} from "./kernel.js";

const labels = (map: Record<string, string>) => (choice: string) => map[choice] ?? choice;

export const corpusSpec: ChoiceSpec<"brown" | "text"> = {type: "radio", key: "corpus", label: "corpus", choices: ["brown", "text"], value: "brown", format: labels({brown: "Brown corpus", text: "your text"})};
/** The reader's pasted text: never in the link (it can be megabytes). */
export const textSpec: TextSpec = {type: "textarea", key: "text", label: "your text", url: false, value: "", maxLength: MAX_TEXT_CHARS, rows: 5, placeholder: "Paste text here, one sentence per line.", submit: "Use this text"};

export const modelSpec: ChoiceSpec<"cbow" | "sg"> = {type: "radio", key: "model", label: "model", choices: ["cbow", "sg"], value: DEFAULT_CONFIG.model, format: labels({cbow: "CBOW", sg: "skip-gram"})};
export const dimSpec: RangeSpec = {type: "range", key: "dim", label: "dimensions", min: 10, max: 200, step: 10, value: DEFAULT_CONFIG.dim};
export const windowSpec: RangeSpec = {type: "range", key: "window", label: "window", min: 1, max: 10, value: DEFAULT_CONFIG.window};
export const negativeSpec: RangeSpec = {type: "range", key: "negative", label: "negatives k", name: "negatives", min: 1, max: 20, value: DEFAULT_CONFIG.negative};
/** The subsampling threshold s as text (the choices are printed as the reader sees them). */
export const sampleSpec: ChoiceSpec = {type: "select", key: "sample", label: "sample s", name: "sample", choices: ["0", "1e-5", "1e-4", "1e-3", "1e-2"], value: "1e-3"};
export const minCountSpec: RangeSpec = {type: "range", key: "minCount", label: "min-count", min: 1, max: 50, value: DEFAULT_CONFIG.minCount};
export const epochsSpec: RangeSpec = {type: "range", key: "epochs", label: "epochs", min: 1, max: 20, value: DEFAULT_CONFIG.epochs};
export const alphaSpec: RangeSpec = {type: "range", key: "alpha", label: "learning rate α₀", name: "learning rate", min: 0.005, max: 0.1, step: 0.005, value: DEFAULT_CONFIG.alpha};
export const engineSpec: ChoiceSpec<"kernel" | "tfjs"> = {type: "radio", key: "engine", label: "engine", choices: ["kernel", "tfjs"], value: "kernel", format: labels({kernel: "fast kernel", tfjs: "TensorFlow.js (autodiff)"})};

/** The illustrated sentence: its bound is the corpus's last sentence, so the spec is made per corpus. */
export const sentenceSpec = (sentences: number): RangeSpec => ({type: "range", key: "sentence", label: "sentence", min: 0, max: Math.max(0, sentences - 1), value: 0});
/** Where in the sentence the illustrated center sits (a share of its kept words); not in the link. */
export const centerSpec: RangeSpec = {type: "range", key: "center", label: "center position", url: false, min: 0, max: 0.99, step: 0.01, value: 0.5};

export const wordSpec: TextSpec = {type: "text", key: "word", label: "word", value: "money", maxLength: 100, placeholder: "a word"};
export const mapWordsSpec: RangeSpec = {type: "range", key: "mapWords", label: "words in the map", min: 50, max: 500, step: 50, value: 200};
export const projectionSpec: ChoiceSpec<"pca" | "umap"> = {type: "radio", key: "projection", label: "projection", choices: ["pca", "umap"], value: "pca", format: labels({pca: "PCA", umap: "UMAP"})};
export const analogySpec: TextSpec = {type: "text", key: "analogy", label: "a − b + c", name: "analogy", value: "better good bad", maxLength: 200, placeholder: "better good bad"};
export const pairSpec: TextSpec = {type: "text", key: "pair", label: "similarity of", name: "pair", value: "man woman", maxLength: 200, placeholder: "man woman"};
