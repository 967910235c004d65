// Node-side loading of sql.js and the Chinook database for tests, scripts and data loaders (the page
// loads them in its worker instead). Reads data/chinook/Chinook_Sqlite.sqlite from the repository.
import {readFile} from "node:fs/promises";
import {fileURLToPath} from "node:url";
import initSqlJs from "sql.js";
import type {SqlJsStatic} from "./sqlite.js";

export const CHINOOK_PATH = fileURLToPath(new URL("../../data/chinook/Chinook_Sqlite.sqlite", import.meta.url));

let cached: Promise<{SQL: SqlJsStatic; bytes: Uint8Array}> | null = null;

/** sql.js's Node build and the Chinook file's bytes (loaded once per process). */
export function loadChinook(): Promise<{SQL: SqlJsStatic; bytes: Uint8Array}> {
  cached ??= (async () => {
    const [SQL, file] = await Promise.all([initSqlJs(), readFile(CHINOOK_PATH)]);
    return {SQL, bytes: new Uint8Array(file)};
  })();
  return cached;
}
