// Build-time measurements for the RAG page's misconceptions (labs/rag/study.ts): pooling, chunks in
// context, and three libraries' "BM25" on the same chunks. Word vectors: corpusVectors (RAG_W2V, 50 epochs).
import {readSotu} from "../../labs/rag/corpus-files.js";
import {corpusVectors, readQuestions} from "../../labs/rag/data-files.js";
import {runStudy} from "../../labs/rag/study.js";

const docs = readSotu();
process.stdout.write(JSON.stringify(runStudy({docs, wv: corpusVectors(docs), questions: readQuestions()})));
