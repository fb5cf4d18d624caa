/**
 * Which addresses a feed may have, and the id a feed's URL gives it. One rule for every place a feed
 * URL enters: adding a feed, the feed list read back from storage, a redirect, each list an index names,
 * and an origin read back from a workbook record (sources.ts, feedRegistry.ts, boundedFetch.ts,
 * listOrigin.ts); the taskpane's CSP (src/taskpane/csp.ts) follows the same rule.
 */

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

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
