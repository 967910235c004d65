// The Chinook sample database (MIT; data/chinook/NOTE.md), served to the page's SQL worker.
import {readFile} from "node:fs/promises";
import {CHINOOK_PATH} from "../../labs/agents/node.js";

process.stdout.write(await readFile(CHINOOK_PATH));
