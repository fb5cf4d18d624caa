/**
 * Inserts a pick list into a workbook: a new worksheet with the report's metadata on top and a real
 * Excel table below (localized headers, number formats, a live forward-P/E column per estimate year
 * with a highlight where it departs from the printed P/E), and a workbook record for a later refresh.
 *
 * Round trips (context.sync calls), whatever the row count for a list that fits one request:
 *   1. read the existing sheet, table and defined names (to choose unique names);
 *   2. write everything: sheet, metadata, headers, table, formats, rows, formulas, conditional
 *      formats, the merge base (base.ts); and load the new sheet's and table's ids;
 *   3. write the workbook record keyed by the table id (needs the ids from 2), fit the column widths,
 *      activate the sheet.
 * A list too large for one request (Excel on the web caps a request at 5 MB) sends its rows in
 * chunks under DEFAULT_PAYLOAD_BUDGET_BYTES, one sync each: 2 + chunk count syncs in all. The record
 * goes last, so a table is only ever recorded once all its rows are in.
 *
 * Bytes: close to the values themselves. Each column's number format and each live P/E column's formula
 * is the same in every row, so each is sent once, as one value for the whole column (Excel sets every cell
 * of a range to a single value assigned to it; Microsoft's performance guide, "Update all cells in a
 * range"); only the data cells travel as arrays, plus the compact base (a deflated copy, about a tenth).
 *
 * Nothing runs at import time: the module can be loaded in a browser without Office.
 */
import type { PickList } from "../picks/types";
import type { ListOrigin } from "../picks/sources";
import { MAX_COLUMNS, MAX_ROWS, qualifiedAddress, rangeAddress } from "./a1";
import { DEFAULT_PAYLOAD_BUDGET_BYTES, OPERATION_OVERHEAD_BYTES, jsonBytes, planChunkSizes, type RowChunk } from "./chunks";
import { baseNamespace, encodeSnapshot, newBaseId, type BaseRef } from "./base";
import { matchKey } from "../picks/diff";
import type { TableBase } from "../picks/merge";
import {
  FIRST_DATA_ROW,
  HEADER_ROW,
  METADATA_ROW_COUNT,
  PE_MISMATCH_FILL,
  PE_MISMATCH_FONT,
  TABLE_FIRST_COLUMN,
  TEXT_FORMAT,
  mismatchRuleFor,
  planTable,
  type TablePlan,
} from "./layout";
import { chooseNewSheetNames, SyncCounter, writeNewSheet } from "./session";
import { buildPickTableRecord, pickTableSettingKey } from "./workbookRecord";

export type Language = "zh" | "en";

export interface InsertOptions {
  language: Language;
  onProgress?: (rowsWritten: number, totalRows: number) => void;
  /** Where the list came from, kept in the workbook record so any machine can refresh it. Default: the bundled catalog. */
  source?: ListOrigin;
  /** The clock for the record's insertedAt (tests pass a fixed one). */
  now?: () => Date;
}

export interface InsertResult {
  sheetName: string;
  tableName: string;
  /** Sheet-qualified, always quoted: 'Sheet name'!A11:L28 (header row included). */
  tableAddress: string;
  rowCount: number;
  syncCount: number;
}

/** A list the insert cannot write; thrown before anything is sent to Excel. */
export class PickListInsertError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PickListInsertError";
  }
}

/** Prefix of the deterministic table name: AIC_<list id>. */
export const TABLE_NAME_PREFIX = "AIC_";

/**
 * Checks what the insert relies on (the list is assumed validated against the schema; this guards
 * the insert itself): columns present with unique keys and labels, a ticker column, rows that are
 * objects of strings, finite numbers or null, and a table that fits Excel's grid.
 */
export function validateForInsert(list: PickList, language: Language): void {
  const fail = (message: string): never => {
    throw new PickListInsertError(message);
  };
  if (language !== "zh" && language !== "en") fail(`unknown language ${JSON.stringify(language)}`);
  if (typeof list !== "object" || list === null) fail("no pick list given");
  if (typeof list.id !== "string" || list.id === "") fail("the list has no id");
  if (typeof list.title?.[language] !== "string") fail(`the list has no ${language} title`);
  const source = list.source;
  if (typeof source !== "object" || source === null || !Array.isArray(source.analysts)) fail("the list has no source");
  if (!Array.isArray(list.columns) || list.columns.length === 0) fail("the list has no columns");
  const keys = new Set<string>();
  for (const column of list.columns) {
    if (typeof column?.key !== "string" || column.key === "") fail("a column has no key");
    if (keys.has(column.key)) fail(`column key "${column.key}" is used twice`);
    keys.add(column.key);
    if (typeof column.label?.[language] !== "string") fail(`column "${column.key}" has no ${language} label`);
  }
  if (!list.columns.some((c) => c.kind === "ticker")) fail("the list has no ticker column");
  if (!Array.isArray(list.rows)) fail("the list has no rows array");
  if (FIRST_DATA_ROW + Math.max(list.rows.length, 1) > MAX_ROWS) fail(`${list.rows.length} rows do not fit on a worksheet`);
  list.rows.forEach((row, i) => {
    if (typeof row !== "object" || row === null || Array.isArray(row)) fail(`row ${i} is not an object`);
    for (const key of keys) {
      const value: unknown = row[key];
      const ok =
        value === null || value === undefined || typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
      if (!ok) fail(`row ${i}, column "${key}": ${String(value)} is not text, a finite number or null`);
    }
  });
}

function repeat<T>(count: number, item: T): T[] {
  return Array.from({ length: count }, () => item);
}

/** UTF-8 bytes of one row as a chunk sends it: the cells of its data segments, each segment a JSON array. */
function rowPayloadBytes(plan: TablePlan, row: readonly (string | number)[]): number {
  let bytes = 0;
  for (const s of plan.segments) {
    bytes += 3; // [ ] and the comma after
    for (let i = s.first; i < s.first + s.count; i++) bytes += jsonBytes(row[i]) + 1;
  }
  return bytes;
}

/** Operations each chunk queues: one values per data segment. */
function operationsPerChunk(plan: TablePlan): number {
  return plan.segments.length;
}

/** Operations the first write adds once: a number format per column and a formula per live P/E column. */
function columnOperations(plan: TablePlan): number {
  return plan.columns.length + plan.formulas.filter((f) => f !== null).length;
}

/** The base of a freshly inserted list: every row as the source gave it (merge.ts). */
export function insertedBase(list: PickList): TableBase {
  const tKey = list.columns.find((c) => c.kind === "ticker")!.key;
  const nKey = list.columns.find((c) => c.kind === "name")?.key;
  const base: TableBase = new Map();
  for (const row of list.rows) {
    const key = matchKey(row, tKey, nKey);
    if (!base.has(key)) base.set(key, Object.fromEntries(list.columns.map((c) => [c.key, row[c.key] ?? null])));
  }
  return base;
}

/** Estimated payload of what the first write queues besides rows (sheet, metadata, headers, table, rules). */
function frameBytes(plan: TablePlan): number {
  const data: unknown[] = [
    repeat(METADATA_ROW_COUNT, [TEXT_FORMAT, TEXT_FORMAT]),
    plan.metadata,
    [repeat(plan.headers.length, TEXT_FORMAT)],
    [plan.headers],
    plan.mismatchChecks.map(mismatchRuleFor),
  ];
  const operations = 12 + 4 * plan.mismatchChecks.length + columnOperations(plan);
  const columnBytes = plan.numberFormats.reduce((n, f) => n + jsonBytes(f), 0) + plan.formulas.reduce((n, f) => n + (f === null ? 0 : jsonBytes(f)), 0);
  return jsonBytes(data) + columnBytes + operations * OPERATION_OVERHEAD_BYTES;
}

function queueFrame(sheet: Excel.Worksheet, plan: TablePlan): void {
  const metadata = sheet.getRange(rangeAddress(0, 0, METADATA_ROW_COUNT, 2));
  // Text format first: titles and source lines come from outside and must never parse as formulas or dates.
  metadata.numberFormat = repeat(METADATA_ROW_COUNT, [TEXT_FORMAT, TEXT_FORMAT]);
  metadata.values = plan.metadata;
  sheet.getRange(rangeAddress(0, 0, 1, 1)).format.font.bold = true;

  const header = sheet.getRange(rangeAddress(HEADER_ROW, TABLE_FIRST_COLUMN, 1, plan.headers.length));
  header.numberFormat = [repeat(plan.headers.length, TEXT_FORMAT)];
  header.values = [plan.headers];
}

function queueMismatchFormats(sheet: Excel.Worksheet, plan: TablePlan): void {
  for (const check of plan.mismatchChecks) {
    const live = sheet.getRange(rangeAddress(FIRST_DATA_ROW, TABLE_FIRST_COLUMN + check.live, plan.bodyRowCount, 1));
    // The enum's value, not Excel.ConditionalFormatType.custom: no Office global is needed to call this.
    const format = live.conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
    format.custom.rule.formula = mismatchRuleFor(check);
    format.custom.format.fill.color = PE_MISMATCH_FILL;
    format.custom.format.font.color = PE_MISMATCH_FONT;
  }
}

/**
 * Once, before any row: each column's number format and each live P/E column's formula, as one value for
 * the whole column of the table body (Excel fills every cell). Formats go before values: a "@" cell keeps
 * "=HYPERLINK(...)" as text only if it is "@" when written.
 */
function queueColumns(sheet: Excel.Worksheet, plan: TablePlan): void {
  plan.columns.forEach((_, i) => {
    const range = sheet.getRange(rangeAddress(FIRST_DATA_ROW, TABLE_FIRST_COLUMN + i, plan.bodyRowCount, 1));
    range.numberFormat = plan.numberFormats[i] as unknown as string[][];
  });
  if (plan.rows.length === 0) return;
  plan.formulas.forEach((formula, i) => {
    if (formula === null) return;
    sheet.getRange(rangeAddress(FIRST_DATA_ROW, TABLE_FIRST_COLUMN + i, plan.rows.length, 1)).formulas = formula as unknown as string[][];
  });
}

function queueChunk(sheet: Excel.Worksheet, plan: TablePlan, chunk: RowChunk): void {
  const count = chunk.end - chunk.start;
  if (count === 0) return;
  const top = FIRST_DATA_ROW + chunk.start;
  const rows = plan.rows.slice(chunk.start, chunk.end);
  for (const segment of plan.segments) {
    const range = sheet.getRange(rangeAddress(top, TABLE_FIRST_COLUMN + segment.first, count, segment.count));
    range.values = rows.map((row) => row.slice(segment.first, segment.first + segment.count));
  }
}


/** Inserts `list` into a new worksheet of the workbook behind `context`. */
export async function insertPickList(context: Excel.RequestContext, list: PickList, options: InsertOptions): Promise<InsertResult> {
  const { language } = options;
  validateForInsert(list, language);
  const plan = planTable(list, language);
  if (TABLE_FIRST_COLUMN + plan.columns.length > MAX_COLUMNS) {
    throw new PickListInsertError(`${plan.columns.length} columns do not fit on a worksheet`);
  }
  // The base: what this insert writes into the list's cells, for the first refresh's merge (base.ts).
  const baseId = newBaseId();
  const baseXml = encodeSnapshot(
    baseId,
    0,
    insertedBase(list),
    list.columns.map((c) => c.key),
    list.columns.find((c) => c.kind === "ticker")!.key,
    list.columns.find((c) => c.kind === "name")?.key ?? null,
  );
  const rowBytes = plan.rows.map((row) => rowPayloadBytes(plan, row));
  const budget = DEFAULT_PAYLOAD_BUDGET_BYTES - frameBytes(plan) - operationsPerChunk(plan) * OPERATION_OVERHEAD_BYTES;
  // The base goes with the last chunk: room for it is kept in the budget of every chunk but the first's frame.
  const chunks = planChunkSizes(rowBytes, budget, baseXml.length + OPERATION_OVERHEAD_BYTES);
  const dataBytes = list.rows.length ? rowBytes.reduce((a, b) => a + b, 0) / list.rows.length : 0;
  const baseRef: BaseRef = {
    id: baseId,
    seq: 0,
    snapshotSeq: 0,
    snapshotChars: baseXml.length,
    overlayChars: 0,
    rows: list.rows.length,
    rowBytes: Math.ceil(dataBytes || jsonBytes(list.columns.map(() => null))),
  };
  const tableAddress = rangeAddress(HEADER_ROW, TABLE_FIRST_COLUMN, 1 + plan.bodyRowCount, plan.columns.length);

  const round = new SyncCounter(context);
  const sync = round.sync;

  // 1. What names are taken.
  const workbook = context.workbook;
  const { sheetName, tableName } = await chooseNewSheetNames(workbook, sync, {
    sheetTitle: list.title[language],
    sheetFallback: list.id,
    tableName: `${TABLE_NAME_PREFIX}${list.id}`,
  });

  await writeNewSheet(
    context,
    sheetName,
    async () => {
      // 2. Everything, rows in chunks.
      const sheet = workbook.worksheets.add(sheetName);
      queueFrame(sheet, plan);
      const table = sheet.tables.add(sheet.getRange(tableAddress), true);
      table.name = tableName;
      queueMismatchFormats(sheet, plan);
      queueColumns(sheet, plan);
      table.load("id");
      sheet.load("id");
      for (const [k, chunk] of chunks.entries()) {
        queueChunk(sheet, plan, chunk);
        if (k === chunks.length - 1) workbook.customXmlParts.add(baseXml);
        await sync();
        options.onProgress?.(chunk.end, list.rows.length);
      }

      // 3. The record (keyed by the table id loaded above), column widths, and show the result.
      workbook.settings.add(
        pickTableSettingKey(table.id),
        buildPickTableRecord({
          list,
          language,
          columns: plan.columns,
          tableId: table.id,
          tableName,
          sheetId: sheet.id,
          sheetName,
          origin: options.source ?? { kind: "catalog" },
          insertedAt: (options.now ? options.now() : new Date()).toISOString(),
          base: baseRef,
        }),
      );
      sheet.getRange(tableAddress).format.autofitColumns();
      sheet.activate();
      await sync();
    },
    () => removeBaseIfPresent(context, baseId),
  );

  return {
    sheetName,
    tableName,
    tableAddress: qualifiedAddress(sheetName, tableAddress),
    rowCount: list.rows.length,
    syncCount: round.count,
  };
}

/** Best effort: deletes the base part a failed insert may have added; the caller's error is what surfaces. */
async function removeBaseIfPresent(context: Excel.RequestContext, baseId: string): Promise<void> {
  try {
    const parts = context.workbook.customXmlParts.getByNamespace(baseNamespace(baseId, 0));
    parts.load("items/id");
    await context.sync();
    if (parts.items.length === 0) return;
    for (const part of parts.items) part.delete();
    await context.sync();
  } catch {
    // The original error is what the caller needs to see.
  }
}

/** Convenience for the UI: Excel.run(ctx => insertPickList(ctx, list, options)). */
export async function runInsertPickList(list: PickList, options: InsertOptions): Promise<InsertResult> {
  return Excel.run((context) => insertPickList(context, list, options));
}
