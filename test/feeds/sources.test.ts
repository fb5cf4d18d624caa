/**
 * Feed sources: URL rules, the feed list, fetching with a timeout (fake timers: no real waiting), the
 * last good copy when a fetch fails, index feeds whose hrefs resolve against the feed URL, and fetching
 * the list a workbook record names. Feeds serve the bundled Huaxin list 重点关注公司及盈利预测
 * (assets/catalog/huaxin-2024-02-18-focus.json).
 */
import { buildCatalogIndex } from "../../src/picks/catalog";
import {
  FEEDS_STORE_KEY,
  FEED_CACHE_PREFIX,
  addFeedSource,
  checkFeedUrl,
  feedIdForUrl,
  fetchFeed,
  fetchListFromOrigin,
  listFeedSources,
  memoryStore,
  originForSource,
  removeFeedSource,
  webStorageStore,
  type FeedEnv,
  type FeedSource,
  type FetchLike,
  type KeyValueStore,
} from "../../src/picks/sources";
import { huaxinList } from "../excel/lists";

type Route = { status?: number; body: string } | "hang" | Error;

/** A fetch over fixed routes; "hang" never answers but, like fetch, rejects when its signal aborts. */
function fakeFetch(routes: Record<string, Route>): FetchLike & { calls: string[]; aborted: string[] } {
  const calls: string[] = [];
  const aborted: string[] = [];
  const fetch = (async (url: string, init: { signal: AbortSignal }) => {
    calls.push(url);
    const route = routes[url];
    if (route === undefined) return { ok: false, status: 404, statusText: "Not Found", text: async () => "" };
    if (route instanceof Error) throw route;
    if (route === "hang") {
      return new Promise((_, reject) =>
        init.signal.addEventListener("abort", () => {
          aborted.push(url);
          reject(new Error("This operation was aborted"));
        }),
      );
    }
    const status = route.status ?? 200;
    return { ok: status < 400, status, statusText: status === 503 ? "Service Unavailable" : "", text: async () => route.body };
  }) as FetchLike & { calls: string[]; aborted: string[] };
  fetch.calls = calls;
  fetch.aborted = aborted;
  return fetch;
}

const URL_JSON = "https://feeds.example.com/huaxin.json";
const T0 = new Date("2024-02-19T01:00:00Z");
const T1 = new Date("2024-03-01T08:00:00Z");
const huaxinJson = (): string => JSON.stringify(huaxinList());

function env(routes: Record<string, Route>, store: KeyValueStore = memoryStore(), at: Date = T0): FeedEnv & { fetch: ReturnType<typeof fakeFetch> } {
  return { fetch: fakeFetch(routes), store, now: () => at };
}

const source = (url = URL_JSON): FeedSource => ({ id: feedIdForUrl(url), kind: "url", url, addedAt: T0.toISOString() });

describe("feed URLs", () => {
  it.each([
    ["https://feeds.example.com/a.json", true],
    ["http://localhost:8080/a.json", true],
    ["http://127.0.0.1:5000/a.csv", true],
    ["http://[::1]:5000/a.csv", true],
    ["http://feeds.example.com/a.json", false],
    ["https://user:secret@feeds.example.com/a.json", false],
    ["file:///etc/passwd", false],
    ["javascript:alert(1)", false],
    ["not a url", false],
  ])("%s allowed: %s", (url, allowed) => {
    expect(checkFeedUrl(url).ok).toBe(allowed);
  });

  it("explains a refusal", () => {
    expect(checkFeedUrl("http://feeds.example.com/a.json")).toEqual({ ok: false, error: "http is allowed only for localhost; use https for feeds.example.com" });
  });

  it("names a feed by its URL, the same on every machine", () => {
    expect(feedIdForUrl(URL_JSON)).toBe(feedIdForUrl(URL_JSON));
    expect(feedIdForUrl(URL_JSON)).toMatch(/^feed-[0-9a-f]{8}$/);
    expect(feedIdForUrl(URL_JSON)).not.toBe(feedIdForUrl("https://feeds.example.com/other.json"));
  });
});

describe("the feed list", () => {
  it("adds a feed only once it fetched and validated, caches that copy, and removes it again", async () => {
    const e = env({ [URL_JSON]: { body: huaxinJson() } });
    const added = await addFeedSource(e, { url: URL_JSON, name: "华鑫重点" });
    expect(added.ok && added.lists.map((l) => l.id)).toEqual(["huaxin-2024-02-18-focus"]);
    const sources = await listFeedSources(e);
    expect(sources.map((s) => [s.id, s.kind, s.url, s.addedAt, s.name])).toEqual([
      ["catalog", "catalog", "catalog/index.json", null, undefined],
      [feedIdForUrl(URL_JSON), "url", URL_JSON, T0.toISOString(), "华鑫重点"],
    ]);
    expect(await addFeedSource(e, { url: URL_JSON })).toMatchObject({ ok: false, error: `${URL_JSON} is already a feed` });
    expect(await removeFeedSource(e, feedIdForUrl(URL_JSON))).toBe(true);
    expect((await listFeedSources(e)).map((s) => s.id)).toEqual(["catalog"]);
    expect((e.store as ReturnType<typeof memoryStore>).data.has(`${FEED_CACHE_PREFIX}${feedIdForUrl(URL_JSON)}`)).toBe(false);
  });

  it("does not add a feed that fails validation, and says where", async () => {
    const bad = huaxinList();
    (bad.rows[3] as Record<string, unknown>).price = "11.78x";
    const e = env({ [URL_JSON]: { body: JSON.stringify(bad) } });
    const added = await addFeedSource(e, { url: URL_JSON });
    expect(added).toMatchObject({ ok: false, error: `${URL_JSON}: row 4, column "price": price column needs a number or null, got text "11.78x"` });
    expect((e.store as ReturnType<typeof memoryStore>).data.has(FEEDS_STORE_KEY)).toBe(false);
    expect(await addFeedSource(e, { url: "http://feeds.example.com/x.json" })).toMatchObject({ ok: false });
  });

  it("keeps CSV options with the feed and gives the record an origin a colleague's machine can read the same way", async () => {
    const url = "https://feeds.example.com/screens/ai-focus.csv";
    const e = env({ [url]: { body: "代码,名称,股价\n000977.SZ,浪潮信息,30.38\n" } });
    const added = await addFeedSource(e, { url, csv: { broker: "华鑫证券" } });
    if (!added.ok) throw new Error(added.error);
    expect(added.lists[0]).toMatchObject({ id: feedIdForUrl(url), title: { zh: "ai-focus", en: "ai-focus" }, source: { broker: "华鑫证券", reportDate: "2024-02-19" } });
    expect(originForSource(added.source)).toEqual({
      kind: "feed",
      url,
      feedId: feedIdForUrl(url),
      csv: { broker: "华鑫证券", listId: feedIdForUrl(url), reportDate: "2024-02-19", title: { zh: "ai-focus", en: "ai-focus" } },
    });
  });

  it("reads junk in storage as no feeds, and survives storage that refuses to work", async () => {
    expect((await listFeedSources({ store: memoryStore({ [FEEDS_STORE_KEY]: "[{not json" }) })).map((s) => s.id)).toEqual(["catalog"]);
    const blocked: KeyValueStore = {
      get: async () => {
        throw new Error("SecurityError");
      },
      set: async () => {
        throw new Error("QuotaExceededError");
      },
      remove: async () => undefined,
    };
    const e = env({ [URL_JSON]: { body: huaxinJson() } }, blocked);
    expect((await fetchFeed(e, source())).ok).toBe(true);
    expect(await addFeedSource(e, { url: URL_JSON })).toMatchObject({ ok: false, error: "the feed could not be saved: QuotaExceededError" });
  });
});

describe("fetchFeed: timeout, last good copy", () => {
  afterEach(() => jest.useRealTimers());

  it("keeps the last good copy: a failed fetch returns it, stale since it was fetched, with the error in words", async () => {
    const store = memoryStore();
    const good = await fetchFeed(env({ [URL_JSON]: { body: huaxinJson() } }, store, T0), source());
    expect(good).toMatchObject({ ok: true, stale: false, format: "picklist", fetchedAt: T0.toISOString() });

    const down = await fetchFeed(env({ [URL_JSON]: { status: 503, body: "" } }, store, T1), source());
    expect(down).toMatchObject({ ok: true, stale: true, staleSince: T0.toISOString(), fetchedAt: T0.toISOString(), error: `${URL_JSON}: HTTP 503 Service Unavailable` });
    expect(down.ok && down.lists[0]!.rows).toHaveLength(17);

    const refused = await fetchFeed(env({ [URL_JSON]: new TypeError("fetch failed") }, store, T1), source());
    expect(refused).toMatchObject({ stale: true, error: `${URL_JSON}: could not be fetched (fetch failed)` });

    // An invalid new version does not replace the good copy either.
    const invalid = await fetchFeed(env({ [URL_JSON]: { body: '{"format":"aic-picklist"}' } }, store, T1), source());
    expect(invalid).toMatchObject({ stale: true, staleSince: T0.toISOString() });
    expect(invalid.ok && invalid.stale && invalid.errors[0]).toMatch(/^https:\/\/feeds\.example\.com\/huaxin\.json: document: missing/);
  });

  it("without a good copy, the error", async () => {
    expect(await fetchFeed(env({}), source())).toEqual({ ok: false, error: `${URL_JSON}: HTTP 404 Not Found`, errors: [`${URL_JSON}: HTTP 404 Not Found`] });
  });

  it("ignores a cached copy that no longer validates", async () => {
    const store = memoryStore({ [`${FEED_CACHE_PREFIX}${feedIdForUrl(URL_JSON)}`]: JSON.stringify({ format: "aic-feed-cache", url: URL_JSON, fetchedAt: "x", feedFormat: "picklist", lists: [{ id: 1 }] }) });
    expect(await fetchFeed(env({}, store), source())).toMatchObject({ ok: false });
  });

  it("gives up after 10 s by default (and aborts the request), or after the timeout given", async () => {
    jest.useFakeTimers();
    const e = env({ [URL_JSON]: "hang" });
    let settled = false;
    const pending = fetchFeed(e, source()).then((r) => ((settled = true), r));
    await jest.advanceTimersByTimeAsync(9_999);
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(await pending).toEqual({ ok: false, error: `${URL_JSON}: no answer within 10 s`, errors: [`${URL_JSON}: no answer within 10 s`] });
    expect(e.fetch.aborted).toEqual([URL_JSON]);

    const quick = fetchFeed({ ...env({ [URL_JSON]: "hang" }), timeoutMs: 2_000 }, source());
    await jest.advanceTimersByTimeAsync(2_000);
    expect(await quick).toMatchObject({ ok: false, error: `${URL_JSON}: no answer within 2 s` });
  });

  it("fetches an index feed's lists relative to the feed URL, and never follows an href out of it", async () => {
    const list = huaxinList();
    const index = buildCatalogIndex([list]);
    index.reports[0]!.lists[0]!.href = `lists/${list.id}.json`;
    const indexUrl = "https://feeds.example.com/v1/index.json";
    const e = env({ [indexUrl]: { body: JSON.stringify(index) }, [`https://feeds.example.com/v1/lists/${list.id}.json`]: { body: JSON.stringify(list) } });
    const result = await fetchFeed(e, source(indexUrl));
    expect(result).toMatchObject({ ok: true, stale: false, format: "index" });
    expect(e.fetch.calls).toEqual([indexUrl, `https://feeds.example.com/v1/lists/${list.id}.json`]);

    // The index format allows relative hrefs only, so a feed cannot send the add-in elsewhere.
    for (const href of [`http://elsewhere.example.com/${list.id}.json`, `../../${list.id}.json`]) {
      index.reports[0]!.lists[0]!.href = href;
      const e2 = env({ [indexUrl]: { body: JSON.stringify(index) } });
      expect(await fetchFeed(e2, source(indexUrl))).toMatchObject({ ok: false, error: expect.stringContaining(`${indexUrl}: report 1, list 1, href: must match pattern`) });
      expect(e2.fetch.calls).toEqual([indexUrl]);
    }
  });
});

describe("fetchListFromOrigin: the list a workbook record names", () => {
  it("from the bundled catalog, next to the page", async () => {
    const list = huaxinList();
    const index = buildCatalogIndex([list]);
    const e = env({ "catalog/index.json": { body: JSON.stringify(index) }, [`catalog/${list.id}.json`]: { body: JSON.stringify(list) } });
    const got = await fetchListFromOrigin(e, { kind: "catalog" }, list.id);
    expect(got.ok && [got.list.id, got.stale]).toEqual([list.id, null]);
  });

  it("from a feed this machine never added (a colleague's workbook), read with the record's CSV options", async () => {
    const url = "https://feeds.example.com/screen.csv";
    const e = env({ [url]: { body: "Symbol,Px\n000977.SZ,30.38\n" } });
    const csv = { listId: "desk-screen", reportDate: "2024-02-18", mapping: { Px: { kind: "price" as const } } };
    const got = await fetchListFromOrigin(e, { kind: "feed", url, feedId: "feed-12345678", csv }, "desk-screen");
    expect(got.ok && got.list.rows).toEqual([{ ticker: "000977.SZ", price: 30.38 }]);
    expect(await fetchListFromOrigin(e, { kind: "feed", url, csv }, "another-list")).toEqual({ ok: false, error: `${url} has no list "another-list" (it has: desk-screen)` });
  });

  it("never for pasted text", async () => {
    expect(await fetchListFromOrigin(env({}), { kind: "pasted" }, "x")).toEqual({
      ok: false,
      error: "this table was inserted from pasted text: there is no source to refresh it from",
    });
  });
});

describe("stores", () => {
  it("webStorageStore wraps localStorage", async () => {
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
    const store = webStorageStore(storage);
    await store.set("a", "1");
    expect(await store.get("a")).toBe("1");
    await store.remove("a");
    expect(await store.get("a")).toBeNull();
  });
});
