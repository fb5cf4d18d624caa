/**
 * readWorkbookNames against the Excel fake: the (name, ticker) pairs of the tables the add-in inserted,
 * as the cells hold them now (the analyst's corrections included), and the importer resolving a note's
 * themed list through them.
 */
import { insertPickList } from "../../src/excel/insert";
import { readWorkbookNames } from "../../src/excel/workbookNames";
import { namesFromLists } from "../../src/picks/importer/names";
import { parseReport } from "../../src/picks/importer/parse";
import { parseAddress, FakeExcel, FakeExcelError } from "../support/excelFake";
import { HUAXIN_SHEET, HUAXIN_TABLE, insertHuaxin, largeList, typeInto } from "../refresh/support";
import { huaxinList, smallList } from "./lists";

/** 华鑫证券's table 重点关注公司及盈利预测: 浪潮信息 is its second body row (sheet row 13), 000977.SZ. */
const INSPUR_ROW = 13;

/** A short note whose one themed list names 浪潮信息 and 中际旭创 (no table of its own). */
const NOTE = ["某某证券", "2024年3月1日", "投资建议：", "建议关注方向：浪潮信息、中际旭创等。"].join("\n");

describe("readWorkbookNames", () => {
  it("reads every inserted row's name and ticker in two syncs", async () => {
    const fake = new FakeExcel();
    await insertHuaxin(fake);
    const before = fake.syncCount;
    const read = await readWorkbookNames(fake.requestContext);
    expect(read.syncCount).toBe(2);
    expect(fake.syncCount - before).toBe(2);
    expect(read.tables).toBe(1);
    expect(read.entries).toEqual(huaxinList().rows.map((r) => ({ name: r.name, ticker: r.ticker })));
  });

  it("reads every table the add-in inserted in the same two syncs, in table order", async () => {
    const fake = new FakeExcel();
    await insertHuaxin(fake);
    const second = smallList([
      { ticker: "688981.SH", name: "中芯国际", price: 85.1 },
      { ticker: "0700.HK", name: "腾讯控股", price: 290 },
    ]);
    await insertPickList(fake.requestContext, second, { language: "en" });
    const read = await readWorkbookNames(fake.requestContext);
    expect(read.syncCount).toBe(2);
    expect(read.tables).toBe(2);
    expect(read.entries.slice(17)).toEqual([
      { name: "中芯国际", ticker: "688981.SH" },
      { name: "腾讯控股", ticker: "0700.HK" },
    ]);
  });

  it("the analyst's corrected ticker in the table is what it reads, not what the add-in wrote", async () => {
    const fake = new FakeExcel();
    await insertHuaxin(fake);
    typeInto(fake, HUAXIN_SHEET, `A${INSPUR_ROW}`, { kind: "text", value: "000938.SZ", numberFormat: "@" });
    const read = await readWorkbookNames(fake.requestContext);
    expect(read.entries).toContainEqual({ name: "浪潮信息", ticker: "000938.SZ" });
    expect(read.entries).not.toContainEqual({ name: "浪潮信息", ticker: "000977.SZ" });
  });

  it("a note's themed list takes the workbook's ticker over the catalog's and the directory's", async () => {
    const fake = new FakeExcel();
    await insertHuaxin(fake);
    typeInto(fake, HUAXIN_SHEET, `A${INSPUR_ROW}`, { kind: "text", value: "000938.SZ", numberFormat: "@" });
    const { entries } = await readWorkbookNames(fake.requestContext);
    const catalog = { from: "catalog", entries: namesFromLists([huaxinList()]) };
    const withWorkbook = parseReport(NOTE, { names: [{ from: "workbook", entries }, catalog] });
    expect(withWorkbook.lists).toHaveLength(1);
    expect(withWorkbook.lists[0]!.rows.map((r) => [r.name, r.ticker])).toEqual([
      ["浪潮信息", "000938.SZ"],
      ["中际旭创", "300308.SZ"],
    ]);
    // Without the workbook, the catalog's ticker: the difference is the workbook's.
    const without = parseReport(NOTE, { names: [catalog] });
    expect(without.lists[0]!.rows[0]).toMatchObject({ name: "浪潮信息", ticker: "000977.SZ" });
  });

  it("rows the analyst added below the base's count are read too", async () => {
    const fake = new FakeExcel();
    await insertHuaxin(fake);
    typeInto(fake, HUAXIN_SHEET, "A29", { kind: "text", value: "600519.SH", numberFormat: "@" });
    typeInto(fake, HUAXIN_SHEET, "B29", { kind: "text", value: "贵州茅台", numberFormat: "@" });
    fake.resizeTable(fake.table(HUAXIN_TABLE), parseAddress("A11:M29"));
    const read = await readWorkbookNames(fake.requestContext);
    expect(read.entries).toHaveLength(18);
    expect(read.entries[17]).toEqual({ name: "贵州茅台", ticker: "600519.SH" });
  });

  it("finds a column the analyst moved by its header, and skips a table whose name column is gone", async () => {
    const fake = new FakeExcel();
    await insertHuaxin(fake);
    // The ticker and name headers swapped places (and their cells with them).
    const table = fake.table(HUAXIN_TABLE);
    const sheet = fake.sheet(HUAXIN_SHEET);
    for (let r = 10; r <= 27; r++) {
      const a = fake.getCell(sheet, r, 0);
      const b = fake.getCell(sheet, r, 1);
      fake.setCell(sheet, r, 0, b);
      fake.setCell(sheet, r, 1, a);
    }
    table.headers = [table.headers[1]!, table.headers[0]!, ...table.headers.slice(2)];
    const moved = await readWorkbookNames(fake.requestContext);
    expect(moved.syncCount).toBe(3);
    expect(moved.entries).toEqual(huaxinList().rows.map((r) => ({ name: r.name, ticker: r.ticker })));

    typeInto(fake, HUAXIN_SHEET, "A11", { kind: "text", value: "公司" });
    table.headers = ["公司", ...table.headers.slice(1)];
    const gone = await readWorkbookNames(fake.requestContext);
    expect(gone).toEqual({ entries: [], tables: 0, syncCount: 2 });
  });

  it("reads a large table in windows whose responses stay under the budget", async () => {
    const fake = new FakeExcel();
    const list = largeList(3000);
    await insertPickList(fake.requestContext, list, { language: "en" });
    const first = fake.syncCount;
    const budgetBytes = 64 * 1024 + 20_000;
    const read = await readWorkbookNames(fake.requestContext, { budgetBytes });
    expect(read.entries).toHaveLength(3000);
    expect(read.entries[2999]).toEqual({ name: list.rows[2999]!.name, ticker: "602999.SH" });
    expect(read.syncCount).toBeGreaterThan(3);
    for (const bytes of fake.syncResponseBytes.slice(first)) expect(bytes).toBeLessThanOrEqual(budgetBytes);
  });

  it("reads nothing from a workbook without the add-in's tables, or tables without a name column", async () => {
    const empty = new FakeExcel({ sheets: ["Sheet1"], tables: [{ name: "Mine", sheet: "Sheet1", address: "A1:B2" }] });
    expect(await readWorkbookNames(empty.requestContext)).toEqual({ entries: [], tables: 0, syncCount: 1 });
    const fake = new FakeExcel();
    const noNames = smallList([{ ticker: "300308.SZ", name: "中际旭创", price: 1 }]);
    noNames.columns = noNames.columns.filter((c) => c.kind !== "name");
    noNames.rows = [{ ticker: "300308.SZ", price: 1 }];
    await insertPickList(fake.requestContext, noNames, { language: "zh" });
    expect((await readWorkbookNames(fake.requestContext)).entries).toEqual([]);
  });

  it("a failed request rejects (the taskpane then imports with the other sources)", async () => {
    const fake = new FakeExcel();
    await insertHuaxin(fake);
    fake.failSync = { n: fake.syncCount + 2, error: new FakeExcelError("GeneralException", "the request failed") };
    await expect(readWorkbookNames(fake.requestContext)).rejects.toThrow("the request failed");
  });
});
