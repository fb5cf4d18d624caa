/**
 * Step 3 of a refresh (refresh.ts) cut to fit, and its undo. Excel on the web refuses a request over 5 MB,
 * so the plan's body ops go out in chunks of sheet rows, each request under the payload budget (chunks.ts),
 * the last keeping room for the log lines and the record. When a write fails, restore puts the table back
 * as step 2 read it, in the same row chunks: one sync per chunk, plus one to delete what the failed write
 * may have created (a log sheet, a record under a new key, a base part).
 */
import { rangeAddress } from "./a1";
import { baseNamespace, type BaseRef } from "./base";
import { OPERATION_OVERHEAD_BYTES, jsonBytes, planChunkSizes } from "./chunks";
import { queueOp, sliceOp, type GridOp } from "./gridOps";
import { queueLogUndo } from "./logSheet";
import type { RefreshPlan } from "./refreshPlan";
import type { ReadResult } from "./refreshRead";
import type { RecordedTable } from "./registry";

/** Bytes an op adds to a request on each of its rows (a fill counts once, on its first row). */
function opRowBytes(op: GridOp): { row: number; bytes: number }[] {
  if (op.fill) return [{ row: op.row, bytes: jsonBytes(op.fill.value) + OPERATION_OVERHEAD_BYTES }];
  return op.cells.map((cells, i) => ({ row: op.row + i, bytes: jsonBytes(cells) + (i === 0 ? OPERATION_OVERHEAD_BYTES : 0) }));
}

/**
 * Sheet-row boundaries of the write requests: rows grouped so each request's payload stays under the
 * budget (chunks.ts), like the insert; the last one keeps `lastBytes` free for what goes with it.
 */
export function rowChunks(plan: RefreshPlan, firstBodyRow: number, fixedBytes: number, budgetBytes: number, lastBytes: number): [number, number][] {
  const lastRow = firstBodyRow + plan.rowCount - 1;
  const perRow = new Array<number>(Math.max(0, lastRow - firstBodyRow)).fill(0);
  for (const op of plan.bodyOps) for (const { row, bytes } of opRowBytes(op)) if (row - firstBodyRow < perRow.length) perRow[row - firstBodyRow]! += bytes;
  const budget = Math.max(budgetBytes - fixedBytes, 1);
  return planChunkSizes(perRow, budget, lastBytes).map((c) => [firstBodyRow + c.start, firstBodyRow + c.end] as [number, number]);
}

/**
 * Puts the table back as step 2 read it: its size, then every written cell's content, number format
 * and strikethrough (the plan's undo ops, in the write's row chunks), the record's stored value, and the
 * log without the new lines. A log sheet this refresh may have created, a record it may have moved to a
 * new key and a base part it may have added are checked for and deleted in one more sync.
 */
export async function restore(
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
