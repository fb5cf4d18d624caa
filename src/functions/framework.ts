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
import { Failure, failureOf, isFailure, toExcelError, toFailure } from "./failures";
import { broadcast } from "./broadcast";
import {
  asGrid,
  callCore,
  coerceCell,
  inRange,
  isBlank,
  isSingleCell,
  planArgs,
  settle,
  type ArgSpec,
  type CellInput,
  type CellOutput,
  type CellResult,
  type FunctionPlan,
  type GridInput,
  type Positional,
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


