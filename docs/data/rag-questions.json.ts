// The RAG page's labelled questions (data/rag/questions.json, built by scripts/rag-questions.ts).
import {readQuestions} from "../../labs/rag/data-files.js";

process.stdout.write(JSON.stringify(readQuestions()));
