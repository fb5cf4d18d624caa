/**
 * What the feed code is handed instead of reaching for globals: `fetch` (and the shape of the Response it
 * reads), the stores for the feed list and the copies, the clock, the limits per request and an optional
 * AbortSignal. The page passes window.fetch, localStorage and IndexedDB; tests pass doubles and Maps. Kept
 * apart so that every feed module (boundedFetch.ts, feedSource.ts, feedRegistry.ts, lastGoodCopy.ts,
 * sources.ts) reads one definition of it.
 */
import type { KeyValueStore } from "./keyValueStore";

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

/** The env's clock now, as an ISO time. */
export function nowIso(env: Pick<FeedEnv, "now">): string {
  return (env.now ? env.now() : new Date()).toISOString();
}
