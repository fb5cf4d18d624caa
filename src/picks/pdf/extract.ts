/**
 * The pdf.js adapter: PDF bytes → positioned text items per page (src/picks/pdf/types.ts). It is handed
 * the pdf.js module rather than importing it, so the same code runs in Node (the legacy build, loaded by
 * src/picks/pdf/node.ts) and in the taskpane (loaded lazily, with its worker bundled by webpack), and the
 * pure layout never depends on pdf.js. Only the text layer is read: no rendering, no fonts, no scripts,
 * no network.
 */
import { MAX_PDF_BYTES, MAX_PDF_PAGES, PdfImportError } from "./errors";
import type { PdfPageText, PdfTextItem } from "./types";

/** The part of pdf.js's text content this adapter reads. */
interface PdfjsTextItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
  fontName?: string;
  dir?: string;
}

interface PdfjsPage {
  view: number[];
  getTextContent(): Promise<{ items: PdfjsTextItem[] }>;
  cleanup?(): unknown;
}

interface PdfjsDocument {
  numPages: number;
  getPage(n: number): Promise<PdfjsPage>;
}

interface PdfjsLoadingTask {
  promise: Promise<PdfjsDocument>;
  destroy(): Promise<void>;
}

/** The pdf.js module (its `getDocument`), as either build exports it. */
export interface PdfjsLib {
  getDocument(src: Record<string, unknown>): PdfjsLoadingTask;
}

export interface ExtractOptions {
  /** Where pdf.js finds its CMaps (needed for CJK fonts that are not embedded); a path in Node, a same-origin URL in the browser. */
  cMapUrl?: string;
  /** Anything else to hand to getDocument (e.g. `isOffscreenCanvasSupported`). */
  extra?: Record<string, unknown>;
}

function loadError(err: unknown): PdfImportError {
  const name = (err as { name?: unknown } | null)?.name;
  const message = err instanceof Error ? err.message : String(err);
  if (name === "PasswordException" || /password/i.test(message)) return new PdfImportError("encrypted");
  return new PdfImportError("corrupt", message.slice(0, 200));
}

/** A horizontal, upright item: rotated text (watermarks, vertical captions) is not part of any table. */
function isUpright(t: readonly number[]): boolean {
  const [a = 0, b = 0, c = 0, d = 0] = t;
  return a > 0 && d > 0 && Math.abs(b) <= 1e-3 * a && Math.abs(c) <= 1e-3 * d;
}

function pageItems(items: readonly PdfjsTextItem[], originX: number, originY: number): PdfTextItem[] {
  const out: PdfTextItem[] = [];
  for (const item of items) {
    if (typeof item.str !== "string" || item.str.trim() === "" || !Array.isArray(item.transform)) continue;
    if (item.dir === "ttb" || !isUpright(item.transform)) continue;
    const t = item.transform;
    out.push({
      str: item.str,
      x: (t[4] ?? 0) - originX,
      y: (t[5] ?? 0) - originY,
      width: typeof item.width === "number" ? item.width : 0,
      height: typeof item.height === "number" && item.height > 0 ? item.height : Math.abs(t[3] ?? 0),
      fontName: item.fontName,
    });
  }
  return out;
}

/**
 * Reads every page's text items. Throws PdfImportError: "corrupt" (not a PDF, damaged), "encrypted"
 * (needs a password), "no-text" (no page has any text: a scan), "too-large".
 */
export async function extractPdfPages(pdfjs: PdfjsLib, bytes: Uint8Array, options: ExtractOptions = {}): Promise<PdfPageText[]> {
  if (bytes.byteLength > MAX_PDF_BYTES) throw new PdfImportError("too-large");
  // pdf.js takes ownership of (transfers) the buffer it is given; hand it a copy.
  const data = new Uint8Array(bytes);
  let task: PdfjsLoadingTask;
  try {
    task = pdfjs.getDocument({
      data,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      disableAutoFetch: true,
      disableStream: true,
      stopAtErrors: false,
      verbosity: 0,
      ...(options.cMapUrl ? { cMapUrl: options.cMapUrl, cMapPacked: true } : {}),
      ...options.extra,
    });
  } catch (err) {
    throw loadError(err);
  }
  try {
    let doc: PdfjsDocument;
    try {
      doc = await task.promise;
    } catch (err) {
      throw loadError(err);
    }
    if (doc.numPages > MAX_PDF_PAGES) throw new PdfImportError("too-large");
    const pages: PdfPageText[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      let page: PdfjsPage;
      let content: { items: PdfjsTextItem[] };
      try {
        page = await doc.getPage(n);
        content = await page.getTextContent();
      } catch (err) {
        throw loadError(err);
      }
      const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
      pages.push({ page: n, width: x1 - x0, height: y1 - y0, items: pageItems(content.items, x0, y0) });
      page.cleanup?.();
    }
    if (pages.every((p) => p.items.length === 0)) throw new PdfImportError("no-text");
    return pages;
  } finally {
    await task.destroy().catch(() => undefined);
  }
}
