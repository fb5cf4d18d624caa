import {
  INFERENCE_DEFAULTS,
  inferenceGpus,
  PATCH_DEFAULTS,
  patchesPerMinute,
  TRAINING_DEFAULTS,
  trainingGpus,
} from "../../src/model/sora";
import { gpuTflops } from "../../src/model/gpus";

const a100 = gpuTflops(TRAINING_DEFAULTS.gpu);

describe("Minsheng note 表1: Sora compute demand", () => {
  test("patches: 512 a 1920×1280 frame (60×80 patches), 921,600 a minute at 30 fps (表1: 每分钟 Patches 92 万; text: 92.16 万)", () => {
    expect(patchesPerMinute({ ...PATCH_DEFAULTS, fps: 1 / 60 })).toBe(512);
    expect(patchesPerMinute(PATCH_DEFAULTS)).toBe(921_600);
  });

  test("a frame that does not divide evenly is padded per axis", () => {
    // 1920/64 = 30 exactly; 1080/64 = 16.875 → 17 rows of patches.
    expect(patchesPerMinute({ ...PATCH_DEFAULTS, height: 1080, patchWidth: 64, patchHeight: 64, fps: 1 / 60 })).toBe(30 * 17);
  });

  test("29.97 fps is 1,798.2 frames a minute, padded to 1,799 frames of patches (no floating-point phantom)", () => {
    expect(patchesPerMinute({ ...PATCH_DEFAULTS, fps: 29.97 })).toBe(512 * 1799);
    expect(patchesPerMinute({ ...PATCH_DEFAULTS, fps: 30, framesPerPatch: 4 })).toBe(512 * 450);
  });

  test("training: defaults give 233.65 GPUs in SI units; the note's 231 (表1) is within 1.2%", () => {
    const gpus = trainingGpus({ ...TRAINING_DEFAULTS, gpuTflops: a100 });
    // 500 h/min × 6 frames/s = 180,000 frames/s × 324 GFLOP ÷ (312 TFLOPS × 0.8).
    expect(gpus).toBeCloseTo((500 * 60 * 6 * 324e9) / (312e12 * 0.8), 9);
    expect(gpus).toBeCloseTo(233.65, 2);
    expect(Math.abs(gpus / 231 - 1)).toBeLessThan(0.012);
  });

  test("the note's own chain (÷1024, 表1) reproduces its 231", () => {
    // 表1: "训练一年视频需要的 Tflops" 4,989,389,874 = GFLOPs per 10 s clip × 262,800,000 "seconds" (really the
    // hours uploaded in a year: 500 × 60 × 24 × 365) ÷ 1024. The clip figure it used is the unrounded 19,441.15,
    // printed as "10s 视频 Gflops 19441".
    expect(500 * 60 * 24 * 365).toBe(262_800_000);
    const clipGflops = (4_989_389_874 * 1024) / 262_800_000;
    expect(Math.round(clipGflops)).toBe(19_441);
    expect(Math.round(4_989_389_874 / (312 * 0.8) / 86_400)).toBe(231);
  });

  test("the SI result and the note's differ by exactly a 365-day year over 12 × 30 days and 1000/1024", () => {
    // The note's slips (hours labelled seconds: ×3600 missing; GFLOPs per 10 s clip; a year of uploads; one
    // day of GPU time) cancel, 3600 / (10 × 12 × 30) = 1, leaving a 365-day year against twelve 30-day
    // months and its GFLOPs→TFLOPs division by 1024.
    const si = trainingGpus({ ...TRAINING_DEFAULTS, gpuTflops: a100 });
    const note = 4_989_389_874 / (312 * 0.8) / 86_400;
    expect(si * (365 / 360) * (1000 / 1024)).toBeCloseTo(note, 1);
  });

  test("training scales as expected: twice the epochs, twice the GPUs; H100 instead of A100, fewer", () => {
    const base = trainingGpus({ ...TRAINING_DEFAULTS, gpuTflops: a100 });
    expect(trainingGpus({ ...TRAINING_DEFAULTS, gpuTflops: a100, epochs: 2 })).toBeCloseTo(2 * base, 9);
    expect(trainingGpus({ ...TRAINING_DEFAULTS, gpuTflops: gpuTflops("H100") })).toBeCloseTo((base * 312) / 989.4, 9);
  });

  test("inference: defaults give 18,461,538 A100s (表1: 3B 模型 GPU 需求 1846 万)", () => {
    const gpus = inferenceGpus({ ...INFERENCE_DEFAULTS, gpuTflops: a100 });
    expect(Math.round(gpus)).toBe(18_461_538);
    expect(Math.round(gpus / 1e4)).toBe(1846);
  });

  test("inference: 表1's 82,944 T patches a day is the default hours × 60 × 921,600", () => {
    expect((INFERENCE_DEFAULTS.dailyVideoHours * 60 * INFERENCE_DEFAULTS.patchesPerMinute) / 1e12).toBe(82_944);
  });

  test("inference: 50 denoising steps need 50× the GPUs the note counts", () => {
    const one = inferenceGpus({ ...INFERENCE_DEFAULTS, gpuTflops: a100 });
    expect(inferenceGpus({ ...INFERENCE_DEFAULTS, gpuTflops: a100, denoisingSteps: 50 })).toBeCloseTo(50 * one, 3);
  });
});
