/**
 * The taskpane page's first script (csp.js, loaded synchronously in <head> before office.js and the
 * bundles): adds the second Content-Security-Policy, which narrows connect-src to the page's own origin,
 * Office's CDN and the feed origins saved in localStorage (see csp.ts). A <meta> policy applies from the
 * moment it is inserted, so it is in force before any script can fetch.
 */
import { feedPolicy, readFeedOrigins, type KeyValueStorage } from "./csp";

function pageStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // storage blocked: no feeds, the policy still goes in
  }
}

export function installFeedPolicy(doc: Document, storage: KeyValueStorage | null): HTMLMetaElement {
  const meta = doc.createElement("meta");
  meta.httpEquiv = "Content-Security-Policy";
  meta.content = feedPolicy(readFeedOrigins(storage));
  meta.setAttribute("data-aic-policy", "feeds");
  (doc.head ?? doc.documentElement).appendChild(meta);
  return meta;
}

if (typeof document !== "undefined") installFeedPolicy(document, pageStorage());
