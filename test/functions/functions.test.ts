/**
 * The AIC.* functions called exactly as Excel calls them: 2-D arrays for every argument, `null` for an
 * omitted one, a thrown CustomFunctions.Error for a single-cell error.
 */
import { ditGflops, fwdPe, gpuTflops, patchesPerMin, soraInferGpus, soraTrainGpus } from "../../src/functions/functions";
import { callExcel, cell, column, expectError, single } from "../support/excel-call";

const omitted = null;

describe("defaults reproduce the Minsheng note", () => {
  test("=AIC.PATCHES_PER_MIN() is 921,600 (表1 每分钟 Patches; text 92.16 万)", () => {
    expect(single(patchesPerMin)).toBe(921_600);
    expect(single(patchesPerMin, omitted, omitted, omitted, omitted, omitted, omitted)).toBe(921_600);
  });

  test("=AIC.SORA_TRAIN_GPUS() is 233.65 in SI units (表1 prints 231, see README)", () => {
    expect(single(soraTrainGpus)).toBeCloseTo(233.6538, 4);
  });

  test("=AIC.SORA_INFER_GPUS() is 18,461,538 (表1: 3B 模型 GPU 需求 1846 万)", () => {
    expect(Math.round(single(soraInferGpus) as number)).toBe(18_461_538);
  });

  test('=AIC.DIT_GFLOPS("XL/4") is 29.05 (DiT Table 4, cited by the note)', () => {
    expect(single(ditGflops, cell("XL/4")) as number).toBeCloseTo(29.05, 1);
  });

  test('=AIC.GPU_TFLOPS("A100") is 312 (表1 "A100 算力 Tflops")', () => {
    expect(single(gpuTflops, cell("A100"))).toBe(312);
    expect(single(gpuTflops, cell("A100"), omitted)).toBe(312);
  });
});

describe("every assumption is an argument", () => {
  test("a blank cell means the default, like an omitted argument", () => {
    expect(single(soraTrainGpus, cell(null), cell(""))).toBeCloseTo(233.6538, 4);
  });

  test("gpu accepts a name or a number: H100 at 989.4 TFLOPS", () => {
    const byName = single(soraTrainGpus, omitted, omitted, omitted, cell("H100")) as number;
    const byNumber = single(soraTrainGpus, omitted, omitted, omitted, cell(989.4)) as number;
    expect(byName).toBeCloseTo((233.6538 * 312) / 989.4, 3);
    expect(byNumber).toBe(byName);
  });

  test("numeric text and percentages are read as Excel reads them", () => {
    expect(single(soraTrainGpus, omitted, omitted, omitted, omitted, cell("80%"))).toBeCloseTo(233.6538, 4);
    expect(single(patchesPerMin, cell("1,920"))).toBe(921_600);
  });

  test("denoising steps multiply the inference estimate: 50 steps → 923 million A100s", () => {
    const v = single(soraInferGpus, omitted, omitted, omitted, omitted, omitted, cell(50)) as number;
    expect(Math.round(v)).toBe(Math.round((18_461_538.4615 * 50)));
  });

  test("a depth with hidden and patch sizes equals the named model", () => {
    expect(single(ditGflops, cell(28), cell(1152), cell(4))).toBe(single(ditGflops, cell("XL/4")));
  });

  test("FP8 throughput of an H100", () => {
    expect(single(gpuTflops, cell("H100 SXM"), cell("FP8"))).toBe(1978.9);
  });
});

describe("broadcasting like Excel's own functions", () => {
  test("a 3×1 range in gives a 3×1 range out", () => {
    const out = callExcel(soraTrainGpus, omitted, omitted, omitted, omitted, column(0.4, 0.8, 1));
    expect(out).toHaveLength(3);
    expect(out.map((r) => r.length)).toEqual([1, 1, 1]);
    expect(out[0][0] as number).toBeCloseTo(2 * 233.6538, 3);
    expect(out[1][0] as number).toBeCloseTo(233.6538, 4);
    expect(out[2][0] as number).toBeCloseTo(0.8 * 233.6538, 4);
  });

  test("a row of GPUs against a column of utilisations gives the sensitivity grid", () => {
    const out = callExcel(soraTrainGpus, omitted, omitted, omitted, [["A100", "H100"]], column(0.5, 0.8));
    expect(out).toHaveLength(2);
    expect(out[0]).toHaveLength(2);
    expect(out[1][0] as number).toBeCloseTo(233.6538, 4);
    expect(out[1][1] as number).toBeCloseTo((233.6538 * 312) / 989.4, 3);
    expect(out[0][0] as number).toBeCloseTo((233.6538 * 0.8) / 0.5, 3);
  });

  test("a price column and an EPS column spill a P/E column (Huaxin 重点关注公司及盈利预测, 2023E)", () => {
    // 浪潮信息 30.38 / 2.07 = 14.68; 同花顺 125.29 / 3.84 = 32.63; 鸥玛软件 14.50 / 0.55 = 26.36.
    const out = callExcel(fwdPe, column(30.38, 125.29, 14.5), column(2.07, 3.84, 0.55));
    expect(out.map((r) => Number((r[0] as number).toFixed(2)))).toEqual([14.68, 32.63, 26.36]);
  });

  test("mixed scalar and range: one price against three EPS years (中际旭创 127.00; 2022, 2023E, 2024E)", () => {
    const out = callExcel(fwdPe, cell(127.0), [[1.53, 2.72, 5.01]]);
    expect(out[0].map((v) => Number((v as number).toFixed(2)))).toEqual([83.01, 46.69, 25.35]);
  });

  test("ranges of mismatched length: cells past the shorter range are #N/A, as in Excel", () => {
    const out = callExcel(fwdPe, column(10, 20, 30), column(1, 2));
    expect(out[0][0]).toBe(10);
    expect(out[1][0]).toBe(10);
    expectError(out[2][0], "#N/A", "eps is 2×1 cells but the result is 3×1");
  });

  test("an error in one cell of a range stays in that cell", () => {
    const out = callExcel(fwdPe, column(30.38, 115.4, 39.11), column(2.07, -2.06, null));
    expect(out[0][0] as number).toBeCloseTo(14.68, 2);
    expectError(out[1][0], "#NUM!", "negative");
    expectError(out[2][0], "#N/A", "no forecast");
  });

  test("an Excel error arriving in a range passes through unchanged", () => {
    const incoming = new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, "upstream");
    const out = callExcel(fwdPe, column(10, 10), [[2], [incoming as any]]);
    expect(out[0][0]).toBe(5);
    expectError(out[1][0], "#N/A", "upstream");
  });
});

describe("bad input gives a precise Excel error naming the argument", () => {
  const cases: Array<[string, () => unknown, string, string[]]> = [
    ["utilisation above 1", () => single(soraTrainGpus, omitted, omitted, omitted, omitted, cell(1.2)), "#VALUE!", ["AIC.SORA_TRAIN_GPUS(utilization)", "≤ 1", "got 1.2"]],
    ["text where a number belongs", () => single(soraTrainGpus, cell("lots")), "#VALUE!", ["(gflops_per_frame)", 'got "lots"']],
    ["a boolean where a number belongs", () => single(soraInferGpus, cell(true)), "#VALUE!", ["(daily_video_hours)", "got TRUE"]],
    ["negative hours", () => single(soraInferGpus, cell(-5)), "#VALUE!", ["(daily_video_hours)", "> 0"]],
    ["zero parameters", () => single(soraInferGpus, omitted, cell(0)), "#VALUE!", ["(params_billions)", "> 0"]],
    ["fractional pixels", () => single(patchesPerMin, cell(1920.5)), "#VALUE!", ["(width)", "whole number", "1920.5"]],
    ["zero fps", () => single(patchesPerMin, omitted, omitted, cell(0)), "#VALUE!", ["(fps)"]],
    ["fractional denoising steps", () => single(soraInferGpus, omitted, omitted, omitted, omitted, omitted, cell(2.5)), "#VALUE!", ["(denoising_steps)"]],
    ["an unknown GPU name", () => single(soraInferGpus, omitted, omitted, omitted, cell("RTX 9090")), "#N/A", ["(gpu)", 'unknown GPU "RTX 9090"', "A100, A800"]],
    ["a negative TFLOPS figure", () => single(soraTrainGpus, omitted, omitted, omitted, cell(-312)), "#VALUE!", ["(gpu)", "> 0"]],
    ["an absurd number of days", () => single(soraTrainGpus, omitted, omitted, omitted, omitted, omitted, cell(1e9)), "#VALUE!", ["(data_days)", "≤ 36500"]],
    ["GPU_TFLOPS without a name", () => single(gpuTflops, cell(null)), "#VALUE!", ["gpu is required"]],
    ["GPU_TFLOPS given a number", () => single(gpuTflops, cell(312)), "#VALUE!", ["(gpu)", "GPU name"]],
    ["a precision A100 does not publish", () => single(gpuTflops, cell("A100"), cell("FP8")), "#N/A", ["A100 has no published dense FP8"]],
    ["an unknown precision", () => single(gpuTflops, cell("A100"), cell("FP4x")), "#VALUE!", ["(precision)", "FP4x"]],
    ["an unknown DiT name", () => single(ditGflops, cell("XXL/2")), "#VALUE!", ['model "XXL/2" is not a DiT model']],
    ["a DiT name with a hidden size too", () => single(ditGflops, cell("XL/4"), cell(1024)), "#VALUE!", ["leave them empty"]],
    ["a depth without hidden size", () => single(ditGflops, cell(28)), "#VALUE!", ["hidden_size and patch_size are required"]],
    ["a fractional depth", () => single(ditGflops, cell(2.5), cell(64), cell(2)), "#VALUE!", ["depth"]],
    ["an image not divisible by 8 × patch", () => single(ditGflops, cell("XL/4"), omitted, omitted, cell(250)), "#VALUE!", ["not a multiple of 32"]],
    ["DIT_GFLOPS without a model", () => single(ditGflops, cell(null)), "#VALUE!", ["model is required"]],
    ["EPS of zero", () => single(fwdPe, cell(10), cell(0)), "#DIV/0!", []],
    ["negative EPS (寒武纪-U 2023E -2.06, Huaxin table)", () => single(fwdPe, cell(115.4), cell(-2.06)), "#NUM!", ["not meaningful"]],
    ["no EPS forecast (高新发展 2023E blank, Huaxin table)", () => single(fwdPe, cell(39.11), cell(null)), "#N/A", ["no forecast"]],
    ["EPS as text", () => single(fwdPe, cell(10), cell("n.a.")), "#VALUE!", ["(eps)", '"n.a."']],
    ["no price", () => single(fwdPe, cell(""), cell(2)), "#N/A", ["no share price"]],
    ["a negative price", () => single(fwdPe, cell(-3), cell(2)), "#VALUE!", ["(price)"]],
    ["allow_negative not a flag", () => single(fwdPe, cell(10), cell(2), cell("maybe")), "#VALUE!", ["(allow_negative)", "TRUE or FALSE"]],
  ];
  test.each(cases)("%s", (_label, run, code, words) => {
    expectError(run() as any, code, ...words);
  });

  test("allow_negative TRUE returns the negative P/E (寒武纪-U 2023E: 115.40 / -2.06)", () => {
    expect(single(fwdPe, cell(115.4), cell(-2.06), cell(true)) as number).toBeCloseTo(-56.02, 2);
    expect(single(fwdPe, cell(115.4), cell(-2.06), cell("TRUE")) as number).toBeCloseTo(-56.02, 2);
  });

  test("a result too large to be a number is #NUM!, never Infinity", () => {
    expectError(single(soraInferGpus, cell(1e15), cell(1e6), cell(1e15), cell(1e-300)), "#NUM!");
  });

  test("a single-cell error is thrown, as Excel expects of a scalar error", () => {
    expect(() => fwdPe([[10]], [[0]])).toThrow(CustomFunctions.Error);
  });
});

describe("text as people type it (issue 11)", () => {
  test("full-width GPU names and numbers are read after NFKC: Ａ１００, ５, １９２０", () => {
    expect(single(gpuTflops, cell("Ａ１００"))).toBe(312);
    expect(single(gpuTflops, cell("Ｈ１００　ＳＸＭ"), cell("ＦＰ８"))).toBe(1978.9);
    expect(single(fwdPe, cell("３０．３８"), cell("２．０７")) as number).toBeCloseTo(14.68, 2);
    expect(single(soraTrainGpus, omitted, omitted, omitted, cell("Ａ１００"), cell("８０％"))).toBeCloseTo(233.6538, 4);
    expect(single(patchesPerMin, omitted, omitted, cell("５"))).toBe((921_600 / 30) * 5);
    expect(single(ditGflops, cell("ＸＬ／４"))).toBe(single(ditGflops, cell("XL/4")));
  });

  test("an echoed name is cut at 40 characters with …", () => {
    const name = "X".repeat(10_000);
    const e = single(gpuTflops, cell(name)) as unknown as Error;
    expectError(e as never, "#N/A", `unknown GPU "${"X".repeat(40)}…"`);
    expect(e.message.length).toBeLessThan(200);
    const dit = single(ditGflops, cell("Y".repeat(500))) as unknown as Error;
    expect(dit.message).toContain(`"${"Y".repeat(40)}…"`);
    expect(dit.message).not.toContain("Y".repeat(41));
    const flag = single(fwdPe, cell(10), cell(2), cell("Z".repeat(300))) as unknown as Error;
    expect(flag.message).toContain(`"${"Z".repeat(40)}…"`);
  });

  test("errors are cheap: one error object per distinct message, with no stack", () => {
    const out = callExcel(fwdPe, column(10, 20, 30, 40), column(null, null, -1, -1));
    expect(out[0][0]).toBe(out[1][0]);
    expect(out[2][0]).toBe(out[3][0]);
    expect(out[0][0]).not.toBe(out[2][0]);
    expect(((out[0][0] as unknown as Error).stack ?? "").split("\n").length).toBeLessThanOrEqual(1);
  });
});
