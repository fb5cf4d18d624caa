/**
 * The person's feed list as it is stored (one JSON array under FEEDS_STORE_KEY; localStorage in the
 * page): read back entry by entry, keeping only well-formed feeds whose URL is still allowed, so a
 * hand-edited or older list cannot point a fetch anywhere; listed after the bundled catalog. Adding and
 * removing a feed, which fetch it and drop its copy, are sources.ts's.
 */
import { parseCsvFeedOptions } from "./feed";
import type { FeedEnv } from "./feedEnv";
import { catalogSource, type FeedSource } from "./feedSource";
import { checkFeedUrl } from "./feedUrl";
import type { KeyValueStore } from "./keyValueStore";

/** Store key of the feed list. */
export const FEEDS_STORE_KEY = "aic.feeds";

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

/** The stored feeds, in the order they were added; [] when storage fails or holds no list. */
export async function readFeedList(store: KeyValueStore): Promise<FeedSource[]> {
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
