// tokenize13a's expected outputs follow from the four rules of sacreBLEU's tokenizer_re.py read by hand
// (each case names the rule it exercises), and Python's str.split() whitespace set (checked with Python 3.11).
import {describe, expect, it} from "vitest";
import {bleuTokens, pySplit, tokenize13a} from "../../labs/metrics/index.js";

describe("tokenize13a", () => {
  const cases: [string, string, string][] = [
    ["Hello, world!", "Hello , world !", "comma before a space and ! are split off"],
    ["It wasn't surprising.", "It wasn't surprising .", "the apostrophe is not in the symbol class"],
    ["pi is 3.14 and 1,000 people", "pi is 3.14 and 1,000 people", "period/comma between digits stay"],
    ["1990-1995", "1990 - 1995", "a dash after a digit splits"],
    ["state-of-the-art", "state-of-the-art", "a dash between letters stays"],
    ["&quot;Hi&quot; &amp; bye &lt;3&gt;", '" Hi " & bye < 3 >', "the four HTML entities are unescaped then split"],
    ["e.g. this", "e . g . this", "periods after letters split"],
    ["$5.00 (net)", "$ 5.00 ( net )", "$ ( ) are symbols; 5.00 stays"],
    ["line-\nbreak and\nnew", "linebreak and new", "'-\\n' joins, '\\n' is a space"],
    ["<skipped> text", "text", "<skipped> is removed"],
    ["a{b}c|d~e[f]g^h_i`j", "a { b } c | d ~ e [ f ] g ^ h _ i ` j", "the {-~ and [-` ranges"],
    ["x:y;z<w=v>u?t@s/r", "x : y ; z < w = v > u ? t @ s / r", "the :-@ range and /"],
    ["over.", "over .", "a final period splits"],
    ["3.", "3 .", "a period after a digit still splits when a non-digit follows (here the padding space)"]
  ];
  for (const [input, expected, why] of cases) {
    it(`tokenize13a(${JSON.stringify(input)}) is ${JSON.stringify(expected)}: ${why}`, () => expect(tokenize13a(input)).toBe(expected));
  }
  it("bleuTokens with tokenizer none only splits on whitespace", () => {
    expect(bleuTokens("The man bit him first.", "none")).toEqual(["The", "man", "bit", "him", "first."]);
    expect(bleuTokens("The man bit him first.", "13a")).toEqual(["The", "man", "bit", "him", "first", "."]);
  });
  it("bleuTokens with lowercase lowers before tokenizing", () => {
    expect(bleuTokens("The DOG.", "13a", true)).toEqual(["the", "dog", "."]);
  });
});

describe("pySplit", () => {
  it("pySplit splits on U+0085 and U+001C like Python, but not on U+FEFF or U+200B", () => {
    expect(pySplit("a\u0085b\u001cc")).toEqual(["a", "b", "c"]);
    expect(pySplit("a\ufeffb c\u200bd")).toEqual(["a\ufeffb", "c\u200bd"]);
    expect(pySplit("  a \u3000 b\t\n")).toEqual(["a", "b"]);
  });
});
