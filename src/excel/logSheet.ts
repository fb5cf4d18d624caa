/**
 * The refresh log: a worksheet "AIC 更新日志" (or "AIC Refresh log", in the language of the table's
 * record) with one row per line of a refresh's summary: time, table, list id, what changed. Created on
 * the first refresh that logs; later refreshes append below the last used row.
 *
 * Everything is written as text: the number format "@" goes on first, so a line such as "=..." from a
 * feed's company name, or an ISO time, stays exactly as written.
 *
 * The log never makes a refresh (or a take-theirs, conflicts.ts) fail: the lines of one table in one action
 * are capped (capLogLines: LOG_LINE_CAP, the rest counted in a last line); the time, table and list id of
 * an entry are each sent once for all its rows (one value for the block), and the lines go in chunks of
 * LOG_CHUNK_ROWS rows, one range each.
 */
import type { Language } from "./insert";
import { rangeAddress } from "./a1";
import { TEXT_FORMAT } from "./layout";

export const LOG_SHEET_NAMES: Readonly<Record<Language, string>> = { zh: "AIC 更新日志", en: "AIC Refresh log" };
export const LOG_HEADERS: Readonly<Record<Language, readonly string[]>> = {
  zh: ["时间", "表格", "清单ID", "变化"],
  en: ["Time", "Table", "List ID", "Change"],
};
export const LOG_COLUMN_COUNT = 4;
/** Lines per range written: keeps each operation small whatever the number of lines. */
export const LOG_CHUNK_ROWS = 2_000;
/**
 * Lines logged per table and action. A revision of a whole list (every EPS of 50,000 rows) would otherwise
 * make the log the largest write of all; the lines past the cap are counted in one last line.
 */
export const LOG_LINE_CAP = 1_000;

/** The first LOG_LINE_CAP of `all`, and a last line counting the rest, in the log's language. */
export function capLogLines(all: readonly string[], language: Language): { lines: string[]; omitted: number } {
  const omitted = Math.max(0, all.length - LOG_LINE_CAP);
  const lines = all.slice(0, LOG_LINE_CAP);
  if (omitted > 0) lines.push(language === "zh" ? `另有 ${omitted} 处变化未逐条列出` : `${omitted} more changes not listed one by one`);
  return { lines, omitted };
}

export interface LogEntry {
  /** ISO time of the refresh. */
  time: string;
  tableName: string;
  listId: string;
  lines: readonly string[];
}

/** The rows an entry appends: one per summary line. */
export function logRows(entry: LogEntry): string[][] {
  return entry.lines.map((line) => [entry.time, entry.tableName, entry.listId, line]);
}

/** Where the next rows of a log go. */
export interface LogPosition {
  name: string;
  exists: boolean;
  /** The header row is missing (a new sheet, or one the user emptied): write it first, at row 0. */
  needsHeader: boolean;
  /** 0-based row of the first appended line. */
  nextRow: number;
}

/** Queues the existence check of both logs (a used range can only be asked of a sheet that exists). */
export function queueLogProbe(context: Excel.RequestContext): () => Record<Language, boolean> {
  const probes = (["zh", "en"] as const).map((lang) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(LOG_SHEET_NAMES[lang]);
    sheet.load("isNullObject");
    return { lang, sheet };
  });
  return () => ({ zh: !probes[0]!.sheet.isNullObject, en: !probes[1]!.sheet.isNullObject });
}

/** Queues the read of where the log's next row is; `exists` comes from queueLogProbe. */
export function queueLogPosition(context: Excel.RequestContext, language: Language, exists: boolean): () => LogPosition {
  const name = LOG_SHEET_NAMES[language];
  if (!exists) return () => ({ name, exists: false, needsHeader: true, nextRow: 1 });
  const sheet = context.workbook.worksheets.getItem(name);
  const used = sheet.getUsedRange(true);
  used.load("rowIndex,rowCount");
  const corner = sheet.getRange("A1");
  corner.load("values");
  return () => {
    const headerThere = corner.values[0]?.[0] !== "";
    return { name, exists: true, needsHeader: !headerThere, nextRow: Math.max(1, used.rowIndex + used.rowCount) };
  };
}

/** Queues the append (and the sheet and header when missing). */
export function queueLogAppend(context: Excel.RequestContext, language: Language, position: LogPosition, rows: string[][]): void {
  const sheet = position.exists ? context.workbook.worksheets.getItem(position.name) : context.workbook.worksheets.add(position.name);
  if (position.needsHeader) {
    const header = sheet.getRange(rangeAddress(0, 0, 1, LOG_COLUMN_COUNT));
    header.numberFormat = [Array.from({ length: LOG_COLUMN_COUNT }, () => TEXT_FORMAT)];
    header.values = [[...LOG_HEADERS[language]]];
    header.format.font.bold = true;
  }
  if (rows.length === 0) return;
  const body = sheet.getRange(rangeAddress(position.nextRow, 0, rows.length, LOG_COLUMN_COUNT));
  body.numberFormat = TEXT_FORMAT as unknown as string[][];
  // Columns whose cell is the same in every row (an entry's time, table, list id) go as one value.
  for (let c = 0; c < LOG_COLUMN_COUNT; c++) {
    const first = rows[0]![c];
    const column = sheet.getRange(rangeAddress(position.nextRow, c, rows.length, 1));
    if (rows.every((r) => r[c] === first)) {
      column.values = first as unknown as string[][];
      continue;
    }
    for (let start = 0; start < rows.length; start += LOG_CHUNK_ROWS) {
      const part = rows.slice(start, start + LOG_CHUNK_ROWS);
      sheet.getRange(rangeAddress(position.nextRow + start, c, part.length, 1)).values = part.map((r) => [r[c]!]);
    }
  }
}

/**
 * Queues the undo of an append into a log that existed: the appended cells emptied and back to General
 * (they were below the last used row, so empty; their earlier format is not known).
 */
export function queueLogUndo(context: Excel.RequestContext, position: LogPosition, rowCount: number): void {
  if (!position.exists || rowCount === 0) return;
  const sheet = context.workbook.worksheets.getItem(position.name);
  const top = position.needsHeader ? 0 : position.nextRow;
  const count = position.nextRow + rowCount - top;
  const body = sheet.getRange(rangeAddress(top, 0, count, LOG_COLUMN_COUNT));
  body.values = "" as unknown as string[][];
  body.numberFormat = "General" as unknown as string[][];
}
