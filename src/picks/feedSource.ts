/**
 * A source of pick lists as the taskpane lists it: the bundled catalog, or a feed the person added (its
 * URL, name and, for a CSV, the list's metadata and header mapping); and what a CSV feed falls back on
 * when its registration leaves a field out (the same defaults whether the feed is read now, from the
 * last good copy, or on a colleague's machine through the workbook record, see listOrigin.ts).
 */
import type { CsvDefaults, CsvFeedOptions } from "./feed";
import { nowIso, type FeedEnv } from "./feedEnv";

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

export const CATALOG_SOURCE_ID = "catalog";
export const DEFAULT_CATALOG_URL = "catalog/index.json";

export function catalogSource(env: Pick<FeedEnv, "catalogUrl">): FeedSource {
  return { id: CATALOG_SOURCE_ID, kind: "catalog", url: env.catalogUrl ?? DEFAULT_CATALOG_URL, addedAt: null };
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
