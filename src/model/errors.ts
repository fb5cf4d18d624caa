/**
 * Errors a model computation can end in, named by what went wrong rather than by Excel's codes, so
 * this module stays free of Office. The custom-function layer maps them to Excel errors:
 * VALUE → #VALUE!, NA → #N/A, NUM → #NUM!, DIV0 → #DIV/0! (only #VALUE! and #N/A show the message in
 * Excel, so the codes that carry an explanation an analyst must read are VALUE and NA).
 */
export type ModelErrorCode = "VALUE" | "NA" | "NUM" | "DIV0";

/**
 * A model error. Built without a stack trace: it is an answer for one cell (a negative EPS in a column
 * of 100,000), not a bug to debug, and capturing a stack made every error cell cost about as much as
 * a hundred value cells.
 */
export class ModelError extends Error {
  readonly code: ModelErrorCode;
  constructor(code: ModelErrorCode, message: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.code = code;
    this.name = "ModelError";
  }
}

/**
 * A model error returned instead of thrown, by a core whose errors are ordinary data rather than
 * mistakes: a live P/E column meets a negative EPS on every loss-making row. A thrown error costs a
 * stack unwind per cell; a returned fault costs what a number does. Faults are constants (one object
 * per message), so the runner makes one Excel error per fault.
 */
export class ModelFault {
  constructor(
    readonly code: ModelErrorCode,
    readonly message: string,
  ) {}
}

/** Longest piece of an analyst's input that a message repeats. */
export const ECHO_LIMIT = 40;

/**
 * An analyst's input as a message repeats it: at most ECHO_LIMIT characters, then "…", so a 10,000-
 * character cell cannot make a 10,000-character message. Counts code points (never splits a pair).
 */
export function echoInput(text: string): string {
  if (text.length <= ECHO_LIMIT) return text;
  const chars = Array.from(text);
  return chars.length <= ECHO_LIMIT ? text : `${chars.slice(0, ECHO_LIMIT).join("")}…`;
}
