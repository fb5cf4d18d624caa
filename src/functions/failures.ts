/**
 * Errors on their way to cells, for the runner (./framework): the Excel code of each model error, one
 * Failure (and one CustomFunctions.Error, made without a stack) per distinct message, so a column of
 * 100,000 errors costs about what a column of values does.
 */
import { ModelError, type ModelErrorCode } from "../model/errors";
import type { CellInput } from "./framework";

export const EXCEL_CODE: Readonly<Record<ModelErrorCode, string>> = {
  VALUE: "#VALUE!",
  NA: "#N/A",
  NUM: "#NUM!",
  DIV0: "#DIV/0!",
};

/** An error on its way to a cell: an Excel error code and the message the analyst reads. */
export class Failure {
  /** The Excel error object for this failure, made once when first needed and shared by every cell. */
  excel: CustomFunctions.Error | undefined;
  constructor(
    readonly code: string,
    readonly message: string,
    incoming?: CustomFunctions.Error,
  ) {
    this.excel = incoming;
  }
}

/** Failures by code and message: one object (and one Excel error) per distinct message. Bounded. */
const FAILURES = new Map<string, Failure>();
const MAX_FAILURES = 1_000;

/** The one Failure for `code` and `message`. */
export function failureOf(code: string, message: string): Failure {
  const key = code + "\u0000" + message;
  let f = FAILURES.get(key);
  if (f === undefined) {
    if (FAILURES.size >= MAX_FAILURES) FAILURES.clear();
    f = new Failure(code, message);
    FAILURES.set(key, f);
  }
  return f;
}

/** Cheaper than `instanceof` on a value that is usually a number: only objects can be failures. */
export function isFailure(v: unknown): v is Failure {
  return typeof v === "object" && v !== null && v instanceof Failure;
}

/** An Excel error arriving as input (a referenced cell holding #N/A, say) passes through unchanged. */
export function asIncomingError(value: CellInput): Failure | undefined {
  if (typeof value === "object" && value !== null) {
    const code = (value as { code?: unknown }).code;
    const message = (value as { message?: string }).message ?? "";
    const incoming = value instanceof CustomFunctions.Error ? value : undefined;
    return new Failure(typeof code === "string" ? code : "#VALUE!", message, incoming);
  }
  return undefined;
}

export function toFailure(fn: string, e: unknown, prefix = ""): Failure {
  if (e instanceof ModelError) return failureOf(EXCEL_CODE[e.code], `${fn}${prefix}: ${e.message}`);
  // A bug, not an input problem: still a cell error, never an exception that Excel shows as a bare #VALUE!.
  return failureOf("#VALUE!", `${fn}: internal error (${e instanceof Error ? e.message : String(e)})`);
}

/**
 * The Excel error of a failure: made once per failure, without a stack (CustomFunctions.Error extends
 * Error, whose constructor would capture one per cell), and shared by every cell that shows it.
 */
export function toExcelError(f: Failure): CustomFunctions.Error {
  let e = f.excel;
  if (e === undefined) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      e = new CustomFunctions.Error(f.code as CustomFunctions.ErrorCode, f.message);
    } finally {
      Error.stackTraceLimit = limit;
    }
    f.excel = e;
  }
  return e;
}

/**
 * The error a call ended in, as a value: what a streaming function hands `setResult` when `run` threw a
 * scalar error. Anything else thrown is a bug, reported as a #VALUE! naming it rather than lost.
 */
export function asExcelError(fn: string, e: unknown): CustomFunctions.Error {
  if (e instanceof CustomFunctions.Error) return e;
  return toExcelError(toFailure(fn, e));
}
