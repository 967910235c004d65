// Bundles a labs/ worker module for the browser with esbuild, for data loaders that serve workers
// Framework cannot bundle itself: modules importing Node built-ins through packages' "browser" fields
// (@tensorflow/tfjs-backend-wasm) or Node's `events` (graphology). Output: one self-contained ES module.
import {build} from "esbuild";

export async function bundleWorker(entry: string): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: "error"
  });
  return result.outputFiles[0].contents;
}
