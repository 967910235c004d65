// Builds data/rag/questions.json from the hand-written data/rag/questions.txt: each quote becomes a gold
// passage (document id + character span of its sentence). Run: npx tsx scripts/rag-questions.ts
import {readFileSync, writeFileSync} from "node:fs";
import {readSotu} from "../labs/rag/corpus-files.js";
import {parseQuestionLines, resolveQuestions} from "../labs/rag/questions.js";

const docs = readSotu();
const drafts = parseQuestionLines(readFileSync("data/rag/questions.txt", "utf8"));
const errors: string[] = [];
const kept = drafts.filter((d) => {
  try {
    resolveQuestions([d], docs);
    return true;
  } catch (e) {
    errors.push(`${(e as Error).message}  [${d.question}]`);
    return false;
  }
});
if (errors.length) {
  console.error(errors.join("\n"));
  process.exit(1);
}
const questions = resolveQuestions(kept, docs);
writeFileSync("data/rag/questions.json", JSON.stringify(questions, null, 0).replace(/\},\{"id"/g, '},\n{"id"') + "\n");
console.log(`${questions.length} questions written`);
