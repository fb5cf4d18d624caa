/**
 * Where the feeds' last good copies live in the page: IndexedDB, whose quota is a share of the disk,
 * not localStorage's 5 MB (a 100,000-row CSV feed is a 5.5 M-character copy, which localStorage refuses).
 * Copies that earlier versions kept in localStorage are moved over (migrateWebStorageCopies), and read
 * from there until they are.
 *
 * Both are KeyValueStores (keyValueStore.ts), so sources.ts stays unaware of where copies go; every
 * failure (IndexedDB missing or blocked, the quota reached) rejects, and lastGoodCopy.ts reports it as
 * "online only".
 * The IDBFactory is passed in (window.indexedDB in the page, fake-indexeddb in tests): nothing here
 * touches a global.
 */
import type { KeyValueStore } from "./keyValueStore";
import { FEED_CACHE_PREFIX } from "./lastGoodCopy";

export const FEED_CACHE_DB = "aic-feeds";
export const FEED_CACHE_OBJECT_STORE = "copies";

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB request failed"));
  });
}

/** A write is done when its transaction completes: a quota error arrives as the transaction's abort. */
function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
  });
}

function describe(err: unknown): string {
  if (typeof err === "object" && err !== null) {
    const e = err as { name?: unknown; message?: unknown };
    const name = typeof e.name === "string" ? e.name : "";
    const message = typeof e.message === "string" ? e.message : "";
    return [name, message].filter((x) => x !== "" && x !== "Error").join(": ") || String(err);
  }
  return String(err);
}

/**
 * IndexedDB as a KeyValueStore of strings. The database opens on first use; when it cannot (no
 * IndexedDB, private browsing, blocked by policy), every call rejects saying so.
 */
export function indexedDbStore(factory: IDBFactory | null | undefined, dbName = FEED_CACHE_DB): KeyValueStore {
  let opened: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> => {
    if (!factory) return Promise.reject(new Error("IndexedDB is not available in this browser"));
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      let request: IDBOpenDBRequest;
      try {
        request = factory.open(dbName, 1);
      } catch (err) {
        reject(new Error(`IndexedDB cannot be opened (${describe(err)})`));
        return;
      }
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(FEED_CACHE_OBJECT_STORE)) request.result.createObjectStore(FEED_CACHE_OBJECT_STORE);
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(new Error(`IndexedDB cannot be opened (${describe(request.error)})`));
      request.onblocked = () => reject(new Error("IndexedDB is blocked by another tab holding an older version"));
    }).catch((err: unknown) => {
      opened = null; // try again next time: the block may be lifted
      throw err;
    });
    return opened;
  };
  const run = async <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await open();
    const tx = db.transaction(FEED_CACHE_OBJECT_STORE, mode);
    const [result] = await Promise.all([requestResult(work(tx.objectStore(FEED_CACHE_OBJECT_STORE))), transactionDone(tx)]);
    return result;
  };
  return {
    get: async (key) => {
      const value: unknown = await run("readonly", (store) => store.get(key));
      return typeof value === "string" ? value : null;
    },
    set: async (key, value) => {
      try {
        await run("readwrite", (store) => store.put(value, key));
      } catch (err) {
        throw new Error(describe(err));
      }
    },
    remove: async (key) => {
      await run("readwrite", (store) => store.delete(key));
    },
  };
}

/** What the migration needs of localStorage. */
export interface EnumerableStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  removeItem(key: string): void;
}

/**
 * Moves the copies an earlier version kept in localStorage into `target`; each is removed from
 * localStorage only once `target` holds it, so a failed move loses nothing (legacyFallback still reads it).
 */
export async function migrateWebStorageCopies(legacy: EnumerableStorage | null, target: KeyValueStore): Promise<{ moved: number; failed: number }> {
  let moved = 0;
  let failed = 0;
  if (!legacy) return { moved, failed };
  let keys: string[];
  try {
    keys = [];
    for (let i = 0; i < legacy.length; i++) {
      const key = legacy.key(i);
      if (key !== null && key.startsWith(FEED_CACHE_PREFIX)) keys.push(key);
    }
  } catch {
    return { moved, failed }; // storage blocked: nothing to move
  }
  for (const key of keys) {
    try {
      const value = legacy.getItem(key);
      if (value !== null) await target.set(key, value);
      legacy.removeItem(key);
      moved++;
    } catch {
      failed++;
    }
  }
  return { moved, failed };
}

/**
 * The page's store of copies: `target` (IndexedDB), reading a copy still in localStorage when `target`
 * has none; every call waits for `migration` to finish first, so a read never races the move.
 */
export function withLegacyCopies(target: KeyValueStore, legacy: EnumerableStorage | null, migration: Promise<unknown>): KeyValueStore {
  const settled = migration.then(
    () => undefined,
    () => undefined,
  );
  return {
    get: async (key) => {
      await settled;
      let value: string | null = null;
      try {
        value = await target.get(key);
      } catch {
        value = null;
      }
      if (value !== null) return value;
      try {
        return legacy?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set: async (key, value) => {
      await settled;
      await target.set(key, value);
      try {
        legacy?.removeItem(key); // the old copy is superseded
      } catch {
        // storage blocked: nothing to clean
      }
    },
    remove: async (key) => {
      await settled;
      try {
        legacy?.removeItem(key);
      } catch {
        // storage blocked
      }
      await target.remove(key);
    },
  };
}

/** The page's copies store: IndexedDB, after moving localStorage's copies there. */
export function pageCopiesStore(factory: IDBFactory | null | undefined, legacy: EnumerableStorage | null): KeyValueStore {
  const target = indexedDbStore(factory);
  return withLegacyCopies(target, legacy, migrateWebStorageCopies(legacy, target));
}
