#!/usr/bin/env python3
"""Reference for the RAG lab's word vectors: trains gensim 4.2's word2vec (Debian python3-gensim) on the
State of the Union sentences with the RAG settings (CBOW, 50 dims, window 5, negative 5, sample 1e-3,
min-count 3, alpha 0.025, one worker, seed 42) for several epoch counts, and records how parallel the
vectors are: the mean cosine between two of the 2,000 most frequent words, and the nearest neighbours of
a few topical words. Writes data/rag/fixtures/w2v-gensim.json.
Run: npx tsx scripts/rag-w2v-sentences.ts | /usr/bin/python3 scripts/rag-w2v-gensim.py
"""
import json
import sys

import gensim
import numpy as np
from gensim.models import Word2Vec

EPOCHS = [1, 3, 5, 20, 50]
TOP = 2000
PROBES = ["iraq", "taxes", "medicare", "energy"]

sentences = [line.split() for line in sys.stdin if line.strip()]
runs = []
for epochs in EPOCHS:
    m = Word2Vec(sentences, sg=0, vector_size=50, window=5, negative=5, sample=1e-3, min_count=3, epochs=epochs,
                 alpha=0.025, min_alpha=1e-4, workers=1, seed=42)
    v = np.asarray(m.wv.vectors[:TOP], dtype=np.float64)  # index_to_key is sorted by count, descending
    u = v / np.linalg.norm(v, axis=1, keepdims=True)
    s = u.sum(axis=0)
    mean_cos = (s @ s - TOP) / (TOP * (TOP - 1))  # mean over ordered pairs i != j of cos(v_i, v_j)
    neighbours = {w: [x for x, _ in m.wv.most_similar(w, topn=10)] for w in PROBES}
    runs.append({"epochs": epochs, "meanCos": round(float(mean_cos), 4), "neighbours": neighbours})
    print(f"epochs {epochs}: mean cos {mean_cos:.4f}", file=sys.stderr)

out = {"gensim": gensim.__version__, "config": {"model": "cbow", "dim": 50, "window": 5, "negative": 5, "sample": 1e-3, "minCount": 3, "alpha": 0.025},
       "sentences": len(sentences), "tokens": sum(len(x) for x in sentences), "top": TOP, "runs": runs}
with open("data/rag/fixtures/w2v-gensim.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
