/**
 * Table rows and their problems: a table whose rows fit the header's columns is read in one pass (each
 * row converted as it is split); any other is read whole. Either way the rows, and the problems with
 * their codes, rows and tickers, are the ones the rules give: a header problem found in a late row
 * wins over cell errors in earlier rows, and row errors come in row order.
 */
import { parseReport } from "../../../src/picks/parser";

const TITLE = "表1：重点推荐";

function note(header: string[], rows: string[]): string {
  return ["2025-03-09", TITLE, ...header, ...rows].join("\n");
}

/** `n` tab-separated rows "6000NN.SH / 名称N / price", row i (1-based) replaced by `edits[i]`. */
function tabRows(n: number, edits: Record<number, string> = {}): string[] {
  return Array.from({ length: n }, (_, i) => edits[i + 1] ?? `${600000 + i}.SH\t名称${i + 1}\t${10 + i}.5`);
}

function tableProblems(text: string): object[] {
  return parseReport(text)
    .problems.filter((p) => p.table === TITLE)
    .map(({ table: _table, reason: _reason, ...detail }) => detail);
}

it("reads a tab-separated table's rows to its columns, each row with the columns' keys in order", () => {
  const r = parseReport(note(["代码\t名称\t股价"], tabRows(3)));
  expect(r.problems).toEqual([]);
  expect(r.lists[0]!.rows).toEqual([
    { ticker: "600000.SH", name: "名称1", price: 10.5 },
    { ticker: "600001.SH", name: "名称2", price: 11.5 },
    { ticker: "600002.SH", name: "名称3", price: 12.5 },
  ]);
  expect(Object.keys(r.lists[0]!.rows[2]!)).toEqual(["ticker", "name", "price"]);
});

it("reads full-width rows as ASCII, and a row that folding changes by its folded cells, its text as printed", () => {
  const r = parseReport(note(["代码\t名称\t股价"], tabRows(3, { 2: "６０００１０.SH\t浦发Ａ\t１０.５", 3: "600011.SH\u00a0\t浦发\u00a0银行\t\u00a011.5" })));
  expect(r.problems).toEqual([]);
  expect(r.lists[0]!.rows.slice(1)).toEqual([
    { ticker: "600010.SH", name: "浦发A", price: 10.5 },
    { ticker: "600011.SH", name: "浦发\u00a0银行", price: 11.5 },
  ]);
});

it("reports cell errors and repeated tickers in row order, with each row's ticker", () => {
  const text = note(["代码\t名称\t股价"], tabRows(8, { 2: "600001.SH\t名称2\tabc", 5: "600000.SH\t名称5\t1", 7: "600006.SH\t名称7\t12x" }));
  expect(parseReport(text).lists).toEqual([]);
  expect(tableProblems(text)).toEqual([
    { code: "bad-cell", row: 2, ticker: "600001.SH", column: "price", text: "abc", expected: "number" },
    { code: "duplicate-ticker", row: 5, ticker: "600000.SH", firstRow: 1 },
    { code: "bad-cell", row: 7, ticker: "600006.SH", column: "price", text: "12x", expected: "number" },
  ]);
});

it("reports a value under no header in a late row, not the earlier rows' cell errors", () => {
  const text = note(["代码\t名称\t股价"], tabRows(30, { 3: "600002.SH\t名称3\tabc", 25: "600024.SH\t名称25\t3\t4" }));
  expect(parseReport(text).lists).toEqual([]);
  expect(tableProblems(text)).toEqual([{ code: "values-without-header", column: 4 }]);
});

it("reads a blank cell under an unlabelled tab position as nothing", () => {
  const r = parseReport(note(["代码\t名称\t\t股价"], tabRows(4).map((row) => row.replace(/\t(\d)/, "\t\t$1"))));
  expect(r.problems).toEqual([]);
  expect(r.lists[0]!.rows[3]).toEqual({ ticker: "600003.SH", name: "名称4", price: 13.5 });
});

it("reports a space-separated row that does not count out, not an earlier row's bad cell", () => {
  const rows = Array.from({ length: 6 }, (_, i) => `${600000 + i}.SH 名称${i + 1} ${10 + i}.5`);
  rows[1] = "600001.SH 名称2 abc";
  rows[3] = "600003.SH 名称4 10 11";
  const text = note(["代码 名称 股价"], rows);
  expect(tableProblems(text)).toEqual([{ code: "row-ambiguous", row: 4, ticker: "600003.SH", values: 4, columns: 3 }]);
});

it("reads a space-separated table whose name spreads over two tokens", () => {
  const rows = ["600000.SH ST 泛微 10.5", "600001.SH 名称2 11.5"];
  const r = parseReport(note(["代码 名称 股价"], rows));
  expect(r.problems).toEqual([]);
  expect(r.lists[0]!.rows).toEqual([
    { ticker: "600000.SH", name: "ST 泛微", price: 10.5 },
    { ticker: "600001.SH", name: "名称2", price: 11.5 },
  ]);
});

it("settles a column no rule knows by its values, and says so", () => {
  const rows = tabRows(3).map((row, i) => `${row}\t${i + 1}`);
  const text = note(["代码\t名称\t股价\tXYZ"], rows);
  const r = parseReport(text);
  expect(tableProblems(text)).toEqual([{ code: "unknown-column", column: 4, header: "XYZ", kind: "number", key: "col4" }]);
  expect(r.lists[0]!.rows[2]).toEqual({ ticker: "600002.SH", name: "名称3", price: 12.5, col4: 3 });
});
