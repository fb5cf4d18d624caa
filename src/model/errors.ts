/**
 * Errors a model computation can end in, named by what went wrong rather than by Excel's codes, so
 * this module stays free of Office. The custom-function layer maps them to Excel errors:
 * VALUE → #VALUE!, NA → #N/A, NUM → #NUM!, DIV0 → #DIV/0! (only #VALUE! and #N/A show the message in
 * Excel, so the codes that carry an explanation an analyst must read are VALUE and NA).
 */
export type ModelErrorCode = "VALUE" | "NA" | "NUM" | "DIV0";

export class ModelError extends Error {
  constructor(
    readonly code: ModelErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ModelError";
  }
}
