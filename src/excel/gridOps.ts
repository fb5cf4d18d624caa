/**
 * One write to a sheet rectangle (GridOp): how a refresh plan says what it writes and what undoes it
 * (refreshPlan.ts), as plain data. Here: its shape and size, single cells grouped into column runs (one op
 * each), the part of an op on a chunk's rows (a large write goes out in row chunks, refreshWrite.ts), and
 * an op queued as the Office.js calls that write it.
 */
import { rangeAddress } from "./a1";
import type { CellInput } from "./cellContent";

/**
 * One write, in sheet coordinates (0-based): a rectangle of cells (null leaves a cell as it is), or, with
 * `fill`, one value for every cell of a rows × columns block (sent once, whatever the block's size).
 */
export interface GridOp {
  kind: "numberFormat" | "values" | "formulas" | "strike";
  row: number;
  column: number;
  cells: (CellInput | null)[][];
  fill?: { value: CellInput; rows: number; columns: number };
}

export function opRows(op: GridOp): number {
  return op.fill ? op.fill.rows : op.cells.length;
}

export function opColumns(op: GridOp): number {
  return op.fill ? op.fill.columns : (op.cells[0]?.length ?? 0);
}

/** Single cells of one kind grouped into column runs: rows closer than MAX_GAP share one op (nulls between). */
const MAX_GAP = 8;
export function cellOps(kind: GridOp["kind"], cells: { row: number; column: number; value: CellInput }[]): GridOp[] {
  const byColumn = new Map<number, { row: number; value: CellInput }[]>();
  for (const c of cells) {
    const list = byColumn.get(c.column);
    if (list) list.push({ row: c.row, value: c.value });
    else byColumn.set(c.column, [{ row: c.row, value: c.value }]);
  }
  const ops: GridOp[] = [];
  for (const [column, list] of [...byColumn].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => a.row - b.row);
    let run: { row: number; value: CellInput }[] = [];
    const flush = (): void => {
      if (run.length === 0) return;
      const first = run[0]!.row;
      const last = run[run.length - 1]!.row;
      const cells: (CellInput | null)[][] = Array.from({ length: last - first + 1 }, () => [null]);
      for (const c of run) cells[c.row - first] = [c.value];
      ops.push({ kind, row: first, column, cells });
      run = [];
    };
    for (const c of list) {
      if (run.length > 0 && c.row - run[run.length - 1]!.row > MAX_GAP) flush();
      run.push(c);
    }
    flush();
  }
  return ops;
}

/** Queues the Office.js calls that write `op` on `sheet` (they go out with the next sync). */
export function queueOp(sheet: Excel.Worksheet, op: GridOp): void {
  const range = sheet.getRange(rangeAddress(op.row, op.column, opRows(op), opColumns(op)));
  if (op.fill) {
    // One value for the whole block: Excel sets every cell to it.
    const value = op.fill.value;
    if (op.kind === "strike") range.format.font.strikethrough = value === true;
    else if (op.kind === "numberFormat") range.numberFormat = value as unknown as string[][];
    else if (op.kind === "values") range.values = value as unknown as string[][];
    else range.formulas = value as unknown as string[][];
    return;
  }
  // null leaves a cell as it is (Office.js ignores null in these arrays).
  if (op.kind === "numberFormat") range.numberFormat = op.cells as string[][];
  else if (op.kind === "values") range.values = op.cells;
  else if (op.kind === "formulas") range.formulas = op.cells;
  else range.setCellProperties(op.cells.map((row) => row.map((v) => (v === null ? {} : { format: { font: { strikethrough: v === true } } }))));
}

/** The part of `op` on sheet rows [start, end), without leading or trailing rows that write nothing. */
export function sliceOp(op: GridOp, start: number, end: number): GridOp | null {
  if (op.fill) {
    const from = Math.max(start, op.row);
    const to = Math.min(end, op.row + op.fill.rows);
    return from < to ? { ...op, row: from, fill: { ...op.fill, rows: to - from } } : null;
  }
  let from = Math.max(start, op.row) - op.row;
  let to = Math.min(end, op.row + op.cells.length) - op.row;
  const empty = (i: number): boolean => op.cells[i]!.every((v) => v === null);
  while (from < to && empty(from)) from++;
  while (to > from && empty(to - 1)) to--;
  return from < to ? { ...op, row: op.row + from, cells: op.cells.slice(from, to) } : null;
}
