/**
 * The taskpane page's Content-Security-Policy, in one place: webpack writes BASE_POLICY into
 * taskpane.html's <meta http-equiv>, the dev server and the browser suite's server send it as a header,
 * and csp-boot.ts (the page's first script) adds FEED_POLICY for the person's saved feed origins.
 *
 * Why two policies: a browser enforces every policy a page has, so a request must pass all of them.
 * The static one (meta and header, the same for everyone) lets connections go to https, and to http on
 * this machine only (localhost, 127.0.0.1); the one csp-boot adds at load narrows connect-src to the
 * page's own origin, Office's CDN and the feed origins saved in localStorage. Together: the page
 * connects only to itself, Office's CDN and the user's feeds. A feed added later is allowed from the
 * next load on (the feeds UI saves it, then reloads the page).
 *
 * Not settable from a <meta>: frame-ancestors, report-uri/report-to and sandbox. frame-ancestors stays
 * unset on purpose: Excel on the web frames the taskpane from Microsoft's own (changing) domains.
 *
 * Pure: no DOM. Imported by the boot script, by webpack.config.js (through tsx) and by the tests.
 */

/** Office.js and the scripts it loads itself (host files, locale strings) come from here. */
export const OFFICE_CDN = "https://appsforoffice.microsoft.com";

/** The URL the page loads office.js from (Microsoft requires the CDN copy for published add-ins). */
export const OFFICE_JS_URL = `${OFFICE_CDN}/lib/1/hosted/office.js`;

/**
 * localStorage key of the feed origins a person has added: a JSON array of origins such as
 * ["https://feeds.example.com"]. The feeds UI writes it with addFeedOrigin; csp-boot reads it.
 */
export const FEED_ORIGINS_STORAGE_KEY = "aic.feedOrigins";

export type Policy = Readonly<Record<string, readonly string[]>>;

/**
 * Hosts on this machine, where a feed may be plain http (src/picks/feedUrl.ts's checkFeedUrl applies
 * the same rule: there is no network to eavesdrop on, and browsers treat these hosts as secure, so an
 * https taskpane may fetch from them). [::1] is missing on purpose: feedUrl.ts accepts it, but a CSP
 * source cannot name an IPv6 address (CSP3's host-source grammar has no brackets; Chromium reports
 * "http://[::1]:8080" as an invalid source and ignores it), so such a feed could never be fetched.
 * http://localhost reaches a server listening on [::1] as well.
 */
export const LOOPBACK_HOSTS = ["localhost", "127.0.0.1"] as const;

/** Why a URL that feedUrl.ts accepts cannot be allowed by the policy: only [::1] (see LOOPBACK_HOSTS). */
export function isIpv6Loopback(url: string): boolean {
  try {
    return new URL(url).hostname === "[::1]";
  } catch {
    return false;
  }
}

/**
 * The static policy. style-src has no 'unsafe-inline': the page's CSS is one file (taskpane.css) and
 * the DOM layer never writes style attributes. img-src allows data: for images a browser or office.js
 * draws from data URLs; the page itself has none.
 */
export const BASE_POLICY: Policy = {
  "default-src": ["'self'"],
  "script-src": ["'self'", OFFICE_CDN],
  "style-src": ["'self'"],
  "img-src": ["'self'", "data:"],
  "font-src": ["'self'"],
  // Narrowed at load by FEED_POLICY (see above); https: and the loopback hosts here only make room for
  // the saved feeds (http is allowed for a feed on this machine only, see feedOrigin).
  "connect-src": ["'self'", OFFICE_CDN, "https:", ...LOOPBACK_HOSTS.map((host) => `http://${host}:*`)],
  // The parse worker (import.worker.js, this origin's file): large pastes are parsed off the main thread.
  "worker-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  // Trusted Types policies the page may create, by name: FAST (the Fluent UI web components' base)
  // makes "fast-html" for its templates (two of its modules create it, hence 'allow-duplicates').
  "trusted-types": ["fast-html", "'allow-duplicates'"],
};

export function serializePolicy(policy: Policy): string {
  return Object.entries(policy)
    .map(([directive, sources]) => [directive, ...sources].join(" "))
    .join("; ");
}

/** The static policy as a header or meta value. */
export function basePolicy(): string {
  return serializePolicy(BASE_POLICY);
}

/** The second policy: connections only to the page itself, Office's CDN and these feed origins. */
export function feedPolicy(feedOrigins: readonly string[]): string {
  const sources = ["'self'", OFFICE_CDN, ...feedOrigins.filter((o) => o !== OFFICE_CDN)];
  return serializePolicy({ "connect-src": [...new Set(sources)] });
}

/**
 * The origin of a feed URL, or null when it cannot be a feed: https, or http on this machine
 * (LOOPBACK_HOSTS: anywhere else http would be mixed content in the https taskpane, and readable on the
 * network), and only a plain origin (no credentials in the URL). An origin is also what a CSP source
 * expression needs: no path, so no path-matching surprises.
 */
export function feedOrigin(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username || parsed.password || !parsed.hostname) return null;
  const local = parsed.protocol === "http:" && (LOOPBACK_HOSTS as readonly string[]).includes(parsed.hostname);
  if (parsed.protocol !== "https:" && !local) return null;
  return parsed.origin;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The saved feed origins; anything unreadable or not a feed origin (see feedOrigin) is dropped, never trusted. */
export function readFeedOrigins(storage: KeyValueStorage | null | undefined): string[] {
  if (!storage) return [];
  let raw: string | null;
  try {
    raw = storage.getItem(FEED_ORIGINS_STORAGE_KEY);
  } catch {
    return []; // storage blocked (privacy settings): no feeds
  }
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const origins = parsed
    .filter((v): v is string => typeof v === "string")
    .map((v) => feedOrigin(v))
    .filter((o): o is string => o !== null);
  return [...new Set(origins)];
}

/**
 * Saves the origin of a feed URL. `reloadNeeded` is true when the origin is new: the policy in force
 * was fixed when the page loaded, so the page must reload before it can fetch from there.
 */
export function addFeedOrigin(
  storage: KeyValueStorage,
  url: string,
): { ok: true; origin: string; reloadNeeded: boolean } | { ok: false } {
  const origin = feedOrigin(url);
  if (!origin) return { ok: false };
  const saved = readFeedOrigins(storage);
  if (saved.includes(origin)) return { ok: true, origin, reloadNeeded: false };
  storage.setItem(FEED_ORIGINS_STORAGE_KEY, JSON.stringify([...saved, origin]));
  return { ok: true, origin, reloadNeeded: true };
}

// ---- trust only after the feed proved itself (issue 11) ----

/**
 * localStorage key of the origins (a JSON array) allowed for the next page load only: the page must reload
 * before it can fetch from a new origin, but each origin is saved for good (FEED_ORIGINS_STORAGE_KEY) only
 * once its feed was fetched and validated (a feed being added, or a refresh of a colleague's tables). csp-boot takes it (reads and removes it) as the page loads, so a failed add,
 * or a page closed half-way, leaves nothing allowed behind.
 */
export const PENDING_FEED_ORIGIN_KEY = "aic.feedOriginPending";
/** The attribute csp-boot sets on its <meta> naming the pending origins it allowed for this load (space-separated). */
export const PENDING_ORIGIN_ATTRIBUTE = "data-aic-pending-origin";

export interface RemovableStorage extends KeyValueStorage {
  removeItem(key: string): void;
}

/** Notes `url`'s origin as allowed for the next load only (see PENDING_FEED_ORIGIN_KEY). */
export function setPendingFeedOrigin(storage: KeyValueStorage, url: string): { ok: true; origin: string } | { ok: false } {
  const set = setPendingFeedOrigins(storage, [url]);
  return set.ok ? { ok: true, origin: set.origins[0] } : { ok: false };
}

/**
 * Notes the origins of `urls` as allowed for the next load only (see PENDING_FEED_ORIGIN_KEY): the one
 * mechanism for a feed being added (Feeds tab) and a colleague's feeds a refresh needs (Refresh tab).
 * Each is saved for good only once a list from it was fetched and validated (confirmPendingOrigin).
 */
export function setPendingFeedOrigins(storage: KeyValueStorage, urls: readonly string[]): { ok: true; origins: string[] } | { ok: false } {
  const origins = urls.map((u) => feedOrigin(u));
  if (origins.length === 0 || origins.some((o) => o === null)) return { ok: false };
  const unique = [...new Set(origins as string[])];
  try {
    storage.setItem(PENDING_FEED_ORIGIN_KEY, JSON.stringify(unique));
  } catch {
    return { ok: false };
  }
  return { ok: true, origins: unique };
}

/** The pending origins in a stored value: a JSON array (or one bare origin); anything not a feed origin is dropped. */
function parsePendingOrigins(raw: string | null): string[] {
  if (!raw) return [];
  let values: unknown[] = [raw];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed)) values = parsed;
  } catch {
    // a bare origin
  }
  const origins = values.filter((v): v is string => typeof v === "string").map((v) => feedOrigin(v));
  return [...new Set(origins.filter((o): o is string => o !== null))];
}

/** Takes the pending origins (csp-boot, once per load): they are removed from storage whatever they hold. */
export function takePendingFeedOrigins(storage: RemovableStorage | null | undefined): string[] {
  if (!storage) return [];
  try {
    const raw = storage.getItem(PENDING_FEED_ORIGIN_KEY);
    storage.removeItem(PENDING_FEED_ORIGIN_KEY);
    return parsePendingOrigins(raw);
  } catch {
    return [];
  }
}

/** Takes the pending origins and returns the first (null: none). */
export function takePendingFeedOrigin(storage: RemovableStorage | null | undefined): string | null {
  return takePendingFeedOrigins(storage)[0] ?? null;
}

/** The pending origins the page's policy allows for this load, as csp-boot marked them (space-separated). */
export function pendingOriginsInForce(doc: Pick<Document, "querySelector"> | null | undefined): string[] {
  const raw = doc?.querySelector(`meta[${PENDING_ORIGIN_ATTRIBUTE}]`)?.getAttribute(PENDING_ORIGIN_ATTRIBUTE) ?? null;
  if (!raw) return [];
  const origins = raw.split(/\s+/).map((v) => feedOrigin(v));
  return [...new Set(origins.filter((o): o is string => o !== null))];
}

/** The first pending origin in force (null: none). */
export function pendingOriginInForce(doc: Pick<Document, "querySelector"> | null | undefined): string | null {
  return pendingOriginsInForce(doc)[0] ?? null;
}

/**
 * Saves `url`'s origin for good when it is one of `pending` (allowed for this load only): called once a
 * list from it was fetched and validated. True when it was saved now.
 */
export function confirmPendingOrigin(storage: KeyValueStorage | null, pending: readonly string[], url: string): boolean {
  const origin = feedOrigin(url);
  if (!storage || origin === null || !pending.includes(origin)) return false;
  try {
    return addFeedOrigin(storage, url).ok;
  } catch {
    return false; // storage blocked: works this session; the next load offers to allow it again
  }
}

/** Removes a saved origin; true when it was saved. The policy in force keeps it until the page reloads. */
export function removeFeedOrigin(storage: KeyValueStorage, origin: string): boolean {
  const saved = readFeedOrigins(storage);
  if (!saved.includes(origin)) return false;
  storage.setItem(FEED_ORIGINS_STORAGE_KEY, JSON.stringify(saved.filter((o) => o !== origin)));
  return true;
}
