// Compares a Porter stemmer with reference stems (NLTK's PorterStemmer output, one `word<TAB>stem` per
// line, stem empty when unchanged) and lists where they differ. Used by the tests and the page's note on
// why ROUGE with stemming can differ from rouge-score. Source: scripts/metrics-porter.py writes the list.

export interface StemDifference {
  word: string;
  nltk: string;
  stemmer: string;
}

/** Parses the reference list and applies `stem` to every word; differences keep the list's order (most frequent first). */
export function porterDisagreements(tsv: string, stem: (word: string) => string): {words: number; differ: StemDifference[]; reference: Map<string, string>} {
  const reference = new Map<string, string>();
  for (const line of tsv.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const [word, stemmed] = line.split("\t");
    reference.set(word, stemmed === "" || stemmed === undefined ? word : stemmed);
  }
  const differ: StemDifference[] = [];
  for (const [word, nltk] of reference) {
    const ours = stem(word);
    if (ours !== nltk) differ.push({word, nltk, stemmer: ours});
  }
  return {words: reference.size, differ, reference};
}
