// sql.js's WebAssembly binary for the browser build, piped from node_modules so the page serves it
// itself (the inline build would pull node:fs into the bundle).
import {readFile} from "node:fs/promises";
import {createRequire} from "node:module";

const require = createRequire(import.meta.url);
process.stdout.write(await readFile(require.resolve("sql.js/dist/sql-wasm-browser.wasm")));
