// Text figures of the /graphrag page: a text unit with its extracted entities marked, and a community
// report with each sentence's citation. All corpus and reader text goes in with textContent, never as HTML.
import type {CommunityReport, Mention, SentenceRef} from "../../labs/graphrag/types.js";
import {el} from "../kit/dom.js";

const TYPE_LABEL: Record<Mention["type"], string> = {person: "person", place: "place", organization: "organization", other: "other"};

/**
 * One text unit with each mention wrapped in a <mark> whose class names its type.
 * `unit` gives the unit's text and its document span start; mentions are in document coordinates.
 */
export function UnitView(unit: {title: string; start: number; text: string}, mentions: readonly Mention[]): HTMLElement {
  const fig = el("figure", undefined, "gr-unit");
  fig.append(el("figcaption", `${unit.title}, characters ${unit.start.toLocaleString("en-US")}–${(unit.start + unit.text.length).toLocaleString("en-US")}`));
  const p = el("p");
  let at = 0;
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  for (const m of sorted) {
    const from = m.start - unit.start;
    const to = m.end - unit.start;
    if (from < at || to > unit.text.length) continue; // overlapping or outside: shown as plain text
    p.append(document.createTextNode(unit.text.slice(at, from)));
    const mark = el("mark", unit.text.slice(from, to), `gr-${m.type}`);
    mark.title = `${TYPE_LABEL[m.type]} → node “${m.key}”`;
    p.append(mark);
    at = to;
  }
  p.append(document.createTextNode(unit.text.slice(at)));
  const key = el("p", undefined, "gr-small");
  for (const t of ["person", "place", "organization", "other"] as const) key.append(el("mark", TYPE_LABEL[t], `gr-${t}`), document.createTextNode(" "));
  fig.append(p, key);
  return fig;
}

/** Document titles by id, for citations. */
export type Titles = Record<string, string>;

const cite = (s: SentenceRef, titles: Titles) => `${titles[s.docId] ?? s.docId}, ${s.start.toLocaleString("en-US")}–${s.end.toLocaleString("en-US")}`;

/**
 * A community report: title, members, and its sentences as a list with citations.
 * `texts[i]` is the text of `report.sentences[i]`. `level` is the community's own level; `shownAt` the level
 * the reader is looking at (a community of at most 10 entities is not split, so it appears on deeper levels too).
 */
export function ReportView(report: CommunityReport, level: number, shownAt: number, size: number, texts: readonly string[], titles: Titles): HTMLElement {
  const box = el("section", undefined, "gr-report");
  box.setAttribute("aria-label", `Community report: ${report.title}`);
  box.append(el("h4", `C${shownAt} community: ${report.title}`));
  const kept = level < shownAt ? ` · the same community as at C${level}: with ${size} entities it was not split further` : "";
  box.append(el("p", `${size} entities · report ${report.tokens} tokens${report.fromChildren ? " · built from its sub-communities' reports (the members' own sentences overflowed the budget)" : " · built from its entities' sentences"}${kept}`, "gr-small"));
  const ol = el("ol");
  for (const [i, s] of report.sentences.entries()) {
    const li = el("li", texts[i] ?? "");
    li.append(el("span", ` (${cite(s, titles)})`, "gr-cite"));
    ol.append(li);
  }
  box.append(ol);
  return box;
}
