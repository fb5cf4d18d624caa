/**
 * Refreshes pick-list tables in place from their sources: the selected table, every table on a sheet,
 * or every table the workbook remembers. What is written is decided by planRefresh (refreshPlan.ts);
 * this module reads, fetches, writes, and puts a table back when a write fails.
 *
 * Round trips (context.sync calls), whatever the row count for a table that fits one request:
 *   1. one for all tables: the workbook's records and tables (registry.ts), whether the logs exist, and
 *      the active cell's table or the active sheet when the target needs them;
 *   then per table:
 *   2. read: the table's position, its header row, values, formulas, number formats and strikethrough,
 *      with the rows below it and the column to its right (the room new rows and the status column
 *      need), the metadata block, the log's last row;
 *   3. write: everything for the table in one request: the status header, the resize, number formats,
 *      values, formulas, strikethrough, the metadata dates, the log lines and the record.
 * So one table costs 3 syncs, and N tables 1 + 2N. A table too large for one request (Excel on the web
 * caps requests and responses at 5 MB) is read in windows of rows — first the table, then only the empty
 * rows below it that its new rows need — and written in row chunks under the payload budget, one sync
 * each, the log and the record in the last write.
 *
 * Sources are fetched after step 1 and before any table is read: a fetch that fails (network, timeout,
 * invalid feed) fails its table with nothing written. A write that fails (any chunk) is undone: the table
 * is resized back and every cell written gets its content, number format and strikethrough as read in
 * step 2, the record its stored value, and the log loses the lines (a log sheet made by this refresh is
 * deleted). The undo takes one sync per write chunk (1 for a table that fits one request), plus one to
 * delete a log sheet or a record key the failed write may have created.
 *
 * Nothing runs at import time: the module can be loaded in a browser without Office.
 */
import { describeConflict, type Conflict, type TableBase } from "../picks/merge";
import { columnLabel } from "../picks/columns";
import { PICKLIST_VERSION, type PickList } from "../picks/types";
import { cellAddress, qualifiedAddress, rangeAddress } from "./a1";
import { DEFAULT_PAYLOAD_BUDGET_BYTES, OPERATION_OVERHEAD_BYTES, jsonBytes, planChunkSizes } from "./chunks";
import {
  baseNamespace,
  committedParts,
  decodeBase,
  garbageParts,
  nextBaseWrite,
  queueBasePartAdd,
  queueBasePartDelete,
  queueBasePartList,
  queueBaseRead,
  type BasePart,
  type BaseRef,
} from "./base";
import type { Language } from "./insert";
import { METADATA_ROW_COUNT } from "./layout";
import { logRows, queueLogAppend, queueLogPosition, queueLogProbe, queueLogUndo, type LogPosition } from "./logSheet";
import { opColumns, opRows, queueOp, sliceOp, type GridOp } from "./gridOps";
import { planRefresh, type RefreshPlan, type TableRead } from "./refreshPlan";
import { bodyColumnsNeeded, foldHeader, locateColumns } from "./recordColumns";
import { fetchChecked, type Fetched } from "./refreshFetch";
import { queueRegistryLoad, type RecordedTable, type WorkbookRegistry } from "./registry";
import type { ListFetcher, RefreshConflict, RefreshOptions, RefreshReport, RefreshTarget, TableRefreshOutcome } from "./refreshTypes";
import { messageOf, SyncCounter } from "./session";
import { pickTableSettingKey, PICK_TABLE_RECORD_FORMAT, PICK_TABLE_RECORD_VERSION, type PickTableRecord } from "./workbookRecord";

/**
 * The Excel API a refresh needs: table.resize is ExcelApi 1.13 (getCellProperties, setCellProperties and
 * range.getTables 1.9, settings 1.4). The taskpane asks Office.context.requirements.isSetSupported with
 * this before offering Refresh.
 */
export const REFRESH_REQUIREMENT = { name: "ExcelApi", version: "1.13" } as const;

export { listFetcherFor } from "./refreshFetch";
export type { ListFetcher, RefreshConflict, RefreshOptions, RefreshReport, RefreshTarget, TableRefreshOutcome } from "./refreshTypes";

/** The lines logged and shown: the plan's (changes, conflicts; capped), and what the table does not take from the source. */
export function summaryLines(
  plan: Pick<RefreshPlan, "lines" | "diff">,
  language: Language,
  stale: { since: string; error: string } | null,
  baseNote: string | null = null,
): string[] {
  const zh = language === "zh";
  const lines: string[] = [];
  if (stale) {
    lines.push(zh ? `数据源不可用（${stale.error}），使用 ${stale.since} 获取的副本` : `Source unavailable (${stale.error}); used the copy fetched ${stale.since}`);
  }
  if (baseNote) lines.push(baseNote);
  const diff = plan.diff;
  lines.push(...plan.lines);
  if (diff.columnsAdded.length > 0) {
    lines.push(zh ? "新增列不会加入已有表格：重新插入清单即可看到" : "New columns are not added to an existing table: insert the list again to see them");
  }
  return lines;
}

interface ReadResult {
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
async function readTable(
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

/** Bytes an op adds to a request on each of its rows (a fill counts once, on its first row). */
function opRowBytes(op: GridOp): { row: number; bytes: number }[] {
  if (op.fill) return [{ row: op.row, bytes: jsonBytes(op.fill.value) + OPERATION_OVERHEAD_BYTES }];
  return op.cells.map((cells, i) => ({ row: op.row + i, bytes: jsonBytes(cells) + (i === 0 ? OPERATION_OVERHEAD_BYTES : 0) }));
}

/**
 * Sheet-row boundaries of the write requests: rows grouped so each request's payload stays under the
 * budget (chunks.ts), like the insert; the last one keeps `lastBytes` free for what goes with it.
 */
function rowChunks(plan: RefreshPlan, firstBodyRow: number, fixedBytes: number, budgetBytes: number, lastBytes: number): [number, number][] {
  const lastRow = firstBodyRow + plan.rowCount - 1;
  const perRow = new Array<number>(Math.max(0, lastRow - firstBodyRow)).fill(0);
  for (const op of plan.bodyOps) for (const { row, bytes } of opRowBytes(op)) if (row - firstBodyRow < perRow.length) perRow[row - firstBodyRow]! += bytes;
  const budget = Math.max(budgetBytes - fixedBytes, 1);
  return planChunkSizes(perRow, budget, lastBytes).map((c) => [firstBodyRow + c.start, firstBodyRow + c.end] as [number, number]);
}

/** A conflict's column label and its words, in both languages. */
function conflictWords(c: Conflict, label: { zh: string; en: string }): Pick<RefreshConflict, "label" | "text"> {
  const columns = [{ key: c.key, kind: c.kind, label }];
  return { label, text: { zh: describeConflict(c, columns, "zh"), en: describeConflict(c, columns, "en") } };
}

/** Refreshes the tables `target` names. Never throws for a table's failure: each outcome says what happened. */
export async function refreshTables(
  context: Excel.RequestContext,
  target: RefreshTarget,
  fetchList: ListFetcher,
  options: RefreshOptions = {},
): Promise<RefreshReport> {
  const round = new SyncCounter(context);
  const sync = round.sync;

  // 1. Records, tables, logs, and where the user is.
  const readRegistry = queueRegistryLoad(context);
  const readLogs = queueLogProbe(context);
  const readBaseParts = queueBasePartList(context);
  let selected: Excel.TableScopedCollection | null = null;
  if (target === "selection") {
    selected = context.workbook.getActiveCell().getTables(false);
    selected.load("items/id");
  }
  let activeSheet: Excel.Worksheet | null = null;
  if (target === "activeSheet") {
    activeSheet = context.workbook.worksheets.getActiveWorksheet();
    activeSheet.load("id");
  }
  let registry: WorkbookRegistry;
  let logExists: Record<Language, boolean>;
  let baseParts: Map<string, BasePart[]>;
  try {
    await sync();
    registry = readRegistry();
    logExists = readLogs();
    baseParts = readBaseParts();
  } catch (err) {
    return { outcomes: [], orphans: [], unreadable: [], error: `the workbook could not be read: ${messageOf(err)}`, syncCount: round.count };
  }
  const report: RefreshReport = { outcomes: [], orphans: registry.orphans, unreadable: registry.unreadable, error: null, syncCount: 0 };

  let targets: RecordedTable[];
  if (target === "all") targets = registry.tables;
  else if (target === "selection") {
    const ids = new Set((selected as Excel.TableScopedCollection).items.map((t) => t.id));
    targets = registry.tables.filter((t) => ids.has(t.table.id));
    if (targets.length === 0) {
      report.error =
        ids.size === 0
          ? "the active cell is not in a table: select a cell of a table the add-in inserted"
          : "the table at the active cell was not inserted by the add-in (or its record is gone), so it has no source to refresh from";
    }
  } else if (target === "activeSheet") {
    const id = (activeSheet as Excel.Worksheet).id;
    targets = registry.tables.filter((t) => t.table.sheetId === id);
  } else if ("sheetId" in target) targets = registry.tables.filter((t) => t.table.sheetId === target.sheetId);
  else {
    targets = registry.tables.filter((t) => t.table.id === target.tableId);
    if (targets.length === 0) report.error = `no recorded table with id ${target.tableId}`;
  }

  // Every source first: a failed fetch fails its table before Excel is asked anything about it.
  const fetched = await Promise.all(targets.map((t) => fetchChecked(fetchList, t.record)));
  for (let i = 0; i < targets.length; i++) {
    const entry = targets[i]!;
    const before = round.count;
    const parts = entry.record.base ? (baseParts.get(entry.record.base.id) ?? []) : [];
    const outcome = await refreshOne(context, entry, fetched[i]!, parts, logExists, options, sync);
    outcome.syncCount = round.count - before;
    if (outcome.status === "refreshed") logExists[entry.record.language] = true;
    report.outcomes.push(outcome);
    options.onTable?.(outcome);
  }
  report.syncCount = round.count;
  return report;
}

async function refreshOne(
  context: Excel.RequestContext,
  entry: RecordedTable,
  fetched: Fetched,
  baseParts: BasePart[],
  logExists: Record<Language, boolean>,
  options: RefreshOptions,
  sync: () => Promise<void>,
): Promise<TableRefreshOutcome> {
  const record = entry.record;
  const language = record.language;
  const outcome: TableRefreshOutcome = {
    tableId: entry.table.id,
    tableName: entry.table.name,
    sheetName: entry.table.sheetName,
    listId: record.listId,
    status: "failed",
    summary: [],
    diff: null,
    conflicts: [],
    linesOmitted: 0,
    baseNote: null,
    error: null,
    stale: null,
    restored: false,
    counts: null,
    syncCount: 0,
  };
  const failed = (error: string): TableRefreshOutcome => ({ ...outcome, status: "failed", error, summary: [error] });

  if (!fetched.ok) return failed(fetched.error);
  if (fetched.stale && options.allowStale === false) {
    return failed(`the source is unavailable (${fetched.stale.error}); its last good copy, fetched ${fetched.stale.since}, was not used`);
  }
  outcome.stale = fetched.stale;
  outcome.offlineCopyError = fetched.offlineCopyError;
  const next = fetched.list;
  const ref = record.base ?? null;
  const committed = ref ? committedParts(ref, baseParts) : null;

  // 2. Read.
  const budget = options.payloadBudgetBytes ?? DEFAULT_PAYLOAD_BUDGET_BYTES;
  let got: ReadResult;
  try {
    got = await readTable(context, entry, next, committed, logExists[language], budget, sync);
  } catch (err) {
    return failed(`the table could not be read: ${messageOf(err)}`);
  }
  outcome.tableName = got.tableName;
  outcome.sheetName = got.sheetName;
  if (got.showTotals) return failed("the table shows a totals row: turn it off (Table Design › Total Row) and refresh again");
  let planned = planRefresh(got.read, record, next, got.base);
  for (let tries = 0; tries < 4 && !planned.ok && (planned.rowsNeeded !== undefined || planned.columnsNeeded !== undefined || planned.formatsNeeded !== undefined); tries++) {
    try {
      if (planned.rowsNeeded !== undefined) await readRowsBelow(context, got, planned.rowsNeeded, budget, sync);
      else if (planned.formatsNeeded !== undefined) await readCellFormats(context, got, planned.formatsNeeded, budget, sync);
      else {
        const needed = planned.columnsNeeded!;
        if (needed.some((c) => c >= got.read.columnCount)) await readRightColumn(context, got, sync);
        const inside = needed.filter((c) => c < got.read.columnCount);
        if (inside.length) await readBodyColumns(context.workbook.worksheets.getItem(got.sheetName), got.read, inside, GUESSED_CELL_BYTES * READ_MARGIN, budget, sync);
      }
    } catch (err) {
      return failed(`the cells around the table could not be read: ${messageOf(err)}`);
    }
    planned = planRefresh(got.read, record, next, got.base);
  }
  if (!planned.ok) return failed(planned.error);
  const plan = planned.plan;
  outcome.diff = plan.diff;
  outcome.counts = plan.counts;
  outcome.linesOmitted = plan.linesOmitted;
  if (ref && got.baseError) {
    outcome.baseNote =
      language === "zh" ? `此表的基准无法读取（${got.baseError}）：与数据源不同的单元格均作为冲突保留` : `This table's base could not be read (${got.baseError}): every cell that differs from the source is kept as a conflict`;
  }
  const tickerKey = next.columns.find((c) => c.kind === "ticker")!.key;
  const tickerColumn = plan.columns.findIndex((c) => c.role === "data" && c.key === tickerKey);
  const labelOf = (key: string, lang: Language): string => {
    const column = next.columns.find((c) => c.key === key) ?? plan.previous.columns.find((c) => c.key === key);
    return column ? columnLabel(column, lang) : key;
  };
  outcome.conflicts = plan.conflicts.map((c) => ({
    tableId: entry.table.id,
    tableName: got.tableName,
    listId: record.listId,
    language,
    sheetId: got.sheetId,
    sheetName: got.sheetName,
    row: c.row,
    column: c.column,
    address: qualifiedAddress(got.sheetName, cellAddress(c.row, c.column)),
    tickerColumn: got.read.left + Math.max(0, got.read.headers.findIndex((h) => foldHeader(h) === foldHeader(plan.columns[tickerColumn]?.header ?? ""))),
    ticker: c.ticker,
    name: c.name,
    key: c.key,
    kind: c.kind,
    base: c.base,
    mine: c.mine,
    theirs: c.theirs,
    ...conflictWords(c, { zh: labelOf(c.key, "zh"), en: labelOf(c.key, "en") }),
  }));

  // The base after the merge: an overlay of what changed, or a fresh snapshot (base.ts).
  const tKey = next.columns.find((c) => c.kind === "ticker")!.key;
  const nKey = next.columns.find((c) => c.kind === "name")?.key ?? null;
  const lostBase = ref !== null && got.base === null;
  const baseWrite = nextBaseWrite(lostBase ? null : ref, plan.merge, plan.baseColumns, tKey, nKey);
  const garbage = garbageParts(lostBase ? null : ref, ref ? (baseParts ?? []) : []);

  const now = (options.now ? options.now() : new Date()).toISOString();
  const newKey = pickTableSettingKey(entry.table.id);
  const newRecord: PickTableRecord = {
    ...record,
    format: PICK_TABLE_RECORD_FORMAT,
    version: PICK_TABLE_RECORD_VERSION,
    listVersion: PICKLIST_VERSION,
    tableId: entry.table.id,
    tableName: got.tableName,
    sheetId: got.sheetId,
    sheetName: got.sheetName,
    columns: plan.columns,
    source: { broker: next.source.broker, reportTitle: next.source.reportTitle, reportDate: next.source.reportDate, priceDate: next.source.priceDate },
    refreshedAt: now,
    base: baseWrite.ref,
  };
  // The rows the source no longer lists, as of this refresh (the workbook's list leaves them out): none is no field.
  if (plan.merge.gone.length > 0) newRecord.gone = plan.merge.gone;
  else delete newRecord.gone;
  const lines = summaryLines(plan, language, fetched.stale, outcome.baseNote);
  const rows = logRows({ time: now, tableName: got.tableName, listId: record.listId, lines });

  // 3. Write, in as few requests as the payload allows: one for any refresh whose changes fit in one.
  const { top, left, rowCount, columnCount } = got.read;
  const grows = plan.rowCount !== rowCount || plan.columnCount !== columnCount;
  let chunks: [number, number][];
  try {
    // Every address first: an op outside the grid must fail here, before anything is queued (a queued
    // operation cannot be taken back; it would go out with the next sync).
    for (const op of [...plan.headerOps, ...plan.bodyOps, ...plan.restoreOps]) rangeAddress(op.row, op.column, opRows(op), opColumns(op));
    rangeAddress(top, left, plan.rowCount, plan.columnCount);
    const headerBytes = jsonBytes(plan.headerOps) + plan.headerOps.length * OPERATION_OVERHEAD_BYTES;
    const lastBytes = jsonBytes([newRecord, lines]) + (baseWrite.xml?.length ?? 0) + 16 * OPERATION_OVERHEAD_BYTES;
    chunks = rowChunks(plan, top + 1, headerBytes, budget, lastBytes);
  } catch (err) {
    return failed(`the table cannot be written: ${messageOf(err)}`);
  }
  const sheetOf = (): Excel.Worksheet => context.workbook.tables.getItem(entry.table.id).worksheet;
  let started = false;
  try {
    for (let k = 0; k < chunks.length; k++) {
      const [start, end] = chunks[k]!;
      const sheet = sheetOf();
      if (k === 0) {
        for (const op of plan.headerOps) queueOp(sheet, op);
        if (grows) context.workbook.tables.getItem(entry.table.id).resize(sheet.getRange(rangeAddress(top, left, plan.rowCount, plan.columnCount)));
      }
      for (const op of plan.bodyOps) {
        const part = sliceOp(op, start, end);
        if (part) queueOp(sheet, part);
      }
      if (k === chunks.length - 1) {
        queueLogAppend(context, language, got.log, rows);
        // Garbage parts first: a part left by a failed refresh may hold the namespace the new one takes.
        queueBasePartDelete(context, garbage);
        if (baseWrite.xml !== null) queueBasePartAdd(context, baseWrite.xml);
        context.workbook.settings.add(newKey, newRecord);
        if (entry.settingKey !== newKey) context.workbook.settings.getItem(entry.settingKey).delete();
      }
      started = true;
      await sync();
    }
  } catch (err) {
    const error = `the refresh failed and was undone: ${messageOf(err)}`;
    if (!started) return failed(error);
    try {
      await restore(context, entry, got, plan, chunks, rows.length, newKey, baseWrite.xml !== null ? baseWrite.ref : null, sync);
    } catch (restoreError) {
      return failed(`the refresh failed (${messageOf(err)}) and putting the table back failed too (${messageOf(restoreError)}): check the table against the log`);
    }
    return { ...failed(error), diff: plan.diff, restored: true };
  }
  return { ...outcome, status: "refreshed", summary: lines };
}

/**
 * Puts the table back as step 2 read it: its size, then every written cell's content, number format
 * and strikethrough (the plan's undo ops, in the write's row chunks), the record's stored value, and the
 * log without the new lines. A log sheet this refresh may have created, a record it may have moved to a
 * new key and a base part it may have added are checked for and deleted in one more sync.
 */
async function restore(
  context: Excel.RequestContext,
  entry: RecordedTable,
  got: ReadResult,
  plan: RefreshPlan,
  chunks: [number, number][],
  logRowCount: number,
  newKey: string,
  newBase: BaseRef | null,
  sync: () => Promise<void>,
): Promise<void> {
  const { top, left, rowCount, columnCount } = got.read;
  const sheet = (): Excel.Worksheet => context.workbook.tables.getItem(entry.table.id).worksheet;
  const outsideBody = plan.restoreOps.filter((op) => op.row <= top);
  // Things the failed write may or may not have created: known only after a sync, deleted after it.
  const probes: { isNullObject: boolean; delete(): void }[] = [];
  let addedParts: Excel.CustomXmlPartScopedCollection | null = null;
  for (let k = 0; k < chunks.length; k++) {
    const [start, end] = chunks[k]!;
    if (k === 0) {
      // Back to its size first, so that cells the table grew into are plain cells again when emptied.
      if (plan.rowCount !== rowCount || plan.columnCount !== columnCount) {
        context.workbook.tables.getItem(entry.table.id).resize(sheet().getRange(rangeAddress(top, left, rowCount, columnCount)));
      }
      for (const op of outsideBody) queueOp(sheet(), op);
    }
    for (const op of plan.restoreOps) {
      if (op.row <= top) continue;
      const part = sliceOp(op, start, end);
      if (part) queueOp(sheet(), part);
    }
    if (k === chunks.length - 1) {
      context.workbook.settings.add(entry.settingKey, entry.storedValue);
      if (entry.settingKey !== newKey) {
        const moved = context.workbook.settings.getItemOrNullObject(newKey);
        moved.load("isNullObject");
        probes.push(moved);
      }
      if (got.log.exists) queueLogUndo(context, got.log, logRowCount);
      else {
        const made = context.workbook.worksheets.getItemOrNullObject(got.log.name);
        made.load("isNullObject");
        probes.push(made);
      }
      if (newBase) {
        addedParts = context.workbook.customXmlParts.getByNamespace(baseNamespace(newBase.id, newBase.seq));
        addedParts.load("items/id");
      }
    }
    await sync();
  }
  const leftovers = probes.filter((p) => !p.isNullObject);
  const parts = addedParts ? (addedParts as Excel.CustomXmlPartScopedCollection).items : [];
  if (leftovers.length === 0 && parts.length === 0) return;
  for (const p of leftovers) p.delete();
  for (const p of parts) p.delete();
  await sync();
}

/** Convenience for the UI: Excel.run(ctx => refreshTables(ctx, target, fetchList, options)). */
export async function runRefreshTables(target: RefreshTarget, fetchList: ListFetcher, options: RefreshOptions = {}): Promise<RefreshReport> {
  return Excel.run((context) => refreshTables(context, target, fetchList, options));
}
