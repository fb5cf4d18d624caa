/**
 * refreshTables against the faithful Excel fake (test/support/excelFake.ts). Main vector: the Huaxin table
 * 重点关注公司及盈利预测 (华鑫证券, prices of 2024-02-18; assets/catalog/huaxin-2024-02-18-focus.json),
 * inserted as the taskpane inserts it, then worked on by an analyst, then refreshed to huaxinNext()
 * (see support.ts for what changes).
 *
 * Sheet layout of the inserted table (A11:M28): A 代码, B 名称, C 股价, D-F EPS 2022/2023E/2024E, G PE 2022,
 * H 实时PE 2022, I PE 2023E, J 实时PE 2023E, K PE 2024E, L 实时PE 2024E, M 投资评级; rows 12-28 in the
 * list's order (浪潮信息 13, 中际旭创 18, 汉仪股份 24).
 */
import { refreshTables, type ListFetcher, type RefreshReport } from "../../src/excel/refresh";
import { LOG_SHEET_NAMES } from "../../src/excel/logSheet";
import type { PickList } from "../../src/picks/types";
import type { PickTableRecord } from "../../src/excel/workbookRecord";
import { FakeExcel, FakeExcelError, parseAddress } from "../support/excelFake";
import { huaxinList, smallList } from "../excel/lists";
import {
  analystWorks,
  HUAXIN_SHEET,
  HUAXIN_TABLE,
  INSERTED_AT,
  REFRESHED_AT,
  huaxinNext,
  huaxinRowOf,
  insertHuaxin,
  largeList,
  recordOf,
  snapshot,
  typeInto,
} from "./support";

const LOG = LOG_SHEET_NAMES.zh;

function serve(list: PickList | ((id: string) => PickList)): ListFetcher {
  return async (record) => (typeof list === "function" ? list(record.listId) : list);
}

async function refresh(fake: FakeExcel, list: PickList | ListFetcher, target: Parameters<typeof refreshTables>[1] = "all", budget?: number) {
  const fetchList = typeof list === "function" ? list : serve(list);
  return refreshTables(fake.requestContext, target, fetchList, { now: () => REFRESHED_AT, ...(budget ? { payloadBudgetBytes: budget } : {}) });
}

/** Writes a sync applied to `sheet` that touch any cell of columns `columns` in rows [top, bottom]. */
function writesTouching(fake: FakeExcel, sheet: string, columns: string, top: number, bottom: number) {
  const [first, last] = columns.split("").map((c) => c.charCodeAt(0) - 65);
  return fake.writes.filter((w) => {
    // A resize changes the table's extent, not a cell.
    if (w.sheet !== sheet || w.address === null || w.kind === "format.autofitColumns" || w.kind === "table.resize") return false;
    const r = parseAddress(w.address);
    return r.left <= last! && r.left + r.cols - 1 >= first! && r.top + 1 <= bottom && r.top + r.rows >= top;
  });
}

describe("refresh of the Huaxin table after an analyst worked on it", () => {
  let fake: FakeExcel;
  let report: RefreshReport;
  let syncsBefore: number;
  let writesBefore: number;

  beforeAll(async () => {
    fake = new FakeExcel();
    await insertHuaxin(fake);
    analystWorks(fake);
    syncsBefore = fake.syncCount;
    writesBefore = fake.writes.length;
    report = await refresh(fake, huaxinNext());
  });

  it("refreshes in 3 syncs: the workbook's records, then the table's read, then one write", () => {
    expect(report.error).toBeNull();
    expect(report.outcomes.map((o) => [o.tableName, o.status, o.error])).toEqual([[HUAXIN_TABLE, "refreshed", null]]);
    expect(report.syncCount).toBe(3);
    expect(fake.syncCount - syncsBefore).toBe(3);
    expect(report.outcomes[0]!.syncCount).toBe(2);
    expect(fake.pendingCount).toBe(0);
  });

  it("updates the source cells in place: 浪潮信息's rating 买入 → 增持, 中际旭创's EPS 2024E 5.01 → 5.5", () => {
    expect(fake.cell(HUAXIN_SHEET, `M${huaxinRowOf("000977.SZ")}`)).toMatchObject({ kind: "text", value: "增持" });
    expect(fake.cell(HUAXIN_SHEET, `F${huaxinRowOf("300308.SZ")}`)).toMatchObject({ kind: "number", value: 5.5 });
    // Only the cells that changed are written.
    const sourceWrites = fake.writes.slice(writesBefore).filter((w) => w.sheet === HUAXIN_SHEET && w.kind === "range.values");
    expect(sourceWrites.map((w) => w.address)).toEqual(expect.arrayContaining(["F18", "M13"]));
    expect(sourceWrites.some((w) => w.address?.startsWith("A12"))).toBe(false);
  });

  it("keeps the analyst's column: values, their own formula, text and formats, row by row", () => {
    expect(fake.cell(HUAXIN_SHEET, "N13")).toMatchObject({ kind: "number", value: 40, numberFormat: "0.00", bold: true });
    expect(fake.cell(HUAXIN_SHEET, "N18")).toMatchObject({ kind: "formula", formula: "=C18*1.3" });
    expect(fake.cell(HUAXIN_SHEET, "N24")).toMatchObject({ kind: "text", value: "观察", bold: true });
    expect(fake.cell(HUAXIN_SHEET, "N24").strikethrough).not.toBe(true);
    // No write of the refresh touched the analyst's cells of the existing rows (so notes on them stay too).
    expect(writesTouching(fake, HUAXIN_SHEET, "NO", 12, 28).filter((w) => w.sync > syncsBefore)).toEqual([]);
  });

  it("keeps the analyst's calculated column and gives the new row its formula", () => {
    for (let r = 12; r <= 28; r++) expect(fake.cell(HUAXIN_SHEET, `O${r}`).formula).toBe("=[@[目标价]]/[@[股价]]-1");
    expect(fake.cell(HUAXIN_SHEET, "O29")).toMatchObject({ kind: "formula", formula: "=[@[目标价]]/[@[股价]]-1" });
    expect(fake.cell(HUAXIN_SHEET, "N29").kind).toBe("empty");
  });

  it("adds the new row at the bottom: 中国长城, its live P/E formulas and number formats", () => {
    expect(fake.tableAddress(fake.table(HUAXIN_TABLE))).toBe("A11:P29");
    expect(fake.grid(HUAXIN_SHEET, "A29:C29", "value")).toEqual([["000066.SZ", "中国长城", 12.34]]);
    expect(fake.grid(HUAXIN_SHEET, "D29:G29", "kind")).toEqual([["empty", "empty", "empty", "empty"]]);
    expect(fake.cell(HUAXIN_SHEET, "M29").kind).toBe("empty");
    expect(fake.cell(HUAXIN_SHEET, "J29").formula).toBe("=AIC.FWD_PE([@[股价]],[@[EPS 2023E]])");
    expect(fake.cell(HUAXIN_SHEET, "L29").formula).toBe("=AIC.FWD_PE([@[股价]],[@[EPS 2024E]])");
    expect(fake.grid(HUAXIN_SHEET, "A29:M29", "numberFormat")[0]).toEqual(["@", "@", "0.00", "0.00", "0.00", "0.00", "0.0", "0.0", "0.0", "0.0", "0.0", "0.0", "@"]);
  });

  it("keeps the dropped row, marks it 已移出 in a new status column and strikes its source cells only", () => {
    const table = fake.table(HUAXIN_TABLE);
    expect(table.headers[15]).toBe("状态");
    expect(fake.cell(HUAXIN_SHEET, "P24")).toMatchObject({ kind: "text", value: "已移出", numberFormat: "@" });
    expect(fake.grid(HUAXIN_SHEET, "A24:B24", "value")).toEqual([["301270.SZ", "汉仪股份"]]);
    expect(fake.grid(HUAXIN_SHEET, "A24:M24", "strikethrough")[0].every((s) => s === true)).toBe(true);
    expect(fake.cell(HUAXIN_SHEET, "P24").strikethrough).toBe(true);
    expect(fake.grid(HUAXIN_SHEET, "N24:O24", "strikethrough")[0].some((s) => s === true)).toBe(false);
    // Other rows are neither marked nor struck.
    expect(fake.grid(HUAXIN_SHEET, "P12:P23", "kind").flat().every((k) => k === "empty")).toBe(true);
    expect(fake.grid(HUAXIN_SHEET, "A13:M13", "strikethrough")[0].some((s) => s === true)).toBe(false);
  });

  it("appends the summary to the log sheet, one line per change, as text", () => {
    const time = REFRESHED_AT.toISOString();
    expect(fake.grid(LOG, "A1:D7", "value")).toEqual([
      ["时间", "表格", "清单ID", "变化"],
      [time, HUAXIN_TABLE, "huaxin-2024-02-18-focus", "股价日期：2024-02-18 → 2024-03-01"],
      [time, HUAXIN_TABLE, "huaxin-2024-02-18-focus", "新增：中国长城 (000066.SZ)"],
      [time, HUAXIN_TABLE, "huaxin-2024-02-18-focus", "移出：汉仪股份 (301270.SZ)"],
      [time, HUAXIN_TABLE, "huaxin-2024-02-18-focus", "评级变化：浪潮信息 (000977.SZ) 买入 → 增持"],
      [time, HUAXIN_TABLE, "huaxin-2024-02-18-focus", "EPS 2024E 调整：中际旭创 (300308.SZ) 5.01 → 5.5"],
      [null, null, null, null],
    ]);
    expect(new Set(fake.grid(LOG, "A2:D6", "kind").flat())).toEqual(new Set(["text"]));
    expect(report.outcomes[0]!.summary).toEqual(fake.grid(LOG, "D2:D6", "value").map((r) => r[0]));
  });

  it("gives the taskpane the diff to show in its own language", () => {
    const diff = report.outcomes[0]!.diff!;
    expect(diff.ratingChanges.map((c) => [c.name, c.from, c.to])).toEqual([["浪潮信息", "买入", "增持"]]);
    expect(diff.epsRevisions.map((c) => [c.name, c.key, c.from, c.to])).toEqual([["中际旭创", "eps_2024", 5.01, 5.5]]);
    expect(report.outcomes[0]!.counts).toEqual({ updated: 2, added: 1, dropped: 1, returned: 0, conflicts: 0 });
  });

  it("moves the price date in the metadata block and the record, with refreshedAt and the status column", () => {
    expect(fake.cell(HUAXIN_SHEET, "B6")).toMatchObject({ kind: "text", value: "2024-03-01" });
    const record = recordOf(fake, HUAXIN_TABLE);
    expect(record).toMatchObject({
      version: 2,
      listId: "huaxin-2024-02-18-focus",
      origin: { kind: "catalog" },
      insertedAt: INSERTED_AT.toISOString(),
      refreshedAt: REFRESHED_AT.toISOString(),
      source: { reportDate: "2024-02-18", priceDate: "2024-03-01" },
    });
    expect(record.columns.map((c) => c.header)).toEqual([...fake.table(HUAXIN_TABLE).headers.slice(0, 13), "状态"]);
    expect(record.columns[13]).toEqual({ key: "status", header: "状态", role: "status" });
  });

  it("a second refresh with the same data changes no cell and logs 无变化", async () => {
    const before = snapshot(fake, HUAXIN_TABLE);
    const again = await refresh(fake, huaxinNext());
    expect(again.outcomes[0]!.summary).toEqual(["无变化"]);
    const after = snapshot(fake, HUAXIN_TABLE) as { cells: unknown; address: string };
    expect(after.cells).toEqual((before as { cells: unknown }).cells);
    expect(fake.grid(LOG, "D7:D8", "value")).toEqual([["无变化"], [null]]);
  });

  it("a row that comes back is un-struck and its status cleared; the analyst's cells stay", async () => {
    const back = huaxinNext();
    back.rows.push(huaxinList().rows.find((r) => r.ticker === "301270.SZ")!);
    const result = await refresh(fake, back);
    expect(result.outcomes[0]!.counts).toMatchObject({ returned: 1, added: 0, dropped: 0 });
    expect(result.outcomes[0]!.summary).toEqual(["新增：汉仪股份 (301270.SZ)"]);
    expect(fake.cell(HUAXIN_SHEET, "P24").kind).toBe("empty");
    expect(fake.grid(HUAXIN_SHEET, "A24:M24", "strikethrough")[0].some((s) => s === true)).toBe(false);
    expect(fake.cell(HUAXIN_SHEET, "N24")).toMatchObject({ kind: "text", value: "观察", bold: true });
    // It stays where it was: no second 汉仪股份 row.
    expect(fake.tableAddress(fake.table(HUAXIN_TABLE))).toBe("A11:P29");
  });
});

describe("a refresh that fails leaves the table exactly as it was", () => {
  async function prepared(): Promise<FakeExcel> {
    const fake = new FakeExcel();
    await insertHuaxin(fake);
    analystWorks(fake);
    return fake;
  }

  it("a failed fetch writes nothing at all: one sync (the records), no write", async () => {
    const fake = await prepared();
    const before = snapshot(fake, HUAXIN_TABLE);
    const writes = fake.writes.length;
    const syncs = fake.syncCount;
    const result = await refresh(fake, async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:9");
    });
    expect(result.outcomes[0]).toMatchObject({ status: "failed", restored: false, syncCount: 0 });
    expect(result.outcomes[0]!.error).toBe("the source could not be fetched: connect ECONNREFUSED 127.0.0.1:9");
    expect(fake.syncCount - syncs).toBe(1);
    expect(fake.writes.length).toBe(writes);
    expect(snapshot(fake, HUAXIN_TABLE)).toEqual(before);
  });

  it("an invalid list from the source writes nothing, and says which row and column", async () => {
    const fake = await prepared();
    const before = snapshot(fake, HUAXIN_TABLE);
    const bad = huaxinNext();
    (bad.rows[2] as Record<string, unknown>).price = "43.55x";
    const result = await refresh(fake, bad);
    expect(result.outcomes[0]!.error).toContain('row 3, column "price"');
    expect(snapshot(fake, HUAXIN_TABLE)).toEqual(before);
  });

  it("a stale copy is used and said so by default; with allowStale false nothing is written", async () => {
    const fake = await prepared();
    const stale: ListFetcher = async () => ({ ok: true, list: huaxinNext(), fetchedAt: "2024-02-28T00:00:00.000Z", stale: { since: "2024-02-28T00:00:00.000Z", error: "https://feeds.example.com/h.json: no answer within 10 s" } });
    const before = snapshot(fake, HUAXIN_TABLE);
    const refused = await refreshTables(fake.requestContext, "all", stale, { allowStale: false });
    expect(refused.outcomes[0]!.error).toBe(
      "the source is unavailable (https://feeds.example.com/h.json: no answer within 10 s); its last good copy, fetched 2024-02-28T00:00:00.000Z, was not used",
    );
    expect(snapshot(fake, HUAXIN_TABLE)).toEqual(before);
    const used = await refresh(fake, stale);
    expect(used.outcomes[0]!.stale).toEqual({ since: "2024-02-28T00:00:00.000Z", error: "https://feeds.example.com/h.json: no answer within 10 s" });
    expect(fake.cell(LOG, "D2").value).toBe("数据源不可用（https://feeds.example.com/h.json: no answer within 10 s），使用 2024-02-28T00:00:00.000Z 获取的副本");
  });

  // Syncs of a refresh of one table: 1 records, 2 read, 3 write (then 4, 5 for the undo).
  it.each([1, 2, 3])("sync %i fails: cells, formulas, formats, strikethrough, size, record and log are as before", async (n) => {
    const fake = await prepared();
    const before = snapshot(fake, HUAXIN_TABLE);
    const syncs = fake.syncCount;
    fake.failSync = { n: syncs + n, error: new FakeExcelError("GeneralException", "the request was dropped") };
    const result = await refresh(fake, huaxinNext());
    expect(result.outcomes.map((o) => o.status)).toEqual(n === 1 ? [] : ["failed"]);
    if (n === 3) expect(result.outcomes[0]).toMatchObject({ restored: true, error: "the refresh failed and was undone: GeneralException: the request was dropped" });
    expect(snapshot(fake, HUAXIN_TABLE)).toEqual(before);
    expect(fake.sheetNames()).not.toContain(LOG);
    expect(fake.pendingCount).toBe(0);
  });

  it("a write that fails part-way through (some cells already written) is undone cell by cell", async () => {
    const fake = await prepared();
    let before: unknown = null;
    const realSync = fake.sync.bind(fake);
    const start = fake.syncCount;
    // Between the read and the write, the analyst renames 股价: the new row's live P/E formula, which
    // names it, is refused by Excel after the resize, the formats and the values went in.
    fake.sync = async () => {
      if (fake.syncCount === start + 2) {
        const table = fake.table(HUAXIN_TABLE);
        table.headers[2] = "现价";
        typeInto(fake, HUAXIN_SHEET, "C11", { value: "现价" });
        before = snapshot(fake, HUAXIN_TABLE);
      }
      return realSync();
    };
    const result = await refresh(fake, huaxinNext());
    expect(result.outcomes[0]).toMatchObject({ status: "failed", restored: true });
    expect(result.outcomes[0]!.error).toContain('has no column "股价"');
    // Part of the write had been applied before the failure...
    expect(fake.writes.filter((w) => w.sync === start + 3).map((w) => w.kind)).toEqual(expect.arrayContaining(["table.resize", "range.values"]));
    // ...and all of it is undone.
    expect(snapshot(fake, HUAXIN_TABLE)).toEqual(before);
  });

  it.each([
    ["no log yet: the log sheet the write made is deleted", false],
    ["a log already: its new lines are removed", true],
  ])("the last operation (the record) fails after everything else went in; %s", async (_, logFirst) => {
    const fake = await prepared();
    if (logFirst) await refresh(fake, huaxinList()); // logs 无变化, changes no cell
    const before = snapshot(fake, HUAXIN_TABLE);
    const logBefore = logFirst ? [fake.grid(LOG, "A1:D4", "value"), fake.grid(LOG, "A1:D4", "numberFormat")] : null;
    const set = fake.settings.set.bind(fake.settings);
    let armed = true;
    fake.settings.set = (key: string, value: unknown) => {
      if (armed) {
        armed = false;
        throw new FakeExcelError("GeneralException", "the record could not be saved");
      }
      return set(key, value);
    };
    const result = await refresh(fake, huaxinNext());
    expect(result.outcomes[0]).toMatchObject({ status: "failed", restored: true });
    expect(snapshot(fake, HUAXIN_TABLE)).toEqual(before);
    if (logBefore) expect([fake.grid(LOG, "A1:D4", "value"), fake.grid(LOG, "A1:D4", "numberFormat")]).toEqual(logBefore);
    else expect(fake.sheetNames()).toEqual(["Sheet1", HUAXIN_SHEET]);
  });

  it("if putting the table back fails too, the outcome says so", async () => {
    const fake = await prepared();
    const realSync = fake.sync.bind(fake);
    const start = fake.syncCount;
    fake.sync = async () => {
      if (fake.syncCount >= start + 2) {
        fake.syncCount++;
        throw new FakeExcelError("GeneralException", "offline");
      }
      return realSync();
    };
    const result = await refresh(fake, huaxinNext());
    expect(result.outcomes[0]!.error).toBe(
      "the refresh failed (GeneralException: offline) and putting the table back failed too (GeneralException: offline): check the table against the log",
    );
  });

  it("a recorded header that was renamed fails the table before anything is written", async () => {
    const fake = await prepared();
    fake.table(HUAXIN_TABLE).headers[12] = "评级";
    typeInto(fake, HUAXIN_SHEET, "M11", { value: "评级" });
    const before = snapshot(fake, HUAXIN_TABLE);
    const writes = fake.writes.length;
    const result = await refresh(fake, huaxinNext());
    expect(result.outcomes[0]!.error).toBe(
      'column "投资评级" (rating) is not in the table any more: a refresh finds the list\'s columns by their headers; rename it back, or insert the list again',
    );
    expect(fake.writes.length).toBe(writes);
    expect(snapshot(fake, HUAXIN_TABLE)).toEqual(before);
  });

  it("rows below the table that hold data stop the refresh, which names the cell", async () => {
    const fake = await prepared();
    typeInto(fake, HUAXIN_SHEET, "B29", { kind: "text", value: "合计" });
    const before = snapshot(fake, HUAXIN_TABLE);
    const result = await refresh(fake, huaxinNext());
    expect(result.outcomes[0]!.error).toBe("1 new rows go below the table, into A29:P29, but B29 is not empty: move what is there and refresh again");
    expect(snapshot(fake, HUAXIN_TABLE)).toEqual(before);
  });
});

describe("sync count stays bounded whatever the row count", () => {
  /** A synthetic list of `rows` rows: a new version with one rating change, one row dropped and one added. */
  function versions(rows: number): [PickList, PickList] {
    const first = largeList(rows, "synthetic-bound");
    const next = largeList(rows, "synthetic-bound");
    next.rows[rows - 1]!.rating = next.rows[rows - 1]!.rating === "买入" ? "增持" : "买入";
    next.rows.splice(1, 1);
    next.rows.push({ ...next.rows[0]!, ticker: "000066.SZ", name: "中国长城" });
    return [first, next];
  }

  it.each([20, 2000])("%i rows: 3 syncs (records, read, write), each request under the budget", async (rows) => {
    const [first, next] = versions(rows);
    const fake = new FakeExcel();
    const { tableName, sheetName } = await insertHuaxin(fake, first);
    const start = fake.syncPayloadBytes.length;
    const result = await refresh(fake, next);
    expect(result.outcomes[0]).toMatchObject({ status: "refreshed", syncCount: 2, counts: { updated: 1, added: 1, dropped: 1 } });
    expect(result.syncCount).toBe(3);
    for (const bytes of fake.syncPayloadBytes.slice(start)) expect(bytes).toBeLessThan(4 * 1024 * 1024);
    expect(fake.tableAddress(fake.table(tableName))).toBe(`A11:N${12 + rows}`);
    expect(fake.cell(sheetName, `A${12 + rows}`).value).toBe("000066.SZ");
    expect(fake.cell(sheetName, "N13").value).toBe("已移出");
  });

  it("a table too large for one request is read in windows and written in chunks, and undone when a chunk fails", async () => {
    const [first, next] = versions(2000);
    for (const row of next.rows) row.price = (row.price as number) + 1; // every row changes
    const BUDGET = 20_000;

    const fake = new FakeExcel();
    const { tableName, sheetName } = await insertHuaxin(fake, first);
    const start = fake.syncCount;
    const done = await refresh(fake, next, "all", BUDGET);
    expect(done.outcomes[0]!.status).toBe("refreshed");
    // Syncs after the records' (start + 1): reads load and write nothing; writes follow.
    const syncs = Array.from({ length: fake.syncCount - start - 1 }, (_, i) => start + 2 + i);
    const reads = syncs.filter((n) => fake.loads.some((l) => l.sync === n) && !fake.writes.some((w) => w.sync === n));
    const writes = syncs.filter((n) => fake.writes.some((w) => w.sync === n));
    expect(reads.length).toBeGreaterThan(2);
    expect(writes.length).toBeGreaterThan(2);
    expect([...reads, ...writes]).toEqual(syncs);
    expect(done.outcomes[0]!.syncCount).toBe(reads.length + writes.length);
    for (const n of writes) expect(fake.syncPayloadBytes[n - 1]).toBeLessThan(BUDGET + 8 * 1024);
    expect(fake.cell(sheetName, "C2011").value).toBe(next.rows[1998]!.price as number);
    expect(fake.cell(sheetName, "A2012").value).toBe("000066.SZ");
    expect(fake.cell(sheetName, "N13").value).toBe("已移出");

    // The same refresh on the same table, the second write chunk dropped: everything is undone.
    const failing = new FakeExcel();
    await insertHuaxin(failing, first);
    const before = snapshot(failing, tableName);
    failing.failSync = { n: failing.syncCount + 1 + reads.length + 2, error: new FakeExcelError("GeneralException", "dropped") };
    const failed = await refresh(failing, next, "all", BUDGET);
    expect(failed.outcomes[0]).toMatchObject({ status: "failed", restored: true });
    expect(failing.writes.some((w) => w.sync === failing.failSync!.n - 1 && w.kind === "range.values")).toBe(true);
    expect(snapshot(failing, tableName)).toEqual(before);
  }, 30_000);
});

describe("the workbook record drives refresh all, and the targets", () => {
  const minsheng = (): PickList => {
    // Minsheng Securities 表5 重点关注个股 (民生证券, 2024-02-25): assets/catalog/minsheng-2024-02-25-table5-focus.json.
    return JSON.parse(require("node:fs").readFileSync(require("node:path").resolve(__dirname, "../../assets/catalog/minsheng-2024-02-25-table5-focus.json"), "utf8")) as PickList;
  };
  const minshengNext = (): PickList => {
    const next = minsheng();
    next.rows.find((r) => r.name === "科大讯飞")!.price = 47.5; // 46.33 in 表5
    return next;
  };

  async function twoTables(): Promise<{ fake: FakeExcel; minshengSheet: string; minshengTable: string }> {
    const fake = new FakeExcel();
    await insertHuaxin(fake);
    const { insertPickList } = await import("../../src/excel/insert");
    const inserted = await insertPickList(fake.requestContext, minsheng(), { language: "en" });
    return { fake, minshengSheet: inserted.sheetName, minshengTable: inserted.tableName };
  }
  const sources = (id: string): PickList => (id === "huaxin-2024-02-18-focus" ? huaxinNext() : minshengNext());

  it("refresh all finds both tables by their records, 1 + 2 × 2 syncs, and logs each in its own language", async () => {
    const { fake, minshengSheet } = await twoTables();
    const asked: string[] = [];
    const result = await refresh(fake, async (record) => {
      asked.push(`${record.listId} ${record.origin.kind}`);
      return sources(record.listId);
    });
    expect(asked.sort()).toEqual(["huaxin-2024-02-18-focus catalog", "minsheng-2024-02-25-table5-focus catalog"]);
    expect(result.outcomes.map((o) => o.status)).toEqual(["refreshed", "refreshed"]);
    expect(result.syncCount).toBe(5);
    expect(fake.cell(minshengSheet, "C12").value).toBe(47.5);
    expect(fake.cell(LOG_SHEET_NAMES.en, "D2").value).toBe("Other values changed: 1");
    expect(fake.cell(LOG, "D2").value).toBe("股价日期：2024-02-18 → 2024-03-01");
  });

  it("a deleted table is reported as an orphan record and skipped", async () => {
    const { fake, minshengTable } = await twoTables();
    fake.tables.splice(fake.tables.indexOf(fake.table(minshengTable)), 1);
    const result = await refresh(fake, serve(sources));
    expect(result.outcomes.map((o) => o.listId)).toEqual(["huaxin-2024-02-18-focus"]);
    expect(result.orphans.map((o) => o.record.listId)).toEqual(["minsheng-2024-02-25-table5-focus"]);
  });

  it("selection: the table holding the active cell, or a message when there is none", async () => {
    const { fake, minshengSheet } = await twoTables();
    fake.activeSheet = fake.sheet(minshengSheet);
    fake.activeCellAddress = "B14";
    const result = await refresh(fake, serve(sources), "selection");
    expect(result.outcomes.map((o) => o.listId)).toEqual(["minsheng-2024-02-25-table5-focus"]);
    fake.activeCellAddress = "B2";
    const none = await refresh(fake, serve(sources), "selection");
    expect(none.outcomes).toEqual([]);
    expect(none.error).toBe("the active cell is not in a table: select a cell of a table the add-in inserted");
  });

  it("a sheet's tables (active sheet or by id), or one table by id", async () => {
    const { fake, minshengSheet, minshengTable } = await twoTables();
    fake.activeSheet = fake.sheet(HUAXIN_SHEET);
    expect((await refresh(fake, serve(sources), "activeSheet")).outcomes.map((o) => o.listId)).toEqual(["huaxin-2024-02-18-focus"]);
    const bySheet = await refresh(fake, serve(sources), { sheetId: fake.sheet(minshengSheet).id });
    expect(bySheet.outcomes.map((o) => o.listId)).toEqual(["minsheng-2024-02-25-table5-focus"]);
    const byTable = await refresh(fake, serve(sources), { tableId: fake.table(minshengTable).id });
    expect(byTable.outcomes.map((o) => o.tableName)).toEqual([minshengTable]);
  });

  it("a table recorded by the version-1 insert is refreshed, live P/E included, and its record upgraded", async () => {
    const fake = new FakeExcel();
    await insertHuaxin(fake);
    const key = [...fake.settings.keys()][0]!;
    // The record as the version-1 insert wrote it: no origin, no times, columns without kinds or inputs.
    const v1: Partial<Omit<PickTableRecord, "version">> & { version: number } = { ...(fake.settings.get(key) as PickTableRecord), version: 1 };
    delete v1.origin;
    delete v1.insertedAt;
    delete v1.refreshedAt;
    v1.columns = v1.columns!.map(({ key: k, header, role }) => ({ key: k, header, role }));
    fake.settings.set(key, v1);
    const result = await refresh(fake, huaxinNext());
    expect(result.outcomes[0]!.status).toBe("refreshed");
    expect(fake.cell(HUAXIN_SHEET, "J29").formula).toBe("=AIC.FWD_PE([@[股价]],[@[EPS 2023E]])");
    const record = recordOf(fake, HUAXIN_TABLE);
    expect(record).toMatchObject({ version: 2, origin: { kind: "catalog" }, insertedAt: null, refreshedAt: REFRESHED_AT.toISOString() });
    expect(record.columns.find((c) => c.key === "fwd_pe_2023")).toEqual({ key: "fwd_pe_2023", header: "实时PE 2023E", role: "fwdPe", priceKey: "price", epsKey: "eps_2023" });
  });

  it("a table renamed by the user is still found by its id, and the record follows the new name", async () => {
    const { fake } = await twoTables();
    fake.table(HUAXIN_TABLE).name = "MyPicks";
    const result = await refresh(fake, serve(sources), "all");
    expect(result.outcomes.map((o) => o.tableName)).toContain("MyPicks");
    expect(recordOf(fake, "MyPicks").tableName).toBe("MyPicks");
  });
});

describe("text from the source stays text; an empty list's blank row is reused", () => {
  it("a hostile name in a new row, and a rating in a column the analyst reformatted, are written as text", async () => {
    const fake = new FakeExcel();
    await insertHuaxin(fake);
    typeInto(fake, HUAXIN_SHEET, "M13", { numberFormat: "General" });
    const next = huaxinNext();
    next.rows.find((r) => r.ticker === "000977.SZ")!.rating = "=1+1";
    next.rows.find((r) => r.ticker === "000066.SZ")!.name = '=HYPERLINK("http://example.com","x")';
    await refresh(fake, next);
    expect(fake.cell(HUAXIN_SHEET, "B29")).toMatchObject({ kind: "text", value: '=HYPERLINK("http://example.com","x")' });
    expect(fake.cell(HUAXIN_SHEET, "M13")).toMatchObject({ kind: "text", value: "=1+1", quotePrefix: true });
  });

  it("the first rows of a list inserted empty go into its blank row", async () => {
    const fake = new FakeExcel();
    const { sheetName, tableName } = await insertHuaxin(fake, smallList([]));
    const filled = smallList([
      { ticker: "000977.SZ", name: "浪潮信息", price: 30.38 },
      { ticker: "300308.SZ", name: "中际旭创", price: 127 },
    ]);
    const result = await refresh(fake, filled);
    expect(result.outcomes[0]!.counts).toMatchObject({ added: 2, dropped: 0 });
    expect(fake.tableAddress(fake.table(tableName))).toBe("A11:C13");
    expect(fake.grid(sheetName, "A12:C13", "value")).toEqual([
      ["000977.SZ", "浪潮信息", 30.38],
      ["300308.SZ", "中际旭创", 127],
    ]);
  });
});
