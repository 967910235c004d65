// Entity extraction without an LLM: compromise's people(), places() and organizations(), a hand-written gazetteer
// (gazetteer.ts) and two rules (all-caps acronyms; a title + capitalised words is a person), merged so that
// overlapping matches keep the longest. Not relation extraction: relations are co-occurrences (graph.ts).
// Browser-safe (no Node APIs). compromise: https://github.com/spencermountain/compromise (v14, MIT).
import nlp from "compromise";
import {GAZETTEER, type GazetteerEntry} from "./gazetteer.js";
import {type AliasTable, PERSON_TITLES, TITLES, aliasTable, normalize} from "./normalize.js";
import type {EntityType, Mention, TextUnit} from "./types.js";

/** Where a candidate came from; on a tie in length the lower rank wins. */
type Source = "gazetteer" | "compromise" | "title" | "acronym";
const RANK: Record<Source, number> = {gazetteer: 0, compromise: 1, title: 2, acronym: 3};

interface Candidate {
  start: number; // offset in the document
  end: number;
  type: EntityType;
  source: Source;
}

/** Keys that are real words or roles, not entities, though compromise tags them (checked after normalisation). */
export const JUNK_KEYS: ReadonlySet<string> = new Set([
  "president", "vice president", "speaker", "first lady", "congressman", "senator", "governor", "sergeant", "captain", "tonight",
  "nation", "government", "administration", "federal", "state", "states", "union", "city", "god bless", "amen", "mom", "dad",
  "madam speaker", "chairman", "justice", "army specialist", "majority leader", "minority leader", "secretary",
  "american", "americans", "national", "today", "yesterday", "tomorrow", "sunday", "monday", "tuesday", "wednesday",
  "thursday", "friday", "saturday", "january", "february", "march", "april", "june", "july", "august", "september",
  "october", "november", "december", "thank you", "applause", "laughter", "earth", "world", "west", "east", "north", "south",
  "gi", "house", "church", "independence", "investments", "islamic", "god", "heaven", "lord", "jr", "sr", "st", "capital",
  "trust fund", "child care", "uss", "street", "assembly", "reform", "mr", "mrs", "ms", "dr", "he", "she", "we", "they", "it", "you", "i", "las", "los", "san",
  "what", "who", "which", "when", "where", "why", "how", "partnership",
]);

/** All-caps words that are not names (roman numerals, emphasis, common initialisms). */
export const ACRONYM_STOP: ReadonlySet<string> = new Set([
  "I", "II", "III", "IV", "V", "VI", "THE", "AND", "OF", "A", "PRESIDENT", "TV", "CEO", "CEOS", "OK", "AM", "PM", "UP", "NOW", "PRO",
  "VICE", "VOICE", "GEAR", "CD", "DJ", "PR", "SAT", "DNA", "CPR", "GPS", "PS", "HR", "AME", "R&D", "USS", "VX", "TB", "CJ", "HOPE",
  "SWAT", "SEAL", "PTA", "PAC", "LAX", "UPS", "MS", "GI", "IDA", "NO", "YES", "WE", "US",
]);

/** Lower-case words allowed inside a multi-word name ("Bill of Rights", "Usama bin Laden"). */
const CONNECTORS: ReadonlySet<string> = new Set(["of", "the", "and", "for", "de", "la", "del", "bin", "al", "von", "van", "da", "du", "y", "on", "in"]);

const MAX_WORDS = 6;

export interface ExtractOptions {
  gazetteer?: readonly GazetteerEntry[]; // default: the built-in GAZETTEER
  compromise?: boolean; // false: gazetteer and the two rules only (fast; tests of the rules), default true
}

/**
 * Mentions in text units, in document order (units grouped by document in the order given). Each unit's
 * text must equal its document's text at [start, end) (labs/rag chunks); overlapping units of one document
 * are read once, so a mention in an overlap is reported once, with `unit` = the first unit containing it
 * (graph.ts counts it in every unit whose span contains it). Spans exclude possessives, punctuation and
 * titles ("Mr. Speaker" is no mention; "President Xi" → "Xi"). Pure, deterministic.
 */
export function extractMentions(units: readonly TextUnit[], options: ExtractOptions = {}): Mention[] {
  const table = options.gazetteer ? aliasTable(options.gazetteer) : DEFAULT_TABLE;
  const pattern = options.gazetteer ? gazetteerPattern(options.gazetteer) : DEFAULT_PATTERN;
  const out: Mention[] = [];
  for (const docUnits of groupByDoc(units)) {
    const {text, offset} = docText(docUnits);
    const candidates = [...gazetteerCandidates(text, pattern, table), ...acronymCandidates(text), ...titleCandidates(text)];
    if (options.compromise !== false) candidates.push(...compromiseCandidates(text));
    for (const c of longestNonOverlapping(candidates, text, table)) {
      const surface = text.slice(c.start, c.end);
      const key = normalize(surface, table);
      const start = c.start + offset, end = c.end + offset;
      out.push({key, surface, type: table.types.get(key) ?? c.type, unit: unitOf(docUnits, start, end).id, start, end});
    }
  }
  return out;
}

/** The unit a mention belongs to: the first of its document's units that holds it whole, else the first it overlaps. */
export function unitOf(docUnits: readonly TextUnit[], start: number, end: number): TextUnit {
  return docUnits.find((u) => u.start <= start && end <= u.end) ?? docUnits.find((u) => u.start < end && start < u.end)!;
}

const DEFAULT_TABLE = aliasTable(GAZETTEER);
const DEFAULT_PATTERN = gazetteerPattern(GAZETTEER);

function groupByDoc(units: readonly TextUnit[]): TextUnit[][] {
  const groups = new Map<string, TextUnit[]>();
  for (const u of units) {
    if (!groups.has(u.docId)) groups.set(u.docId, []);
    groups.get(u.docId)!.push(u);
  }
  return [...groups.values()].map((g) => [...g].sort((a, b) => a.start - b.start || a.id - b.id));
}

/** The document's text from its first unit's start to its last unit's end, gaps (never inside a unit) as newlines. */
function docText(units: readonly TextUnit[]): {text: string; offset: number} {
  const offset = units[0].start;
  const end = Math.max(...units.map((u) => u.end));
  const chars = new Array<string>(end - offset).fill("\n");
  for (const u of units) for (let i = 0; i < u.text.length; i++) chars[u.start - offset + i] = u.text[i];
  return {text: chars.join(""), offset};
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** One regex for every written form, longest first so the alternation prefers "United States of America" to "United States". */
function gazetteerPattern(entries: readonly GazetteerEntry[]): RegExp {
  const forms = [...new Set(entries.flatMap((e) => [e.name, ...e.aliases]))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms.map(escape).join("|")})(?![\\p{L}\\p{N}])`, "gu");
}

function gazetteerCandidates(text: string, pattern: RegExp, table: AliasTable): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(pattern)) {
    const type = table.types.get(normalize(m[0], table)) ?? "other";
    out.push({start: m.index!, end: m.index! + m[0].length, type, source: "gazetteer"});
  }
  return out;
}

/** All-caps words of 2+ letters ("NATO", "U.N.", "MS-13") not in ACRONYM_STOP nor next to another all-caps word (headings). */
function acronymCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  const re = /(?<![\p{L}\p{N}.])(?:(?:[A-Z]\.){2,}|[A-Z][A-Z&]+(?:-\d+)?)(?![\p{L}\p{N}])/gu;
  for (const m of text.matchAll(re)) {
    const word = m[0].replace(/\./g, "");
    if (ACRONYM_STOP.has(word)) continue;
    const before = text.slice(Math.max(0, m.index! - 30), m.index!), after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 30);
    if (/[A-Z]{2,} +$/.test(before) || /^ +[A-Z]{2,}/.test(after)) continue; // all-caps words in a row: "THE PRESIDENT"
    out.push({start: m.index!, end: m.index! + m[0].length, type: "organization", source: "acronym"});
  }
  return out;
}

/** Titles written with a dot when abbreviated ("Mr.", "Sgt."); other titles take none (a dot there ends a sentence). */
const ABBREVIATED = new Set(["mr", "mrs", "ms", "dr", "sen", "gov", "sgt", "capt", "lt", "col", "rep", "rev", "gen"]);

/** A capitalised title ("President", "Sgt.", "Chairman") then 1–4 capitalised words or initials: a person. */
// "Hake", "McCaffrey", "O'Connor", "Seong-ho", "F." (not "Crowe-have": a dash written as a hyphen)
const NAME_WORD = "(?:\\p{Lu}(?:\\p{Ll}+(?:\\p{Lu}\\p{Ll}+)?|['’]\\p{Lu}\\p{Ll}+)(?:-\\p{Lu}\\p{L}+|-\\p{Ll}{1,2}(?!\\p{L}))?|\\p{Lu}\\.)";
const TITLED_NAME = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${PERSON_TITLES.map((t) => t.split(" ").map((w) => `${w[0].toUpperCase()}${escape(w.slice(1))}`).join("\\s+") + (ABBREVIATED.has(t) ? "\\.?" : "")).join("|")})` +
    `\\s+(${NAME_WORD}(?:\\s+(?:${NAME_WORD}|bin|al|de|van|von)){0,3})(?![\\p{L}\\p{N}])`,
  "gu",
);

function titleCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(TITLED_NAME)) out.push({start: m.index!, end: m.index! + m[0].length, type: "person", source: "title"});
  return out;
}

/** compromise's people / places / organizations, cut at commas, dashes and inner possessives. */
function compromiseCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  const doc = nlp(text);
  const kinds: Array<[EntityType, {json(o: object): unknown}]> = [["person", doc.people()], ["place", doc.places()], ["organization", doc.organizations()]];
  for (const [type, view] of kinds) {
    for (const m of view.json({offset: true, terms: false}) as Array<{offset: {start: number; length: number}}>) {
      const start = m.offset.start, end = start + m.offset.length;
      // cut at list and clause punctuation, brackets ("[Applause]"), inner possessives and a sentence end ("House. This")
      const piece = /[,;:()[\]"“”]|\s[-–—]+\s|[–—]|--|['’]s\s|(?<![A-Z][a-z]?|\b(?:Mrs|Sgt|Gen|Col|Capt|Rev|Gov|Sen|Rep|Jr|Sr|St|Lt|Ms|Dr|Ft|Mt))\.\s/g;
      let from = start;
      for (const cut of text.slice(start, end).matchAll(piece)) {
        const at = start + cut.index!;
        out.push({start: from, end: at + (cut[0].startsWith("'") || cut[0].startsWith("’") ? 2 : 0), type, source: "compromise"});
        from = at + cut[0].length;
      }
      out.push({start: from, end, type, source: "compromise"});
    }
  }
  return out;
}

/**
 * Cleans each candidate's span (punctuation, possessive, leading "the" and titles off), drops junk, then keeps
 * the longest: candidates by length (longest first; ties: gazetteer, compromise, acronym; then position),
 * each accepted unless it overlaps one already accepted. Returned in text order.
 */
function longestNonOverlapping(candidates: readonly Candidate[], text: string, table: AliasTable): Candidate[] {
  const clean: Candidate[] = [];
  for (const c of candidates) {
    const span = c.source === "gazetteer" ? c : cleanSpan(text, c.start, c.end); // gazetteer forms are names as written
    if (span && isName(text.slice(span.start, span.end), table, c.source === "gazetteer")) clean.push({...c, ...span});
  }
  clean.sort((a, b) => b.end - b.start - (a.end - a.start) || RANK[a.source] - RANK[b.source] || a.start - b.start);
  const taken: Candidate[] = [];
  for (const c of clean) if (!taken.some((t) => t.start < c.end && c.start < t.end)) taken.push(c);
  return taken.sort((a, b) => a.start - b.start);
}

/** A leading "the" or title (any case, optional dots: "Mr.", "Vice President") and the spaces after it. */
const TITLE_RE = new RegExp(`^(?:${["the", ...TITLES].map((t) => escape(t).replace(/ /g, "\\.?\\s+")).join("|")})\\.?\\s+`, "i");

/** The span of the name inside text[start, end): as trimName does, then without a leading "the" or title. */
function cleanSpan(text: string, start: number, end: number): {start: number; end: number} | null {
  let s = start, e = end;
  for (let prev = -1; prev !== s * 1e9 + e; ) {
    prev = s * 1e9 + e;
    while (s < e && !/[\p{L}\p{N}]/u.test(text[s])) s++;
    while (e > s && !/[\p{L}\p{N}.]/u.test(text[e - 1])) e--;
    const w = text.slice(s, e);
    if (/['’]s$/.test(w)) e -= 2;
    else if (/s['’]$/.test(w)) e -= 1;
    else if (/\.$/.test(w) && !/(?:^|[\s.])\p{L}\.$/u.test(w) && !/\b(?:Jr|Sr|St|Dr)\.$/.test(w)) e -= 1;
  }
  for (let m = TITLE_RE.exec(text.slice(s, e)); m && /\p{Lu}/u.test(text[s + m[0].length] ?? ""); m = TITLE_RE.exec(text.slice(s, e))) s += m[0].length;
  return s < e ? {start: s, end: e} : null;
}

/** A name: a gazetteer form, or: starts with a capital or digit, ≤ MAX_WORDS words, every word capitalised but connectors, not junk. */
function isName(surface: string, table: AliasTable, listed: boolean): boolean {
  if (listed) return true;
  const words = surface.split(/\s+/);
  if (words.length > MAX_WORDS) return false;
  if (!words.every((w, i) => /^[\p{Lu}\p{N}]/u.test(w) || (i > 0 && CONNECTORS.has(w.toLowerCase())))) return false;
  const key = normalize(surface, table);
  return (key.match(/\p{L}/gu)?.length ?? 0) >= 2 && !JUNK_KEYS.has(key);
}
