/**
 * Taking the broker's value for conflicts a refresh reported (refresh.ts, RefreshConflict): for one
 * conflict or all of them. The merge already moved each conflict's base to the broker's value, so writing
 * that value into the cell is all it takes; the next refresh sees the cell equal to its base.
 *
 * Two syncs whatever the number: 1 reads each conflict's cell (its formula or constant and its number
 * format), its row's ticker, and where the refresh log of the conflict's table goes on; 2 writes the
 * broker's value into each cell that still holds what the refresh kept, in its own format (text stays
 * text), and only there — a cell the analyst changed again, or a row that moved (sorted, deleted), is
 * skipped and said so — and logs one line per cell taken in the refresh log (logSheet.ts: the same columns,
 * language, cap and chunks as a refresh's lines). A conflict's sheet is found by its id, so a sheet renamed
 * since the refresh is still written.
 *
 * Sync 1 assumes what the refresh left is still there: the conflicts' sheets and the log sheets. When the
 * analyst deleted one since, sync 1 fails as a whole (Excel fails a request that reads a range of a sheet
 * that is not there). Then one sync asks which of those sheets exist (nothing but isNullObject) and one
 * more reads the cells of the sheets still there and the logs still there (a new log sheet is then made);
 * a conflict whose sheet is gone is skipped as "missing". If every sheet was there, the failure was
 * something else and is thrown. Nothing is written if a read fails. If the write fails, even part-way, the
 * cells get back the content and number format read before and the log loses the lines (a log sheet the
 * write made is deleted): the table, its base (never written here) and the log are as they were.
 */
import { isFormulaCell, sameValue, showCell, type MineCell } from "../picks/merge";
import { cellAddress } from "./a1";
import { encodeCell, mineCellOf, restoreInput } from "./cellContent";
import type { Language } from "./insert";
import { capLogLines, logRows, queueLogAppend, queueLogPosition, queueLogProbe, queueLogUndo, type LogPosition } from "./logSheet";
import type { RefreshConflict } from "./refreshTypes";
import { messageOf, SyncCounter } from "./session";

export interface TakeTheirsResult {
  written: RefreshConflict[];
  skipped: { conflict: RefreshConflict; reason: "changed" | "moved" | "missing" }[];
  syncCount: number;
}

export interface TakeTheirsOptions {
  /** The time logged; default now. */
  now?: () => Date;
}

function sameMine(a: MineCell, b: MineCell, kind: RefreshConflict["kind"]): boolean {
  if (isFormulaCell(a) || isFormulaCell(b)) return isFormulaCell(a) && isFormulaCell(b) && a.formula === b.formula;
  return sameValue(a, b, kind);
}

/**
 * The log line of a cell taken, in the log's language: "EPS 2022 浪潮信息：采用券商的 1.65，替换您的 1.60" /
 * "EPS 2022 浪潮信息: broker's 1.65 taken, replacing yours 1.60".
 */
export function describeTaken(conflict: RefreshConflict, language: Language): string {
  const who = conflict.name ?? conflict.ticker ?? "?";
  const theirs = showCell(conflict.theirs, conflict.kind);
  const mine = showCell(conflict.mine, conflict.kind);
  const label = conflict.label[language];
  return language === "zh" ? `${label} ${who}：采用券商的 ${theirs}，替换您的 ${mine}` : `${label} ${who}: broker's ${theirs} taken, replacing yours ${mine}`;
}

/** The log rows of the cells taken, per log language: one entry per table, capped like a refresh's lines. */
function takenLogRows(written: readonly RefreshConflict[], time: string): Map<Language, string[][]> {
  const byTable = new Map<string, RefreshConflict[]>();
  for (const c of written) {
    const taken = byTable.get(c.tableId);
    if (taken) taken.push(c);
    else byTable.set(c.tableId, [c]);
  }
  const rows = new Map<Language, string[][]>();
  for (const taken of byTable.values()) {
    const { language, tableName, listId } = taken[0]!;
    const { lines } = capLogLines(
      taken.map((c) => describeTaken(c, language)),
      language,
    );
    rows.set(language, [...(rows.get(language) ?? []), ...logRows({ time, tableName, listId, lines })]);
  }
  return rows;
}

interface CellRead {
  cell: Excel.Range;
  ticker: Excel.Range;
}

/** Queues the read of each conflict's cell and its row's ticker, on its sheet found by id. */
function queueCellReads(context: Excel.RequestContext, conflicts: readonly RefreshConflict[]): Map<RefreshConflict, CellRead> {
  const reads = new Map<RefreshConflict, CellRead>();
  for (const conflict of conflicts) {
    const sheet = context.workbook.worksheets.getItem(conflict.sheetId);
    const cell = sheet.getRange(cellAddress(conflict.row, conflict.column));
    cell.load("formulas,numberFormat");
    const ticker = sheet.getRange(cellAddress(conflict.row, conflict.tickerColumn));
    ticker.load("formulas");
    reads.set(conflict, { cell, ticker });
  }
  return reads;
}

/**
 * Sync 1: the cells, and the logs' positions assuming the conflicts' sheets and the logs exist (the refresh
 * that reported the conflicts read and wrote them). When that read fails, one sync asks which of those
 * sheets exist: if all of them do, the failure was something else and is thrown; otherwise one more sync
 * reads the cells of the conflicts whose sheet is there and locates the logs that are (none when no
 * conflict's sheet is left). A conflict without a read is on a sheet deleted since the refresh.
 */
async function readAll(
  context: Excel.RequestContext,
  conflicts: readonly RefreshConflict[],
  languages: readonly Language[],
  sync: () => Promise<void>,
): Promise<{ reads: Map<RefreshConflict, CellRead>; logs: Map<Language, LogPosition> }> {
  const reads = queueCellReads(context, conflicts);
  const positions = languages.map((lang) => [lang, queueLogPosition(context, lang, true)] as const);
  try {
    await sync();
    return { reads, logs: new Map(positions.map(([lang, read]) => [lang, read()])) };
  } catch (err) {
    const sheets = new Map<string, Excel.Worksheet>();
    for (const { sheetId } of conflicts) {
      if (sheets.has(sheetId)) continue;
      const sheet = context.workbook.worksheets.getItemOrNullObject(sheetId);
      sheet.load("isNullObject");
      sheets.set(sheetId, sheet);
    }
    const probe = queueLogProbe(context);
    await sync();
    const exists = probe();
    const present = conflicts.filter((c) => !sheets.get(c.sheetId)!.isNullObject);
    if (present.length === conflicts.length && languages.every((lang) => exists[lang])) throw err;
    if (present.length === 0) return { reads: new Map(), logs: new Map() };
    const again = queueCellReads(context, present);
    const found = [...new Set(present.map((c) => c.language))].map((lang) => [lang, queueLogPosition(context, lang, exists[lang])] as const);
    await sync();
    return { reads: again, logs: new Map(found.map(([lang, read]) => [lang, read()])) };
  }
}

/** Writes the broker's value into each conflict's cell that still holds the analyst's kept value, and logs it. */
export async function takeTheirs(context: Excel.RequestContext, conflicts: readonly RefreshConflict[], options: TakeTheirsOptions = {}): Promise<TakeTheirsResult> {
  const round = new SyncCounter(context);
  const result: TakeTheirsResult = { written: [], skipped: [], syncCount: 0 };
  if (conflicts.length === 0) return result;
  const languages = [...new Set(conflicts.map((c) => c.language))];
  const { reads, logs } = await readAll(context, conflicts, languages, round.sync);
  const writes: { conflict: RefreshConflict; read: CellRead; value: string | number }[] = [];
  for (const conflict of conflicts) {
    const read = reads.get(conflict);
    if (!read) {
      result.skipped.push({ conflict, reason: "missing" });
      continue;
    }
    const { cell, ticker } = read;
    if (conflict.ticker !== null && ticker.formulas[0]?.[0] !== conflict.ticker) {
      result.skipped.push({ conflict, reason: "moved" });
      continue;
    }
    if (!sameMine(mineCellOf(cell.formulas[0]?.[0]), conflict.mine, conflict.kind)) {
      result.skipped.push({ conflict, reason: "changed" });
      continue;
    }
    const format = cell.numberFormat[0]?.[0];
    writes.push({ conflict, read, value: encodeCell(conflict.theirs, typeof format === "string" ? format : "General") });
  }
  if (writes.length > 0) {
    const time = (options.now ? options.now() : new Date()).toISOString();
    const logRowsByLanguage = takenLogRows(
      writes.map((w) => w.conflict),
      time,
    );
    try {
      for (const w of writes) w.read.cell.values = [[w.value]];
      for (const [lang, rows] of logRowsByLanguage) queueLogAppend(context, lang, logs.get(lang)!, rows);
      await round.sync();
    } catch (err) {
      try {
        await undo(
          context,
          writes,
          [...logRowsByLanguage].map(([lang, rows]) => ({ position: logs.get(lang)!, rowCount: rows.length })),
          round.sync,
        );
      } catch (undoError) {
        throw new Error(`the broker's values could not be written (${messageOf(err)}) and putting the cells back failed too (${messageOf(undoError)}): check them against the log`);
      }
      throw err; // as Office gave it (its code says why, in the analyst's language): nothing is left changed
    }
    result.written = writes.map((w) => w.conflict);
  }
  result.syncCount = round.count;
  return result;
}

/**
 * Puts back what a failed write may have changed: each cell's number format and content as read before
 * the write, each existing log without the new rows; then a log sheet the write made is deleted (one more sync).
 */
async function undo(
  context: Excel.RequestContext,
  cells: readonly { conflict: RefreshConflict; read: CellRead }[],
  logs: readonly { position: LogPosition; rowCount: number }[],
  sync: () => Promise<void>,
): Promise<void> {
  const worksheets = context.workbook.worksheets;
  for (const { conflict, read } of cells) {
    const { cell } = read;
    const formula: unknown = cell.formulas[0]?.[0];
    const format: unknown = cell.numberFormat[0]?.[0];
    const range = worksheets.getItem(conflict.sheetId).getRange(cellAddress(conflict.row, conflict.column));
    range.numberFormat = [[format as string]];
    const { kind, input } = restoreInput(formula, format);
    if (kind === "formulas") range.formulas = [[input as string]];
    else range.values = [[input]];
  }
  const made: Excel.Worksheet[] = [];
  for (const { position, rowCount } of logs) {
    if (position.exists) queueLogUndo(context, position, rowCount);
    else {
      const sheet = worksheets.getItemOrNullObject(position.name);
      sheet.load("isNullObject");
      made.push(sheet);
    }
  }
  await sync();
  const leftovers = made.filter((s) => !s.isNullObject);
  if (leftovers.length === 0) return;
  for (const s of leftovers) s.delete();
  await sync();
}

/** Convenience for the UI: Excel.run(ctx => takeTheirs(ctx, conflicts)). */
export async function runTakeTheirs(conflicts: readonly RefreshConflict[]): Promise<TakeTheirsResult> {
  return Excel.run((context) => takeTheirs(context, conflicts));
}
