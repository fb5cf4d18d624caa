/**
 * Dense (no 2:4 sparsity) peak tensor throughput of accelerators, in TFLOPS, from vendor datasheets.
 * The single home of GPU figures in this project: every function that takes a `gpu` argument resolves
 * names here. NVIDIA datasheets print sparse figures with an asterisk; dense is half of those.
 * Sources and confidence per ../shared/reference/compute-references.md.
 */
import { echoInput, ModelError } from "./errors";

export type Precision = "FP16" | "FP8" | "TF32";

export const PRECISIONS: readonly Precision[] = ["FP16", "FP8", "TF32"];

export interface GpuSpec {
  /** Canonical name, as listed to the user. */
  name: string;
  /** Other spellings accepted (compared case-insensitively, ignoring spaces, dashes and underscores). */
  aliases: string[];
  vendor: string;
  /** Dense peak TFLOPS per precision; undefined where the vendor publishes no figure. BF16 = FP16 on all of these. */
  tflops: Partial<Record<Precision, number>>;
  source: string;
  /** How far to trust the figure: "official" datasheet, or "unofficial" (press, partner listings). */
  confidence: "official" | "medium" | "unofficial";
}

export const GPUS: readonly GpuSpec[] = [
  {
    name: "A100",
    aliases: ["A100 SXM", "A100 SXM4", "A100 80GB", "A100 40GB"],
    vendor: "NVIDIA",
    tflops: { FP16: 312, TF32: 156 },
    source: "NVIDIA A100 Tensor Core GPU datasheet (BF16/FP16 312, TF32 156 dense)",
    confidence: "official",
  },
  {
    name: "A800",
    aliases: ["A800 SXM"],
    vendor: "NVIDIA",
    tflops: { FP16: 312, TF32: 156 },
    source: "Same silicon as A100 with reduced NVLink (reseller listings); no public NVIDIA datasheet",
    confidence: "medium",
  },
  {
    name: "H100 SXM",
    aliases: ["H100", "H100 SXM5"],
    vendor: "NVIDIA",
    tflops: { FP16: 989.4, FP8: 1978.9, TF32: 494.7 },
    source: "NVIDIA H100 Tensor Core GPU datasheet, SXM column (sparse figures halved)",
    confidence: "official",
  },
  {
    name: "H100 PCIe",
    aliases: ["H100PCIE"],
    vendor: "NVIDIA",
    tflops: { FP16: 756, FP8: 1513, TF32: 378 },
    source: "NVIDIA H100 Tensor Core GPU datasheet, PCIe column (sparse figures halved)",
    confidence: "medium",
  },
  {
    name: "H800",
    aliases: ["H800 SXM"],
    vendor: "NVIDIA",
    tflops: { FP16: 989.4, FP8: 1978.9, TF32: 494.7 },
    source: "Same compute as H100 SXM (export variant with reduced interconnect); no public NVIDIA datasheet",
    confidence: "unofficial",
  },
  {
    name: "H20",
    aliases: [],
    vendor: "NVIDIA",
    tflops: { FP16: 148, FP8: 296, TF32: 74 },
    source: "Partner and press figures; NVIDIA publishes no datasheet",
    confidence: "unofficial",
  },
  {
    name: "H200",
    aliases: ["H200 SXM"],
    vendor: "NVIDIA",
    tflops: { FP16: 989.4, FP8: 1978.9, TF32: 494.7 },
    source: "NVIDIA H200 product page (same compute as H100 SXM; sparse figures halved)",
    confidence: "official",
  },
  {
    name: "L40S",
    aliases: [],
    vendor: "NVIDIA",
    tflops: { FP16: 362.05, FP8: 733, TF32: 183 },
    source: "NVIDIA L40S datasheet (sparse figures halved)",
    confidence: "official",
  },
  {
    name: "B200",
    aliases: ["B200 HGX", "HGX B200"],
    vendor: "NVIDIA",
    tflops: { FP16: 2250, FP8: 4500, TF32: 1100 },
    source: "NVIDIA HGX B200 specifications table, per GPU (sparse figures halved)",
    confidence: "medium",
  },
  {
    name: "MI300X",
    aliases: ["Instinct MI300X"],
    vendor: "AMD",
    tflops: { FP16: 1307.4, FP8: 2614.9 },
    source: "AMD Instinct MI300X specifications (dense)",
    confidence: "official",
  },
  {
    name: "Ascend 910",
    aliases: ["910", "Ascend910", "昇腾910", "昇腾 910"],
    vendor: "Huawei",
    tflops: { FP16: 256 },
    source: "Huawei Ascend 910 launch (2019), FP16 256 TFLOPS; the 910B has no official datasheet (280–320 circulates, unofficial)",
    confidence: "official",
  },
];

/** The names a user can type, in table order, for error messages and documentation. */
export const GPU_NAMES: readonly string[] = GPUS.map((g) => g.name);

const squash = (s: string): string => s.toLowerCase().replace(/[\s\-_]+/g, "");

const BY_KEY: ReadonlyMap<string, GpuSpec> = new Map(
  GPUS.flatMap((g) => [g.name, ...g.aliases].map((n) => [squash(n), g] as const)),
);

/**
 * Names exactly as typed, once resolved: a sheet calls with the same few spellings thousands of times,
 * and this skips the lower-casing and regex of `squash`. Only hits are kept, and only so many.
 */
const RESOLVED = new Map<string, GpuSpec>();
const MAX_RESOLVED = 256;

/** Looks a GPU up by name or alias; #N/A listing the known names when there is no such GPU. */
export function findGpu(name: string): GpuSpec {
  const known = RESOLVED.get(name);
  if (known) return known;
  const gpu = BY_KEY.get(squash(name));
  if (gpu && RESOLVED.size < MAX_RESOLVED) RESOLVED.set(name, gpu);
  if (!gpu) {
    throw new ModelError("NA", `unknown GPU "${echoInput(name)}"; known: ${GPU_NAMES.join(", ")}`);
  }
  return gpu;
}

const PRECISION_KEYS: ReadonlyMap<string, Precision> = new Map([
  // The canonical spellings first, matched as typed without normalising.
  ["FP16", "FP16"],
  ["BF16", "FP16"],
  ["FP8", "FP8"],
  ["TF32", "TF32"],
  ["fp16", "FP16"],
  ["bf16", "FP16"],
  ["bf16/fp16", "FP16"],
  ["fp16/bf16", "FP16"],
  ["half", "FP16"],
  ["fp8", "FP8"],
  ["tf32", "TF32"],
]);

/** Parses a precision name (BF16 and FP16 are the same figure on every GPU listed). */
export function parsePrecision(text: string): Precision {
  const p = PRECISION_KEYS.get(text) ?? PRECISION_KEYS.get(text.trim().toLowerCase().replace(/\s+/g, ""));
  if (!p) throw new ModelError("VALUE", `unknown precision "${echoInput(text)}"; use BF16, FP16, FP8 or TF32`);
  return p;
}

/** Dense peak tensor TFLOPS of `gpu` at `precision`; #N/A where the vendor publishes no figure. */
export function gpuTflops(gpu: string, precision: Precision = "FP16"): number {
  const spec = findGpu(gpu);
  const tflops = spec.tflops[precision];
  if (tflops === undefined) {
    const published = PRECISIONS.filter((p) => spec.tflops[p] !== undefined).join(", ");
    throw new ModelError("NA", `${spec.name} has no published dense ${precision} figure; published: ${published}`);
  }
  return tflops;
}
