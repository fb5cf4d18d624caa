/**
 * The taskpane page's first script (csp.js, loaded synchronously in <head> before office.js and the
 * bundles): adds the second Content-Security-Policy, which narrows connect-src to the page's own origin,
 * Office's CDN and the feed origins saved in localStorage (see csp.ts), plus, for this load only, the origin
 * of a feed being added (csp.ts PENDING_FEED_ORIGIN_KEY). A <meta> policy applies from the
 * moment it is inserted, so it is in force before any script can fetch.
 */
import { feedPolicy, PENDING_ORIGIN_ATTRIBUTE, readFeedOrigins, takePendingFeedOrigins, type KeyValueStorage, type RemovableStorage } from "./csp";

function pageStorage(): RemovableStorage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // storage blocked: no feeds, the policy still goes in
  }
}

export function installFeedPolicy(doc: Document, storage: KeyValueStorage | null): HTMLMetaElement {
  const meta = doc.createElement("meta");
  meta.httpEquiv = "Content-Security-Policy";
  // A feed being added on a new origin is allowed for this load only (csp.ts PENDING_FEED_ORIGIN_KEY).
  const pending = storage && "removeItem" in storage ? takePendingFeedOrigins(storage as RemovableStorage) : [];
  const saved = readFeedOrigins(storage);
  meta.content = feedPolicy([...saved, ...pending.filter((o) => !saved.includes(o))]);
  meta.setAttribute("data-aic-policy", "feeds");
  if (pending.length > 0) meta.setAttribute(PENDING_ORIGIN_ATTRIBUTE, pending.join(" "));
  (doc.head ?? doc.documentElement).appendChild(meta);
  return meta;
}

if (typeof document !== "undefined") installFeedPolicy(document, pageStorage());
