// Exports of trained vectors: word2vec's text format (header "V D", then "word v1 .. vD" per line)
// and the TensorFlow Embedding Projector's vectors.tsv + metadata.tsv. Leaves out the binary format.
// Sources: word2vec.c (binary = 0 branch of TrainModel), projector.tensorflow.org "Load data".

/** word2vec text format of the first `count` rows. (V, D) */
export function toWord2VecText(words: readonly string[], vectors: Float32Array, dim: number, count = vectors.length / dim): string {
  const lines = [`${count} ${dim}`];
  for (let i = 0; i < count; i++) {
    const row = Array.from(vectors.subarray(i * dim, (i + 1) * dim), (x) => formatFloat(x));
    lines.push(`${words[i]} ${row.join(" ")}`);
  }
  return lines.join("\n") + "\n";
}

/** Projector files: tab-separated vectors (no header) and one label per line. */
export function toProjectorTsv(words: readonly string[], vectors: Float32Array, dim: number, count = vectors.length / dim): {vectors: string; metadata: string} {
  const rows: string[] = [];
  for (let i = 0; i < count; i++) rows.push(Array.from(vectors.subarray(i * dim, (i + 1) * dim), (x) => formatFloat(x)).join("\t"));
  return {vectors: rows.join("\n") + "\n", metadata: words.slice(0, count).join("\n") + "\n"};
}

/** Parses word2vec text format (for round-trip checks and the bench). */
export function parseWord2VecText(text: string): {words: string[]; vectors: Float32Array; dim: number} {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const [v, d] = lines[0].trim().split(/\s+/).map(Number);
  if (!Number.isInteger(v) || !Number.isInteger(d) || lines.length - 1 !== v) throw new Error("Not a word2vec text file: bad header or line count.");
  const words: string[] = [];
  const vectors = new Float32Array(v * d);
  for (let i = 0; i < v; i++) {
    const parts = lines[i + 1].trim().split(/\s+/);
    if (parts.length !== d + 1) throw new Error(`Line ${i + 2} has ${parts.length - 1} numbers, expected ${d}.`);
    words.push(parts[0]);
    for (let j = 0; j < d; j++) vectors[i * d + j] = Number(parts[j + 1]);
  }
  return {words, vectors, dim: d};
}

function formatFloat(x: number): string {
  return Number(x.toPrecision(6)).toString();
}
