// Two query guards for text-to-SQL, side by side: the keyword deny-list an interview answer often
// proposes ("reject any SQL that contains a destructive keyword") and a parser-based allow-list
// (node-sql-parser's SQLite grammar). Neither runs the query; run-time defences are in sqlite.ts.
// The allow-list's rules follow the read-only-plus-validation pattern (FACTS §10; LangChain #5923).
import sqliteParser from "node-sql-parser/build/sqlite.js";

/** A guard's verdict; `reason` is one sentence meant for the reader. */
export interface Verdict {
  allowed: boolean;
  reason: string;
}

/** The deny-list: destructive keywords, matched as whole words in any case. */
export const DENY_KEYWORDS = ["DROP", "DELETE", "INSERT", "UPDATE", "ALTER", "TRUNCATE", "CREATE", "GRANT", "REVOKE"] as const;

const denyPattern = new RegExp(`\\b(${DENY_KEYWORDS.join("|")})\\b`, "i");

/**
 * The notes' keyword deny-list: rejects `sql` if any word of it (inside strings and comments too,
 * as a plain text scan does) is one of DENY_KEYWORDS, case-insensitively. Never throws.
 */
export function denyListCheck(sql: string): Verdict {
  const match = denyPattern.exec(sql);
  if (match) return {allowed: false, reason: `contains the keyword ${match[1].toUpperCase()}`};
  return {allowed: true, reason: "no destructive keyword found"};
}

/** What the allow-list lets through. Names compare case-insensitively, as SQLite's do. */
export interface GuardPolicy {
  /** table → its columns that may be read (personal columns may be listed; `personal` wins) */
  tables: Record<string, string[]>;
  /** columns that are never selectable, whatever the table */
  personal: string[];
  /** scalar and aggregate functions that may be called */
  functions: string[];
  /** the query must end in LIMIT n with n ≤ maxLimit */
  maxLimit: number;
  /** longer text is refused before parsing (characters) */
  maxLength: number;
}

/** Chinook's tables and columns (from its schema), as the policy's reference. */
export const CHINOOK_SCHEMA: Record<string, string[]> = {
  Album: ["AlbumId", "Title", "ArtistId"],
  Artist: ["ArtistId", "Name"],
  Customer: ["CustomerId", "FirstName", "LastName", "Company", "Address", "City", "State", "Country", "PostalCode", "Phone", "Fax", "Email", "SupportRepId"],
  Employee: ["EmployeeId", "LastName", "FirstName", "Title", "ReportsTo", "BirthDate", "HireDate", "Address", "City", "State", "Country", "PostalCode", "Phone", "Fax", "Email"],
  Genre: ["GenreId", "Name"],
  Invoice: ["InvoiceId", "CustomerId", "InvoiceDate", "BillingAddress", "BillingCity", "BillingState", "BillingCountry", "BillingPostalCode", "Total"],
  InvoiceLine: ["InvoiceLineId", "InvoiceId", "TrackId", "UnitPrice", "Quantity"],
  MediaType: ["MediaTypeId", "Name"],
  Playlist: ["PlaylistId", "Name"],
  PlaylistTrack: ["PlaylistId", "TrackId"],
  Track: ["TrackId", "Name", "AlbumId", "MediaTypeId", "GenreId", "Composer", "Milliseconds", "Bytes", "UnitPrice"]
};

/** Personal data the issue names: e-mail, phone (and fax), street address, birth date. */
export const PERSONAL_COLUMNS = ["Email", "Phone", "Fax", "Address", "BillingAddress", "BirthDate"];

export const DEFAULT_POLICY: GuardPolicy = {
  tables: CHINOOK_SCHEMA,
  personal: PERSONAL_COLUMNS,
  functions: ["count", "sum", "avg", "min", "max", "total", "round", "abs", "coalesce", "ifnull", "nullif", "strftime", "date", "substr", "upper", "lower", "length", "trim", "cast"],
  maxLimit: 1000,
  maxLength: 10_000
};

const parser = new sqliteParser.Parser(); // the SQLite-only build (≈200 KB instead of every dialect)
const PARSE_OPTIONS = {database: "sqlite"};

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null;

/** Every object in the AST, depth first (subqueries, CTE bodies and compound SELECTs included). */
function* walk(value: unknown): Generator<Node> {
  if (Array.isArray(value)) {
    for (const item of value) yield* walk(item);
  } else if (isNode(value)) {
    yield value;
    for (const key in value) yield* walk(value[key]);
  }
}

/** A function node's name: `{name: {name: [{value}]}}` for scalar calls, a string for aggregates. */
function functionName(node: Node): string {
  const name = node.name;
  if (typeof name === "string") return name.toLowerCase();
  if (isNode(name) && Array.isArray(name.name)) return name.name.map((part) => String((part as Node).value)).join(".").toLowerCase();
  return String(name).toLowerCase();
}

/** The row count of a top-level LIMIT (`LIMIT n`, `LIMIT n OFFSET m`, `LIMIT m, n`), or null. */
function limitOf(ast: Node): number | null {
  let last: Node = ast;
  while (isNode(last._next)) last = last._next; // a compound SELECT carries its LIMIT on the last part
  const limit = (isNode(ast.limit) && Array.isArray(ast.limit.value) && ast.limit.value.length ? ast.limit : last.limit) as Node | null;
  if (!isNode(limit) || !Array.isArray(limit.value) || limit.value.length === 0) return null;
  const values = limit.value as Node[];
  const count = limit.seperator === "," ? values[1] : values[0];
  return count && count.type === "number" && typeof count.value === "number" ? count.value : null;
}

/**
 * The allow-list: parses `sql` with node-sql-parser's SQLite grammar and allows it only if it is
 * exactly one SELECT, with no recursive CTE, reading only the policy's tables (or its own CTEs) and
 * columns, never a personal column (`*` counts as all columns, a double-quoted name as the column
 * SQLite would read), calling only allowed functions, with every join conditioned (no Cartesian
 * product) and a LIMIT of at most `policy.maxLimit`. Text the parser cannot read is refused (fails
 * closed). Never throws.
 */
export function allowListCheck(sql: string, policy: GuardPolicy = DEFAULT_POLICY): Verdict {
  if (sql.length > policy.maxLength) return {allowed: false, reason: `the query is ${sql.length.toLocaleString("en-US")} characters; at most ${policy.maxLength.toLocaleString("en-US")} are read`};
  if (sql.trim() === "") return {allowed: false, reason: "the query is empty"};
  let parsed: unknown;
  try {
    parsed = parser.astify(sql, PARSE_OPTIONS);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {allowed: false, reason: `the SQLite grammar cannot read it (${message.length > 90 ? message.slice(0, 90) + "…" : message})`};
  }
  const statements = (Array.isArray(parsed) ? parsed : [parsed]).filter(isNode);
  if (statements.length !== 1) return {allowed: false, reason: `${statements.length} statements; exactly one is allowed`};
  const ast = statements[0];
  if (ast.type !== "select") {
    const type = String(ast.type).toUpperCase();
    return {allowed: false, reason: `${/^[AEIOU]/.test(type) ? "an" : "a"} ${type} statement; only SELECT is allowed`};
  }

  const lower = (s: string) => s.toLowerCase();
  const tables = new Map(Object.entries(policy.tables).map(([t, cols]) => [lower(t), cols.map(lower)]));
  const personal = new Set(policy.personal.map(lower));
  const functions = new Set(policy.functions.map(lower));
  const knownColumns = new Set([...tables.values()].flat());
  const cteNames = new Set<string>();
  const aliases = new Set<string>();
  for (const node of walk(ast)) {
    if (Array.isArray(node.with)) {
      for (const cte of node.with as Node[]) {
        if (cte.recursive) return {allowed: false, reason: "a recursive CTE (WITH RECURSIVE) can run without end"};
        const name = isNode(cte.name) ? String(cte.name.value) : String(cte.name);
        cteNames.add(lower(name));
        for (const column of (cte.columns as Node[] | null) ?? []) aliases.add(lower(String(column.column ?? column.value ?? "")));
      }
    }
    if (typeof node.as === "string") aliases.add(lower(node.as));
  }

  for (const node of walk(ast)) {
    // FROM items: a table, a subquery (walked anyway) or a table-valued function such as pragma_table_info
    if (Array.isArray(node.from)) {
      const items = node.from as Node[];
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (typeof item.table === "string") {
          if (item.db && lower(String(item.db)) !== "main") return {allowed: false, reason: `schema ${String(item.db)} is not allowed`};
          const table = lower(item.table);
          if (!tables.has(table) && !cteNames.has(table)) return {allowed: false, reason: `table ${item.table} is not allowed${table.startsWith("sqlite_") ? " (it holds the schema)" : ""}`};
        }
        if (i > 0 && !item.on && !item.using) return {allowed: false, reason: `${String(item.table ?? "a table")} is joined without ON or USING (a Cartesian product)`};
      }
    }
    if (node.type === "column_ref" || node.type === "double_quote_string") {
      const column = typeof node.column === "string" ? node.column : isNode(node.column) && isNode(node.column.expr) ? String(node.column.expr.value) : String(node.value ?? node.column);
      const name = lower(column);
      if (name === "*") return {allowed: false, reason: "* selects every column, personal data included; name the columns"};
      if (personal.has(name)) return {allowed: false, reason: `column ${column} is personal data`};
      if (node.type === "column_ref" && !knownColumns.has(name) && !aliases.has(name)) return {allowed: false, reason: `unknown column ${column}`};
    }
    if (node.type === "function" || node.type === "aggr_func") {
      const name = functionName(node);
      if (!functions.has(name)) return {allowed: false, reason: `function ${name}() is not allowed`};
    }
  }

  // a second look through the parser's own table list, in case the walk above missed a place
  for (const entry of parser.tableList(sql, PARSE_OPTIONS)) {
    const [, db, table] = entry.split("::");
    if (db !== "null" && lower(db) !== "main") return {allowed: false, reason: `schema ${db} is not allowed`};
    if (!tables.has(lower(table)) && !cteNames.has(lower(table))) return {allowed: false, reason: `table ${table} is not allowed`};
  }

  const limit = limitOf(ast);
  if (limit === null) return {allowed: false, reason: `no LIMIT; end the query with LIMIT n (n ≤ ${policy.maxLimit})`};
  if (limit > policy.maxLimit) return {allowed: false, reason: `LIMIT ${limit} is over ${policy.maxLimit}`};
  return {allowed: true, reason: "one SELECT on allowed tables, columns and functions, with a LIMIT"};
}
