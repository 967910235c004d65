// The first state a page shows before anything runs in the browser is computed at build time by a
// data loader, with the same code. The loader writes the config it used beside the snapshot; the
// page shows the snapshot only while its controls equal that config, so no hand-kept "is this the
// default?" predicate can go stale when a control is added.

export interface FirstState<C, S> {
  config: C;
  snapshot: S;
  /** ISO time of the build, for "computed at build time" notes. */
  builtAt: string;
}

/** What a data loader writes: `process.stdout.write(JSON.stringify(firstState(config, snapshot)))`. */
export function firstState<C, S>(config: C, snapshot: S): FirstState<C, S> {
  return {config, snapshot, builtAt: new Date().toISOString()};
}

/** JSON with object keys sorted, so two equal configs compare equal whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v) && !ArrayBuffer.isView(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v
  );
}

/** The precomputed snapshot when the page's current config is the one it was built with, else undefined. */
export function initialFor<C, S>(loaded: FirstState<C, S> | null | undefined, config: C): S | undefined {
  if (!loaded) return undefined;
  return canonical(loaded.config) === canonical(config) ? loaded.snapshot : undefined;
}
