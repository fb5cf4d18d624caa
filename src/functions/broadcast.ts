/**
 * The broadcast of the one runner (framework.ts): a call where any argument is a range. Every argument a
 * grid, the result as large as the largest, cells paired as Excel pairs them; a long column result has a
 * loop of its own (column). Each cell goes through the same coercion (plan.ts coerceCell) and the same
 * settling of the core's result as a single-cell call.
 */
import { Failure, failureOf, isFailure, toExcelError, toFailure } from "./failures";
import {
  asGrid,
  coerceCell,
  evaluate,
  inRange,
  settle,
  type ArgSpec,
  type CellInput,
  type CellOutput,
  type CellResult,
  type FunctionPlan,
  type GridInput,
  type NumberRange,
  type Positional,
} from "./plan";

/**
 * Every argument a grid: the result is as large as the largest, each cell pairing the arguments' cells
 * as Excel pairs them. Arguments are classified once per call (a single cell is coerced once and reused
 * across the whole result: a constant assumption against a 100,000-cell range costs one coercion, not
 * 100,000); the per-cell loop then reads only the arguments that vary, and errors leave it by a side door.
 */
export function broadcast(plan: FunctionPlan, inputs: readonly (GridInput | CellInput)[], args: unknown[]): CellOutput[][] {
  const { arity } = plan;
  const grids: GridInput[] = new Array(arity);
  let rows = 1;
  let cols = 1;
  for (let i = 0; i < arity; i++) {
    const g = asGrid(inputs[i]);
    grids[i] = g;
    if (g.length > rows) rows = g.length;
    if (g[0].length > cols) cols = g[0].length;
  }
  // The arguments that vary from cell to cell, in argument order, and the first single-cell argument
  // that is an error: a cell shows the error of its first failing argument, so that one wins over the
  // varying arguments after it and loses to those before it.
  const varying: number[] = [];
  let fixedFailure: Failure | undefined;
  for (let i = 0; i < arity; i++) {
    const g = grids[i];
    if (g.length === 1 && g[0].length === 1) {
      const v = coerceCell(plan, i, g[0][0]);
      if (isFailure(v)) {
        fixedFailure ??= v;
      } else args[i] = v;
    } else if (fixedFailure === undefined) varying.push(i);
  }

  if (cols === 1 && rows >= LONG_COLUMN && fixedFailure === undefined && varying.every((i) => grids[i].length === rows)) {
    // Kept a function of its own in the bundle (the minifier would paste it here as a closure made per
    // call): its loop is optimised on its own, and its row literals stay its own.
    return /*#__NOINLINE__*/ column(plan, grids, varying, args, rows);
  }
  const out: CellOutput[][] = new Array(rows);
  if (cols === 1) {
    // A column result with a stretched or shorter argument, or a fixed failure: rows made as column() makes them.
    for (let r = 0; r < rows; r++) {
      const failure = varyingFailure(plan, grids, varying, args, r, 0, rows, cols) ?? fixedFailure;
      if (failure === undefined) {
        const result = evaluate(plan, args);
        if (typeof result === "number") out[r] = [result];
        else if (isFailure(result)) out[r] = [toExcelError(result)];
        else out[r] = [result];
      } else out[r] = [toExcelError(failure)];
    }
    return out;
  }
  for (let r = 0; r < rows; r++) {
    const outRow: CellOutput[] = new Array(cols);
    for (let c = 0; c < cols; c++) {
      const failure = varyingFailure(plan, grids, varying, args, r, c, rows, cols) ?? fixedFailure;
      outRow[c] = failure === undefined ? evaluateCell(plan, args) : toExcelError(failure);
    }
    out[r] = outRow;
  }
  return out;
}

/**
 * The length from which a column result takes column(). Besides skipping the per-cell bookkeeping, this
 * gives a long column's rows allocation sites of their own: V8 decides once per array literal whether
 * what it makes lives long (allocation-site pretenuring). Short spills die at once; the rows of a long
 * column survive every young-generation collection that runs while it is built. Sharing one literal, the
 * short spills' verdict would come first and stick, and every long column would be copied through the
 * young generation row by row (measured: about 3× the time of the column itself).
 */
export const LONG_COLUMN = 512;

/**
 * The long spill, decided once per call: a column result where every varying argument is a column as
 * long as the result and no single-cell argument failed, so no cell needs stretching or a shape check.
 * With up to three arguments, the rows whose varying cells are numbers inside their ranges (every row of
 * a live P/E column) go through plainRows, a tight loop of their own; column() settles the rows it stops
 * at the general way (coerceCell, the one coercion, then the core and settle) and hands the rest back.
 * A malformed row reads as blank, as in the general loop, found as its cell is read (readCell) rather
 * than by a pass of its own over every row. Each row is made by an array literal holding only numbers,
 * only an error, or only a value of another kind, each literal its own allocation site: number rows then
 * stay unboxed double arrays, whatever the text and entity rows of the pick-list functions do.
 */
function column(plan: FunctionPlan, grids: readonly GridInput[], varying: readonly number[], args: unknown[], rows: number): CellOutput[][] {
  const { arity, core } = plan;
  const out: CellOutput[][] = new Array(rows);
  if (arity > 3) {
    for (let r = 0; r < rows; r++) {
      let failure: Failure | undefined;
      for (let k = 0; k < varying.length; k++) {
        const i = varying[k];
        const v = coerceCell(plan, i, readCell(grids[i], r, 0));
        if (isFailure(v)) {
          failure = v;
          break;
        }
        args[i] = v;
      }
      if (failure === undefined) {
        const result = evaluate(plan, args);
        if (typeof result === "number") out[r] = [result];
        else if (isFailure(result)) out[r] = [toExcelError(result)];
        else out[r] = [result];
      } else out[r] = [toExcelError(failure)];
    }
    return out;
  }
  // Arity 1 to 3: a varying argument's grid, or undefined for one fixed in `args`; which vary, as bits.
  const g0 = varying.includes(0) ? grids[0] : undefined;
  const g1 = varying.includes(1) ? grids[1] : undefined;
  const g2 = varying.includes(2) ? grids[2] : undefined;
  const mask = (g0 ? 1 : 0) | (g1 ? 2 : 0) | (g2 ? 4 : 0);
  const [range0, range1, range2] = plan.ranges;
  const [f0, f1, f2] = args;
  // Rows of plain numbers go through plainRows, a tight loop of their own; it stops at the first row it
  // cannot finish (a cell that is not such a number, a fault, a non-finite result), which is settled here
  // the general way before the rest is handed back. A varying argument without a number range (a GPU
  // name, a ticker) never makes a plain row, so such a column skips plainRows altogether.
  const numeric = (g0 === undefined || range0 !== undefined) && (g1 === undefined || range1 !== undefined) && (g2 === undefined || range2 !== undefined);
  let r = numeric ? plainRows(plan, core, arity, mask, g0, g1, g2, range0!, range1!, range2!, f0, f1, f2, out, 0, rows) : 0;
  while (r < rows) {
    // The row plainRows stopped at: each varying cell through coerceCell, the one coercion, in argument
    // order (the first failure is the row's), then the core, its result settled as every path settles it.
    let failure: Failure | undefined;
    let x0 = f0;
    let x1 = f1;
    let x2 = f2;
    if (g0 !== undefined) {
      x0 = coerceCell(plan, 0, readCell(g0, r, 0));
      if (isFailure(x0)) failure = x0;
    }
    if (g1 !== undefined && failure === undefined) {
      x1 = coerceCell(plan, 1, readCell(g1, r, 0));
      if (isFailure(x1)) failure = x1;
    }
    if (g2 !== undefined && failure === undefined) {
      x2 = coerceCell(plan, 2, readCell(g2, r, 0));
      if (isFailure(x2)) failure = x2;
    }
    if (failure === undefined) {
      let result: CellResult | Failure;
      try {
        result = settle(plan, plan.call(core, x0, x1, x2));
      } catch (e) {
        result = toFailure(plan.fn, e);
      }
      if (typeof result === "number") out[r] = [result];
      else if (isFailure(result)) out[r] = [toExcelError(result)];
      else out[r] = [result];
    } else out[r] = [toExcelError(failure)];
    r++;
    if (numeric && r < rows) r = plainRows(plan, core, arity, mask, g0, g1, g2, range0!, range1!, range2!, f0, f1, f2, out, r, rows);
  }
  return out;
}

/**
 * The rows from `start` on whose varying cells are all numbers inside their arguments' ranges: each
 * row's numbers reach the core in locals (callWithNumbers), never mixed with other values; a finite
 * result goes into a row literal holding only numbers, and a fault or a non-finite result is settled into
 * a row literal of its own. Returns the first row it did not write (a cell of another kind, a number out
 * of range, a malformed row, a core that throws), or `rows`. The loop holds nothing but what such a row
 * needs, so V8 keeps it tight (measured: the live P/E column's runner time about halved).
 */
function plainRows(
  plan: FunctionPlan,
  core: Positional,
  arity: number,
  mask: number,
  g0: GridInput | undefined,
  g1: GridInput | undefined,
  g2: GridInput | undefined,
  range0: NumberRange,
  range1: NumberRange,
  range2: NumberRange,
  f0: unknown,
  f1: unknown,
  f2: unknown,
  out: CellOutput[][],
  start: number,
  rows: number,
): number {
  let r = start;
  try {
    for (; r < rows; r++) {
      let n0 = 0;
      let n1 = 0;
      let n2 = 0;
      if (g0 !== undefined) {
        const row = g0[r];
        if (!Array.isArray(row)) return r;
        const v = row[0];
        if (typeof v !== "number" || !inRange(v, range0)) return r;
        n0 = v;
      }
      if (g1 !== undefined) {
        const row = g1[r];
        if (!Array.isArray(row)) return r;
        const v = row[0];
        if (typeof v !== "number" || !inRange(v, range1)) return r;
        n1 = v;
      }
      if (g2 !== undefined) {
        const row = g2[r];
        if (!Array.isArray(row)) return r;
        const v = row[0];
        if (typeof v !== "number" || !inRange(v, range2)) return r;
        n2 = v;
      }
      const result = callWithNumbers(core, arity, mask, n0, n1, n2, f0, f1, f2);
      if (typeof result === "number" && result - result === 0) out[r] = [result];
      else {
        // A fault (a negative EPS on a loss-making row) or a non-finite result: ordinary data in a long
        // column, settled here, in a row literal of its own (so number rows stay unboxed double arrays).
        const settled = settle(plan, result);
        out[r] = [isFailure(settled) ? toExcelError(settled) : settled];
      }
    }
  } catch {
    // The core threw: column() calls it again for this row and turns what it throws into the cell's error.
  }
  return r;
}

/**
 * The core called with the numbers of a row's varying cells (bit k of `mask` set: argument k varies and
 * is `nk`) and the fixed values of the others: one call site per arity and pattern, so the numbers reach
 * the core as numbers (passed along with other kinds of values they would each be boxed first).
 */
function callWithNumbers(
  core: Positional,
  arity: number,
  mask: number,
  n0: number,
  n1: number,
  n2: number,
  f0: unknown,
  f1: unknown,
  f2: unknown,
): CellResult {
  if (arity === 1) return core(n0);
  if (arity === 2) return mask === 3 ? core(n0, n1) : mask === 1 ? core(n0, f1) : core(f0, n1);
  switch (mask) {
    case 1:
      return core(n0, f1, f2);
    case 2:
      return core(f0, n1, f2);
    case 3:
      return core(n0, n1, f2);
    case 4:
      return core(f0, f1, n2);
    case 5:
      return core(n0, f1, n2);
    case 6:
      return core(f0, n1, n2);
    default:
      return core(n0, n1, n2);
  }
}

/**
 * Puts the varying arguments' values for result cell (r, c) into `args`, stretching a single row or
 * column; returns the first argument's failure instead, if any (a value it cannot take, or no cell of a
 * shorter range pairing with this one).
 */
function varyingFailure(
  plan: FunctionPlan,
  grids: readonly GridInput[],
  varying: readonly number[],
  args: unknown[],
  r: number,
  c: number,
  rows: number,
  cols: number,
): Failure | undefined {
  for (let k = 0; k < varying.length; k++) {
    const i = varying[k];
    const grid = grids[i];
    const gridCols = grid[0].length;
    const gr = grid.length === 1 ? 0 : r;
    const gc = gridCols === 1 ? 0 : c;
    if (gr >= grid.length || gc >= gridCols) return shapeFailure(plan.fn, plan.specs[i], grid, rows, cols);
    const v = coerceCell(plan, i, readCell(grid, gr, gc));
    if (isFailure(v)) return v;
    args[i] = v;
  }
  return undefined;
}

/**
 * Cell (r, c) of a grid, inside its bounds. A ragged or malformed row (possible only from a caller
 * other than Excel) reads as blank, not as undefined behaviour or an exception.
 */
function readCell(grid: GridInput, r: number, c: number): CellInput {
  const row = grid[r];
  return Array.isArray(row) ? (row[c] ?? null) : null;
}

/** The #N/A of a result cell that no cell of a shorter range pairs with, as Excel gives it. */
function shapeFailure(fn: string, spec: ArgSpec<unknown>, grid: GridInput, rows: number, cols: number): Failure {
  return failureOf(
    "#N/A",
    `${fn}: ${spec.name} is ${grid.length}×${grid[0].length} cells but the result is ${rows}×${cols}; no value pairs with this cell`,
  );
}

/** One result cell: the core's value, or its failure as an Excel error. */
function evaluateCell(plan: FunctionPlan, args: unknown[]): CellOutput {
  const result = evaluate(plan, args);
  return typeof result === "number" || !isFailure(result) ? result : toExcelError(result);
}
