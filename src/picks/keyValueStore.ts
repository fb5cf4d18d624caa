/**
 * A place to keep strings between sessions, and its adapters: localStorage/sessionStorage,
 * OfficeRuntime.storage, and an in-memory Map for tests. The feed list and the feeds' last good copies
 * are kept through this interface (sources.ts, feedRegistry.ts, lastGoodCopy.ts; IndexedDB is a
 * KeyValueStore too, see feed-cache.ts), so nothing in src/picks touches a browser or Office global:
 * the storage object is passed in.
 */

/** A place to keep strings between sessions. Every method may fail (storage blocked): callers cope. */
export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

/** localStorage (or sessionStorage) as a KeyValueStore. */
export function webStorageStore(storage: Pick<Storage, "getItem" | "setItem" | "removeItem">): KeyValueStore {
  return {
    get: async (key) => storage.getItem(key),
    set: async (key, value) => storage.setItem(key, value),
    remove: async (key) => storage.removeItem(key),
  };
}

/** OfficeRuntime.storage (shared runtime) as a KeyValueStore. */
export function officeRuntimeStore(storage: {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}): KeyValueStore {
  return { get: (key) => storage.getItem(key), set: (key, value) => storage.setItem(key, value), remove: (key) => storage.removeItem(key) };
}

/** An in-memory store, for tests and for running without storage. */
export function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { readonly data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get: async (key) => data.get(key) ?? null,
    set: async (key, value) => void data.set(key, value),
    remove: async (key) => void data.delete(key),
  };
}
