/**
 * What a refresh writes to one table, decided without Excel: from what the read syncs saw (the table's
 * headers, the list's columns of its body, the first and last body rows, the rows below it, the column to
 * its right, the metadata block), the workbook record, the table's merge base and the list's new version.
 * refresh.ts only turns the plan into Office.js calls (gridOps.ts, refreshWrite.ts), so every rule below is
 * tested as plain data (test/refresh/plan.test.ts).
 *
 * The cells are a three-way merge (src/picks/merge.ts, docs/refresh.md): a list cell the analyst changed is
 * never written (a conflict when the broker changed it too), a formula they typed is never replaced, a cell
 * they left alone takes the broker's revision. Beyond the cells:
 * - Columns are found by the headers the record holds (the user may move them and insert columns of
 *   their own between them). A recorded data column whose header is gone fails the refresh of that table
 *   with a message, before anything is written. A live P/E or status column the user deleted stays deleted.
 * - Rows new in the source are added at the bottom of the table: source cells filled, number formats set,
 *   a live P/E formula in each live P/E column; the analyst's columns stay empty, except a calculated
 *   column (the same formula in the first and the last row, as Excel keeps them), whose formula is written
 *   into the new rows explicitly rather than left to Excel's auto-fill.
 * - Rows the add-in wrote that are gone from the source stay: status "已移出"/"Dropped" in a status column
 *   (added at the table's right the first time it is needed) and their list cells struck through. A row
 *   that comes back loses both. The analyst's rows (tickers never in the source) are never marked.
 * - The table grows into the rows below it (and the column to its right for the status column) only
 *   when those cells are empty; otherwise the plan fails with the address to clear.
 * - Text from the source is written as text: into a "@" cell as is, elsewhere with Excel's apostrophe.
 *
 * Every write comes with its undo (the cell's content, format or strike as read, or as the refresh's
 * rules imply for the strike of a row whose status changes), which refresh.ts applies when a write fails
 * (restore, refreshWrite.ts).
 */
import type { ColumnKind, PickColumn, PickList } from "../picks/types";
import { describeDiff, type PickListDiff } from "../picks/diff";
import { describeConflict, describeRekey, mergeDiff, mergeList, type Conflict, type MergeResult, type MineCell, type MineRow, type TableBase } from "../picks/merge";
import type { Language } from "./insert";
import { cellAddress, rangeAddress } from "./a1";
import {
  HEADER_ROW,
  NUMBER_FORMATS,
  TABLE_FIRST_COLUMN,
  TEXT_FORMAT,
  forwardPeFormula,
  metadataRows,
  planSheetColumns,
  type ForwardPeSheetColumn,
} from "./layout";
import { encodeCell, isFormulaText, isParsedText, mineCellOf, restoreInput, type CellInput } from "./cellContent";
import { cellOps, type GridOp } from "./gridOps";
import { uniqueHeaders } from "./names";
import { bodyColumnsNeeded, locateColumns, type Located } from "./recordColumns";
import { capLogLines } from "./logSheet";
import type { PickTableRecord, PickTableRecordColumn } from "./workbookRecord";

export const STATUS_HEADER: Readonly<Record<Language, string>> = { zh: "状态", en: "Status" };
export const DROPPED_STATUS: Readonly<Record<Language, string>> = { zh: "已移出", en: "Dropped" };
/** Either language's label marks a dropped row: a workbook may change hands between languages. */
const DROPPED_LABELS: ReadonlySet<string> = new Set(Object.values(DROPPED_STATUS));

/** What the read syncs loaded for one table. Body arrays are indexed from the first row under the header. */
export interface TableRead {
  /** Sheet position of the header row's first cell (0-based) and the table's size, header row included. */
  top: number;
  left: number;
  rowCount: number;
  columnCount: number;
  headers: string[];
  /** Body cells as `range.formulas` reports them (a formula's text, else the constant), per table column read. */
  body: Map<number, unknown[]>;
  /** Number format of each column's first body row: the format the column's cells are written in. */
  formats: unknown[];
  /** Formulas of the first and last body rows, every column: what tells a calculated column. */
  firstRow: unknown[];
  lastRow: unknown[];
  /** Rows right below the table, one column wider than it: formulas and number formats. */
  below: { formulas: unknown[][]; numberFormat: unknown[][] };
  /** The column right of the table, header row included: read when a status column may have to go there. */
  right: { formulas: unknown[]; numberFormat: unknown[] } | null;
  /** A1:B9 (the metadata block the insert wrote), when the table is where the insert put it. */
  metadata?: { values: unknown[][]; formulas: unknown[][]; numberFormat: unknown[][] };
  /**
   * Number formats of single body cells ("row,column", body-relative), read when text Excel would parse
   * ("=…", "+1", "2024-03-01" …) is to be written there: such text needs the cell's own format, not its column's.
   */
  cellFormats?: Map<string, unknown>;
}

export interface RefreshPlan {
  previous: Pick<PickList, "source" | "columns">;
  diff: PickListDiff;
  merge: MergeResult;
  /** The conflicts, each with the sheet cell it is in (for taking the broker's value). */
  conflicts: (Conflict & { row: number; column: number })[];
  /** The log's and the taskpane's lines, capped at LOG_LINE_CAP (the last line counts what is left out). */
  lines: string[];
  linesOmitted: number;
  /** The table's size after the refresh, header row included. */
  rowCount: number;
  columnCount: number;
  /** Writes before the table is resized: the status header and the dates of the metadata block. */
  headerOps: GridOp[];
  /** Writes after the resize: number formats first (text format before text), then values, formulas, strike. */
  bodyOps: GridOp[];
  /** The undo of every write, to run after resizing the table back. */
  restoreOps: GridOp[];
  /** The record as it must read after the refresh (refresh.ts adds the times and the table's current names). */
  columns: PickTableRecordColumn[];
  /** The list's columns in the table, in the base's order. */
  baseColumns: string[];
  statusColumnAdded: boolean;
  counts: { updated: number; added: number; dropped: number; returned: number; conflicts?: number };
}

/**
 * A failed plan, or one that needs more read first: `rowsNeeded` rows below the header (room for new rows),
 * or the body of `columns` (table column indices) because the columns were not where the record put them.
 */
export type PlanResult =
  | { ok: true; plan: RefreshPlan }
  | { ok: false; error: string; rowsNeeded?: number; columnsNeeded?: number[]; formatsNeeded?: [number, number][] };

/** Plans the refresh of one table to `next`. Fails, writing nothing, when the table cannot be mapped or grown. */
export function planRefresh(read: TableRead, record: PickTableRecord, next: PickList, base: TableBase | null = null): PlanResult {
  const fail = (error: string): PlanResult => ({ ok: false, error });
  const lang = record.language;
  const H = read.rowCount;
  const W = read.columnCount;
  const bodyRows = H - 1;
  if (next.id !== record.listId) return fail(`the source sent list "${next.id}", the table holds "${record.listId}"`);
  const headers = Array.from({ length: W }, (_, c) => String(read.headers[c] ?? ""));

  const locatedOrError = locateColumns(headers, record);
  if (typeof locatedOrError === "string") return fail(locatedOrError);
  const located = locatedOrError;
  const missing = bodyColumnsNeeded(located).filter((c) => (read.body.get(c)?.length ?? -1) < bodyRows);
  if (missing.length > 0) return { ok: false, error: "internal: body columns not read", columnsNeeded: missing };

  const nextColumns = new Map(next.columns.map((c) => [c.key, c]));
  const dataLocs = located.filter((l) => l.rec.role === "data");
  const dataLoc = (key: string): Located | undefined => dataLocs.find((l) => l.rec.key === key);
  const tickerColumn = next.columns.find((c) => c.kind === "ticker");
  if (!tickerColumn || !dataLoc(tickerColumn.key)) return fail(`the list's ticker column is not in the table, so rows cannot be matched`);
  const statusLoc = located.find((l) => l.rec.role === "status");
  const sourceIndices = new Set(located.map((l) => l.index));
  const format = (c: number): string => (typeof read.formats[c] === "string" ? (read.formats[c] as string) : "General");
  const cell = (r: number, c: number): unknown => read.body.get(c)?.[r];
  /** A body cell's format: its own when read (for parsed text), else its column's. */
  const formatAt = (r: number, c: number): string => {
    const own = read.cellFormats?.get(`${r},${c}`);
    return typeof own === "string" ? own : format(c);
  };

  // The list's columns in the table, with the kinds the source gives them now (the record's when it dropped them).
  const tableColumns: PickColumn[] = dataLocs.map(
    (l) => nextColumns.get(l.rec.key) ?? { key: l.rec.key, kind: l.rec.kind ?? "text", label: { zh: l.rec.header, en: l.rec.header } },
  );
  const placeholder = bodyRows === 1 && Array.from({ length: W }, (_, c) => read.firstRow[c]).every((v) => v === "" || v === null || v === undefined);
  const mine: MineRow[] = [];
  if (!placeholder) {
    for (let r = 0; r < bodyRows; r++) {
      const cells: Record<string, MineCell> = {};
      for (const l of dataLocs) cells[l.rec.key] = mineCellOf(cell(r, l.index));
      mine.push({ index: r, cells, dropped: statusLoc !== undefined && DROPPED_LABELS.has(String(cell(r, statusLoc.index) ?? "")) });
    }
  }
  const merge = mergeList({ theirs: next, columns: tableColumns, mine, base });
  const previous = { source: { ...next.source, ...record.source }, columns: tableColumns };
  const diff = mergeDiff(merge, previous, next, mine);
  // A row that comes back is news to the reader of the log, as a new one is.
  const byIndex = new Map(mine.map((m) => [m.index, m]));
  for (const r of merge.returned) {
    const m = byIndex.get(r)!;
    const t = m.cells[tickerColumn.key];
    const nKey = next.columns.find((c) => c.kind === "name")?.key;
    const n = nKey ? m.cells[nKey] : null;
    diff.added.push({ ticker: typeof t === "string" ? t : null, name: typeof n === "string" ? n : null });
  }

  // Growth, and the cells it needs empty.
  const newRows = merge.added;
  const firstNewRow = placeholder ? 1 : H;
  const newH = Math.max(H, firstNewRow + newRows.length);
  const addStatus = merge.dropped.length > 0 && !statusLoc;
  const newW = addStatus ? W + 1 : W;
  const statusIndex = statusLoc ? statusLoc.index : addStatus ? W : null;
  if (newH - H > read.below.formulas.length) {
    return { ok: false, error: `internal: ${newH - H} rows to add, ${read.below.formulas.length} read below the table`, rowsNeeded: newH };
  }
  const empty = (v: unknown): boolean => v === "" || v === null || v === undefined;
  if (newH > H) {
    for (let r = 0; r < newH - H; r++) {
      for (let c = 0; c < newW; c++) {
        if (!empty(read.below.formulas[r]?.[c])) {
          return fail(
            `${newH - H} new rows go below the table, into ${rangeAddress(read.top + H, read.left, newH - H, newW)}, but ${cellAddress(read.top + H + r, read.left + c)} is not empty: move what is there and refresh again`,
          );
        }
      }
    }
  }
  if (addStatus) {
    if (!read.right) return { ok: false, error: "internal: the column right of the table was not read", columnsNeeded: [W] };
    for (let r = 0; r < newH; r++) {
      const v = r < H ? read.right.formulas[r] : read.below.formulas[r - H]?.[W];
      if (!empty(v)) {
        return fail(`the status column goes right of the table, into ${rangeAddress(read.top, read.left + W, newH, 1)}, but ${cellAddress(read.top + r, read.left + W)} is not empty: move what is there and refresh again`);
      }
    }
  }

  const sheetRow = (bodyRow: number): number => read.top + 1 + bodyRow;
  const sheetCol = (c: number): number => read.left + c;
  const valueCells: { row: number; column: number; value: CellInput }[] = [];
  const restoreCells: { kind: "values" | "formulas"; row: number; column: number; value: CellInput }[] = [];
  const restoreOf = (r: number, c: number): void => {
    const back = restoreInput(cell(r, c), formatAt(r, c));
    restoreCells.push({ kind: back.kind, row: sheetRow(r), column: sheetCol(c), value: back.input });
  };
  // Text Excel would parse is written by the cell's own format: the analyst may have reformatted that cell.
  const formatsNeeded: [number, number][] = [];
  for (const w of merge.writes) {
    const l = dataLoc(w.key);
    if (!l) continue;
    const risky = (v: unknown): boolean => typeof v === "string" && isParsedText(v);
    if ((risky(w.value) || risky(cell(w.index, l.index))) && !read.cellFormats?.has(`${w.index},${l.index}`)) formatsNeeded.push([w.index, l.index]);
    valueCells.push({ row: sheetRow(w.index), column: sheetCol(l.index), value: encodeCell(w.value, formatAt(w.index, l.index)) });
    restoreOf(w.index, l.index);
  }
  if (formatsNeeded.length > 0) return { ok: false, error: "internal: cell formats not read", formatsNeeded };

  // Status and strike of rows whose status changes (their earlier strike follows from the status: undone as such).
  const struck = [...sourceIndices, ...(addStatus ? [W] : [])].sort((a, b) => a - b);
  const strikeOps: GridOp[] = [];
  const strikeUndo: GridOp[] = [];
  const strikeRow = (r: number, value: boolean): void => {
    for (let i = 0; i < struck.length; ) {
      let j = i;
      while (j + 1 < struck.length && struck[j + 1] === struck[j]! + 1) j++;
      const columns = j - i + 1;
      strikeOps.push({ kind: "strike", row: sheetRow(r), column: sheetCol(struck[i]!), cells: [], fill: { value, rows: 1, columns } });
      strikeUndo.push({ kind: "strike", row: sheetRow(r), column: sheetCol(struck[i]!), cells: [], fill: { value: !value, rows: 1, columns } });
      i = j + 1;
    }
  };
  for (const r of merge.returned) {
    if (statusIndex !== null) {
      valueCells.push({ row: sheetRow(r), column: sheetCol(statusIndex), value: "" });
      restoreOf(r, statusIndex);
    }
    strikeRow(r, false);
  }
  for (const r of merge.dropped) {
    if (statusIndex !== null) {
      valueCells.push({ row: sheetRow(r), column: sheetCol(statusIndex), value: DROPPED_STATUS[lang] });
      if (statusLoc) restoreOf(r, statusIndex);
      else restoreCells.push({ kind: "values", row: sheetRow(r), column: sheetCol(W), value: restoreInput(read.right?.formulas[r + 1], read.right?.numberFormat[r + 1]).input });
    }
    strikeRow(r, true);
  }

  // New rows: formats first (one value per column), source values, live P/E and calculated columns as formulas.
  const formatOps: GridOp[] = [];
  const formulaOps: GridOp[] = [];
  const newValueOps: GridOp[] = [];
  const headerOf = (key: string): string | null => {
    const l = dataLoc(key);
    return l ? headers[l.index]! : null;
  };
  const livePlan = new Map(
    planSheetColumns(next, lang)
      .filter((c): c is ForwardPeSheetColumn => c.role === "fwdPe")
      .map((c) => [c.key, c]),
  );
  const liveInputs = (rec: PickTableRecordColumn): { priceKey?: string; epsKey?: string } =>
    rec.priceKey !== undefined ? rec : { priceKey: livePlan.get(rec.key)?.priceKey, epsKey: livePlan.get(rec.key)?.epsKey };
  const calculated = placeholder ? new Map<number, string>() : calculatedColumns(read, sourceIndices);
  if (newRows.length > 0) {
    const top = sheetRow(firstNewRow - 1);
    const count = newRows.length;
    const fillColumn = (kind: GridOp["kind"], c: number, value: CellInput, into: GridOp[]): void => {
      into.push({ kind, row: top, column: sheetCol(c), cells: [], fill: { value, rows: count, columns: 1 } });
    };
    for (const l of located) {
      if (l.rec.role === "data") {
        const kind: ColumnKind = nextColumns.get(l.rec.key)?.kind ?? l.rec.kind ?? "text";
        const fmt = NUMBER_FORMATS[kind];
        fillColumn("numberFormat", l.index, fmt, formatOps);
        const cells = newRows.map((row) => {
          const value = nextColumns.has(l.rec.key) ? (row[l.rec.key] ?? null) : null;
          return [value === null ? null : encodeCell(value, fmt)] as (CellInput | null)[];
        });
        if (cells.some((c) => c[0] !== null)) newValueOps.push({ kind: "values", row: top, column: sheetCol(l.index), cells });
      } else if (l.rec.role === "fwdPe") {
        fillColumn("numberFormat", l.index, NUMBER_FORMATS.pe, formatOps);
        const { priceKey, epsKey } = liveInputs(l.rec);
        const price = priceKey ? headerOf(priceKey) : null;
        const eps = epsKey ? headerOf(epsKey) : null;
        if (price !== null && eps !== null) fillColumn("formulas", l.index, forwardPeFormula(price, eps), formulaOps);
      } else {
        fillColumn("numberFormat", l.index, TEXT_FORMAT, formatOps);
      }
    }
    for (const [c, formula] of calculated) fillColumn("formulas", c, formula, formulaOps);
  }

  // The status column, when it is new: text format on every row, header written before the resize.
  const headerOps: GridOp[] = [];
  const headerUndo: GridOp[] = [];
  let statusHeader: string | null = null;
  if (addStatus) {
    statusHeader = uniqueHeaders([...headers, STATUS_HEADER[lang]], [...headers, "status"])[W]!;
    headerOps.push({ kind: "numberFormat", row: read.top, column: sheetCol(W), cells: [[TEXT_FORMAT]] });
    headerOps.push({ kind: "values", row: read.top, column: sheetCol(W), cells: [[statusHeader]] });
    const back = restoreInput(read.right!.formulas[0], read.right!.numberFormat[0]);
    headerUndo.push({ kind: back.kind, row: read.top, column: sheetCol(W), cells: [[back.input]] });
    formatOps.push({ kind: "numberFormat", row: sheetRow(0), column: sheetCol(W), cells: [], fill: { value: TEXT_FORMAT, rows: newH - 1, columns: 1 } });
  }
  headerOps.push(...metadataOps(read, record, next));

  const bodyOps: GridOp[] = [...formatOps, ...cellOps("values", valueCells), ...newValueOps, ...formulaOps, ...strikeOps];

  // The undo: contents first, then formats (a cell gets its old format back once the "@" text is gone), then strike.
  const formatUndo: GridOp[] = [];
  const contentUndo: GridOp[] = [
    ...cellOps("values", restoreCells.filter((c) => c.kind === "values")),
    ...cellOps("formulas", restoreCells.filter((c) => c.kind === "formulas")),
  ];
  if (newH > H) {
    // The rows the table grew into were empty: emptied again, with the formats they had.
    const rows = newH - H;
    contentUndo.push({ kind: "values", row: read.top + H, column: read.left, cells: [], fill: { value: "", rows, columns: newW } });
    formatUndo.push({ kind: "numberFormat", row: read.top + H, column: read.left, cells: read.below.numberFormat.slice(0, rows).map((r) => Array.from({ length: newW }, (_, c) => String(r[c] ?? "General"))) });
  }
  if (addStatus) {
    formatUndo.push({ kind: "numberFormat", row: read.top, column: sheetCol(W), cells: Array.from({ length: H }, (_, r) => [String(read.right!.numberFormat[r] ?? "General")]) });
  }
  const meta = read.metadata;
  for (const op of headerOps.filter((o) => o.row < read.top)) {
    const v = meta?.formulas[op.row]?.[op.column];
    headerUndo.push({ ...op, cells: [[restoreInput(v, meta?.numberFormat[op.row]?.[op.column]).input]] });
  }

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

  const conflicts = merge.conflicts.map((c) => ({ ...c, row: sheetRow(c.index), column: sheetCol(dataLoc(c.key)!.index) }));
  const allLines = [
    ...describeDiff(diff, lang),
    ...merge.rekeyed.map((k) => describeRekey(k, lang)),
    ...merge.conflicts.map((c) => describeConflict(c, tableColumns, lang)),
  ];
  if (merge.conflicts.length > 0 && allLines[0] === (lang === "zh" ? "无变化" : "No changes")) allLines.shift();
  const { lines, omitted: linesOmitted } = capLogLines(allLines, lang);

  return {
    ok: true,
    plan: {
      previous,
      diff,
      merge,
      conflicts,
      lines,
      linesOmitted,
      rowCount: newH,
      columnCount: newW,
      headerOps,
      bodyOps,
      restoreOps: [...headerUndo, ...contentUndo, ...formatUndo, ...strikeUndo],
      columns,
      baseColumns: tableColumns.filter((c) => nextColumns.has(c.key)).map((c) => c.key),
      statusColumnAdded: addStatus,
      counts: {
        updated: new Set(merge.writes.map((w) => w.index)).size,
        added: newRows.length,
        dropped: merge.dropped.length,
        returned: merge.returned.length,
        conflicts: merge.conflicts.length,
      },
    },
  };
}

/**
 * The analyst's calculated columns: the same formula in the first and the last body row (Excel's
 * calculated columns are written with structured references, [@[股价]], so the text is the same in every row).
 */
function calculatedColumns(read: TableRead, source: ReadonlySet<number>): Map<number, string> {
  const found = new Map<number, string>();
  if (read.rowCount < 2) return found;
  for (let c = 0; c < read.columnCount; c++) {
    if (source.has(c)) continue;
    const first = read.firstRow[c];
    if (isFormulaText(first) && read.lastRow[c] === first) found.set(c, first);
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
    const fmt = meta.numberFormat[r]?.[1];
    if (label !== rows[r]![0] || value !== (before ?? "") || fmt !== TEXT_FORMAT || meta.formulas[r]?.[1] !== value) continue;
    ops.push({ kind: "values", row: r, column: 1, cells: [[after ?? ""]] });
  }
  return ops;
}
