/**
 * The "Sora compute" sheet decided without Office (computeSheet.ts writes it): every cell from A1 with
 * its number format and style, the input and output rows, the two sensitivity grids, and the AIC.*
 * formulas, built from the function definitions' argument names (formulaFor) so a renamed or reordered
 * argument fails the plan instead of silently shifting an argument. Its own module because the layout is
 * pure and tested cell by cell, apart from the write. The assumptions come from computeInputs.ts.
 */
import type { LocalizedText } from "../picks/types";
import { DIT_GFLOPS, GPU_TFLOPS, NAMESPACE, PATCHES_PER_MIN, SORA_INFER_GPUS, SORA_TRAIN_GPUS, type FunctionDefinition } from "../functions/definitions";
import { findGpu } from "../model/gpus";
import { columnLetters } from "./a1";
import { FORMAT, inputSpecs, nameFor, type ComputeInput } from "./computeInputs";
import type { Language } from "./insert";
import { TEXT_FORMAT } from "./layout";
import { isCellReferenceLike } from "./names";

/** Fill of the cells a colleague is meant to edit (Excel's pale yellow). */
export const INPUT_FILL = "#FFF2CC";
/** Columns of the assumption block: label, value, unit, named range, source. */
export const COMPUTE_COLUMNS = 5;
/** 0-based row of the assumption block's header (title, hint and a blank row above it). */
export const ASSUMPTION_HEADER_ROW = 3;

export interface ComputeOutput {
  key: string;
  name: string;
  label: LocalizedText;
  unit: LocalizedText;
  formula: string;
  numberFormat: string;
  /** What the note prints for it. */
  note: LocalizedText;
  row: number;
}

export interface SensitivityGrid {
  key: "train" | "infer";
  title: LocalizedText;
  /** 0-based row of the title; the GPU header row follows, then one row per utilisation. */
  titleRow: number;
  headerRow: number;
  gpus: readonly string[];
  utilizations: readonly number[];
  /** formulas[i][j]: utilisation i, GPU j. */
  formulas: string[][];
  numberFormat: string;
}

/** One cell as the writer sends it: a value or formula, its number format, and its style. */
export interface PlannedCell {
  input: string | number;
  numberFormat: string;
  bold?: boolean;
  fill?: string;
}

export interface ComputePlan {
  sheetTitle: string;
  inputs: ComputeInput[];
  outputs: ComputeOutput[];
  grids: SensitivityGrid[];
  /** Every cell from A1, row by row, all rows as wide as the widest. */
  cells: PlannedCell[][];
}

/** GPUs across the sensitivity grids (names from src/model/gpus.ts; a colleague can type others). */
export const SENSITIVITY_GPUS: readonly string[] = ["A100", "H100 SXM", "H20", "B200", "MI300X", "Ascend 910"];
/** Utilisations down the grids: 30% to 100% in steps of 10 points. */
export const SENSITIVITY_UTILIZATIONS: readonly number[] = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/** A compute-sheet name Excel accepts: letters, digits, underscore; not a cell reference. */
export function isValidComputeName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && name.length <= 255 && !isCellReferenceLike(name);
}

/**
 * `=AIC.<id>(…)` with each argument taken from `bindings` by the definition's own argument name, in
 * the definition's order; unbound optional arguments are left empty (the function's default), trailing
 * empty ones dropped. Throws for a binding the definition does not declare and for an unbound
 * required argument: a signature change breaks the plan, not the sheet.
 */
export function formulaFor(definition: FunctionDefinition, bindings: Readonly<Record<string, string>>): string {
  const declared = definition.args.map((a) => a.name);
  for (const name of Object.keys(bindings)) {
    if (!declared.includes(name)) throw new Error(`${NAMESPACE}.${definition.id} has no argument "${name}" (declared: ${declared.join(", ")})`);
  }
  const args = definition.args.map((a) => {
    const bound = bindings[a.name];
    if (bound === undefined && !a.optional) throw new Error(`${NAMESPACE}.${definition.id}: required argument "${a.name}" is not bound`);
    return bound ?? "";
  });
  while (args.length > 0 && args[args.length - 1] === "") args.pop();
  return `=${NAMESPACE}.${definition.id}(${args.join(",")})`;
}

const TEXT: Readonly<
  Record<Language, { title: string; hint: string; header: [string, string, string, string, string]; outputsHeader: [string, string, string, string, string]; corner: string }>
> = {
  zh: {
    title: "Sora 算力需求模型 (民生证券, 2024-02-25, 表1)",
    hint: "黄色单元格为输入, 可直接修改; 输出与敏感性表随之重算 (需要 AI Compute Desk 加载项, 或先「冻结」再分享)。",
    header: ["假设", "值", "单位", "名称", "来源"],
    outputsHeader: ["输出", "值", "单位", "名称", "报告值"],
    corner: "利用率 \\ GPU",
  },
  en: {
    title: "Sora compute demand model (Minsheng Securities, 2024-02-25, Table 1)",
    hint: "Yellow cells are inputs: edit them and the outputs and sensitivity grids recalculate (needs the AI Compute Desk add-in, or Freeze before sharing).",
    header: ["Assumption", "Value", "Unit", "Name", "Source"],
    outputsHeader: ["Output", "Value", "Unit", "Name", "The note prints"],
    corner: "Utilisation \\ GPU",
  },
};

/** The sheet's name in each language (made unique against existing sheets when inserted). */
export const COMPUTE_SHEET_TITLE: Readonly<Record<Language, string>> = { zh: "Sora 算力模型", en: "Sora compute" };

/** The whole sheet, decided without Office. */
export function planComputeSheet(language: Language): ComputePlan {
  if (language !== "zh" && language !== "en") throw new Error(`unknown language ${JSON.stringify(language)}`);
  for (const gpu of SENSITIVITY_GPUS) findGpu(gpu); // a GPU dropped from the table must fail here, not in a cell
  const t = TEXT[language];
  const width = Math.max(COMPUTE_COLUMNS, 1 + SENSITIVITY_GPUS.length);
  const rows: PlannedCell[][] = [];
  const text = (s: string, extra: Partial<PlannedCell> = {}): PlannedCell => ({ input: s, numberFormat: TEXT_FORMAT, ...extra });
  const blank = (): PlannedCell => ({ input: "", numberFormat: "General" });
  const push = (cells: PlannedCell[]): number => {
    while (cells.length < width) cells.push(blank());
    rows.push(cells);
    return rows.length - 1;
  };

  push([text(t.title, { bold: true })]);
  push([text(t.hint)]);
  push([]);
  if (push(t.header.map((h) => text(h, { bold: true }))) !== ASSUMPTION_HEADER_ROW) throw new Error("compute sheet layout moved");

  const inputs: ComputeInput[] = [];
  for (const section of inputSpecs()) {
    push([text(section.title[language], { bold: true })]);
    for (const [key, spec] of section.inputs) {
      const name = nameFor(section.section, key);
      const valueCell: PlannedCell = { input: spec.value, numberFormat: spec.numberFormat, fill: INPUT_FILL };
      const row = push([text(spec.label[language]), valueCell, text(spec.unit[language]), text(name), text(spec.source)]);
      inputs.push({ ...spec, key: `${section.section}.${key}`, section: section.section, name, row });
    }
  }
  const ref = (key: string): string => {
    const input = inputs.find((i) => i.key === key);
    if (!input) throw new Error(`no input ${key}`);
    return input.name;
  };
  const train = (gpu: string, utilization: string): Record<string, string> => ({
    gflops_per_frame: ref("Train.gflopsPerFrame"),
    frames_per_second: ref("Train.framesPerSecond"),
    upload_hours_per_minute: ref("Train.uploadHoursPerMinute"),
    gpu,
    utilization,
    data_days: ref("Train.dataDays"),
    train_days: ref("Train.trainDays"),
    epochs: ref("Train.epochs"),
  });
  const patchesName = nameFor("Out", "patchesPerMin");
  const infer = (gpu: string, utilization: string): Record<string, string> => ({
    daily_video_hours: ref("Infer.dailyVideoHours"),
    params_billions: ref("Infer.paramsBillions"),
    patches_per_minute: patchesName,
    gpu,
    utilization,
    denoising_steps: ref("Infer.denoisingSteps"),
  });

  push([]);
  push(t.outputsHeader.map((h) => text(h, { bold: true })));
  const gpuUnit = { zh: "片 GPU", en: "GPUs" };
  const outputSpecs: Omit<ComputeOutput, "row" | "name">[] = [
    {
      key: "patchesPerMin",
      label: { zh: "每分钟视频 Patches", en: "Patches per minute of video" },
      unit: { zh: "个/分钟", en: "patches/min" },
      formula: formulaFor(PATCHES_PER_MIN, {
        width: ref("Patch.width"),
        height: ref("Patch.height"),
        fps: ref("Patch.fps"),
        patch_width: ref("Patch.patchWidth"),
        patch_height: ref("Patch.patchHeight"),
        frames_per_patch: ref("Patch.framesPerPatch"),
      }),
      numberFormat: FORMAT.integer,
      note: { zh: "表1: 每分钟 Patches (万) 92; 正文: 92.16 万", en: "Table 1: 92 (×10,000); text: 921,600" },
    },
    {
      key: "trainGpus",
      label: { zh: "训练所需 GPU", en: "GPUs to train" },
      unit: gpuUnit,
      formula: formulaFor(SORA_TRAIN_GPUS, train(ref("Train.gpu"), ref("Train.utilization"))),
      numberFormat: FORMAT.decimal,
      note: { zh: "表1: 231 片 A100 (SI 单位为 233.65, 见 README)", en: "Table 1: 231 A100s (233.65 in SI units; see README)" },
    },
    {
      key: "trainGpuTflops",
      label: { zh: "训练 GPU 算力", en: "Training GPU throughput" },
      unit: { zh: "TFLOPS (FP16, 稠密)", en: "TFLOPS (FP16, dense)" },
      formula: formulaFor(GPU_TFLOPS, { gpu: ref("Train.gpu") }),
      numberFormat: "#,##0.0",
      note: { zh: "表1: A100 算力 312 TFLOPS", en: "Table 1: A100 312 TFLOPS" },
    },
    {
      key: "inferGpus",
      label: { zh: "推理所需 GPU", en: "GPUs for inference" },
      unit: gpuUnit,
      formula: formulaFor(SORA_INFER_GPUS, infer(ref("Infer.gpu"), ref("Infer.utilization"))),
      numberFormat: FORMAT.integer,
      note: { zh: "表1: 3B 模型 GPU 需求 1846 万", en: "Table 1: 18.46 million (1846 万)" },
    },
    {
      key: "ditGflops",
      label: { zh: "DiT 前向算力", en: "DiT forward Gflops" },
      unit: { zh: "GFLOPs", en: "GFLOPs" },
      formula: formulaFor(DIT_GFLOPS, {
        model: ref("Dit.model"),
        image_height: ref("Dit.imageHeight"),
        image_width: ref("Dit.imageWidth"),
      }),
      numberFormat: FORMAT.decimal,
      note: { zh: "正文: DiT-XL/4 29.05 Gflops (论文 Table 4)", en: "Text: DiT-XL/4 29.05 Gflops (paper's Table 4)" },
    },
  ];
  const outputs: ComputeOutput[] = outputSpecs.map((spec) => {
    const name = nameFor("Out", spec.key);
    const row = push([
      text(spec.label[language]),
      { input: spec.formula, numberFormat: spec.numberFormat, bold: true },
      text(spec.unit[language]),
      text(name),
      text(spec.note[language]),
    ]);
    return { ...spec, name, row };
  });

  const grids: SensitivityGrid[] = [];
  const grid = (
    key: SensitivityGrid["key"],
    title: LocalizedText,
    numberFormat: string,
    bindings: (gpu: string, utilization: string) => Record<string, string>,
    definition: FunctionDefinition,
  ): void => {
    push([]);
    const titleRow = push([text(title[language], { bold: true })]);
    const headerRow = rows.length;
    push([text(t.corner, { bold: true }), ...SENSITIVITY_GPUS.map((g) => text(g, { fill: INPUT_FILL, bold: true }))]);
    const formulas: string[][] = [];
    for (const utilization of SENSITIVITY_UTILIZATIONS) {
      const row = rows.length;
      // Mixed references: the GPU from this column's header row, the utilisation from column A of this row.
      const line = SENSITIVITY_GPUS.map((_, j) =>
        formulaFor(definition, bindings(`${columnLetters(1 + j)}$${headerRow + 1}`, `$A${row + 1}`)),
      );
      formulas.push(line);
      push([
        { input: utilization, numberFormat: FORMAT.percent, fill: INPUT_FILL, bold: true },
        ...line.map((f) => ({ input: f, numberFormat })),
      ]);
    }
    grids.push({ key, title, titleRow, headerRow, gpus: SENSITIVITY_GPUS, utilizations: SENSITIVITY_UTILIZATIONS, formulas, numberFormat });
  };
  grid(
    "train",
    { zh: "敏感性: 训练所需 GPU (GPU 型号 × 利用率; 其余假设取上方输入)", en: "Sensitivity: GPUs to train (GPU × utilisation; other assumptions from above)" },
    "#,##0.0",
    train,
    SORA_TRAIN_GPUS,
  );
  grid(
    "infer",
    { zh: "敏感性: 推理所需 GPU (GPU 型号 × 利用率; 其余假设取上方输入)", en: "Sensitivity: GPUs for inference (GPU × utilisation; other assumptions from above)" },
    FORMAT.integer,
    infer,
    SORA_INFER_GPUS,
  );

  const names = [...inputs.map((i) => i.name), ...outputs.map((o) => o.name)];
  for (const name of names) if (!isValidComputeName(name)) throw new Error(`"${name}" is not a valid Excel name`);
  if (new Set(names.map((n) => n.toUpperCase())).size !== names.length) throw new Error("compute sheet names are not unique");

  return { sheetTitle: COMPUTE_SHEET_TITLE[language], inputs, outputs, grids, cells: rows };
}
