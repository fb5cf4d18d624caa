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
