/**
 * Step 2 of a refresh (refresh.ts): reading one table — only what the merge needs, in as few syncs as
 * the responses allow (Excel on the web refuses a response over 5 MB). The first read takes the table's
 * size and headers, its first and last body rows, the base, the metadata block, the rows below and the
 * column to the right, and the list's columns where the record put them; large tables and moved columns
 * are read on in windows of rows, and what a plan asks for further (more rows below, single cells'
 * formats, columns) is read by readNeeded.
 */
import type { TableBase } from "../picks/merge";
import type { PickList } from "../picks/types";
import { cellAddress, rangeAddress } from "./a1";
import { decodeBase, queueBaseRead, type BasePart } from "./base";
import { OPERATION_OVERHEAD_BYTES, jsonBytes } from "./chunks";
import { METADATA_ROW_COUNT } from "./layout";
import { queueLogPosition, type LogPosition } from "./logSheet";
import { bodyColumnsNeeded, foldHeader, locateColumns } from "./recordColumns";
import type { PlanResult, TableRead } from "./refreshPlan";
import type { RecordedTable } from "./registry";
import { messageOf } from "./session";

/** What step 2 read of one table: the plan's input, and what the write and its undo need. */
export interface ReadResult {
  read: TableRead;
  showTotals: boolean;
  tableName: string;
  sheetId: string;
  sheetName: string;
  log: LogPosition;
  /** The table's base (null: none yet, or lost), and why it could not be read when it was recorded. */
  base: TableBase | null;
  baseError: string | null;
}

/** Bytes a `formulas` read returns per cell when nothing better is known (text and numbers of a pick list). */
const GUESSED_CELL_BYTES = 16;
/** Rows read below a table in the first read, beyond the rows the source adds over the base's. */
const ROOM_ROWS = 16;
/** Margin on estimated response sizes: Excel on the web refuses a response over 5 MB. */
const READ_MARGIN = 1.25;

/** Runs of consecutive indices: [first, count]. */
function runsOf(indices: readonly number[]): [number, number][] {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const i of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === i) last[1]++;
    else runs.push([i, 1]);
  }
  return runs;
}

/**
 * Step 2 for one table: only what the merge needs. The first request reads the table's size and headers,
 * the first and last body rows, the base, the metadata block, the rows below and the column to the right
 * (room for new rows and a status column), and the list's columns of the body where the record says they
 * are, as many rows as fit in one response. The rest of those columns (a large table), or the columns the
 * analyst moved, are read in further windows of rows, each sized from what the first returned, one sync
 * each. Values, number formats of every cell and strikethrough are not read: the merge compares formulas
 * (a constant reads as itself), a column's cells are written in its first row's format, and the strike of
 * a row follows from its status.
 */
export async function readTable(
  context: Excel.RequestContext,
  entry: RecordedTable,
  next: PickList,
  baseParts: BasePart[] | null,
  logExists: boolean,
  budgetBytes: number,
  sync: () => Promise<void>,
): Promise<ReadResult> {
  const record = entry.record;
  const ref = record.base ?? null;
  const expectedRows = ref ? ref.rows : next.rows.length;
  const listCells = record.columns.filter((c) => c.role === "data" || c.role === "status").length;
  const width = record.columns.length;
  const belowRows = Math.max(ROOM_ROWS, next.rows.length - expectedRows + ROOM_ROWS);
  const hasStatus = record.columns.some((c) => c.role === "status");

  const table = context.workbook.tables.getItem(entry.table.id);
  table.load("name,showTotals");
  const sheet = table.worksheet;
  sheet.load("id,name");
  const range = table.getRange();
  range.load("rowIndex,columnIndex,rowCount,columnCount");
  const header = table.getHeaderRowRange();
  header.load("values");
  const body = table.getDataBodyRange();
  const first = body.getRow(0);
  first.load("formulas,numberFormat");
  const last = body.getLastRow();
  last.load("formulas");
  const below = range.getRowsBelow(belowRows).getResizedRange(0, 1);
  below.load("formulas,numberFormat");
  const right = hasStatus ? null : range.getColumnsAfter(1);
  right?.load("formulas,numberFormat");
  const readBase = baseParts ? queueBaseRead(context, baseParts) : null;
  const metadata = sheet.getRange(rangeAddress(0, 0, METADATA_ROW_COUNT, 2));
  metadata.load("values,formulas,numberFormat");
  const readLog = queueLogPosition(context, record.language, logExists);

  // The list's columns where the record put them, as many rows as the rest of the response leaves room for.
  const fixedBytes =
    (ref ? ref.snapshotChars + ref.overlayChars : 0) + (right ? (expectedRows + 1) * 2 * GUESSED_CELL_BYTES : 0) + belowRows * (width + 1) * 2 * GUESSED_CELL_BYTES + 64 * 1024;
  // A row of the list's cells as last written, and a short status.
  const rowBytes = (ref ? ref.rowBytes + 12 : listCells * GUESSED_CELL_BYTES) * READ_MARGIN;
  const firstWindow = Math.max(1, Math.min(expectedRows + ROOM_ROWS, Math.floor((budgetBytes - fixedBytes) / Math.max(rowBytes, 1))));
  const recorded = record.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.role === "data" || c.role === "status");
  const guessed = runsOf(recorded.map(({ i }) => i)).map(([col, count]) => {
    const window = body.getCell(0, col).getResizedRange(firstWindow - 1, count - 1);
    window.load("formulas");
    return { col, count, window };
  });
  await sync();

  const top = range.rowIndex;
  const left = range.columnIndex;
  const H = range.rowCount;
  const W = range.columnCount;
  const bodyRows = H - 1;
  const headers = (header.values[0] ?? []).map((h) => String(h ?? ""));
  const read: TableRead = {
    top,
    left,
    rowCount: H,
    columnCount: W,
    headers,
    body: new Map(),
    formats: first.numberFormat[0] ?? [],
    firstRow: first.formulas[0] ?? [],
    lastRow: last.formulas[0] ?? [],
    below: { formulas: below.formulas, numberFormat: below.numberFormat },
    right: right ? { formulas: right.formulas.map((r) => r[0]), numberFormat: right.numberFormat.map((r) => r[0]) } : null,
    metadata: { values: metadata.values, formulas: metadata.formulas, numberFormat: metadata.numberFormat },
  };
  // Keep what was read where the header still says the record's column is.
  let measured = 0;
  let measuredCells = 0;
  for (const { col, count, window } of guessed) {
    const rows = window.formulas.slice(0, bodyRows);
    measured += jsonBytes(window.formulas);
    measuredCells += window.formulas.length * count;
    for (let j = 0; j < count; j++) {
      const rec = record.columns[col + j]!;
      if (col + j < W && foldHeader(headers[col + j]!) === foldHeader(rec.header)) read.body.set(col + j, rows.map((r) => r[j]));
    }
  }
  let base: TableBase | null = null;
  let baseError: string | null = null;
  if (readBase) {
    try {
      base = decodeBase(readBase());
    } catch (err) {
      baseError = messageOf(err);
    }
  } else if (ref) baseError = "its parts are missing from the workbook";

  const located = locateColumns(headers, record);
  if (typeof located !== "string") {
    const cellBytes = measuredCells > 0 ? (measured / measuredCells) * 1.1 : GUESSED_CELL_BYTES * READ_MARGIN;
    await readBodyColumns(sheet, read, bodyColumnsNeeded(located), cellBytes, budgetBytes, sync);
  }
  return { read, showTotals: table.showTotals, tableName: table.name, sheetId: sheet.id, sheetName: sheet.name, log: readLog(), base, baseError };
}

/** The body of `columns` (table indices) from the row each has up to the last, in windows of rows under the budget. */
async function readBodyColumns(
  sheet: Excel.Worksheet,
  read: TableRead,
  columns: readonly number[],
  cellBytes: number,
  budgetBytes: number,
  sync: () => Promise<void>,
): Promise<void> {
  const bodyRows = read.rowCount - 1;
  const pending = columns.filter((c) => c < read.columnCount && (read.body.get(c)?.length ?? 0) < bodyRows);
  for (const c of pending) if (!read.body.has(c)) read.body.set(c, []);
  while (pending.some((c) => read.body.get(c)!.length < bodyRows)) {
    let room = budgetBytes;
    const loads: { c: number; from: number; range: Excel.Range }[] = [];
    // Columns that have read as far: one range over adjacent ones.
    for (const [col, count] of runsOf(pending.filter((c) => read.body.get(c)!.length < bodyRows))) {
      for (let j = 0; j < count; ) {
        const from = read.body.get(col + j)!.length;
        let k = j;
        while (k + 1 < count && read.body.get(col + k + 1)!.length === from) k++;
        const span = k - j + 1;
        const rows = Math.min(bodyRows - from, Math.floor(room / (span * cellBytes)));
        if (rows <= 0) break;
        const range = sheet.getRange(rangeAddress(read.top + 1 + from, read.left + col + j, rows, span));
        range.load("formulas");
        for (let x = 0; x < span; x++) loads.push({ c: col + j + x, from, range });
        room -= rows * span * cellBytes;
        j = k + 1;
      }
    }
    if (loads.length === 0) throw new Error("internal: a body row does not fit in a response");
    await sync();
    for (const { c, range } of loads) {
      const x = c - (loads.find((l) => l.range === range)!.c);
      const column = read.body.get(c)!;
      for (const r of range.formulas) column.push(r[x]);
    }
  }
}

/** Extends the rows read below the table to `rowsNeeded` rows from the header, in windows under the budget. */
async function readRowsBelow(context: Excel.RequestContext, got: ReadResult, rowsNeeded: number, budgetBytes: number, sync: () => Promise<void>): Promise<void> {
  const { read } = got;
  const sheet = context.workbook.worksheets.getItem(got.sheetName);
  const perWindow = Math.max(1, Math.floor(budgetBytes / ((read.columnCount + 1) * 2 * GUESSED_CELL_BYTES)));
  for (let loaded = read.rowCount + read.below.formulas.length, count = 0; loaded < rowsNeeded; loaded += count) {
    count = Math.min(perWindow, rowsNeeded - loaded);
    const block = sheet.getRange(rangeAddress(read.top + loaded, read.left, count, read.columnCount + 1));
    block.load("formulas,numberFormat");
    await sync();
    for (const r of block.formulas) read.below.formulas.push(r);
    for (const r of block.numberFormat) read.below.numberFormat.push(r);
  }
}

/** The number formats of single body cells (text Excel would parse is about to be written there). */
async function readCellFormats(context: Excel.RequestContext, got: ReadResult, cells: readonly [number, number][], budgetBytes: number, sync: () => Promise<void>): Promise<void> {
  const { read } = got;
  const sheet = context.workbook.worksheets.getItem(got.sheetName);
  const formats = (read.cellFormats ??= new Map());
  const perSync = Math.max(1, Math.floor(budgetBytes / (2 * OPERATION_OVERHEAD_BYTES)));
  for (let i = 0; i < cells.length; i += perSync) {
    const loads = cells.slice(i, i + perSync).map(([r, c]) => {
      const range = sheet.getRange(cellAddress(read.top + 1 + r, read.left + c));
      range.load("numberFormat");
      return { r, c, range };
    });
    await sync();
    for (const { r, c, range } of loads) formats.set(`${r},${c}`, range.numberFormat[0]?.[0]);
  }
}

/** The column right of the table (header row included), for a status column the record had and the user deleted. */
async function readRightColumn(context: Excel.RequestContext, got: ReadResult, sync: () => Promise<void>): Promise<void> {
  const { read } = got;
  const block = context.workbook.worksheets.getItem(got.sheetName).getRange(rangeAddress(read.top, read.left + read.columnCount, read.rowCount, 1));
  block.load("formulas,numberFormat");
  await sync();
  read.right = { formulas: block.formulas.map((r) => r[0]), numberFormat: block.numberFormat.map((r) => r[0]) };
}

/**
 * Reads what a plan said it needs before it can be made (PlanResult): more rows below the table, the
 * number formats of single body cells, or the body of columns not where the record put them (and the
 * column to the table's right).
 */
export async function readNeeded(
  context: Excel.RequestContext,
  got: ReadResult,
  planned: Extract<PlanResult, { ok: false }>,
  budgetBytes: number,
  sync: () => Promise<void>,
): Promise<void> {
  if (planned.rowsNeeded !== undefined) await readRowsBelow(context, got, planned.rowsNeeded, budgetBytes, sync);
  else if (planned.formatsNeeded !== undefined) await readCellFormats(context, got, planned.formatsNeeded, budgetBytes, sync);
  else {
    const needed = planned.columnsNeeded!;
    if (needed.some((c) => c >= got.read.columnCount)) await readRightColumn(context, got, sync);
    const inside = needed.filter((c) => c < got.read.columnCount);
    if (inside.length) await readBodyColumns(context.workbook.worksheets.getItem(got.sheetName), got.read, inside, GUESSED_CELL_BYTES * READ_MARGIN, budgetBytes, sync);
  }
}
