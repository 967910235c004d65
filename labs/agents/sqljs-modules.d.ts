// sql.js ships no TypeScript types; these declarations cover the entry points the lab imports
// (the Node build for tests and loaders, the browser build for the worker). The shapes are in sqlite.ts.
declare module "sql.js" {
  const initSqlJs: (config?: {locateFile?: (file: string) => string}) => Promise<import("./sqlite.js").SqlJsStatic>;
  export default initSqlJs;
}
declare module "sql.js/dist/sql-wasm-browser.js" {
  const initSqlJs: (config?: {locateFile?: (file: string) => string}) => Promise<import("./sqlite.js").SqlJsStatic>;
  export default initSqlJs;
}
declare module "node-sql-parser/build/sqlite.js" {
  // a CommonJS bundle: Node's ESM loader and Framework's bundler expose it as the default export
  const sqliteParser: {Parser: typeof import("node-sql-parser").Parser};
  export default sqliteParser;
}
