// Bundles a labs/ worker module for the browser with esbuild, for data loaders that serve workers
// Framework cannot bundle itself: modules importing Node built-ins through packages' "browser" fields
// (@tensorflow/tfjs-backend-wasm) or Node's `events` (graphology). Output: one self-contained ES module.
import {build, type BuildOptions} from "esbuild";

/** esbuild options for one self-contained, minified browser ES module (also used to seed Framework's npm cache). */
export const BROWSER_ESM: BuildOptions = {bundle: true, format: "esm", platform: "browser", target: "es2022", minify: true, legalComments: "none", logLevel: "error"};

export async function bundleWorker(entry: string): Promise<Uint8Array> {
  const result = await build({...BROWSER_ESM, entryPoints: [entry], write: false});
  return result.outputFiles[0].contents;
}
