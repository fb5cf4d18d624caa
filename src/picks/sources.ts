/**
 * Where pick lists come from: the bundled catalog and the feeds a person adds in the taskpane (an https
 * URL serving a pick-list JSON document, a catalog index of them, or a CSV). Each fetch is bounded by a
 * timeout and its body by a byte cap, read as a stream so an endless body stops at the cap; a redirect
 * must land on an address the feed rule allows; the bytes are decoded as notes are (src/picks/encoding.ts:
 * BOM, UTF-16, UTF-8, GB18030). The last good copy of every feed is cached, so a failed fetch still has
 * data to show, marked stale with the time of that copy and the reason in words; a copy that cannot be
 * stored is reported ("online only"), never dropped silently.
 *
 * Pure: `fetch`, the key-value stores (the feed list in localStorage, the copies in IndexedDB in the
 * add-in — see feed-cache.ts —, Maps in tests), the clock and an optional AbortSignal are passed in, so
 * nothing here touches a browser or Office global.
 */
import type { PickList } from "./types";
import { loadCatalog } from "./catalog";
import { decodeBytes, type DecodeFailure, type TextEncodingName } from "./encoding";
import { detectFeedFormat, parseCsvFeedOptions, parseFeedText, type CsvDefaults, type CsvFeedOptions, type FeedFormat } from "./feed";
import { validatePickList } from "./validate";

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

export interface FeedSource {
  /** "catalog" for the bundled catalog; "feed-<hash of the URL>" for a feed, so the same URL has the same id everywhere. */
  id: string;
  kind: "catalog" | "url";
  /** The catalog's index path relative to the page, or the feed's absolute URL. */
  url: string;
  /** ISO time the feed was added; null for the bundled catalog. */
  addedAt: string | null;
  /** The name the person gave the feed. */
  name?: string;
  /** For a CSV feed: the list's metadata and header mapping (see CsvFeedOptions). */
  csv?: CsvFeedOptions;
}

/** Where an inserted list came from, as the workbook record keeps it so that any machine can refresh it. */
export type ListOrigin =
  | { kind: "catalog" }
  | { kind: "pasted" }
  | { kind: "feed"; url: string; feedId?: string; csv?: CsvFeedOptions };

/** What the feed reader needs of a fetch Response. */
export interface FetchResponseLike {
  ok: boolean;
  status: number;
  statusText?: string;
  /** The URL after redirects (Response.url); "" or absent when not known. Checked against the feed rule. */
  url?: string;
  headers?: { get(name: string): string | null };
  /** The body as a stream (Response.body): read chunk by chunk, and no further than the byte cap. */
  body?: ReadableStream<Uint8Array> | null;
  /** For doubles without a stream only: a real fetch always has `body`. */
  arrayBuffer?(): Promise<ArrayBuffer>;
  /** For doubles without a stream or bytes only (the text is taken as already decoded). */
  text?(): Promise<string>;
}

/** window.fetch, Node's fetch, or a test double. */
export type FetchLike = (url: string, init: { signal: AbortSignal }) => Promise<FetchResponseLike>;

export interface FeedEnv {
  fetch: FetchLike;
  /** The feed list (small; localStorage in the page). Also the copies' store when `cache` is not given. */
  store: KeyValueStore;
  /** Where the last good copies go (IndexedDB in the page, see feed-cache.ts); default `store`. */
  cache?: KeyValueStore;
  /** Per request (the index and each list of an index feed are separate requests). Default 10 s. */
  timeoutMs?: number;
  now?: () => Date;
  /** The bundled catalog's index, relative to the taskpane page. */
  catalogUrl?: string;
  /** A response body larger than this many bytes is refused, reading no further. Default 20 MB. */
  maxBytes?: number;
  /** Cancels this operation's requests (pass `{ ...env, signal }` per operation): the result says "cancelled". */
  signal?: AbortSignal;
}

export const DEFAULT_FEED_TIMEOUT_MS = 10_000;
/** 20 MB: a 100,000-row CSV (the most a list may have) of ten columns is about 6 MB. */
export const DEFAULT_MAX_FEED_BYTES = 20_000_000;
export const CATALOG_SOURCE_ID = "catalog";
export const DEFAULT_CATALOG_URL = "catalog/index.json";
/** Store keys: the feed list, and one cache entry per feed id. */
export const FEEDS_STORE_KEY = "aic.feeds";
export const FEED_CACHE_PREFIX = "aic.feedCache.";
const CACHE_FORMAT = "aic-feed-cache";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

function messageOf(err: unknown): string {
  if (typeof err === "object" && err !== null) {
    const e = err as { message?: unknown; cause?: unknown };
    const message = typeof e.message === "string" ? e.message : String(err);
    // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED ...) is in the cause.
    const cause = typeof e.cause === "object" && e.cause !== null ? (e.cause as { message?: unknown }).message : undefined;
    return typeof cause === "string" && cause !== "" && cause !== message ? `${message}: ${cause}` : message;
  }
  return String(err);
}

/**
 * The feed URL if it is allowed: https anywhere; http only on this machine (localhost, 127.0.0.1,
 * [::1]), where there is no network to eavesdrop on; never a user name or password in the URL
 * (the URL is stored in the workbook, which is shared).
 */
export function checkFeedUrl(url: string): { ok: true; url: string } | { ok: false; error: string } {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return { ok: false, error: `${JSON.stringify(url)} is not a URL` };
  }
  if (parsed.username !== "" || parsed.password !== "") {
    return { ok: false, error: "a feed URL must not carry a user name or password: it is saved in the workbook" };
  }
  if (parsed.protocol === "https:") return { ok: true, url: parsed.toString() };
  if (parsed.protocol === "http:") {
    if (LOCAL_HOSTS.has(parsed.hostname)) return { ok: true, url: parsed.toString() };
    return { ok: false, error: `http is allowed only for localhost; use https for ${parsed.host}` };
  }
  return { ok: false, error: `${parsed.protocol.replace(/:$/, "")} URLs are not feeds; use https` };
}

/** "feed-" + 32-bit FNV-1a of the URL in hex: stable across machines, so a workbook names the same feed everywhere. */
export function feedIdForUrl(url: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < url.length; i++) {
    hash ^= url.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `feed-${hash.toString(16).padStart(8, "0")}`;
}

export function catalogSource(env: Pick<FeedEnv, "catalogUrl">): FeedSource {
  return { id: CATALOG_SOURCE_ID, kind: "catalog", url: env.catalogUrl ?? DEFAULT_CATALOG_URL, addedAt: null };
}

function nowIso(env: Pick<FeedEnv, "now">): string {
  return (env.now ? env.now() : new Date()).toISOString();
}

/** A feed's display name from its URL: the file name without extension, else the host. */
function nameFromUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const file = parsed.pathname.split("/").filter((p) => p !== "").pop() ?? "";
    return decodeURIComponent(file).replace(/\.[a-z0-9]+$/i, "") || parsed.host;
  } catch {
    return url;
  }
}

/** What a CSV feed falls back on when its registration leaves a field out. */
export function csvDefaultsFor(source: FeedSource, env: Pick<FeedEnv, "now">): CsvDefaults {
  return {
    listId: source.id,
    name: source.name ?? nameFromUrl(source.url),
    reportDate: (source.addedAt ?? nowIso(env)).slice(0, 10),
    url: source.url,
  };
}

/**
 * The origin the workbook record keeps for a list inserted from `source`. For a CSV feed the options are
 * completed with the defaults actually used (list id, report date), so a colleague's machine, which has
 * not registered the feed, reads the CSV into the very same list.
 */
export function originForSource(source: FeedSource, env: Pick<FeedEnv, "now"> = {}): ListOrigin {
  if (source.kind === "catalog") return { kind: "catalog" };
  const origin: ListOrigin = { kind: "feed", url: source.url, feedId: source.id };
  if (source.csv !== undefined) {
    const defaults = csvDefaultsFor(source, env);
    origin.csv = {
      ...source.csv,
      listId: source.csv.listId ?? defaults.listId,
      reportDate: source.csv.reportDate ?? defaults.reportDate,
      title: source.csv.title ?? { zh: defaults.name, en: defaults.name },
    };
  }
  return origin;
}

// ---- the feed list in storage ----

function parseFeedSource(value: unknown): FeedSource | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.kind !== "url" || typeof v.id !== "string" || typeof v.url !== "string" || typeof v.addedAt !== "string") return null;
  if (!checkFeedUrl(v.url).ok) return null;
  const source: FeedSource = { id: v.id, kind: "url", url: v.url, addedAt: v.addedAt };
  if (typeof v.name === "string") source.name = v.name;
  const csv = parseCsvFeedOptions(v.csv);
  if (csv) source.csv = csv;
  return source;
}

async function readFeedList(store: KeyValueStore): Promise<FeedSource[]> {
  let raw: string | null;
  try {
    raw = await store.get(FEEDS_STORE_KEY);
  } catch {
    return [];
  }
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.map(parseFeedSource).filter((s): s is FeedSource => s !== null) : [];
  } catch {
    return [];
  }
}

/** The bundled catalog first, then the person's feeds in the order they were added. */
export async function listFeedSources(env: Pick<FeedEnv, "store" | "catalogUrl">): Promise<FeedSource[]> {
  return [catalogSource(env), ...(await readFeedList(env.store))];
}

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

class FeedFetchError extends Error {}
/** The caller's AbortSignal fired: not a failure of the feed, so no stale copy stands in. */
class FeedCancelledError extends FeedFetchError {}

function cacheOf(env: Pick<FeedEnv, "store" | "cache">): KeyValueStore {
  return env.cache ?? env.store;
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1e6) * 10) / 10} MB`;
}

function tooLarge(url: string, maxBytes: number, declared?: number): FeedFetchError {
  const size = declared !== undefined ? `${megabytes(declared)} (as the server declares)` : `larger than ${megabytes(maxBytes)}`;
  return new FeedFetchError(`${url}: ${size}, more than the ${megabytes(maxBytes)} a feed may have; reading stopped at the limit`);
}

/**
 * A response body as bytes, reading no more than `maxBytes` (plus the chunk that crossed it): a body
 * that never ends, or one far larger than a feed can be, is cancelled at the cap instead of filling memory.
 */
export async function readBodyBytes(response: FetchResponseLike, url: string, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array> {
  const declared = Number(response.headers?.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(url, maxBytes, declared);
  }
  if (response.body) {
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // A body that ignores the request's abort (timeout, cancel) is stopped here, chunk by chunk.
      if (signal?.aborted) {
        await reader.cancel().catch(() => undefined);
        throw new FeedFetchError(`${url}: reading stopped`);
      }
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(url, maxBytes);
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    return bytes;
  }
  if (!response.arrayBuffer) throw new FeedFetchError(`${url}: the response has no body`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw tooLarge(url, maxBytes);
  return bytes;
}

/** Why a feed's bytes are not text, in words (encoding.ts's reasons, said of a feed). */
export const FEED_DECODE_FAILURE_TEXT: Record<DecodeFailure, string> = {
  empty: "the feed sent nothing (an empty body)",
  binary: "the feed is not text (binary data)",
  undecodable: "the feed's bytes are neither UTF-8, UTF-16 nor GB18030/GBK text",
};

/** A feed body as text, with the encoding it was read in. */
export interface FeedText {
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
}

/**
 * GET `url` within the timeout, its body within the byte cap, decoded; the error, in words, names the
 * URL. With `checkRedirect`, the address the response finally came from (after redirects) must pass
 * checkFeedUrl too: a feed on an allowed address cannot hand the add-in data from a refused one.
 */
async function fetchText(env: FeedEnv, url: string, checkRedirect: boolean): Promise<FeedText> {
  const timeoutMs = env.timeoutMs ?? DEFAULT_FEED_TIMEOUT_MS;
  const maxBytes = env.maxBytes ?? DEFAULT_MAX_FEED_BYTES;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onCancel: (() => void) | undefined;
  // The races also guard against a fetch (or a body) that ignores the abort signal.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new FeedFetchError(`${url}: no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
  const cancelled = new Promise<never>((_, reject) => {
    const signal = env.signal;
    if (!signal) return;
    onCancel = () => {
      controller.abort();
      reject(new FeedCancelledError(`${url}: cancelled`));
    };
    if (signal.aborted) onCancel();
    else signal.addEventListener("abort", onCancel, { once: true });
  });
  const request = (async (): Promise<FeedText> => {
    const response = await env.fetch(url, { signal: controller.signal });
    const finalUrl = typeof response.url === "string" && response.url !== "" ? response.url : url;
    if (checkRedirect && finalUrl !== url) {
      const allowed = checkFeedUrl(finalUrl);
      if (!allowed.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new FeedFetchError(`${url}: redirected to ${finalUrl}, which is not an allowed feed address (${allowed.error}); refused`);
      }
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new FeedFetchError(`${url}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
    }
    if (!response.body && !response.arrayBuffer && response.text) {
      // A double that hands over text, already decoded (a real fetch always has a body stream).
      const text = await response.text();
      if (text.length > maxBytes) throw tooLarge(url, maxBytes);
      return { text, encoding: "UTF-8", bom: false };
    }
    const bytes = await readBodyBytes(response, url, maxBytes, controller.signal);
    const decoded = decodeBytes(bytes);
    if (!decoded.ok) throw new FeedFetchError(`${url}: ${FEED_DECODE_FAILURE_TEXT[decoded.reason]}`);
    return { text: decoded.text, encoding: decoded.encoding, bom: decoded.bom };
  })();
  try {
    return await Promise.race([request, timeout, cancelled]);
  } catch (err) {
    if (err instanceof FeedFetchError) throw err;
    throw new FeedFetchError(`${url}: could not be fetched (${messageOf(err)})`);
  } finally {
    clearTimeout(timer);
    if (onCancel) env.signal?.removeEventListener("abort", onCancel);
    // Whatever ended the race, nothing may keep reading: stop the request and its body.
    controller.abort();
    request.catch(() => undefined);
  }
}

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

interface CacheEntry {
  format: typeof CACHE_FORMAT;
  url: string;
  fetchedAt: string;
  feedFormat: FeedFormat;
  lists: PickList[];
}

async function readCache(env: FeedEnv, source: FeedSource): Promise<CacheEntry | null> {
  try {
    const raw = await cacheOf(env).get(`${FEED_CACHE_PREFIX}${source.id}`);
    if (!raw) return null;
    const entry = JSON.parse(raw) as Partial<CacheEntry>;
    if (entry.format !== CACHE_FORMAT || entry.url !== source.url || typeof entry.fetchedAt !== "string" || !Array.isArray(entry.lists)) return null;
    if (entry.feedFormat !== "picklist" && entry.feedFormat !== "index" && entry.feedFormat !== "csv") return null;
    // Revalidated: storage is outside the add-in's control and may hold an older format.
    const lists: PickList[] = [];
    for (const doc of entry.lists) {
      const checked = validatePickList(doc);
      if (!checked.ok) return null;
      lists.push(checked.list);
    }
    return { format: CACHE_FORMAT, url: entry.url, fetchedAt: entry.fetchedAt, feedFormat: entry.feedFormat, lists };
  } catch {
    return null;
  }
}

/**
 * Stores the last good copy; null when stored, else why not. The fetch itself succeeded, so this is not
 * an error of the feed, but the person must know that the feed will not be there offline.
 */
async function writeCache(env: FeedEnv, source: FeedSource, entry: CacheEntry): Promise<string | null> {
  try {
    await cacheOf(env).set(`${FEED_CACHE_PREFIX}${source.id}`, JSON.stringify(entry));
    return null;
  } catch (err) {
    return `the offline copy could not be stored (${messageOf(err)})`;
  }
}

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


/**
 * An origin read back from a workbook record: only a well-formed one survives (a feed URL must still be
 * allowed, CSV options are re-read field by field), so a hand-edited record cannot point a refresh anywhere.
 */
export function parseListOrigin(value: unknown): ListOrigin | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.kind === "catalog") return { kind: "catalog" };
  if (v.kind === "pasted") return { kind: "pasted" };
  if (v.kind !== "feed" || typeof v.url !== "string" || !checkFeedUrl(v.url).ok) return null;
  const origin: ListOrigin = { kind: "feed", url: v.url };
  if (typeof v.feedId === "string") origin.feedId = v.feedId;
  if (v.csv !== undefined) {
    const csv = parseCsvFeedOptions(v.csv);
    if (!csv) return null;
    origin.csv = csv;
  }
  return origin;
}
