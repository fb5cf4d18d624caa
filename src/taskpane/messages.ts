/**
 * Words for what happened: insert progress, an insert's result, and any error (an Error, an Office.js
 * error with a code, a string, or something odd that was thrown). Pure.
 */
import { t, type Lang, type StringKey, type StringParams } from "./i18n";

/**
 * A sentence from the strings table, kept unrendered so it reads in whichever language is showing:
 * its key, its parameters, and which parameters are data (rendered translate="no", see ui.ts sentence).
 */
export interface Msg {
  key: StringKey;
  params?: StringParams;
  data?: string[];
}

/**
 * An error whose words come from the strings table, so it reads in whichever language is chosen when it
 * is shown (the language can change after the error happened).
 */
export class LocalizedError extends Error {
  constructor(
    readonly key: StringKey,
    readonly params: StringParams = {},
  ) {
    super(t("en", key, params));
    this.name = "LocalizedError";
  }
}

export interface InsertOutcome {
  sheetName: string;
  tableName: string;
  tableAddress: string;
  rowCount: number;
}

export function insertDoneText(result: InsertOutcome, lang: Lang): string {
  return t(lang, "insertDone", {
    rows: result.rowCount,
    sheet: result.sheetName,
    table: result.tableName,
    // "'Huaxin 2024-02-18'!A1:J18" → "A1:J18": the sheet is already named in the sentence.
    address: result.tableAddress.replace(/^.*!/, ""),
  });
}

export function insertProgressText(done: number, total: number, lang: Lang): string {
  return t(lang, "insertProgress", { done, total });
}

/** An error in words. Office.js errors carry a `code` ("InvalidArgument", "ItemAlreadyExists") worth showing. */
export function errorText(err: unknown, lang: Lang): string {
  if (err instanceof LocalizedError) return t(lang, err.key, err.params);
  if (typeof err === "string" && err.trim() !== "") return err;
  if (typeof err === "object" && err !== null) {
    const message = (err as { message?: unknown }).message;
    const code = (err as { code?: unknown }).code;
    const text = typeof message === "string" ? message.trim() : "";
    const codeText = typeof code === "string" || typeof code === "number" ? String(code) : "";
    if (text && codeText && !text.includes(codeText)) return `${text} (${codeText})`;
    if (text) return text;
    if (codeText) return codeText;
  }
  return t(lang, "unknownError");
}

/**
 * Office.js error codes (OfficeExtension.ErrorCodes, Excel.ErrorCodes) mapped to a sentence in the
 * analyst's language. Office's own message is English (or the Office UI's language): it goes under
 * the message's "Details", never into the sentence.
 */
const OFFICE_ERROR_KEYS: Record<string, StringKey> = {
  AccessDenied: "errorAccessDenied",
  ItemAlreadyExists: "errorItemAlreadyExists",
  ItemNotFound: "errorItemNotFound",
  InvalidArgument: "errorInvalidArgument",
  InvalidOperation: "errorInvalidOperation",
  InvalidReference: "errorInvalidArgument",
  InvalidOperationInCellEditMode: "errorCellEditMode",
  InsertDeleteConflict: "errorInsertDeleteConflict",
  RequestPayloadSizeLimitExceeded: "errorPayloadTooLarge",
  ResponsePayloadSizeLimitExceeded: "errorPayloadTooLarge",
  ApiNotFound: "errorApiNotFound",
  NotImplemented: "errorApiNotFound",
  GeneralException: "errorGeneral",
  Conflict: "errorConflict",
  ActivityLimitReached: "errorBusy",
  RequestAborted: "errorBusy",
  Unauthenticated: "errorUnauthenticated",
};

/** An error's code, when it has one (Office.js errors carry `code`). */
function codeOf(err: unknown): string | null {
  if (typeof err !== "object" || err === null) return null;
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" || typeof code === "number" ? String(code) : null;
}

/**
 * What went wrong, as a sentence in `lang` from the strings table: a LocalizedError's own words, an
 * Office error's code mapped (OFFICE_ERROR_KEYS; an unknown code named in the sentence), a failed
 * network request, or "something unexpected". Never the error's raw text: that is errorDetails.
 */
export function errorSentence(err: unknown, lang: Lang): string {
  if (err instanceof LocalizedError) return t(lang, err.key, err.params);
  const code = codeOf(err);
  if (code !== null) {
    const key = OFFICE_ERROR_KEYS[code];
    return key ? t(lang, key) : t(lang, "errorOfficeCode", { code });
  }
  const text = errorText(err, "en");
  if (/failed to fetch|networkerror|network request failed|load failed/i.test(text)) return t(lang, "errorNetwork");
  return t(lang, "errorUnexpected");
}

/** The error's raw text for "Details" (Office's message and code, a server's words), or null when the sentence says it all. */
export function errorDetails(err: unknown): string | null {
  if (err instanceof LocalizedError) return null;
  const text = errorText(err, "en");
  return text === t("en", "unknownError") ? null : text;
}
