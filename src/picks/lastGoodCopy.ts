/**
 * The last good copy of every feed: one entry per feed id in the copies' store (IndexedDB in the page,
 * see feed-cache.ts; the feed list's store when none is given), so a failed fetch still has data to
 * show. A copy is read back only when it matches the feed's URL and every list in it validates again
 * (storage is outside the add-in's control); a copy that cannot be stored is reported in words ("online
 * only"), never dropped silently. sources.ts decides when a copy is written and when it stands in.
 */
import type { FeedFormat } from "./feed";
import { messageOf } from "./boundedFetch";
import type { FeedEnv } from "./feedEnv";
import type { FeedSource } from "./feedSource";
import type { KeyValueStore } from "./keyValueStore";
import type { PickList } from "./types";
import { validatePickList } from "./validate";

/** Store key prefix: one cache entry per feed id. */
export const FEED_CACHE_PREFIX = "aic.feedCache.";
export const CACHE_FORMAT = "aic-feed-cache";

export interface CacheEntry {
  format: typeof CACHE_FORMAT;
  url: string;
  fetchedAt: string;
  feedFormat: FeedFormat;
  lists: PickList[];
}

/** Where the copies are kept: `cache`, else the feed list's store. */
export function cacheOf(env: Pick<FeedEnv, "store" | "cache">): KeyValueStore {
  return env.cache ?? env.store;
}

/**
 * The feed's last good copy, or null when there is none to use (missing, unreadable, of another URL or an
 * older format, or a list in it no longer valid).
 */
export async function readCache(env: FeedEnv, source: FeedSource): Promise<CacheEntry | null> {
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
export async function writeCache(env: FeedEnv, source: FeedSource, entry: CacheEntry): Promise<string | null> {
  try {
    await cacheOf(env).set(`${FEED_CACHE_PREFIX}${source.id}`, JSON.stringify(entry));
    return null;
  } catch (err) {
    return `the offline copy could not be stored (${messageOf(err)})`;
  }
}
