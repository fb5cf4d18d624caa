/**
 * Where pick lists come from: the bundled catalog and the feeds a person adds in the taskpane (an https
 * URL serving a pick-list JSON document, a catalog index of them, or a CSV). This module holds what is
 * done with a feed: adding it (fetched and validated first; nothing is saved when that fails), removing
 * it, fetching it now (one list, an index and every list it names, or a CSV) with its last good copy
 * standing in, marked stale with the time of that copy and the reason in words, when the fetch fails, and
 * fetching one list again from the origin a workbook record keeps. It is also the entry point of the feed
 * code: the rest is re-exported from the modules that hold it, each of one concept —
 *   keyValueStore.ts  the stores strings are kept in (localStorage, OfficeRuntime.storage, memory);
 *   feedEnv.ts        what the feed code is handed: fetch, stores, clock, limits, AbortSignal;
 *   feedUrl.ts        which feed addresses are allowed, and a feed's id from its URL;
 *   feedSource.ts     a source (catalog or feed) and a CSV feed's defaults;
 *   feedRegistry.ts   the feed list as stored;
 *   boundedFetch.ts   one request within a timeout and a byte cap, redirects policed, bytes decoded;
 *   lastGoodCopy.ts   the last good copy of each feed (a copy that cannot be stored is reported);
 *   listOrigin.ts     where an inserted list came from, as the workbook record keeps it.
 *
 * Pure: `fetch`, the key-value stores (the feed list in localStorage, the copies in IndexedDB in the
 * add-in — see feed-cache.ts —, Maps in tests), the clock and an optional AbortSignal are passed in, so
 * nothing here touches a browser or Office global.
 */
import type { PickList } from "./types";
import { loadCatalog } from "./catalog";
import type { TextEncodingName } from "./encoding";
import { detectFeedFormat, parseFeedText, type CsvFeedOptions, type FeedFormat } from "./feed";
import { FeedCancelledError, fetchText, messageOf, type FeedText } from "./boundedFetch";
import { nowIso, type FeedEnv } from "./feedEnv";
import { FEEDS_STORE_KEY, readFeedList } from "./feedRegistry";
import { catalogSource, csvDefaultsFor, type FeedSource } from "./feedSource";
import { checkFeedUrl, feedIdForUrl } from "./feedUrl";
import { CACHE_FORMAT, FEED_CACHE_PREFIX, cacheOf, readCache, writeCache } from "./lastGoodCopy";
import type { ListOrigin } from "./listOrigin";

export { memoryStore, officeRuntimeStore, webStorageStore, type KeyValueStore } from "./keyValueStore";
export { DEFAULT_FEED_TIMEOUT_MS, DEFAULT_MAX_FEED_BYTES, type FeedEnv, type FetchLike, type FetchResponseLike } from "./feedEnv";
export { checkFeedUrl, feedIdForUrl } from "./feedUrl";
export { CATALOG_SOURCE_ID, DEFAULT_CATALOG_URL, catalogSource, csvDefaultsFor, type FeedSource } from "./feedSource";
export { FEEDS_STORE_KEY, listFeedSources } from "./feedRegistry";
export { FEED_DECODE_FAILURE_TEXT, readBodyBytes, type FeedText } from "./boundedFetch";
export { FEED_CACHE_PREFIX } from "./lastGoodCopy";
export { originForSource, parseListOrigin, type ListOrigin } from "./listOrigin";

// ---- adding and removing feeds ----

export type AddFeedResult =
  | {
      ok: true;
      source: FeedSource;
      lists: PickList[];
      /** The encoding the feed was read in (UTF-8, UTF-16LE/BE, GB18030). */
      encoding: TextEncodingName;
      /** Null when its first copy was stored for offline use; else why not (the feed works online only). */
      offlineCopyError: string | null;
    }
  | { ok: false; error: string; errors: string[]; cancelled?: true };

/**
 * Adds a feed after fetching and validating it (nothing is saved when it fails, and the message says
 * why); its first good copy goes into the cache.
 */
export async function addFeedSource(env: FeedEnv, input: { url: string; name?: string; csv?: CsvFeedOptions }): Promise<AddFeedResult> {
  const checked = checkFeedUrl(input.url);
  if (!checked.ok) return { ok: false, error: checked.error, errors: [checked.error] };
  const feeds = await readFeedList(env.store);
  const id = feedIdForUrl(checked.url);
  if (feeds.some((f) => f.id === id)) {
    const error = `${checked.url} is already a feed`;
    return { ok: false, error, errors: [error] };
  }
  const source: FeedSource = { id, kind: "url", url: checked.url, addedAt: nowIso(env) };
  if (input.name !== undefined && input.name.trim() !== "") source.name = input.name.trim();
  if (input.csv !== undefined) source.csv = input.csv;
  const fetched = await fetchFeed(env, source);
  if (!fetched.ok) return fetched;
  if (fetched.stale) return { ok: false, error: fetched.error, errors: [fetched.error] };
  try {
    await env.store.set(FEEDS_STORE_KEY, JSON.stringify([...feeds, source]));
  } catch (err) {
    const error = `the feed could not be saved: ${messageOf(err)}`;
    return { ok: false, error, errors: [error] };
  }
  return { ok: true, source, lists: fetched.lists, encoding: fetched.encoding, offlineCopyError: fetched.offlineCopyError };
}

/** Removes a feed and its cached copy; true when it was there. */
export async function removeFeedSource(env: Pick<FeedEnv, "store" | "cache">, id: string): Promise<boolean> {
  const feeds = await readFeedList(env.store);
  const kept = feeds.filter((f) => f.id !== id);
  if (kept.length === feeds.length) return false;
  await env.store.set(FEEDS_STORE_KEY, JSON.stringify(kept));
  try {
    await cacheOf(env).remove(`${FEED_CACHE_PREFIX}${id}`);
  } catch {
    // A cache entry that cannot be removed is harmless: nothing reads it without the feed.
  }
  return true;
}

// ---- fetching ----

type LiveFeed =
  | { ok: true; format: FeedFormat; lists: PickList[]; encoding: TextEncodingName }
  | { ok: false; errors: string[]; cancelled: boolean };

/** Fetches and validates a feed now: one list, or an index and every list it names. */
async function loadFeed(env: FeedEnv, source: FeedSource): Promise<LiveFeed> {
  const policed = source.kind === "url";
  let fetched: FeedText;
  try {
    fetched = await fetchText(env, source.url, policed);
  } catch (err) {
    return { ok: false, errors: [messageOf(err)], cancelled: err instanceof FeedCancelledError };
  }
  const { text, encoding } = fetched;
  const where = (e: string): string => `${source.url}: ${e}`;
  if (detectFeedFormat(text) === "csv") {
    const read = parseFeedText(text, source.csv, csvDefaultsFor(source, env));
    if (!read.ok) return { ok: false, errors: read.errors.map(where), cancelled: false };
    return read.format === "index" ? { ok: false, errors: [where("wrong format")], cancelled: false } : { ok: true, format: "csv", lists: [read.list], encoding };
  }
  const read = parseFeedText(text, undefined, csvDefaultsFor(source, env));
  if (!read.ok) return { ok: false, errors: read.errors.map(where), cancelled: false };
  if (read.format !== "index") return { ok: true, format: "picklist", lists: [read.list], encoding };
  // An index: hand its already-read document to loadCatalog, which fetches and checks every list.
  const index: unknown = JSON.parse(text.replace(/^\uFEFF/, ""));
  const loaded = await loadCatalog(async (url) => {
    if (url === source.url) return index;
    if (source.kind === "url") {
      const allowed = checkFeedUrl(url);
      if (!allowed.ok) throw new Error(allowed.error);
    }
    const listText = (await fetchText(env, url, policed)).text;
    try {
      return JSON.parse(listText.replace(/^\uFEFF/, "")) as unknown;
    } catch (err) {
      throw new Error(`not valid JSON (${messageOf(err)})`);
    }
  }, source.url);
  // A feed is all or nothing: a partly broken index keeps the last good copy in use.
  if (loaded.ok) return { ok: true, format: "index", lists: loaded.lists, encoding };
  return { ok: false, errors: loaded.errors, cancelled: env.signal?.aborted === true };
}

export type FeedFetchResult =
  | {
      ok: true;
      stale: false;
      format: FeedFormat;
      lists: PickList[];
      fetchedAt: string;
      /** The encoding the body was read in (for an index: the index document's). */
      encoding: TextEncodingName;
      /**
       * Null when the copy was stored for offline use; otherwise why it could not be (storage full,
       * blocked, unavailable): the feed works online only, and the caller must say so.
       */
      offlineCopyError: string | null;
    }
  | {
      ok: true;
      stale: true;
      format: FeedFormat;
      lists: PickList[];
      /** When the copy in use was fetched: the feed has been stale since then. */
      fetchedAt: string;
      staleSince: string;
      /** Why the fetch failed, in words. */
      error: string;
      errors: string[];
    }
  | { ok: false; error: string; errors: string[]; cancelled?: true };

/**
 * Fetches a source now. On success the copy is cached; on any failure (network, timeout, HTTP error,
 * invalid feed) the last good copy is returned, flagged stale with the time it was fetched and the
 * error; with no good copy, the error.
 */
export async function fetchFeed(env: FeedEnv, source: FeedSource): Promise<FeedFetchResult> {
  if (source.kind === "url") {
    const checked = checkFeedUrl(source.url);
    if (!checked.ok) return { ok: false, error: checked.error, errors: [checked.error] };
  }
  const live = await loadFeed(env, source);
  if (live.ok) {
    const fetchedAt = nowIso(env);
    const offlineCopyError = await writeCache(env, source, { format: CACHE_FORMAT, url: source.url, fetchedAt, feedFormat: live.format, lists: live.lists });
    return { ok: true, stale: false, format: live.format, lists: live.lists, fetchedAt, encoding: live.encoding, offlineCopyError };
  }
  const error = live.errors[0] ?? `${source.url}: failed`;
  if (live.cancelled) return { ok: false, error, errors: live.errors, cancelled: true };
  const cached = await readCache(env, source);
  if (!cached) return { ok: false, error, errors: live.errors };
  return {
    ok: true,
    stale: true,
    format: cached.feedFormat,
    lists: cached.lists,
    fetchedAt: cached.fetchedAt,
    staleSince: cached.fetchedAt,
    error,
    errors: live.errors,
  };
}

/** One list, fetched for a refresh. `stale` is set when the source failed and its last good copy was used. */
export type FetchedList =
  | {
      ok: true;
      list: PickList;
      fetchedAt: string;
      stale: { since: string; error: string } | null;
      /** Fetched now but its copy could not be stored for offline use: why (a refresh report says "online only"). */
      offlineCopyError?: string | null;
    }
  | { ok: false; error: string };

/**
 * The current version of list `listId` from where it was inserted from. A feed is looked up among the
 * registered feeds by URL (for its cache and CSV options); a workbook opened on another machine, where
 * the feed was never added, is still refreshed from the URL and CSV options its record carries.
 */
export async function fetchListFromOrigin(env: FeedEnv, origin: ListOrigin, listId: string): Promise<FetchedList> {
  if (origin.kind === "pasted") {
    return { ok: false, error: "this table was inserted from pasted text: there is no source to refresh it from" };
  }
  let source: FeedSource;
  if (origin.kind === "catalog") {
    source = catalogSource(env);
  } else {
    const registered = (await readFeedList(env.store)).find((f) => f.url === origin.url);
    source = registered ?? { id: origin.feedId ?? feedIdForUrl(origin.url), kind: "url", url: origin.url, addedAt: null };
    // The record's CSV options are the ones the table was made with: they win over a later registration.
    if (origin.csv !== undefined) source = { ...source, csv: origin.csv };
  }
  const fetched = await fetchFeed(env, source);
  if (!fetched.ok) return { ok: false, error: fetched.error };
  const list = fetched.lists.find((l) => l.id === listId);
  if (!list) {
    const found = fetched.lists.map((l) => l.id).join(", ") || "none";
    return { ok: false, error: `${source.url} has no list "${listId}" (it has: ${found})` };
  }
  return {
    ok: true,
    list,
    fetchedAt: fetched.fetchedAt,
    stale: fetched.stale ? { since: fetched.staleSince, error: fetched.error } : null,
    offlineCopyError: fetched.stale ? null : fetched.offlineCopyError,
  };
}
