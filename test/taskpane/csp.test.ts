/**
 * @jest-environment jsdom
 */
/**
 * The pure half of the taskpane's Content-Security-Policy (src/taskpane/csp.ts) and the boot script
 * that installs the feed policy. What the browser then blocks is tested in test/browser/csp.test.ts.
 */
import {
  addFeedOrigin,
  basePolicy,
  feedOrigin,
  feedPolicy,
  FEED_ORIGINS_STORAGE_KEY,
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
    ["http://feeds.example.com/", "plain http (mixed content from an https taskpane)"],
    ["https://user:secret@feeds.example.com/", "credentials in the URL"],
    ["javascript:alert(1)", "a script URL"],
    ["data:application/json,{}", "a data URL"],
    ["feeds.example.com", "not a URL"],
    ["https://feeds.example.com; script-src *", "an attempt to smuggle a directive"],
  ])("%s is not a feed origin (%s)", (url) => {
    expect(feedOrigin(url)).toBeNull();
  });

  it("reads the saved origins, dropping anything that is not an https origin", () => {
    const storage = memoryStorage({
      [FEED_ORIGINS_STORAGE_KEY]: JSON.stringify(["https://a.example", "https://a.example", "http://b.example", 42, "'unsafe-inline'", "https://c.example/path"]),
    });
    expect(readFeedOrigins(storage)).toEqual(["https://a.example", "https://c.example"]);
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
    expect(JSON.parse(storage.data[FEED_ORIGINS_STORAGE_KEY])).toEqual(["https://feeds.example.com"]);
  });
});

describe("policies", () => {
  it("the feed policy allows the page, Office's CDN and the saved origins only", () => {
    expect(feedPolicy([])).toBe(`connect-src 'self' ${OFFICE_CDN}`);
    expect(feedPolicy(["https://a.example", OFFICE_CDN, "https://a.example"])).toBe(`connect-src 'self' ${OFFICE_CDN} https://a.example`);
  });

  it("the base policy is directives separated by semicolons, without inline or eval allowances", () => {
    const directives = basePolicy().split("; ").map((d) => d.split(" ")[0]);
    expect(directives).toEqual(["default-src", "script-src", "style-src", "img-src", "font-src", "connect-src", "object-src", "base-uri", "form-action"]);
    expect(basePolicy()).not.toMatch(/unsafe/);
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
