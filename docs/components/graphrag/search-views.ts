// Search figures of the /graphrag page: local search (anchors, the traversal path, the context split
// into reports / relations / text units against its budget, the answer), global search (every map score,
// what the reduce kept), the answer with its citation, and the vector-search fallback. Text as text only.
import type {Answer} from "../../labs/rag/answer.js";
import type {Retrieved} from "../../labs/rag/rag-index.js";
import type {GlobalResult} from "../../labs/graphrag/global-search.js";
import type {ContextPiece, LocalResult, Part} from "../../labs/graphrag/local-search.js";
import {fmt} from "../kit/chart-style.js";
import {el, headedTable, scrollRegion} from "../kit/dom.js";

const n = (x: number) => x.toLocaleString("en-US");

export function AnswerView(answer: Answer): HTMLElement {
  const box = el("div", undefined, "gr-answer");
  if (answer.abstained) {
    box.append(el("p", `Abstained: the best sentence covers ${fmt(answer.coverage, 2)} of the question's idf mass, below the threshold. “Not found in what was read.”`));
    return box;
  }
  const p = el("p");
  p.append(el("strong", "Answer: "), el("span", answer.text));
  const c = answer.citation!;
  box.append(p, el("p", `Cited: ${c.title}, characters ${n(c.start)}–${n(c.end)} (coverage ${fmt(answer.coverage, 2)}).`, "gr-cite"));
  return box;
}

const PART_LABEL: Record<Part, string> = {report: "community reports", relation: "relation sentences", unit: "text units"};

/** How the budget was spent, one bar per part: used tokens inside the part's share. */
function BudgetBars(parts: Record<Part, {budget: number; tokens: number}>): HTMLElement {
  const table = headedTable(["part", "budget (tokens)", "tokens used", ""], "gr-budget");
  table.setAttribute("aria-label", "context budget by part");
  for (const part of ["report", "relation", "unit"] as const) {
    const {budget, tokens} = parts[part];
    const tr = el("tr");
    tr.append(el("td", PART_LABEL[part]), el("td", n(budget)), el("td", n(tokens)));
    const bar = el("td");
    const meter = el("meter");
    meter.min = 0;
    meter.max = Math.max(1, budget);
    meter.value = tokens;
    meter.setAttribute("aria-label", `${PART_LABEL[part]}: ${tokens} of ${budget} tokens`);
    bar.append(meter);
    tr.append(bar);
    table.append(tr);
  }
  return table;
}

function PieceList(pieces: readonly ContextPiece[], limit: number): HTMLElement {
  const ol = el("ol", undefined, "gr-context");
  for (const p of pieces.slice(0, limit)) {
    const li = el("li");
    li.append(el("div", `${PART_LABEL[p.part].replace(/s$/, "")} · ${p.title} · chars ${n(p.start)}–${n(p.end)} · ${p.tokens} tokens`, "gr-small"));
    li.append(el("div", p.text.length > 300 ? `${p.text.slice(0, 300)} …` : p.text, "gr-text"));
    ol.append(li);
  }
  if (pieces.length > limit) ol.append(el("li", `… and ${pieces.length - limit} more pieces`, "gr-small"));
  return ol;
}

const FALLBACK_LABEL: Record<string, string> = {dense: "vector search (the RAG notebook's dense retrieval)", hybrid: "hybrid retrieval (BM25 + dense, RRF)", bm25: "BM25"};

export function LocalView(r: LocalResult, names: (id: string) => string, timing: string, fallback?: {method: string; chunks: Retrieved[]; answer: Answer}): HTMLElement {
  const root = el("div", undefined, "gr-local");
  if (r.noEntity) {
    root.append(el("p", fallback ? `${r.message} Falling back to ${FALLBACK_LABEL[fallback.method] ?? fallback.method} over the same text units:` : `${r.message} The fallback is set to “no answer”, so local search answers nothing.`, "gr-note"));
    if (fallback) {
      root.append(AnswerView(fallback.answer));
      const ol = el("ol", undefined, "gr-context");
      for (const c of fallback.chunks) ol.append(el("li", `${c.title} · chars ${n(c.start)}–${n(c.end)}: ${c.text.slice(0, 200)} …`));
      root.append(ol);
    }
    return root;
  }
  root.append(AnswerView(r.answer));
  const path = r.path.map((e) => `${names(e.source)} —${e.weight}— ${names(e.target)}${e.hop === 2 ? " (hop 2)" : ""}`);
  root.append(el("p", `Anchors: ${r.anchors.map(names).join(", ")}. ${n(r.reached)} entities lie within the hops; the context came through ${r.path.length} edges${path.length ? `: ${path.slice(0, 8).join(" · ")}${path.length > 8 ? " …" : ""}` : ""}. ${n(r.tokens)} tokens read; ${timing}.`, "gr-path"));
  root.append(BudgetBars(r.parts), PieceList(r.context, 8));
  return root;
}

export function GlobalView(r: GlobalResult, titles: Record<number, string>, timing: string, budget: number): HTMLElement {
  const root = el("div", undefined, "gr-global");
  root.append(AnswerView(r.answer));
  const scored = [...r.map].sort((a, b) => b.score - a.score || a.community - b.community);
  const kept = new Map(r.kept.map((k) => [k.community, k]));
  root.append(el("p", `Map: ${r.map.length} reports of level C${r.level} scored, ${r.dropped} scored 0 and were dropped. Reduce: ${r.kept.length} reports filled ${n(r.tokens)} of ${n(budget)} context tokens, best score first; ${timing}.`, "gr-small"));
  const table = headedTable(["rank", "community report", "map score", "partial answer (its best sentence)", "reduce"], "gr-map");
  scored.slice(0, 12).forEach((m, i) => {
    const k = kept.get(m.community);
    const tr = el("tr", undefined, k ? "gr-kept" : m.score === 0 ? "gr-dropped" : "");
    const partial = m.partial ? (m.partial.length > 160 ? `${m.partial.slice(0, 160)} …` : m.partial) : "";
    for (const x of [String(i + 1), titles[m.community] ?? `community ${m.community}`, fmt(m.score, 2), partial, k ? `kept, ${k.tokens} of ${m.tokens} tokens${k.cut ? " (cut)" : ""}` : m.score === 0 ? "dropped (score 0)" : "no room left"]) tr.append(el("td", x));
    table.append(tr);
  });
  root.append(scrollRegion(table, "map scores"));
  if (scored.length > 12) root.append(el("p", `${scored.length - 12} lower-scored reports not listed.`, "gr-small"));
  return root;
}
