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
 * Error codes are chosen deliberately (only #VALUE! and #N/A display a message in Excel):
 * #VALUE! bad argument (wrong type, out of bounds), #N/A missing data or unknown name,
 * #NUM! result not meaningful, #DIV/0! division by zero.
 */
import { ModelError, ModelErrorCode } from "../model/errors";

/** What Excel hands a custom function for one cell of an `any` argument. */
export type CellInput = number | string | boolean | null | undefined | CustomFunctions.Error;
/** An argument as Excel hands it: always a 2-D array for a `any[][]` parameter. */
export type GridInput = CellInput[][];
/** What one cell of a result holds. */
export type CellOutput = number | CustomFunctions.Error;

/** A value that is not blank and not an Excel error: what a coercer sees. */
export type PlainCell = number | string | boolean;

const EXCEL_CODE: Readonly<Record<ModelErrorCode, string>> = {
  VALUE: "#VALUE!",
  NA: "#N/A",
  NUM: "#NUM!",
  DIV0: "#DIV/0!",
};

/** An error on its way to a cell: an Excel error code and the message the analyst reads. */
class Failure {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

/** Cheaper than `instanceof` on a value that is usually a number: only objects can be failures. */
function isFailure(v: unknown): v is Failure {
  return typeof v === "object" && v !== null && v instanceof Failure;
}

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
}

/**
 * Builds an ArgSpec. Every spec has the same fields in the same order (one hidden class), so the runner's
 * per-cell reads of `optional`, `default` and `coerce` stay monomorphic across all functions.
 */
export function argSpec<T>(fields: {
  name: string;
  optional: boolean;
  default?: T;
  missing?: ArgSpec<T>["missing"];
  coerce: (value: PlainCell) => T;
  accepts: string;
}): ArgSpec<T> {
  return Object.freeze({
    name: fields.name,
    optional: fields.optional,
    default: fields.default,
    missing: fields.missing,
    coerce: fields.coerce,
    accepts: fields.accepts,
  });
}

type SpecsOf<Args extends readonly unknown[]> = { readonly [K in keyof Args]: ArgSpec<Args[K]> };

/** Shows a cell value the way an analyst typed it, for error messages. */
export function showValue(value: PlainCell): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

function isBlank(value: CellInput): value is null | undefined | "" {
  return value === null || value === undefined || value === "";
}

/** An Excel error arriving as input (a referenced cell holding #N/A, say) passes through unchanged. */
function asIncomingError(value: CellInput): Failure | undefined {
  if (typeof value === "object" && value !== null) {
    const code = (value as { code?: unknown }).code;
    return new Failure(typeof code === "string" ? code : "#VALUE!", (value as { message?: string }).message ?? "");
  }
  return undefined;
}

/** True when every argument is omitted or a 1×1 grid. */
function allSingleCells(inputs: readonly unknown[], arity: number): boolean {
  for (let i = 0; i < arity; i++) {
    const x = inputs[i];
    if (x === null || x === undefined) continue;
    if (!Array.isArray(x) || x.length !== 1 || !Array.isArray(x[0]) || x[0].length !== 1) return false;
  }
  return true;
}

/** The value of an omitted argument or blank cell: its default, or the error saying it is required. */
function blankValue<T>(fn: string, spec: ArgSpec<T>): T | Failure {
  if (spec.optional) return spec.default as T;
  const missing = spec.missing ?? { code: "NA" as const, message: `${spec.name} is required` };
  return new Failure(EXCEL_CODE[missing.code], `${fn}: ${missing.message}`);
}

function coerceCell<T>(fn: string, spec: ArgSpec<T>, value: CellInput): T | Failure {
  const incoming = asIncomingError(value);
  if (incoming) return incoming;
  if (isBlank(value)) return blankValue(fn, spec);
  try {
    return spec.coerce(value as PlainCell);
  } catch (e) {
    return toFailure(fn, e, `(${spec.name})`);
  }
}

function toFailure(fn: string, e: unknown, prefix = ""): Failure {
  if (e instanceof ModelError) return new Failure(EXCEL_CODE[e.code], `${fn}${prefix}: ${e.message}`);
  // A bug, not an input problem: still a cell error, never an exception that Excel shows as a bare #VALUE!.
  return new Failure("#VALUE!", `${fn}: internal error (${e instanceof Error ? e.message : String(e)})`);
}

function toExcelError(f: Failure): CustomFunctions.Error {
  return new CustomFunctions.Error(f.code as CustomFunctions.ErrorCode, f.message);
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

const PER_CELL = Symbol("per-cell");

/**
 * Builds a custom function from its argument declarations and a pure core. The returned function takes
 * one grid per argument (null for omitted ones) and returns the result grid; for a single-cell result
 * that is an error it throws the error, which is how Excel expects a scalar error.
 *
 * The declared return type is number[][] because that is what Excel's metadata should say (a numeric
 * result that can spill); error cells are CustomFunctions.Error objects, which Excel accepts in place of
 * a number in a result matrix.
 */
export function defineFunction<Args extends readonly unknown[]>(
  fn: string,
  specs: SpecsOf<Args>,
  core: (...args: Args) => number,
): (...inputs: (GridInput | CellInput)[]) => number[][] {
  const arity = specs.length;
  // One argument buffer per function, reused by every call (a custom function never runs inside another).
  // Filled with nulls up front so its elements kind is generic from the start: pushing a number, then a
  // boolean, into a fresh [] would reallocate it through two element-kind transitions on every call.
  const args: unknown[] = new Array(arity).fill(null);
  return (...inputs) => {
    if (allSingleCells(inputs, arity)) {
      // Every argument one cell or omitted: how most formulas call a function. No grids, no bookkeeping.
      // (Omitted arguments never read the shared blank grid: mixing its null with the numbers of real
      // cells would make every cell read polymorphic and box each number.)
      for (let i = 0; i < arity; i++) {
        const input = inputs[i] as GridInput | null | undefined;
        const v = input === null || input === undefined ? blankValue(fn, specs[i]) : coerceCell(fn, specs[i], input[0][0]);
        if (isFailure(v)) throw toExcelError(v);
        args[i] = v;
      }
      const result = evaluate(fn, core, args as unknown as Args);
      if (typeof result !== "number") throw toExcelError(result);
      return [[result]];
    }
    const grids: GridInput[] = [];
    let rows = 1;
    let cols = 1;
    for (let i = 0; i < arity; i++) {
      const g = asGrid(inputs[i]);
      grids.push(g);
      if (g.length > rows) rows = g.length;
      if (g[0].length > cols) cols = g[0].length;
    }
    // A single cell is coerced once and reused across the whole result: a constant assumption against a
    // 100,000-cell range costs one coercion, not 100,000.
    const fixed: unknown[] = grids.map((g, i) =>
      g.length === 1 && g[0].length === 1 ? coerceCell(fn, specs[i], g[0][0]) : PER_CELL,
    );
    const out: CellOutput[][] = new Array(rows);
    for (let r = 0; r < rows; r++) {
      const outRow: CellOutput[] = new Array(cols);
      for (let c = 0; c < cols; c++) {
        let failure: Failure | undefined;
        for (let i = 0; i < arity; i++) {
          const v = fixed[i] === PER_CELL ? cellAt(fn, specs[i], grids[i], r, c, rows, cols) : fixed[i];
          if (isFailure(v)) {
            failure = v;
            break;
          }
          args[i] = v;
        }
        if (failure) {
          outRow[c] = toExcelError(failure);
        } else {
          const result = evaluate(fn, core, args as unknown as Args);
          outRow[c] = typeof result === "number" ? result : toExcelError(result);
        }
      }
      out[r] = outRow;
    }
    return out as number[][];
  };
}

/** The cell of `grid` that pairs with result cell (r, c), stretching a single row or column. */
function cellAt<T>(fn: string, spec: ArgSpec<T>, grid: GridInput, r: number, c: number, rows: number, cols: number): T | Failure {
  const gridCols = grid[0].length;
  const gr = grid.length === 1 ? 0 : r;
  const gc = gridCols === 1 ? 0 : c;
  if (gr >= grid.length || gc >= gridCols) {
    return new Failure(
      "#N/A",
      `${fn}: ${spec.name} is ${grid.length}×${gridCols} cells but the result is ${rows}×${cols}; no value pairs with this cell`,
    );
  }
  // A ragged row (possible only from a caller other than Excel) reads as blank, not undefined behaviour.
  return coerceCell(fn, spec, grid[gr][gc] ?? null);
}

function evaluate<Args extends readonly unknown[]>(fn: string, core: (...args: Args) => number, args: Args): number | Failure {
  let result: number;
  try {
    result = core(...args);
  } catch (e) {
    return toFailure(fn, e);
  }
  if (!Number.isFinite(result)) {
    return new Failure("#NUM!", `${fn}: the result is not a finite number (inputs too large or too small)`);
  }
  return result;
}
