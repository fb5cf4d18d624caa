/**
 * planRefresh as plain data: what a refresh writes to a table, and its undo, without Excel. Rows are
 * from the Huaxin table 重点关注公司及盈利预测 (华鑫证券, 2024-02-18; assets/catalog/huaxin-2024-02-18-focus.json):
 * 浪潮信息 000977.SZ 30.38 买入, 中际旭创 300308.SZ 127 增持, 汉仪股份 301270.SZ 24.43 未评级.
 */
import { planSheetColumns } from "../../src/excel/layout";
import { DROPPED_STATUS, encodeCell, planRefresh, type GridOp, type TableRead } from "../../src/excel/refreshPlan";
import { buildPickTableRecord, type PickTableRecord } from "../../src/excel/workbookRecord";
import type { PickColumn, PickList, PickRow } from "../../src/picks/types";
import { huaxinList } from "../excel/lists";

const COLUMNS: PickColumn[] = [
  { key: "ticker", kind: "ticker", label: { zh: "代码", en: "Ticker" } },
  { key: "name", kind: "name", label: { zh: "名称", en: "Name" } },
  { key: "price", kind: "price", label: { zh: "股价", en: "Price" } },
  { key: "rating", kind: "rating", label: { zh: "投资评级", en: "Rating" } },
];
const INSPUR: PickRow = { ticker: "000977.SZ", name: "浪潮信息", price: 30.38, rating: "买入" };
const INNOLIGHT: PickRow = { ticker: "300308.SZ", name: "中际旭创", price: 127, rating: "增持" };
const HANYI: PickRow = { ticker: "301270.SZ", name: "汉仪股份", price: 24.43, rating: "未评级" };

function list(rows: PickRow[]): PickList {
  return { ...huaxinList(), id: "huaxin-small", columns: COLUMNS, rows };
}

function record(): PickTableRecord {
  const l = list([]);
  return buildPickTableRecord({ list: l, language: "en", columns: planSheetColumns(l, "en"), tableId: "1", tableName: "T", sheetId: "s", sheetName: "S" });
}

type Cell = string | number | { f: string };
const FORMATS: Record<string, string> = { Ticker: "@", Name: "@", Price: "0.00", Rating: "@" };

/**
 * A table read at B3 (top 2, left 1): `header`, then `rows`, then `below` empty rows, and one empty
 * column to the right, as Excel reports them. A cell is a value or { f: formula }.
 */
function tableRead(header: string[], rows: Cell[][], below = 3, strike: boolean[][] = []): TableRead {
  const width = header.length + 1;
  const blank = (): Cell[] => Array.from({ length: width }, () => "");
  const cells: Cell[][] = [[...header, ""], ...rows.map((r) => [...r, ""]), ...Array.from({ length: below }, blank)];
  return {
    top: 2,
    left: 1,
    rowCount: 1 + rows.length,
    columnCount: header.length,
    values: cells.map((r) => r.map((c) => (typeof c === "object" ? 0 : c))),
    formulas: cells.map((r) => r.map((c) => (typeof c === "object" ? c.f : c))),
    numberFormat: cells.map((r, i) => r.map((_, j) => (i === 0 || i > rows.length ? "General" : FORMATS[header[j] ?? ""] ?? "General"))),
    strike: cells.map((r, i) => r.map((_, j) => strike[i]?.[j] === true)),
  };
}

const cellsOf = (ops: GridOp[], kind: GridOp["kind"]): Map<string, unknown> => {
  const out = new Map<string, unknown>();
  for (const op of ops.filter((o) => o.kind === kind)) {
    op.cells.forEach((row, i) => row.forEach((v, j) => v !== null && out.set(`${op.row + i},${op.column + j}`, v)));
  }
  return out;
};

describe("planRefresh", () => {
  it("writes only source cells that change, and never a column the analyst inserted between them", () => {
    // The analyst inserted "My note" between Name and Price (sheet column D = index 3).
    const read = tableRead(["Ticker", "Name", "My note", "Price", "Rating"], [
      ["000977.SZ", "浪潮信息", "watch", 30.38, "买入"],
      ["300308.SZ", "中际旭创", { f: "=1+1" }, 127, "增持"],
    ]);
    const next = list([{ ...INSPUR, rating: "增持" }, { ...INNOLIGHT, price: 130 }]);
    const result = planRefresh(read, record(), next);
    if (!result.ok) throw new Error(result.error);
    const { plan } = result;
    expect(Object.fromEntries(cellsOf(plan.bodyOps, "values"))).toEqual({ "3,5": "增持", "4,4": 130 });
    for (const op of [...plan.bodyOps, ...plan.headerOps]) {
      const width = op.cells[0]!.length;
      expect(op.column <= 3 && op.column + width - 1 >= 3).toBe(false);
    }
    expect(plan.counts).toEqual({ updated: 2, added: 0, dropped: 0, returned: 0 });
    expect(plan.diff.ratingChanges.map((c) => [c.ticker, c.from, c.to])).toEqual([["000977.SZ", "买入", "增持"]]);
  });

  it("pairs every write with its undo: the content, format and strike each cell had", () => {
    const read = tableRead(["Ticker", "Name", "Price", "Rating"], [
      ["000977.SZ", "浪潮信息", 30.38, "买入"],
      ["301270.SZ", "汉仪股份", 24.43, "未评级"],
    ]);
    const result = planRefresh(read, record(), list([{ ...INSPUR, rating: "增持" }, INNOLIGHT]));
    if (!result.ok) throw new Error(result.error);
    const { plan } = result;
    // 浪潮信息's rating (row 3, column 4) goes back to 买入; the new row's cells (row 5) back to empty.
    expect(cellsOf(plan.restoreOps, "values").get("3,4")).toBe("买入");
    expect(cellsOf(plan.bodyOps, "values").get("5,1")).toBe("300308.SZ");
    expect(cellsOf(plan.restoreOps, "values").get("5,1")).toBe("");
    // 汉仪股份 is dropped: struck, its status cell written (status column right of the table, column 5).
    expect(cellsOf(plan.bodyOps, "strike").get("4,1")).toBe(true);
    expect(cellsOf(plan.restoreOps, "strike").get("4,1")).toBe(false);
    expect(cellsOf(plan.bodyOps, "values").get("4,5")).toBe(DROPPED_STATUS.en);
    expect(plan.headerOps.map((o) => [o.kind, o.row, o.column, o.cells])).toEqual([
      ["numberFormat", 2, 5, [["@"]]],
      ["values", 2, 5, [["Status"]]],
    ]);
    expect(cellsOf(plan.restoreOps, "numberFormat").get("2,5")).toBe("General");
    // Every written cell has an undo.
    const written = new Set([...plan.headerOps, ...plan.bodyOps].flatMap((op) => [...cellsOf([op], op.kind).keys()].map((k) => `${op.kind === "formulas" ? "values" : op.kind}:${k}`)));
    const undone = new Set(["values", "formulas", "numberFormat", "strike"].flatMap((kind) => [...cellsOf(plan.restoreOps, kind as GridOp["kind"]).keys()].map((k) => `${kind === "formulas" ? "values" : kind}:${k}`)));
    expect([...written].filter((k) => !undone.has(k))).toEqual([]);
  });

  it("restores a formula as a formula and text outside a text cell with its apostrophe", () => {
    const read = tableRead(["Ticker", "Name", "Price", "Rating"], [["000977.SZ", "浪潮信息", { f: "=RTD(1)" }, "买入"]]);
    read.numberFormat[1]![3] = "General";
    const result = planRefresh(read, record(), list([{ ...INSPUR, rating: "增持" }]));
    if (!result.ok) throw new Error(result.error);
    expect(cellsOf(result.plan.restoreOps, "formulas").get("3,3")).toBe("=RTD(1)");
    expect(cellsOf(result.plan.restoreOps, "values").get("3,4")).toBe("'买入");
    // The new rating goes into the General cell with an apostrophe too: text stays text.
    expect(cellsOf(result.plan.bodyOps, "values").get("3,4")).toBe("'增持");
  });

  it("leaves a repeated row alone, and a row that comes back loses its status and strikethrough", () => {
    const read = tableRead(
      ["Ticker", "Name", "Price", "Rating", "Status"],
      [
        ["000977.SZ", "浪潮信息", 30.38, "买入", ""],
        ["301270.SZ", "汉仪股份", 24.43, "未评级", "已移出"],
        ["000977.SZ", "浪潮信息 (copy)", 1, "x", ""],
      ],
      3,
      [[], [], [false, true, true, true, true, true]],
    );
    const rec = { ...record(), columns: [...record().columns, { key: "status", header: "Status", role: "status" as const }] };
    const result = planRefresh(read, rec, list([{ ...INSPUR, price: 31 }, HANYI]));
    if (!result.ok) throw new Error(result.error);
    const { plan } = result;
    expect(plan.counts).toEqual({ updated: 1, added: 0, dropped: 0, returned: 1 });
    expect(cellsOf(plan.bodyOps, "values").get("4,5")).toBe("");
    expect(cellsOf(plan.bodyOps, "strike").get("4,1")).toBe(false);
    // The copy (sheet row 5) is neither updated nor dropped.
    expect([...cellsOf(plan.bodyOps, "values").keys()].filter((k) => k.startsWith("5,"))).toEqual([]);
    expect([...cellsOf(plan.bodyOps, "strike").keys()].filter((k) => k.startsWith("5,"))).toEqual([]);
  });

  it("gives new rows a calculated column's formula, not a column whose formulas differ", () => {
    const read = tableRead(["Ticker", "Name", "Price", "Rating", "Upside", "Mine"], [
      ["000977.SZ", "浪潮信息", 30.38, "买入", { f: "=[@Price]*1.2" }, { f: "=D4*2" }],
      ["300308.SZ", "中际旭创", 127, "增持", { f: "=[@Price]*1.2" }, { f: "=D5*2" }],
    ]);
    const result = planRefresh(read, record(), list([INSPUR, INNOLIGHT, HANYI]));
    if (!result.ok) throw new Error(result.error);
    const formulas = cellsOf(result.plan.bodyOps, "formulas");
    expect(formulas.get("5,5")).toBe("=[@Price]*1.2");
    expect(formulas.has("5,6")).toBe(false);
  });

  it("keeps a column the source no longer has as it is, and reports it", () => {
    const read = tableRead(["Ticker", "Name", "Price", "Rating"], [["000977.SZ", "浪潮信息", 30.38, "买入"]]);
    const next = { ...list([INSPUR]), columns: COLUMNS.filter((c) => c.key !== "price") };
    next.rows = [{ ticker: "000977.SZ", name: "浪潮信息", rating: "买入" }];
    const result = planRefresh(read, record(), next);
    if (!result.ok) throw new Error(result.error);
    expect(result.plan.bodyOps).toEqual([]);
    expect(result.plan.diff.columnsRemoved).toEqual(["price"]);
  });

  it.each([
    ["another list", (l: PickList) => ({ ...l, id: "other" }), [], 'the source sent list "other", the table holds "huaxin-small"'],
    ["a renamed header", (l: PickList) => l, ["Ticker", "Company", "Price", "Rating"], 'column "Name" (name) is not in the table any more: a refresh finds the list\'s columns by their headers; rename it back, or insert the list again'],
  ] as const)("fails, writing nothing, for %s", (_, change, header, error) => {
    const read = tableRead(header.length ? [...header] : ["Ticker", "Name", "Price", "Rating"], [["000977.SZ", "浪潮信息", 30.38, "买入"]]);
    expect(planRefresh(read, record(), change(list([INSPUR])))).toEqual({ ok: false, error });
  });

  it("fails when the status column's place right of the table holds something", () => {
    const read = tableRead(["Ticker", "Name", "Price", "Rating"], [["000977.SZ", "浪潮信息", 30.38, "买入"]]);
    read.values[0]![4] = "notes";
    read.formulas[0]![4] = "notes";
    expect(planRefresh(read, record(), list([]))).toEqual({
      ok: false,
      error: "the status column goes right of the table, into F3:F4, but F3 is not empty: move what is there and refresh again",
    });
  });
});

describe("encodeCell: as the insert writes a cell", () => {
  it("text as is in a text cell, with an apostrophe elsewhere; numbers as numbers; missing as empty", () => {
    expect(encodeCell("=1+1", "@")).toBe("=1+1");
    expect(encodeCell("=1+1", "0.00")).toBe("'=1+1");
    expect(encodeCell(30.38, "0.00")).toBe(30.38);
    expect(encodeCell(null, "0.00")).toBe("");
    expect(encodeCell(null, "@")).toBe("");
  });
});
