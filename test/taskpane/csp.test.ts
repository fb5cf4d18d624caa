/**
 * @jest-environment jsdom
 */
/**
 * The pure half of the taskpane's Content-Security-Policy (src/taskpane/csp.ts) and the boot script
 * that installs the feed policy. What the browser then blocks is tested in test/browser/csp.test.ts.
 */
import { checkFeedUrl } from "../../src/picks/sources";
import {
  addFeedOrigin,
  BASE_POLICY,
  basePolicy,
  feedOrigin,
  feedPolicy,
  FEED_ORIGINS_STORAGE_KEY,
  isIpv6Loopback,
  LOOPBACK_HOSTS,
  OFFICE_CDN,
  readFeedOrigins,
  type KeyValueStorage,
} from "../../src/taskpane/csp";
import { installFeedPolicy } from "../../src/taskpane/csp-boot";

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => (k in data ? data[k] : null), setItem: (k, v) => void (data[k] = v) };
}

describe("feed origins", () => {
  it.each([
    ["https://feeds.example.com/lists/focus.json?x=1", "https://feeds.example.com"],
    ["https://FEEDS.Example.com:8443/a", "https://feeds.example.com:8443"],
    ["https://feeds.example.com:443/", "https://feeds.example.com"],
  ])("%s → %s", (url, origin) => {
    expect(feedOrigin(url)).toBe(origin);
  });

  it.each([
    ["http://127.0.0.1:8765/focus.json", "http://127.0.0.1:8765"],
    ["http://localhost:3001/lists/a.csv", "http://localhost:3001"],
    ["http://LOCALHOST/a.json", "http://localhost"],
  ])("%s → %s (http on this machine, as src/picks/sources.ts allows)", (url, origin) => {
    expect(checkFeedUrl(url).ok).toBe(true);
    expect(feedOrigin(url)).toBe(origin);
  });

  it("does not allow http://[::1], which sources.ts accepts: a CSP source cannot name an IPv6 address", () => {
    expect(checkFeedUrl("http://[::1]:8765/a.json").ok).toBe(true);
    expect(feedOrigin("http://[::1]:8765/a.json")).toBeNull();
    expect(isIpv6Loopback("http://[::1]:8765/a.json")).toBe(true);
    expect(isIpv6Loopback("http://127.0.0.1:8765/a.json")).toBe(false);
  });

  it.each([
    ["http://feeds.example.com/", "plain http (mixed content from an https taskpane)"],
    ["http://127.0.0.2:8765/", "plain http to another loopback address than the two a policy can name"],
    ["http://localhost.example.com/", "plain http to a host that only starts like localhost"],
    ["ftp://localhost/a.json", "another scheme on this machine"],
    ["https://user:secret@feeds.example.com/", "credentials in the URL"],
    ["javascript:alert(1)", "a script URL"],
    ["data:application/json,{}", "a data URL"],
    ["feeds.example.com", "not a URL"],
    ["https://feeds.example.com; script-src *", "an attempt to smuggle a directive"],
  ])("%s is not a feed origin (%s)", (url) => {
    expect(feedOrigin(url)).toBeNull();
  });

  it("reads the saved origins, dropping anything that is not a feed origin", () => {
    const storage = memoryStorage({
      [FEED_ORIGINS_STORAGE_KEY]: JSON.stringify([
        "https://a.example",
        "https://a.example",
        "http://b.example",
        42,
        "'unsafe-inline'",
        "https://c.example/path",
        "http://127.0.0.1:8765",
        "http://[::1]:8765",
        "http://*",
      ]),
    });
    expect(readFeedOrigins(storage)).toEqual(["https://a.example", "https://c.example", "http://127.0.0.1:8765"]);
  });

  it.each([
    ["nothing saved", memoryStorage()],
    ["not JSON", memoryStorage({ [FEED_ORIGINS_STORAGE_KEY]: "{not json" })],
    ["not an array", memoryStorage({ [FEED_ORIGINS_STORAGE_KEY]: '{"https://a.example": true}' })],
    ["storage that throws", { getItem: () => { throw new Error("blocked"); }, setItem: () => undefined }],
    ["no storage", null],
  ])("reads no origins from %s", (_label, storage) => {
    expect(readFeedOrigins(storage as KeyValueStorage | null)).toEqual([]);
  });

  it("adds an origin once, and says when the page must reload for it", () => {
    const storage = memoryStorage();
    expect(addFeedOrigin(storage, "https://feeds.example.com/lists/a.json")).toEqual({ ok: true, origin: "https://feeds.example.com", reloadNeeded: true });
    expect(addFeedOrigin(storage, "https://feeds.example.com/lists/b.json")).toEqual({ ok: true, origin: "https://feeds.example.com", reloadNeeded: false });
    expect(addFeedOrigin(storage, "http://insecure.example/")).toEqual({ ok: false });
    expect(addFeedOrigin(storage, "http://[::1]:8765/a.json")).toEqual({ ok: false });
    expect(addFeedOrigin(storage, "http://127.0.0.1:8765/lists/a.json")).toEqual({ ok: true, origin: "http://127.0.0.1:8765", reloadNeeded: true });
    expect(JSON.parse(storage.data[FEED_ORIGINS_STORAGE_KEY])).toEqual(["https://feeds.example.com", "http://127.0.0.1:8765"]);
  });
});

describe("policies", () => {
  it("the feed policy allows the page, Office's CDN and the saved origins only", () => {
    expect(feedPolicy([])).toBe(`connect-src 'self' ${OFFICE_CDN}`);
    expect(feedPolicy(["https://a.example", OFFICE_CDN, "https://a.example"])).toBe(`connect-src 'self' ${OFFICE_CDN} https://a.example`);
  });

  it("the base policy is directives separated by semicolons, without inline or eval allowances", () => {
    const directives = basePolicy().split("; ").map((d) => d.split(" ")[0]);
    expect(directives).toEqual([
      "default-src", "script-src", "style-src", "img-src", "font-src", "connect-src", "worker-src", "object-src", "base-uri", "form-action", "trusted-types",
    ]);
    // Workers from this origin only; Trusted Types policies by name: FAST's "fast-html" and no other.
    expect(BASE_POLICY["worker-src"]).toEqual(["'self'"]);
    expect(BASE_POLICY["trusted-types"]).toEqual(["fast-html", "'allow-duplicates'"]);
    expect(basePolicy()).not.toMatch(/unsafe/);
  });

  it("the base policy lets connections go to https, and to http only on this machine (any port, to make room for saved feeds)", () => {
    expect(BASE_POLICY["connect-src"]).toEqual(["'self'", OFFICE_CDN, "https:", "http://localhost:*", "http://127.0.0.1:*"]);
    // The only wildcards anywhere are those two ports: the feed policy narrows them to the saved origins.
    expect(basePolicy().replace(/http:\/\/(localhost|127\.0\.0\.1):\*/g, "")).not.toContain("*");
    expect(LOOPBACK_HOSTS.every((host) => checkFeedUrl(`http://${host}:1/`).ok)).toBe(true);
    expect(feedPolicy(["http://127.0.0.1:8765"])).toBe(`connect-src 'self' ${OFFICE_CDN} http://127.0.0.1:8765`);
  });

  it("the boot script appends the feed policy as a meta http-equiv to <head>", () => {
    document.head.replaceChildren();
    const storage = memoryStorage({ [FEED_ORIGINS_STORAGE_KEY]: JSON.stringify(["https://feeds.example.com"]) });
    const meta = installFeedPolicy(document, storage);
    expect(meta.parentNode).toBe(document.head);
    expect(meta.getAttribute("http-equiv")).toBe("Content-Security-Policy");
    expect(meta.getAttribute("content")).toBe(`connect-src 'self' ${OFFICE_CDN} https://feeds.example.com`);
  });
});
