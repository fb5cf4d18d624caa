/**
 * A PDF note → pick lists: extract the positioned text (extract.ts), rebuild its lines and tables
 * (layout.ts), and parse that text with the note importer, so every text rule (dates, tickers, columns,
 * problems) holds for PDFs. Each list then records the file and the page it was printed on.
 */
import { parseReport, type ParseOptions, type ParseProblem, type ParseResult } from "../parser";
import type { PickList } from "../types";
import { PdfImportError, type PdfErrorCode } from "./errors";
import { extractPdfPages, type ExtractOptions, type PdfjsLib } from "./extract";
import { layoutNote, type LaidOutNote } from "./layout";
import type { PdfPageText } from "./types";

export interface PdfImportResult extends ParseResult {
  /** Number of pages read. */
  pageCount: number;
  /** The text the importer read (tables tab-separated), for the preview and for bug reports. */
  text: string;
}

export type PdfImportOutcome =
  | ({ ok: true } & PdfImportResult)
  | { ok: false; code: PdfErrorCode; message: { zh: string; en: string } };

const LINE_NAME_RE = /^table at line (\d+)$/;

/** The page a list was printed on: its caption's line, or the first line naming its first company. */
function pageOf(list: PickList, note: LaidOutNote): number | undefined {
  const byLine = LINE_NAME_RE.exec(list.source.table);
  if (byLine) return note.pages[Number(byLine[1]) - 1];
  const caption = list.source.table.trim();
  const at = note.lines.findIndex((line) => line.trim() === caption);
  if (at >= 0) return note.pages[at];
  const nameKey = list.columns.find((c) => c.kind === "name")?.key;
  const name = nameKey ? list.rows.find((r) => typeof r[nameKey] === "string")?.[nameKey] : undefined;
  if (typeof name !== "string") return undefined;
  const named = note.lines.findIndex((line) => line.includes(name));
  return named >= 0 ? note.pages[named] : undefined;
}

/** "table at line 57" means nothing in a PDF: name an uncaptioned table by its page instead. */
function renameByPage(name: string, note: LaidOutNote): string {
  const m = LINE_NAME_RE.exec(name);
  const page = m ? note.pages[Number(m[1]) - 1] : undefined;
  return page !== undefined ? `table on page ${page}` : name;
}

/** Parses the laid-out text of already extracted pages, with the text importer's options. Pure. */
export function importPdfPages(pages: readonly PdfPageText[], fileName: string, parseOptions: ParseOptions = {}): PdfImportResult {
  const note = layoutNote(pages);
  const text = note.lines.join("\n");
  const parsed = parseReport(text, { ...parseOptions, marginLines: note.margin });
  const lists = parsed.lists.map((list): PickList => {
    const page = pageOf(list, note);
    const table = renameByPage(list.source.table, note);
    const uncaptioned = table !== list.source.table;
    return {
      ...list,
      title: uncaptioned && page !== undefined ? { zh: `第 ${page} 页的表格`, en: `Table on page ${page}` } : list.title,
      source: { ...list.source, table, ...(fileName !== "" ? { file: fileName } : {}), ...(page !== undefined ? { page } : {}) },
    };
  });
  const problems: ParseProblem[] = parsed.problems.map((p) => ({ ...p, table: renameByPage(p.table, note) }));
  return { lists, problems, pageCount: pages.length, text };
}

/** Reads a PDF's bytes into pick lists. Never throws: a PDF that cannot be read gives its reason. */
export async function importPdf(
  pdfjs: PdfjsLib,
  bytes: Uint8Array,
  fileName: string,
  options: ExtractOptions = {},
  parseOptions: ParseOptions = {},
): Promise<PdfImportOutcome> {
  try {
    const pages = await extractPdfPages(pdfjs, bytes, options);
    return { ok: true, ...importPdfPages(pages, fileName, parseOptions) };
  } catch (err) {
    const error = err instanceof PdfImportError ? err : new PdfImportError("corrupt", err instanceof Error ? err.message : String(err));
    return { ok: false, code: error.code, message: error.messages };
  }
}

export { looksLikePdf } from "./sniff";
