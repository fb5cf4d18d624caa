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
import { describeDiff, type PickListDiff } from "../picks/diff";
import { PICKLIST_VERSION, type PickList } from "../picks/types";
import { validatePickList } from "../picks/validate";
import { fetchListFromOrigin, type FeedEnv, type FetchedList } from "../picks/sources";
import { rangeAddress } from "./a1";
import { DEFAULT_PAYLOAD_BUDGET_BYTES, OPERATION_OVERHEAD_BYTES, estimatePayloadBytes, planChunks } from "./chunks";
import type { Language } from "./insert";
import { METADATA_ROW_COUNT } from "./layout";
import { logRows, queueLogAppend, queueLogPosition, queueLogProbe, queueLogUndo, type LogPosition } from "./logSheet";
import { planRefresh, type GridOp, type RefreshPlan, type TableRead } from "./refreshPlan";
import { queueRegistryLoad, type OrphanRecord, type RecordedTable, type WorkbookRegistry } from "./registry";
import { SyncCounter } from "./session";
import { pickTableSettingKey, PICK_TABLE_RECORD_FORMAT, PICK_TABLE_RECORD_VERSION, type PickTableRecord } from "./workbookRecord";

/**
 * The Excel API a refresh needs: table.resize is ExcelApi 1.13 (getCellProperties, setCellProperties and
 * range.getTables 1.9, settings 1.4). The taskpane asks Office.context.requirements.isSetSupported with
 * this before offering Refresh.
 */
export const REFRESH_REQUIREMENT = { name: "ExcelApi", version: "1.13" } as const;

/** What to refresh: every recorded table, the one holding the active cell, those on the active sheet or a given sheet, or one table. */
export type RefreshTarget = "all" | "selection" | "activeSheet" | { sheetId: string } | { tableId: string };

/** Fetches the current version of a recorded table's list (listFetcherFor builds one from the feed sources). */
export type ListFetcher = (record: PickTableRecord) => Promise<PickList | FetchedList>;

export interface RefreshOptions {
  now?: () => Date;
  /**
   * When a source cannot be fetched, refresh from its last good copy (cached by sources.ts) and say so
   * in the outcome and the log. Default true; false fails the table instead.
   */
  allowStale?: boolean;
  /** Per request; default DEFAULT_PAYLOAD_BUDGET_BYTES (tests lower it to see chunking). */
  payloadBudgetBytes?: number;
  /** Called as each table is done, for progress in the taskpane. */
  onTable?: (outcome: TableRefreshOutcome) => void;
}

export interface TableRefreshOutcome {
  tableId: string;
  tableName: string;
  sheetName: string;
  listId: string;
  status: "refreshed" | "failed";
  /** What changed (describeDiff in the record's language, as logged), or the failure in words. */
  summary: string[];
  /** For the taskpane to show in its own language with describeDiff; null when the refresh failed before comparing. */
  diff: PickListDiff | null;
  error: string | null;
  /** Set when the source failed and its last good copy was used. */
  stale: { since: string; error: string } | null;
  /** True when a write had begun, failed, and the table was put back as it was. */
  restored: boolean;
  counts: RefreshPlan["counts"] | null;
  /** Syncs spent on this table (read, write chunks, restore). */
  syncCount: number;
}

export interface RefreshReport {
  outcomes: TableRefreshOutcome[];
  /** Records whose table is gone (deleted, or its sheet deleted). */
  orphans: OrphanRecord[];
  /** Record settings this version cannot read. */
  unreadable: string[];
  /** Why nothing was refreshed, when the target itself failed (no table at the active cell ...). */
  error: string | null;
  syncCount: number;
}

/** The list fetcher over the feed sources: the catalog, or the feed URL (and CSV options) the record names. */
export function listFetcherFor(env: FeedEnv): ListFetcher {
  return (record) => fetchListFromOrigin(env, record.origin, record.listId);
}

function messageOf(err: unknown): string {
  if (typeof err === "object" && err !== null && typeof (err as { message?: unknown }).message === "string") {
    return (err as { message: string }).message;
  }
  return String(err);
}

type Fetched = { ok: true; list: PickList; stale: { since: string; error: string } | null } | { ok: false; error: string };

/** A fetch that never throws, and a list checked before anything is written. */
async function fetchChecked(fetchList: ListFetcher, record: PickTableRecord): Promise<Fetched> {
  let got: PickList | FetchedList;
  try {
    got = await fetchList(record);
  } catch (err) {
    return { ok: false, error: `the source could not be fetched: ${messageOf(err)}` };
  }
  const fetched: FetchedList = "ok" in got && typeof got.ok === "boolean" ? (got as FetchedList) : { ok: true, list: got as PickList, fetchedAt: "", stale: null };
  if (!fetched.ok) return { ok: false, error: fetched.error };
  const checked = validatePickList(fetched.list);
  if (!checked.ok) return { ok: false, error: `the source's list is invalid: ${checked.errors.slice(0, 5).join("; ")}` };
  return { ok: true, list: checked.list, stale: fetched.stale };
}

/** The lines logged and shown: the diff, and what the table does not take from the source. */
export function summaryLines(diff: PickListDiff, language: Language, stale: { since: string; error: string } | null): string[] {
  const zh = language === "zh";
  const lines: string[] = [];
  if (stale) {
    lines.push(zh ? `数据源不可用（${stale.error}），使用 ${stale.since} 获取的副本` : `Source unavailable (${stale.error}); used the copy fetched ${stale.since}`);
  }
  lines.push(...describeDiff(diff, language));
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
}

/**
 * Bytes a read returns per cell (values, formulas, number format, and the strikethrough cell properties,
 * which are most of it), for sizing read windows. Measured on the Huaxin table: about 70 for a table cell,
 * under 20 for an empty one below it; rounded up.
 */
const READ_BYTES_PER_TABLE_CELL = 80;
const READ_BYTES_PER_EMPTY_CELL = 24;
/** Columns an analyst may have added, for guessing a table's width before it is read. */
const GUESSED_EXTRA_COLUMNS = 4;

type StrikeProps = Excel.CellProperties[][];

function strikeOf(props: StrikeProps): boolean[][] {
  return props.map((row) => row.map((cell) => cell.format?.font?.strikethrough === true));
}

/**
 * Step 2 for one table: everything the plan and the undo need. One request for a table of about the
 * new list's size: the table and the rows below it are read through a window starting at the header,
 * sized from the list (so the table's size need not be known first). A table too large for one
 * response is read in further windows of rows under the payload budget, one sync each.
 */
async function readTable(
  context: Excel.RequestContext,
  entry: RecordedTable,
  newRowCount: number,
  logExists: boolean,
  budgetBytes: number,
  sync: () => Promise<void>,
): Promise<ReadResult> {
  const margin = Math.max(newRowCount, 1);
  const widthGuess = entry.record.columns.length + GUESSED_EXTRA_COLUMNS;
  const fits = (newRowCount * READ_BYTES_PER_TABLE_CELL + margin * READ_BYTES_PER_EMPTY_CELL) * widthGuess <= budgetBytes;
  // Header, rows for a table about as long as the list (and a few the analyst added), the room below.
  // A table too large for one response is read without the room: how many rows it needs below is known
  // only once the table is read and planned (most refreshes add a few rows, not a list's worth), and
  // readRowsBelow fetches exactly those.
  const firstWindow = fits ? 1 + newRowCount + 16 + margin : Math.max(2, Math.floor(budgetBytes / (widthGuess * READ_BYTES_PER_TABLE_CELL)));
  const room = fits ? margin : 0;

  const table = context.workbook.tables.getItem(entry.table.id);
  table.load("name,showTotals");
  const sheet = table.worksheet;
  sheet.load("id,name");
  const range = table.getRange();
  range.load("rowIndex,columnIndex,rowCount,columnCount");
  const window = table.getHeaderRowRange().getResizedRange(firstWindow - 1, 1);
  window.load("values,formulas,numberFormat");
  // Strikethrough only where a refresh strikes or un-strikes (the table's rows and the column right of
  // it): cell properties are the bulkiest part of the read, and the rows below never need them.
  const strike = range.getResizedRange(0, 1).getIntersection(window).getCellProperties({ format: { font: { strikethrough: true } } });
  const metadata = sheet.getRange(rangeAddress(0, 0, METADATA_ROW_COUNT, 2));
  metadata.load("values,formulas,numberFormat");
  const readLog = queueLogPosition(context, entry.record.language, logExists);
  await sync();

  const top = range.rowIndex;
  const left = range.columnIndex;
  const H = range.rowCount;
  const W = range.columnCount;
  const needed = H + room;
  const values = window.values.slice(0, needed);
  const formulas = window.formulas.slice(0, needed);
  const numberFormat = window.numberFormat.slice(0, needed);
  const struck = strikeOf(strike.value);
  // Later windows are sized by what the first one actually returned per row (with a 10% margin), not by
  // the per-cell guess, so each further response carries close to the budget.
  const firstRows = Math.min(window.values.length, needed);
  const measuredRowBytes =
    firstRows > 0 && needed > firstWindow
      ? (estimatePayloadBytes([values, formulas, numberFormat]) + estimatePayloadBytes(strike.value)) / firstRows
      : (W + 1) * READ_BYTES_PER_TABLE_CELL;
  const perWindow = Math.max(1, Math.floor(budgetBytes / (1.1 * Math.max(measuredRowBytes, (W + 1) * 8))));
  for (let loaded = firstWindow, count = 0; loaded < needed; loaded += count) {
    count = Math.min(perWindow, needed - loaded);
    const block = sheet.getRange(rangeAddress(top + loaded, left, count, W + 1));
    block.load("values,formulas,numberFormat");
    const strikeRows = Math.min(loaded + count, H) - loaded;
    const blockStrike =
      strikeRows > 0 ? sheet.getRange(rangeAddress(top + loaded, left, strikeRows, W + 1)).getCellProperties({ format: { font: { strikethrough: true } } }) : null;
    await sync();
    values.push(...block.values);
    formulas.push(...block.formulas);
    numberFormat.push(...block.numberFormat);
    if (blockStrike) struck.push(...strikeOf(blockStrike.value));
  }
  return {
    read: {
      top,
      left,
      rowCount: H,
      columnCount: W,
      values,
      formulas,
      numberFormat,
      strike: struck,
      metadata: { values: metadata.values, formulas: metadata.formulas, numberFormat: metadata.numberFormat },
    },
    showTotals: table.showTotals,
    tableName: table.name,
    sheetId: sheet.id,
    sheetName: sheet.name,
    log: readLog(),
  };
}

/**
 * Extends `read` down to `rowsNeeded` rows from the header: the empty room new rows go into, for a table
 * whose first read left it out. Read in windows sized at an empty cell's cost (no cell properties are
 * read below a table), one sync each.
 */
async function readRowsBelow(
  context: Excel.RequestContext,
  got: ReadResult,
  rowsNeeded: number,
  budgetBytes: number,
  sync: () => Promise<void>,
): Promise<void> {
  const { read } = got;
  const sheet = context.workbook.worksheets.getItem(got.sheetName);
  const perWindow = Math.max(1, Math.floor(budgetBytes / ((read.columnCount + 1) * READ_BYTES_PER_EMPTY_CELL)));
  for (let loaded = read.values.length, count = 0; loaded < rowsNeeded; loaded += count) {
    count = Math.min(perWindow, rowsNeeded - loaded);
    const block = sheet.getRange(rangeAddress(read.top + loaded, read.left, count, read.columnCount + 1));
    block.load("values,formulas,numberFormat");
    await sync();
    read.values.push(...block.values);
    read.formulas.push(...block.formulas);
    read.numberFormat.push(...block.numberFormat);
  }
}

function queueOp(sheet: Excel.Worksheet, op: GridOp): void {
  const range = sheet.getRange(rangeAddress(op.row, op.column, op.cells.length, op.cells[0]!.length));
  // null leaves a cell as it is (Office.js ignores null in these arrays).
  if (op.kind === "numberFormat") range.numberFormat = op.cells as string[][];
  else if (op.kind === "values") range.values = op.cells;
  else if (op.kind === "formulas") range.formulas = op.cells;
  else range.setCellProperties(op.cells.map((row) => row.map((v) => (v === null ? {} : { format: { font: { strikethrough: v === true } } }))));
}

/** The part of `op` on sheet rows [start, end), without leading or trailing rows that write nothing. */
function sliceOp(op: GridOp, start: number, end: number): GridOp | null {
  let from = Math.max(start, op.row) - op.row;
  let to = Math.min(end, op.row + op.cells.length) - op.row;
  const empty = (i: number): boolean => op.cells[i]!.every((v) => v === null);
  while (from < to && empty(from)) from++;
  while (to > from && empty(to - 1)) to--;
  return from < to ? { ...op, row: op.row + from, cells: op.cells.slice(from, to) } : null;
}

/**
 * Sheet-row boundaries of the write requests: rows grouped so each request's estimated payload stays
 * under the budget (chunks.ts), like the insert.
 */
function rowChunks(plan: RefreshPlan, firstBodyRow: number, fixedBytes: number, budgetBytes: number): [number, number][] {
  const lastRow = firstBodyRow + plan.rowCount - 1;
  const perRow: unknown[][] = Array.from({ length: lastRow - firstBodyRow }, () => []);
  for (const op of plan.bodyOps) op.cells.forEach((cells, i) => perRow[op.row + i - firstBodyRow]?.push(cells));
  const budget = budgetBytes - fixedBytes - (plan.bodyOps.length + 8) * OPERATION_OVERHEAD_BYTES;
  return planChunks(perRow, Math.max(budget, 1)).map((c) => [firstBodyRow + c.start, firstBodyRow + c.end] as [number, number]);
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
  try {
    await sync();
    registry = readRegistry();
    logExists = readLogs();
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
    const outcome = await refreshOne(context, entry, fetched[i]!, logExists, options, sync);
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
  const next = fetched.list;

  // 2. Read.
  const budget = options.payloadBudgetBytes ?? DEFAULT_PAYLOAD_BUDGET_BYTES;
  let got: ReadResult;
  try {
    got = await readTable(context, entry, next.rows.length, logExists[language], budget, sync);
  } catch (err) {
    return failed(`the table could not be read: ${messageOf(err)}`);
  }
  outcome.tableName = got.tableName;
  outcome.sheetName = got.sheetName;
  if (got.showTotals) return failed("the table shows a totals row: turn it off (Table Design › Total Row) and refresh again");
  let planned = planRefresh(got.read, record, next);
  if (!planned.ok && planned.rowsNeeded !== undefined) {
    try {
      await readRowsBelow(context, got, planned.rowsNeeded, budget, sync);
    } catch (err) {
      return failed(`the rows below the table could not be read: ${messageOf(err)}`);
    }
    planned = planRefresh(got.read, record, next);
  }
  if (!planned.ok) return failed(planned.error);
  const plan = planned.plan;
  outcome.diff = plan.diff;
  outcome.counts = plan.counts;

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
  };
  const lines = summaryLines(plan.diff, language, fetched.stale);
  const rows = logRows({ time: now, tableName: got.tableName, listId: record.listId, lines });

  // 3. Write, in as few requests as the payload allows.
  const { top, left, rowCount, columnCount } = got.read;
  const grows = plan.rowCount !== rowCount || plan.columnCount !== columnCount;
  let chunks: [number, number][];
  try {
    // Every address first: an op outside the grid must fail here, before anything is queued (a queued
    // operation cannot be taken back; it would go out with the next sync).
    for (const op of [...plan.headerOps, ...plan.bodyOps, ...plan.restoreOps]) rangeAddress(op.row, op.column, op.cells.length, op.cells[0]?.length ?? 0);
    rangeAddress(top, left, plan.rowCount, plan.columnCount);
    const fixed = estimatePayloadBytes([plan.headerOps, newRecord, rows]);
    chunks = rowChunks(plan, top + 1, fixed, budget);
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
      await restore(context, entry, got, plan, chunks, rows.length, newKey, sync);
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
 * log without the new lines. A log sheet this refresh may have created and a record it may have moved
 * to a new key are checked for and deleted in one more sync.
 */
async function restore(
  context: Excel.RequestContext,
  entry: RecordedTable,
  got: ReadResult,
  plan: RefreshPlan,
  chunks: [number, number][],
  logRowCount: number,
  newKey: string,
  sync: () => Promise<void>,
): Promise<void> {
  const { top, left, rowCount, columnCount } = got.read;
  const sheet = (): Excel.Worksheet => context.workbook.tables.getItem(entry.table.id).worksheet;
  const outsideBody = plan.restoreOps.filter((op) => op.row <= top);
  // Things the failed write may or may not have created: known only after a sync, deleted after it.
  const probes: { isNullObject: boolean; delete(): void }[] = [];
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
    }
    await sync();
  }
  const leftovers = probes.filter((p) => !p.isNullObject);
  if (leftovers.length === 0) return;
  for (const p of leftovers) p.delete();
  await sync();
}

/** Convenience for the UI: Excel.run(ctx => refreshTables(ctx, target, fetchList, options)). */
export async function runRefreshTables(target: RefreshTarget, fetchList: ListFetcher, options: RefreshOptions = {}): Promise<RefreshReport> {
  return Excel.run((context) => refreshTables(context, target, fetchList, options));
}
