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
