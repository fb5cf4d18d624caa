/**
 * Why a PDF could not be read, in both of the analyst's languages. The codes are stable (the taskpane
 * and the CLI key on them); the messages are what the analyst sees.
 */
import type { LocalizedText } from "../types";

export type PdfErrorCode = "corrupt" | "encrypted" | "no-text" | "too-large";

/** Larger files are refused before pdf.js reads them; a broker note is a few megabytes. */
export const MAX_PDF_BYTES = 64 * 1024 * 1024;
/** More pages than this is not a broker note; refused rather than tie up the worker. */
export const MAX_PDF_PAGES = 500;

export const PDF_ERROR_MESSAGES: Readonly<Record<PdfErrorCode, LocalizedText>> = {
  corrupt: {
    en: "this file is not a readable PDF (it is damaged, truncated or not a PDF at all)",
    zh: "此文件不是可读取的 PDF（文件已损坏、不完整，或根本不是 PDF）",
  },
  encrypted: {
    en: "this PDF is password-protected; save a copy without the password and import that",
    zh: "此 PDF 受密码保护；请另存一份不带密码的副本后再导入",
  },
  "no-text": {
    en: "this PDF has no text layer; OCR is not supported",
    zh: "此 PDF 没有文本层（只有图像）；不支持 OCR 文字识别",
  },
  "too-large": {
    en: `this PDF is too large to import (at most ${MAX_PDF_PAGES} pages and ${MAX_PDF_BYTES / 1024 / 1024} MB)`,
    zh: `此 PDF 太大，无法导入（最多 ${MAX_PDF_PAGES} 页、${MAX_PDF_BYTES / 1024 / 1024} MB）`,
  },
};

export class PdfImportError extends Error {
  readonly code: PdfErrorCode;
  readonly messages: LocalizedText;
  constructor(code: PdfErrorCode, detail?: string) {
    super(PDF_ERROR_MESSAGES[code].en + (detail ? ` (${detail})` : ""));
    this.name = "PdfImportError";
    this.code = code;
    this.messages = PDF_ERROR_MESSAGES[code];
  }
}
