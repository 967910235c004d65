// What a query really does to SQLite: run it on a fresh copy of the database and compare the copy
// before and after (tables, row counts, row contents, file header, attached databases) and what it
// returned (personal values, schema text). Pure given sql.js; the timeout lives with the caller
// (a worker), since a runaway query never returns control to this code.
import {PERSONAL_COLUMNS} from "./sanitize.js";
import {errorText, openReadOnly, runDefended, runNaive, type QueryResult, type SqlDatabase, type SqlJsStatic, type SqlValue} from "./sqlite.js";

/** The two ways to execute: the naive chain (db.exec, writable) and the run-time defences. */
export type Executor = "naive" | "defended";

export interface TableChange {
  table: string;
  rowsBefore: number;
  rowsAfter: number;
  /** row writes SQLite's update hook saw (inserts, updates, deletes) */
  rowsWritten: number;
}

export interface Effect {
  status: "ok" | "error" | "timeout";
  /** SQLite's error text (status "error") */
  error?: string;
  rowsReturned: number;
  tablesDropped: string[];
  tablesCreated: string[];
  /** tables whose row count or contents changed (same-count rewrites included) */
  tablesChanged: TableChange[];
  userVersion: [number, number];
  attached: string[];
  /** result cells equal to a stored personal value (e-mail, phone, fax, address, birth date) */
  personalLeaked: number;
  /** result cells equal to schema text: a CREATE statement, a table name or a column name */
  schemaLeaked: number;
  /** one line for the reader */
  summary: string;
}

interface Snapshot {
  tables: Map<string, number>; // table → row count
  userVersion: number;
  databases: string[];
}

const cellText = (value: SqlValue): string => (value instanceof Uint8Array ? `blob:${value.length}` : String(value));

function tableNames(db: SqlDatabase): string[] {
  return db.exec("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")[0]?.values.map((r) => String(r[0])) ?? [];
}
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Row counts, file header and attached databases; row writes come from the update hook. */
function snapshot(db: SqlDatabase): Snapshot {
  const tables = new Map<string, number>();
  for (const name of tableNames(db)) tables.set(name, Number(db.exec(`SELECT COUNT(*) FROM ${quote(name)}`)[0].values[0][0]));
  const userVersion = Number(db.exec("PRAGMA user_version")[0].values[0][0]);
  const databases = db.exec("PRAGMA database_list")[0].values.map((r) => String(r[1]));
  return {tables, userVersion, databases};
}

/** Values a leak check compares result cells with, read from the pristine database. */
export interface LeakReference {
  personal: Set<string>;
  schema: Set<string>;
}

/** Collects every stored personal value and every piece of schema text of the database in `bytes`. */
export function leakReference(SQL: SqlJsStatic, bytes: Uint8Array): LeakReference {
  const db = new SQL.Database(bytes);
  try {
    const personal = new Set<string>();
    const schema = new Set<string>();
    const personalNames = new Set(PERSONAL_COLUMNS.map((c) => c.toLowerCase()));
    const objects = db.exec("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")[0].values;
    for (const [name, sql] of objects) {
      schema.add(String(name));
      schema.add(String(sql));
    }
    const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0].values.map((r) => String(r[0]));
    for (const table of tables) {
      const columns = db.exec(`SELECT name FROM pragma_table_info('${table}')`)[0].values.map((r) => String(r[0]));
      for (const column of columns) {
        schema.add(column);
        if (!personalNames.has(column.toLowerCase())) continue;
        for (const [value] of db.exec(`SELECT DISTINCT "${column}" FROM "${table}" WHERE "${column}" IS NOT NULL`)[0]?.values ?? []) personal.add(String(value));
      }
    }
    return {personal, schema};
  } finally {
    db.close();
  }
}

function countCells(result: QueryResult, set: Set<string>): number {
  let n = 0;
  for (const row of result.rows) for (const cell of row) if (cell !== null && set.has(cellText(cell))) n++;
  return n;
}

function summarise(e: Omit<Effect, "summary">): string {
  if (e.status === "timeout") return "did not finish within the time limit";
  const parts: string[] = [];
  for (const t of e.tablesDropped) parts.push(`table ${t} dropped`);
  for (const t of e.tablesCreated) parts.push(`table ${t} created`);
  for (const c of e.tablesChanged) parts.push(c.rowsBefore === c.rowsAfter ? `${c.table}: ${c.rowsWritten.toLocaleString("en-US")} row write${c.rowsWritten === 1 ? "" : "s"}` : `${c.table}: ${c.rowsBefore.toLocaleString("en-US")} → ${c.rowsAfter.toLocaleString("en-US")} rows`);
  if (e.userVersion[0] !== e.userVersion[1]) parts.push(`file header user_version ${e.userVersion[0]} → ${e.userVersion[1]}`);
  for (const d of e.attached) parts.push(`database ${d} attached`);
  if (e.personalLeaked) parts.push(`${e.personalLeaked} personal value${e.personalLeaked === 1 ? "" : "s"} returned`);
  if (e.schemaLeaked) parts.push(`${e.schemaLeaked} schema value${e.schemaLeaked === 1 ? "" : "s"} returned`);
  if (e.status === "error") parts.push(`error: ${e.error}`);
  return parts.length ? parts.join("; ") : `no change (${e.rowsReturned.toLocaleString("en-US")} row${e.rowsReturned === 1 ? "" : "s"} returned)`;
}

/**
 * Runs `sql` with `executor` on a fresh copy of `bytes` and reports its real effect. Synchronous: a
 * query that never ends never returns, so call it from a worker with a timeout (the caller then
 * records {status: "timeout"} with timeoutEffect()).
 */
export function measureEffect(SQL: SqlJsStatic, bytes: Uint8Array, sql: string, executor: Executor, reference: LeakReference): Effect {
  const db = executor === "naive" ? new SQL.Database(bytes) : openReadOnly(SQL, bytes);
  try {
    const before = snapshot(db);
    // SQLite's update hook reports every row inserted, updated or deleted (REPLACE = delete + insert)
    const writes = new Map<string, number>();
    db.updateHook((_operation, _database, table) => writes.set(table, (writes.get(table) ?? 0) + 1));
    let result: QueryResult = {columns: [], rows: [], truncated: false};
    let status: Effect["status"] = "ok";
    let error: string | undefined;
    try {
      result = executor === "naive" ? runNaive(db, sql) : runDefended(db, sql);
    } catch (e) {
      status = "error";
      error = errorText(e);
    }
    const after = snapshot(db);
    const tablesDropped = [...before.tables.keys()].filter((t) => !after.tables.has(t));
    const tablesCreated = [...after.tables.keys()].filter((t) => !before.tables.has(t));
    const tablesChanged: TableChange[] = [];
    for (const [table, b] of before.tables) {
      const a = after.tables.get(table);
      if (a !== undefined && a !== b) tablesChanged.push({table, rowsBefore: b, rowsAfter: a, rowsWritten: 0});
    }
    for (const [table, written] of writes) {
      const change = tablesChanged.find((c) => c.table === table);
      if (change) change.rowsWritten = written;
      else if (after.tables.has(table) && before.tables.has(table)) tablesChanged.push({table, rowsBefore: before.tables.get(table)!, rowsAfter: after.tables.get(table)!, rowsWritten: written});
    }
    const effect = {
      status,
      ...(error === undefined ? {} : {error}),
      rowsReturned: result.rows.length,
      tablesDropped,
      tablesCreated,
      tablesChanged,
      userVersion: [before.userVersion, after.userVersion] as [number, number],
      attached: after.databases.filter((d) => d !== "temp" && !before.databases.includes(d)), // SQLite opens "temp" itself for some statements
      personalLeaked: countCells(result, reference.personal),
      schemaLeaked: countCells(result, reference.schema)
    };
    return {...effect, summary: summarise(effect)};
  } finally {
    db.close();
  }
}

/** The effect recorded for a query stopped by the worker timeout. */
export function timeoutEffect(): Effect {
  const effect = {status: "timeout" as const, rowsReturned: 0, tablesDropped: [], tablesCreated: [], tablesChanged: [], userVersion: [0, 0] as [number, number], attached: [], personalLeaked: 0, schemaLeaked: 0};
  return {...effect, summary: summarise(effect)};
}

/** True when the effect changed the database (any write, drop, create, header change or attach). */
export function changedDatabase(e: Effect): boolean {
  return e.tablesDropped.length + e.tablesCreated.length + e.tablesChanged.length + e.attached.length > 0 || e.userVersion[0] !== e.userVersion[1];
}
