// The curriculum map: every notebook the lab plans, grouped by topic. The sidebar and the home
// page list only the entries whose page exists, so the map never links to a missing page.
export interface Notebook {
  path: string; // page path under docs/, without extension
  title: string;
  blurb: string;
  issue?: number;
}
export interface Topic {
  name: string;
  notebooks: Notebook[];
}

export const curriculum: Topic[] = [
  {
    name: "Start here",
    notebooks: [
      {path: "/teaching", title: "Teaching with the lab", blurb: "Run a session: fixed seeds, shareable links, predictions, and the run controller, live."}
    ]
  },
  {
    name: "Losses",
    notebooks: [
      {path: "/loss", title: "Entropy, cross-entropy and KL", blurb: "Edit two distributions; see CE = H + KL, forward vs reverse KL fitted live, label smoothing."}
    ]
  },
  {
    name: "Embeddings",
    notebooks: [
      {path: "/word2vec", title: "word2vec in your browser", blurb: "Train skip-gram and CBOW with negative sampling on the Brown corpus; explore and evaluate the space."}
    ]
  },
  {
    name: "Vector search",
    notebooks: [
      {path: "/kmeans", title: "k-means, step by step", blurb: "Lloyd's algorithm, k-means++ and the capacity-constrained variant on 2-D points."},
      {path: "/pq", title: "Product quantization", blurb: "Split, snap to codebooks, reconstruct; ADC vs SDC; the memory bill of an index."},
      {path: "/ivf", title: "IVF and IVF-PQ", blurb: "Coarse cells, nprobe and residuals encoded by one shared PQ."},
      {path: "/ann-measure", title: "Measure recall vs speed", blurb: "Build Flat, PQ, IVF-Flat and IVF-PQ in a worker and plot recall@10 against queries/s."}
    ]
  },
  {
    name: "Fine-tuning",
    notebooks: [
      {path: "/lora", title: "LoRA and QLoRA", blurb: "Rank-r updates trained live, the Eckart–Young floor, NF4 quantization and the memory bill."},
      {path: "/sft", title: "Supervised fine-tuning", blurb: "Real chat templates to token ids and labels, packing, gradient accumulation, and a tiny GPT trained with and without masking."}
    ]
  },
  {
    name: "Alignment",
    notebooks: [
      {path: "/rlhf", title: "RLHF step by step", blurb: "SFT, a Bradley–Terry reward model, PPO with a KL penalty, best-of-n and DPO, and reward hacking."}
    ]
  },
  {
    name: "Retrieval and systems",
    notebooks: [
      {path: "/rag", title: "Retrieval-augmented generation, measured", blurb: "Chunking, BM25, dense and hybrid retrieval, citations and index updates, scored on 215 labelled questions.", issue: 14},
      {path: "/graphrag", title: "GraphRAG you can watch", blurb: "An entity graph from the text, Louvain communities in levels, extractive community reports, local and global search, measured against vector RAG.", issue: 15},
      {path: "/rag-design", title: "RAG and agent system design", blurb: "Chunking, retrieval, reranking and tool use as a system, with what to measure."},
      {path: "/agents", title: "A multi-step agent you can break", blurb: "Text-to-SQL on a real SQLite database, deny-list vs allow-list on real attacks, retries, rollback, resume and hand-off.", issue: 16},
      {path: "/metrics", title: "Evaluation metrics", blurb: "BLEU, ROUGE, perplexity and LLM-as-judge biases, computed on real text."}
    ]
  }
];
