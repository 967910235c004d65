import {describe, expect, it} from "vitest";
import {extractMentions} from "../../labs/graphrag/extract.js";
import type {TextUnit} from "../../labs/graphrag/types.js";

const unit = (text: string, id = 0, docId = "d", start = 0): TextUnit => ({id, docId, title: docId, year: 2000, start, end: start + text.length, text});
const keys = (text: string) => [...new Set(extractMentions([unit(text)]).map((m) => m.key))].sort();

describe("extractMentions", () => {
  // Sentences from the State of the Union addresses (and two written for the rules); the expected entities
  // were labelled by hand from the text, before running the code.
  const labelled: Array<[string, string[]]> = [
    ["Saddam Hussein's unprovoked invasion -- his ruthless, systematic rape of a peaceful neighbor -- violated everything the community of nations holds dear.", ["saddam hussein"]],
    ["The crew and passengers quickly subdued the man, who had been trained by Al Qaida and was armed with explosives.", ["al qaida"]],
    ["Tonight I propose that we follow Vice President Gore's suggestion to make low income parents eligible for the insurance that covers their children.", ["al gore"]],
    ["Mr. President, Madam Speaker, Mr. Vice President, Members of Congress, honored guests, my fellow Americans:", ["congress"]],
    ["I challenge Congress to expand work-study and help one million young Americans work their way through college by the year 2000, to provide a $1,000 merit scholarship for the top 5 percent of graduates in every high school in the United States, to expand Pell grant scholarships for deserving and needy students.", ["congress", "pell grants", "united states"]],
    ["Two weeks ago, the United States officially recognized the legitimate government of Venezuela, and its new interim President, Juan Guaido. Joining us in the gallery is the true and legitimate President of Venezuela, Juan Guaidó.", ["juan guaido", "united states", "venezuela"]],
    ["Now our troops and a strong NATO, together with our new partners from central Europe and elsewhere, are helping that peace to take hold.", ["europe", "nato"]],
    ["We must strengthen Social Security and Medicare for the 21st century, and keep America's promise.", ["medicare", "social security", "united states"]],
    ["The U.S.A. and the U.N. worked with the FBI.", ["fbi", "united nations", "united states"]],
    ["THE PRESIDENT: Thank you very much. Thank you.", []],
  ];
  for (const [text, expected] of labelled) it(`extractMentions(${JSON.stringify(text.slice(0, 50))}…) finds ${JSON.stringify(expected)}`, () => expect(keys(text)).toEqual(expected));

  it("extractMentions spans exclude possessives and titles, and name the text exactly", () => {
    const text = "Tonight I propose that we follow Vice President Gore's suggestion. America's workers.";
    const ms = extractMentions([unit(text)]);
    expect(ms.map((m) => [m.surface, m.type])).toEqual([["Gore", "person"], ["America", "place"]]);
    for (const m of ms) expect(text.slice(m.start, m.end)).toBe(m.surface);
  });

  it("extractMentions reads overlapping units once: a mention in the overlap is reported once, for the first unit", () => {
    const doc = "Iraq and Iran signed. Then NATO met in Europe. Later Russia joined.";
    const a = unit(doc.slice(0, 46), 0, "x", 0), b = unit(doc.slice(22), 1, "x", 22); // overlap: "Then NATO met in Europe."
    const ms = extractMentions([a, b]);
    expect(ms.map((m) => [m.key, m.unit, m.start])).toEqual([["iraq", 0, 0], ["iran", 0, 9], ["nato", 0, 27], ["europe", 0, 39], ["russia", 1, 53]]);
  });

  it("extractMentions offsets are in document coordinates for units that start mid-document", () => {
    const ms = extractMentions([unit("Congress met NATO.", 3, "y", 1000)], {compromise: false});
    expect(ms.map((m) => [m.key, m.start, m.end, m.unit])).toEqual([["congress", 1000, 1008, 3], ["nato", 1013, 1017, 3]]);
  });

  it("extractMentions keeps the longest of overlapping matches (United States of America, not United States + America)", () => {
    const ms = extractMentions([unit("God bless the United States of America.")], {compromise: false});
    expect(ms.map((m) => m.surface)).toEqual(["United States of America"]);
  });
});
