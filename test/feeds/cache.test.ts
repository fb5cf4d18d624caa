/**
 * The feeds' last good copies: in IndexedDB (src/picks/feed-cache.ts, on fake-indexeddb here), moved
 * over from localStorage where earlier versions kept them, and — when a copy cannot be stored — an add
 * or a fetch that says so (offlineCopyError), never a silent loss. The issue's case: a 100,000-row CSV
 * feed whose copy (over 5 M characters) does not fit localStorage's 5 MB.
 */
import { IDBFactory } from "fake-indexeddb";
import { migrateWebStorageCopies, indexedDbStore, pageCopiesStore, withLegacyCopies, type EnumerableStorage } from "../../src/picks/feed-cache";
import {
  FEED_CACHE_PREFIX,
  addFeedSource,
  feedIdForUrl,
  fetchFeed,
  fetchListFromOrigin,
  memoryStore,
  webStorageStore,
  type FeedEnv,
  type FetchLike,
  type FetchResponseLike,
  type KeyValueStore,
} from "../../src/picks/sources";
import { benchTicker } from "../../bench/lists";
import { huaxinList } from "../excel/lists";

const T0 = new Date("2024-02-19T01:00:00Z");
const T1 = new Date("2024-03-01T08:00:00Z");

/** localStorage as browsers implement it: a 5,000,000-character quota over keys and values, QuotaExceededError past it. */
class QuotaStorage implements EnumerableStorage {
  readonly data = new Map<string, string>();
  constructor(private readonly quota = 5_000_000) {}
  get length(): number {
    return this.data.size;
  }
  key(i: number): string | null {
    return [...this.data.keys()][i] ?? null;
  }
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    let used = key.length + value.length;
    for (const [k, v] of this.data) if (k !== key) used += k.length + v.length;
    if (used > this.quota) {
      const err = new Error("Setting the value exceeded the quota.");
      err.name = "QuotaExceededError";
      throw err;
    }
    this.data.set(key, value);
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

/** A store that takes the feed list but refuses every copy, as a full or blocked store does. */
function refusingStore(): KeyValueStore & { refused: number } {
  const store = Object.assign(memoryStore(), { refused: 0 });
  return {
    ...store,
    get refused() {
      return store.refused;
    },
    set: async () => {
      store.refused++;
      const err = new Error("The quota has been exceeded.");
      err.name = "QuotaExceededError";
      throw err;
    },
  };
}

/** A fetch serving `bodies` (url → text) while `up`, failing like a dead network otherwise. */
function server(bodies: Record<string, string>): FetchLike & { up: boolean } {
  const fetch: FetchLike & { up: boolean } = Object.assign(
    async (url: string): Promise<FetchResponseLike> => {
    if (!fetch.up) throw new TypeError("fetch failed");
    const body = bodies[url];
    if (body === undefined) return { ok: false, status: 404, statusText: "Not Found", text: async () => "" };
    const bytes = new TextEncoder().encode(body);
    return { ok: true, status: 200, url, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
    },
    { up: true },
  );
  return fetch;
}

const JSON_URL = "https://feeds.example.com/huaxin.json";

describe("indexedDbStore", () => {
  it("keeps, reads back and removes strings across openings of the database", async () => {
    const factory = new IDBFactory();
    const a = indexedDbStore(factory);
    await a.set("k", "浪潮信息 34.56");
    expect(await indexedDbStore(factory).get("k")).toBe("浪潮信息 34.56");
    await a.remove("k");
    expect(await a.get("k")).toBeNull();
    expect(await a.get("never")).toBeNull();
  });

  it("without IndexedDB every call rejects saying so", async () => {
    const store = indexedDbStore(null);
    await expect(store.set("k", "v")).rejects.toThrow("IndexedDB is not available in this browser");
    await expect(store.get("k")).rejects.toThrow("IndexedDB is not available in this browser");
  });
});

describe("a 100,000-row CSV feed (the issue's case)", () => {
  const URL = "https://feeds.example.com/big.csv";
  let csv: string;
  beforeAll(() => {
    const lines = ["代码,名称,2024-02-18 股价,EPS 2024E,投资评级"];
    for (let i = 0; i < 100_000; i++) lines.push(`${benchTicker(i)},公司${i},${(10 + (i % 997) * 0.37).toFixed(2)},${((i % 300) / 100).toFixed(2)},买入`);
    csv = lines.join("\n");
  });

  it("is kept in IndexedDB and served offline, a copy larger than localStorage's quota holds", async () => {
    const local = new QuotaStorage();
    const fetch = server({ [URL]: csv });
    const cache = indexedDbStore(new IDBFactory());
    const env: FeedEnv = { fetch, store: webStorageStore(local), cache, now: () => T0 };
    const added = await addFeedSource(env, { url: URL });
    if (!added.ok) throw new Error(added.error);
    expect(added.lists[0]!.rows).toHaveLength(100_000);
    expect(added.offlineCopyError).toBeNull();

    fetch.up = false;
    const offline = await fetchFeed({ ...env, now: () => T1 }, added.source);
    if (!offline.ok || !offline.stale) throw new Error(JSON.stringify(offline).slice(0, 300));
    expect(offline.lists[0]!.rows).toHaveLength(100_000);
    expect(offline.lists[0]!.rows[99_999]).toMatchObject({ ticker: benchTicker(99_999), name: "公司99999" });
    expect(offline.staleSince).toBe(T0.toISOString());

    // The copy is more than localStorage holds: there, the add would have had to say "online only".
    const copy = (await cache.get(`${FEED_CACHE_PREFIX}${added.source.id}`))!;
    expect(copy.length).toBeGreaterThan(5_000_000);
    expect(() => local.setItem(`${FEED_CACHE_PREFIX}${added.source.id}`, copy)).toThrow("Setting the value exceeded the quota.");
  }, 90_000);

  it("with localStorage as the only store, the add says the feed is online only", async () => {
    const list = huaxinList();
    const fetch = server({ [JSON_URL]: JSON.stringify(list) });
    const added = await addFeedSource({ fetch, store: webStorageStore(new QuotaStorage(1_000)), now: () => T0 }, { url: JSON_URL });
    expect(added).toMatchObject({ ok: true, offlineCopyError: "the offline copy could not be stored (Setting the value exceeded the quota.)" });
  });
});

describe("a store that refuses the copy", () => {
  it("add: the feed is added, and the result says there is no offline copy and why", async () => {
    const cache = refusingStore();
    const env: FeedEnv = { fetch: server({ [JSON_URL]: JSON.stringify(huaxinList()) }), store: memoryStore(), cache, now: () => T0 };
    const added = await addFeedSource(env, { url: JSON_URL });
    expect(added).toMatchObject({ ok: true, encoding: "UTF-8", offlineCopyError: "the offline copy could not be stored (The quota has been exceeded.)" });
    expect(cache.refused).toBe(1);
  });

  it("fetch again and refresh: the result says so too", async () => {
    const env: FeedEnv = { fetch: server({ [JSON_URL]: JSON.stringify(huaxinList()) }), store: memoryStore(), cache: refusingStore(), now: () => T0 };
    const source = { id: feedIdForUrl(JSON_URL), kind: "url" as const, url: JSON_URL, addedAt: T0.toISOString() };
    const fetched = await fetchFeed(env, source);
    expect(fetched).toMatchObject({ ok: true, stale: false, offlineCopyError: "the offline copy could not be stored (The quota has been exceeded.)" });
    const refreshed = await fetchListFromOrigin(env, { kind: "feed", url: JSON_URL }, "huaxin-2024-02-18-focus");
    expect(refreshed).toMatchObject({ ok: true, stale: null, offlineCopyError: "the offline copy could not be stored (The quota has been exceeded.)" });
  });

  it("a store that takes the copy reports none", async () => {
    const env: FeedEnv = { fetch: server({ [JSON_URL]: JSON.stringify(huaxinList()) }), store: memoryStore(), now: () => T0 };
    expect(await addFeedSource(env, { url: JSON_URL })).toMatchObject({ ok: true, offlineCopyError: null });
  });
});

describe("copies kept in localStorage by earlier versions", () => {
  const key = `${FEED_CACHE_PREFIX}${feedIdForUrl(JSON_URL)}`;
  const entry = () =>
    JSON.stringify({ format: "aic-feed-cache", url: JSON_URL, fetchedAt: T0.toISOString(), feedFormat: "picklist", lists: [huaxinList()] });

  it("move to IndexedDB, leave localStorage, and still serve the feed offline", async () => {
    const local = new QuotaStorage();
    local.setItem(key, entry());
    local.setItem("aic.feeds", "[]"); // not a copy: stays
    const factory = new IDBFactory();
    const cache = pageCopiesStore(factory, local);
    const fetch = server({});
    fetch.up = false;
    const source = { id: feedIdForUrl(JSON_URL), kind: "url" as const, url: JSON_URL, addedAt: T0.toISOString() };
    const offline = await fetchFeed({ fetch, store: webStorageStore(local), cache, now: () => T1 }, source);
    expect(offline).toMatchObject({ ok: true, stale: true, staleSince: T0.toISOString() });
    expect([...local.data.keys()]).toEqual(["aic.feeds"]);
    expect(await indexedDbStore(factory).get(key)).toBe(entry());
  });

  it("stay in localStorage when IndexedDB refuses them, and are still read from there", async () => {
    const local = new QuotaStorage();
    local.setItem(key, entry());
    const target = indexedDbStore(null);
    expect(await migrateWebStorageCopies(local, target)).toEqual({ moved: 0, failed: 1 });
    expect(local.getItem(key)).toBe(entry());
    const cache = withLegacyCopies(target, local, Promise.resolve());
    expect(await cache.get(key)).toBe(entry());
  });
});
