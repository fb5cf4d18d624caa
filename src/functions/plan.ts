/**
 * What the one runner (framework.ts) knows of a function and does to one cell: the cell types Excel
 * hands over, each argument's declaration laid out once by position (ArgPlan), the one coercion of a
 * cell (coerceCell), calling the pure core and settling what it returns. Shared by the single-cell path
 * and defineTableFunction (framework.ts) and by the broadcast (broadcast.ts); no Office, no cells' layout.
 */
import { echoInput, ModelFault, type ModelErrorCode } from "../model/errors";
import { asIncomingError, EXCEL_CODE, Failure, failureOf, toFailure } from "./failures";

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

/** True for a finite `n` inside `range`: the check of numberArg, the runner's loops and cellReader alike. */
export function inRange(n: number, range: NumberRange): boolean {
  return inBounds(n, range.min, range.max, range.minExclusive, range.integer);
}

/**
 * The single home of the range check, on a range's four fields: cellReader passes them as constants of
 * its closure, so that V8, compiling one function's call, folds them into the comparisons.
 */
function inBounds(n: number, min: number, max: number, minExclusive: boolean, integer: boolean): boolean {
  return n - n === 0 && (minExclusive ? n > min : n >= min) && n <= max && (!integer || Number.isInteger(n));
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

export type SpecsOf<Args extends readonly unknown[]> = { readonly [K in keyof Args]: ArgSpec<Args[K]> };

/** Shows a cell value the way an analyst typed it, for error messages (text cut at 40 characters, then "…"). */
export function showValue(value: PlainCell): string {
  if (typeof value === "string") return JSON.stringify(echoInput(value));
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

export function isBlank(value: CellInput): value is null | undefined | "" {
  return value === null || value === undefined || value === "";
}



/** Text that is all ASCII needs no normalising; anything else may hold full-width forms. */
const NON_ASCII = /[^\u0000-\u007f]/;

/** Text as the matchers expect it: NFKC, so full-width "Ａ１００" and "５" read as "A100" and 5. */
export function normaliseText(text: string): string {
  return NON_ASCII.test(text) ? text.normalize("NFKC") : text;
}

/** True for a 1×1 grid. */
export function isSingleCell(x: unknown): x is GridInput {
  return Array.isArray(x) && x.length === 1 && Array.isArray(x[0]) && x[0].length === 1;
}

/** The value of an omitted argument or blank cell: its default, or the error saying it is required. */
export function blankValue<T>(fn: string, spec: ArgSpec<T>): T | Failure {
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
export interface ArgPlan {
  readonly fn: string;
  readonly specs: readonly ArgSpec<unknown>[];
  readonly arity: number;
  readonly ranges: readonly (NumberRange | undefined)[];
  readonly coercers: readonly ((value: PlainCell) => unknown)[];
  readonly blanks: readonly unknown[];
}

export function planArgs(fn: string, specs: readonly ArgSpec<unknown>[]): ArgPlan {
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
export function coerceCell(plan: ArgPlan, i: number, value: CellInput): unknown {
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

/** A cellReader's note of what went wrong in a call: RANGE, or the first argument's failure. */
export interface ReadState {
  failure: Failure | undefined;
}

/** What a cellReader notes for an argument that is a range (or not a grid at all): the call is a broadcast. */
export const RANGE = new Failure("#VALUE!", "a range: the call is a broadcast");

/**
 * The reader of argument `i` for a call whose arguments are each one cell or omitted (most formulas):
 * the cell's value as the core takes it. A value it cannot take is noted in `state` instead (the first
 * argument's failure, or RANGE for an argument that is a range, which wins: the call is then a
 * broadcast). What it does is coerceCell's rule; its own work is only the common case, a number inside
 * the argument's range.
 *
 * Each argument of each function has a reader of its own, with its range, blank value and position as
 * constants of the closure. A function's `run` calls its readers by name (framework.ts); V8 inlines them
 * into the function's own compiled call and folds those constants, so the check of a number cell is the
 * two or three comparisons its range needs.
 */
export function cellReader(plan: ArgPlan, i: number, state: ReadState): (input: unknown) => unknown {
  const range = plan.ranges[i];
  const blank = plan.blanks[i];
  const note = (v: unknown): unknown => {
    if (v instanceof Failure && (state.failure === undefined || v === RANGE)) state.failure = v;
    return v;
  };
  if (range === undefined) {
    // Text, a flag, a GPU name: everything through coerceCell.
    return (input) => {
      if (input === null || input === undefined) return note(blank);
      return note(isSingleCell(input) ? coerceCell(plan, i, input[0][0]) : RANGE);
    };
  }
  // A number argument: a number cell inside the range is its own value. (Two closures rather than one
  // with a test: V8 records a call site that has met closures of two sources as megamorphic, so `run`,
  // compiled on its own for all functions, does not inline every function's readers; compiled into one
  // function's wrapper, it inlines that function's own.)
  const { min, max, minExclusive, integer } = range;
  return (input) => {
    if (input === null || input === undefined) return note(blank);
    if (!isSingleCell(input)) return note(RANGE);
    const value = input[0][0];
    if (typeof value === "number" && inBounds(value, min, max, minExclusive, integer)) return value;
    return note(coerceCell(plan, i, value));
  };
}

/** Excel hands `any[][]` parameters as 2-D arrays; tests and other callers may pass a bare value. */
export function asGrid(input: GridInput | CellInput): GridInput {
  if (input === null || input === undefined) return BLANK;
  if (Array.isArray(input)) {
    if (input.length === 0 || !Array.isArray(input[0]) || input[0].length === 0) return BLANK;
    return input;
  }
  return [[input as CellInput]];
}

/** An omitted argument: one blank cell (read-only, shared). */
export const BLANK: GridInput = [[null]];

/** The core with its arguments passed positionally: a direct call, cheaper than spreading an array. */
export type Positional = (...args: unknown[]) => CellResult;

/**
 * The core called with exactly `arity` of the values it is handed (a function's readers hand it eight,
 * the broadcast its argument buffer's eight): one small caller per arity, chosen once per function.
 */
export type Caller = (core: Positional, ...values: unknown[]) => CellResult;
export const CALLERS: readonly Caller[] = [
  (core) => core(),
  (core, a) => core(a),
  (core, a, b) => core(a, b),
  (core, a, b, c) => core(a, b, c),
  (core, a, b, c, d) => core(a, b, c, d),
  (core, a, b, c, d, e) => core(a, b, c, d, e),
  (core, a, b, c, d, e, f) => core(a, b, c, d, e, f),
  (core, a, b, c, d, e, f, g) => core(a, b, c, d, e, f, g),
  (core, a, b, c, d, e, f, g, h) => core(a, b, c, d, e, f, g, h),
];

/** Most arguments a function may take: `run`'s parameters (framework.ts), and CALLERS. */
export const MAX_ARITY = 8;

/** What the runner knows of one function: fixed once, read by every call. */
export interface FunctionPlan extends ArgPlan {
  readonly core: Positional;
  /** CALLERS[arity]. */
  readonly call: Caller;
  /** The Failure of each fault the core returned, made once (faults are constants). */
  readonly faults: Map<ModelFault, Failure>;
}

export function evaluate(plan: FunctionPlan, args: unknown[]): CellResult | Failure {
  let result: CellResult;
  try {
    result = plan.call(plan.core, args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7]);
  } catch (e) {
    return toFailure(plan.fn, e);
  }
  return settle(plan, result);
}

/** What a core's return becomes in a cell: a finite number, a value, or the failure of a fault or a non-finite result. */
export function settle(plan: FunctionPlan, result: CellResult): CellResult | Failure {
  if (typeof result === "number") {
    if (Number.isFinite(result)) return result;
    return failureOf("#NUM!", `${plan.fn}: the result is not a finite number (inputs too large or too small)`);
  }
  if (result instanceof ModelFault) return faultFailure(plan, result);
  return result;
}

/** The Failure of a fault a core returned: one per fault and function, so one Excel error for every cell. */
export function faultFailure(plan: FunctionPlan, fault: ModelFault): Failure {
  let f = plan.faults.get(fault);
  if (f === undefined) {
    f = failureOf(EXCEL_CODE[fault.code], `${plan.fn}: ${fault.message}`);
    if (plan.faults.size < 100) plan.faults.set(fault, f);
  }
  return f;
}
