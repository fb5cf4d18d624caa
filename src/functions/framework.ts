/**
 * One runner for every AIC.* custom function, after HyperFormula's FunctionPlugin.runFunction: each
 * function declares its arguments once (name, type, bounds, default) and hands a pure core from
 * src/model to `defineFunction`. The runner alone does what Excel expects of a built-in:
 *
 * - defaults: Excel passes an omitted optional argument as `null` (TypeScript defaults never apply),
 *   and a blank cell as `null` or ""; both mean "use the report's value";
 * - coercion: numbers, numeric text ("1,920", "80%"), booleans where a flag is asked for;
 * - validation: a value the argument cannot take is a #VALUE! whose message names the function, the
 *   argument and what it got;
 * - broadcasting: every argument may be a cell or a range; ranges of equal shape pair up cell by cell,
 *   a single row/column/cell stretches across the others, and cells outside a shorter range are #N/A,
 *   exactly as =A1:A3*B1:B2 behaves in Excel;
 * - containment: a core that throws, or returns NaN/Infinity, gives an Excel error in that cell only;
 *   nothing escapes as an exception and no cell gets a wrong number.
 *
 * - text: every text argument is NFKC-normalised before it is matched ("Ａ１００" is "A100", "５" is 5),
 *   as the importer folds what it reads;
 * - cheap errors: an error cell costs about what a value cell does: no stack is captured, and one error
 *   object serves every cell with the same message (Excel serialises each cell's error on its own).
 *
 * Error codes are chosen deliberately (only #VALUE! and #N/A display a message in Excel):
 * #VALUE! bad argument (wrong type, out of bounds), #N/A missing data or unknown name,
 * #NUM! result not meaningful, #DIV/0! division by zero.
 */
import { echoInput, ModelFault, type ModelErrorCode } from "../model/errors";
import { asIncomingError, EXCEL_CODE, Failure, failureOf, isFailure, toExcelError, toFailure } from "./failures";
export { asExcelError } from "./failures";

/** What Excel hands a custom function for one cell of an `any` argument. */
export type CellInput = number | string | boolean | null | undefined | CustomFunctions.Error;
/** An argument as Excel hands it: always a 2-D array for a `any[][]` parameter. */
export type GridInput = CellInput[][];
/**
 * What a core may return for one cell: a number (the model functions), or text, a boolean or an Excel
 * data-type object (the pick-list functions: a name, a rating, an entity).
 */
export type CellResult = number | string | boolean | object;
/** What one cell of a result holds. */
export type CellOutput = CellResult | CustomFunctions.Error;

/** A value that is not blank and not an Excel error: what a coercer sees. */
export type PlainCell = number | string | boolean;



export interface ArgSpec<T> {
  /** The argument's name as Excel's formula help shows it, e.g. "utilization". */
  readonly name: string;
  /** False: a blank is an error (see `missing`). True: a blank means `default` (which may be undefined: "not given"). */
  readonly optional: boolean;
  /** Value for an omitted argument or a blank cell, when optional. */
  readonly default?: T;
  /** For a required argument left blank: the error and message (default: #N/A "<name> is required"). */
  readonly missing?: { readonly code: ModelErrorCode; readonly message: string };
  /** Turns a non-blank cell into T, or throws a ModelError saying what is wrong with it. */
  readonly coerce: (value: PlainCell) => T;
  /** What the argument accepts, for documentation and tests: "a number > 0". */
  readonly accepts: string;
  /**
   * For an argument whose valid numbers are exactly a range (numberArg): a number cell inside it is its
   * own value, and the runner takes it without calling `coerce`, which it only needs for text, booleans
   * and numbers out of range. `coerce` must check the same range (with `inRange`).
   */
  readonly range: NumberRange | undefined;
}

/** The finite numbers an argument accepts: min (or above it, when exclusive) to max, whole or not. */
export interface NumberRange {
  readonly min: number;
  readonly minExclusive: boolean;
  readonly max: number;
  readonly integer: boolean;
}

/** True for a finite `n` inside `range`: the single home of that check, for the runner and numberArg alike. */
export function inRange(n: number, range: NumberRange): boolean {
  return (
    Number.isFinite(n) &&
    n >= range.min &&
    n <= range.max &&
    !(range.minExclusive && n === range.min) &&
    !(range.integer && !Number.isInteger(n))
  );
}

/**
 * Builds an ArgSpec. Every spec has the same fields in the same order (one hidden class), so the runner's
 * per-cell reads of `optional`, `default`, `range` and `coerce` stay monomorphic across all functions.
 */
export function argSpec<T>(fields: {
  name: string;
  optional: boolean;
  default?: T;
  missing?: ArgSpec<T>["missing"];
  coerce: (value: PlainCell) => T;
  accepts: string;
  range?: NumberRange;
}): ArgSpec<T> {
  return Object.freeze({
    name: fields.name,
    optional: fields.optional,
    default: fields.default,
    missing: fields.missing,
    coerce: fields.coerce,
    accepts: fields.accepts,
    range: fields.range,
  });
}

type SpecsOf<Args extends readonly unknown[]> = { readonly [K in keyof Args]: ArgSpec<Args[K]> };

/** Shows a cell value the way an analyst typed it, for error messages (text cut at 40 characters, then "…"). */
export function showValue(value: PlainCell): string {
  if (typeof value === "string") return JSON.stringify(echoInput(value));
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

function isBlank(value: CellInput): value is null | undefined | "" {
  return value === null || value === undefined || value === "";
}



/** Text that is all ASCII needs no normalising; anything else may hold full-width forms. */
const NON_ASCII = /[^\u0000-\u007f]/;

/** Text as the matchers expect it: NFKC, so full-width "Ａ１００" and "５" read as "A100" and 5. */
export function normaliseText(text: string): string {
  return NON_ASCII.test(text) ? text.normalize("NFKC") : text;
}

/** True for a 1×1 grid. */
function isSingleCell(x: unknown): x is GridInput {
  return Array.isArray(x) && x.length === 1 && Array.isArray(x[0]) && x[0].length === 1;
}

/** The value of an omitted argument or blank cell: its default, or the error saying it is required. */
function blankValue<T>(fn: string, spec: ArgSpec<T>): T | Failure {
  if (spec.optional) return spec.default as T;
  const missing = spec.missing ?? { code: "NA" as const, message: `${spec.name} is required` };
  return failureOf(EXCEL_CODE[missing.code], `${fn}: ${missing.message}`);
}

/**
 * What the runner reads of one function's argument declarations, worked out once when the function is
 * defined and laid out flat by argument position: each argument's number range, its coercer and its
 * blank value (its default, or the Failure saying it is required). All of it comes from the ArgSpecs;
 * nothing here is a second copy of a rule.
 */
interface ArgPlan {
  readonly fn: string;
  readonly specs: readonly ArgSpec<unknown>[];
  readonly arity: number;
  readonly ranges: readonly (NumberRange | undefined)[];
  readonly coercers: readonly ((value: PlainCell) => unknown)[];
  readonly blanks: readonly unknown[];
}

function planArgs(fn: string, specs: readonly ArgSpec<unknown>[]): ArgPlan {
  return {
    fn,
    specs,
    arity: specs.length,
    ranges: specs.map((spec) => spec.range),
    coercers: specs.map((spec) => spec.coerce),
    blanks: specs.map((spec) => blankValue(fn, spec)),
  };
}

/**
 * Cell `value` of argument `i` as the core takes it, or the Failure saying why it cannot be: the one
 * coercion every path runs (a single-cell call, a broadcast cell, a table function's arguments).
 */
function coerceCell(plan: ArgPlan, i: number, value: CellInput): unknown {
  // The common case, checked inline: a number where a range of numbers is asked for.
  const range = plan.ranges[i];
  if (typeof value === "number" && range !== undefined && inRange(value, range)) return value;
  const incoming = asIncomingError(value);
  if (incoming) return incoming;
  if (isBlank(value)) return plan.blanks[i];
  try {
    return plan.coercers[i]!(typeof value === "string" ? normaliseText(value) : (value as PlainCell));
  } catch (e) {
    return toFailure(plan.fn, e, `(${plan.specs[i]!.name})`);
  }
}

/** Excel hands `any[][]` parameters as 2-D arrays; tests and other callers may pass a bare value. */
function asGrid(input: GridInput | CellInput): GridInput {
  if (input === null || input === undefined) return BLANK;
  if (Array.isArray(input)) {
    if (input.length === 0 || !Array.isArray(input[0]) || input[0].length === 0) return BLANK;
    return input;
  }
  return [[input as CellInput]];
}

/** An omitted argument: one blank cell (read-only, shared). */
const BLANK: GridInput = [[null]];

/** The core with its arguments passed positionally: a direct call, cheaper than spreading an array. */
type Positional = (...args: unknown[]) => CellResult;

function callCore(core: Positional, a: unknown[], arity: number): CellResult {
  switch (arity) {
    case 0:
      return core();
    case 1:
      return core(a[0]);
    case 2:
      return core(a[0], a[1]);
    case 3:
      return core(a[0], a[1], a[2]);
    case 4:
      return core(a[0], a[1], a[2], a[3]);
    case 5:
      return core(a[0], a[1], a[2], a[3], a[4]);
    case 6:
      return core(a[0], a[1], a[2], a[3], a[4], a[5]);
    case 7:
      return core(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    case 8:
      return core(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    default:
      return core(...a);
  }
}

/** What the runner knows of one function: fixed once, read by every call. */
interface FunctionPlan extends ArgPlan {
  readonly core: Positional;
  /** The Failure of each fault the core returned, made once (faults are constants). */
  readonly faults: Map<ModelFault, Failure>;
}

/**
 * Builds a custom function from its argument declarations and a pure core. The returned function takes
 * one grid per argument (null for omitted ones) and returns the result grid; for a single-cell result
 * that is an error it throws the error, which is how Excel expects a scalar error.
 *
 * The model functions' cores return numbers (their metadata says number[][]; error cells are
 * CustomFunctions.Error objects, which Excel accepts in place of a number); the pick-list functions'
 * cores return text, numbers or entities (metadata any[][]).
 */
export function defineFunction<Args extends readonly unknown[], R extends CellResult = number>(
  fn: string,
  specs: SpecsOf<Args>,
  core: (...args: Args) => R,
): (...inputs: (GridInput | CellInput)[]) => R[][] {
  const plan: FunctionPlan = {
    ...planArgs(fn, specs as readonly ArgSpec<unknown>[]),
    core: core as unknown as Positional,
    faults: new Map(),
  };
  const arity = plan.arity;
  // One argument buffer per function, reused by every call (a custom function never runs inside another).
  // Filled with nulls up front so its elements kind is generic from the start: pushing a number, then a
  // boolean, into a fresh [] would reallocate it through two element-kind transitions on every call.
  const args: unknown[] = new Array(arity).fill(null);
  const { ranges, blanks } = plan;
  // Named parameters rather than `arguments`: V8 then keeps the inputs in registers and builds no
  // arguments object per call (no function here takes more than eight arguments; the ninth on, if a
  // caller passes them, are ignored as Excel never passes more than the metadata declares).
  function run(a0: unknown, a1: unknown, a2: unknown, a3: unknown, a4: unknown, a5: unknown, a6: unknown, a7: unknown): R[][] {
    // Every argument one cell or omitted is how most formulas call a function: each is coerced as its
    // shape is checked, with no grids and no bookkeeping, and the first failure is thrown once every
    // argument is known to be a single cell. A range anywhere sends the call to the broadcast instead.
    // (Omitted arguments never read the shared blank grid: mixing its null with the numbers of real cells
    // would make every cell read polymorphic and box each number.)
    let failure: Failure | undefined;
    for (let i = 0; i < arity; i++) {
      const input: unknown = i === 0 ? a0 : i === 1 ? a1 : i === 2 ? a2 : i === 3 ? a3 : i === 4 ? a4 : i === 5 ? a5 : i === 6 ? a6 : a7;
      let v: unknown;
      if (input === null || input === undefined) {
        if (failure !== undefined) continue;
        v = blanks[i];
      } else if (isSingleCell(input)) {
        if (failure !== undefined) continue;
        const value = input[0][0];
        const range = ranges[i];
        // The common case inline: a number inside the range of numbers the argument takes.
        v = typeof value === "number" && range !== undefined && inRange(value, range) ? value : coerceCell(plan, i, value);
      } else {
        return broadcast(plan, [a0, a1, a2, a3, a4, a5, a6, a7].slice(0, arity) as (GridInput | CellInput)[], args) as R[][];
      }
      if (isFailure(v)) failure = v;
      else args[i] = v;
    }
    if (failure !== undefined) throw toExcelError(failure);
    // The core called here rather than through evaluate(): one call frame less on the path every
    // single-cell formula takes, and a finite number goes straight into the result.
    let result: CellResult;
    try {
      result = callCore(plan.core, args, arity);
    } catch (e) {
      throw toExcelError(toFailure(fn, e));
    }
    if (typeof result === "number" && Number.isFinite(result)) return [[result as R]];
    const settled = settle(plan, result);
    if (isFailure(settled)) throw toExcelError(settled);
    return [[settled as R]];
  }
  return run as unknown as (...inputs: (GridInput | CellInput)[]) => R[][];
}

/**
 * Every argument a grid: the result is as large as the largest, each cell pairing the arguments' cells
 * as Excel pairs them. Arguments are classified once per call (a single cell is coerced once and reused
 * across the whole result: a constant assumption against a 100,000-cell range costs one coercion, not
 * 100,000); the per-cell loop then reads only the arguments that vary, and errors leave it by a side door.
 */
function broadcast(plan: FunctionPlan, inputs: readonly (GridInput | CellInput)[], args: unknown[]): CellOutput[][] {
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
 * Each row reads its varying cells in place (readCell: a malformed row reads as blank, as in the general
 * loop, checked as the cell is read rather than in a pass of its own over every row): a number inside its argument's range is taken as it is,
 * anything else goes through coerceCell, the one coercion. With up to three arguments, a row of such
 * numbers reaches the core in locals (callWithNumbers), with no store into the argument buffer.
 * Each row is made by an array literal holding only numbers, only an error, or only a value of another
 * kind, each literal its own allocation site: number rows then stay unboxed double arrays, whatever the
 * text and entity rows of the pick-list functions do.
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
  for (let r = 0; r < rows; r++) {
    // A row whose varying cells are all numbers inside their ranges (the live P/E column's every row)
    // passes them to the core as numbers, never mixed with other values; any other row goes through
    // coerceCell, cell by cell, in argument order.
    let n0 = 0;
    let n1 = 0;
    let n2 = 0;
    let plain = true;
    if (g0 !== undefined) {
      const v = readCell(g0, r, 0);
      if (typeof v === "number" && range0 !== undefined && inRange(v, range0)) n0 = v;
      else plain = false;
    }
    if (g1 !== undefined && plain) {
      const v = readCell(g1, r, 0);
      if (typeof v === "number" && range1 !== undefined && inRange(v, range1)) n1 = v;
      else plain = false;
    }
    if (g2 !== undefined && plain) {
      const v = readCell(g2, r, 0);
      if (typeof v === "number" && range2 !== undefined && inRange(v, range2)) n2 = v;
      else plain = false;
    }
    let result: CellResult;
    try {
      if (plain) result = callWithNumbers(core, arity, mask, n0, n1, n2, f0, f1, f2);
      else {
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
        if (failure !== undefined) {
          out[r] = [toExcelError(failure)];
          continue;
        }
        result = arity === 3 ? core(x0, x1, x2) : arity === 2 ? core(x0, x1) : core(x0);
      }
    } catch (e) {
      out[r] = [toExcelError(toFailure(plan.fn, e))];
      continue;
    }
    if (typeof result === "number" && Number.isFinite(result)) {
      out[r] = [result];
      continue;
    }
    const settled = settle(plan, result);
    if (isFailure(settled)) out[r] = [toExcelError(settled)];
    else out[r] = [settled];
  }
  return out;
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

function evaluate(plan: FunctionPlan, args: unknown[]): CellResult | Failure {
  let result: CellResult;
  try {
    result = callCore(plan.core, args, plan.arity);
  } catch (e) {
    return toFailure(plan.fn, e);
  }
  return settle(plan, result);
}

/** What a core's return becomes in a cell: a finite number, a value, or the failure of a fault or a non-finite result. */
function settle(plan: FunctionPlan, result: CellResult): CellResult | Failure {
  if (typeof result === "number") {
    if (Number.isFinite(result)) return result;
    return failureOf("#NUM!", `${plan.fn}: the result is not a finite number (inputs too large or too small)`);
  }
  if (result instanceof ModelFault) return faultFailure(plan, result);
  return result;
}

/** The Failure of a fault a core returned: one per fault and function, so one Excel error for every cell. */
function faultFailure(plan: FunctionPlan, fault: ModelFault): Failure {
  let f = plan.faults.get(fault);
  if (f === undefined) {
    f = failureOf(EXCEL_CODE[fault.code], `${plan.fn}: ${fault.message}`);
    if (plan.faults.size < 100) plan.faults.set(fault, f);
  }
  return f;
}

/**
 * Builds a function whose result is a whole table from one call (AIC.PICKS): every argument is one
 * cell, except those declared with `listArg`, which take a whole range as a list of values (a row of
 * field names). Same coercion, defaults, NFKC and error messages as every other function; a failure
 * anywhere is the one error of the call (a table has no cell to put it in).
 */
export function defineTableFunction(
  fn: string,
  all: readonly ArgSpec<unknown>[],
  listArgs: readonly number[],
  // The argument types follow `all` (a list argument arrives as an array of its values).
  core: (...args: any[]) => CellOutput[][],
): (...inputs: (GridInput | CellInput)[]) => CellOutput[][] {
  const plan = planArgs(fn, all);
  return (...inputs) => {
    const values: unknown[] = new Array(all.length);
    for (let i = 0; i < all.length; i++) {
      const grid = asGrid(inputs[i]);
      let v: unknown;
      if (listArgs.includes(i)) {
        const items: unknown[] = [];
        for (const row of grid) {
          if (!Array.isArray(row)) continue;
          for (const cell of row) {
            if (isBlank(cell)) continue;
            const item = coerceCell(plan, i, cell);
            if (isFailure(item)) throw toExcelError(item);
            items.push(item);
          }
        }
        v = items;
      } else {
        if (!(grid.length === 1 && grid[0].length === 1)) {
          throw toExcelError(failureOf("#VALUE!", `${fn}(${all[i].name}): must be one cell, got a ${grid.length}×${grid[0].length} range`));
        }
        v = coerceCell(plan, i, grid[0][0]);
        if (isFailure(v)) throw toExcelError(v);
      }
      values[i] = v;
    }
    try {
      return core(...values);
    } catch (e) {
      throw toExcelError(toFailure(fn, e));
    }
  };
}


