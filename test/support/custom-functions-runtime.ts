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
