// Measurement figures of the /graphrag page: gold-passage recall and answer accuracy of every method by
// question type (bars), the full metrics table, the context-cost table (levels vs source text) and the
// churn after adding a document.
import * as Plot from "@observablehq/plot";
import type {Churn} from "../../labs/graphrag/churn.js";
import type {CostRow} from "../../labs/graphrag/cost.js";
import {graphCellMeans, type GraphEvalSnapshot} from "../../labs/graphrag/evaluate.js";
import type {HierarchyView} from "../../labs/graphrag/session.js";
import {fmt, palette, plotDefaults} from "../kit/chart-style.js";
import {el, headedTable, scrollRegion} from "../kit/dom.js";

const TYPE_LABEL = {single: "single-hop", multi: "multi-hop", unanswerable: "unanswerable"} as const;
const METRICS = {goldRecall: "gold recall", hasAnswer: "answer accuracy"} as const;

/** Label of a method key: "global C1" stays, "dense" → "vector RAG (dense)". */
export const methodLabel = (m: string): string => ({local: "local search", dense: "vector RAG (dense)", hybrid: "hybrid (BM25 + dense)", bm25: "BM25"})[m] ?? m.replace("global", "global search");

/** Gold recall and answer accuracy per method: one chart per question type, stacked, so it fits a phone. */
export function EvalChart(s: GraphEvalSnapshot, width: number): HTMLElement {
  const box = el("div", undefined, "gr-eval-chart");
  for (const t of ["single", "multi"] as const) {
    const rows = s.methods.flatMap((m) => {
      const c = graphCellMeans(s.cells[m][t]);
      return (Object.keys(METRICS) as Array<keyof typeof METRICS>).map((k) => ({method: methodLabel(m), metric: METRICS[k], value: c.n ? c[k] : 0, n: c.n}));
    });
    const n = rows[0]?.n ?? 0;
    const fig = el("figure");
    fig.append(el("figcaption", `${TYPE_LABEL[t]} questions (${n})`));
    fig.append(Plot.plot({
      ...plotDefaults(width, 40 + 26 * s.methods.length),
      marginLeft: Math.min(170, Math.round(width * 0.42)),
      marginRight: 34,
      x: {label: "share of questions", domain: [0, 1], grid: true, ticks: width < 500 ? 2 : 5},
      y: {label: null, axis: null},
      fy: {label: null, domain: s.methods.map(methodLabel), axis: "left"},
      color: {domain: Object.values(METRICS), range: [palette[0], palette[2]], legend: t === "single"},
      marks: [
        Plot.barX(rows, {x: "value", y: "metric", fy: "method", fill: "metric", title: (d: (typeof rows)[number]) => `${d.method}, ${TYPE_LABEL[t]}: ${d.metric} ${fmt(d.value, 3)} over ${d.n} questions`}),
        Plot.text(rows, {x: "value", y: "metric", fy: "method", text: (d: (typeof rows)[number]) => fmt(d.value, 2), dx: 4, textAnchor: "start", fontSize: 10}),
        Plot.ruleX([0])
      ]
    }) as Element);
    box.append(fig);
  }
  return box;
}

export function EvalTable(s: GraphEvalSnapshot): HTMLElement {
  const table = headedTable(["method", "questions", "n", "gold recall", "answer accuracy", "cited in gold", "F1", "abstained", "tokens read", "no entity"], "gr-eval");
  for (const m of s.methods) for (const t of ["single", "multi", "unanswerable"] as const) {
    const c = graphCellMeans(s.cells[m][t]);
    const answerable = t !== "unanswerable";
    const tr = el("tr");
    for (const x of [methodLabel(m), TYPE_LABEL[t], String(c.n), answerable ? fmt(c.goldRecall, 3) : "", answerable ? fmt(c.hasAnswer, 3) : "", answerable ? fmt(c.inGold, 3) : "", answerable ? fmt(c.f1, 3) : "", fmt(c.abstention, 3), fmt(c.tokens, 0), m === "local" ? fmt(c.noEntity, 3) : ""]) tr.append(el("td", x));
    table.append(tr);
  }
  return scrollRegion(table, "metrics by method and question type");
}

export function CostTable(rows: readonly CostRow[], paper: Record<string, string>): HTMLElement {
  return scrollRegion(costTable(rows, paper), "context tokens per condition");
}

function costTable(rows: readonly CostRow[], paper: Record<string, string>): HTMLElement {
  const table = headedTable(["condition", "reports or units", "tokens", "share of TS", "fewer tokens than TS", "paper (Podcast / News)"], "gr-cost");
  table.prepend(el("caption", "Tokens to read the whole corpus once: every community report of a level (C0…), or the source text (TS)"));
  for (const r of rows) {
    const tr = el("tr");
    for (const x of [r.condition, r.reports.toLocaleString("en-US"), r.tokens.toLocaleString("en-US"), `${fmt(100 * r.shareOfTs, 1)}%`, r.condition === "TS" ? "" : `${fmt(100 * r.saving, 1)}%`, paper[r.condition] ?? ""]) tr.append(el("td", x));
    table.append(tr);
  }
  return table;
}

/** Churn per level after adding a document, beside the churn of re-seeding Louvain with no new document. */
export function ChurnView(levels: readonly Churn[], reseed: readonly Churn[], names: (id: string) => string): HTMLElement {
  const table = headedTable(["level", "communities before → after", "entities in both", "changed community", "NMI", "new entities", "re-seeded only: changed, NMI"], "gr-churn");
  levels.forEach((c, level) => {
    const tr = el("tr");
    const r = reseed[level];
    const pct = (x: Churn) => `${x.moved.length.toLocaleString("en-US")} (${fmt(100 * x.movedShare, 1)}%)`;
    for (const x of [`C${level}`, `${c.communitiesBefore} → ${c.communitiesAfter}`, c.common.toLocaleString("en-US"), pct(c), fmt(c.nmi, 3), c.newEntities.length.toLocaleString("en-US"), r ? `${pct(r)}, ${fmt(r.nmi, 3)}` : ""]) tr.append(el("td", x));
    table.append(tr);
  });
  const box = el("div", undefined, "gr-churn-box");
  box.append(scrollRegion(table, "churn per level"));
  const moved = levels[0]?.moved ?? [];
  if (moved.length) box.append(el("p", `Moved at C0: ${moved.slice(0, 20).map(names).join(", ")}${moved.length > 20 ? ` and ${moved.length - 20} more` : ""}.`, "gr-small"));
  return box;
}

/** Communities and modularity per level of a hierarchy. */
export function LevelTable(hv: HierarchyView, resolution: number, seed: number): HTMLElement {
  const table = headedTable(["level", "communities", "modularity Q (γ = 1, whole graph)"], "gr-levels");
  table.prepend(el("caption", `Communities per level at γ = ${fmt(resolution, 2)}, seed ${seed}`));
  for (const l of hv.levels) {
    const tr = el("tr");
    for (const x of [`C${l.level}`, l.count.toLocaleString("en-US"), fmt(l.modularity, 4)]) tr.append(el("td", x));
    table.append(tr);
  }
  return table;
}

export interface AddResult {
  doc: {id: string; title: string; units: number};
  entities: string[];
  drawnNew: number; // new entities mentioned often enough to be drawn
  noEntities: boolean;
  churn: Churn[];
  reseedChurn: Churn[];
  names: Record<string, string>;
  ms: {extract: number; louvain: number; layout: number};
}

/** What adding a document did: its units and new entities, the timings, and the churn table. */
export function ChangeView(change: AddResult): HTMLElement {
  const box = el("div", undefined, "gr-change");
  const none = change.noEntities ? " (no entity found in this document: the graph gained text but no node)" : "";
  const ringed = change.drawnNew > 0 ? ` The ${change.drawnNew} new entities mentioned at least twice are ringed on the graph; the others are not drawn.` : change.entities.length ? " None of them is mentioned twice, so none is drawn." : "";
  box.append(el("p", `Added ${change.doc.title}: ${change.doc.units} text units, ${change.entities.length} new entities${none}; extraction ${fmt(change.ms.extract, 0)} ms, Louvain ${fmt(change.ms.louvain, 0)} ms, layout ${fmt(change.ms.layout, 0)} ms, in the worker.${ringed}`));
  box.append(ChurnView(change.churn, change.reseedChurn, (id) => change.names[id] ?? id));
  return box;
}
