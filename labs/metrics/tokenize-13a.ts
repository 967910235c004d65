// sacreBLEU's two Western tokenizers: `13a` (mteval-v13a.pl's rules, sacreBLEU's default) and `none`.
// Both return the string sacreBLEU hands to BLEU, which then splits it on whitespace. Not `intl`, `zh`, `char`.
// Source: mjpost/sacrebleu sacrebleu/tokenizers/tokenizer_13a.py and tokenizer_re.py (2.x).
import {pyRstrip, pySplit} from "./text.js";

export type BleuTokenizer = "13a" | "none";
export const BLEU_TOKENIZERS: readonly BleuTokenizer[] = ["13a", "none"];

// The four regex rules of tokenizer_re.py, applied in order over code points (`u` flag, as Python does).
const RULES: [RegExp, string][] = [
  // every ASCII symbol except . , - ' and the digits/letters becomes its own token: { | } ~ [ \ ] ^ _ ` space ! " # $ % & ( ) * + : ; < = > ? @ /
  [/([{-~[-` -&(-+:-@/])/gu, " $1 "],
  // period and comma split off unless preceded by a digit…
  [/([^0-9])([.,])/gu, "$1 $2 "],
  // …and unless followed by a digit (so 3.14 and 1,000 stay whole)
  [/([.,])([^0-9])/gu, " $1 $2"],
  // a dash after a digit splits off (1990-1995 → 1990 - 1995)
  [/([0-9])(-)/gu, "$1 $2 "]
];

/** mteval-v13a tokenization of one segment: the tokens joined by single spaces. */
export function tokenize13a(line: string): string {
  let text = line
    .replaceAll("<skipped>", "")
    .replaceAll("-\n", "")
    .replaceAll("\n", " ")
    .replaceAll("&quot;", '"')
    .replaceAll("&amp;", "&")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">");
  text = ` ${text} `;
  for (const [pattern, replacement] of RULES) text = text.replace(pattern, replacement);
  return pySplit(text).join(" ");
}

/** The segment as sacreBLEU's BLEU sees it: optional lowercasing, right-strip, then the tokenizer. */
export function bleuTokens(line: string, tokenizer: BleuTokenizer, lowercase = false): string[] {
  const text = lowercase ? line.toLowerCase() : line;
  const stripped = pyRstrip(text);
  return pySplit(tokenizer === "13a" ? tokenize13a(stripped) : stripped);
}
