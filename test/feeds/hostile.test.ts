/**
 * Feeds that try to hurt: a body that never ends (stopped at the byte cap: the bytes pulled from the
 * stream are counted, not the time taken), a redirect to an address the feed rule refuses (a real HTTP
 * server on 127.0.0.1 redirecting to one on 127.0.0.2), and CSV files in the encodings spreadsheets
 * save — GBK without a mark, UTF-16 with one — which must decode to the right names, saying which
 * encoding was used. Rows are the Huaxin table 重点关注公司及盈利预测 (华鑫证券, prices of 2024-02-18).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  DEFAULT_MAX_FEED_BYTES,
  addFeedSource,
  feedIdForUrl,
  fetchFeed,
  memoryStore,
  readBodyBytes,
  type FeedEnv,
  type FeedSource,
  type FetchLike,
  type FetchResponseLike,
} from "../../src/picks/sources";
import { huaxinList } from "../excel/lists";

const T0 = new Date("2024-02-19T01:00:00Z");
const source = (url: string): FeedSource => ({ id: feedIdForUrl(url), kind: "url", url, addedAt: T0.toISOString() });

/** A body that never ends: 64 KiB chunks of "0,", counting what the reader pulled. */
function endlessBody(chunkBytes = 65_536): { body: ReadableStream<Uint8Array>; pulled: () => number; cancelled: () => boolean } {
  const chunk = new TextEncoder().encode("0,".repeat(chunkBytes / 2));
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      cancelled = true;
    },
  });
  return { body, pulled: () => pulled, cancelled: () => cancelled };
}

/** A finite body in 16 KiB chunks, as a network delivers it. */
function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(at, at + 16_384));
      at += 16_384;
    },
  });
}

/** A fetch answering every URL with `respond(url)`. */
function fetchOf(respond: (url: string) => FetchResponseLike): FetchLike {
  return async (url) => respond(url);
}

function env(fetch: FetchLike, extra: Partial<FeedEnv> = {}): FeedEnv {
  return { fetch, store: memoryStore(), now: () => T0, ...extra };
}

describe("a body that never ends", () => {
  it("stops at the byte cap: the bytes read are the cap plus at most the chunk in flight and one buffered", async () => {
    const CHUNK = 65_536;
    const cap = 1_000_000;
    const stream = endlessBody(CHUNK);
    const url = "https://feeds.example.com/endless.csv";
    const result = await fetchFeed(env(fetchOf(() => ({ ok: true, status: 200, url, body: stream.body })), { maxBytes: cap }), source(url));
    expect(result).toEqual({
      ok: false,
      error: `${url}: larger than 1 MB, more than the 1 MB a feed may have; reading stopped at the limit`,
      errors: [`${url}: larger than 1 MB, more than the 1 MB a feed may have; reading stopped at the limit`],
    });
    expect(stream.pulled()).toBeGreaterThan(cap);
    expect(stream.pulled()).toBeLessThanOrEqual(cap + 2 * CHUNK);
    expect(stream.cancelled()).toBe(true);
  });

  it("with the default cap (20 MB), a 2 GB stream is read only to 20 MB", async () => {
    const CHUNK = 1_048_576;
    const stream = endlessBody(CHUNK);
    const url = "https://feeds.example.com/endless.json";
    const result = await fetchFeed(env(fetchOf(() => ({ ok: true, status: 200, url, body: stream.body }))), source(url));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/larger than 20 MB, more than the 20 MB a feed may have; reading stopped at the limit$/);
    expect(stream.pulled()).toBeLessThanOrEqual(DEFAULT_MAX_FEED_BYTES + 2 * CHUNK);
  });

  it("a declared Content-Length over the cap is refused before any byte is read", async () => {
    const stream = endlessBody();
    const url = "https://feeds.example.com/big.csv";
    const headers = { get: (name: string) => (name.toLowerCase() === "content-length" ? "5000000000" : null) };
    const result = await fetchFeed(env(fetchOf(() => ({ ok: true, status: 200, url, headers, body: stream.body })), { maxBytes: 1_000_000 }), source(url));
    expect(!result.ok && result.error).toBe(`${url}: 5000 MB (as the server declares), more than the 1 MB a feed may have; reading stopped at the limit`);
    expect(stream.pulled()).toBeLessThanOrEqual(65_536); // at most the one chunk a stream buffers when made
    expect(stream.cancelled()).toBe(true);
  });

  it("a body just under the cap is read whole", async () => {
    const text = JSON.stringify(huaxinList());
    const bytes = new TextEncoder().encode(text);
    const out = await readBodyBytes({ ok: true, status: 200, body: streamOf(bytes) }, "https://x.example/a.json", bytes.byteLength);
    expect(new TextDecoder().decode(out)).toBe(text);
  });

  it("a cancelled fetch stops reading and says cancelled, with no stale copy standing in", async () => {
    const url = "https://feeds.example.com/slow.csv";
    const controller = new AbortController();
    let reads = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(c) {
        reads++;
        if (reads === 3) controller.abort();
        await new Promise((r) => setTimeout(r, 1));
        c.enqueue(new Uint8Array(10));
      },
    });
    const result = await fetchFeed(env(fetchOf(() => ({ ok: true, status: 200, url, body })), { signal: controller.signal }), source(url));
    expect(result).toEqual({ ok: false, error: `${url}: cancelled`, errors: [`${url}: cancelled`], cancelled: true });
    expect(reads).toBeLessThan(10);
  });
});

describe("redirects", () => {
  it("a redirect to an address the feed rule refuses is refused (double: Response.url after redirects)", async () => {
    const url = "https://feeds.example.com/huaxin.json";
    const body = streamOf(new TextEncoder().encode(JSON.stringify(huaxinList())));
    const result = await fetchFeed(env(fetchOf(() => ({ ok: true, status: 200, url: "http://feeds.example.com/huaxin.json", body }))), source(url));
    expect(!result.ok && result.error).toBe(
      `${url}: redirected to http://feeds.example.com/huaxin.json, which is not an allowed feed address (http is allowed only for localhost; use https for feeds.example.com); refused`,
    );
  });

  it("a redirect to an allowed address is followed", async () => {
    const url = "https://feeds.example.com/latest.json";
    const body = streamOf(new TextEncoder().encode(JSON.stringify(huaxinList())));
    const result = await fetchFeed(env(fetchOf(() => ({ ok: true, status: 200, url: "https://cdn.example.com/v2/huaxin.json", body }))), source(url));
    expect(result.ok && !result.stale && result.lists.map((l) => l.id)).toEqual(["huaxin-2024-02-18-focus"]);
  });

  describe("through real HTTP servers: http://127.0.0.1 → http://127.0.0.2", () => {
    const servers: http.Server[] = [];
    let from = "";
    let to = "";
    let targetHits = 0;
    beforeAll(async () => {
      const listen = (server: http.Server, host: string) =>
        new Promise<string>((resolve) => server.listen(0, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}`)));
      const target = http.createServer((_req, res) => {
        targetHits++;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(huaxinList()));
      });
      servers.push(target);
      to = await listen(target, "127.0.0.2");
      const redirector = http.createServer((req, res) => {
        res.writeHead(302, { location: `${to}${req.url}` });
        res.end();
      });
      servers.push(redirector);
      from = await listen(redirector, "127.0.0.1");
    });
    afterAll(async () => {
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    });

    it("is refused when added, and nothing is saved", async () => {
      const store = memoryStore();
      const url = `${from}/huaxin.json`;
      const result = await addFeedSource({ fetch: (u, init) => fetch(u, init), store, now: () => T0 }, { url });
      expect(result).toEqual({
        ok: false,
        error: `${url}: redirected to ${to}/huaxin.json, which is not an allowed feed address (http is allowed only for localhost; use https for ${to.slice(7)}); refused`,
        errors: [`${url}: redirected to ${to}/huaxin.json, which is not an allowed feed address (http is allowed only for localhost; use https for ${to.slice(7)}); refused`],
      });
      expect(targetHits).toBe(1); // fetch followed the redirect; its answer was not read as the feed
      expect(store.data.size).toBe(0);
    });
  });
});

/** Bytes of `text` in GBK, built from the platform's own GBK decoder (TextDecoder), one character at a time. */
function gbk(text: string): Uint8Array {
  const decoder = new TextDecoder("gbk");
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== "\uFFFD" && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

function utf16(text: string, endian: "le" | "be"): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(endian === "le" ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = endian === "le" ? c & 0xff : c >> 8;
    out[3 + 2 * i] = endian === "le" ? c >> 8 : c & 0xff;
  }
  return out;
}

/** Three rows of 重点关注公司及盈利预测 as a spreadsheet would export them. */
const HUAXIN_CSV = [
  "代码,名称,2024-02-18 股价,EPS 2023E,投资评级",
  "688041.SH,海光信息,76.72,0.52,买入",
  "000977.SZ,浪潮信息,34.56,1.41,买入",
  "300502.SZ,新易盛,54.90,0.97,买入",
  "",
].join("\r\n");

describe("CSV feeds in the encodings spreadsheets save", () => {
  const url = "https://feeds.example.com/huaxin.csv";
  const read = async (bytes: Uint8Array) =>
    fetchFeed(env(fetchOf(() => ({ ok: true, status: 200, url, body: streamOf(bytes) }))), source(url));

  it.each([
    ["GBK without a byte-order mark", () => gbk(HUAXIN_CSV), "GB18030"],
    ["UTF-16LE with a byte-order mark (Excel's Unicode text)", () => utf16(HUAXIN_CSV, "le"), "UTF-16LE"],
    ["UTF-16BE with a byte-order mark", () => utf16(HUAXIN_CSV, "be"), "UTF-16BE"],
    ["UTF-8 with a byte-order mark", () => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(HUAXIN_CSV)]), "UTF-8"],
  ])("%s: the names and numbers read right, and the result says which encoding", async (_what, bytes, encoding) => {
    const result = await read(bytes());
    if (!result.ok || result.stale) throw new Error(JSON.stringify(result));
    expect(result.encoding).toBe(encoding);
    const [list] = result.lists;
    expect(list!.rows.map((r) => [r.ticker, r.name, r.price, r.eps_2023, r.rating])).toEqual([
      ["688041.SH", "海光信息", 76.72, 0.52, "买入"],
      ["000977.SZ", "浪潮信息", 34.56, 1.41, "买入"],
      ["300502.SZ", "新易盛", 54.9, 0.97, "买入"],
    ]);
    expect(list!.source.priceDate).toBe("2024-02-18");
  });

  it("the GBK bytes are the GBK code points (浪潮信息 = C0CB B3B1 D0C5 CFA2)", () => {
    expect([...gbk("浪潮信息")].map((b) => b.toString(16).toUpperCase()).join("")).toBe("C0CBB3B1D0C5CFA2");
  });

  it("binary bytes are refused in words", async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7) % 32);
    const result = await read(bytes);
    expect(!result.ok && result.error).toBe(`${url}: the feed is not text (binary data)`);
  });

  it("an empty body is refused in words", async () => {
    const result = await read(new Uint8Array(0));
    expect(!result.ok && result.error).toBe(`${url}: the feed sent nothing (an empty body)`);
  });
});
