/**
 * Refreshes pick-list tables in place from their sources: the selected table, every table on a sheet,
 * or every table the workbook remembers. This module is the public entry point (refreshTables,
 * runRefreshTables, REFRESH_REQUIREMENT, and re-exported: listFetcherFor and the types of refreshTypes.ts)
 * and runs the steps below for each table, with its outcome, record and log lines. The steps have their
 * own modules: fetching the lists (refreshFetch.ts), reading a table (refreshRead.ts), deciding what is
 * written (planRefresh, refreshPlan.ts), the write in row chunks and its undo (refreshWrite.ts).
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
import { describeConflict, type Conflict } from "../picks/merge";
import { columnLabel } from "../picks/columns";
import { PICKLIST_VERSION } from "../picks/types";
import { cellAddress, qualifiedAddress, rangeAddress } from "./a1";
import { DEFAULT_PAYLOAD_BUDGET_BYTES, OPERATION_OVERHEAD_BYTES, jsonBytes } from "./chunks";
import {
  committedParts,
  garbageParts,
  nextBaseWrite,
  queueBasePartAdd,
  queueBasePartDelete,
  queueBasePartList,
  type BasePart,
} from "./base";
import { opColumns, opRows, queueOp, sliceOp } from "./gridOps";
import type { Language } from "./insert";
import { logRows, queueLogAppend, queueLogProbe } from "./logSheet";
import { foldHeader } from "./recordColumns";
import { fetchChecked, type Fetched } from "./refreshFetch";
import { planRefresh, type RefreshPlan } from "./refreshPlan";
import { readNeeded, readTable, type ReadResult } from "./refreshRead";
import type { ListFetcher, RefreshConflict, RefreshOptions, RefreshReport, RefreshTarget, TableRefreshOutcome } from "./refreshTypes";
import { restore, rowChunks } from "./refreshWrite";
import { queueRegistryLoad, type RecordedTable, type WorkbookRegistry } from "./registry";
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
      await readNeeded(context, got, planned, budget, sync);
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

/** Convenience for the UI: Excel.run(ctx => refreshTables(ctx, target, fetchList, options)). */
export async function runRefreshTables(target: RefreshTarget, fetchList: ListFetcher, options: RefreshOptions = {}): Promise<RefreshReport> {
  return Excel.run((context) => refreshTables(context, target, fetchList, options));
}
