/**
 * The assumptions of the "Sora compute" sheet (computeSheet.ts): the Minsheng note's inputs (民生证券,
 * 2024-02-25, section 1.1 and 表1), section by section, each with its label, unit, number format and the
 * line of the note it comes from, and the defined name each gets. Its own module because it is the
 * note's data, not the sheet's layout: the values are imported from src/model/sora.ts and
 * src/functions/definitions.ts, never copied; only labels, units and sources are text here. Pure.
 */
import type { LocalizedText } from "../picks/types";
import { DIT_DEFAULT_IMAGE } from "../functions/definitions";
import { INFERENCE_DEFAULTS, PATCH_DEFAULTS, TRAINING_DEFAULTS } from "../model/sora";
import { TEXT_FORMAT } from "./layout";

export type Section = "Train" | "Infer" | "Patch" | "Dit";

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

/** The defined name of an input or output: AIC_<section>_<Key>. */
export function nameFor(section: Section | "Out", key: string): string {
  return `AIC_${section}_${key.charAt(0).toUpperCase()}${key.slice(1)}`;
}

export type InputSpec = Omit<ComputeInput, "key" | "name" | "row" | "section">;

const UNIT = {
  frames: { zh: "帧/秒", en: "frames/s" },
  gflops: { zh: "GFLOPs/帧", en: "GFLOPs/frame" },
  gpu: { zh: "型号或 TFLOPS", en: "name or TFLOPS" },
  fraction: { zh: "比例", en: "fraction" },
  days: { zh: "天", en: "days" },
  pixels: { zh: "像素", en: "pixels" },
} as const;

/** Number formats of the sheet's numbers. */
export const FORMAT = { integer: "#,##0", decimal: "#,##0.00", percent: "0%" } as const;

/** The assumptions, section by section. Labels, units and sources are text; values are imported. */
export function inputSpecs(): { section: Section; title: LocalizedText; inputs: [string, InputSpec][] }[] {
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
