/**
 * Freeze for sharing / Restore formulas against the Excel fake. The main vector is the Huaxin table
 * 重点关注公司及盈利预测 (华鑫证券, prices of 2024-02-18) inserted with its live P/E columns (H: 2022,
 * J: 2023E, L: 2024E; rows 12–28), whose values the formula oracle computes with the real AIC.FWD_PE:
 * 浪潮信息 (row 13) 30.38 ÷ 2.07 = 14.68 for 2023E, as the note prints; 高新发展 (row 12) has no 2023E
 * forecast (#N/A); 寒武纪-U (row 28) loses money (#NUM!).
 */
import { insertComputeSheet, planComputeSheet } from "../../src/excel/computeSheet";
import {
  FROZEN_SETTING_PREFIX,
  FreezeError,
  freezeFormulas,
  frozenSettingKey,
  isAicFormula,
  parseFrozenChunkRecord,
  parseFrozenSheetRecord,
  restoreFormulas,
  type FrozenRun,
} from "../../src/excel/freeze";
import { insertPickList } from "../../src/excel/insert";
import { FakeExcel, type SheetState } from "../support/excelFake";
import { FormulaOracle } from "../support/formulaOracle";
import { huaxinList, syntheticList } from "../excel/lists";

const HUAXIN = "重点关注公司及盈利预测";
const LIVE_2022 = "=AIC.FWD_PE([@[股价]],[@[EPS 2022]])";
const LIVE_2023 = "=AIC.FWD_PE([@[股价]],[@[EPS 2023E]])";
const LIVE_2024 = "=AIC.FWD_PE([@[股价]],[@[EPS 2024E]])";

/** Every formula of a sheet, by address. */
function formulasOf(fake: FakeExcel, sheetName: string): Map<string, string> {
  const sheet = fake.sheet(sheetName);
  const out = new Map<string, string>();
  for (const [k, cell] of sheet.cells) {
    if (cell.formula === null) continue;
    const row = Math.floor(k / 16_384);
    const column = k % 16_384;
    out.set(`${String.fromCharCode(65 + column)}${row + 1}`, cell.formula);
  }
  return out;
}

function aicFormulaCount(fake: FakeExcel): number {
  return fake.sheets.filter((s: SheetState) => !s.deleted).reduce((n, s) => n + [...formulasOf(fake, s.name).values()].filter(isAicFormula).length, 0);
}

function frozenKeys(fake: FakeExcel): string[] {
  return [...fake.settings.keys()].filter((k) => k.startsWith(FROZEN_SETTING_PREFIX)).sort();
}

async function huaxinWorkbook(): Promise<{ fake: FakeExcel; oracle: FormulaOracle; before: Map<string, string> }> {
  const fake = new FakeExcel({ sheets: ["Sheet1"] });
  await insertPickList(fake.requestContext, huaxinList(), { language: "zh" });
  const oracle = new FormulaOracle(fake);
  oracle.calculate(HUAXIN);
  return { fake, oracle, before: formulasOf(fake, HUAXIN) };
}

/** Syncs of the test's own edits are not the code's: count from here. */
function syncsSince(fake: FakeExcel, start: number): number {
  return fake.syncCount - start;
}

describe("freeze the Huaxin table", () => {
  it("replaces every live P/E with its value in 3 syncs, errors as their text", async () => {
    const { fake } = await huaxinWorkbook();
    const start = fake.syncCount;
    const result = await freezeFormulas(fake.requestContext);
    expect(result.syncCount).toBe(3); // list sheets; read used ranges + records; write (no cell can spill: all are table cells)
    expect(syncsSince(fake, start)).toBe(3);
    expect(result.frozenCells).toBe(17 * 3);
    expect(aicFormulaCount(fake)).toBe(0);

    // 浪潮信息 2023E: 30.38 ÷ 2.07 = 14.68, the P/E the note prints beside it (column I).
    expect(fake.cell(HUAXIN, "J13")).toMatchObject({ kind: "number", formula: null });
    expect(fake.cell(HUAXIN, "J13").value).toBeCloseTo(14.68, 2);
    expect(fake.cell(HUAXIN, "I13").value).toBe(14.68);
    // Errors become their text, with Excel's literal prefix: what a colleague sees is "#N/A", as text.
    expect(fake.cell(HUAXIN, "J12")).toMatchObject({ kind: "text", value: "#N/A", quotePrefix: true, formula: null });
    expect(fake.cell(HUAXIN, "H28")).toMatchObject({ kind: "text", value: "#NUM!", quotePrefix: true });
    const sheetResult = result.sheets[0];
    expect(sheetResult.sheetName).toBe(HUAXIN);
    expect(sheetResult.errorCells).toBe(
      ["H", "J", "L"].flatMap((c) => fake.grid(HUAXIN, `${c}12:${c}28`, "value").flat()).filter((v) => typeof v === "string").length,
    );
    expect(sheetResult.errorCells).toBeGreaterThanOrEqual(3);
    // The number formats stay (0.0), and the data columns are untouched.
    expect(fake.cell(HUAXIN, "J13").numberFormat).toBe("0.0");
    expect(fake.grid(HUAXIN, "A13:G13", "value")).toEqual([["000977.SZ", "浪潮信息", 30.38, 1.57, 2.07, 2.69, 19.35]]);
  });

  it("records each calculated column once, by the sheet's id, with the exact formula", async () => {
    const { fake } = await huaxinWorkbook();
    const result = await freezeFormulas(fake.requestContext);
    const sheetId = fake.sheet(HUAXIN).id;
    expect(result.sheets[0].settingKeys).toEqual([frozenSettingKey(sheetId)]);
    expect(frozenKeys(fake)).toEqual([`aic.frozen.${sheetId}`]);
    const record = parseFrozenSheetRecord(fake.settings.get(frozenSettingKey(sheetId)));
    expect(record).not.toBeNull();
    expect(record!.chunkCount).toBe(1);
    expect(record!.blocks.map((b) => [b.kind, b.address, (b as FrozenRun).formula])).toEqual([
      ["run", "H12:H28", LIVE_2022],
      ["run", "J12:J28", LIVE_2023],
      ["run", "L12:L28", LIVE_2024],
    ]);
    expect((record!.blocks[1] as FrozenRun).values[0]).toBe("#N/A");
  });

  it("restores exactly the original formulas, structured references included, and removes the record (4 syncs)", async () => {
    const { fake, before } = await huaxinWorkbook();
    await freezeFormulas(fake.requestContext);
    const start = fake.syncCount;
    const result = await restoreFormulas(fake.requestContext);
    expect(result.syncCount).toBe(4);
    expect(syncsSince(fake, start)).toBe(4);
    expect(result).toMatchObject({ restoredCells: 51, skippedCells: 0 });
    expect(formulasOf(fake, HUAXIN)).toEqual(before);
    expect(new Set(fake.grid(HUAXIN, "J12:J28", "formula").flat())).toEqual(new Set([LIVE_2023]));
    expect(frozenKeys(fake)).toEqual([]);
    // Restored in one write per column (the calculated column comes back whole).
    expect(fake.writes.filter((w) => w.kind === "range.formulas" && w.sync > start).map((w) => w.address)).toEqual(["H12:H28", "J12:J28", "L12:L28"]);
  });

  it("leaves a cell the user changed after freezing, reports it with its formula, restores the rest", async () => {
    const { fake, before } = await huaxinWorkbook();
    await freezeFormulas(fake.requestContext);
    const sheet = fake.requestContext.workbook.worksheets.getItem(HUAXIN);
    sheet.getRange("J13").values = [[15]]; // a colleague typed their own P/E
    sheet.getRange("L13").formulas = [["=K13*2"]]; // …and a formula of their own
    await fake.requestContext.sync();
    const result = await restoreFormulas(fake.requestContext);
    expect(result.sheets[0].skipped).toEqual([
      { address: "J13", formula: LIVE_2023, reason: "value" },
      { address: "L13", formula: LIVE_2024, reason: "formula" },
    ]);
    expect(result.restoredCells).toBe(49);
    expect(fake.cell(HUAXIN, "J13")).toMatchObject({ kind: "number", value: 15 });
    expect(fake.cell(HUAXIN, "L13").formula).toBe("=K13*2");
    expect(fake.cell(HUAXIN, "J14").formula).toBe(before.get("J14"));
    expect(frozenKeys(fake)).toEqual([]);
  });

  it("freezing a frozen sheet again merges into its record; restore brings both back", async () => {
    const { fake, oracle, before } = await huaxinWorkbook();
    await freezeFormulas(fake.requestContext);
    // A colleague adds another AIC formula next to the table, which is then frozen too.
    const sheet = fake.requestContext.workbook.worksheets.getItem(HUAXIN);
    sheet.getRange("O12").formulas = [['=AIC.GPU_TFLOPS("H100")']];
    await fake.requestContext.sync();
    oracle.calculate(HUAXIN);
    const second = await freezeFormulas(fake.requestContext);
    expect(second.sheets[0]).toMatchObject({ merged: true, frozenCells: 1 });
    expect(fake.cell(HUAXIN, "O12")).toMatchObject({ kind: "number", value: 989.4 }); // H100 SXM dense FP16
    const id = fake.sheet(HUAXIN).id;
    expect(frozenKeys(fake)).toEqual([frozenSettingKey(id), frozenSettingKey(id, 1)].sort());
    expect(parseFrozenSheetRecord(fake.settings.get(frozenSettingKey(id)))!.chunkCount).toBe(2);
    expect(parseFrozenChunkRecord(fake.settings.get(frozenSettingKey(id, 1)))!.blocks).toEqual([
      { kind: "run", address: "O12", formula: '=AIC.GPU_TFLOPS("H100")', values: [989.4] },
    ]);
    const restored = await restoreFormulas(fake.requestContext);
    expect(restored.restoredCells).toBe(52);
    expect(formulasOf(fake, HUAXIN)).toEqual(new Map([...before, ["O12", '=AIC.GPU_TFLOPS("H100")']]));
    expect(frozenKeys(fake)).toEqual([]);
  });

  it("spreads a large record over several setting keys and reassembles it", async () => {
    const fake = new FakeExcel();
    const list = syntheticList(400, "synthetic-freeze");
    await insertPickList(fake.requestContext, list, { language: "en" });
    const sheetName = fake.sheetNames()[1];
    // Per-cell formulas (A1 references, not one shared formula) so the record cannot compress them.
    const ctx = fake.requestContext;
    ctx.workbook.worksheets.getItem(sheetName).getRange("O12:O411").formulas = Array.from({ length: 400 }, (_, i) => [`=AIC.FWD_PE(C${12 + i},E${12 + i})`]);
    await ctx.sync();
    new FormulaOracle(fake).calculate(sheetName);
    const before = formulasOf(fake, sheetName);
    const frozen = await freezeFormulas(fake.requestContext, { settingChunkChars: 4_000 });
    const keys = frozen.sheets[0].settingKeys;
    expect(keys.length).toBeGreaterThan(3);
    for (const k of keys) expect(JSON.stringify(fake.settings.get(k)).length).toBeLessThanOrEqual(4_000);
    expect(aicFormulaCount(fake)).toBe(0);
    const restored = await restoreFormulas(fake.requestContext);
    expect(restored.syncCount).toBe(4);
    expect(restored.restoredCells).toBe(400 * 4);
    expect(formulasOf(fake, sheetName)).toEqual(before);
    expect(frozenKeys(fake)).toEqual([]);
  });

  it("keeps every write request under the payload budget: more syncs, same result", async () => {
    const { fake, before } = await huaxinWorkbook();
    const result = await freezeFormulas(fake.requestContext, { payloadBudgetBytes: 2_500 });
    expect(result.syncCount).toBeGreaterThan(3);
    expect(aicFormulaCount(fake)).toBe(0);
    await restoreFormulas(fake.requestContext, { payloadBudgetBytes: 2_500 });
    expect(formulasOf(fake, HUAXIN)).toEqual(before);
  });

  it("a formula still calculating (#BUSY!) stops the freeze before anything is written", async () => {
    const { fake } = await huaxinWorkbook();
    fake.setFormulaResults(HUAXIN, (formula, row) => (row === 12 && formula === LIVE_2023 ? "#BUSY!" : 1));
    const writesBefore = fake.writes.length;
    await expect(freezeFormulas(fake.requestContext)).rejects.toThrow(FreezeError);
    await expect(freezeFormulas(fake.requestContext)).rejects.toThrow(`${HUAXIN}!J13`);
    expect(fake.writes.length).toBe(writesBefore);
    expect(frozenKeys(fake)).toEqual([]);
  });

  it("leaves every other formula and every workbook without AIC formulas alone", async () => {
    const fake = new FakeExcel({ sheets: ["Sheet1"] });
    const ctx = fake.requestContext;
    const sheet = ctx.workbook.worksheets.getItem("Sheet1");
    sheet.getRange("A1:C1").formulas = [["=SUM(B2:B3)", '="AIC.FWD_PE"', "=MAIC.X(1)"]];
    // Text that only looks like an AIC formula (a "@" cell) is a constant: nothing to freeze or restore.
    sheet.getRange("D1").numberFormat = [["@"]];
    sheet.getRange("D1").values = [["=AIC.FWD_PE(1,1)"]];
    await ctx.sync();
    const result = await freezeFormulas(fake.requestContext);
    expect(result).toMatchObject({ sheets: [], frozenCells: 0, syncCount: 2 });
    expect(fake.grid("Sheet1", "A1:C1", "formula")).toEqual([["=SUM(B2:B3)", '="AIC.FWD_PE"', "=MAIC.X(1)"]]);
    expect(fake.cell("Sheet1", "D1")).toMatchObject({ kind: "text", value: "=AIC.FWD_PE(1,1)" });
    const restored = await restoreFormulas(fake.requestContext);
    expect(restored).toMatchObject({ sheets: [], restoredCells: 0, syncCount: 2 });
  });

  it("writes text results as text: a result such as =1 or 0001 is never parsed", async () => {
    const fake = new FakeExcel({ sheets: ["Sheet1"] });
    const ctx = fake.requestContext;
    ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A2").formulas = [['=IF(TRUE,"=1",AIC.FWD_PE(1,1))'], ['=IF(TRUE,"0001",aic.fwd_pe(1,1))']];
    await ctx.sync();
    fake.setFormulaResults("Sheet1", (_, row) => (row === 0 ? "=1" : "0001"));
    await freezeFormulas(fake.requestContext);
    expect(fake.grid("Sheet1", "A1:A2", "value")).toEqual([["=1"], ["0001"]]);
    expect(fake.grid("Sheet1", "A1:A2", "kind")).toEqual([["text"], ["text"]]);
    await restoreFormulas(fake.requestContext);
    expect(fake.grid("Sheet1", "A1:A2", "formula")).toEqual([['=IF(TRUE,"=1",AIC.FWD_PE(1,1))'], ['=IF(TRUE,"0001",aic.fwd_pe(1,1))']]);
  });
});

describe("freeze one sheet, and the compute sheet", () => {
  it("freezes only the chosen sheet", async () => {
    const { fake, before } = await huaxinWorkbook();
    const compute = await insertComputeSheet(fake.requestContext, { language: "en" });
    new FormulaOracle(fake).calculate(compute.sheetName);
    const result = await freezeFormulas(fake.requestContext, { sheet: compute.sheetName });
    expect(result.sheets.map((s) => s.sheetName)).toEqual([compute.sheetName]);
    expect(formulasOf(fake, HUAXIN)).toEqual(before);
    expect([...formulasOf(fake, compute.sheetName).values()].filter(isAicFormula)).toEqual([]);
    await expect(freezeFormulas(fake.requestContext, { sheet: "No such sheet" })).rejects.toThrow();
    // The active sheet (the taskpane's "this sheet"): the pick list, once activated.
    fake.activeSheet = fake.sheet(HUAXIN);
    const active = await freezeFormulas(fake.requestContext, { activeSheet: true });
    expect(active.sheets.map((s) => s.sheetName)).toEqual([HUAXIN]);
    expect(aicFormulaCount(fake)).toBe(0);
    const restored = await restoreFormulas(fake.requestContext, { activeSheet: true });
    expect(restored.sheets.map((s) => s.sheetName)).toEqual([HUAXIN]);
    expect(formulasOf(fake, HUAXIN)).toEqual(before);
    expect(frozenKeys(fake)).toEqual([frozenSettingKey(fake.sheet(compute.sheetName).id)]);
  });

  it("freezes the compute sheet's outputs and grids to the Minsheng figures, inputs and names untouched (4 syncs)", async () => {
    const fake = new FakeExcel();
    const compute = await insertComputeSheet(fake.requestContext, { language: "en" });
    const sheetName = compute.sheetName;
    new FormulaOracle(fake).calculate(sheetName);
    const before = formulasOf(fake, sheetName);
    const plan = planComputeSheet("en");
    const result = await freezeFormulas(fake.requestContext);
    // list; read; spill check (these formulas use names and A1 references, so they could spill); write.
    expect(result.syncCount).toBe(4);
    const outputs = plan.outputs.length;
    const gridCells = plan.grids.reduce((n, g) => n + g.gpus.length * g.utilizations.length, 0);
    expect(result.frozenCells).toBe(outputs + gridCells);
    const row = (key: string): number => plan.outputs.find((o) => o.key === key)!.row + 1;
    expect(fake.cell(sheetName, `B${row("patchesPerMin")}`)).toMatchObject({ kind: "number", value: 921_600, formula: null });
    expect(fake.cell(sheetName, `B${row("trainGpus")}`).value).toBeCloseTo(233.65, 2);
    expect(Math.round(fake.cell(sheetName, `B${row("inferGpus")}`).value as number)).toBe(18_461_538);
    const utilization = plan.inputs.find((i) => i.key === "Train.utilization")!.row + 1;
    expect(fake.cell(sheetName, `B${utilization}`)).toMatchObject({ kind: "number", value: 0.8 });
    expect(fake.resolveName("AIC_Train_Utilization", null)).toBeDefined();
    await restoreFormulas(fake.requestContext);
    expect(formulasOf(fake, sheetName)).toEqual(before);
  });
});

describe("spilling formulas", () => {
  const SPILL = '=AIC.SORA_TRAIN_GPUS(,,,B1:C1,A2:A3)';

  async function spilled(): Promise<FakeExcel> {
    const fake = new FakeExcel({ sheets: ["Grid"] });
    const ctx = fake.requestContext;
    ctx.workbook.worksheets.getItem("Grid").getRange("A1:C3").formulas = [
      ["", "A100", "H100"],
      [0.8, SPILL, ""],
      [0.4, "", ""],
    ];
    await ctx.sync();
    // Excel would show 233.65 / 73.68 at 80% and twice that at 40% (README: the GPU × utilisation table).
    fake.setSpill("Grid", "B2", "B2:C3", [
      [233.65, 73.68],
      [467.31, 147.36],
    ]);
    return fake;
  }

  it("freezes a spill as its whole range and restores the anchor's formula over a cleared range", async () => {
    const fake = await spilled();
    const frozen = await freezeFormulas(fake.requestContext);
    expect(frozen.syncCount).toBe(4);
    expect(frozen.sheets[0]).toMatchObject({ frozenCells: 4, spills: 1 });
    expect(fake.grid("Grid", "B2:C3", "value")).toEqual([
      [233.65, 73.68],
      [467.31, 147.36],
    ]);
    expect(fake.cell("Grid", "B2").formula).toBeNull();
    const restored = await restoreFormulas(fake.requestContext);
    expect(restored.restoredCells).toBe(1);
    expect(fake.cell("Grid", "B2").formula).toBe(SPILL);
    expect(fake.grid("Grid", "C2:C3", "kind")).toEqual([["empty"], ["empty"]]);
    expect(fake.cell("Grid", "B3").kind).toBe("empty");
  });

  it("without the spill API (ExcelApi 1.12) freezes the anchor only, in 3 syncs", async () => {
    const fake = await spilled();
    const frozen = await freezeFormulas(fake.requestContext, { detectSpills: false });
    expect(frozen.syncCount).toBe(3);
    expect(frozen.sheets[0]).toMatchObject({ frozenCells: 1, spills: 0 });
    expect(fake.cell("Grid", "B2")).toMatchObject({ kind: "number", value: 233.65, formula: null });
  });

  it("leaves a spill whose cells were edited after freezing", async () => {
    const fake = await spilled();
    await freezeFormulas(fake.requestContext);
    const ctx = fake.requestContext;
    ctx.workbook.worksheets.getItem("Grid").getRange("C3").values = [[1]];
    await ctx.sync();
    const restored = await restoreFormulas(fake.requestContext);
    expect(restored.sheets[0].skipped).toEqual([{ address: "B2:C3", formula: SPILL, reason: "value" }]);
    expect(fake.cell("Grid", "B2").formula).toBeNull();
  });
});
