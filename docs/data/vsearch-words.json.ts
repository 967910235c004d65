// The word vectors for the ANN measurement notebook: the word2vec notebook's build-time snapshot
// (docs/data/word2vec-snapshot.json.ts), reused as is. Reads Framework's cached output when present,
// otherwise runs that loader. When the word2vec notebook is not part of this build, says so.
// Output: {available: false, reason} | {available: true, n, d, words: string[], vectors: base64 float32 (n, d)}.
import {execFileSync} from "node:child_process";
import {existsSync, readFileSync, statSync} from "node:fs";

const LOADER = "docs/data/word2vec-snapshot.json.ts";
const CACHED = "docs/.observablehq/cache/data/word2vec-snapshot.json";
const MAX_WORDS = 20_000;

function snapshotText(): string | null {
  if (!existsSync(LOADER)) return null;
  if (existsSync(CACHED) && statSync(CACHED).mtimeMs >= statSync(LOADER).mtimeMs) return readFileSync(CACHED, "utf8");
  return execFileSync(process.execPath, ["--import", "tsx", LOADER], {encoding: "utf8", maxBuffer: 1 << 30});
}

let out: object;
try {
  const text = snapshotText();
  if (!text) out = {available: false, reason: "This build does not include the word2vec notebook's snapshot (docs/data/word2vec-snapshot.json.ts)."};
  else {
    const s = JSON.parse(text) as {vocabSize: number; dim: number; words: string[]; vectors: string};
    const n = Math.min(s.vocabSize, MAX_WORDS);
    const bytes = Buffer.from(s.vectors, "base64").subarray(0, n * s.dim * 4);
    out = {available: true, n, d: s.dim, words: s.words.slice(0, n), vectors: bytes.toString("base64")};
  }
} catch (error) {
  out = {available: false, reason: `The word2vec snapshot could not be read: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`};
}
process.stdout.write(JSON.stringify(out));
