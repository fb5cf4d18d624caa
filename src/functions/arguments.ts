/**
 * The argument types AIC.* functions declare. Each builds an ArgSpec: how a cell becomes a value and
 * which values are allowed. Messages say what the argument must be and what it got; the runner puts the
 * function and argument name in front.
 */
import { ModelError } from "../model/errors";
import { findGpu, gpuTflops, parsePrecision, Precision } from "../model/gpus";
import type { ArgSpec, NumberRange, PlainCell } from "./framework";
import { argSpec, inRange, showValue } from "./framework";

/** Numeric text as Excel accepts it in an argument: "1920", "1,920", "-2.5e3", "80%". */
const NUMERIC_TEXT = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|[+-]?\.\d+)(?:e[+-]?\d+)?(%?)$/i;

/** A cell as a number, or a #VALUE! saying what it was instead. */
export function toNumber(value: PlainCell): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new ModelError("VALUE", `must be a finite number, got ${showValue(value)}`);
    return value;
  }
  if (typeof value === "string") {
    const m = NUMERIC_TEXT.exec(value.trim());
    if (m) {
      const n = Number(value.trim().replace(/,/g, "").replace(/%$/, ""));
      if (Number.isFinite(n)) return m[2] ? n / 100 : n;
    }
  }
  throw new ModelError("VALUE", `must be a number, got ${showValue(value)}`);
}

export interface NumberBounds {
  default?: number;
  /** Smallest allowed value; `minExclusive` makes it a strict bound (> instead of ≥). */
  min?: number;
  minExclusive?: boolean;
  max?: number;
  /** Whole numbers only (pixels, frames, layers). */
  integer?: boolean;
  /** Extra words for the out-of-range message, e.g. "a fraction: 80% is 0.8". */
  hint?: string;
  missing?: ArgSpec<number>["missing"];
}

/** A bound as an analyst would type it: 36500, but 1e15 rather than fifteen zeros. */
const showBound = (n: number): string => (Math.abs(n) >= 1e7 ? n.toExponential().replace("e+", "e") : String(n));

export function numberArg(name: string, b: NumberBounds): ArgSpec<number> {
  const parts: string[] = [b.integer ? "a whole number" : "a number"];
  if (b.min !== undefined) parts.push(`${b.minExclusive ? ">" : "≥"} ${showBound(b.min)}`);
  if (b.max !== undefined) parts.push(`${b.min !== undefined ? "and " : ""}≤ ${showBound(b.max)}`);
  const accepts = parts.join(" ");
  const hint = b.hint ? ` (${b.hint})` : "";
  // The runner checks number cells against the range itself (no call per cell); coerce reads the rest.
  const range: NumberRange = {
    min: b.min ?? -Infinity,
    max: b.max ?? Infinity,
    minExclusive: b.minExclusive === true,
    integer: b.integer === true,
  };
  return argSpec({
    name,
    optional: b.default !== undefined,
    default: b.default,
    missing: b.missing,
    accepts,
    range,
    coerce(value) {
      const n = toNumber(value);
      if (!inRange(n, range)) throw new ModelError("VALUE", `must be ${accepts}${hint}, got ${showValue(value)}`);
      return n;
    },
  });
}

/** TRUE/FALSE, 1/0, or the text "TRUE"/"FALSE". */
export function flagArg(name: string, defaultValue: boolean): ArgSpec<boolean> {
  return argSpec({
    name,
    optional: true,
    default: defaultValue,
    accepts: "TRUE or FALSE",
    coerce(value) {
      if (typeof value === "boolean") return value;
      if (value === 1 || value === 0) return value === 1;
      if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) return /^true$/i.test(value.trim());
      throw new ModelError("VALUE", `must be TRUE or FALSE, got ${showValue(value)}`);
    },
  });
}

/** Largest throughput accepted as a number: a million TFLOPS (an exaflop) per device is not a GPU. */
const MAX_DEVICE_TFLOPS = 1e6;

/** A GPU as a name from the GPU table (its dense BF16/FP16 figure) or as a number of TFLOPS. */
export function gpuArg(name: string, defaultGpu: string): ArgSpec<number> {
  const accepts = `a GPU name (e.g. "A100", "H100") or its TFLOPS, a number > 0 and ≤ ${showBound(MAX_DEVICE_TFLOPS)}`;
  const range: NumberRange = { min: 0, minExclusive: true, max: MAX_DEVICE_TFLOPS, integer: false };
  return argSpec({
    name,
    optional: true,
    default: gpuTflops(defaultGpu, "FP16"),
    accepts,
    range,
    coerce(value) {
      if (typeof value === "string" && !NUMERIC_TEXT.test(value.trim())) return gpuTflops(value, "FP16");
      const tflops = toNumber(value);
      if (!inRange(tflops, range)) throw new ModelError("VALUE", `must be ${accepts}, got ${showValue(value)}`);
      return tflops;
    },
  });
}

/** A GPU name only (GPU_TFLOPS looks a figure up; a number would be meaningless there). */
export function gpuNameArg(name: string): ArgSpec<string> {
  return argSpec({
    name,
    optional: false,
    accepts: 'a GPU name, e.g. "A100"',
    missing: { code: "VALUE", message: `${name} is required: a GPU name, e.g. "A100"` },
    coerce(value) {
      if (typeof value !== "string") throw new ModelError("VALUE", `must be a GPU name such as "A100", got ${showValue(value)}`);
      return findGpu(value).name;
    },
  });
}

export function precisionArg(name: string, defaultPrecision: Precision): ArgSpec<Precision> {
  return argSpec({
    name,
    optional: true,
    default: defaultPrecision,
    accepts: '"BF16", "FP16", "FP8" or "TF32"',
    coerce(value) {
      if (typeof value !== "string") throw new ModelError("VALUE", `must be "BF16", "FP16", "FP8" or "TF32", got ${showValue(value)}`);
      return parsePrecision(value);
    },
  });
}

/** Every finite number: what an argument takes as a number when its core does the checking. */
export const ANY_FINITE: NumberRange = { min: -Infinity, minExclusive: false, max: Infinity, integer: false };

/** A value that is either a number or a name; the core decides what each means. */
export function numberOrNameArg(name: string, accepts: string): ArgSpec<number | string> {
  return argSpec({
    name,
    optional: false,
    accepts,
    missing: { code: "VALUE", message: `${name} is required: ${accepts}` },
    // A finite number is itself (toNumber below); the core checks it is a depth.
    range: ANY_FINITE,
    coerce(value) {
      if (typeof value === "boolean") throw new ModelError("VALUE", `must be ${accepts}, got ${showValue(value)}`);
      if (typeof value === "string" && !NUMERIC_TEXT.test(value.trim())) return value.trim();
      return toNumber(value);
    },
  });
}

/** An optional number with no default: a blank stays `undefined`, so the core can tell "not given". */
export function optionalNumberArg(name: string, b: Omit<NumberBounds, "default" | "missing">): ArgSpec<number | undefined> {
  const { accepts, coerce, range } = numberArg(name, b);
  return argSpec({ name, optional: true, default: undefined, accepts: `${accepts}, or empty`, coerce, range });
}

