// The curriculum map for the home page: every planned notebook, marked with whether its page exists.
import {existsSync} from "node:fs";
import {curriculum} from "../../labs/catalogue.js";

const map = curriculum.map((topic) => ({
  ...topic,
  notebooks: topic.notebooks.map((notebook) => ({...notebook, ready: existsSync(`docs${notebook.path}.md`)}))
}));
process.stdout.write(JSON.stringify(map));
