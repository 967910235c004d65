import {describe, expect, it} from "vitest";
import {parseGazetteer} from "../../labs/graphrag/gazetteer.js";
import {aliasTable, normalize, trimName} from "../../labs/graphrag/normalize.js";

describe("normalize", () => {
  // Expected keys written by hand: what a reader would call the same entity.
  const cases: Array<[string, string]> = [
    ["America", "united states"],
    ["America's", "united states"],
    ["America’s", "united states"],
    ["America.", "united states"],
    ["America—", "united states"],
    ["the U.S.A.", "united states"],
    ["U.S.", "united states"],
    ["United States of America,", "united states"],
    ["Al Qaeda", "al qaida"],
    ["al-Qaida's", "al qaida"],
    ["Iraq’s", "iraq"],
    ["“Medicare”", "medicare"],
    ["Saddam Hussein's", "saddam hussein"],
    ["Saddam", "saddam hussein"],
    ["President Xi", "xi jinping"],
    ["Vice President Gore's", "al gore"],
    ["Members of Congress", "congress"],
    ["the Congress", "congress"],
    ["Justice Department", "department of justice"],
    ["General Motors", "general motors"],
    ["Sergeant First Class Cory Remsburg", "cory remsburg"],
    ["John F. Kennedy", "john f kennedy"],
    ["Juan Guaidó", "juan guaido"],
    ["Juan Guaido", "juan guaido"],
    ["Secretary of Defense", "secretary of defense"],
    ["Mr. Speaker,", ""],
    ["Mr. Vice President", ""],
    ["President", ""],
    ["Madam Speaker", ""],
  ];
  for (const [surface, key] of cases) it(`normalize(${JSON.stringify(surface)}) = ${JSON.stringify(key)}`, () => expect(normalize(surface)).toBe(key));

  it("trimName keeps the dot of an abbreviation and drops a sentence's", () => {
    expect(trimName("U.S.")).toBe("U.S.");
    expect(trimName("Martin Luther King, Jr.")).toBe("Martin Luther King, Jr.");
    expect(trimName("Iraq.")).toBe("Iraq");
    expect(trimName("(NATO),")).toBe("NATO");
    expect(trimName("States'")).toBe("States");
  });

  it("normalize(surface, aliasTable(custom gazetteer)) uses that gazetteer's aliases only", () => {
    const table = aliasTable(parseGazetteer("Big Blue | organization | IBM; International Business Machines"));
    expect(normalize("IBM's", table)).toBe("big blue");
    expect(normalize("International Business Machines", table)).toBe("big blue");
    expect(normalize("America", table)).toBe("america");
  });

  it("parseGazetteer(bad line) throws with the line number", () => {
    expect(() => parseGazetteer("# c\nFoo | thing | bar")).toThrow(/line 2/);
  });
});

describe("GAZETTEER", () => {
  it("GAZETTEER gives each written form (after plainKey) to one entity only", async () => {
    const {GAZETTEER} = await import("../../labs/graphrag/gazetteer.js");
    const {plainKey} = await import("../../labs/graphrag/normalize.js");
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const e of GAZETTEER) for (const form of [e.name, ...e.aliases]) {
      const k = plainKey(form);
      if (owner.has(k) && owner.get(k) !== e.name) clashes.push(`${form}: ${owner.get(k)} / ${e.name}`);
      owner.set(k, e.name);
    }
    expect(clashes).toEqual([]);
    expect(GAZETTEER.length).toBeGreaterThan(100);
  });
});
