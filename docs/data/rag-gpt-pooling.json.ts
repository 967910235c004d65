// The SFT notebook's tiny GPT trained at build time on this corpus's chunks (default chunking), then used as
// a chunk and question encoder by mean pooling and by last-token pooling; exact cosine search; recall@k and
// MRR per question type. tfjs wasm backend in Node (cpu if wasm cannot load); writes firstState(config, result).
import * as tf from "@tensorflow/tfjs";
import {useWasmInNode} from "../../scripts/tfjs-wasm-node.js";
import {firstState} from "../../labs/kit/first-state.js";
import {chunkDocs} from "../../labs/rag/chunk.js";
import {readSotu} from "../../labs/rag/corpus-files.js";
import {readQuestions} from "../../labs/rag/data-files.js";
import {DEFAULT_EVAL} from "../../labs/rag/evaluate.js";
import {type GptPoolingConfig, gptPoolingStudy} from "../../labs/rag/gpt-pooling.js";
import {answerSpans} from "../../labs/rag/metrics.js";

const CONFIG: GptPoolingConfig = {seed: 42, dModel: 48, nHeads: 4, nLayers: 1, context: 64, batch: 4, steps: 150, lr: 3e-3};

await useWasmInNode(tf);

const docs = readSotu();
const text = new Map(docs.map((d) => [d.id, d.text]));
const chunks = chunkDocs(docs, DEFAULT_EVAL.chunking);
const questions = readQuestions().map((q) => ({question: q.question, type: q.type, targets: q.type === "unanswerable" ? [] : answerSpans(q.gold, q.answer, (id) => text.get(id)!)}));
const result = gptPoolingStudy(chunks, questions, CONFIG);
process.stdout.write(JSON.stringify(firstState({...CONFIG, chunking: DEFAULT_EVAL.chunking}, {backend: tf.getBackend(), ...result})));
