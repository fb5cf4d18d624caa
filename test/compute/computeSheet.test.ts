/**
 * The "Sora compute" sheet against the Excel fake. The written formulas are evaluated by the formula
 * oracle with the real AIC.* functions over the written input cells (through the named ranges), and must
 * give the Minsheng note's figures (民生证券, 2024-02-25, section 1.1 and 表1): 921,600 patches a
 * minute (正文 "92.16 万个 Patches"), 1846 万 inference A100s (表1 "3B 模型 GPU 需求 (万) 1846"), DiT-XL/4
 * 29.05 Gflops (正文), and 233.65 training A100s (表1 prints 231; README "Why 233.6, not 231").
 */
import {
  formulaFor,
  insertComputeSheet,
  isValidComputeName,
  planComputeSheet,
  SENSITIVITY_GPUS,
  SENSITIVITY_UTILIZATIONS,
  type ComputePlan,
  type ComputeSheetResult,
} from "../../src/excel/computeSheet";
import { ALL_FUNCTIONS } from "../../src/functions/all";
import { FWD_PE, SORA_TRAIN_GPUS } from "../../src/functions/definitions";
import { GPU_NAMES, gpuTflops } from "../../src/model/gpus";
import { INFERENCE_DEFAULTS, PATCH_DEFAULTS, TRAINING_DEFAULTS } from "../../src/model/sora";
import { FakeExcel, parseAddress } from "../support/excelFake";
import { FormulaOracle, splitArguments } from "../support/formulaOracle";

const SHEET = "Sora compute";

/** The sheet row (1-based) of an input or output, by key. */
function rowOf(plan: ComputePlan, key: string): number {
  const item = [...plan.inputs, ...plan.outputs].find((x) => x.key === key);
  if (!item) throw new Error(`no ${key}`);
  return item.row + 1;
}

function value(fake: FakeExcel, oracle: FormulaOracle, sheetName: string, address: string): unknown {
  const r = parseAddress(address);
  return oracle.cellValue(fake.sheet(sheetName), r.top, r.left);
}

describe("planComputeSheet", () => {
  const plan = planComputeSheet("en");

  it("takes every assumption's value from src/model/sora.ts, and they are the note's (表1 and 1.1)", () => {
    const byKey = Object.fromEntries(plan.inputs.map((i) => [i.key, i.value]));
    expect(byKey).toMatchObject({
      "Train.gflopsPerFrame": TRAINING_DEFAULTS.gflopsPerFrame,
      "Train.framesPerSecond": TRAINING_DEFAULTS.framesPerSecond,
      "Train.uploadHoursPerMinute": TRAINING_DEFAULTS.uploadHoursPerMinute,
      "Train.gpu": TRAINING_DEFAULTS.gpu,
      "Train.utilization": TRAINING_DEFAULTS.utilization,
      "Train.dataDays": TRAINING_DEFAULTS.dataDays,
      "Train.trainDays": TRAINING_DEFAULTS.trainDays,
      "Train.epochs": TRAINING_DEFAULTS.epochs,
      "Infer.dailyVideoHours": INFERENCE_DEFAULTS.dailyVideoHours,
      "Infer.paramsBillions": INFERENCE_DEFAULTS.paramsBillions,
      "Infer.gpu": INFERENCE_DEFAULTS.gpu,
      "Infer.utilization": INFERENCE_DEFAULTS.utilization,
      "Infer.denoisingSteps": INFERENCE_DEFAULTS.denoisingSteps,
      "Patch.width": PATCH_DEFAULTS.width,
      "Patch.height": PATCH_DEFAULTS.height,
      "Patch.fps": PATCH_DEFAULTS.fps,
      "Patch.patchWidth": PATCH_DEFAULTS.patchWidth,
      "Patch.patchHeight": PATCH_DEFAULTS.patchHeight,
      "Patch.framesPerPatch": PATCH_DEFAULTS.framesPerPatch,
    });
    // Spot checks against the seed: 表1 "Total GFLOPs (Estimated) 324", "芯片利用率 80%", "抖音每日视频总时长 (亿小时) 15".
    expect([byKey["Train.gflopsPerFrame"], byKey["Train.utilization"], byKey["Infer.dailyVideoHours"]]).toEqual([324, 0.8, 1.5e9]);
  });

  it("labels every input with a unit, a source line and a valid, unique Excel name", () => {
    for (const input of plan.inputs) {
      expect(input.label.zh).not.toBe("");
      expect(input.label.en).not.toBe("");
      expect(input.unit.en).not.toBe("");
      expect(input.source).toMatch(/^(民生证券 (表1|1\.1)|Peebles & Xie 2023)/);
      expect(isValidComputeName(input.name)).toBe(true);
    }
    expect(plan.inputs.find((i) => i.key === "Train.gflopsPerFrame")).toMatchObject({
      name: "AIC_Train_GflopsPerFrame",
      source: '民生证券 表1: "Total GFLOPs (Estimated)" 324 (1024×768)',
    });
    const names = [...plan.inputs, ...plan.outputs].map((x) => x.name.toUpperCase());
    expect(new Set(names).size).toBe(names.length);
    expect(isValidComputeName("AIC1")).toBe(false); // reads as a cell reference
    expect(isValidComputeName("R1C1")).toBe(false);
  });

  it("builds each formula in the definition's argument order, from the argument names", () => {
    const train = plan.outputs.find((o) => o.key === "trainGpus")!;
    const expectedArgs = SORA_TRAIN_GPUS.args.map(
      (a) =>
        ({
          gflops_per_frame: "AIC_Train_GflopsPerFrame",
          frames_per_second: "AIC_Train_FramesPerSecond",
          upload_hours_per_minute: "AIC_Train_UploadHoursPerMinute",
          gpu: "AIC_Train_Gpu",
          utilization: "AIC_Train_Utilization",
          data_days: "AIC_Train_DataDays",
          train_days: "AIC_Train_TrainDays",
          epochs: "AIC_Train_Epochs",
        })[a.name],
    );
    expect(train.formula).toBe(`=AIC.SORA_TRAIN_GPUS(${expectedArgs.join(",")})`);
    expect(plan.outputs.find((o) => o.key === "ditGflops")!.formula).toBe("=AIC.DIT_GFLOPS(AIC_Dit_Model,,,AIC_Dit_ImageHeight,AIC_Dit_ImageWidth)");
    expect(plan.outputs.find((o) => o.key === "inferGpus")!.formula).toBe(
      "=AIC.SORA_INFER_GPUS(AIC_Infer_DailyVideoHours,AIC_Infer_ParamsBillions,AIC_Out_PatchesPerMin,AIC_Infer_Gpu,AIC_Infer_Utilization,AIC_Infer_DenoisingSteps)",
    );
    // Every output calls a declared function with at most its declared number of arguments.
    for (const output of plan.outputs) {
      const m = /^=AIC\.([A-Z_]+)\((.*)\)$/.exec(output.formula)!;
      const definition = ALL_FUNCTIONS.find((f) => f.id === m[1])!;
      expect(splitArguments(m[2]).length).toBeLessThanOrEqual(definition.args.length);
    }
  });

  it("formulaFor fails on an argument the definition does not declare, or a required one left out", () => {
    expect(() => formulaFor(SORA_TRAIN_GPUS, { utilisation: "x" })).toThrow('has no argument "utilisation"');
    expect(() => formulaFor(FWD_PE, { eps: "B2" })).toThrow('required argument "price"');
    expect(formulaFor(FWD_PE, { price: "A2", eps: "B2" })).toBe("=AIC.FWD_PE(A2,B2)");
    expect(formulaFor(SORA_TRAIN_GPUS, { gpu: '"H100"' })).toBe('=AIC.SORA_TRAIN_GPUS(,,,"H100")');
  });

  it("has GPU × utilisation grids with mixed references: GPU row absolute, utilisation column absolute", () => {
    expect(plan.grids.map((g) => g.key)).toEqual(["train", "infer"]);
    for (const gpu of SENSITIVITY_GPUS) expect(GPU_NAMES).toContain(gpu);
    expect(SENSITIVITY_UTILIZATIONS).toEqual([0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    const train = plan.grids[0];
    const header = train.headerRow + 1;
    const firstRow = header + 1;
    expect(train.formulas[0][0]).toBe(
      `=AIC.SORA_TRAIN_GPUS(AIC_Train_GflopsPerFrame,AIC_Train_FramesPerSecond,AIC_Train_UploadHoursPerMinute,B$${header},$A${firstRow},AIC_Train_DataDays,AIC_Train_TrainDays,AIC_Train_Epochs)`,
    );
    expect(train.formulas[7][5]).toContain(`G$${header},$A${firstRow + 7}`);
    expect(plan.grids[1].formulas[0][0]).toContain("AIC_Out_PatchesPerMin");
  });
});

describe("insertComputeSheet into a fresh workbook (en)", () => {
  let fake: FakeExcel;
  let result: ComputeSheetResult;
  let oracle: FormulaOracle;
  const plan = planComputeSheet("en");

  beforeAll(async () => {
    fake = new FakeExcel({ sheets: ["Sheet1"] });
    result = await insertComputeSheet(fake.requestContext, { language: "en" });
    oracle = new FormulaOracle(fake);
  });

  it("takes two syncs and activates the new sheet", () => {
    expect(result.sheetName).toBe(SHEET);
    expect(result.syncCount).toBe(2);
    expect(fake.syncCount).toBe(2);
    expect(fake.pendingCount).toBe(0);
    expect(fake.activeSheet?.name).toBe(SHEET);
  });

  it("writes each input as label | value | unit | name | source, text as text, values with formats", () => {
    const r = rowOf(plan, "Train.gflopsPerFrame");
    expect(fake.grid(SHEET, `A${r}:E${r}`, "value")).toEqual([
      ["Forward Gflops per frame", 324, "GFLOPs/frame", "AIC_Train_GflopsPerFrame", '民生证券 表1: "Total GFLOPs (Estimated)" 324 (1024×768)'],
    ]);
    expect(fake.grid(SHEET, `A${r}:E${r}`, "numberFormat")).toEqual([["@", "#,##0", "@", "@", "@"]]);
    const u = rowOf(plan, "Train.utilization");
    expect(fake.cell(SHEET, `B${u}`)).toMatchObject({ kind: "number", value: 0.8, numberFormat: "0%", fill: "#FFF2CC" });
    const g = rowOf(plan, "Train.gpu");
    expect(fake.cell(SHEET, `B${g}`)).toMatchObject({ kind: "text", value: "A100", numberFormat: "@" });
    expect(fake.cell(SHEET, "A1")).toMatchObject({ kind: "text", bold: true });
  });

  it("names every input and output, workbook-scoped, pointing at its value cell", () => {
    expect(result.names.every((n) => n.scope === "workbook" && !n.reclaimed)).toBe(true);
    expect(result.names).toHaveLength(plan.inputs.length + plan.outputs.length);
    const name = fake.resolveName("AIC_Train_GflopsPerFrame", null)!;
    expect(name).toMatchObject({ sheet: null, reference: `='${SHEET}'!$B$${rowOf(plan, "Train.gflopsPerFrame")}` });
    expect(name.comment).toContain("表1");
  });

  it("gives the Minsheng figures: 921,600 patches, 233.65 training and 18,461,538 inference A100s, XL/4 29.05 Gflops", () => {
    const out = (key: string): unknown => value(fake, oracle, SHEET, `B${rowOf(plan, key)}`);
    expect(out("patchesPerMin")).toBe(921_600);
    expect(out("trainGpus")).toBeCloseTo(233.65, 2);
    expect(Math.round(out("inferGpus") as number)).toBe(18_461_538);
    expect(out("ditGflops")).toBeCloseTo(29.05, 1); // the DiT count gives 29.04 (README: within 0.6% of Table 4)
    expect(out("trainGpuTflops")).toBe(312);
    expect(fake.cell(SHEET, `B${rowOf(plan, "trainGpus")}`).formula).toMatch(/^=AIC\.SORA_TRAIN_GPUS\(AIC_Train_GflopsPerFrame,/);
  });

  it("fills the sensitivity grids: the A100 / 80% cell equals the output, other GPUs scale by TFLOPS", () => {
    const train = plan.grids[0];
    const at = (grid: typeof train, i: number, j: number): number =>
      value(fake, oracle, SHEET, `${String.fromCharCode(66 + j)}${grid.headerRow + 2 + i}`) as number;
    const a100 = SENSITIVITY_GPUS.indexOf("A100");
    const h100 = SENSITIVITY_GPUS.indexOf("H100 SXM");
    const u80 = SENSITIVITY_UTILIZATIONS.indexOf(0.8);
    const trainOut = value(fake, oracle, SHEET, `B${rowOf(plan, "trainGpus")}`) as number;
    expect(at(train, u80, a100)).toBeCloseTo(trainOut, 9);
    expect(at(train, u80, h100)).toBeCloseTo((trainOut * gpuTflops("A100")) / gpuTflops("H100 SXM"), 9);
    // Halving utilisation doubles the GPUs needed: 40% against 80%.
    expect(at(train, SENSITIVITY_UTILIZATIONS.indexOf(0.4), a100)).toBeCloseTo(2 * trainOut, 9);
    const infer = plan.grids[1];
    expect(Math.round(at(infer, SENSITIVITY_UTILIZATIONS.indexOf(1), a100))).toBe(18_461_538);
    expect(fake.grid(SHEET, `B${train.headerRow + 1}:G${train.headerRow + 1}`, "value")).toEqual([[...SENSITIVITY_GPUS]]);
    expect(fake.cell(SHEET, `B${train.headerRow + 1}`)).toMatchObject({ kind: "text", fill: "#FFF2CC" });
  });

  it("recalculates from edited inputs and edited grid headers (a colleague's edits)", async () => {
    const ctx = fake.requestContext;
    const sheet = ctx.workbook.worksheets.getItem(SHEET);
    const train = plan.grids[0];
    sheet.getRange(`B${rowOf(plan, "Train.utilization")}`).values = [[0.4]];
    sheet.getRange(`B${train.headerRow + 1}`).values = [["H800"]];
    sheet.getRange(`A${train.headerRow + 2}`).values = [[0.5]];
    await ctx.sync();
    const trainOut = value(fake, oracle, SHEET, `B${rowOf(plan, "trainGpus")}`) as number;
    expect(trainOut).toBeCloseTo(2 * 233.65384615, 6);
    // H800 (989.4 TFLOPS, as H100 SXM) at 50%: 233.65 × 0.8 / 0.5 × 312 / 989.4.
    expect(value(fake, oracle, SHEET, `B${train.headerRow + 2}`)).toBeCloseTo((233.65384615 * 0.8 * 312) / (0.5 * 989.4), 6);
  });
});

describe("insertComputeSheet when the names exist already", () => {
  it("a second sheet gets sheet-scoped names; each sheet reads its own inputs", async () => {
    const fake = new FakeExcel();
    const first = await insertComputeSheet(fake.requestContext, { language: "en" });
    const second = await insertComputeSheet(fake.requestContext, { language: "en" });
    expect(second.sheetName).toBe(`${SHEET} (2)`);
    expect(second.names.every((n) => n.scope === "sheet" && !n.reclaimed)).toBe(true);
    expect(fake.resolveName("AIC_Train_Utilization", null)!.reference).toContain(`'${first.sheetName}'`);
    expect(fake.resolveName("AIC_Train_Utilization", fake.sheet(second.sheetName))!.reference).toContain(`'${second.sheetName}'`);

    const plan = planComputeSheet("en");
    const ctx = fake.requestContext;
    ctx.workbook.worksheets.getItem(second.sheetName).getRange(`B${rowOf(plan, "Train.utilization")}`).values = [[0.4]];
    await ctx.sync();
    const oracle = new FormulaOracle(fake);
    const trainRow = `B${rowOf(plan, "trainGpus")}`;
    expect(value(fake, oracle, first.sheetName, trainRow)).toBeCloseTo(233.65, 2);
    expect(value(fake, oracle, second.sheetName, trainRow)).toBeCloseTo(467.31, 2);
  });

  it("reclaims a workbook name whose sheet was deleted (#REF!), workbook-scoped again", async () => {
    const fake = new FakeExcel();
    await insertComputeSheet(fake.requestContext, { language: "zh" });
    // The user deletes the sheet: its names now say #REF! (type "Error").
    fake.deleteSheet(fake.sheet("Sora 算力模型"));
    for (const n of fake.definedNames) n.type = "Error";
    const again = await insertComputeSheet(fake.requestContext, { language: "zh" });
    expect(again.sheetName).toBe("Sora 算力模型");
    expect(again.names.every((n) => n.scope === "workbook" && n.reclaimed)).toBe(true);
    expect(fake.definedNames.filter((n) => n.name === "AIC_Train_Gpu")).toHaveLength(1);
    const oracle = new FormulaOracle(fake);
    const plan = planComputeSheet("zh");
    expect(value(fake, oracle, again.sheetName, `B${rowOf(plan, "patchesPerMin")}`)).toBe(921_600);
  });

  it("leaves a user's own name alone and scopes that one name to the new sheet", async () => {
    const fake = new FakeExcel({ names: ["AIC_Train_Gpu"] });
    const result = await insertComputeSheet(fake.requestContext, { language: "en" });
    const gpu = result.names.find((n) => n.name === "AIC_Train_Gpu")!;
    expect([gpu.scope, gpu.reclaimed]).toEqual(["sheet", false]);
    expect(result.names.filter((n) => n.scope === "sheet")).toHaveLength(1);
    const oracle = new FormulaOracle(fake);
    expect(value(fake, oracle, SHEET, result.outputs.trainGpus.split("!")[1])).toBeCloseTo(233.65, 2);
  });
});
