/**
 * The "Sora compute" sheet: the Minsheng note's compute-demand model (民生证券, "Sora 将创造多少算力需求?",
 * 2024-02-25, section 1.1 and 表1) as a worksheet a colleague can edit. Every assumption is a labelled
 * input cell (value, unit, source line, workbook-scoped named range), the outputs are AIC.* formulas
 * over those names, and two sensitivity grids (GPU type across × utilisation down; training and
 * inference) recalculate when a header cell is edited.
 *
 * The assumptions' values are imported from src/model/sora.ts (TRAINING_DEFAULTS, INFERENCE_DEFAULTS,
 * PATCH_DEFAULTS) and the DiT image size from src/functions/definitions.ts, never copied. Formulas are
 * built from the function definitions' argument names (definitions.ts), so a renamed or reordered
 * argument fails the plan (and the tests) instead of silently shifting an argument.
 *
 * Named ranges, when a name exists already (deterministic, nothing existing is overwritten):
 * - a name that no longer points anywhere (its sheet was deleted: type "Error") is deleted and added
 *   again, workbook-scoped, pointing at the new sheet ("reclaimed");
 * - a name that still points somewhere (an earlier Sora compute sheet, or a user's own name), or a
 *   table of that name, is left alone and the new sheet gets a sheet-scoped name of the same name
 *   instead: Excel resolves a sheet-scoped name before a workbook-scoped one, so the new sheet's
 *   formulas read the new sheet's inputs and the earlier sheet keeps working unchanged.
 * The result lists every name with its scope.
 *
 * Round trips: 2 (1 read: sheet, table and defined names with their type; 1 write: the whole sheet,
 * its formats, names, column widths and activation). The sheet is ~60 × 7 cells, far under any limit.
 */
import type { LocalizedText } from "../picks/types";
import { DIT_DEFAULT_IMAGE, DIT_GFLOPS, GPU_TFLOPS, NAMESPACE, PATCHES_PER_MIN, SORA_INFER_GPUS, SORA_TRAIN_GPUS, type FunctionDefinition } from "../functions/definitions";
import { findGpu } from "../model/gpus";
import { INFERENCE_DEFAULTS, PATCH_DEFAULTS, TRAINING_DEFAULTS } from "../model/sora";
import { cellAddress, columnLetters, qualifiedAddress, rangeAddress } from "./a1";
import { chooseNewSheetNames, SyncCounter, writeNewSheet } from "./session";
import type { Language } from "./insert";
import { TEXT_FORMAT } from "./layout";
import { isCellReferenceLike } from "./names";

/** Fill of the cells a colleague is meant to edit (Excel's pale yellow). */
export const INPUT_FILL = "#FFF2CC";
/** Columns of the assumption block: label, value, unit, named range, source. */
export const COMPUTE_COLUMNS = 5;
/** 0-based row of the assumption block's header (title, hint and a blank row above it). */
const ASSUMPTION_HEADER_ROW = 3;

type Section = "Train" | "Infer" | "Patch" | "Dit";

/** One assumption: a labelled, named input cell. */
export interface ComputeInput {
  /** "Train.gflopsPerFrame" */
  key: string;
  section: Section;
  /** Workbook-scoped name, e.g. AIC_Train_GflopsPerFrame. */
  name: string;
  label: LocalizedText;
  value: number | string;
  unit: LocalizedText;
  /** Where the value comes from, quoting the note (e.g. 民生证券 表1: "Total GFLOPs (Estimated)" 324). */
  source: string;
  numberFormat: string;
  /** 0-based sheet row; the value is in column B. */
  row: number;
}

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

function nameFor(section: Section | "Out", key: string): string {
  return `AIC_${section}_${key.charAt(0).toUpperCase()}${key.slice(1)}`;
}

type InputSpec = Omit<ComputeInput, "key" | "name" | "row" | "section">;

const UNIT = {
  frames: { zh: "帧/秒", en: "frames/s" },
  gflops: { zh: "GFLOPs/帧", en: "GFLOPs/frame" },
  gpu: { zh: "型号或 TFLOPS", en: "name or TFLOPS" },
  fraction: { zh: "比例", en: "fraction" },
  days: { zh: "天", en: "days" },
  pixels: { zh: "像素", en: "pixels" },
} as const;

const FORMAT = { integer: "#,##0", decimal: "#,##0.00", percent: "0%" } as const;

/** The assumptions, section by section. Labels, units and sources are text; values are imported. */
function inputSpecs(): { section: Section; title: LocalizedText; inputs: [string, InputSpec][] }[] {
  return [
    {
      section: "Train",
      title: { zh: "训练端", en: "Training" },
      inputs: [
        ["gflopsPerFrame", {
          label: { zh: "每帧前向算力", en: "Forward Gflops per frame" },
          value: TRAINING_DEFAULTS.gflopsPerFrame,
          unit: UNIT.gflops,
          source: '民生证券 表1: "Total GFLOPs (Estimated)" 324 (1024×768)',
          numberFormat: FORMAT.integer,
        }],
        ["framesPerSecond", {
          label: { zh: "每秒视频训练帧数", en: "Frames trained per second of video" },
          value: TRAINING_DEFAULTS.framesPerSecond,
          unit: UNIT.frames,
          source: '民生证券 表1: "10S 视频帧数" 60 (每 10 秒 60 帧)',
          numberFormat: FORMAT.integer,
        }],
        ["uploadHoursPerMinute", {
          label: { zh: "YouTube 每分钟上传时长", en: "YouTube hours uploaded per minute" },
          value: TRAINING_DEFAULTS.uploadHoursPerMinute,
          unit: { zh: "小时/分钟", en: "hours/min" },
          source: '民生证券 1.1: "Youtube 上每分钟上传约 500 小时视频"',
          numberFormat: FORMAT.integer,
        }],
        ["gpu", {
          label: { zh: "训练 GPU", en: "Training GPU" },
          value: TRAINING_DEFAULTS.gpu,
          unit: UNIT.gpu,
          source: '民生证券 表1: "A100 算力 Tflops" 312',
          numberFormat: TEXT_FORMAT,
        }],
        ["utilization", {
          label: { zh: "芯片利用率", en: "Utilisation" },
          value: TRAINING_DEFAULTS.utilization,
          unit: UNIT.fraction,
          source: '民生证券 表1: "芯片利用率" 80%',
          numberFormat: FORMAT.percent,
        }],
        ["dataDays", {
          label: { zh: "训练数据 (上传天数)", en: "Days of uploads trained on" },
          value: TRAINING_DEFAULTS.dataDays,
          unit: UNIT.days,
          source: '民生证券 1.1: "一个月内训练完 Youtube 全部新增视频"',
          numberFormat: FORMAT.integer,
        }],
        ["trainDays", {
          label: { zh: "训练时长", en: "Days allowed for training" },
          value: TRAINING_DEFAULTS.trainDays,
          unit: UNIT.days,
          source: '民生证券 1.1: "一个月内训练完"',
          numberFormat: FORMAT.integer,
        }],
        ["epochs", {
          label: { zh: "训练轮数", en: "Epochs" },
          value: TRAINING_DEFAULTS.epochs,
          unit: { zh: "次", en: "passes" },
          source: '民生证券 1.1: 单次训练 ("文中模型都是经过多次训练得到")',
          numberFormat: FORMAT.integer,
        }],
      ],
    },
    {
      section: "Infer",
      title: { zh: "推理端", en: "Inference" },
      inputs: [
        ["dailyVideoHours", {
          label: { zh: "每日生成视频时长", en: "Video hours generated per day" },
          value: INFERENCE_DEFAULTS.dailyVideoHours,
          unit: { zh: "小时/天", en: "hours/day" },
          source: '民生证券 表1: "抖音每日视频总时长 (亿小时)" 15',
          numberFormat: FORMAT.integer,
        }],
        ["paramsBillions", {
          label: { zh: "模型参数量", en: "Model parameters" },
          value: INFERENCE_DEFAULTS.paramsBillions,
          unit: { zh: "十亿", en: "billions" },
          source: '民生证券 1.1: "假设 Sora 模型参数为 30 亿"',
          numberFormat: "#,##0.0",
        }],
        ["gpu", {
          label: { zh: "推理 GPU", en: "Inference GPU" },
          value: INFERENCE_DEFAULTS.gpu,
          unit: UNIT.gpu,
          source: '民生证券 表1 推理端: "A100 FP16 TFLOPS" 312',
          numberFormat: TEXT_FORMAT,
        }],
        ["utilization", {
          label: { zh: "推理利用率", en: "Inference utilisation" },
          value: INFERENCE_DEFAULTS.utilization,
          unit: UNIT.fraction,
          source: "民生证券 表1 推理端: 按 312 TFLOPS 满算力计算 (100%)",
          numberFormat: FORMAT.percent,
        }],
        ["denoisingSteps", {
          label: { zh: "去噪步数", en: "Denoising steps" },
          value: INFERENCE_DEFAULTS.denoisingSteps,
          unit: { zh: "次/Patch", en: "per patch" },
          source: '民生证券 1.1: "推理端算力约等于交互 Patches 数量*2*参数量" (一次)',
          numberFormat: FORMAT.integer,
        }],
      ],
    },
    {
      section: "Patch",
      title: { zh: "Patch 切分 (推理端每分钟 Patches)", en: "Patches (inference patches per minute)" },
      inputs: [
        ["width", {
          label: { zh: "帧宽", en: "Frame width" },
          value: PATCH_DEFAULTS.width,
          unit: UNIT.pixels,
          source: '民生证券 1.1: "一帧 1920*1280 分辨率的画面"',
          numberFormat: FORMAT.integer,
        }],
        ["height", {
          label: { zh: "帧高", en: "Frame height" },
          value: PATCH_DEFAULTS.height,
          unit: UNIT.pixels,
          source: '民生证券 1.1: "一帧 1920*1280 分辨率的画面"',
          numberFormat: FORMAT.integer,
        }],
        ["fps", {
          label: { zh: "帧率", en: "Frames per second" },
          value: PATCH_DEFAULTS.fps,
          unit: UNIT.frames,
          source: '民生证券 1.1: "一秒钟30 帧"',
          numberFormat: FORMAT.integer,
        }],
        ["patchWidth", {
          label: { zh: "Patch 宽", en: "Patch width" },
          value: PATCH_DEFAULTS.patchWidth,
          unit: UNIT.pixels,
          source: '民生证券 1.1: "每个Patch 尺寸为 60*80"',
          numberFormat: FORMAT.integer,
        }],
        ["patchHeight", {
          label: { zh: "Patch 高", en: "Patch height" },
          value: PATCH_DEFAULTS.patchHeight,
          unit: UNIT.pixels,
          source: '民生证券 1.1: "每个Patch 尺寸为 60*80"',
          numberFormat: FORMAT.integer,
        }],
        ["framesPerPatch", {
          label: { zh: "每个 Patch 覆盖帧数", en: "Frames per patch" },
          value: PATCH_DEFAULTS.framesPerPatch,
          unit: { zh: "帧", en: "frames" },
          source: '民生证券 1.1: 每帧单独切分 ("一帧…有 512 个 Patch")',
          numberFormat: FORMAT.integer,
        }],
      ],
    },
    {
      section: "Dit",
      title: { zh: "DiT 前向算力", en: "DiT forward pass" },
      inputs: [
        ["model", {
          label: { zh: "DiT 模型", en: "DiT model" },
          value: "XL/4",
          unit: { zh: "名称", en: "name" },
          source: '民生证券 1.1: "DiT-XL/4 模型…得到 29.05Gflops"',
          numberFormat: TEXT_FORMAT,
        }],
        ["imageHeight", {
          label: { zh: "图像高", en: "Image height" },
          value: DIT_DEFAULT_IMAGE,
          unit: UNIT.pixels,
          source: "Peebles & Xie 2023, Table 4 (ImageNet 256×256)",
          numberFormat: FORMAT.integer,
        }],
        ["imageWidth", {
          label: { zh: "图像宽", en: "Image width" },
          value: DIT_DEFAULT_IMAGE,
          unit: UNIT.pixels,
          source: "Peebles & Xie 2023, Table 4 (ImageNet 256×256)",
          numberFormat: FORMAT.integer,
        }],
      ],
    },
  ];
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

export interface ComputeSheetOptions {
  language: Language;
}

export interface ComputeNameResult {
  name: string;
  /** "workbook": added (or reclaimed) workbook-scoped; "sheet": the name was taken, so the new sheet has its own. */
  scope: "workbook" | "sheet";
  /** True when a broken workbook name (#REF!, its sheet deleted) was deleted and added again. */
  reclaimed: boolean;
  /** Sheet-qualified absolute address the name refers to. */
  address: string;
}

export interface ComputeSheetResult {
  sheetName: string;
  names: ComputeNameResult[];
  /** Sheet-qualified address of each output, by key (patchesPerMin, trainGpus, …). */
  outputs: Record<string, string>;
  syncCount: number;
}

/** Inserts the compute model into a new worksheet of the workbook behind `context`. */
export async function insertComputeSheet(context: Excel.RequestContext, options: ComputeSheetOptions): Promise<ComputeSheetResult> {
  const plan = planComputeSheet(options.language);
  const round = new SyncCounter(context);
  const sync = round.sync;

  // 1. Taken sheet, table and defined names (with their type, to tell a broken name from a live one).
  const workbook = context.workbook;
  const { taken, sheetName } = await chooseNewSheetNames(workbook, sync, { sheetTitle: plan.sheetTitle });
  const existingNames = new Map(taken.definedNames.map((n) => [n.name.toUpperCase(), n.type]));
  const tableNames = new Set(taken.tableNames.map((t) => t.toUpperCase()));

  const named = [
    ...plan.inputs.map((i) => ({ name: i.name, row: i.row, comment: `${i.label.en} (${i.unit.en}). ${i.source}` })),
    ...plan.outputs.map((o) => ({ name: o.name, row: o.row, comment: `${o.label.en} (${o.unit.en})` })),
  ];
  const names: ComputeNameResult[] = named.map((n) => {
    const type = existingNames.get(n.name.toUpperCase());
    const address = qualifiedAddress(sheetName, `$B$${n.row + 1}`);
    if (tableNames.has(n.name.toUpperCase())) return { name: n.name, scope: "sheet", reclaimed: false, address };
    if (type === undefined) return { name: n.name, scope: "workbook", reclaimed: false, address };
    if (type === "Error") return { name: n.name, scope: "workbook", reclaimed: true, address };
    return { name: n.name, scope: "sheet", reclaimed: false, address };
  });

  const rowCount = plan.cells.length;
  const columnCount = plan.cells[0]?.length ?? 1;
  await writeNewSheet(context, sheetName, async () => {
    // 2. Everything: formats first (so "@" keeps labels and sources text), then the cells, styles, names.
    const sheet = workbook.worksheets.add(sheetName);
    const all = sheet.getRange(rangeAddress(0, 0, rowCount, columnCount));
    all.numberFormat = plan.cells.map((row) => row.map((c) => c.numberFormat));
    all.formulas = plan.cells.map((row) => row.map((c) => c.input));
    plan.cells.forEach((row, r) => {
      const boldRuns = runs(row.map((c) => c.bold === true));
      for (const [first, count] of boldRuns) sheet.getRange(rangeAddress(r, first, 1, count)).format.font.bold = true;
      const fillRuns = runs(row.map((c) => c.fill !== undefined));
      for (const [first, count] of fillRuns) sheet.getRange(rangeAddress(r, first, 1, count)).format.fill.color = row[first]?.fill as string;
    });
    named.forEach((n, i) => {
      const result = names[i] as ComputeNameResult;
      const reference = `=${result.address}`;
      if (result.scope === "sheet") {
        sheet.names.add(n.name, reference, n.comment);
      } else {
        if (result.reclaimed) workbook.names.getItem(n.name).delete();
        workbook.names.add(n.name, reference, n.comment);
      }
    });
    // Widths from the assumption and output rows only: the title, hint and grid titles overflow to the right.
    const lastOutputRow = Math.max(...plan.outputs.map((o) => o.row));
    sheet.getRange(rangeAddress(ASSUMPTION_HEADER_ROW, 0, lastOutputRow - ASSUMPTION_HEADER_ROW + 1, COMPUTE_COLUMNS)).format.autofitColumns();
    sheet.activate();
    await sync();
  });

  return {
    sheetName,
    names,
    outputs: Object.fromEntries(plan.outputs.map((o) => [o.key, qualifiedAddress(sheetName, cellAddress(o.row, 1))])),
    syncCount: round.count,
  };
}

/** [first, count] of each run of true values. */
function runs(flags: readonly boolean[]): [number, number][] {
  const out: [number, number][] = [];
  flags.forEach((flag, i) => {
    if (!flag) return;
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === i) last[1]++;
    else out.push([i, 1]);
  });
  return out;
}

/** For the taskpane: inserts the compute sheet in one Excel.run. */
export async function runInsertComputeSheet(options: ComputeSheetOptions): Promise<ComputeSheetResult> {
  return Excel.run((context) => insertComputeSheet(context, options));
}
