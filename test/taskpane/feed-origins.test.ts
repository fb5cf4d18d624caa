/**
 * Allowed feed origins: the pending origin a feed being added gets for one page load (csp.ts), taken by
 * the boot script so nothing stays allowed when the add fails; and the view model of the saved origins
 * (src/taskpane/tabs/feeds/origins.ts): who uses each, which can be removed, what goes with a feed.
 */
import {
  FEED_ORIGINS_STORAGE_KEY,
  PENDING_FEED_ORIGIN_KEY,
  PENDING_ORIGIN_ATTRIBUTE,
  addFeedOrigin,
  feedPolicy,
  pendingOriginInForce,
  readFeedOrigins,
  removeFeedOrigin,
  setPendingFeedOrigin,
  setPendingFeedOrigins,
  takePendingFeedOrigin,
  takePendingFeedOrigins,
  pendingOriginsInForce,
  confirmPendingOrigin,
  type RemovableStorage,
} from "../../src/taskpane/csp";
import { installFeedPolicy } from "../../src/taskpane/csp-boot";
import { allowedOriginsView, originToRemoveWithFeed } from "../../src/taskpane/tabs/feeds/origins";
import { feedIdForUrl, type FeedSource } from "../../src/picks/sources";

function storage(initial: Record<string, string> = {}): RemovableStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => (k in data ? data[k]! : null), setItem: (k, v) => void (data[k] = v), removeItem: (k) => void delete data[k] };
}

const feed = (url: string, name?: string): FeedSource => ({ id: feedIdForUrl(url), kind: "url", url, addedAt: "2024-02-26T01:30:00.000Z", ...(name ? { name } : {}) });

/** A document just enough for csp-boot: createElement, head, querySelector over what it appended. */
function fakeDocument() {
  const appended: { httpEquiv: string; content: string; attrs: Record<string, string> }[] = [];
  const doc = {
    head: { appendChild: (el: unknown) => appended.push(el as (typeof appended)[number]) },
    createElement: () => {
      const attrs: Record<string, string> = {};
      return { httpEquiv: "", content: "", attrs, setAttribute: (k: string, v: string) => void (attrs[k] = v), getAttribute: (k: string) => attrs[k] ?? null };
    },
    querySelector: (selector: string) => {
      const attr = /^meta\[([^\]]+)\]$/.exec(selector)?.[1];
      return (appended.find((m) => attr !== undefined && attr in m.attrs) as unknown as Element) ?? null;
    },
  };
  return { doc, appended };
}

describe("the pending origin of a feed being added", () => {
  it("is allowed for the next load only: the boot script takes it, so a failed add leaves nothing", () => {
    const s = storage({ [FEED_ORIGINS_STORAGE_KEY]: JSON.stringify(["https://a.example.com"]) });
    expect(setPendingFeedOrigin(s, "https://feeds.example.com/desk/huaxin.json")).toEqual({ ok: true, origin: "https://feeds.example.com" });
    expect(readFeedOrigins(s)).toEqual(["https://a.example.com"]); // not saved

    const { doc, appended } = fakeDocument();
    installFeedPolicy(doc as unknown as Document, s);
    expect(appended[0]!.content).toBe(feedPolicy(["https://a.example.com", "https://feeds.example.com"]));
    expect(pendingOriginInForce(doc as unknown as Document)).toBe("https://feeds.example.com");
    expect(s.data[PENDING_FEED_ORIGIN_KEY]).toBeUndefined();

    // The add failed: nothing was confirmed. The next load allows only what is saved.
    const next = fakeDocument();
    installFeedPolicy(next.doc as unknown as Document, s);
    expect(next.appended[0]!.content).toBe(feedPolicy(["https://a.example.com"]));
    expect(next.appended[0]!.attrs[PENDING_ORIGIN_ATTRIBUTE]).toBeUndefined();
    expect(pendingOriginInForce(next.doc as unknown as Document)).toBeNull();
  });

  it("is saved for good only by addFeedOrigin, after the feed was fetched and validated", () => {
    const s = storage();
    setPendingFeedOrigin(s, "https://feeds.example.com/a.csv");
    expect(takePendingFeedOrigin(s)).toBe("https://feeds.example.com");
    expect(addFeedOrigin(s, "https://feeds.example.com/a.csv")).toEqual({ ok: true, origin: "https://feeds.example.com", reloadNeeded: true });
    expect(readFeedOrigins(s)).toEqual(["https://feeds.example.com"]);
  });

  it("refuses what cannot be a feed origin, and a hand-edited pending value is not trusted", () => {
    const s = storage();
    expect(setPendingFeedOrigin(s, "http://feeds.example.com/a.csv")).toEqual({ ok: false });
    expect(s.data).toEqual({});
    s.setItem(PENDING_FEED_ORIGIN_KEY, "javascript:alert(1)");
    expect(takePendingFeedOrigin(s)).toBeNull();
    expect(s.data).toEqual({});
  });
});

describe("removeFeedOrigin", () => {
  it("removes a saved origin and says whether it was there", () => {
    const s = storage({ [FEED_ORIGINS_STORAGE_KEY]: JSON.stringify(["https://a.example.com", "https://b.example.com"]) });
    expect(removeFeedOrigin(s, "https://a.example.com")).toBe(true);
    expect(readFeedOrigins(s)).toEqual(["https://b.example.com"]);
    expect(removeFeedOrigin(s, "https://a.example.com")).toBe(false);
  });
});

describe("allowedOriginsView", () => {
  it("lists each saved origin with the feeds on it; only an unused one is removable", () => {
    const feeds = [feed("https://feeds.example.com/huaxin.json", "Huaxin"), feed("https://feeds.example.com/minsheng.csv"), feed("http://localhost:8080/a.json")];
    expect(allowedOriginsView(["https://feeds.example.com", "https://old.example.org", "http://localhost:8080"], feeds)).toEqual([
      { origin: "https://feeds.example.com", usedBy: ["Huaxin", "minsheng"], removable: false },
      { origin: "https://old.example.org", usedBy: [], removable: true },
      { origin: "http://localhost:8080", usedBy: ["a"], removable: false },
    ]);
  });

  it("a different port is a different origin", () => {
    expect(allowedOriginsView(["https://feeds.example.com:8443"], [feed("https://feeds.example.com/a.json")])).toEqual([
      { origin: "https://feeds.example.com:8443", usedBy: [], removable: true },
    ]);
  });
});

describe("originToRemoveWithFeed", () => {
  const a = feed("https://feeds.example.com/a.json");
  const b = feed("https://feeds.example.com/b.json");
  const c = feed("https://other.example.com/c.json");
  const saved = ["https://feeds.example.com", "https://other.example.com"];

  it("is the feed's origin when no other feed uses it", () => {
    expect(originToRemoveWithFeed(c, [a, b], saved)).toBe("https://other.example.com");
    expect(originToRemoveWithFeed(a, [], saved)).toBe("https://feeds.example.com");
  });

  it("is null while another feed uses the origin, or when it was never saved", () => {
    expect(originToRemoveWithFeed(a, [b, c], saved)).toBeNull();
    expect(originToRemoveWithFeed(a, [a], saved)).toBe("https://feeds.example.com"); // the removed feed itself does not count
    expect(originToRemoveWithFeed(feed("https://new.example.net/x.json"), [], saved)).toBeNull();
  });
});

describe("several pending origins (a refresh's colleague feeds)", () => {
  it("are allowed together for the next load only, marked on the policy, and each saved only when confirmed", () => {
    const s = storage();
    expect(setPendingFeedOrigins(s, ["https://a.example.com/x.json", "https://b.example.net/y.csv", "https://a.example.com/z.json"])).toEqual({
      ok: true,
      origins: ["https://a.example.com", "https://b.example.net"],
    });
    const { doc, appended } = fakeDocument();
    installFeedPolicy(doc as unknown as Document, s);
    expect(appended[0]!.content).toBe(feedPolicy(["https://a.example.com", "https://b.example.net"]));
    const pending = pendingOriginsInForce(doc as unknown as Document);
    expect(pending).toEqual(["https://a.example.com", "https://b.example.net"]);
    expect(s.data[PENDING_FEED_ORIGIN_KEY]).toBeUndefined();
    // b's fetch failed: only a is confirmed; an origin that was never pending is not saved either.
    expect(confirmPendingOrigin(s, pending, "https://a.example.com/x.json")).toBe(true);
    expect(confirmPendingOrigin(s, pending, "https://c.example.org/x.json")).toBe(false);
    expect(readFeedOrigins(s)).toEqual(["https://a.example.com"]);
  });

  it("refuses the whole list when one cannot be a feed origin, and drops hand-edited values", () => {
    const s = storage();
    expect(setPendingFeedOrigins(s, ["https://a.example.com/x.json", "http://b.example.net/y.csv"])).toEqual({ ok: false });
    expect(setPendingFeedOrigins(s, [])).toEqual({ ok: false });
    expect(s.data).toEqual({});
    s.data[PENDING_FEED_ORIGIN_KEY] = JSON.stringify(["https://a.example.com", "javascript:alert(1)", 7, "http://evil.example.com"]);
    expect(takePendingFeedOrigins(s)).toEqual(["https://a.example.com"]);
    expect(takePendingFeedOrigins(s)).toEqual([]);
  });
});
