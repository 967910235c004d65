// The RAG page's first state: the whole question set evaluated with the default controls, so the page
// shows measured numbers before anything runs in the browser (firstState: labs/kit/first-state.ts).
// Dense retrieval uses corpusVectors (RAG_W2V, 50 epochs), the vectors rag-vectors.json ships to the page.
import {firstState} from "../../labs/kit/first-state.js";
import {loopStepper} from "../../labs/kit/loop.js";
import {readSotu} from "../../labs/rag/corpus-files.js";
import {corpusVectors, readQuestions} from "../../labs/rag/data-files.js";
import {DEFAULT_EVAL, type EvalSnapshot, questionEval} from "../../labs/rag/evaluate.js";

const docs = readSotu();
const stepper = loopStepper(questionEval, {...DEFAULT_EVAL, data: {docs, wv: corpusVectors(docs), questions: readQuestions()}});
let s = stepper.reset() as EvalSnapshot;
while (s.progress < 1) s = stepper.step(1000) as EvalSnapshot;
process.stdout.write(JSON.stringify(firstState(DEFAULT_EVAL, s)));
