/**
 * The Minsheng note's estimate of Sora's compute demand (民生证券, "Sora 将创造多少算力需求?",
 * 2024-02-25, section 1.1 and 表1), as pure functions of every assumption. Defaults are the note's
 * values; each names where it comes from. Computed in SI units throughout (see README "Why 233.6, not
 * 231" for how this differs from the note's own arithmetic).
 */
export const SECONDS_PER_DAY = 86_400;
const MINUTES_PER_DAY = 1_440;
const SECONDS_PER_HOUR = 3_600;
const TERA = 1e12;
const GIGA = 1e9;

/** Patchifier of the inference estimate: "每个 Patch 尺寸为 60*80，一帧 1920*1280 ... 一秒钟 30 帧". */
export const PATCH_DEFAULTS = {
  width: 1920,
  height: 1280,
  fps: 30,
  patchWidth: 60,
  patchHeight: 80,
  framesPerPatch: 1,
} as const;

export interface PatchInputs {
  width: number;
  height: number;
  fps: number;
  patchWidth: number;
  patchHeight: number;
  framesPerPatch: number;
}

/**
 * Spacetime patches in one minute of video. A frame that does not divide evenly is padded (ceil per
 * axis), as ViT/DiT patchifiers pad; so is a minute whose frame count does not divide into patches.
 * Defaults: 32 × 16 = 512 patches a frame × 1,800 frames = 921,600 (the note: 92.16 万).
 */
export function patchesPerMinute(i: PatchInputs): number {
  const perFrame = Math.ceil(i.width / i.patchWidth) * Math.ceil(i.height / i.patchHeight);
  return perFrame * ceilTolerant((i.fps * 60) / i.framesPerPatch);
}

/** Training assumptions (表1 训练端 and the text of section 1.1). */
export const TRAINING_DEFAULTS = {
  /** 表1 "Total GFLOPs (Estimated)": 324 per 1024×768 frame. */
  gflopsPerFrame: 324,
  /** 表1 "10S 视频帧数": 60 frames per 10 s clip = 6 frames per second of video. */
  framesPerSecond: 6,
  /** "Youtube 上每分钟上传约 500 小时视频" (YouTube, 2019; cited via Villalobos et al. 2022). */
  uploadHoursPerMinute: 500,
  /** 表1 "A100 算力 Tflops": 312. */
  gpu: "A100",
  /** 表1 "芯片利用率": 80%. */
  utilization: 0.8,
  /** "一个月内训练完 Youtube 全部新增视频": a month of uploads ... */
  dataDays: 30,
  /** ... trained within a month. */
  trainDays: 30,
  /** One pass over the data (the note; it adds that real models train several times). */
  epochs: 1,
} as const;

export interface TrainingInputs {
  gflopsPerFrame: number;
  framesPerSecond: number;
  uploadHoursPerMinute: number;
  gpuTflops: number;
  utilization: number;
  dataDays: number;
  trainDays: number;
  epochs: number;
}

/** GPUs needed to train on `dataDays` of YouTube uploads within `trainDays`. Defaults → ≈233.6. */
export function trainingGpus(i: TrainingInputs): number {
  const videoSeconds = i.uploadHoursPerMinute * SECONDS_PER_HOUR * MINUTES_PER_DAY * i.dataDays;
  const flops = videoSeconds * i.framesPerSecond * i.gflopsPerFrame * GIGA * i.epochs;
  const flopsPerGpu = i.gpuTflops * TERA * i.utilization * i.trainDays * SECONDS_PER_DAY;
  return flops / flopsPerGpu;
}

/** Inference assumptions (表1 推理端 and the text of section 1.1). */
export const INFERENCE_DEFAULTS = {
  /** 表1 "抖音每日视频总时长 (亿小时)": 15 亿 hours a day (the text: 8 亿 DAU × 2 h would be 16 亿). */
  dailyVideoHours: 1.5e9,
  /** "假设 Sora 模型参数为 30 亿": 3 billion parameters. */
  paramsBillions: 3,
  /** 表1 "每分钟 Patches (万)": 92.16 万, from the patchifier above. */
  patchesPerMinute: 921_600,
  /** 表1 推理端 "A100 FP16 TFLOPS 312". */
  gpu: "A100",
  /** The note divides by the full 312 TFLOPS: 100% utilisation. */
  utilization: 1,
  /** The note counts one network evaluation per patch; real diffusion samplers run tens of steps. */
  denoisingSteps: 1,
} as const;

export interface InferenceInputs {
  dailyVideoHours: number;
  paramsBillions: number;
  patchesPerMinute: number;
  gpuTflops: number;
  utilization: number;
  denoisingSteps: number;
}

/**
 * GPUs to generate a day of video in a day, at 2 × params FLOPs per patch per denoising step
 * ("推理端算力约等于交互 Patches 数量*2*参数量"). Defaults → 18,461,538 (the note: 1846 万).
 */
export function inferenceGpus(i: InferenceInputs): number {
  const patchesPerDay = i.dailyVideoHours * 60 * i.patchesPerMinute;
  const flopsPerDay = patchesPerDay * 2 * i.paramsBillions * GIGA * i.denoisingSteps;
  return flopsPerDay / (i.gpuTflops * TERA * i.utilization * SECONDS_PER_DAY);
}

/**
 * Ceiling that ignores floating-point dust: 1800.0000000000002 frame-patches (30 fps × 60 ÷ a
 * non-representable divisor) is 1800, not 1801, while a real fraction (1798.2) still rounds up.
 */
function ceilTolerant(x: number): number {
  return Math.ceil(x - 1e-9 * Math.max(1, Math.abs(x)));
}
