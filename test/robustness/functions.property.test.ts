/**
 * Property-based robustness of every AIC custom function (fast-check), beyond test/functions/properties.test.ts:
 * the inputs an analyst's sheet or a careless caller can hand the runner, in any mix:
 *
 * - cells: numbers (NaN, ±Infinity, -0, 5e-324, 1e308), numeric text as people type it ("1,920", "80%",
 *   " 42 ", full-width "１９２０", with a zero-width space, 400 digits), text, booleans, blanks ("" and
 *   null), undefined, Excel errors arriving from other cells;
 * - arguments: omitted, one cell, rows, columns and blocks of mismatched shapes, ragged rows, rows that
 *   are not arrays at all, empty arrays, bare values.
 *
 * Every result cell is a finite number or a CustomFunctions.Error; a single-cell error is thrown, and is
 * a CustomFunctions.Error too; nothing else escapes. And the result is the shape Excel expects: as many
 * rows and columns as the largest argument, an error (never a number) where a shorter range has no cell,
 * and every other cell the same as calling the function with that cell's values one by one.
 */
import fc from "fast-check";
import { ALL_FUNCTIONS } from "../../src/functions/all";
import type { FunctionDefinition } from "../../src/functions/definitions";

/** Runs per function and property; docs/robustness.md reports the totals. */
export const RUNS = 300;

const FULL_WIDTH_DIGITS = (s: string): string => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

const numberCell = fc.oneof(
  fc.double({ noNaN: false }),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.constantFrom(0, -0, 1, 0.8, 2, 4, 8, 28, 256, 1152, 1920, 1e15, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity),
);
const textCell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "A100", "h100", "H100 SXM", "XL/4", "S/2", "FP8", "bf16", "TF32", "80%", "1,920", " 42 ", "TRUE", "false", "1e999", "NaN",
    "Infinity", "-0", "0x10", "1 920", "１９２０", "1920\u200b", "\u200b", "\ufeff1920", "9".repeat(400), `1${"0".repeat(308)}`,
    "=1+1", "=cmd|' /C calc'!A0", "<b>x</b>", "\t", "\r\n",
  ),
  fc.integer({ min: 0, max: 99999 }).map((n) => FULL_WIDTH_DIGITS(String(n))),
);
const cell = fc.oneof(
  { weight: 4, arbitrary: numberCell },
  { weight: 3, arbitrary: textCell },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(null, "", undefined) },
  { weight: 1, arbitrary: fc.constantFrom("#N/A", "#DIV/0!", "#VALUE!").map((code) => new CustomFunctions.Error(code as CustomFunctions.ErrorCode, "upstream")) },
);

const rectangle = (maxRows: number, maxCols: number) =>
  fc
    .tuple(fc.integer({ min: 1, max: maxRows }), fc.integer({ min: 1, max: maxCols }))
    .chain(([rows, cols]) => fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }));

/** What Excel passes (a cell, a row, a column, a block) and what only a careless caller would. */
const argument = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: cell.map((v) => [[v]]) },
  { weight: 2, arbitrary: rectangle(1, 5) },
  { weight: 2, arbitrary: rectangle(5, 1) },
  { weight: 2, arbitrary: rectangle(4, 4) },
  { weight: 1, arbitrary: fc.array(fc.array(cell, { minLength: 0, maxLength: 4 }), { minLength: 1, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.array(cell, { minLength: 1, maxLength: 3 }), fc.constantFrom(null, undefined, 7, "ab")), { minLength: 2, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom([], [[]], undefined) },
  { weight: 1, arbitrary: cell },
);

/** A model function's cell is a finite number; a pick-list function's may also be text or an entity. */
const isGoodCell = (v: unknown, result: string): boolean =>
  (typeof v === "number" && Number.isFinite(v)) ||
  v instanceof CustomFunctions.Error ||
  (result === "value" && (typeof v === "string" || (typeof v === "object" && v !== null && (v as { type?: unknown }).type === "Entity")));

type Outcome = { ok: true; grid: unknown[][] } | { ok: false; error: unknown };

function call(def: FunctionDefinition<unknown>, args: readonly unknown[]): Outcome {
  try {
    return { ok: true, grid: def.run(...(args as never[])) as unknown[][] };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A 2-D array with a first row: what the runner treats as a range (anything else is one cell or blank). */
function isGrid(arg: unknown): arg is unknown[][] {
  return Array.isArray(arg) && arg.length > 0 && Array.isArray(arg[0]) && arg[0].length > 0;
}

/** The shape of the result an argument asks for: a grid's rows × its first row's columns, else one cell. */
function shapeOf(arg: unknown): [number, number] {
  return isGrid(arg) ? [arg.length, arg[0].length] : [1, 1];
}

/**
 * The value that pairs with result cell (r, c), or null when the argument is a range too short to have
 * one. A row or column stretches; omitted, empty and malformed arguments are a blank; a bare value is itself.
 */
function pairedCell(arg: unknown, r: number, c: number): { value: unknown } | null {
  if (!isGrid(arg)) return { value: arg === undefined || arg === null || Array.isArray(arg) ? null : arg };
  const gr = arg.length === 1 ? 0 : r;
  const gc = arg[0].length === 1 ? 0 : c;
  if (gr >= arg.length || gc >= arg[0].length) return null;
  const row: unknown = arg[gr];
  return { value: Array.isArray(row) ? (row[gc] ?? null) : null };
}

const describeCell = (v: unknown): unknown =>
  v instanceof CustomFunctions.Error ? { code: (v as unknown as { code: string }).code, message: v.message } : v;

describe.each(ALL_FUNCTIONS.filter((d) => d.result !== "table").map((d) => [d.id, d] as const))("AIC.%s under any input", (_id, def) => {
  const args = fc.array(argument, { minLength: 0, maxLength: def.args.length + 1 });

  test("every cell is a finite number or a CustomFunctions.Error, in the shape of the largest argument", () => {
    fc.assert(
      fc.property(args, (list) => {
        const outcome = call(def, list);
        if (!outcome.ok) {
          expect(outcome.error).toBeInstanceOf(CustomFunctions.Error);
          return;
        }
        const shapes = list.slice(0, def.args.length).map(shapeOf);
        const rows = Math.max(1, ...shapes.map((s) => s[0]));
        const cols = Math.max(1, ...shapes.map((s) => s[1]));
        expect(outcome.grid).toHaveLength(rows);
        for (const row of outcome.grid) {
          expect(row).toHaveLength(cols);
          for (const v of row) expect(isGoodCell(v, def.result)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test("each cell of a spill is the function of that cell's values; a cell no shorter range reaches is an error", () => {
    fc.assert(
      fc.property(args, (list) => {
        const given = list.slice(0, def.args.length);
        const outcome = call(def, given);
        if (!outcome.ok) return; // a single-cell call: nothing to compare
        outcome.grid.forEach((row, r) =>
          row.forEach((got, c) => {
            const paired = given.map((arg) => pairedCell(arg, r, c));
            if (paired.some((p) => p === null)) {
              expect(got).toBeInstanceOf(CustomFunctions.Error);
              return;
            }
            const alone = call(
              def,
              paired.map((p) => [[p!.value]]),
            );
            const expected = alone.ok ? alone.grid[0][0] : alone.error;
            expect(describeCell(got)).toEqual(describeCell(expected));
          }),
        );
      }),
      { numRuns: RUNS },
    );
  });
});

describe("malformed grids (found by these properties, fixed in src/functions/framework.ts)", () => {
  const fwdPe = ALL_FUNCTIONS.find((d) => d.id === "FWD_PE")!;

  test("a row that is null reads as blank (#N/A: no price) instead of throwing a TypeError", () => {
    const out = fwdPe.run([[10], null as never], [[2], [4]]) as unknown[][];
    expect(out[0][0]).toBe(5);
    expect(out[1][0]).toBeInstanceOf(CustomFunctions.Error);
    expect((out[1][0] as unknown as { code: string }).code).toBe("#N/A");
  });

  test("a row that is a string is a blank row, not its characters read as cells", () => {
    const out = fwdPe.run([[10], "20" as never], [[2], [4]]) as unknown[][];
    expect((out[1][0] as unknown as { code: string; message: string }).message).toMatch(/price is empty/);
  });
});
