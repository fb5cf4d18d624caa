/**
 * Calls a custom function the way Excel does: every argument a 2-D array, omitted optional arguments as
 * `null`, and a single-cell error thrown rather than returned. Returns the result grid either way, so a
 * test can assert on cells.
 */
export type ExcelCell = number | string | boolean | null;
export type ExcelArg = ExcelCell[][] | null;
export type ResultCell = number | { code: string; message: string };

export function callExcel(fn: (...args: any[]) => number[][], ...args: ExcelArg[]): ResultCell[][] {
  try {
    return fn(...args) as ResultCell[][];
  } catch (e) {
    if (e instanceof CustomFunctions.Error) return [[e as unknown as ResultCell]];
    throw e; // anything else is a bug the test must see
  }
}

/** The single value of a 1×1 result. */
export function single(fn: (...args: any[]) => number[][], ...args: ExcelArg[]): ResultCell {
  const grid = callExcel(fn, ...args);
  expect(grid).toHaveLength(1);
  expect(grid[0]).toHaveLength(1);
  return grid[0][0];
}

/** Asserts `cell` is an Excel error with `code` whose message contains each of `words`. */
export function expectError(cell: ResultCell, code: string, ...words: string[]): void {
  expect(cell).toBeInstanceOf(CustomFunctions.Error);
  const err = cell as { code: string; message: string };
  expect(err.code).toBe(code);
  for (const w of words) expect(err.message).toContain(w);
}

/** [[x]] for each argument: a value typed into a cell. */
export const cell = (v: ExcelCell): ExcelArg => [[v]];
/** A column range. */
export const column = (...vs: ExcelCell[]): ExcelArg => vs.map((v) => [v]);
