/**
 * The AIC.* functions: each argument declared once (name, type, bounds, default with its source) and
 * wired to its pure core in src/model. src/functions/functions.ts gives each one its Excel-facing JSDoc;
 * test/functions checks that the two agree (names, order, optional flags, defaults quoted in the help).
 */
import { echoInput, ModelError, type ModelFault } from "../model/errors";
import { ditForwardGflops, parseDitName } from "../model/dit";
import { gpuTflops } from "../model/gpus";
import {
  INFERENCE_DEFAULTS,
  inferenceGpus,
  PATCH_DEFAULTS,
  patchesPerMinute,
  TRAINING_DEFAULTS,
  trainingGpus,
} from "../model/sora";
import { forwardPeOrFault } from "../model/valuation";
import { ArgSpec, CellInput, defineFunction, GridInput } from "./framework";
import { flagArg, gpuArg, gpuNameArg, numberArg, numberOrNameArg, optionalNumberArg, precisionArg } from "./arguments";

export const NAMESPACE = "AIC";

const MAX_PIXELS = 100_000;
const MAX_DAYS = 36_500;
const FRACTION = "a fraction: 80% is 0.8";

export interface FunctionDefinition<R = number> {
  /** The id and name Excel shows after the namespace: SORA_TRAIN_GPUS. */
  id: string;
  args: readonly ArgSpec<unknown>[];
  /**
   * What a result cell holds: "number" (the model functions: a finite number or an error), "value"
   * (text, a number or an entity, cell by cell: AIC.PICK, AIC.STOCK), "table" (one call, one whole
   * table: AIC.PICKS).
   */
  result: "number" | "value" | "table";
  run: (...inputs: (GridInput | CellInput)[]) => R[][];
}

function define<Args extends readonly unknown[]>(
  id: string,
  args: { readonly [K in keyof Args]: ArgSpec<Args[K]> },
  core: (...a: Args) => number | ModelFault,
): FunctionDefinition {
  return { id, args: args as readonly ArgSpec<unknown>[], result: "number", run: defineFunction(`${NAMESPACE}.${id}`, args, core) as FunctionDefinition["run"] };
}

export const PATCHES_PER_MIN = define(
  "PATCHES_PER_MIN",
  [
    numberArg("width", { default: PATCH_DEFAULTS.width, integer: true, min: 1, max: MAX_PIXELS }),
    numberArg("height", { default: PATCH_DEFAULTS.height, integer: true, min: 1, max: MAX_PIXELS }),
    numberArg("fps", { default: PATCH_DEFAULTS.fps, min: 0, minExclusive: true, max: 10_000 }),
    numberArg("patch_width", { default: PATCH_DEFAULTS.patchWidth, integer: true, min: 1, max: MAX_PIXELS }),
    numberArg("patch_height", { default: PATCH_DEFAULTS.patchHeight, integer: true, min: 1, max: MAX_PIXELS }),
    numberArg("frames_per_patch", { default: PATCH_DEFAULTS.framesPerPatch, integer: true, min: 1, max: 100_000 }),
  ] as const,
  (width, height, fps, patchWidth, patchHeight, framesPerPatch) =>
    patchesPerMinute({ width, height, fps, patchWidth, patchHeight, framesPerPatch }),
);

export const SORA_TRAIN_GPUS = define(
  "SORA_TRAIN_GPUS",
  [
    numberArg("gflops_per_frame", { default: TRAINING_DEFAULTS.gflopsPerFrame, min: 0, minExclusive: true, max: 1e9 }),
    numberArg("frames_per_second", { default: TRAINING_DEFAULTS.framesPerSecond, min: 0, minExclusive: true, max: 10_000 }),
    numberArg("upload_hours_per_minute", {
      default: TRAINING_DEFAULTS.uploadHoursPerMinute,
      min: 0,
      minExclusive: true,
      max: 1e6,
    }),
    gpuArg("gpu", TRAINING_DEFAULTS.gpu),
    numberArg("utilization", { default: TRAINING_DEFAULTS.utilization, min: 0, minExclusive: true, max: 1, hint: FRACTION }),
    numberArg("data_days", { default: TRAINING_DEFAULTS.dataDays, min: 0, minExclusive: true, max: MAX_DAYS }),
    numberArg("train_days", { default: TRAINING_DEFAULTS.trainDays, min: 0, minExclusive: true, max: MAX_DAYS }),
    numberArg("epochs", { default: TRAINING_DEFAULTS.epochs, min: 0, minExclusive: true, max: 1e6 }),
  ] as const,
  (gflopsPerFrame, framesPerSecond, uploadHoursPerMinute, tflops, utilization, dataDays, trainDays, epochs) =>
    trainingGpus({
      gflopsPerFrame,
      framesPerSecond,
      uploadHoursPerMinute,
      gpuTflops: tflops,
      utilization,
      dataDays,
      trainDays,
      epochs,
    }),
);

export const SORA_INFER_GPUS = define(
  "SORA_INFER_GPUS",
  [
    numberArg("daily_video_hours", { default: INFERENCE_DEFAULTS.dailyVideoHours, min: 0, minExclusive: true, max: 1e15 }),
    numberArg("params_billions", { default: INFERENCE_DEFAULTS.paramsBillions, min: 0, minExclusive: true, max: 1e6 }),
    numberArg("patches_per_minute", { default: INFERENCE_DEFAULTS.patchesPerMinute, min: 0, minExclusive: true, max: 1e15 }),
    gpuArg("gpu", INFERENCE_DEFAULTS.gpu),
    numberArg("utilization", { default: INFERENCE_DEFAULTS.utilization, min: 0, minExclusive: true, max: 1, hint: FRACTION }),
    numberArg("denoising_steps", { default: INFERENCE_DEFAULTS.denoisingSteps, integer: true, min: 1, max: 100_000 }),
  ] as const,
  (dailyVideoHours, paramsBillions, patches, tflops, utilization, denoisingSteps) =>
    inferenceGpus({ dailyVideoHours, paramsBillions, patchesPerMinute: patches, gpuTflops: tflops, utilization, denoisingSteps }),
);

/** DiT image size used for the paper's Table 4 (ImageNet 256×256). */
export const DIT_DEFAULT_IMAGE = 256;
const MAX_DEPTH = 1_000;

export const DIT_GFLOPS = define(
  "DIT_GFLOPS",
  [
    numberOrNameArg("model", `a DiT name "S/2" … "XL/8", or a depth (a whole number 1 to ${MAX_DEPTH})`),
    optionalNumberArg("hidden_size", { integer: true, min: 1, max: 1_000_000 }),
    optionalNumberArg("patch_size", { integer: true, min: 1, max: 4_096 }),
    numberArg("image_height", { default: DIT_DEFAULT_IMAGE, integer: true, min: 8, max: MAX_PIXELS }),
    numberArg("image_width", { default: DIT_DEFAULT_IMAGE, integer: true, min: 8, max: MAX_PIXELS }),
  ] as const,
  (model, hiddenSize, patchSize, imageHeight, imageWidth) => {
    // Both forms end in one call with one object shape: V8 then inlines the model once for either form
    // and its property reads stay monomorphic (two calls, one with a spread of the name's fields, cost
    // about a quarter of each call in a sheet that uses both forms: npm run bench).
    let depth: number;
    let hidden: number;
    let patch: number;
    if (typeof model === "string") {
      const named = parseDitName(model);
      if (hiddenSize !== undefined || patchSize !== undefined) {
        throw new ModelError("VALUE", `model "${echoInput(model)}" sets hidden_size and patch_size; leave them empty or give a depth instead`);
      }
      depth = named.depth;
      hidden = named.hiddenSize;
      patch = named.patchSize;
    } else {
      if (!Number.isInteger(model) || model < 1 || model > MAX_DEPTH) {
        throw new ModelError("VALUE", `model must be a DiT name such as "XL/4" or a depth (a whole number 1 to ${MAX_DEPTH}), got ${model}`);
      }
      if (hiddenSize === undefined || patchSize === undefined) {
        throw new ModelError("VALUE", `hidden_size and patch_size are required when model is a depth (${model})`);
      }
      depth = model;
      hidden = hiddenSize;
      patch = patchSize;
    }
    return ditForwardGflops({ depth, hiddenSize: hidden, patchSize: patch, imageHeight, imageWidth });
  },
);

export const GPU_TFLOPS = define(
  "GPU_TFLOPS",
  [gpuNameArg("gpu"), precisionArg("precision", "FP16")] as const,
  (gpu, precision) => gpuTflops(gpu, precision),
);

export const FWD_PE = define(
  "FWD_PE",
  [
    numberArg("price", {
      min: 0,
      minExclusive: true,
      missing: { code: "NA", message: "price is empty: no share price" },
    }),
    numberArg("eps", { missing: { code: "NA", message: "eps is empty: no forecast" } }),
    flagArg("allow_negative", false),
  ] as const,
  (price, eps, allowNegative) => forwardPeOrFault(price, eps, allowNegative),
);

/** The model functions, in the order of the README's formula reference (./all lists every function). */
export const MODEL_FUNCTIONS: readonly FunctionDefinition[] = [
  PATCHES_PER_MIN,
  SORA_TRAIN_GPUS,
  SORA_INFER_GPUS,
  DIT_GFLOPS,
  GPU_TFLOPS,
  FWD_PE,
];
