/**
 * The import worker's message protocol: the page sends requests, the worker answers each with progress
 * messages and then one result or error, all carrying the request's id. Pure types and the worker-side
 * handler (handleImportRequest), so the protocol is tested in jest without a Worker.
 *
 * Extending it (issue 14 parses PDFs here): add a request kind to ImportRequest (e.g.
 * `{ kind: "parse-pdf"; bytes: ArrayBuffer }`), a case to handleImportRequest that ends in a
 * `result` with the same PasteOutcome (or a new result kind), and a method to the client
 * (worker/client.ts). Progress stages are strings the page maps to words (tabs/import/strings.ts).
 */
import type { PasteOutcome, ImportFunctions } from "../tabs/import/model";
import { interpretPastedText, pdfOutcome } from "../tabs/import/model";
import type { ParseOptions } from "../../picks/importer/parse";
import type { PdfImportOutcome } from "../../picks/pdf/import";

/** Options are the importer's (report date typed by the analyst, names the add-in knows), for text and PDFs alike. */
export type ImportRequest =
  | { id: number; kind: "parse-text"; text: string; options?: ParseOptions }
  /** A PDF file's bytes (transferred, not copied) and its name, recorded in each list's source. */
  | { id: number; kind: "parse-pdf"; bytes: ArrayBuffer; fileName: string; options?: ParseOptions };

/** The worker's PDF reader (pdf.js, loaded on first use): absent where PDFs cannot be read. */
export type PdfImporter = (bytes: Uint8Array, fileName: string, options?: ParseOptions) => Promise<PdfImportOutcome>;

/**
 * What the worker is doing: "read" (splitting the text into lines), "parse" (finding the tables), "check"
 * (each list found); for a PDF, "pdf" (loading the reader and reading its text layer) first.
 */
export type ImportStage = "read" | "parse" | "check" | "pdf";

export type ImportResponse =
  | { id: number; kind: "progress"; stage: ImportStage; done: number; total: number }
  | { id: number; kind: "result"; outcome: PasteOutcome }
  | { id: number; kind: "error"; message: string };

/** Lines read per progress message while reading a paste (a message per ~1% of an 8,000-row paste at most). */
const READ_STEP_LINES = 500;

/**
 * Runs one request, posting progress and then the result. Never throws: a failure is an `error` message.
 * Reading counts the lines in steps (the text's size in progress the page can show at once); the parse
 * itself is one call to the importer; then each list found is counted as checked.
 */
export function handleImportRequest(
  request: ImportRequest,
  fns: ImportFunctions & { importPdf?: PdfImporter },
  post: (response: ImportResponse) => void,
): void {
  const { id } = request;
  try {
    if (request.kind === "parse-pdf" && fns.importPdf) {
      void handlePdfRequest(request, fns.importPdf, post);
      return;
    }
    if (request.kind !== "parse-text") throw new Error(`unknown request kind ${(request as { kind: unknown }).kind}`);
    const text = request.text;
    let lines = 0;
    let from = 0;
    const total = text.length;
    for (;;) {
      const next = text.indexOf("\n", from);
      lines++;
      if (next < 0) break;
      from = next + 1;
      if (lines % READ_STEP_LINES === 0) post({ id, kind: "progress", stage: "read", done: from, total });
    }
    post({ id, kind: "progress", stage: "read", done: total, total });
    post({ id, kind: "progress", stage: "parse", done: 0, total: lines });
    const outcome = interpretPastedText(text, fns, request.options);
    const found = outcome.kind === "lists" ? outcome.lists.length : 0;
    post({ id, kind: "progress", stage: "parse", done: lines, total: lines });
    for (let i = 1; i <= found; i++) post({ id, kind: "progress", stage: "check", done: i, total: found });
    post({ id, kind: "result", outcome });
  } catch (err) {
    post({ id, kind: "error", message: err instanceof Error ? err.message : String(err) });
  }
}

/** A PDF: read its text layer and parse it (one step each), then the lists found are checked. Never throws. */
async function handlePdfRequest(
  request: Extract<ImportRequest, { kind: "parse-pdf" }>,
  importPdf: PdfImporter,
  post: (response: ImportResponse) => void,
): Promise<void> {
  const { id } = request;
  try {
    post({ id, kind: "progress", stage: "pdf", done: 0, total: request.bytes.byteLength });
    const outcome = pdfOutcome(await importPdf(new Uint8Array(request.bytes), request.fileName, request.options), request.fileName);
    const found = outcome.kind === "lists" ? outcome.lists.length : 0;
    for (let i = 1; i <= found; i++) post({ id, kind: "progress", stage: "check", done: i, total: found });
    post({ id, kind: "result", outcome });
  } catch (err) {
    post({ id, kind: "error", message: err instanceof Error ? err.message : String(err) });
  }
}
