/**
 * The runner's own mechanics, on functions defined here with cores that misbehave on purpose: each
 * argument's reader (plan.ts cellReader) and the note it keeps of a failed call, which must never leak
 * into the next call; the long column's tight loop (broadcast.ts plainRows), which settles faults and
 * non-finite results itself and hands rows it cannot finish (a core that throws, a cell of another kind)
 * to the general loop and then takes the rest back. Every cell is checked against the value or the error
 * it must show, row by row.
 */
import { ModelError, ModelFault } from "../../src/model/errors";
import { numberArg, flagArg } from "../../src/functions/arguments";
import { defineFunction, LONG_COLUMN } from "../../src/functions/framework";

const NEGATIVE = new ModelFault("NUM", "b is negative");

/** RATIO(a, b, [strict]): a ÷ b, with every way a core can end: a fault, a thrown ModelError, a bug, a non-finite result. */
const ratio = defineFunction(
  "TEST.RATIO",
  [numberArg("a", { min: 0 }), numberArg("b", { missing: { code: "NA", message: "b is empty" } }), flagArg("strict", false)] as const,
  (a: number, b: number, strict: boolean): number | ModelFault => {
    if (b < 0) return NEGATIVE;
    if (b === 13) throw new ModelError("VALUE", "13 is unlucky");
    if (b === 17) throw new TypeError("a bug on 17");
    if (strict && b === 0) return NEGATIVE;
    return a / b; // b = 0: Infinity, which the runner turns into #NUM!
  },
) as (...args: unknown[]) => unknown[][];

type Shown = number | string;
/** A cell as a test states it: a number, or "CODE message". */
function shown(cell: unknown): Shown {
  if (cell instanceof CustomFunctions.Error) return `${cell.code} ${cell.message}`;
  return cell as number;
}
function thrown(call: () => unknown): Shown {
  try {
    call();
  } catch (e) {
    return shown(e);
  }
  throw new Error("the call did not throw");
}

/** What RATIO's cell for (a, b) must show, stated without the runner. */
function expected(a: unknown, b: unknown): Shown {
  if (a === null) return "#N/A TEST.RATIO: a is required";
  if (typeof a !== "number" || a < 0) return `#VALUE! TEST.RATIO(a): must be a number ≥ 0, got ${String(a)}`;
  if (b === null) return "#N/A TEST.RATIO: b is empty";
  if (typeof b !== "number") return `#VALUE! TEST.RATIO(b): must be a number, got "${String(b)}"`;
  if (b < 0) return "#NUM! TEST.RATIO: b is negative";
  if (b === 13) return "#VALUE! TEST.RATIO: 13 is unlucky";
  if (b === 17) return "#VALUE! TEST.RATIO: internal error (a bug on 17)";
  if (b === 0) return "#NUM! TEST.RATIO: the result is not a finite number (inputs too large or too small)";
  return a / b;
}

describe("single-cell calls: each argument's reader, and the note of a failed call", () => {
  test("a value, then a failure, then a value: the failure leaves nothing behind", () => {
    expect(ratio([[6]], [[3]])).toEqual([[2]]);
    expect(thrown(() => ratio([[6]], [["x"]]))).toBe('#VALUE! TEST.RATIO(b): must be a number, got "x"');
    expect(ratio([[6]], [[3]])).toEqual([[2]]);
    expect(thrown(() => ratio([[6]], null))).toBe("#N/A TEST.RATIO: b is empty");
    expect(ratio([[9]], [[3]], [[false]])).toEqual([[3]]);
  });

  test("two failing arguments: the first one's error is the cell's", () => {
    expect(thrown(() => ratio([[-1]], [["x"]]))).toBe("#VALUE! TEST.RATIO(a): must be a number ≥ 0, got -1");
    expect(thrown(() => ratio([[1]], [["x"]], [["maybe"]]))).toBe('#VALUE! TEST.RATIO(b): must be a number, got "x"');
  });

  test("a failing single cell and a range after it: the call is a broadcast, the failure in every cell", () => {
    const out = ratio([[-1]], [[2], [4]]);
    expect(out.map((row) => shown(row[0]))).toEqual([
      "#VALUE! TEST.RATIO(a): must be a number ≥ 0, got -1",
      "#VALUE! TEST.RATIO(a): must be a number ≥ 0, got -1",
    ]);
    // ...and the next single-cell call is clean.
    expect(ratio([[8]], [[2]])).toEqual([[4]]);
  });

  test("every way a core ends, one cell at a time", () => {
    for (const b of [4, -2, 13, 17, 0]) {
      const want = expected(8, b);
      if (typeof want === "number") expect(ratio([[8]], [[b]])).toEqual([[want]]);
      else expect(thrown(() => ratio([[8]], [[b]]))).toBe(want);
    }
    expect(thrown(() => ratio([[8]], [[0]], [[true]]))).toBe("#NUM! TEST.RATIO: b is negative");
  });

  test("a function cannot take more than eight arguments (run's parameters)", () => {
    const nine = Array.from({ length: 9 }, (_, i) => numberArg(`x${i}`, { default: 1 }));
    expect(() => defineFunction<number[]>("TEST.NINE", nine, () => 1)).toThrow("at most eight arguments");
  });
});

describe("a long column: the tight loop and the rows it hands back", () => {
  const rows = LONG_COLUMN + 40;
  // b cycles through every ending: plain numbers most of the time, and each kind of row the loop must
  // settle (a fault, Infinity) or hand back (a throw, a bug, text, a blank, a malformed row).
  const bs: unknown[] = Array.from({ length: rows }, (_, r) => [2, 4, -1, 13, 5, 17, 0, "x", null, 8][r % 10]);

  test("every row shows what that row's cells give, in order, whatever rows came before", () => {
    const as = Array.from({ length: rows }, (_, r) => [r]);
    const out = ratio(as, bs.map((b) => [b]));
    expect(out).toHaveLength(rows);
    // A for loop, not forEach: a row the runner never wrote is a hole, which forEach would skip.
    for (let r = 0; r < rows; r++) {
      expect(out[r]).toHaveLength(1);
      expect(shown(out[r]![0])).toEqual(expected(r, bs[r]));
    }
  });

  test("number rows stay plain numbers around settled rows: 100 rows of faults then numbers", () => {
    const b = Array.from({ length: rows }, (_, r) => [r < 100 ? -1 : 4]);
    const out = ratio(Array.from({ length: rows }, () => [8]), b);
    expect(shown(out[0]![0])).toBe("#NUM! TEST.RATIO: b is negative");
    expect(shown(out[99]![0])).toBe("#NUM! TEST.RATIO: b is negative");
    expect(out.slice(100).every((row) => row[0] === 2)).toBe(true);
  });

  test("a constant flag with two columns, and a malformed row in the middle", () => {
    const a: unknown[] = Array.from({ length: rows }, (_, r) => [r + 1]);
    a[7] = "not a row";
    const out = ratio(a, Array.from({ length: rows }, () => [0]), [[true]]);
    expect(shown(out[6]![0])).toBe("#NUM! TEST.RATIO: b is negative");
    // A row that is not an array reads as a blank cell, and a is required.
    expect(shown(out[7]![0])).toBe("#N/A TEST.RATIO: a is required");
    expect(shown(out[8]![0])).toBe("#NUM! TEST.RATIO: b is negative");
  });
});
