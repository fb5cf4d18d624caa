/**
 * What a refresh writes to one table, decided without Excel: from what the read sync saw (the table's
 * header, values, formulas, number formats and strikethrough, plus the empty rows below it and the
 * column to its right) and the workbook record, and the list's new version. refresh.ts only turns the
 * plan into Office.js calls, so every rule below is tested as plain data (test/refresh/plan.test.ts).
 *
 * The rules, so that no analyst work is ever lost:
 * - Columns are found by the headers the record holds (the user may move them and insert columns of
 *   their own between them). A recorded data column whose header is gone fails the refresh of that table
 *   with a message, before anything is written. A live P/E or status column the user deleted stays deleted.
 * - Rows are matched by ticker (by name for a row without one, as diffPickLists does). A row keeps its
 *   position. Its source cells (the list's columns) take the new values, written only where they differ;
 *   every other cell of the row (the analyst's columns: values, formulas, notes, formats) is not written.
 * - Rows new in the source are added at the bottom of the table: source cells filled, number formats set,
 *   a live P/E formula in each live P/E column; the analyst's columns stay empty, except a calculated
 *   column (the same formula in every row, as Excel keeps them), whose formula is written into the new
 *   rows explicitly rather than left to Excel's auto-fill, so the result does not depend on the Excel version.
 * - Rows gone from the source stay: status "已移出"/"Dropped" in a status column (added at the table's
 *   right the first time it is needed) and their source cells struck through. A row that comes back
 *   loses both. The analyst's cells of such a row are not touched (their own strikethrough stays theirs).
 * - The table grows into the rows below it (and the column to its right for the status column) only
 *   when those cells are empty; otherwise the plan fails with the address to clear.
 * - Text from the source is written as text: into a "@" cell as is, elsewhere with Excel's apostrophe.
 *
 * Every write comes with its undo (the cell's content, format or strike as read), which refresh.ts
 * applies when a write sync fails.
 */
import type { CellValue, ColumnKind, PickColumn, PickList, PickRow } from "../picks/types";
import { diffPickLists, matchKey, type PickListDiff } from "../picks/diff";
import type { Language } from "./insert";
import { cellAddress, rangeAddress } from "./a1";
import {
  HEADER_ROW,
  NUMBER_FORMATS,
  TABLE_FIRST_COLUMN,
  TEXT_FORMAT,
  forwardPeFormula,
  metadataRows,
  numberCell,
  planSheetColumns,
  textCell,
  type ForwardPeSheetColumn,
} from "./layout";
import { uniqueHeaders } from "./names";
import type { PickTableRecord, PickTableRecordColumn } from "./workbookRecord";

export const STATUS_HEADER: Readonly<Record<Language, string>> = { zh: "状态", en: "Status" };
export const DROPPED_STATUS: Readonly<Record<Language, string>> = { zh: "已移出", en: "Dropped" };
/** Either language's label marks a dropped row: a workbook may change hands between languages. */
const DROPPED_LABELS: ReadonlySet<string> = new Set(Object.values(DROPPED_STATUS));

export type CellInput = string | number | boolean;

/** One write: a rectangle of cells, in sheet coordinates (0-based); null leaves a cell as it is. */
export interface GridOp {
  kind: "numberFormat" | "values" | "formulas" | "strike";
  row: number;
  column: number;
  cells: (CellInput | null)[][];
}

/** What the read sync loaded for one table. */
export interface TableRead {
  /** Sheet position of the header row's first cell (0-based) and the table's size, header row included. */
  top: number;
  left: number;
  rowCount: number;
  columnCount: number;
  /**
   * The table's range grown by some rows below and one column to the right, as Excel reports it:
   * values, formulas (a formula's text, else the constant) and number formats; strikethrough per cell
   * of the table's rows (header included) and the column to its right.
   */
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  strike: boolean[][];
  /** A1:B9 (the metadata block the insert wrote), when the table is where the insert put it. */
  metadata?: { values: unknown[][]; formulas: unknown[][]; numberFormat: unknown[][] };
}

export interface RefreshPlan {
  previous: PickList;
  diff: PickListDiff;
  /** The table's size after the refresh, header row included. */
  rowCount: number;
  columnCount: number;
  /**
   * Writes before the table is resized: the status header (which the resize makes a column header) and
   * the dates of the metadata block above the table.
   */
  headerOps: GridOp[];
  /** Writes after the resize: number formats first (text format before text), then values, formulas, strike. */
  bodyOps: GridOp[];
  /** The undo of every write, to run after resizing the table back. */
  restoreOps: GridOp[];
  /** The record as it must read after the refresh (refresh.ts adds the times and the table's current names). */
  columns: PickTableRecordColumn[];
  statusColumnAdded: boolean;
  counts: { updated: number; added: number; dropped: number; returned: number };
}

/**
 * A failed plan, or, with `rowsNeeded`, a read that stopped short: the new rows need the sheet read down
 * to `rowsNeeded` rows from the header (the caller reads them and plans again).
 */
export type PlanResult = { ok: true; plan: RefreshPlan } | { ok: false; error: string; rowsNeeded?: number };

interface Located {
  rec: PickTableRecordColumn;
  index: number;
}

type Matrix = (CellInput | null)[][];

function matrix(rows: number, columns: number): Matrix {
  return Array.from({ length: rows }, () => Array.from({ length: columns }, () => null));
}

const fold = (s: string): string => s.toUpperCase();

/**
 * A value as written into a cell of format `numberFormat`: the insert's own encoding (layout.ts), so a
 * refreshed cell is written exactly as an inserted one.
 */
export function encodeCell(value: CellValue, numberFormat: string): string | number {
  return numberFormat === TEXT_FORMAT ? textCell(value) : numberCell(value);
}

/** Reading cells of the grid: formulas, emptiness, values as a pick list holds them. */
class GridReader {
  constructor(private readonly read: TableRead) {}
  value(r: number, c: number): unknown {
    return this.read.values[r]?.[c];
  }
  formula(r: number, c: number): unknown {
    return this.read.formulas[r]?.[c];
  }
  format(r: number, c: number): string {
    const f = this.read.numberFormat[r]?.[c];
    return typeof f === "string" ? f : "General";
  }
  /** A formula: its text starts with "=" and differs from the value (a text constant "=x" reads the same in both). */
  isFormula(r: number, c: number): boolean {
    const f = this.formula(r, c);
    return typeof f === "string" && f.startsWith("=") && f !== this.value(r, c);
  }
  isEmpty(r: number, c: number): boolean {
    const v = this.value(r, c);
    return (v === "" || v === null || v === undefined) && !this.isFormula(r, c);
  }
  cellValue(r: number, c: number): CellValue {
    if (this.isEmpty(r, c)) return null;
    const v = this.value(r, c);
    return typeof v === "number" ? v : String(v);
  }
  /** The cell holds what writing `value` in its format would leave there. */
  holds(r: number, c: number, value: CellValue): boolean {
    if (this.isFormula(r, c)) return false;
    const current = this.cellValue(r, c);
    const encoded = encodeCell(value, this.format(r, c));
    if (encoded === "") return current === null;
    if (typeof encoded === "number") return current === encoded;
    const text = this.format(r, c) !== TEXT_FORMAT && encoded.startsWith("'") ? encoded.slice(1) : encoded;
    return current === text;
  }
  /** What writing back restores: the formula, or the constant in a form Excel keeps as it was. */
  restoreInput(r: number, c: number): { kind: "formulas" | "values"; input: CellInput } {
    if (this.isFormula(r, c)) return { kind: "formulas", input: this.formula(r, c) as string };
    const v = this.value(r, c);
    if (v === null || v === undefined || v === "") return { kind: "values", input: "" };
    if (typeof v === "number" || typeof v === "boolean") return { kind: "values", input: v };
    const text = String(v);
    return { kind: "values", input: this.format(r, c) === TEXT_FORMAT ? text : `'${text}` };
  }
}

/** Column runs with something to write, each over the rows between its first and last write (nulls inside). */
function looseOps(kind: GridOp["kind"], m: Matrix, top: number, left: number): GridOp[] {
  const ops: GridOp[] = [];
  const width = m[0]?.length ?? 0;
  const used = Array.from({ length: width }, (_, c) => m.some((row) => row[c] !== null));
  for (let c = 0; c < width; ) {
    if (!used[c]) {
      c++;
      continue;
    }
    let end = c;
    while (end + 1 < width && used[end + 1]) end++;
    let first = -1;
    let last = -1;
    m.forEach((row, r) => {
      if (row.slice(c, end + 1).some((x) => x !== null)) {
        if (first < 0) first = r;
        last = r;
      }
    });
    ops.push({ kind, row: top + first, column: left + c, cells: m.slice(first, last + 1).map((row) => row.slice(c, end + 1)) });
    c = end + 1;
  }
  return ops;
}

/**
 * Rectangles with no null inside, for number formats: Office.js would take nulls there too, but only
 * new cells get formats, which always form whole rectangles, and the Excel fake refuses null formats.
 */
function strictOps(kind: GridOp["kind"], m: Matrix, top: number, left: number): GridOp[] {
  const ops: GridOp[] = [];
  let open = new Map<string, GridOp>();
  m.forEach((row, r) => {
    const still = new Map<string, GridOp>();
    for (let c = 0; c < row.length; ) {
      if (row[c] === null) {
        c++;
        continue;
      }
      let end = c;
      while (end + 1 < row.length && row[end + 1] !== null) end++;
      const key = `${c}:${end}`;
      const cells = row.slice(c, end + 1);
      const op = open.get(key);
      if (op) {
        op.cells.push(cells);
        still.set(key, op);
      } else {
        const created: GridOp = { kind, row: top + r, column: left + c, cells: [cells] };
        ops.push(created);
        still.set(key, created);
      }
      c = end + 1;
    }
    open = still;
  });
  return ops;
}

function locateHeader(headers: readonly string[], header: string): number {
  const exact = headers.indexOf(header);
  return exact >= 0 ? exact : headers.findIndex((h) => fold(h) === fold(header));
}

/** Plans the refresh of one table to `next`. Fails, writing nothing, when the table cannot be mapped or grown. */
export function planRefresh(read: TableRead, record: PickTableRecord, next: PickList): PlanResult {
  const fail = (error: string): PlanResult => ({ ok: false, error });
  const lang = record.language;
  const grid = new GridReader(read);
  const H = read.rowCount;
  const W = read.columnCount;
  if (next.id !== record.listId) return fail(`the source sent list "${next.id}", the table holds "${record.listId}"`);
  const headers = Array.from({ length: W }, (_, c) => String(read.values[0]?.[c] ?? ""));

  // Columns, by recorded header.
  const located: Located[] = [];
  for (const rec of record.columns) {
    const index = locateHeader(headers, rec.header);
    if (index >= 0) located.push({ rec, index });
    else if (rec.role === "data") {
      return fail(`column "${rec.header}" (${rec.key}) is not in the table any more: a refresh finds the list's columns by their headers; rename it back, or insert the list again`);
    }
  }
  const nextColumns = new Map(next.columns.map((c) => [c.key, c]));
  const dataLoc = (key: string): Located | undefined => located.find((l) => l.rec.role === "data" && l.rec.key === key);
  const tickerColumn = next.columns.find((c) => c.kind === "ticker");
  const tickerLoc = tickerColumn ? dataLoc(tickerColumn.key) : undefined;
  if (!tickerColumn || !tickerLoc) return fail(`the list's ticker column is not in the table, so rows cannot be matched`);
  const nameColumn = next.columns.find((c) => c.kind === "name");
  const nameLoc = nameColumn ? dataLoc(nameColumn.key) : undefined;
  const statusLoc = located.find((l) => l.rec.role === "status");
  const sourceIndices = new Set(located.map((l) => l.index));

  // Rows, by ticker (or name); the first of repeated rows is the one refreshed, repeats are left alone.
  const keyOfRow = (r: number): string | null => {
    const row: PickRow = { [tickerColumn.key]: grid.cellValue(r, tickerLoc.index) };
    if (nameColumn && nameLoc) row[nameColumn.key] = grid.cellValue(r, nameLoc.index);
    const key = matchKey(row, tickerColumn.key, nameColumn?.key);
    // A row with neither ticker nor name (a blank or note row) cannot be matched: it is left alone.
    return key === "name:" ? null : key;
  };
  const rowEmpty = (r: number, width: number): boolean => Array.from({ length: width }, (_, c) => grid.isEmpty(r, c)).every(Boolean);
  // An empty list is inserted as one blank row (a table needs one): the first new row takes its place.
  const placeholder = H === 2 && rowEmpty(1, W);
  const tableRowOf = new Map<string, number>();
  const droppedBefore = new Set<number>();
  for (let r = placeholder ? H : 1; r < H; r++) {
    const key = keyOfRow(r);
    if (key === null || tableRowOf.has(key)) continue;
    tableRowOf.set(key, r);
    if (statusLoc && DROPPED_LABELS.has(String(grid.value(r, statusLoc.index)))) droppedBefore.add(r);
  }

  // What the workbook holds, as a list, for the summary.
  const dataLocs = located.filter((l) => l.rec.role === "data");
  const previousColumns: PickColumn[] = dataLocs.map(
    (l) => nextColumns.get(l.rec.key) ?? { key: l.rec.key, kind: l.rec.kind ?? "text", label: { zh: l.rec.header, en: l.rec.header } },
  );
  const previousRows: PickRow[] = [];
  for (const r of tableRowOf.values()) {
    if (droppedBefore.has(r)) continue;
    previousRows.push(Object.fromEntries(dataLocs.map((l) => [l.rec.key, grid.cellValue(r, l.index)])));
  }
  const previous: PickList = {
    ...next,
    id: record.listId,
    source: { ...next.source, ...record.source },
    columns: previousColumns,
    rows: previousRows,
  };
  const diff = diffPickLists(previous, next);

  // Matching.
  const nextByKey = new Map<string, PickRow>();
  for (const row of next.rows) {
    const key = matchKey(row, tickerColumn.key, nameColumn?.key);
    if (!nextByKey.has(key)) nextByKey.set(key, row);
  }
  const matched: [number, PickRow][] = [];
  const newRows: PickRow[] = [];
  for (const [key, row] of nextByKey) {
    const r = tableRowOf.get(key);
    if (r === undefined) newRows.push(row);
    else matched.push([r, row]);
  }
  const droppedNow = [...tableRowOf].filter(([key, r]) => !nextByKey.has(key) && !droppedBefore.has(r)).map(([, r]) => r);
  const returned = matched.filter(([r]) => droppedBefore.has(r)).map(([r]) => r);

  // Growth, and the cells it needs empty.
  const firstNewRow = placeholder ? 1 : H;
  const newH = Math.max(H, firstNewRow + newRows.length);
  const addStatus = droppedNow.length > 0 && !statusLoc;
  const newW = addStatus ? W + 1 : W;
  const statusIndex = statusLoc ? statusLoc.index : addStatus ? W : null;
  if (newH > read.values.length) {
    return { ok: false, error: `internal: ${newH - H} rows to add, ${read.values.length - H} read below the table`, rowsNeeded: newH };
  }
  const occupied = (rows: [number, number], cols: [number, number]): string | null => {
    for (let r = rows[0]; r < rows[1]; r++) for (let c = cols[0]; c < cols[1]; c++) if (!grid.isEmpty(r, c)) return cellAddress(read.top + r, read.left + c);
    return null;
  };
  if (newH > H) {
    const hit = occupied([H, newH], [0, newW]);
    if (hit) {
      return fail(`${newH - H} new rows go below the table, into ${rangeAddress(read.top + H, read.left, newH - H, newW)}, but ${hit} is not empty: move what is there and refresh again`);
    }
  }
  if (addStatus) {
    const hit = occupied([0, newH], [W, W + 1]);
    if (hit) {
      return fail(`the status column goes right of the table, into ${rangeAddress(read.top, read.left + W, newH, 1)}, but ${hit} is not empty: move what is there and refresh again`);
    }
  }

  const values = matrix(newH, newW);
  const formulas = matrix(newH, newW);
  const formats = matrix(newH, newW);
  const strike = matrix(newH, newW);
  const struck = [...sourceIndices, ...(addStatus ? [W] : [])];
  let updated = 0;

  for (const [r, row] of matched) {
    let changed = false;
    for (const l of dataLocs) {
      if (!nextColumns.has(l.rec.key)) continue; // a column the source no longer has keeps its last values
      const value = row[l.rec.key] ?? null;
      if (grid.holds(r, l.index, value)) continue;
      values[r]![l.index] = encodeCell(value, grid.format(r, l.index));
      changed = true;
    }
    if (changed) updated++;
  }
  for (const r of returned) {
    if (statusIndex !== null) values[r]![statusIndex] = "";
    for (const c of struck) strike[r]![c] = false;
  }
  for (const r of droppedNow) {
    if (statusIndex !== null) values[r]![statusIndex] = DROPPED_STATUS[lang];
    for (const c of struck) strike[r]![c] = true;
  }

  // New rows: formats first (written before the values), live P/E and calculated columns as formulas.
  const headerOf = (key: string): string | null => {
    const l = dataLoc(key);
    return l ? headers[l.index]! : null;
  };
  const calculated = calculatedColumns(grid, H, W, sourceIndices, placeholder);
  // A version-1 record does not say which columns a live P/E reads: the insert's own plan of the list does.
  const livePlan = new Map(
    planSheetColumns(next, lang)
      .filter((c): c is ForwardPeSheetColumn => c.role === "fwdPe")
      .map((c) => [c.key, c]),
  );
  const liveInputs = (rec: PickTableRecordColumn): { priceKey?: string; epsKey?: string } =>
    rec.priceKey !== undefined ? rec : { priceKey: livePlan.get(rec.key)?.priceKey, epsKey: livePlan.get(rec.key)?.epsKey };
  newRows.forEach((row, i) => {
    const r = firstNewRow + i;
    for (const l of located) {
      if (l.rec.role === "data") {
        const kind: ColumnKind = nextColumns.get(l.rec.key)?.kind ?? l.rec.kind ?? "text";
        const format = NUMBER_FORMATS[kind];
        formats[r]![l.index] = format;
        const value = nextColumns.has(l.rec.key) ? row[l.rec.key] ?? null : null;
        if (value !== null) values[r]![l.index] = encodeCell(value, format);
      } else if (l.rec.role === "fwdPe") {
        formats[r]![l.index] = NUMBER_FORMATS.pe;
        const { priceKey, epsKey } = liveInputs(l.rec);
        const price = priceKey ? headerOf(priceKey) : null;
        const eps = epsKey ? headerOf(epsKey) : null;
        if (price !== null && eps !== null) formulas[r]![l.index] = forwardPeFormula(price, eps);
      } else {
        formats[r]![l.index] = TEXT_FORMAT;
      }
    }
    for (const [c, formula] of calculated) formulas[r]![c] = formula;
  });

  // The status column, when it is new: text format on every row, header written before the resize.
  const headerOps: GridOp[] = [];
  let statusHeader: string | null = null;
  if (addStatus) {
    statusHeader = uniqueHeaders([...headers, STATUS_HEADER[lang]], [...headers, "status"])[W]!;
    headerOps.push({ kind: "numberFormat", row: read.top, column: read.left + W, cells: [[TEXT_FORMAT]] });
    headerOps.push({ kind: "values", row: read.top, column: read.left + W, cells: [[statusHeader]] });
    for (let r = 1; r < newH; r++) formats[r]![W] = TEXT_FORMAT;
  }
  const body = (m: Matrix): Matrix => m.slice(1);
  const bodyOps = [
    ...strictOps("numberFormat", body(formats), read.top + 1, read.left),
    ...looseOps("values", body(values), read.top + 1, read.left),
    ...looseOps("formulas", body(formulas), read.top + 1, read.left),
    ...looseOps("strike", body(strike), read.top + 1, read.left),
  ];
  // Outside the table: written with the header, before the resize.
  headerOps.push(...metadataOps(read, record, next));

  // The record follows the table: columns left to right as they are now, kinds as the source has them.
  const columns: PickTableRecordColumn[] = [...located]
    .sort((a, b) => a.index - b.index)
    .map((l) => {
      const column: PickTableRecordColumn = { ...l.rec, header: headers[l.index]! };
      const kind = nextColumns.get(l.rec.key)?.kind;
      if (l.rec.role === "data" && kind !== undefined) column.kind = kind;
      const { priceKey, epsKey } = liveInputs(l.rec);
      if (l.rec.role === "fwdPe" && priceKey !== undefined && epsKey !== undefined) Object.assign(column, { priceKey, epsKey });
      return column;
    });
  if (statusHeader !== null) columns.push({ key: "status", header: statusHeader, role: "status" });

  return {
    ok: true,
    plan: {
      previous,
      diff,
      rowCount: newH,
      columnCount: newW,
      headerOps,
      bodyOps,
      restoreOps: restoreOpsFor([...headerOps, ...bodyOps], read),
      columns,
      statusColumnAdded: addStatus,
      counts: { updated, added: newRows.length, dropped: droppedNow.length, returned: returned.length },
    },
  };
}

/**
 * The analyst's calculated columns: every body row holds the same formula (Excel's calculated columns
 * are written with structured references, [@[股价]], so the text is the same in every row).
 */
function calculatedColumns(grid: GridReader, H: number, W: number, source: ReadonlySet<number>, placeholder: boolean): Map<number, string> {
  const found = new Map<number, string>();
  if (placeholder || H < 2) return found;
  for (let c = 0; c < W; c++) {
    if (source.has(c)) continue;
    const first = grid.formula(1, c);
    if (!grid.isFormula(1, c) || typeof first !== "string") continue;
    let same = true;
    for (let r = 2; r < H && same; r++) same = grid.isFormula(r, c) && grid.formula(r, c) === first;
    if (same) found.set(c, first);
  }
  return found;
}

/**
 * The report and price dates in the metadata block above the table, when the block is where the insert
 * wrote it and still shows the recorded dates under their labels (a block the analyst changed is theirs).
 */
function metadataOps(read: TableRead, record: PickTableRecord, next: PickList): GridOp[] {
  const meta = read.metadata;
  if (!meta || read.top !== HEADER_ROW || read.left !== TABLE_FIRST_COLUMN) return [];
  const rows = metadataRows(next, record.language);
  const ops: GridOp[] = [];
  const dated: [number, string | null, string | null][] = [
    [4, record.source.reportDate, next.source.reportDate],
    [5, record.source.priceDate, next.source.priceDate],
  ];
  for (const [r, before, after] of dated) {
    if (before === after) continue;
    const label = meta.values[r]?.[0];
    const value = meta.values[r]?.[1];
    const format = meta.numberFormat[r]?.[1];
    if (label !== rows[r]![0] || value !== (before ?? "") || format !== TEXT_FORMAT || meta.formulas[r]?.[1] !== value) continue;
    ops.push({ kind: "values", row: r, column: 1, cells: [[after ?? ""]] });
  }
  return ops;
}

/** The undo of `ops`: each written cell's content, format or strike as read. */
function restoreOpsFor(ops: readonly GridOp[], read: TableRead): GridOp[] {
  const grid = new GridReader(read);
  const meta = read.metadata ? new GridReader({ ...read, ...read.metadata, top: 0, left: 0, strike: [] }) : null;
  // Sheet coordinates → the reader that holds them.
  const at = (row: number, column: number): [GridReader, number, number] => {
    const r = row - read.top;
    const c = column - read.left;
    if (r >= 0 && c >= 0 && r < read.values.length) return [grid, r, c];
    if (meta) return [meta, row, column];
    throw new Error(`internal: no snapshot of ${cellAddress(row, column)}`);
  };
  const content: GridOp[] = [];
  const formats: GridOp[] = [];
  const strikes: GridOp[] = [];
  for (const op of ops) {
    const map = (f: (reader: GridReader, r: number, c: number) => CellInput | null): (CellInput | null)[][] =>
      op.cells.map((row, i) => row.map((cell, j) => (cell === null ? null : f(...at(op.row + i, op.column + j)))));
    if (op.kind === "numberFormat") formats.push({ ...op, cells: map((g, r, c) => g.format(r, c)) });
    else if (op.kind === "strike") strikes.push({ ...op, cells: map((_, r, c) => read.strike[r]?.[c] === true) });
    else {
      const constants = map((g, r, c) => (g.restoreInput(r, c).kind === "values" ? g.restoreInput(r, c).input : null));
      const formulas = map((g, r, c) => (g.restoreInput(r, c).kind === "formulas" ? g.restoreInput(r, c).input : null));
      if (constants.some((row) => row.some((x) => x !== null))) content.push({ ...op, kind: "values", cells: constants });
      if (formulas.some((row) => row.some((x) => x !== null))) content.push({ ...op, kind: "formulas", cells: formulas });
    }
  }
  // Content first: a cell gets its old format back only once the text written under "@" is gone.
  return [...content, ...formats, ...strikes];
}
