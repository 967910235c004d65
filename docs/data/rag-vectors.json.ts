// Word vectors for the RAG page's dense retrieval: word2vec CBOW (labs/word2vec's kernel), 50 dims,
// 50 epochs (RAG_W2V), seed 42, trained on the corpus at build time. {words, counts, total, dim, vectors: base64 float32}.
import {corpusVectors, packVectors} from "../../labs/rag/data-files.js";

process.stdout.write(JSON.stringify(packVectors(corpusVectors())));
