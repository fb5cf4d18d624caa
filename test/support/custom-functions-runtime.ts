/**
 * The part of Excel's custom-functions runtime that our code touches, for Node tests. Mirrors
 * node_modules/@microsoft/office-js/dist/custom-functions-runtime.debug.js: ErrorCode values and
 * CustomFunctionError (code, message; Excel displays the message only for #VALUE! and #N/A), and
 * associate() registering id → function so tests can check registrations.
 */
const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

class CustomFunctionError extends Error {
  readonly code: string;
  constructor(errorCode?: string, errorMessage?: string) {
    super(errorMessage || "");
    Object.setPrototypeOf(this, CustomFunctionError.prototype);
    this.code = errorCode || ErrorCode.invalidValue;
  }
}

const associations = new Map<string, (...args: unknown[]) => unknown>();

(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
  Error: CustomFunctionError,
  ErrorCode,
  associate(id: string, fn: (...args: unknown[]) => unknown) {
    associations.set(id, fn);
  },
  __associations: associations,
};

/**
 * A streaming invocation as the runtime hands one to a streaming function (InvocationContext in
 * custom-functions-runtime.debug.js): `setResult` sends a result to the cell (here: recorded), and
 * `onCanceled` is what the function asks to be called when Excel cancels the formula (here: `cancel()`).
 */
export class StreamingInvocationFake<T = unknown> {
  readonly results: T[] = [];
  onCanceled?: () => void;
  readonly address = "Sheet1!A1";

  setResult(result: T): void {
    this.results.push(result);
  }

  /** What the cell shows now: the last result sent. */
  get last(): T | undefined {
    return this.results[this.results.length - 1];
  }

  /** Excel cancels the invocation (the formula was edited or deleted). */
  cancel(): void {
    this.onCanceled?.();
  }
}
