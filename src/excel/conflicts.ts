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
 * language, cap and chunks as a refresh's lines). The log sheet existed after the refresh that reported the
 * conflicts; if the analyst deleted it since, the first read fails, and one more sync finds that out and
 * reads again (a new log sheet is then made). Nothing is written if a read fails. If the write fails, even
 * part-way, the cells get back the content and number format read in sync 1 and the log loses the lines
 * (a log sheet the write made is deleted): the table, its base (never written here) and the log are as
 * they were.
 */
import { isFormulaCell, sameValue, showCell, type MineCell } from "../picks/merge";
import { cellAddress } from "./a1";
import type { Language } from "./insert";
import { capLogLines, logRows, queueLogAppend, queueLogPosition, queueLogProbe, queueLogUndo, type LogPosition } from "./logSheet";
import type { RefreshConflict } from "./refresh";
import { encodeCell, mineCellOf, restoreInput } from "./refreshPlan";
import { SyncCounter } from "./session";

export interface TakeTheirsResult {
  written: RefreshConflict[];
  skipped: { conflict: RefreshConflict; reason: "changed" | "moved" | "missing" }[];
  syncCount: number;
}

export interface TakeTheirsOptions {
  /** The time logged; default now. */
  now?: () => Date;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
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
  conflict: RefreshConflict;
  sheet: Excel.Worksheet;
  cell: Excel.Range;
  ticker: Excel.Range;
}

/** Queues the read of each conflict's cell and its row's ticker. */
function queueCellReads(context: Excel.RequestContext, conflicts: readonly RefreshConflict[]): CellRead[] {
  return conflicts.map((conflict) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(conflict.sheetName);
    sheet.load("isNullObject");
    const cell = sheet.getRange(cellAddress(conflict.row, conflict.column));
    cell.load("formulas,numberFormat");
    const ticker = sheet.getRange(cellAddress(conflict.row, conflict.tickerColumn));
    ticker.load("formulas");
    return { conflict, sheet, cell, ticker };
  });
}

/**
 * Sync 1: the cells, and the logs' positions assuming the logs exist (the refresh that reported the
 * conflicts wrote them). When that read fails, one sync asks which logs exist and reads the cells again:
 * if every log is there, the failure was something else and is thrown; otherwise the logs still there
 * are located in one more sync.
 */
async function readAll(
  context: Excel.RequestContext,
  conflicts: readonly RefreshConflict[],
  languages: readonly Language[],
  sync: () => Promise<void>,
): Promise<{ reads: CellRead[]; logs: Map<Language, LogPosition> }> {
  let reads = queueCellReads(context, conflicts);
  const positions = languages.map((lang) => [lang, queueLogPosition(context, lang, true)] as const);
  try {
    await sync();
    return { reads, logs: new Map(positions.map(([lang, read]) => [lang, read()])) };
  } catch (err) {
    reads = queueCellReads(context, conflicts);
    const probe = queueLogProbe(context);
    await sync();
    const exists = probe();
    if (languages.every((lang) => exists[lang])) throw err;
    const found = languages.map((lang) => [lang, queueLogPosition(context, lang, exists[lang])] as const);
    if (languages.some((lang) => exists[lang])) await sync();
    return { reads, logs: new Map(found.map(([lang, read]) => [lang, read()])) };
  }
}

/** Writes the broker's value into each conflict's cell that still holds the analyst's kept value, and logs it. */
export async function takeTheirs(context: Excel.RequestContext, conflicts: readonly RefreshConflict[], options: TakeTheirsOptions = {}): Promise<TakeTheirsResult> {
  const round = new SyncCounter(context);
  const result: TakeTheirsResult = { written: [], skipped: [], syncCount: 0 };
  if (conflicts.length === 0) return result;
  const languages = [...new Set(conflicts.map((c) => c.language))];
  const { reads, logs } = await readAll(context, conflicts, languages, round.sync);
  const writes: { read: CellRead; value: string | number }[] = [];
  for (const read of reads) {
    const { conflict, sheet, cell, ticker } = read;
    if (sheet.isNullObject) {
      result.skipped.push({ conflict, reason: "missing" });
      continue;
    }
    if (conflict.ticker !== null && ticker.formulas[0]?.[0] !== conflict.ticker) {
      result.skipped.push({ conflict, reason: "moved" });
      continue;
    }
    if (!sameMine(mineCellOf(cell.formulas[0]?.[0]), conflict.mine, conflict.kind)) {
      result.skipped.push({ conflict, reason: "changed" });
      continue;
    }
    const format = cell.numberFormat[0]?.[0];
    writes.push({ read, value: encodeCell(conflict.theirs, typeof format === "string" ? format : "General") });
  }
  if (writes.length > 0) {
    const time = (options.now ? options.now() : new Date()).toISOString();
    const logRowsByLanguage = takenLogRows(
      writes.map((w) => w.read.conflict),
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
          writes.map((w) => w.read),
          [...logRowsByLanguage].map(([lang, rows]) => ({ position: logs.get(lang)!, rowCount: rows.length })),
          round.sync,
        );
      } catch (undoError) {
        throw new Error(`the broker's values could not be written (${messageOf(err)}) and putting the cells back failed too (${messageOf(undoError)}): check them against the log`);
      }
      throw err; // as Office gave it (its code says why, in the analyst's language): nothing is left changed
    }
    result.written = writes.map((w) => w.read.conflict);
  }
  result.syncCount = round.count;
  return result;
}

/**
 * Puts back what a failed write may have changed: each cell's number format and content as sync 1 read
 * them, each existing log without the new rows; then a log sheet the write made is deleted (one more sync).
 */
async function undo(
  context: Excel.RequestContext,
  cells: readonly CellRead[],
  logs: readonly { position: LogPosition; rowCount: number }[],
  sync: () => Promise<void>,
): Promise<void> {
  const worksheets = context.workbook.worksheets;
  for (const { conflict, cell } of cells) {
    const formula: unknown = cell.formulas[0]?.[0];
    const format: unknown = cell.numberFormat[0]?.[0];
    const range = worksheets.getItem(conflict.sheetName).getRange(cellAddress(conflict.row, conflict.column));
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
