/**
 * End to end through src/picks/sources.ts and src/excel/: a feed served by a real HTTP server on
 * 127.0.0.1 (an ephemeral port) is added, fetched, inserted into the Excel fake, worked on by an analyst,
 * changed on the server, and refreshed; then opened on a colleague's machine (which never added the
 * feed); then the server stops. The feed starts as the bundled Huaxin list 重点关注公司及盈利预测
 * (华鑫证券, 2024-02-18; assets/catalog/huaxin-2024-02-18-focus.json) and changes as huaxinNext() says.
 * Every request is bounded by a 2 s timeout; the server is closed in afterAll.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { insertPickList } from "../../src/excel/insert";
import { LOG_SHEET_NAMES } from "../../src/excel/logSheet";
import { listFetcherFor, refreshTables } from "../../src/excel/refresh";
import { addFeedSource, fetchFeed, memoryStore, originForSource, type FeedEnv, type FeedSource } from "../../src/picks/sources";
import type { PickList } from "../../src/picks/types";
import { FakeExcel } from "../support/excelFake";
import { huaxinList } from "../excel/lists";
import { HUAXIN_SHEET, HUAXIN_TABLE, analystWorks, huaxinNext, huaxinRowOf, recordOf, snapshot } from "./support";

jest.setTimeout(20_000);

let server: http.Server;
let document: PickList = huaxinList();
/** A CSV feed as a desk might export it: three rows of the Huaxin table, prices of 2024-02-18. */
let csv = "代码,名称,股价,投资评级\n000977.SZ,浪潮信息,30.38,买入\n300308.SZ,中际旭创,127.00,增持\n688041.SH,海光信息,76.72,未评级\n";
let requests = 0;
let url = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests++;
    if (req.url === "/feeds/huaxin.json") res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(document));
    else if (req.url === "/feeds/desk.csv") res.writeHead(200, { "content-type": "text/csv; charset=utf-8" }).end(`\uFEFF${csv}`);
    else res.writeHead(404).end();
  });
  server.requestTimeout = 2_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feeds/huaxin.json`;
});

afterAll(async () => {
  if (!server.listening) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let clock = new Date("2024-02-19T01:00:00Z");
const envWith = (store = memoryStore()): FeedEnv => ({
  fetch: (u, init) => fetch(u, init),
  store,
  timeoutMs: 2_000,
  now: () => clock,
});

describe("a feed on a local HTTP server, end to end", () => {
  const fake = new FakeExcel();
  const analystStore = memoryStore();
  let source: FeedSource;

  it("is added (fetched and validated first) and inserted, the record keeping its URL", async () => {
    const added = await addFeedSource(envWith(analystStore), { url, name: "华鑫重点关注" });
    if (!added.ok) throw new Error(added.error);
    source = added.source;
    const fetched = await fetchFeed(envWith(analystStore), source);
    if (!fetched.ok) throw new Error(fetched.error);
    const list = fetched.lists[0]!;
    await insertPickList(fake.requestContext, list, { language: "zh", source: originForSource(source), now: () => clock });
    expect(fake.grid(HUAXIN_SHEET, "A13:C13", "value")).toEqual([["000977.SZ", "浪潮信息", 30.38]]);
    expect(recordOf(fake, HUAXIN_TABLE).origin).toEqual({ kind: "feed", url, feedId: source.id });
    expect(requests).toBe(2);
  });

  it("is refreshed after the server's document changes: analyst's work kept, changes applied and logged", async () => {
    analystWorks(fake);
    document = huaxinNext();
    clock = new Date("2024-03-01T08:00:00Z");
    const report = await refreshTables(fake.requestContext, "all", listFetcherFor(envWith(analystStore)), { now: () => clock });
    expect(report.outcomes.map((o) => [o.status, o.error, o.stale])).toEqual([["refreshed", null, null]]);
    expect(report.syncCount).toBe(3);

    // Rating change 买入 → 增持 for 浪潮信息, EPS 2024E revision for 中际旭创, the price date.
    expect(fake.cell(HUAXIN_SHEET, `M${huaxinRowOf("000977.SZ")}`).value).toBe("增持");
    expect(fake.cell(HUAXIN_SHEET, `F${huaxinRowOf("300308.SZ")}`).value).toBe(5.5);
    expect(fake.cell(HUAXIN_SHEET, "B6").value).toBe("2024-03-01");
    // The analyst's value and formulas.
    expect(fake.cell(HUAXIN_SHEET, "N13")).toMatchObject({ kind: "number", value: 40 });
    expect(fake.cell(HUAXIN_SHEET, "N18").formula).toBe("=C18*1.3");
    expect(fake.cell(HUAXIN_SHEET, "O20").formula).toBe("=[@[目标价]]/[@[股价]]-1");
    // The new row, with live P/E and the calculated column; the dropped row marked and struck.
    expect(fake.grid(HUAXIN_SHEET, "A29:C29", "value")).toEqual([["000066.SZ", "中国长城", 12.34]]);
    expect(fake.cell(HUAXIN_SHEET, "L29").formula).toBe("=AIC.FWD_PE([@[股价]],[@[EPS 2024E]])");
    expect(fake.cell(HUAXIN_SHEET, "O29").formula).toBe("=[@[目标价]]/[@[股价]]-1");
    expect(fake.cell(HUAXIN_SHEET, "P24").value).toBe("已移出");
    expect(fake.grid(HUAXIN_SHEET, "A24:M24", "strikethrough")[0].every(Boolean)).toBe(true);
    // The log and the record.
    expect(fake.grid(LOG_SHEET_NAMES.zh, "D2:D6", "value").map((r) => r[0])).toEqual([
      "股价日期：2024-02-18 → 2024-03-01",
      "新增：中国长城 (000066.SZ)",
      "移出：汉仪股份 (301270.SZ)",
      "评级变化：浪潮信息 (000977.SZ) 买入 → 增持",
      "EPS 2024E 调整：中际旭创 (300308.SZ) 5.01 → 5.5",
    ]);
    expect(recordOf(fake, HUAXIN_TABLE).refreshedAt).toBe("2024-03-01T08:00:00.000Z");
  });

  it("is refreshed on a colleague's machine, which never added the feed: the workbook record is enough", async () => {
    clock = new Date("2024-03-02T08:00:00Z");
    const before = (snapshot(fake, HUAXIN_TABLE) as { cells: unknown }).cells;
    const report = await refreshTables(fake.requestContext, "all", listFetcherFor(envWith(memoryStore())), { now: () => clock });
    expect(report.outcomes.map((o) => [o.status, o.summary])).toEqual([["refreshed", ["无变化"]]]);
    expect((snapshot(fake, HUAXIN_TABLE) as { cells: unknown }).cells).toEqual(before);
    expect(recordOf(fake, HUAXIN_TABLE).refreshedAt).toBe("2024-03-02T08:00:00.000Z");
  });

  it("a CSV feed too: its options travel in the record, so a colleague's refresh reads it the same way", async () => {
    const csvUrl = url.replace("huaxin.json", "desk.csv");
    const desk = new FakeExcel();
    const added = await addFeedSource(envWith(memoryStore()), { url: csvUrl, csv: { title: { zh: "华鑫精选", en: "Huaxin picks" }, broker: "华鑫证券", priceDate: "2024-02-18" } });
    if (!added.ok) throw new Error(added.error);
    const inserted = await insertPickList(desk.requestContext, added.lists[0]!, { language: "zh", source: originForSource(added.source) });
    expect(inserted.sheetName).toBe("华鑫精选");
    csv = csv.replace("浪潮信息,30.38,买入", "浪潮信息,31.20,增持");
    const report = await refreshTables(desk.requestContext, "all", listFetcherFor(envWith(memoryStore())), { now: () => clock });
    expect(report.outcomes.map((o) => [o.status, o.summary])).toEqual([["refreshed", ["评级变化：浪潮信息 (000977.SZ) 买入 → 增持", "其他数据变化：1 处"]]]);
    expect(desk.grid("华鑫精选", "A12:D12", "value")).toEqual([["000977.SZ", "浪潮信息", 31.2, "增持"]]);
  });

  it("after the server stops: the last good copy is used (and said stale), or the failure reported; the table is untouched", async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clock = new Date("2024-03-03T08:00:00Z");
    const before = (snapshot(fake, HUAXIN_TABLE) as { cells: unknown }).cells;

    const stale = await refreshTables(fake.requestContext, "all", listFetcherFor(envWith(analystStore)), { now: () => clock });
    expect(stale.outcomes[0]).toMatchObject({ status: "refreshed", stale: { since: "2024-03-01T08:00:00.000Z" } });
    expect(stale.outcomes[0]!.stale!.error).toMatch(new RegExp(`^${url.replace(/[.]/g, "\\.")}: could not be fetched \\(fetch failed`));
    expect((snapshot(fake, HUAXIN_TABLE) as { cells: unknown }).cells).toEqual(before);

    const refused = await refreshTables(fake.requestContext, "all", listFetcherFor(envWith(analystStore)), { now: () => clock, allowStale: false });
    expect(refused.outcomes[0]).toMatchObject({ status: "failed", restored: false });
    const noCopy = await refreshTables(fake.requestContext, "all", listFetcherFor(envWith(memoryStore())), { now: () => clock });
    expect(noCopy.outcomes[0]).toMatchObject({ status: "failed", syncCount: 0 });
    expect(noCopy.outcomes[0]!.error).toMatch(/could not be fetched \(fetch failed: connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/);
    expect((snapshot(fake, HUAXIN_TABLE) as { cells: unknown }).cells).toEqual(before);
    expect(recordOf(fake, HUAXIN_TABLE).refreshedAt).toBe("2024-03-03T08:00:00.000Z");
  });
});
