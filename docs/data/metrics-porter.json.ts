// Where the npm `stemmer` (used by the page's ROUGE) and NLTK's PorterStemmer (used by rouge-score)
// disagree, over the frequent Brown word types whose NLTK stems scripts/metrics-porter.py wrote to
// data/metrics/porter-nltk.tsv. Writes the counts and the most frequent differing words.
import {readFileSync} from "node:fs";
import {stemmer} from "stemmer";
import {porterDisagreements} from "../../labs/metrics/porter-check.js";

const tsv = readFileSync(new URL("../../data/metrics/porter-nltk.tsv", import.meta.url), "utf8");
const {words, differ} = porterDisagreements(tsv, stemmer);
process.stdout.write(JSON.stringify({words, differing: differ.length, nltkVersion: tsv.split("\n")[0].replace(/^# /, ""), examples: differ.slice(0, 16)}));
