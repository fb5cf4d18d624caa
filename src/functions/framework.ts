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
import { failureOf, isFailure, toExcelError, toFailure } from "./failures";
import { broadcast } from "./broadcast";
import {
  asGrid,
  CALLERS,
  cellReader,
  coerceCell,
  isBlank,
  MAX_ARITY,
  planArgs,
  RANGE,
  settle,
  type ArgSpec,
  type CellInput,
  type CellOutput,
  type CellResult,
  type FunctionPlan,
  type GridInput,
  type Positional,
  type ReadState,
  type SpecsOf,
} from "./plan";
export { asExcelError } from "./failures";
export { argSpec, inRange, normaliseText, showValue } from "./plan";
export type { ArgSpec, CellInput, CellOutput, CellResult, GridInput, NumberRange, PlainCell } from "./plan";
export { LONG_COLUMN } from "./broadcast";

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
  pure: (...args: Args) => R,
): (...inputs: (GridInput | CellInput)[]) => R[][] {
  const argPlan = planArgs(fn, specs as readonly ArgSpec<unknown>[]);
  const arity = argPlan.arity;
  if (arity > MAX_ARITY) throw new Error(`${fn}: a function takes at most eight arguments (run's parameters)`);
  const plan: FunctionPlan = { ...argPlan, core: pure as unknown as Positional, call: CALLERS[arity]!, faults: new Map() };
  // The buffer the broadcast fills, one per function and reused by every call (a custom function never
  // runs inside another): eight slots, what a caller reads. Filled with nulls up front so its elements
  // kind is generic from the start.
  const args: unknown[] = new Array(MAX_ARITY).fill(null);
  // Everything `run` reads is a constant of this closure (`const`, never reassigned), and `run` is kept
  // under V8's size limit for inlining. Each AIC function's own wrapper in functions.ts calls it, so V8
  // compiles a single-cell call of that function on its own: `run` inlined into the wrapper, the readers
  // of its arguments and its core inlined into that, their constants folded. A shared runner whose call
  // to the core is reached by every function could inline none of them (the bench makes that call site
  // megamorphic, as a workbook does), and every number passed or returned would be boxed.
  const core = plan.core;
  const call = plan.call;
  const state: ReadState = { failure: undefined };
  const readers = plan.specs.map((_, i) => cellReader(plan, i, state));
  const [r0, r1, r2, r3, r4, r5, r6, r7] = [...readers, ...new Array<typeof noArgument>(MAX_ARITY - arity).fill(noArgument)];
  // A function expression created after every constant it reads: V8 then needs no check that each is
  // initialised, which keeps `run` small. Named parameters rather than `arguments`: V8 keeps the inputs in
  // registers and builds no arguments object per call (no function here takes more than eight arguments).
  const run = function run(a0: unknown, a1: unknown, a2: unknown, a3: unknown, a4: unknown, a5: unknown, a6: unknown, a7: unknown): R[][] {
    // Every argument one cell or omitted: each read by its own reader. A range anywhere makes the call a
    // broadcast; otherwise the first argument's failure is the call's error (unread decides which).
    const v0 = r0(a0);
    const v1 = r1(a1);
    const v2 = r2(a2);
    const v3 = r3(a3);
    const v4 = r4(a4);
    const v5 = r5(a5);
    const v6 = r6(a6);
    const v7 = r7(a7);
    if (state.failure !== undefined) return unread(plan, state, args, a0, a1, a2, a3, a4, a5, a6, a7) as R[][];
    let result: CellResult;
    try {
      result = call(core, v0, v1, v2, v3, v4, v5, v6, v7);
    } catch (e) {
      throw toExcelError(toFailure(fn, e));
    }
    if (typeof result === "number" && result - result === 0) return [[result as R]];
    return [[settleOrThrow(plan, result) as R]];
  };
  return run as unknown as (...inputs: (GridInput | CellInput)[]) => R[][];
}

/** The reader of a position past a function's arguments: nothing to read. */
const noArgument = (_input: unknown): unknown => undefined;

/**
 * A single-cell call whose readers noted a problem: RANGE (an argument is a range) makes it a broadcast
 * of the same inputs; otherwise the first argument's failure is thrown, as Excel expects a scalar error.
 */
function unread(
  plan: FunctionPlan,
  state: ReadState,
  args: unknown[],
  ...inputs: unknown[]
): CellOutput[][] {
  const failure = state.failure!;
  state.failure = undefined;
  if (failure === RANGE) return broadcast(plan, inputs.slice(0, plan.arity) as (GridInput | CellInput)[], args);
  throw toExcelError(failure);
}

/** A core's result that is not a finite number, as the cell shows it: the value, or its failure thrown. */
function settleOrThrow(plan: FunctionPlan, result: CellResult): CellResult {
  const settled = settle(plan, result);
  if (isFailure(settled)) throw toExcelError(settled);
  return settled;
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


