/**
 * Property-based robustness (fast-check): any mix of numbers, text, booleans, blanks, Excel errors and
 * ranges of mismatched shapes gives, in every cell, a finite number or a CustomFunctions.Error — never
 * NaN, Infinity, undefined or an exception of another kind. A single-cell error is thrown, as Excel
 * expects, and is a CustomFunctions.Error too.
 */
import fc from "fast-check";
import { ALL_FUNCTIONS } from "../../src/functions/all";

const anyCell = fc.oneof(
  fc.double({ noNaN: false }),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.constantFrom(0, -0, 1, 0.8, 1920, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER),
  fc.string({ maxLength: 12 }),
  fc.constantFrom("A100", "h100", "XL/4", "S/2", "FP8", "bf16", "80%", "1,920", " 42 ", "TRUE", "=1+1", "<b>x</b>", "NaN", "Infinity", "1e999"),
  fc.boolean(),
  fc.constant(null),
  fc.constant(""),
  fc.constant(undefined),
  fc.constantFrom("#N/A", "#DIV/0!").map((code) => new CustomFunctions.Error(code as CustomFunctions.ErrorCode, "upstream")),
);

const grid = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
  .chain(([rows, cols]) => fc.array(fc.array(anyCell, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }));

/** An argument as Excel (or a careless caller) might pass it: omitted, a single cell, a range, or degenerate. */
const argument = fc.oneof(
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: anyCell.map((v) => [[v]]) },
  { weight: 3, arbitrary: grid },
  { weight: 1, arbitrary: fc.constantFrom([], [[]], undefined) },
);

/** A model function's cell is a finite number; a pick-list function's may also be text or an entity. */
const isGoodCell = (v: unknown, result: string) =>
  (typeof v === "number" && Number.isFinite(v)) ||
  v instanceof CustomFunctions.Error ||
  (result === "value" && (typeof v === "string" || (typeof v === "object" && v !== null && (v as { type?: unknown }).type === "Entity")));

describe.each(ALL_FUNCTIONS.filter((d) => d.result !== "table").map((d) => [d.id, d] as const))("AIC.%s under arbitrary input", (_id, def) => {
  test("every cell is a finite number or a CustomFunctions.Error; nothing else escapes", () => {
    fc.assert(
      fc.property(fc.array(argument, { minLength: 0, maxLength: def.args.length + 1 }), (args) => {
        let out: unknown;
        try {
          out = def.run(...(args as any[]));
        } catch (e) {
          expect(e).toBeInstanceOf(CustomFunctions.Error);
          return;
        }
        expect(Array.isArray(out)).toBe(true);
        const rows = out as unknown[][];
        const expectedRows = Math.max(1, ...args.slice(0, def.args.length).map((a) => (Array.isArray(a) && Array.isArray(a[0]) && a[0].length ? a.length : 1)));
        expect(rows).toHaveLength(expectedRows);
        for (const row of rows) for (const v of row) expect(isGoodCell(v, def.result)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
