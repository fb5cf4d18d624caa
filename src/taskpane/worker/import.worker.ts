/**
 * The import worker (import-worker.js, bundled by webpack from `new Worker(new URL(...))` in
 * worker/spawn.ts): parses pasted notes and PDF files off the page's main thread, so an 8,000-row paste
 * or a 20-page PDF never freezes the pane. Allowed by the page's CSP as worker-src 'self'. Protocol:
 * worker/protocol.ts.
 *
 * PDFs: pdf.js (legacy build, for older WebKit on Mac) is loaded on the first PDF only, as two lazy
 * chunks of this origin (pdfjs.js, pdfjs-worker.js): neither the page nor this worker's own bundle
 * carries it. pdf.js's worker code runs here, in this thread (globalThis.pdfjsWorker), so it starts no
 * worker of its own and fetches nothing but the CMaps copied beside the bundles (dist/pdfjs/cmaps/).
 */
import { parseReport } from "../../picks/parser";
import { validatePickList } from "../../picks/validate";
import type { PdfjsLib } from "../../picks/pdf/extract";
import { importPdf } from "../../picks/pdf/import";
import { handleImportRequest, type ImportRequest, type ImportResponse, type PdfImporter } from "./protocol";

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ImportRequest>) => void) | null;
  postMessage(m: ImportResponse): void;
  location: { href: string };
  pdfjsWorker?: unknown;
};

let pdfjs: Promise<PdfjsLib> | null = null;

function loadPdfjs(): Promise<PdfjsLib> {
  pdfjs ??= import(/* webpackChunkName: "pdfjs-worker" */ "pdfjs-dist/legacy/build/pdf.worker.mjs").then((workerModule) => {
    scope.pdfjsWorker = workerModule;
    return import(/* webpackChunkName: "pdfjs" */ "pdfjs-dist/legacy/build/pdf.mjs") as Promise<unknown> as Promise<PdfjsLib>;
  });
  return pdfjs;
}

const importPdfHere: PdfImporter = async (bytes, fileName, options) =>
  importPdf(
    await loadPdfjs(),
    bytes,
    fileName,
    {
      cMapUrl: new URL("pdfjs/cmaps/", scope.location.href).href,
      // No OffscreenCanvas, fonts or images: only the text layer is read.
      extra: { isOffscreenCanvasSupported: false, isImageDecoderSupported: false },
    },
    options,
  );

scope.onmessage = (event) =>
  handleImportRequest(event.data, { parseReport, validatePickList, importPdf: importPdfHere }, (response) => scope.postMessage(response));
