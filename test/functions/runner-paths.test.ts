/**
 * The runner's two paths give the same answer. A call whose every argument is one cell (or omitted)
 * takes the single-cell path (src/functions/framework.ts: each cell read in place, no grids); a range
 * anywhere takes the broadcast. Both coerce through the same coerceCell, so each case below, called
 * once with 1×1 cells and again with the same cells stretched into 2×1 columns (every argument at once,
 * then only one of them), must give the same value, or the same error code and message, in every cell.
 * A single-cell error is thrown (which only the single-cell path does), so the first call is known to
 * have taken that path. Each case also states its expected outcome, so two paths wrong the same way fail.
 * PICK figures: 000977.SZ price 34.56 (Minsheng 表5, the newest report), 30.38 with source 华鑫证券,
 * EPS 2023 2.07 (Huaxin 重点关注公司及盈利预测).
 */
import { ditGflops, fwdPe, gpuTflops, patchesPerMin, soraTrainGpus } from "../../src/functions/functions";
import { LONG_COLUMN } from "../../src/functions/framework";
import { PICK } from "../../src/functions/pickFunctions";

/** AIC.PICK's runner: what the streaming function emits (test/functions/pick.test.ts drives the streaming). */
const pickRun = PICK.run as (...args: unknown[]) => unknown[][];

type Cell = number | string | boolean | null | CustomFunctions.Error;
const OMIT = Symbol("omitted");
type Arg = Cell | typeof OMIT;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fn = (...args: any[]) => unknown[][];

/** What a cell shows: a value, or an error's code and message. */
type Shown = { value: unknown } | { code: string; message: string };

function shownCell(cell: unknown): Shown {
  if (cell instanceof CustomFunctions.Error) return { code: cell.code, message: cell.message ?? "" };
  return { value: cell };
}

const upstream = new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, "upstream feed missing");

/** [label, function, arguments, expected: a value, or [code, a word of the message]] */
const CASES: Array<[string, Fn, Arg[], number | [string, string]]> = [
  ["FWD_PE numbers", fwdPe, [30.38, 2.07], 30.38 / 2.07],
  ["FWD_PE numeric text", fwdPe, ["30.38", "2.07"], 30.38 / 2.07],
  ["FWD_PE thousands separator and percent", fwdPe, ["1,920", "80%"], 1920 / 0.8],
  ["FWD_PE full-width digits (NFKC)", fwdPe, ["３０", "２"], 15],
  ["FWD_PE omitted eps", fwdPe, [30.38, OMIT], ["#N/A", "eps is empty: no forecast"]],
  ["FWD_PE blank eps cell", fwdPe, [30.38, null], ["#N/A", "eps is empty: no forecast"]],
  ["FWD_PE empty-text eps", fwdPe, [30.38, ""], ["#N/A", "eps is empty: no forecast"]],
  ["FWD_PE blank price", fwdPe, ["", 2.07], ["#N/A", "price is empty: no share price"]],
  ["FWD_PE negative eps", fwdPe, [115.4, -2.06], ["#NUM!", "EPS is negative"]],
  ["FWD_PE negative eps allowed", fwdPe, [115.4, -2.06, true], 115.4 / -2.06],
  ["FWD_PE allow_negative as 1", fwdPe, [115.4, -2.06, 1], 115.4 / -2.06],
  ["FWD_PE zero eps", fwdPe, [30, 0], ["#DIV/0!", "EPS is 0"]],
  ["FWD_PE zero price", fwdPe, [0, 2], ["#VALUE!", "AIC.FWD_PE(price): must be a number > 0"]],
  ["FWD_PE text price", fwdPe, ["abc", 2], ["#VALUE!", 'must be a number, got "abc"']],
  ["FWD_PE boolean price", fwdPe, [true, 2], ["#VALUE!", "got TRUE"]],
  ["FWD_PE bad flag", fwdPe, [30, 2, "maybe"], ["#VALUE!", "must be TRUE or FALSE"]],
  ["FWD_PE the first failing argument wins", fwdPe, ["abc", "xyz"], ["#VALUE!", "(price)"]],
  ["FWD_PE an Excel error in a cell passes through", fwdPe, [upstream, 2], ["#N/A", "upstream feed missing"]],
  ["GPU_TFLOPS name and precision", gpuTflops, ["H100", "FP8"], 1978.9],
  ["GPU_TFLOPS lower case, precision omitted", gpuTflops, ["h100", OMIT], 989.4],
  ["GPU_TFLOPS a number is no name", gpuTflops, [5, OMIT], ["#VALUE!", "must be a GPU name"]],
  ["GPU_TFLOPS gpu omitted", gpuTflops, [OMIT, "FP8"], ["#VALUE!", "gpu is required"]],
  ["GPU_TFLOPS unknown GPU", gpuTflops, ["Z999", OMIT], ["#N/A", "Z999"]],
  ["PATCHES_PER_MIN a fractional pixel count", patchesPerMin, [1920.5], ["#VALUE!", "must be a whole number"]],
  ["PATCHES_PER_MIN explicit defaults", patchesPerMin, [1920, 1280, 30, 60, 80, 1], 921_600],
  ["SORA_TRAIN_GPUS a GPU by name among numbers (Minsheng 表1: ≈233.65)", soraTrainGpus, [324, 6, 500, "A100", 0.8, 30, 30, 1], 233.6538],
  ["SORA_TRAIN_GPUS utilisation over 1", soraTrainGpus, [OMIT, OMIT, OMIT, OMIT, 80], ["#VALUE!", "utilization"]],
  ["DIT_GFLOPS a named model (DiT Table 4: 29.05)", ditGflops, ["XL/4"], 29.0437],
  ["DIT_GFLOPS an unknown model", ditGflops, ["bogus"], ["#VALUE!", "bogus"]],
  ["PICK the newest price", pickRun, ["000977.SZ", "price"], 34.56],
  ["PICK a price from a named broker", pickRun, ["000977.SZ", "price", OMIT, "华鑫证券"], 30.38],
  ["PICK EPS for a year, by company name", pickRun, ["浪潮信息", "EPS", 2023], 2.07],
  ["PICK a year as text", pickRun, ["浪潮信息", "eps", "2023E"], 2.07],
  ["PICK an unknown ticker", pickRun, ["999999.SH", "price"], ["#N/A", "999999.SH is in no list the add-in knows"]],
  ["PICK an unknown field", pickRun, ["000977.SZ", "colour"], ["#VALUE!", "colour"]],
  ["PICK a blank ticker", pickRun, [null, "price"], ["#VALUE!", "ticker"]],
];

/** Every argument a 1×1 cell (omitted ones null): the single-cell path. Errors must be thrown. */
function singleCellCall(fn: Fn, args: Arg[]): Shown {
  let grid: unknown[][];
  try {
    grid = fn(...args.map((a) => (a === OMIT ? null : [[a]])));
  } catch (e) {
    if (e instanceof CustomFunctions.Error) return shownCell(e);
    throw e;
  }
  expect(grid).toHaveLength(1);
  expect(grid[0]).toHaveLength(1);
  expect(grid[0]![0]).not.toBeInstanceOf(CustomFunctions.Error);
  return shownCell(grid[0]![0]);
}

/** The arguments at `stretched` as 2×1 columns repeating their cell: the broadcast. Both rows shown. */
function broadcastCall(fn: Fn, args: Arg[], stretched: (i: number) => boolean): Shown[] {
  const grid = fn(...args.map((a, i) => (a === OMIT ? null : stretched(i) ? [[a], [a]] : [[a]])));
  expect(grid).toHaveLength(2);
  return grid.map((row) => {
    expect(row).toHaveLength(1);
    return shownCell(row[0]);
  });
}

describe("the single-cell path and the broadcast give the same value or the same error", () => {
  test.each(CASES)("%s", (_label, fn, args, expected) => {
    const single = singleCellCall(fn, args);
    if (Array.isArray(expected)) {
      const [code, word] = expected;
      expect(single).toEqual({ code, message: expect.stringContaining(word) });
    } else {
      expect((single as { value: number }).value).toBeCloseTo(expected as number, 4);
    }
    const given = args.map((a, i) => (a === OMIT ? -1 : i)).filter((i) => i >= 0);
    // Every given argument a column; then each given argument alone a column, the others single cells.
    const shapes: Array<(i: number) => boolean> = [() => true, ...given.map((k) => (i: number) => i === k)];
    for (const stretched of shapes) {
      for (const cell of broadcastCall(fn, args, stretched)) expect(cell).toEqual(single);
    }
  });

  test("an Excel error passed in comes out as the very same error object on both paths", () => {
    let thrown: unknown;
    try {
      fwdPe([[upstream]], [[2]]);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBe(upstream);
    expect(fwdPe([[upstream], [upstream]], [[2]])[0]![0]).toBe(upstream);
  });
});

/** Rows enough for a column result to take the long-column path. */
const LONG = LONG_COLUMN + 88;

/**
 * What cell (r, c) of a broadcast must show, worked out independently of the broadcast: the argument
 * cells Excel pairs with it (a single row, column or cell stretches), called through the single-cell
 * path; a cell outside a shorter range is #N/A; a ragged or malformed row reads as a blank cell.
 */
function pairedCell(fn: Fn, grids: Array<unknown[][] | null>, r: number, c: number): Shown {
  const cells: unknown[] = [];
  for (const grid of grids) {
    if (grid === null) {
      cells.push(null);
      continue;
    }
    const gr = grid.length === 1 ? 0 : r;
    const gc = grid[0]!.length === 1 ? 0 : c;
    if (gr >= grid.length || gc >= grid[0]!.length) return { code: "#N/A", message: expect.stringContaining("no value pairs with this cell") as unknown as string };
    const row = grid[gr];
    cells.push(Array.isArray(row) ? (row[gc] ?? null) : null);
  }
  return singleCellCall(fn, cells.map((cell) => cell as Arg));
}

function expectPaired(fn: Fn, grids: Array<unknown[][] | null>): unknown[][] {
  const result = fn(...grids);
  const rows = Math.max(...grids.map((g) => (g === null ? 1 : g.length)));
  const cols = Math.max(...grids.map((g) => (g === null ? 1 : g[0]!.length)));
  expect(result).toHaveLength(rows);
  for (let r = 0; r < rows; r++) {
    expect(result[r]).toHaveLength(cols);
    for (let c = 0; c < cols; c++) expect(shownCell(result[r]![c])).toEqual(pairedCell(fn, grids, r, c));
  }
  return result;
}

const longColumn = (cell: (r: number) => unknown, n = LONG): unknown[][] => Array.from({ length: n }, (_, r) => [cell(r)]);

describe("a long column result (the long-column path) gives what each row's cells give alone", () => {
  test.each(CASES)("%s, stretched into long columns", (_label, fn, args) => {
    const given = args.map((a, i) => (a === OMIT ? -1 : i)).filter((i) => i >= 0);
    const shapes: Array<(i: number) => boolean> = [() => true, ...given.map((k) => (i: number) => i === k)];
    const single = singleCellCall(fn, args);
    for (const stretched of shapes) {
      const result = fn(...args.map((a, i) => (a === OMIT ? null : stretched(i) ? longColumn(() => a) : [[a]])));
      expect(result).toHaveLength(LONG);
      for (const row of result) {
        expect(row).toHaveLength(1);
        expect(shownCell(row[0])).toEqual(single);
      }
    }
  });

  // Price and EPS columns whose rows vary: numbers, numeric text, full-width text, blanks, empty text,
  // booleans, an upstream error, numbers out of range, zero and negative EPS.
  const priceCell = (r: number): unknown =>
    [30.38, "125.29", "３０", null, "", true, upstream, -5, 0, 1e308, "abc", 7][r % 12];
  const epsCell = (r: number): unknown => [2.07, "3.84", 0, -2.06, null, "80%", upstream, "x", 1e-308, false, 4, "1,920"][(r * 7) % 12];

  test("mixed cells in two columns, row by row, on FWD_PE", () => {
    const result = expectPaired(fwdPe, [longColumn(priceCell), longColumn(epsCell), null]);
    // Spot checks stated outright, so two paths wrong the same way still fail: row 0 is 30.38 ÷ 2.07.
    expect(result[0]![0]).toBeCloseTo(30.38 / 2.07, 10);
    expect(result[6]![0]).toBe(upstream);
  });

  test("a constant argument with a column: allow_negative TRUE against negative EPS, and a bad flag", () => {
    const result = expectPaired(fwdPe, [longColumn((r) => 10 + r), longColumn((r) => -(1 + (r % 5))), [[true]]]);
    expect(result[1]![0]).toBeCloseTo(11 / -2, 12);
    const bad = fwdPe(longColumn((r) => 10 + r), longColumn(() => 2), [["maybe"]]);
    for (const row of bad) expect(shownCell(row[0])).toEqual({ code: "#VALUE!", message: expect.stringContaining("must be TRUE or FALSE") });
  });

  test("a constant price and an EPS column of text numbers and blanks", () => {
    expectPaired(fwdPe, [[[30.38]], longColumn((r) => (r % 3 === 0 ? null : String(1 + r / 100)))]);
  });

  test("a shorter column: the rows it does not reach are #N/A naming it", () => {
    const result = expectPaired(fwdPe, [longColumn((r) => 10 + r), longColumn(() => 2, LONG - 3)]);
    expect(result[LONG - 4]![0]).toBe((10 + LONG - 4) / 2);
    expect(shownCell(result[LONG - 1]![0])).toEqual({ code: "#N/A", message: expect.stringContaining(`eps is ${LONG - 3}×1 cells but the result is ${LONG}×1`) });
  });

  test("ragged rows (an empty row, rows that are not arrays: the general loop) read as blank cells", () => {
    const prices: unknown[][] = longColumn((r) => 10 + r);
    prices[5] = [];
    (prices as unknown[])[9] = 42;
    (prices as unknown[])[11] = null;
    const result = expectPaired(fwdPe, [prices, longColumn(() => 2)]);
    expect(shownCell(result[5]![0])).toEqual({ code: "#N/A", message: expect.stringContaining("price is empty") });
    expect(shownCell(result[9]![0])).toEqual({ code: "#N/A", message: expect.stringContaining("price is empty") });
  });

  test("a 2-D grid against a long column and a row (the general path), cell by cell", () => {
    const grid = Array.from({ length: LONG }, (_, r) => [10 + r, "20", null]);
    expectPaired(fwdPe, [grid, longColumn((r) => 1 + (r % 4))]);
    expectPaired(fwdPe, [grid, [[2, -1, "x"]]]);
  });

  test("GPU_TFLOPS (text arguments, two of them) and DIT_GFLOPS (five) over long columns", () => {
    expectPaired(gpuTflops, [longColumn((r) => ["A100", "h100", "Z999", 5, null][r % 5]), longColumn((r) => ["FP8", null, "TF32"][r % 3])]);
    expectPaired(ditGflops, [longColumn((r) => ["XL/4", 28, "bogus"][r % 3]), longColumn((r) => [1152, null][r % 2])]);
  });

  test("PICK (four arguments, values of any kind) over a long column of tickers", () => {
    expectPaired(pickRun, [longColumn((r) => ["000977.SZ", "浪潮信息", "999999.SH", null][r % 4]), [["price"]]]);
  });
});
