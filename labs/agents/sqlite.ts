// Running SQL on the Chinook SQLite database through sql.js: the naive executor a text-to-SQL chain
// uses (db.exec runs every statement in the string) and the defended one (first statement only, a
// `PRAGMA query_only = ON` connection, a row cap). No DOM and no loading here: callers pass the
// initialised sql.js module and the database bytes (Node: node.ts; browser: worker.ts).

/** One SQL value as sql.js returns it. */
export type SqlValue = number | string | Uint8Array | null;

export interface SqlStatement {
  step(): boolean;
  get(): SqlValue[];
  getColumnNames(): string[];
  free(): boolean;
}
export interface SqlDatabase {
  exec(sql: string): {columns: string[]; values: SqlValue[][]}[];
  prepare(sql: string): SqlStatement;
  run(sql: string): SqlDatabase;
  getRowsModified(): number;
  /** SQLite's update hook: called for each row inserted, updated or deleted (null removes it) */
  updateHook(callback: ((operation: "insert" | "update" | "delete", database: string, table: string, rowId: number) => void) | null): void;
  close(): void;
}
export interface SqlJsStatic {
  Database: new (data?: Uint8Array) => SqlDatabase;
}

/** A query's answer: column names and rows (row-major, rows.length ≤ the row cap). */
export interface QueryResult {
  columns: string[];
  rows: SqlValue[][];
  /** true when the row cap stopped the read before the last row */
  truncated: boolean;
}

/** Rows a defended query returns at most; more are not read (the statement stops stepping). */
export const DEFAULT_MAX_ROWS = 1000;

/** A connection on its own copy of `bytes` (sql.js copies them) with writes refused by SQLite. */
export function openReadOnly(SQL: SqlJsStatic, bytes: Uint8Array): SqlDatabase {
  const db = new SQL.Database(bytes);
  db.run("PRAGMA query_only = ON");
  return db;
}

/** Text of an error thrown by sql.js (it throws Error objects, and strings for some failures). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The defended executor: re-asserts `PRAGMA query_only = ON` (a previous statement may have turned it
 * off), compiles only the first statement (sql.js's prepare calls sqlite3_prepare_v2 and drops the
 * tail) and reads at most `maxRows` rows. Throws SQLite's error text for bad SQL or a refused write.
 */
export function runDefended(db: SqlDatabase, sql: string, maxRows = DEFAULT_MAX_ROWS): QueryResult {
  db.run("PRAGMA query_only = ON");
  let statement: SqlStatement;
  try {
    statement = db.prepare(sql);
  } catch (error) {
    const text = errorText(error);
    throw new Error(text === "Nothing to prepare" ? "The query is empty (or only comments)." : text);
  }
  try {
    const columns = statement.getColumnNames();
    const rows: SqlValue[][] = [];
    let truncated = false;
    while (statement.step()) {
      if (rows.length === maxRows) {
        truncated = true;
        break;
      }
      rows.push(statement.get());
    }
    return {columns, rows, truncated};
  } finally {
    statement.free();
  }
}

/**
 * The naive executor of many text-to-SQL chains: `db.exec` runs every statement in the string on a
 * writable connection. Returns the last statement's rows (all of them).
 */
export function runNaive(db: SqlDatabase, sql: string): QueryResult {
  const results = db.exec(sql);
  const last = results[results.length - 1];
  return last ? {columns: last.columns, rows: last.values, truncated: false} : {columns: [], rows: [], truncated: false};
}
