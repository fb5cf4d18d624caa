/**
 * The Refresh section's view model (src/taskpane/tabs/refresh/model.ts): a refresh report in words per table,
 * in either language, and the fetcher guard that fails a table at once when its feed is not allowed on
 * this computer (a colleague's workbook). Vector: the Huaxin table 重点关注公司及盈利预测 (华鑫证券,
 * 2024-02-18) refreshed to test/refresh/support.ts's huaxinNext (浪潮信息 买入 → 增持, 中际旭创 EPS 2024E
 * 5.01 → 5.5, 汉仪股份 dropped, 中国长城 added, prices of 2024-03-01). Pure: no DOM, no Excel.
 */
import type { RefreshReport, TableRefreshOutcome } from "../../src/excel/refresh";
import type { PickTableRecord } from "../../src/excel/workbookRecord";
import { diffPickLists } from "../../src/picks/diff";
import type { ListOrigin } from "../../src/picks/sources";
import { t } from "../../src/taskpane/i18n";
import { allowedOriginsOnly, refreshReportView, type BlockedFeed } from "../../src/taskpane/tabs/refresh/model";
import { huaxinList } from "../excel/lists";
import { huaxinNext } from "../refresh/support";

const DIFF = diffPickLists(huaxinList(), huaxinNext());

function outcome(over: Partial<TableRefreshOutcome> = {}): TableRefreshOutcome {
  return {
    tableId: "{T1}",
    tableName: "AIC_huaxin_2024_02_18_focus",
    sheetName: "重点关注公司及盈利预测",
    listId: "huaxin-2024-02-18-focus",
    status: "refreshed",
    summary: [],
    diff: DIFF,
    error: null,
    stale: null,
    restored: false,
    counts: { updated: 2, added: 1, dropped: 1, returned: 0 },
    syncCount: 3,
    ...over,
  };
}

function report(outcomes: TableRefreshOutcome[], over: Partial<RefreshReport> = {}): RefreshReport {
  return { outcomes, orphans: [], unreadable: [], error: null, syncCount: 1 + 2 * outcomes.length, ...over };
}

const words = (lang: "zh" | "en", m: { key: Parameters<typeof t>[1]; params?: Parameters<typeof t>[2] }) => t(lang, m.key, m.params);

describe("refreshReportView", () => {
  it("lists what changed in each table: rows added and dropped, rating changes, EPS revisions (old → new), price date moved", () => {
    const view = refreshReportView(report([outcome()]), "all", "en");
    expect(words("en", view.summary)).toBe("Refreshed 1 table.");
    expect(view.tone).toBe("ok");
    expect(view.tables).toHaveLength(1);
    const table = view.tables[0]!;
    expect(words("en", table.status)).toBe("Refreshed.");
    expect(table.changes).toEqual([
      "Price date moved: 2024-02-18 → 2024-03-01",
      "Added: 中国长城 (000066.SZ)",
      "Dropped: 汉仪股份 (301270.SZ)",
      "Rating change: 浪潮信息 (000977.SZ) 买入 → 增持",
      "EPS 2024E revision: 中际旭创 (300308.SZ) 5.01 → 5.5",
    ]);
    // The same report in Chinese: describeDiff's Chinese lines.
    expect(refreshReportView(report([outcome()]), "all", "zh").tables[0]!.changes).toEqual([
      "股价日期：2024-02-18 → 2024-03-01",
      "新增：中国长城 (000066.SZ)",
      "移出：汉仪股份 (301270.SZ)",
      "评级变化：浪潮信息 (000977.SZ) 买入 → 增持",
      "EPS 2024E 调整：中际旭创 (300308.SZ) 5.01 → 5.5",
    ]);
  });

  it("says when a refresh used the last good copy of a stale source, and why", () => {
    const since = new Date(2024, 1, 28, 8, 0).toISOString();
    const view = refreshReportView(report([outcome({ stale: { since, error: "https://feeds.example.com/h.json: no answer within 10 s" } })]), "all", "en");
    expect(view.tone).toBe("warning");
    expect(view.tables[0]!.notes.map((n) => words("en", n))).toEqual(["The source could not be fetched, so this refresh used its copy of 2024-02-28 08:00."]);
    expect(view.tables[0]!.reason).toBe("https://feeds.example.com/h.json: no answer within 10 s");
  });

  it("says a refreshed table's feed could not be kept offline (online only), in both languages", () => {
    const view = refreshReportView(report([outcome({ offlineCopyError: "the browser's storage refused the copy" })]), "all", "en");
    expect(view.tables[0]!.notes.map((n) => words("en", n))).toEqual(["Online only: no offline copy. the browser's storage refused the copy"]);
    expect(view.tables[0]!.notes.map((n) => words("zh", n))).toEqual(["仅限在线：没有离线副本。the browser's storage refused the copy"]);
  });

  it("says a failed table is exactly as it was, with the reason, unless putting it back failed too", () => {
    const failed = outcome({ status: "failed", error: 'the list has no column "股价" any more', diff: null, counts: null });
    const undone = outcome({ status: "failed", restored: true, error: "the refresh failed and was undone: GeneralException: the request was dropped" });
    const broken = outcome({
      status: "failed",
      error: "the refresh failed (GeneralException: offline) and putting the table back failed too (GeneralException: offline): check the table against the log",
    });
    const view = refreshReportView(report([failed, undone, broken]), "all", "en");
    expect(view.tables.map((v) => [words("en", v.status), v.reason])).toEqual([
      ["Not refreshed: the table is exactly as it was.", 'the list has no column "股价" any more'],
      ["Not refreshed: the table is exactly as it was.", "the refresh failed and was undone: GeneralException: the request was dropped"],
      ["Not refreshed, and putting the table back failed too: check the table against the log sheet.", broken.error],
    ]);
    expect(words("en", view.summary)).toBe("No table was refreshed.");
    expect(words("en", refreshReportView(report([outcome(), failed]), "all", "en").summary)).toBe("Refreshed 1 of 2 tables; 1 not refreshed.");
  });

  it("says why nothing was refreshed, and when there was nothing to refresh", () => {
    const reason = "the active cell is not in a table: select a cell of a table the add-in inserted";
    expect(refreshReportView(report([], { error: reason }), "selection", "en").summary).toEqual({ key: "refreshNotRun", params: { reason }, data: ["reason"] });
    expect(words("en", refreshReportView(report([]), "activeSheet", "en").summary)).toBe("This sheet has no table inserted by the add-in.");
    expect(words("zh", refreshReportView(report([]), "all", "zh").summary)).toBe("此工作簿中没有加载项插入的表格。");
  });

  it("names the tables the workbook remembers that are gone, and counts records it cannot read", () => {
    const orphan = { settingKey: "aic.pickTable.{T9}", record: { tableName: "AIC_minsheng_2024_02_25_table5_focus" } as PickTableRecord };
    const view = refreshReportView(report([outcome()], { orphans: [orphan], unreadable: ["aic.pickTable.{X}", "aic.pickTable.{Y}"] }), "all", "en");
    expect(view.notes.map((n) => words("en", n))).toEqual([
      "1 table the workbook remembers is gone (deleted, or its sheet was): AIC_minsheng_2024_02_25_table5_focus.",
      "2 table records could not be read (made by a newer version of the add-in?) and were left alone.",
    ]);
  });

  it("turns a table blocked for its feed's origin into an offer to allow that origin", () => {
    const blocked = new Map<string, BlockedFeed>([["connections to https://colleague.example.com are not allowed on this computer yet", { kind: "needsOrigin", origin: "https://colleague.example.com" }]]);
    const view = refreshReportView(
      report([outcome({ status: "failed", diff: null, error: "connections to https://colleague.example.com are not allowed on this computer yet" })]),
      "all",
      "en",
      blocked,
    );
    expect(view.originsToAllow).toEqual(["https://colleague.example.com"]);
    expect(words("en", view.tables[0]!.status)).toBe("Not refreshed: this computer does not allow connections to its feed https://colleague.example.com yet.");
    expect(view.tables[0]!.reason).toBeNull();
  });
});

describe("allowedOriginsOnly", () => {
  const record = (origin: ListOrigin): PickTableRecord => ({ listId: "huaxin-2024-02-18-focus", origin }) as PickTableRecord;

  it("fetches the catalog's and allowed feeds' lists, and fails the others at once, without fetching", async () => {
    const fetched: ListOrigin[] = [];
    const blocked = new Map<string, BlockedFeed>();
    const fetchList = allowedOriginsOnly(
      async (r) => {
        fetched.push(r.origin);
        return huaxinList();
      },
      ["https://feeds.example.com", "http://127.0.0.1:8765"],
      blocked,
    );
    await expect(fetchList(record({ kind: "catalog" }))).resolves.toMatchObject({ id: "huaxin-2024-02-18-focus" });
    await fetchList(record({ kind: "feed", url: "https://feeds.example.com/h.json" }));
    await fetchList(record({ kind: "feed", url: "http://127.0.0.1:8765/h.json" }));
    await expect(fetchList(record({ kind: "feed", url: "https://colleague.example.com/desk/h.json" }))).resolves.toEqual({
      ok: false,
      error: "connections to https://colleague.example.com are not allowed on this computer yet",
    });
    await expect(fetchList(record({ kind: "feed", url: "http://[::1]:8765/h.json" }))).resolves.toEqual({
      ok: false,
      error: "the taskpane cannot connect to http://[::1]:8765/h.json",
    });
    expect(fetched).toEqual([{ kind: "catalog" }, { kind: "feed", url: "https://feeds.example.com/h.json" }, { kind: "feed", url: "http://127.0.0.1:8765/h.json" }]);
    expect([...blocked.values()]).toEqual([
      { kind: "needsOrigin", origin: "https://colleague.example.com" },
      { kind: "cannotAllow", url: "http://[::1]:8765/h.json" },
    ]);
  });
});
