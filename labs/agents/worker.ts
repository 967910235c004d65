// Module worker that owns the page's SQLite: sql.js's browser build, the Chinook bytes, one
// read-only connection for the agent's queries, and fresh copies for measuring a query's effect.
// The page terminates and re-creates this worker when a query overruns its time limit
// (docs/components/agents/sql-client.ts), which is the only way to stop a runaway SQLite query.
import initSqlJs from "sql.js/dist/sql-wasm-browser.js";
import {leakReference, measureEffect, type Executor, type LeakReference} from "./effects.js";
import {allowListCheck, denyListCheck} from "./sanitize.js";
import {errorText, openReadOnly, runDefended, type SqlDatabase, type SqlJsStatic} from "./sqlite.js";

export type SqlRequest =
  | {id: number; type: "init"; wasmUrl: string; dbUrl: string}
  | {id: number; type: "query"; sql: string}
  | {id: number; type: "effect"; sql: string; executor: Executor}
  | {id: number; type: "check"; sql: string};
export type SqlResponse = {id: number; type: "ok"; value: unknown} | {id: number; type: "error"; message: string};

interface Loaded {
  SQL: SqlJsStatic;
  bytes: Uint8Array;
  db: SqlDatabase;
  reference: LeakReference;
}

const scope = globalThis as unknown as {onmessage: ((e: MessageEvent<SqlRequest>) => void) | null; postMessage(m: SqlResponse): void};
let loaded: Promise<Loaded> | null = null;

async function load(wasmUrl: string, dbUrl: string): Promise<Loaded> {
  const [SQL, response] = await Promise.all([initSqlJs({locateFile: () => wasmUrl}), fetch(dbUrl)]);
  if (!response.ok) throw new Error(`The database could not be loaded (HTTP ${response.status}).`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {SQL, bytes, db: openReadOnly(SQL, bytes), reference: leakReference(SQL, bytes)};
}

scope.onmessage = async (event) => {
  const request = event.data;
  try {
    if (request.type === "init") {
      loaded ??= load(request.wasmUrl, request.dbUrl);
      await loaded;
      scope.postMessage({id: request.id, type: "ok", value: null});
      return;
    }
    if (request.type === "check") {
      // parsing a long query can take a while: keep it off the main thread too
      scope.postMessage({id: request.id, type: "ok", value: {deny: denyListCheck(request.sql), allow: allowListCheck(request.sql)}});
      return;
    }
    if (!loaded) throw new Error("The SQL worker got a request before init.");
    const {SQL, bytes, db, reference} = await loaded;
    const value = request.type === "query" ? runDefended(db, request.sql) : measureEffect(SQL, bytes, request.sql, request.executor, reference);
    scope.postMessage({id: request.id, type: "ok", value});
  } catch (error) {
    scope.postMessage({id: request.id, type: "error", message: errorText(error)});
  }
};
