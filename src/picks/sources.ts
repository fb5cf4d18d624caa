/**
 * Where pick lists come from: the bundled catalog and the feeds a person adds in the taskpane (an https
 * URL serving a pick-list JSON document, a catalog index of them, or a CSV). Each fetch is bounded by a
 * timeout; the last good copy of every feed is cached, so a failed fetch still has data to show, marked
 * stale with the time of that copy and the reason in words.
 *
 * Pure: `fetch`, the key-value store (localStorage or OfficeRuntime.storage in the add-in, a Map in tests)
 * and the clock are passed in, so nothing here touches a browser or Office global.
 */
import type { PickList } from "./types";
import { loadCatalog } from "./catalog";
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

export interface FetchResponseLike {
  ok: boolean;
  status: number;
  statusText?: string;
  text(): Promise<string>;
}

/** window.fetch, Node's fetch, or a test double. */
export type FetchLike = (url: string, init: { signal: AbortSignal }) => Promise<FetchResponseLike>;

export interface FeedEnv {
  fetch: FetchLike;
  store: KeyValueStore;
  /** Per request (the index and each list of an index feed are separate requests). Default 10 s. */
  timeoutMs?: number;
  now?: () => Date;
  /** The bundled catalog's index, relative to the taskpane page. */
  catalogUrl?: string;
  /** A feed larger than this many characters is refused. Default 20 million. */
  maxChars?: number;
}

export const DEFAULT_FEED_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_FEED_CHARS = 20_000_000;
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
  | { ok: true; source: FeedSource; lists: PickList[] }
  | { ok: false; error: string; errors: string[] };

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
  if (!fetched.ok) return { ok: false, error: fetched.error, errors: fetched.errors };
  if (fetched.stale) return { ok: false, error: fetched.error, errors: [fetched.error] };
  try {
    await env.store.set(FEEDS_STORE_KEY, JSON.stringify([...feeds, source]));
  } catch (err) {
    const error = `the feed could not be saved: ${messageOf(err)}`;
    return { ok: false, error, errors: [error] };
  }
  return { ok: true, source, lists: fetched.lists };
}

/** Removes a feed and its cached copy; true when it was there. */
export async function removeFeedSource(env: Pick<FeedEnv, "store">, id: string): Promise<boolean> {
  const feeds = await readFeedList(env.store);
  const kept = feeds.filter((f) => f.id !== id);
  if (kept.length === feeds.length) return false;
  await env.store.set(FEEDS_STORE_KEY, JSON.stringify(kept));
  try {
    await env.store.remove(`${FEED_CACHE_PREFIX}${id}`);
  } catch {
    // A cache entry that cannot be removed is harmless: nothing reads it without the feed.
  }
  return true;
}

// ---- fetching ----

class FeedFetchError extends Error {}

/** GET `url` as text within the timeout; the error, in words, names the URL. */
async function fetchText(env: FeedEnv, url: string): Promise<string> {
  const timeoutMs = env.timeoutMs ?? DEFAULT_FEED_TIMEOUT_MS;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The race also guards against a fetch that ignores the abort signal.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new FeedFetchError(`${url}: no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
  const request = (async (): Promise<string> => {
    const response = await env.fetch(url, { signal: controller.signal });
    if (!response.ok) throw new FeedFetchError(`${url}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
    const text = await response.text();
    const max = env.maxChars ?? DEFAULT_MAX_FEED_CHARS;
    if (text.length > max) throw new FeedFetchError(`${url}: ${text.length} characters, more than the ${max} a feed may have`);
    return text;
  })();
  try {
    return await Promise.race([request, timeout]);
  } catch (err) {
    if (err instanceof FeedFetchError) throw err;
    throw new FeedFetchError(`${url}: could not be fetched (${messageOf(err)})`);
  } finally {
    clearTimeout(timer);
  }
}

type LiveFeed = { ok: true; format: FeedFormat; lists: PickList[] } | { ok: false; errors: string[] };

/** Fetches and validates a feed now: one list, or an index and every list it names. */
async function loadFeed(env: FeedEnv, source: FeedSource): Promise<LiveFeed> {
  let text: string;
  try {
    text = await fetchText(env, source.url);
  } catch (err) {
    return { ok: false, errors: [messageOf(err)] };
  }
  const where = (e: string): string => `${source.url}: ${e}`;
  if (detectFeedFormat(text) === "csv") {
    const read = parseFeedText(text, source.csv, csvDefaultsFor(source, env));
    if (!read.ok) return { ok: false, errors: read.errors.map(where) };
    return read.format === "index" ? { ok: false, errors: [where("wrong format")] } : { ok: true, format: "csv", lists: [read.list] };
  }
  const read = parseFeedText(text, undefined, csvDefaultsFor(source, env));
  if (!read.ok) return { ok: false, errors: read.errors.map(where) };
  if (read.format !== "index") return { ok: true, format: "picklist", lists: [read.list] };
  // An index: hand its already-read document to loadCatalog, which fetches and checks every list.
  const index: unknown = JSON.parse(text.replace(/^\uFEFF/, ""));
  const loaded = await loadCatalog(async (url) => {
    if (url === source.url) return index;
    if (source.kind === "url") {
      const allowed = checkFeedUrl(url);
      if (!allowed.ok) throw new Error(allowed.error);
    }
    const listText = await fetchText(env, url);
    try {
      return JSON.parse(listText.replace(/^\uFEFF/, "")) as unknown;
    } catch (err) {
      throw new Error(`not valid JSON (${messageOf(err)})`);
    }
  }, source.url);
  // A feed is all or nothing: a partly broken index keeps the last good copy in use.
  return loaded.ok ? { ok: true, format: "index", lists: loaded.lists } : { ok: false, errors: loaded.errors };
}

export type FeedFetchResult =
  | { ok: true; stale: false; format: FeedFormat; lists: PickList[]; fetchedAt: string }
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
  | { ok: false; error: string; errors: string[] };

interface CacheEntry {
  format: typeof CACHE_FORMAT;
  url: string;
  fetchedAt: string;
  feedFormat: FeedFormat;
  lists: PickList[];
}

async function readCache(env: FeedEnv, source: FeedSource): Promise<CacheEntry | null> {
  try {
    const raw = await env.store.get(`${FEED_CACHE_PREFIX}${source.id}`);
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

async function writeCache(env: FeedEnv, source: FeedSource, entry: CacheEntry): Promise<void> {
  try {
    await env.store.set(`${FEED_CACHE_PREFIX}${source.id}`, JSON.stringify(entry));
  } catch {
    // Storage full or blocked: the fetch itself succeeded; only the stale fallback is lost.
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
    await writeCache(env, source, { format: CACHE_FORMAT, url: source.url, fetchedAt, feedFormat: live.format, lists: live.lists });
    return { ok: true, stale: false, format: live.format, lists: live.lists, fetchedAt };
  }
  const error = live.errors[0] ?? `${source.url}: failed`;
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
  | { ok: true; list: PickList; fetchedAt: string; stale: { since: string; error: string } | null }
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
  return { ok: true, list, fetchedAt: fetched.fetchedAt, stale: fetched.stale ? { since: fetched.staleSince, error: fetched.error } : null };
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
