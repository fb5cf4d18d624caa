/**
 * Taking the broker's value for conflicts a refresh reported (refresh.ts, RefreshConflict): for one
 * conflict or all of them. The merge already moved each conflict's base to the broker's value, so writing
 * that value into the cell is all it takes; the next refresh sees the cell equal to its base.
 *
 * Two syncs whatever the number: 1 reads each conflict's cell (its formula or constant and its number
 * format) and its row's ticker; 2 writes the broker's value into each cell that still holds what the
 * refresh kept, in its own format (text stays text), and only there: a cell the analyst changed again,
 * or a row that moved (sorted, deleted), is skipped and said so. Nothing is written if the read fails,
 * and the write is one request (Excel applies it or refuses it).
 */
import { isFormulaCell, sameValue, type MineCell } from "../picks/merge";
import { cellAddress } from "./a1";
import type { RefreshConflict } from "./refresh";
import { encodeCell, mineCellOf } from "./refreshPlan";
import { SyncCounter } from "./session";

export interface TakeTheirsResult {
  written: RefreshConflict[];
  skipped: { conflict: RefreshConflict; reason: "changed" | "moved" | "missing" }[];
  syncCount: number;
}

function sameMine(a: MineCell, b: MineCell, kind: RefreshConflict["kind"]): boolean {
  if (isFormulaCell(a) || isFormulaCell(b)) return isFormulaCell(a) && isFormulaCell(b) && a.formula === b.formula;
  return sameValue(a, b, kind);
}

/** Writes the broker's value into each conflict's cell that still holds the analyst's kept value. */
export async function takeTheirs(context: Excel.RequestContext, conflicts: readonly RefreshConflict[]): Promise<TakeTheirsResult> {
  const round = new SyncCounter(context);
  const result: TakeTheirsResult = { written: [], skipped: [], syncCount: 0 };
  if (conflicts.length === 0) return result;
  const reads = conflicts.map((conflict) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(conflict.sheetName);
    sheet.load("isNullObject");
    const cell = sheet.getRange(cellAddress(conflict.row, conflict.column));
    cell.load("formulas,numberFormat");
    const ticker = sheet.getRange(cellAddress(conflict.row, conflict.tickerColumn));
    ticker.load("formulas");
    return { conflict, sheet, cell, ticker };
  });
  await round.sync();
  const writes: { conflict: RefreshConflict; range: Excel.Range; value: string | number }[] = [];
  for (const { conflict, sheet, cell, ticker } of reads) {
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
    writes.push({ conflict, range: cell, value: encodeCell(conflict.theirs, typeof format === "string" ? format : "General") });
  }
  if (writes.length > 0) {
    for (const w of writes) w.range.values = [[w.value]];
    await round.sync();
    result.written = writes.map((w) => w.conflict);
  }
  result.syncCount = round.count;
  return result;
}

/** Convenience for the UI: Excel.run(ctx => takeTheirs(ctx, conflicts)). */
export async function runTakeTheirs(conflicts: readonly RefreshConflict[]): Promise<TakeTheirsResult> {
  return Excel.run((context) => takeTheirs(context, conflicts));
}
