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
    ["We gave the FBI, CIA and NSA new tools.", ["cia", "fbi", "nsa"]],
  ];
  for (const [text, expected] of labelled) it(`extractMentions(${JSON.stringify(text.slice(0, 50))}…) finds ${JSON.stringify(expected)}`, () => expect(keys(text)).toEqual(expected));

  it("extractMentions on two passages of the 2002 address: precision and recall against hand labels ≥ 0.9", () => {
    // Passages copied from the 2002 address; labels written by reading them (every named person, place,
    // organisation, programme), before running the code. Known misses at the time of writing: "Islamic Jihad".
    const passages: Array<[string, string[]]> = [
      [
        "Thank you very much. Mr. Speaker, Vice President Cheney, Members of Congress, distinguished guests, fellow citizens: As we gather tonight, our Nation is at war; our economy is in recession; and the civilized world faces unprecedented dangers. Yet, the state of our Union has never been stronger. We last met in an hour of shock and suffering. In 4 short months, our Nation has comforted the victims, begun to rebuild New York and the Pentagon, rallied a great coalition, captured, arrested, and rid the world of thousands of terrorists, destroyed Afghanistan's terrorist training camps, saved a people from starvation, and freed a country from brutal oppression. The American flag flies again over our Embassy in Kabul. Terrorists who once occupied Afghanistan now occupy cells at Guantanamo Bay. And terrorist leaders who urged followers to sacrifice their lives are running for their own. America and Afghanistan are now allies against terror. We'll be partners in rebuilding that country. And this evening we welcomed the distinguished interim leader of a liberated Afghanistan, Chairman Hamid Karzai.",
        ["afghanistan", "congress", "dick cheney", "guantanamo bay", "hamid karzai", "kabul", "new york", "pentagon", "united states"],
      ],
      [
        "A terrorist underworld, including groups like Hamas, Hizballah, Islamic Jihad, Jaish-e-Mohammed, operates in remote jungles and deserts and hides in the centers of large cities. While the most visible military action is in Afghanistan, America is acting elsewhere. We now have troops in the Philippines, helping to train that country's armed forces to go after terrorist cells that have executed an American and still hold hostages. Our soldiers, working with the Bosnian Government, seized terrorists who were plotting to bomb our Embassy. Our Navy is patrolling the coast of Africa to block the shipment of weapons and the establishment of terrorist camps in Somalia. My hope is that all nations will heed our call and eliminate the terrorist parasites who threaten their countries and our own. Many nations are acting forcefully. Pakistan is now cracking down on terror, and I admire the strong leadership of President Musharraf.",
        ["afghanistan", "africa", "bosnian government", "hamas", "hezbollah", "islamic jihad", "jaish-e-mohammed", "musharraf", "navy", "pakistan", "philippines", "somalia", "united states"],
      ],
    ];
    let found = 0, correct = 0, labelled = 0;
    for (const [text, gold] of passages) {
      const got = keys(text);
      found += got.length;
      labelled += gold.length;
      correct += got.filter((k) => gold.includes(k)).length;
    }
    expect(correct / found).toBeGreaterThanOrEqual(0.9); // precision
    expect(correct / labelled).toBeGreaterThanOrEqual(0.9); // recall
  });

  it("extractMentions: a title followed by capitalised words is a person; a title alone or before a new sentence is not", () => {
    const text = "Justice Sandra Day O'Connor and General Barry McCaffrey met Ambassador Ji Seong-ho. Mr. President. Thank you.";
    expect(extractMentions([unit(text)], {compromise: false}).map((m) => [m.surface, m.type])).toEqual([
      ["Sandra Day O'Connor", "person"], ["Barry McCaffrey", "person"], ["Ji Seong-ho", "person"],
    ]);
  });

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
