// Build-time measurements behind the page's misconception boxes: dense recall by pooling, answer
// quality by chunks in context, and "BM25" as three libraries' defaults (lab/Lucene, rank_bm25's k1,
// MiniSearch's BM25+). Node or worker; pure apart from the MiniSearch import.
import MiniSearch from "minisearch";
import {extractAnswer} from "./answer.js";
import {type Cell, cellMeans, DEFAULT_EVAL, type EvalData, evaluateQuestion} from "./evaluate.js";
import {answerSpans, recallAt} from "./metrics.js";
import type {QuestionType} from "./questions.js";
import {buildIndex, retrieve} from "./rag-index.js";
import {queryTerms, terms} from "./text.js";

const blank = (): Cell => ({n: 0, recall: [0, 0, 0], mrr: 0, ndcg: 0, em: 0, f1: 0, cited: 0, citedRight: 0, abstained: 0});

export function runStudy(data: EvalData) {
  const text = new Map(data.docs.map((d) => [d.id, d.text]));
  const targets = data.questions.map((q) => answerSpans(q.gold, q.answer, (id) => text.get(id)!));
  const types: QuestionType[] = ["single", "multi", "unanswerable"];

  // 1. pooling: dense retrieval with mean vs SIF
  const pooling = (["mean", "sif"] as const).map((p) => {
    const index = buildIndex(data.docs, data.wv, {chunking: DEFAULT_EVAL.chunking, pooling: p});
    const cells = Object.fromEntries(types.map((t) => [t, blank()]));
    data.questions.forEach((q, i) => evaluateQuestion({index, config: {...DEFAULT_EVAL, pooling: p}}, q, targets[i], "dense", cells[q.type]));
    return {pooling: p, single: cellMeans(cells.single), multi: cellMeans(cells.multi)};
  });

  // 2. chunks in context: BM25 retrieval (the strongest list here), answers from the top c chunks
  const index = buildIndex(data.docs, data.wv, {chunking: DEFAULT_EVAL.chunking, pooling: DEFAULT_EVAL.pooling});
  const ranked = data.questions.map((q) => retrieve(index, q.question, {method: "bm25", k: 20}));
  const context = [1, 2, 3, 5, 10, 20].map((c) => {
    let answerable = 0, contains = 0, answered = 0, unanswerable = 0, abstainedU = 0, recall = 0, chars = 0;
    data.questions.forEach((q, i) => {
      const a = extractAnswer(index, queryTerms(q.question), ranked[i].slice(0, c), DEFAULT_EVAL.threshold);
      chars += ranked[i].slice(0, c).reduce((s, r) => s + r.text.length, 0);
      if (q.type === "unanswerable") { unanswerable++; if (a.abstained) abstainedU++; return; }
      answerable++;
      recall += recallAt(ranked[i], targets[i], c);
      if (!a.abstained) { answered++; if (a.text.toLowerCase().includes(q.answer.toLowerCase())) contains++; }
    });
    return {c, recall: recall / answerable, citationPrecision: answered ? contains / answered : NaN, answered: answered / answerable, correct: contains / answerable, abstainUnanswerable: abstainedU / unanswerable, chars: chars / data.questions.length};
  });

  // 3. three "BM25"s on the same chunks and analyzer: recall@5 on answerable questions, and top-10 agreement
  const chunks = index.chunks.filter((c) => c !== null);
  const ms = new MiniSearch<{id: number; text: string}>({fields: ["text"], tokenize: (t) => terms(t), processTerm: (t) => t});
  ms.addAll(chunks.map((c, id) => ({id, text: `${c!.title} ${c!.text}`}))); // what the lab's BM25 indexes too
  const variants = {
    lucene: (q: string) => retrieve(index, q, {method: "bm25", k: 10}),
    k15: (q: string) => retrieve(index, q, {method: "bm25", k: 10, bm25: {k1: 1.5, b: 0.75}}),
    minisearch: (q: string) => ms.search(q).slice(0, 10).map((r) => chunks[r.id as number]!)
  };
  const answerable = data.questions.map((q, i) => ({q, t: targets[i]})).filter((x) => x.q.type !== "unanswerable");
  const lists = Object.fromEntries(Object.entries(variants).map(([name, f]) => [name, answerable.map(({q}) => f(q.question))])) as unknown as Record<keyof typeof variants, Array<Array<{docId: string; start: number; end: number}>>>;
  const key = (c: {docId: string; start: number}) => `${c.docId}:${c.start}`;
  const overlap = (a: keyof typeof variants, b: keyof typeof variants) => lists[a].reduce((s, la, i) => s + la.filter((c) => lists[b][i].some((d) => key(d) === key(c))).length / 10, 0) / answerable.length;
  const sameTop = (a: keyof typeof variants, b: keyof typeof variants) => lists[a].filter((la, i) => la[0] && lists[b][i][0] && key(la[0]) === key(lists[b][i][0])).length / answerable.length;
  const bm25 = {
    recall5: Object.fromEntries(Object.keys(variants).map((n) => [n, answerable.reduce((s, x, i) => s + recallAt(lists[n as keyof typeof variants][i], x.t, 5), 0) / answerable.length])),
    overlapLuceneMinisearch: overlap("lucene", "minisearch"), overlapLuceneK15: overlap("lucene", "k15"),
    sameTopLuceneMinisearch: sameTop("lucene", "minisearch"), sameTopLuceneK15: sameTop("lucene", "k15"), questions: answerable.length
  };
  return {pooling, context, bm25};
}
export type Study = ReturnType<typeof runStudy>;
