/**
 * planRefresh as plain data: what a refresh writes to a table, and its undo, without Excel. The table's
 * base (what the add-in last wrote) is the rows as the fixture writes them, unless a test says otherwise;
 * the merge's own cases are in test/picks/merge.test.ts and test/refresh/merge.test.ts. Rows are
 * from the Huaxin table 重点关注公司及盈利预测 (华鑫证券, 2024-02-18; assets/catalog/huaxin-2024-02-18-focus.json):
 * 浪潮信息 000977.SZ 30.38 买入, 中际旭创 300308.SZ 127 增持, 汉仪股份 301270.SZ 24.43 未评级.
 */
import { planSheetColumns } from "../../src/excel/layout";
import { encodeCell, mineCellOf } from "../../src/excel/cellContent";
import type { GridOp } from "../../src/excel/gridOps";
import { DROPPED_STATUS, planRefresh as planWithBase, type PlanResult, type TableRead } from "../../src/excel/refreshPlan";
import { matchKey } from "../../src/picks/diff";
import type { TableBase } from "../../src/picks/merge";
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

/** The grid a fixture describes: the header row, the rows, `below` empty rows, one column to the right. */
interface Grid {
  header: string[];
  rows: number;
  formulas: unknown[][];
  numberFormat: unknown[][];
}

/**
 * A table at B3 (top 2, left 1): `header`, then `rows`, then `below` empty rows, and one empty column to the
 * right, as Excel reports them. A cell is a value or { f: formula }. `grid` can be changed before `read(grid)`.
 */
function tableGrid(header: string[], rows: Cell[][], below = 3): Grid {
  const width = header.length + 1;
  const blank = (): Cell[] => Array.from({ length: width }, () => "");
  const cells: Cell[][] = [[...header, ""], ...rows.map((r) => [...r, ""]), ...Array.from({ length: below }, blank)];
  return {
    header,
    rows: rows.length,
    formulas: cells.map((r) => r.map((c) => (typeof c === "object" ? c.f : c))),
    numberFormat: cells.map((r, i) => r.map((_, j) => (i === 0 || i > rows.length ? "General" : FORMATS[header[j] ?? ""] ?? "General"))),
  };
}

/** What refresh.ts reads of the grid: headers, every body column, first/last rows, below, right. */
function read(g: Grid): TableRead {
  const W = g.header.length;
  const H = 1 + g.rows;
  const body = new Map<number, unknown[]>();
  for (let c = 0; c < W; c++) body.set(c, g.formulas.slice(1, H).map((r) => r[c]));
  return {
    top: 2,
    left: 1,
    rowCount: H,
    columnCount: W,
    headers: [...g.header],
    body,
    formats: g.numberFormat[1]?.slice(0, W) ?? [],
    firstRow: g.formulas[1]?.slice(0, W) ?? [],
    lastRow: g.formulas[H - 1]?.slice(0, W) ?? [],
    below: { formulas: g.formulas.slice(H), numberFormat: g.numberFormat.slice(H) },
    right: { formulas: g.formulas.slice(0, H).map((r) => r[W]), numberFormat: g.numberFormat.slice(0, H).map((r) => r[W]) },
  };
}

function tableRead(header: string[], rows: Cell[][], below = 3): TableRead {
  return read(tableGrid(header, rows, below));
}

/** The base a fixture's table was written from: its rows' list cells, as they read now. */
function baseOfRead(r: TableRead): TableBase {
  const base: TableBase = new Map();
  const at = (label: string): number => r.headers.indexOf(label);
  for (let i = 0; i < r.rowCount - 1; i++) {
    const row: Record<string, string | number | null> = {};
    for (const c of COLUMNS) {
      const j = at(c.label.en);
      if (j < 0) continue;
      const v = mineCellOf(r.body.get(j)?.[i]);
      row[c.key] = typeof v === "object" && v !== null ? v.formula : v;
    }
    const key = matchKey(row, "ticker", "name");
    if (!base.has(key)) base.set(key, row);
  }
  return base;
}

/** planRefresh with the base the fixture was written from. */
function planRefresh(r: TableRead, rec: PickTableRecord, next: PickList): PlanResult {
  return planWithBase(r, rec, next, baseOfRead(r));
}

const cellsOf = (ops: GridOp[], kind: GridOp["kind"]): Map<string, unknown> => {
  const out = new Map<string, unknown>();
  for (const op of ops.filter((o) => o.kind === kind)) {
    // A fill is one value for a whole block.
    const cells = op.fill ? Array.from({ length: op.fill.rows }, () => Array.from({ length: op.fill!.columns }, () => op.fill!.value)) : op.cells;
    cells.forEach((row, i) => row.forEach((v, j) => v !== null && out.set(`${op.row + i},${op.column + j}`, v)));
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
    expect(plan.counts).toEqual({ updated: 2, added: 0, dropped: 0, returned: 0, conflicts: 0 });
    expect(plan.diff.ratingChanges.map((c) => [c.ticker, c.from, c.to])).toEqual([["000977.SZ", "买入", "增持"]]);
  });

  it("pairs every write with its undo: the content and format each cell had, the strike its status implies", () => {
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

  it("restores a formula as a formula and text Excel would parse, outside a text cell, with its apostrophe", () => {
    const grid = tableGrid(["Ticker", "Name", "Price", "Rating"], [["000977.SZ", "浪潮信息", { f: "=RTD(1)" }, "买入"]]);
    grid.numberFormat[1]![3] = "General";
    const base = baseOfRead(read(grid));
    base.get("000977.SZ")!.price = "=RTD(1)";
    // A formula's text is parsed text: the plan asks for the cell's own format before it writes there.
    const r = read(grid);
    expect(planWithBase(r, record(), list([{ ...INSPUR, price: 31, rating: "增持" }]), base)).toMatchObject({ ok: false, formatsNeeded: [[0, 2]] });
    r.cellFormats = new Map([["0,2", "0.00"]]);
    const result = planWithBase(r, record(), list([{ ...INSPUR, price: 31, rating: "增持" }]), base);
    if (!result.ok) throw new Error(result.error);
    expect(cellsOf(result.plan.restoreOps, "formulas").get("3,3")).toBe("=RTD(1)");
    expect(cellsOf(result.plan.restoreOps, "values").get("3,4")).toBe("买入");
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
    );
    const rec = { ...record(), columns: [...record().columns, { key: "status", header: "Status", role: "status" as const }] };
    const result = planRefresh(read, rec, list([{ ...INSPUR, price: 31 }, HANYI]));
    if (!result.ok) throw new Error(result.error);
    const { plan } = result;
    expect(plan.counts).toEqual({ updated: 1, added: 0, dropped: 0, returned: 1, conflicts: 0 });
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
    const grid = tableGrid(["Ticker", "Name", "Price", "Rating"], [["000977.SZ", "浪潮信息", 30.38, "买入"]]);
    grid.formulas[0]![4] = "notes";
    expect(planRefresh(read(grid), record(), list([]))).toEqual({
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
