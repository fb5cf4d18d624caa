/**
 * Shared by the refresh tests: the Huaxin table 重点关注公司及盈利预测 (华鑫证券, prices of 2024-02-18;
 * assets/catalog/huaxin-2024-02-18-focus.json, transcribed from the seed note 000_80e115261217253b.txt)
 * as inserted, a later version of it, and a full snapshot of a table's cells for "exactly as it was".
 */
import { insertPickList, type InsertResult } from "../../src/excel/insert";
import type { ListOrigin } from "../../src/picks/sources";
import type { PickList, PickRow } from "../../src/picks/types";
import { parsePickTableRecord, pickTableSettingKey, type PickTableRecord } from "../../src/excel/workbookRecord";
import { formatAddress, parseAddress, type FakeCell, type FakeExcel } from "../support/excelFake";
import { huaxinList, syntheticList } from "../excel/lists";
import { validatePickList } from "../../src/picks/validate";

export const HUAXIN_SHEET = "重点关注公司及盈利预测";
export const HUAXIN_TABLE = "AIC_huaxin_2024_02_18_focus";
export const INSERTED_AT = new Date("2024-02-19T01:00:00Z");
export const REFRESHED_AT = new Date("2024-03-01T08:00:00Z");

/** Inserts the Huaxin list (or `list`) into `fake`, in Chinese, as from `source`. */
export async function insertHuaxin(fake: FakeExcel, list: PickList = huaxinList(), source?: ListOrigin): Promise<InsertResult> {
  return insertPickList(fake.requestContext, list, { language: "zh", now: () => INSERTED_AT, ...(source ? { source } : {}) });
}

/**
 * The Huaxin list a fortnight later (the changes are the test's, not the report's): 浪潮信息 downgraded
 * 买入 → 增持, 中际旭创's 2024E EPS revised 5.01 → 5.5, 汉仪股份 (301270.SZ) dropped, 中国长城
 * (000066.SZ, a constructed row: price 12.34, no forecasts, unrated) added, prices of 2024-03-01.
 */
export function huaxinNext(): PickList {
  const next = huaxinList();
  const row = (t: string): PickRow => next.rows.find((r) => r.ticker === t)!;
  row("000977.SZ").rating = "增持";
  row("300308.SZ").eps_2024 = 5.5;
  next.rows = next.rows.filter((r) => r.ticker !== "301270.SZ");
  next.rows.push({
    ticker: "000066.SZ",
    name: "中国长城",
    price: 12.34,
    eps_2022: null,
    eps_2023: null,
    eps_2024: null,
    pe_2022: null,
    pe_2023: null,
    pe_2024: null,
    rating: null,
  });
  next.source.priceDate = "2024-03-01";
  return next;
}

/** Excel row (1-based) of `ticker` in the inserted Huaxin table (data from row 12, in the list's order). */
export function huaxinRowOf(ticker: string): number {
  const i = huaxinList().rows.findIndex((r) => r.ticker === ticker);
  if (i < 0) throw new Error(`no Huaxin row ${ticker}`);
  return 12 + i;
}

export function recordOf(fake: FakeExcel, tableName: string): PickTableRecord {
  const record = parsePickTableRecord(fake.settings.get(pickTableSettingKey(fake.table(tableName).id)));
  if (!record) throw new Error(`no record for ${tableName}`);
  return record;
}

/**
 * Everything a refresh could change, for comparing before and after: the table's address and headers,
 * every field of every cell from the sheet's top through `extraRows` below the table and two columns
 * to its right, the settings (records) as stored, the sheets, and the log.
 */
export function snapshot(fake: FakeExcel, tableName: string, extraRows = 5): unknown {
  const table = fake.table(tableName);
  const rect = { top: 0, left: 0, rows: table.top + table.rowCount + extraRows, cols: table.left + table.columnCount + 2 };
  // Excel has no "unset" strikethrough: a cell never struck and one un-struck read the same (false).
  const cells: FakeCell[][] = fake.grid(table.sheet.name, formatAddress(rect), "kind").map((row, i) =>
    row.map((_, j) => ({ ...fake.getCell(table.sheet, i, j), strikethrough: fake.getCell(table.sheet, i, j).strikethrough === true })),
  );
  return {
    address: fake.tableAddress(table),
    headers: [...table.headers],
    cells,
    settings: JSON.stringify([...fake.settings.entries()]),
    sheets: fake.sheetNames(),
    conditionalFormats: fake.conditionalFormats.map((c) => `${c.sheet.name}!${c.address}`),
  };
}

/** Writes straight into the fake's state (what an analyst types), without a request. */
export function typeInto(fake: FakeExcel, sheetName: string, address: string, cell: Partial<FakeCell>): void {
  const sheet = fake.sheet(sheetName);
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  let column = 0;
  for (const ch of m[1]!) column = column * 26 + (ch.charCodeAt(0) - 64);
  fake.setCell(sheet, Number(m[2]) - 1, column - 1, cell);
}

/**
 * `rows` rows in the Huaxin columns (values cycled from the report's rows), with valid, distinct
 * Shanghai tickers 600000.SH, 600001.SH ... so the list passes validatePickList as any feed must.
 */
export function largeList(rows: number, id = "synthetic-large"): PickList {
  const list = syntheticList(rows, id);
  list.rows.forEach((row, i) => (row.ticker = `${600000 + i}.SH`));
  const checked = validatePickList(list);
  if (!checked.ok) throw new Error(checked.errors.join("; "));
  return checked.list;
}

/**
 * What an analyst does after inserting the table: a target-price column N (a value, a formula of their
 * own, a note-like text, bold), and a calculated column O (the same structured-reference formula in
 * every row), typed in next to the table so that it grows to A11:O28.
 */
export function analystWorks(fake: FakeExcel): void {
  typeInto(fake, HUAXIN_SHEET, "N11", { kind: "text", value: "目标价" });
  typeInto(fake, HUAXIN_SHEET, "O11", { kind: "text", value: "上行空间" });
  for (let r = 12; r <= 28; r++) typeInto(fake, HUAXIN_SHEET, `O${r}`, { kind: "formula", formula: "=[@[目标价]]/[@[股价]]-1", value: null, numberFormat: "0.0%" });
  typeInto(fake, HUAXIN_SHEET, "N13", { kind: "number", value: 40, numberFormat: "0.00", bold: true });
  typeInto(fake, HUAXIN_SHEET, "N18", { kind: "formula", formula: "=C18*1.3", value: null, numberFormat: "0.00" });
  typeInto(fake, HUAXIN_SHEET, "N24", { kind: "text", value: "观察", bold: true });
  fake.resizeTable(fake.table(HUAXIN_TABLE), parseAddress("A11:O28"));
}
