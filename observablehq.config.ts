import {existsSync} from "node:fs";
import {curriculum} from "./labs/catalogue.ts";

// Publishing under a sub-path (e.g. a GitHub Pages project site at /llm-lab/): set LLM_LAB_BASE=/llm-lab/
// at build time. Framework writes relative links, so the same dist/ also works at the root.
const exists = (path: string) => existsSync(`docs${path}.md`);

export default {
  root: "docs",
  title: "LLM Lab",
  base: process.env.LLM_LAB_BASE ?? "/",
  pages: curriculum
    .map((topic) => ({
      name: topic.name,
      open: true,
      pages: topic.notebooks.filter((n) => exists(n.path)).map((n) => ({name: n.title, path: n.path}))
    }))
    .filter((section) => section.pages.length > 0)
    .concat([{name: "About", open: true, pages: [{name: "References", path: "/references"}]}]),
  globalStylesheets: [],
  style: "style.css",
  head: '<link rel="icon" href="favicon.svg" type="image/svg+xml">',
  footer: "LLM Lab — every figure is computed in your browser. Seeded, offline, open source.",
  toc: true,
  pager: true,
  search: true
};
