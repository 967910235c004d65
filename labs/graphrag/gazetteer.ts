// A small hand-written gazetteer for the State of the Union corpus: entities compromise misses, splits or
// mistypes (Congress, programmes like Medicare, agencies, acronyms) and the aliases that name one entity
// ("America", "U.S.A." → United States). Written by us from reading the corpus; see data/graphrag/README.md.
// Kept as a TS string (not a .txt file) so the page's Web Worker gets it without a file system.

import type {EntityType} from "./types.js";

/**
 * One line per entity: `Canonical name | type | alias; alias; …`. Aliases are matched in the text as written
 * (case-sensitive, whole words), after the possessive and a leading title are stripped (normalize.ts).
 */
export const GAZETTEER_TEXT = `
# Countries, regions and places (aliases and places compromise misses)
United States | place | America; U.S.; U.S.A.; USA; United States of America; U.S. of A.
Soviet Union | place | USSR; U.S.S.R.; Soviet Union
Washington | place | Washington, DC; Washington, D.C.; Washington D.C.
District of Columbia | place | DC; D.C.
Middle East | place | Mideast
Persian Gulf | place | Gulf region
Korean Peninsula | place
North Korea | place
South Korea | place
Eastern Europe | place | Central and Eastern Europe
Latin America | place
Central America | place
Gulf Coast | place
Guantanamo Bay | place | Guantanamo
Silicon Valley | place
Wall Street | place
White House | place
Capitol | place | Capitol Hill; U.S. Capitol
Pentagon | organization
Bosnia | place | Bosnia and Herzegovina
Kosovo | place
Kuwait | place
Iraq | place
Iran | place
Afghanistan | place
Israel | place
Syria | place
Libya | place
Haiti | place
Panama | place
Vietnam | place | Viet Nam
China | place | People's Republic of China
Russia | place | Russian Federation
Europe | place
Asia | place
Africa | place
Mexico | place
Canada | place
Japan | place
India | place
Pakistan | place
Ukraine | place
Cuba | place
Venezuela | place
Nicaragua | place
El Salvador | place
Colombia | place
Brazil | place
Argentina | place
Chile | place
Peru | place
Ecuador | place
Bolivia | place
Honduras | place
Guatemala | place
Costa Rica | place
Dominican Republic | place
Jamaica | place
Germany | place
France | place
Italy | place
Spain | place
Poland | place
Hungary | place
Czech Republic | place
Greece | place
Turkey | place
Ireland | place
Northern Ireland | place
Netherlands | place
Belgium | place
Norway | place
Sweden | place
Denmark | place
Finland | place
Romania | place
Bulgaria | place
Albania | place
Serbia | place
Croatia | place
Estonia | place
Latvia | place
Lithuania | place
Belarus | place
Kazakhstan | place
Egypt | place
Saudi Arabia | place
Jordan | place
Lebanon | place
Yemen | place
Somalia | place
Sudan | place
Ethiopia | place
Kenya | place
Nigeria | place
South Africa | place
Liberia | place
Rwanda | place
Tunisia | place
Morocco | place
Qatar | place
Indonesia | place
Philippines | place
Australia | place
Burma | place
Bangladesh | place
Thailand | place
Cambodia | place
Taiwan | place
United Kingdom | place | Britain; Great Britain; U.K.; UK
# Government and political organisations
Congress | organization | United States Congress; U.S. Congress; Members of Congress; Member of Congress
Senate | organization | United States Senate; U.S. Senate
House of Representatives | organization | U.S. House of Representatives
Supreme Court | organization | U.S. Supreme Court
Federal Reserve | organization | Federal Reserve Board
Federal Government | organization | National Government
Democrats | organization | Democratic Party; Democrat
Republicans | organization | Republican Party; Republican; GOP
Congressional Budget Office | organization | CBO
Joint Chiefs of Staff | organization | Joint Chiefs
Armed Forces | organization | United States Armed Forces; U.S. Armed Forces; American Armed Forces; United States Military; U.S. military
Army | organization | U.S. Army; United States Army
Navy | organization | U.S. Navy; United States Navy
Air Force | organization | U.S. Air Force
Marine Corps | organization | Marines; U.S. Marine Corps
National Guard | organization | Guard and Reserve
Coast Guard | organization
Space Force | organization
Border Patrol | organization | U.S. Border Patrol
Peace Corps | organization
AmeriCorps | organization
FBI | organization | Federal Bureau of Investigation
CIA | organization | Central Intelligence Agency
FDA | organization | Food and Drug Administration
IRS | organization | Internal Revenue Service
FEMA | organization | Federal Emergency Management Agency
NASA | organization
NIH | organization | National Institutes of Health
ICE | organization | Immigration and Customs Enforcement
EPA | organization | Environmental Protection Agency
Department of Defense | organization | Defense Department
Department of Homeland Security | organization | Homeland Security Department
Department of Justice | organization | Justice Department
Department of Veterans Affairs | organization | VA; Veterans Affairs; Veterans Administration
Department of Health and Human Services | organization | Health and Human Services; HHS
Department of Education | organization | Education Department
Department of Energy | organization | Energy Department
# International organisations and groups
United Nations | organization | U.N.; UN; U.N. Security Council; United Nations Security Council
NATO | organization | North Atlantic Treaty Organization
European Union | organization | EU
World Trade Organization | organization | WTO
International Monetary Fund | organization | IMF
World Bank | organization
Al Qaida | organization | al Qaida; al Qaeda; Al Qaeda; al-Qaida; al-Qaeda; Al-Qaida; Al-Qaeda
Taliban | organization
ISIS | organization | ISIL; Islamic State; ISIS
Hamas | organization
Hezbollah | organization | Hizballah
MS-13 | organization
General Motors | organization | GM
# Programmes, laws, treaties and policies
Social Security | other | Social Security Trust Fund; Social Security system
Medicare | other | Medicare Trust Fund; Medicare program
Medicaid | other
Head Start | other | Early Head Start
Let's Move! | other | Let's Move
Joining Forces | other
Affordable Care Act | other | Obamacare; ACA
No Child Left Behind Act | other | No Child Left Behind
Brady Bill | other | Brady bill; Brady law; Brady Law
Pell Grants | other | Pell grant; Pell grants; Pell Grant
Family and Medical Leave Act | other | family leave law; Family Leave Act
Recovery Act | other | American Recovery and Reinvestment Act
American Jobs Plan | other
American Families Plan | other
American Rescue Plan | other
Patriot Act | other | PATRIOT Act; USA PATRIOT Act
Violence Against Women Act | other
Ryan White Act | other | Ryan White CARE Act
Clean Air Act | other
Earned Income Tax Credit | other | EITC; earned income tax credit; earned-income tax credit
NAFTA | other | North American Free Trade Agreement
USMCA | other
GATT | other | General Agreement on Tariffs and Trade
Trans-Pacific Partnership | other | TPP
START | other | START treaty; START II
Strategic Defense Initiative | other | SDI
Chemical Weapons Convention | other
Children's Health Insurance Program | other | CHIP
Tax Code | other | tax code
GI Bill | other | GI bill; G.I. bill; G.I. Bill
IRA | other | IRAs; individual retirement account; individual retirement accounts
Constitution | other | U.S. Constitution; United States Constitution
Bill of Rights | other
Declaration of Independence | other
Second Amendment | other
# Events and diseases
World War II | other | Second World War
World War I | other | First World War
Civil War | other
Cold War | other | cold war
Great Depression | other
Gulf War | other | Persian Gulf war; Persian Gulf War
Desert Storm | other | Operation Desert Storm
September 11 attacks | other | 9/11; September the 11th; September 11th; September 11
AIDS | other | HIV/AIDS
HIV | other
COVID-19 | other | COVID; COVID-19; coronavirus
# People (only where a short or titled form names the same person)
Saddam Hussein | person | Saddam
Usama bin Laden | person | Osama bin Laden; bin Laden
Franklin Roosevelt | person | Franklin Delano Roosevelt; Franklin D. Roosevelt; FDR
Theodore Roosevelt | person | Teddy Roosevelt
Abraham Lincoln | person | Lincoln
John F. Kennedy | person | John Kennedy; JFK
Ronald Reagan | person | Reagan
Harry Truman | person | Harry S. Truman; Truman
Martin Luther King Jr. | person | Martin Luther King; Martin Luther King, Jr.; Dr. King
Dick Cheney | person | Cheney
Al Gore | person | Gore
Joe Biden | person | Biden
Jill Biden | person | Dr. Jill Biden; Jill
Hillary Clinton | person | Hillary; Hillary Rodham Clinton
Nancy Pelosi | person | Pelosi
Kamala Harris | person
Mikhail Gorbachev | person | Gorbachev
Boris Yeltsin | person | Yeltsin
Vladimir Putin | person | Putin
Xi Jinping | person | Xi
Muammar Qadhafi | person | Qadhafi
`;

export interface GazetteerEntry {
  name: string; // canonical name as written
  type: EntityType;
  aliases: string[]; // other written forms (case-sensitive), canonical name not repeated
}

const TYPES: ReadonlySet<string> = new Set(["person", "place", "organization", "other"]);

/** Parses `name | type | alias; alias` lines (blank lines and `#` comments skipped). Throws Error on a bad line. */
export function parseGazetteer(text: string): GazetteerEntry[] {
  const out: GazetteerEntry[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const [name, type, aliases = ""] = line.split("|").map((s) => s.trim());
    if (!name || !TYPES.has(type)) throw new Error(`Gazetteer line ${i + 1} is not "name | type | aliases": ${line}`);
    const list = aliases.split(";").map((s) => s.trim()).filter((s) => s !== "" && s !== name);
    out.push({name, type: type as EntityType, aliases: [...new Set(list)]});
  });
  return out;
}

/** The built-in gazetteer, parsed once. */
export const GAZETTEER: readonly GazetteerEntry[] = parseGazetteer(GAZETTEER_TEXT);
