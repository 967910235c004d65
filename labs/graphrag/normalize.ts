// Entity names → normalised keys, the node ids of the entity graph: Unicode NFC, straight quotes, no
// possessive, no surrounding punctuation, no leading "the" or title ("Mr.", "President"), no dots, no
// diacritics, lower case; then gazetteer aliases map to one key ("America", "U.S.A." → "united states"). Not a coreference
// resolver: "Bush" and "George W. Bush" stay two keys unless the gazetteer lists the alias.
import {GAZETTEER, type GazetteerEntry} from "./gazetteer.js";
import type {EntityType} from "./types.js";

const byLengthDesc = (a: string, b: string) => b.length - a.length || (a < b ? -1 : 1);

/** Titles and ranks that precede a person's name ("President Xi", "Sergeant First Class Cory Remsburg"). Lower case, no dots. */
export const PERSON_TITLES: readonly string[] = [
  "mr", "mrs", "ms", "miss", "dr", "madam", "madame", "sir", "president", "vice president", "senator", "sen", "senators",
  "governor", "gov", "sergeant", "sgt", "staff sergeant", "master sergeant", "first sergeant", "sergeant first class", "captain",
  "capt", "lieutenant", "lt", "colonel", "col", "corporal", "army specialist", "chief justice", "secretary", "speaker",
  "majority leader", "minority leader", "mayor", "representative", "rep", "congressman", "congresswoman", "first lady",
  "prime minister", "pope", "ambassador", "admiral", "detective", "reverend", "rev", "petty officer", "president-elect",
  "former president", "the honorable", "honorable", "general", "gen", "lieutenant general", "major general", "brigadier general",
  "lieutenant colonel", "chief", "chief petty officer", "agent", "special agent", "border patrol agent", "patrol agent",
  "chief patrol agent", "officer", "police officer", "coach", "judge", "private", "private first class", "first class", "class",
  "chairman", "chairwoman", "justice", "associate justice", "specialist", "senior chief", "navy seal",
].sort(byLengthDesc);

/**
 * Words stripped from the front of a name when a name follows: titles, party labels ("Democrat Kent Conrad") and
 * sentence words compromise sometimes leaves there ("And Ryan"); a title alone ("Mr. Speaker", "President") is no
 * entity. Longest first, lower case, without dots.
 */
export const TITLES: readonly string[] = [
  ...PERSON_TITLES, "democrat", "republican", "dear",
  "and", "but", "or", "so", "even", "in", "when", "if", "as", "for", "with", "because", "now", "today", "tonight", "then", "yet",
  "since", "while", "after", "before", "this", "that", "these", "those", "our", "my", "every", "all", "here", "where", "like",
].sort(byLengthDesc);

/** Quotes, dashes and spaces unified; NFC. */
function unify(text: string): string {
  return text.normalize("NFC").replace(/[’‘`´]/g, "'").replace(/[“”]/g, '"').replace(/[‐‑‒–—]/g, "-").replace(/\s+/g, " ");
}

/** Surrounding punctuation and a trailing possessive removed, on the text as written (case kept). */
export function trimName(surface: string): string {
  let s = unify(surface).trim();
  for (let prev = ""; prev !== s; ) {
    prev = s;
    s = s.replace(/^[^\p{L}\p{N}]+/u, "").replace(/[^\p{L}\p{N}.]+$/u, ""); // keep a final dot for "U.S."
    s = s.replace(/'s$|(?<=s)'$/u, "");
    if (/\.$/.test(s) && !/(?:^|[\s.])\p{L}\.$/u.test(s) && !/\b(?:Jr|Sr|St|Dr)\.$/.test(s)) s = s.slice(0, -1); // sentence dot, not "U.S."
  }
  return s;
}

/** Diacritics removed ("Guaidó" → "Guaido"): the corpus spells some names both ways. */
function foldAccents(s: string): string {
  return s.normalize("NFD").replace(/\p{M}+/gu, "").normalize("NFC");
}

/** Lower-case form before aliases and titles: trimmed, no leading "the", no dots, single spaces. */
export function plainKey(surface: string): string {
  return foldAccents(trimName(surface)).toLowerCase().replace(/\./g, "").replace(/\s+/g, " ").trim().replace(/^the /, "");
}

/** plainKey without a leading title ("vice president cheney" → "cheney"). */
export function baseKey(surface: string): string {
  return stripTitle(plainKey(surface));
}

/** A leading title removed when a name follows it ("secretary of defense" stays); "" when the text is only a title. */
function stripTitle(s: string): string {
  for (let again = true; again; ) {
    again = false;
    for (const t of TITLES) {
      if (s === t) return "";
      if (s.startsWith(t + " ") && !/^(?:of|and|for|to) /.test(s.slice(t.length + 1))) {
        s = s.slice(t.length + 1);
        again = true;
        break;
      }
    }
  }
  return s;
}

export interface AliasTable {
  keys: Map<string, string>; // baseKey of a name or alias → canonical key
  types: Map<string, EntityType>; // canonical key → gazetteer type
  names: Map<string, string>; // canonical key → canonical name
}

/** Alias table of a gazetteer: every written form's plainKey → the canonical name's plainKey. */
export function aliasTable(entries: readonly GazetteerEntry[]): AliasTable {
  const keys = new Map<string, string>(), types = new Map<string, EntityType>(), names = new Map<string, string>();
  for (const e of entries) {
    const key = plainKey(e.name);
    types.set(key, e.type);
    names.set(key, e.name);
    for (const form of [e.name, ...e.aliases]) keys.set(plainKey(form), key);
  }
  return {keys, types, names};
}

const DEFAULT_TABLE = aliasTable(GAZETTEER);

/**
 * The node id of a written name: `normalize("America's")` = `normalize("the U.S.A.")` = "united states",
 * `normalize("Mr. Speaker")` = "" (a title alone), a gazetteer form is kept whole ("General Motors"), `normalize("Al Qaeda")` = "al qaida". "" means "no entity".
 */
export function normalize(surface: string, table: AliasTable = DEFAULT_TABLE): string {
  const plain = plainKey(surface);
  const known = table.keys.get(plain);
  if (known !== undefined) return known; // a gazetteer form, titles included ("General Motors")
  const key = stripTitle(plain);
  return table.keys.get(key) ?? key;
}

/** The gazetteer's type for a key, if the key is a gazetteer entity. */
export function gazetteerType(key: string, table: AliasTable = DEFAULT_TABLE): EntityType | undefined {
  return table.types.get(key);
}
