// Prints the RAG corpus's word2vec training sentences (labs/rag/embed.ts corpusSentences), one per line,
// words separated by spaces: the input of scripts/rag-w2v-gensim.py, so gensim trains on the same tokens.
import {readSotu} from "../labs/rag/corpus-files.js";
import {corpusSentences} from "../labs/rag/embed.js";

process.stdout.write(corpusSentences(readSotu()).map((s) => s.join(" ")).join("\n") + "\n");
