// The context cost of reading the whole corpus, per hierarchy level, against reading the source text:
// the paper's comparison of C0…C3 with TS (map-reduce over the source texts), where C0 needed over 97%
// fewer tokens than TS (Edge et al. 2024, §4 and its token-count table). Tokens are whitespace tokens.
import {countTokens, docTexts} from "./context.js";
import {levelCommunities} from "./reports.js";
import type {CommunityReport, EntityGraphData, Hierarchy} from "./types.js";

export interface CostRow {
  condition: string; // "C0", "C1", …, or "TS"
  reports: number; // reports read (TS: text units)
  tokens: number; // context tokens to read them all
  shareOfTs: number; // tokens / TS tokens
  saving: number; // 1 − shareOfTs (the paper's "fewer tokens than TS")
}

/**
 * One row per level (Σ tokens of its communities' reports) and a TS row (every source token once, text
 * units' overlaps not double counted: the documents rebuilt from the units). (levels + 1) rows.
 */
export function costTable(data: EntityGraphData, h: Hierarchy, reports: readonly CommunityReport[]): CostRow[] {
  let ts = 0;
  for (const text of docTexts(data.units).values()) ts += countTokens(text);
  const row = (condition: string, n: number, tokens: number): CostRow => ({condition, reports: n, tokens, shareOfTs: ts ? tokens / ts : NaN, saving: ts ? 1 - tokens / ts : NaN});
  const rows = h.levels.map((_, level) => {
    const ids = levelCommunities(h, level);
    return row(`C${level}`, ids.length, ids.reduce((s, c) => s + (reports[c]?.tokens ?? 0), 0));
  });
  rows.push(row("TS", data.units.length, ts));
  return rows;
}
