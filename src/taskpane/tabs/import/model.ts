/**
 * What the taskpane makes of pasted text: a broker note goes through the report parser; a pick-list
 * JSON document (text starting with "{") goes through the schema validator. Pure: the parser and the
 * validator are passed in, so this is tested without the DOM and the DOM layer without the parser.
 */
import type { LocalizedText, PickList } from "../../../picks/types";
import type { ParseOptions, ParsedReport } from "../../../picks/importer/parse";
import type { ParseProblem as ImporterProblem } from "../../../picks/importer/problems";
import type { PdfErrorCode } from "../../../picks/pdf/errors";
import type { PdfImportOutcome } from "../../../picks/pdf/import";
import { rowCountText, t, type Lang } from "../../i18n";
import { listTitle } from "../../preview/model";
import { importProblemText, refusalHeadline } from "../../messages/importer-problems";

/** A problem of the importer (a code with parameters, src/picks/importer/problems.ts), or a bare reason. */
export type ParseProblem = ImporterProblem | { table: string; reason: string; code?: undefined };

export interface ImportFunctions {
  parseReport: (text: string, options?: ParseOptions) => { lists: PickList[]; problems: ParseProblem[]; report?: ParsedReport };
  validatePickList: (doc: unknown) => { ok: true; list: PickList } | { ok: false; errors: string[] };
}

export type PasteOutcome =
  | { kind: "empty" }
  | { kind: "json-malformed"; reason: string }
  | { kind: "json-invalid"; errors: string[] }
  /** A PDF that cannot be read (damaged, password-protected, image-only): why, in both languages. */
  | { kind: "pdf-unreadable"; code: PdfErrorCode; fileName: string; message: LocalizedText }
  | {
      kind: "lists";
      source: "note" | "json" | "pdf";
      lists: PickList[];
      problems: ParseProblem[];
      report?: ParsedReport;
      fileName?: string;
      pageCount?: number;
    };

/** The PDF importer's outcome as the import tab shows it: lists, coded problems and report as for a pasted note. */
export function pdfOutcome(outcome: PdfImportOutcome, fileName: string): PasteOutcome {
  if (!outcome.ok) return { kind: "pdf-unreadable", code: outcome.code, fileName, message: outcome.message };
  const { lists, problems, report, pageCount } = outcome;
  return { kind: "lists", source: "pdf", lists, problems, ...(report ? { report } : {}), fileName, pageCount };
}

/** A problem in the analyst's language: a coded one translated, a bare one as "place: reason". */
export function problemLine(p: ParseProblem, lang: Lang): string {
  return p.code !== undefined ? importProblemText(p, lang) : t(lang, "parseProblem", { table: p.table, reason: p.reason });
}

/** True when the note printed no date and its lists are dated by the import: the analyst should give one. */
export function needsReportDate(outcome: PasteOutcome | null): boolean {
  return outcome?.kind === "lists" && outcome.report?.reportDateOrigin === "import";
}

/** Names in themed lists that nothing the add-in knows could give a ticker: the analyst may type them. */
export function unknownNames(outcome: PasteOutcome | null): string[] {
  if (outcome?.kind !== "lists") return [];
  const names: string[] = [];
  for (const p of outcome.problems) if (p.code === "unknown-name" && !names.includes(p.name)) names.push(p.name);
  return names;
}

/** A broker note never starts with "{"; a JSON pick-list document always does. */
function looksLikeJson(text: string): boolean {
  return text.startsWith("{");
}

export function interpretPastedText(text: string, fns: ImportFunctions, options?: ParseOptions): PasteOutcome {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "empty" };
  if (looksLikeJson(trimmed)) {
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch (err) {
      return { kind: "json-malformed", reason: err instanceof Error ? err.message : String(err) };
    }
    const checked = fns.validatePickList(doc);
    if (!checked.ok) return { kind: "json-invalid", errors: checked.errors };
    return { kind: "lists", source: "json", lists: [checked.list], problems: [] };
  }
  const parsed = options ? fns.parseReport(text, options) : fns.parseReport(text);
  const outcome: PasteOutcome = { kind: "lists", source: "note", lists: parsed.lists, problems: parsed.problems };
  if (parsed.report) outcome.report = parsed.report;
  return outcome;
}

export interface ImportedListSummary {
  /** Position in PasteOutcome.lists: how the DOM layer refers back to the list. */
  index: number;
  id: string;
  title: string;
  tableCaption: string;
  rowCount: number;
  rowCountText: string;
  /** Where a PDF's list is printed ("note.pdf, page 3"); absent for pasted text. */
  whereText?: string;
}

export interface PasteSummary {
  /** "error" when nothing can be inserted. */
  tone: "info" | "error";
  message: string;
  /** Schema errors, one per line, for an invalid JSON list. */
  errors: string[];
  lists: ImportedListSummary[];
  /** "表3: ...: reason" lines for the tables the parser could not read. */
  problems: string[];
}

/**
 * The parser's problems in two groups: about a table it could not read, and notes — about a table it did
 * read (one of the lists found comes from a table of that caption), or about the text as a whole (the
 * parser names those in parentheses, "(report)", "(note)", not by a caption). Only the first are failures.
 */
export function groupProblems(outcome: PasteOutcome): { unread: ParseProblem[]; notes: ParseProblem[] } {
  if (outcome.kind !== "lists") return { unread: [], notes: [] };
  const read = new Set(outcome.lists.map((l) => l.source.table));
  // A name left without a ticker, or named twice, is a note on a list that was read (its place names the
  // theme); so is a note about the whole text ("(report)", "(note)").
  const isNote = (p: ParseProblem): boolean =>
    read.has(p.table) || p.code === "unknown-name" || p.code === "name-repeated" || /^\(.*\)$/.test(p.table.trim());
  return { unread: outcome.problems.filter((p) => !isNote(p)), notes: outcome.problems.filter(isNote) };
}

export function summarisePaste(outcome: PasteOutcome, lang: Lang): PasteSummary {
  switch (outcome.kind) {
    case "empty":
      return { tone: "error", message: t(lang, "parseEmptyInput"), errors: [], lists: [], problems: [] };
    case "json-malformed":
      return {
        tone: "error",
        message: t(lang, "jsonMalformed", { reason: outcome.reason }),
        errors: [],
        lists: [],
        problems: [],
      };
    case "json-invalid":
      return { tone: "error", message: t(lang, "jsonNotPickList"), errors: outcome.errors, lists: [], problems: [] };
    case "pdf-unreadable":
      return { tone: "error", message: t(lang, "importPdfUnreadable", { file: outcome.fileName, reason: outcome.message[lang] }), errors: [], lists: [], problems: [] };
    case "lists": {
      const lists = outcome.lists.map(
        (list, index): ImportedListSummary => ({
          index,
          id: list.id,
          title: listTitle(list.title, lang),
          tableCaption: list.source.table,
          rowCount: list.rows.length,
          rowCountText: rowCountText(lang, list.rows.length),
          ...(list.source.file !== undefined && list.source.page !== undefined
            ? { whereText: t(lang, "importPdfPage", { file: list.source.file, page: list.source.page }) }
            : {}),
        }),
      );
      const problems = outcome.problems.map((p) => problemLine(p, lang));
      // A note that cannot be read at all (too long, not text) says why as the headline.
      const refusal = refusalHeadline(outcome.problems.filter((p): p is ImporterProblem => p.code !== undefined), lang);
      let message: string;
      if (lists.length === 0 && refusal !== null) message = refusal;
      else if (lists.length === 0)
        message = outcome.source === "pdf" ? t(lang, "importPdfNoLists", { file: outcome.fileName ?? "", pages: outcome.pageCount ?? 0 }) : t(lang, "parseNoLists");
      else if (outcome.source === "json") message = t(lang, "jsonValidList");
      else if (outcome.source === "pdf")
        message = t(lang, lists.length === 1 ? "importPdfFoundOne" : "importPdfFound", { file: outcome.fileName ?? "", pages: outcome.pageCount ?? 0, count: lists.length });
      else if (lists.length === 1) message = t(lang, "parseFoundOne");
      else message = t(lang, "parseFound", { count: lists.length });
      return { tone: lists.length === 0 ? "error" : "info", message, errors: [], lists, problems };
    }
  }
}

/**
 * What a file given to the import tab is: a PDF (by its first bytes, or a .pdf name: a damaged PDF still
 * gets the PDF reader's clear message), else text for the paste importer, decoded by src/picks/encoding.ts.
 */
export type FileInput = { kind: "pdf" } | { kind: "text"; text: string } | { kind: "unreadable"; reason: "empty" | "binary" | "undecodable" };

export function classifyFile(
  name: string,
  bytes: Uint8Array,
  fns: { looksLikePdf(bytes: Uint8Array): boolean; decodeBytes(bytes: Uint8Array): { ok: true; text: string } | { ok: false; reason: "empty" | "binary" | "undecodable" } },
): FileInput {
  if (fns.looksLikePdf(bytes) || /\.pdf$/i.test(name)) return { kind: "pdf" };
  const decoded = fns.decodeBytes(bytes);
  return decoded.ok ? { kind: "text", text: decoded.text } : { kind: "unreadable", reason: decoded.reason };
}
