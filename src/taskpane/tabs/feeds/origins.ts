/**
 * View model of the allowed feed origins (the page's CSP connect-src beyond itself and Office's CDN,
 * csp.ts): which saved origin each feed needs, which ones no feed needs any more, and what removing a
 * feed takes with it. Pure: no DOM, no storage.
 *
 * The rules: an origin is saved only after a feed on it was fetched and validated (view.ts confirms it
 * after addFeedSource succeeds; until then it is allowed for one page load only, csp.ts
 * PENDING_FEED_ORIGIN_KEY); removing a feed removes its origin when no other feed uses it; an origin a
 * feed still uses cannot be removed on its own (remove the feed), so a saved feed never silently stops
 * working at the next load.
 */
import type { FeedSource } from "../../../picks/sources";
import { feedOrigin } from "../../csp";
import { feedName } from "./model";

export interface AllowedOriginView {
  origin: string;
  /** The names of the saved feeds served from this origin. */
  usedBy: string[];
  /** Only an origin no saved feed uses can be removed here. */
  removable: boolean;
}

/** Each saved origin, in the order saved, with the feeds that use it. */
export function allowedOriginsView(saved: readonly string[], feeds: readonly FeedSource[]): AllowedOriginView[] {
  return saved.map((origin) => {
    const usedBy = feeds.filter((f) => f.kind === "url" && feedOrigin(f.url) === origin).map(feedName);
    return { origin, usedBy, removable: usedBy.length === 0 };
  });
}

/** The origin to remove with `removed`: its own, when saved and no feed in `remaining` uses it; else null. */
export function originToRemoveWithFeed(removed: FeedSource, remaining: readonly FeedSource[], saved: readonly string[]): string | null {
  const origin = feedOrigin(removed.url);
  if (origin === null || !saved.includes(origin)) return null;
  return remaining.some((f) => f.id !== removed.id && feedOrigin(f.url) === origin) ? null : origin;
}
