// The agent's state store: a small async key-value interface with two implementations, IndexedDB
// through idb-keyval (the page; a reload finds the run where it stopped) and a Map (tests, demos).
// Values must be structured-cloneable (IndexedDB stores clones, so no functions or class instances).
import {createStore, del, get, keys, set} from "idb-keyval";

export interface StateStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  keys(prefix: string): Promise<string[]>;
}

/** An IndexedDB-backed store (database `dbName`, object store `storeName`). */
export function idbStateStore(dbName = "llm-lab-agents", storeName = "state"): StateStore {
  const store = createStore(dbName, storeName);
  return {
    get: <T>(key: string) => get<T>(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
    keys: async (prefix) => (await keys(store)).map(String).filter((k) => k.startsWith(prefix))
  };
}

/** An in-memory store that clones values as IndexedDB does. */
export function memoryStateStore(): StateStore {
  const map = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => (map.has(key) ? (structuredClone(map.get(key)) as T) : undefined),
    set: async (key, value) => void map.set(key, structuredClone(value)),
    del: async (key) => void map.delete(key),
    keys: async (prefix) => [...map.keys()].filter((k) => k.startsWith(prefix))
  };
}
