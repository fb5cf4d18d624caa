/*
 * The AIC.* custom functions as Excel sees them. The JSDoc here is the source of functions.json
 * (CustomFunctionsMetadataPlugin): a one-line description per function and help per argument, shown in
 * Excel's formula bar. Each body hands Excel's grids to the declared definition in ./definitions, which
 * does all coercion, validation, defaults and broadcasting. Parameters are `any[][]` so that a cell or a
 * range arrives as a 2-D array and text reaches our own validation (with a message) instead of Excel's
 * silent #VALUE!; results are 2-D so that a range in spills a range out.
 *
 * The webpack plugin appends CustomFunctions.associate(id, function) for each function below.
 */
import { DIT_GFLOPS, FWD_PE, GPU_TFLOPS, PATCHES_PER_MIN, SORA_INFER_GPUS, SORA_TRAIN_GPUS } from "./definitions";
import { streamFromPickStore } from "./live";
import { seededPickStore } from "./pickData";
import { PICK, PICKS, STOCK } from "./pickFunctions";

// The taskpane page also opens in a plain browser (to browse the catalog without Excel), where office.js
// defines no CustomFunctions: give the appended associate() calls a no-op target instead of a ReferenceError.
if (typeof CustomFunctions === "undefined") {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = { associate: () => undefined };
}

// The bundled catalog is in the pick store from the moment Excel loads this file: AIC.PICK answers
// before the taskpane opens, with no network.
seededPickStore();

/**
 * Spacetime patches in one minute of video: ceil(width/patch_width) × ceil(height/patch_height) × frames ÷ frames_per_patch.
 * @customfunction PATCHES_PER_MIN
 * @param [width] Frame width in pixels. Default 1920 (Minsheng note, 1.1 inference: 1920×1280 frame).
 * @param [height] Frame height in pixels. Default 1280 (Minsheng note, 1.1 inference).
 * @param [fps] Frames per second. Default 30 (Minsheng note: 一秒钟30帧).
 * @param [patch_width] Patch width in pixels. Default 60 (Minsheng note: patch 60×80).
 * @param [patch_height] Patch height in pixels. Default 80 (Minsheng note: patch 60×80).
 * @param [frames_per_patch] Frames covered by one patch. Default 1 (the note patches each frame).
 * @returns Patches per minute of video; defaults give 921,600 (Minsheng 表1: 92.16万).
 */
export function patchesPerMin(
  width?: any[][],
  height?: any[][],
  fps?: any[][],
  patch_width?: any[][],
  patch_height?: any[][],
  frames_per_patch?: any[][],
): number[][] {
  return PATCHES_PER_MIN.run(width, height, fps, patch_width, patch_height, frames_per_patch);
}

/**
 * GPUs needed to train a Sora-like model on data_days of YouTube uploads within train_days (Minsheng note, 表1).
 * @customfunction SORA_TRAIN_GPUS
 * @param [gflops_per_frame] Forward Gflops per frame. Default 324 (Minsheng 表1: Total GFLOPs, 1024×768 frame).
 * @param [frames_per_second] Frames trained per second of video. Default 6 (Minsheng 表1: 60 frames per 10 s clip).
 * @param [upload_hours_per_minute] Hours of video uploaded per minute. Default 500 (YouTube, cited by the Minsheng note).
 * @param [gpu] GPU name (e.g. "H100") or its dense TFLOPS. Default "A100" = 312 TFLOPS FP16 (Minsheng 表1).
 * @param [utilization] Share of peak throughput achieved, 0 to 1. Default 0.8 (Minsheng 表1: 芯片利用率 80%).
 * @param [data_days] Days of uploads to train on. Default 30 (Minsheng note: one month of new video).
 * @param [train_days] Days allowed for training. Default 30 (Minsheng note: trained within a month).
 * @param [epochs] Passes over the data. Default 1 (the note's single pass).
 * @returns GPUs needed; defaults give ≈233.6 in SI units (the note prints 231, see README).
 */
export function soraTrainGpus(
  gflops_per_frame?: any[][],
  frames_per_second?: any[][],
  upload_hours_per_minute?: any[][],
  gpu?: any[][],
  utilization?: any[][],
  data_days?: any[][],
  train_days?: any[][],
  epochs?: any[][],
): number[][] {
  return SORA_TRAIN_GPUS.run(
    gflops_per_frame,
    frames_per_second,
    upload_hours_per_minute,
    gpu,
    utilization,
    data_days,
    train_days,
    epochs,
  );
}

/**
 * GPUs needed to generate a day of Douyin-scale video within a day, at 2 × params FLOPs per patch per step (Minsheng note, 表1).
 * @customfunction SORA_INFER_GPUS
 * @param [daily_video_hours] Hours of video generated per day. Default 1.5e9 (Minsheng 表1: 15亿小时).
 * @param [params_billions] Model parameters, in billions. Default 3 (Minsheng note: 30亿 parameters).
 * @param [patches_per_minute] Patches per minute of video. Default 921600 (Minsheng 表1; see AIC.PATCHES_PER_MIN).
 * @param [gpu] GPU name (e.g. "H100") or its dense TFLOPS. Default "A100" = 312 TFLOPS FP16 (Minsheng 表1).
 * @param [utilization] Share of peak throughput achieved, 0 to 1. Default 1 (the note assumes full peak).
 * @param [denoising_steps] Network evaluations per patch. Default 1 (the note); real diffusion samplers run tens of steps.
 * @returns GPUs needed; defaults give ≈18,461,538 (Minsheng 表1: 1846万).
 */
export function soraInferGpus(
  daily_video_hours?: any[][],
  params_billions?: any[][],
  patches_per_minute?: any[][],
  gpu?: any[][],
  utilization?: any[][],
  denoising_steps?: any[][],
): number[][] {
  return SORA_INFER_GPUS.run(daily_video_hours, params_billions, patches_per_minute, gpu, utilization, denoising_steps);
}

/**
 * Forward-pass Gflops (multiply-adds) of a Diffusion Transformer, as counted in the DiT paper (Peebles & Xie 2023, Table 4).
 * @customfunction DIT_GFLOPS
 * @param model A DiT name "S/2" … "XL/8" (e.g. "XL/4"), or a depth (number of transformer blocks).
 * @param [hidden_size] Hidden size, when model is a depth; leave empty with a name (XL: 1152).
 * @param [patch_size] Patch size in latent pixels, when model is a depth; leave empty with a name.
 * @param [image_height] Image height in pixels, a multiple of 8 × patch. Default 256 (the paper's Table 4).
 * @param [image_width] Image width in pixels, a multiple of 8 × patch. Default 256 (the paper's Table 4).
 * @returns Gflops per forward pass; "XL/4" gives ≈29.05 (paper Table 4, cited by the Minsheng note).
 */
export function ditGflops(
  model: any[][],
  hidden_size?: any[][],
  patch_size?: any[][],
  image_height?: any[][],
  image_width?: any[][],
): number[][] {
  return DIT_GFLOPS.run(model, hidden_size, patch_size, image_height, image_width);
}

/**
 * Dense (not sparse) peak tensor TFLOPS of a GPU, from the vendor's datasheet.
 * @customfunction GPU_TFLOPS
 * @param gpu GPU name: A100, A800, H100 SXM, H100 PCIe, H800, H20, H200, L40S, B200, MI300X, Ascend 910.
 * @param [precision] "BF16"/"FP16" (default), "FP8" or "TF32", where the vendor publishes it.
 * @returns Peak dense TFLOPS; A100 gives 312 (NVIDIA datasheet, as the Minsheng note uses).
 */
export function gpuTflops(gpu: any[][], precision?: any[][]): number[][] {
  return GPU_TFLOPS.run(gpu, precision);
}

/**
 * Forward P/E = price ÷ EPS, for a cell or a whole column.
 * @customfunction FWD_PE
 * @param price Share price (a cell or a column).
 * @param eps Earnings per share for the forecast year (a cell or a column); empty means no forecast (#N/A).
 * @param [allow_negative] TRUE to return a negative P/E for negative EPS. Default FALSE: negative EPS gives #NUM!.
 * @returns Price ÷ EPS; e.g. 浪潮信息 30.38 ÷ 2.07 = 14.68 (Huaxin note, 2023E).
 */
export function fwdPe(price: any[][], eps: any[][], allow_negative?: any[][]): number[][] {
  return FWD_PE.run(price, eps, allow_negative);
}

/**
 * One value from the broker pick lists the add-in knows (catalog, feeds, notes imported here); updates when they change.
 * @customfunction PICK
 * @param ticker A ticker in any form (000977.SZ, SZ000977, 000977, 0700.HK) or the company name as a list prints it (浪潮信息).
 * @param field A field: name, price, change, eps, pe, pb, rating, theme (or 股价, 评级, 市盈率); "EPS 2023E" names the year too.
 * @param [year] For EPS and P/E, the year (2023 or "2023E"). Default: the earliest estimate year printed.
 * @param [source] A list id, a report id or a broker (华鑫证券, Huaxin). Default: the newest report that printed the field.
 * @param invocation Excel's streaming handle: the result is re-sent when the lists change.
 */
export function pick(
  ticker: any[][],
  field: any[][],
  year: any[][],
  source: any[][],
  invocation: CustomFunctions.StreamingInvocation<any[][]>,
): void {
  streamFromPickStore("AIC.PICK", invocation, () => PICK.run(ticker, field, year, source));
}

/**
 * A whole pick list as a spilled table: a header row, then one row per company; updates when the list changes.
 * @customfunction PICKS
 * @param list The list id, e.g. "huaxin-2024-02-18-focus" (the taskpane's catalog shows each id).
 * @param [fields] A row of fields choosing and ordering the columns (e.g. "name", "price", "EPS 2023E"). Default: every column.
 * @param [with_header] FALSE to leave out the header row. Default TRUE.
 * @param invocation Excel's streaming handle: the table is re-sent when the list changes.
 */
export function picks(
  list: any[][],
  fields: any[][],
  with_header: any[][],
  invocation: CustomFunctions.StreamingInvocation<any[][]>,
): void {
  streamFromPickStore("AIC.PICKS", invocation, () => PICKS.run(list, fields, with_header));
}

/**
 * A company as an Excel data type: its name and ticker, with each broker's rating, price, EPS and P/E by year and their source.
 * @customfunction STOCK
 * @param ticker A ticker in any form (000977.SZ, SZ000977, 000977) or the company name as a list prints it (浪潮信息).
 * @param invocation Excel's streaming handle: the card is re-sent when the lists change.
 */
export function stock(ticker: any[][], invocation: CustomFunctions.StreamingInvocation<any[][]>): void {
  streamFromPickStore("AIC.STOCK", invocation, () => STOCK.run(ticker));
}
