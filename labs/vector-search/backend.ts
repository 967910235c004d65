// Where each hot loop of the ANN indexes runs, decided in this module only: in the WebAssembly kernels
// (kernels.wat, compiled by the caller and handed over as a Backend value) or in the TypeScript
// references. No module-global switch: every function takes its backend as an option, and without one
// the TypeScript reference runs. Not here: the kernels themselves (kernels.wat, kernels.ts).
import {Kernels} from "./kernels.js";

/** The compiled kernels.wat, or null for the TypeScript references. */
export interface Backend {
  readonly kernels: WebAssembly.Module | null;
}

export const TYPESCRIPT: Backend = {kernels: null};

/** A backend over a compiled kernels.wat (kernels-node.ts compiles it in Node; a page fetches the build-time file). */
export const wasmBackend = (module: WebAssembly.Module): Backend => ({kernels: module});

/**
 * Below this many distance evaluations (points × centroids, queries × vectors) copying the data into a
 * kernel's memory costs more than the kernel saves, so the TypeScript loop runs.
 */
export const KERNEL_MIN_WORK = 4096;

/**
 * A fresh kernel instance for a loop of `work` distance evaluations whose vector lengths are `dims`
 * (each must be a multiple of 4: the kernels read four float32 lanes at a time), or null when the
 * TypeScript reference must run (no kernels, too little work, or a length that is not a multiple of 4).
 */
export function kernelsFor(backend: Backend | undefined, work: number, ...dims: number[]): Kernels | null {
  const module = backend?.kernels ?? null;
  if (!module || work < KERNEL_MIN_WORK || dims.some((d) => d % 4 !== 0 || d < 4)) return null;
  return new Kernels(module);
}

/** Fetches and compiles the kernels from a URL (a page's worker); a failure is reported, never silently ignored. */
export async function loadBackend(url: string): Promise<Backend> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load the WebAssembly kernels (${response.status} ${url}).`);
  return wasmBackend(await WebAssembly.compile(await response.arrayBuffer()));
}
