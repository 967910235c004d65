// A static file server for dist/ with clean URLs (/loss -> loss.html), as a static host serves the
// built site. Used by the browser tests; `npx tsx scripts/serve-dist.ts [port]` serves it by hand.
import {createReadStream, existsSync, statSync} from "node:fs";
import {createServer, type Server} from "node:http";
import {extname, join, normalize, resolve} from "node:path";
import {pathToFileURL} from "node:url";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
  ".bin": "application/octet-stream",
  ".txt": "text/plain; charset=utf-8",
  ".tsv": "text/tab-separated-values; charset=utf-8",
  ".csv": "text/csv; charset=utf-8"
};

/** Resolves a URL path to a file in root: exact file, then path.html, then path/index.html. */
export function resolveFile(root: string, urlPath: string): string | null {
  const clean = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, "");
  const base = join(root, clean);
  if (!resolve(base).startsWith(resolve(root))) return null;
  for (const candidate of [base, `${base}.html`, join(base, "index.html")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

export function serveDist(root = "dist", port = 0, base = "/"): Promise<{server: Server; origin: string}> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    let path = url.pathname;
    if (!path.startsWith(base)) {
      response.writeHead(404).end("not found");
      return;
    }
    path = "/" + path.slice(base.length);
    const file = resolveFile(root, path);
    if (!file) {
      const notFound = join(root, "404.html");
      response.writeHead(404, {"content-type": types[".html"]});
      if (existsSync(notFound)) createReadStream(notFound).pipe(response);
      else response.end("not found");
      return;
    }
    response.writeHead(200, {"content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-store"});
    createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise) => {
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      const actualPort = typeof address === "object" && address ? address.port : port;
      resolvePromise({server, origin: `http://127.0.0.1:${actualPort}`});
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const port = Number(process.argv[2] ?? 3000);
  serveDist("dist", port).then(({origin}) => console.log(`Serving dist/ at ${origin}`));
}
