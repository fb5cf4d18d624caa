/**
 * Taking the broker's value (src/excel/conflicts.ts) logs each cell taken in the refresh log, in the
 * refresh's columns and the table's language, in the same 2 syncs; a failure at any sync, or part-way
 * through the write, leaves the table, its base and the log as they were.
 *
 * Vectors: Huaxin 重点关注公司及盈利预测 (华鑫证券, 2024-02-18; assets/catalog/huaxin-2024-02-18-focus.json):
 * 浪潮信息 000977.SZ row 13 (EPS 2022 1.57 in D13, rating 买入 in M13), 科大讯飞 002230.SZ row 14 (price
 * 43.55 in C14). The analyst's values (1.60, 持有(我的判断), =43.55*1.01) and the broker's revisions
 * (1.65, 增持, 44.1) are the test's.
 */
import { refreshTables, type RefreshConflict, type RefreshReport } from "../../src/excel/refresh";
import { takeTheirs } from "../../src/excel/conflicts";
import { LOG_LINE_CAP, LOG_SHEET_NAMES } from "../../src/excel/logSheet";
import { insertPickList, type InsertResult } from "../../src/excel/insert";
import type { PickList } from "../../src/picks/types";
import { FakeExcel, FakeExcelError, type FakeCell } from "../support/excelFake";
import { huaxinList } from "../excel/lists";
import { HUAXIN_SHEET, HUAXIN_TABLE, REFRESHED_AT, largeList, snapshot, typeInto } from "./support";

const LOG = LOG_SHEET_NAMES.zh;
const TAKEN_AT = new Date("2024-03-01T09:30:00Z");
const LIST_ID = "huaxin-2024-02-18-focus";

async function refresh(fake: FakeExcel, list: PickList): Promise<RefreshReport> {
  return refreshTables(fake.requestContext, "all", async () => list, { now: () => REFRESHED_AT });
}

async function take(fake: FakeExcel, conflicts: readonly RefreshConflict[]) {
  return takeTheirs(fake.requestContext, conflicts, { now: () => TAKEN_AT });
}

/** Every live custom XML part (the bases). */
function parts(fake: FakeExcel): string {
  return JSON.stringify(fake.customXmlParts.filter((p) => !p.deleted).map((p) => [p.namespaceUri, p.xml]));
}

/** The log's rows below its header, every column, up to the first empty row. */
function logRows(fake: FakeExcel, sheetName = LOG): unknown[][] {
  const rows: unknown[][] = [];
  for (let r = 2; ; r++) {
    const row = fake.grid(sheetName, `A${r}:D${r}`, "value")[0]!;
    if (row.every((v) => v === null || v === "")) return rows;
    rows.push(row);
  }
}

/**
 * Everything "as it was" covers: the table's sheet (cells, size, settings, sheets), the bases, the log's
 * cells and formats. A formula cell is compared by its formula and format, not its computed value: a formula
 * written back is recalculated by Excel, which the fake does not do (it leaves the value empty).
 */
function state(fake: FakeExcel): unknown {
  const table = snapshot(fake, HUAXIN_TABLE) as { cells: FakeCell[][] };
  table.cells = table.cells.map((row) => row.map((c) => (c.kind === "formula" ? { ...c, value: "(computed)" } : c)));
  const log = fake.sheetNames().includes(LOG) ? [fake.grid(LOG, "A1:E12", "value"), fake.grid(LOG, "A1:E12", "numberFormat")] : null;
  return [table, parts(fake), log];
}

/** The Huaxin table refreshed with two conflicts: EPS 2022 of 浪潮信息 (D13) and the price of 科大讯飞 (C14). */
async function conflicted(language: "zh" | "en" = "zh"): Promise<{ fake: FakeExcel; conflicts: RefreshConflict[] }> {
  const fake = new FakeExcel();
  const { sheetName } = await insertPickList(fake.requestContext, huaxinList(), { language, now: () => REFRESHED_AT });
  typeInto(fake, sheetName, "D13", { kind: "number", value: 1.6 });
  typeInto(fake, sheetName, "C14", { kind: "formula", formula: "=43.55*1.01", value: 43.9855 });
  const next = huaxinList();
  next.rows.find((r) => r.ticker === "000977.SZ")!.eps_2022 = 1.65;
  next.rows.find((r) => r.ticker === "002230.SZ")!.price = 44.1;
  const report = await refresh(fake, next);
  const conflicts = report.outcomes[0]!.conflicts!;
  expect(conflicts.map((c) => c.address)).toEqual([`'${sheetName}'!D13`, `'${sheetName}'!C14`]);
  return { fake, conflicts };
}

describe("taking the broker's value logs one line per cell taken", () => {
  it("one conflict: the cell takes 1.65 and the log gets its line, in the refresh's columns, in the same 2 syncs", async () => {
    const { fake, conflicts } = await conflicted();
    const refreshLines = logRows(fake);
    expect(refreshLines.map((r) => r[3])).toEqual(["EPS 2022 浪潮信息：券商 1.57 → 1.65，保留您的 1.60", "股价 科大讯飞：券商 43.55 → 44.10，保留您的 =43.55*1.01"]);
    const syncs = fake.syncCount;
    const done = await take(fake, [conflicts[0]!]);
    expect(done).toMatchObject({ syncCount: 2, skipped: [] });
    expect(fake.syncCount - syncs).toBe(2);
    expect(fake.cell(HUAXIN_SHEET, "D13").value).toBe(1.65);
    expect(logRows(fake)).toEqual([...refreshLines, [TAKEN_AT.toISOString(), HUAXIN_TABLE, LIST_ID, "EPS 2022 浪潮信息：采用券商的 1.65，替换您的 1.60"]]);
    // Written as text, like the refresh's lines; the log is written in the second sync only.
    expect(fake.grid(LOG, "A4:D4", "numberFormat")).toEqual([["@", "@", "@", "@"]]);
    expect(fake.writes.filter((w) => w.sheet === LOG && w.sync === syncs + 1)).toEqual([]);
  });

  it("all, in an English table: both lines in English on AIC Refresh log, a formula shown as typed", async () => {
    const { fake, conflicts } = await conflicted("en");
    const done = await take(fake, conflicts);
    expect(done.written.length).toBe(2);
    const taken = logRows(fake, LOG_SHEET_NAMES.en).slice(-2);
    expect(taken).toEqual([
      [TAKEN_AT.toISOString(), conflicts[0]!.tableName, LIST_ID, "EPS 2022 浪潮信息: broker's 1.65 taken, replacing yours 1.60"],
      [TAKEN_AT.toISOString(), conflicts[0]!.tableName, LIST_ID, "Price 科大讯飞: broker's 44.10 taken, replacing yours =43.55*1.01"],
    ]);
    expect(fake.sheetNames()).not.toContain(LOG);
  });

  it("a skipped cell is not logged; when nothing is taken nothing is written, in 1 sync", async () => {
    const { fake, conflicts } = await conflicted();
    typeInto(fake, HUAXIN_SHEET, "D13", { kind: "number", value: 1.7 });
    const before = logRows(fake);
    const some = await take(fake, conflicts);
    expect(some.skipped.map((s) => s.reason)).toEqual(["changed"]);
    expect(logRows(fake)).toEqual([...before, [TAKEN_AT.toISOString(), HUAXIN_TABLE, LIST_ID, "股价 科大讯飞：采用券商的 44.10，替换您的 =43.55*1.01"]]);
    const writes = fake.writes.length;
    const none = await take(fake, [conflicts[0]!]);
    expect(none).toMatchObject({ written: [], syncCount: 1 });
    expect(fake.writes.length).toBe(writes);
  });

  it("a log sheet the analyst deleted since the refresh is made again, with its header (two more syncs: which sheets exist, then the cells)", async () => {
    const { fake, conflicts } = await conflicted();
    fake.deleteSheet(fake.sheet(LOG));
    const done = await take(fake, [conflicts[1]!]);
    expect(done).toMatchObject({ syncCount: 4, skipped: [] });
    expect(fake.grid(LOG, "A1:D1", "value")).toEqual([["时间", "表格", "清单ID", "变化"]]);
    expect(logRows(fake)).toEqual([[TAKEN_AT.toISOString(), HUAXIN_TABLE, LIST_ID, "股价 科大讯飞：采用券商的 44.10，替换您的 =43.55*1.01"]]);
    expect(fake.cell(HUAXIN_SHEET, "C14")).toMatchObject({ kind: "number", value: 44.1 });
  });

  it(`caps the lines of one table at ${LOG_LINE_CAP}, the rest counted in a last line`, async () => {
    const ROWS = LOG_LINE_CAP + 3;
    const fake = new FakeExcel();
    const first = largeList(ROWS);
    const { sheetName, tableName } = await insertPickList(fake.requestContext, first, { language: "zh" });
    // Column D is EPS 2022: the analyst and the broker both change it in every row.
    for (let r = 0; r < ROWS; r++) typeInto(fake, sheetName, `D${12 + r}`, { kind: "number", value: 9.99 });
    const next = largeList(ROWS);
    next.rows.forEach((row) => (row.eps_2022 = 8.88));
    const report = await refresh(fake, next);
    const conflicts = report.outcomes[0]!.conflicts!;
    expect(conflicts.length).toBe(ROWS);
    const logged = logRows(fake).length;
    const done = await take(fake, conflicts);
    expect(done).toMatchObject({ syncCount: 2 });
    expect(done.written.length).toBe(ROWS);
    const taken = logRows(fake).slice(logged);
    expect(taken.length).toBe(LOG_LINE_CAP + 1);
    expect(taken[0]).toEqual([TAKEN_AT.toISOString(), tableName, first.id, `EPS 2022 ${first.rows[0]!.name}：采用券商的 8.88，替换您的 9.99`]);
    expect(taken[LOG_LINE_CAP]![3]).toBe("另有 3 处变化未逐条列出");
    expect(fake.cell(sheetName, `D${12 + ROWS - 1}`).value).toBe(8.88);
  }, 60_000);
});

/**
 * The Huaxin list inserted twice (two sheets, two tables, one zh log), D13 (浪潮信息's EPS 2022) of each typed
 * over as 1.60 while the broker revises it to 1.65: one conflict per sheet.
 */
async function conflictedTwice(): Promise<{ fake: FakeExcel; conflicts: RefreshConflict[]; first: InsertResult; second: InsertResult }> {
  const fake = new FakeExcel();
  const first = await insertPickList(fake.requestContext, huaxinList(), { language: "zh", now: () => REFRESHED_AT });
  const second = await insertPickList(fake.requestContext, huaxinList(), { language: "zh", now: () => REFRESHED_AT });
  for (const { sheetName } of [first, second]) typeInto(fake, sheetName, "D13", { kind: "number", value: 1.6 });
  const next = huaxinList();
  next.rows.find((r) => r.ticker === "000977.SZ")!.eps_2022 = 1.65;
  const report = await refresh(fake, next);
  const conflicts = report.outcomes.flatMap((o) => o.conflicts ?? []);
  expect(conflicts.map((c) => c.address)).toEqual([`'${first.sheetName}'!D13`, `'${second.sheetName}'!D13`]);
  return { fake, conflicts, first, second };
}

describe("a conflict's sheet renamed or deleted since the refresh", () => {
  it("deleted: that cell is skipped as missing, the other written and logged; one sync asks which sheets exist, one reads again", async () => {
    const { fake, conflicts, first, second } = await conflictedTwice();
    fake.deleteSheet(fake.sheet(second.sheetName));
    const before = logRows(fake);
    const syncs = fake.syncCount;
    const writes = fake.writes.length;
    const done = await take(fake, conflicts);
    expect(done).toEqual({ written: [conflicts[0]], skipped: [{ conflict: conflicts[1], reason: "missing" }], syncCount: 4 });
    expect(fake.syncCount - syncs).toBe(4);
    expect(fake.cell(first.sheetName, "D13")).toMatchObject({ kind: "number", value: 1.65 });
    // Only the 4th sync writes: the one cell, and the log's line.
    const written = fake.writes.slice(writes).map((w) => `${w.sync - syncs} ${w.kind} ${w.sheet === LOG ? "log" : w.sheet}!${w.address}`);
    expect(written.filter((w) => !w.includes("log!"))).toEqual([`4 range.values ${first.sheetName}!D13`]);
    expect(written.every((w) => w.startsWith("4 "))).toBe(true);
    expect(logRows(fake)).toEqual([...before, [TAKEN_AT.toISOString(), first.tableName, LIST_ID, "EPS 2022 浪潮信息：采用券商的 1.65，替换您的 1.60"]]);
    expect(fake.pendingCount).toBe(0);
  });

  it("deleted along with the log sheet: the other cell is written and a new log made, in the same 4 syncs", async () => {
    const { fake, conflicts, first, second } = await conflictedTwice();
    fake.deleteSheet(fake.sheet(second.sheetName));
    fake.deleteSheet(fake.sheet(LOG));
    const done = await take(fake, conflicts);
    expect(done).toEqual({ written: [conflicts[0]], skipped: [{ conflict: conflicts[1], reason: "missing" }], syncCount: 4 });
    expect(fake.cell(first.sheetName, "D13").value).toBe(1.65);
    expect(logRows(fake)).toEqual([[TAKEN_AT.toISOString(), first.tableName, LIST_ID, "EPS 2022 浪潮信息：采用券商的 1.65，替换您的 1.60"]]);
  });

  it("renamed: the cells are found by the sheet's id and written, in the usual 2 syncs", async () => {
    const { fake, conflicts } = await conflicted();
    fake.sheet(HUAXIN_SHEET).name = "我的重点公司";
    const done = await take(fake, conflicts);
    expect(done).toEqual({ written: conflicts, skipped: [], syncCount: 2 });
    expect(fake.cell("我的重点公司", "D13")).toMatchObject({ kind: "number", value: 1.65 });
    expect(fake.cell("我的重点公司", "C14")).toMatchObject({ kind: "number", value: 44.1 });
  });

  it("every conflict's sheet deleted: nothing is written, each cell skipped as missing, in 2 syncs", async () => {
    const { fake, conflicts } = await conflicted();
    fake.deleteSheet(fake.sheet(HUAXIN_SHEET));
    const before = logRows(fake);
    const writes = fake.writes.length;
    const done = await take(fake, conflicts);
    expect(done).toEqual({ written: [], skipped: conflicts.map((conflict) => ({ conflict, reason: "missing" })), syncCount: 2 });
    expect(fake.writes.length).toBe(writes);
    expect(logRows(fake)).toEqual(before);
    expect(fake.pendingCount).toBe(0);
  });
});

describe("a take-theirs that fails leaves the table, its base and the log as they were", () => {
  it.each([1, 2])("sync %i of 2 dropped", async (n) => {
    const { fake, conflicts } = await conflicted();
    const before = state(fake);
    fake.failSync = { n: fake.syncCount + n, error: new FakeExcelError("GeneralException", `sync ${n} dropped`) };
    await expect(take(fake, conflicts)).rejects.toThrow(`sync ${n} dropped`);
    expect(state(fake)).toEqual(before);
    expect(fake.pendingCount).toBe(0);
  });

  /** Makes the first write to the log sheet throw, after the cells' values went in (they are queued first). */
  function failFirstLogWrite(fake: FakeExcel): void {
    const setCell = fake.setCell.bind(fake);
    let armed = true;
    fake.setCell = (sheet, row, column, patch) => {
      if (armed && sheet.name === LOG) {
        armed = false;
        throw new FakeExcelError("GeneralException", "the log could not be written");
      }
      setCell(sheet, row, column, patch);
    };
  }

  it("part-way through the write (the cells written, the log refused): the cells get their values and formats back", async () => {
    const { fake, conflicts } = await conflicted();
    const before = state(fake);
    const syncs = fake.syncCount;
    failFirstLogWrite(fake);
    await expect(take(fake, conflicts)).rejects.toThrow("the log could not be written");
    const written = fake.writes.filter((w) => w.sync === syncs + 2).map((w) => `${w.kind} ${w.address}`);
    expect(written).toEqual(expect.arrayContaining(["range.values D13", "range.values C14"]));
    expect(state(fake)).toEqual(before);
    expect(fake.cell(HUAXIN_SHEET, "C14")).toMatchObject({ kind: "formula", formula: "=43.55*1.01" });
  });

  it("part-way through the write into a log sheet it made: the sheet is deleted again", async () => {
    const { fake, conflicts } = await conflicted();
    fake.deleteSheet(fake.sheet(LOG));
    const before = state(fake);
    failFirstLogWrite(fake);
    await expect(take(fake, conflicts)).rejects.toThrow("the log could not be written");
    expect(fake.sheetNames()).not.toContain(LOG);
    expect(state(fake)).toEqual(before);
  });

  it.each([2, 3, 4])("with the log sheet deleted since the refresh (its first read fails anyway), sync %i of 4 dropped", async (n) => {
    const { fake, conflicts } = await conflicted();
    fake.deleteSheet(fake.sheet(LOG));
    const before = state(fake);
    fake.failSync = { n: fake.syncCount + n, error: new FakeExcelError("GeneralException", `sync ${n} dropped`) };
    await expect(take(fake, conflicts)).rejects.toThrow(`sync ${n} dropped`);
    expect(state(fake)).toEqual(before);
  });

  it.each([2, 3, 4])("with a conflict's sheet deleted since the refresh, sync %i of 4 dropped: the other sheet's table as it was", async (n) => {
    const { fake, conflicts, second } = await conflictedTwice();
    fake.deleteSheet(fake.sheet(second.sheetName));
    const before = state(fake);
    fake.failSync = { n: fake.syncCount + n, error: new FakeExcelError("GeneralException", `sync ${n} dropped`) };
    await expect(take(fake, conflicts)).rejects.toThrow(`sync ${n} dropped`);
    expect(state(fake)).toEqual(before);
  });

  it("with a conflict's sheet deleted, part-way through the write (the log refused): the cell written gets its value back", async () => {
    const { fake, conflicts, first, second } = await conflictedTwice();
    fake.deleteSheet(fake.sheet(second.sheetName));
    const before = state(fake);
    failFirstLogWrite(fake);
    await expect(take(fake, conflicts)).rejects.toThrow("the log could not be written");
    expect(state(fake)).toEqual(before);
    expect(fake.cell(first.sheetName, "D13")).toMatchObject({ kind: "number", value: 1.6 });
  });
});
