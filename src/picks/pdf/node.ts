/**
 * pdf.js for Node (the CLI, the tests, the benchmark): the legacy build, which runs its worker code in
 * the same process, with the CMaps from the installed package. Not bundled into the taskpane.
 */
import * as path from "path";
import type { PdfjsLib } from "./extract";
import { importPdf, type PdfImportOutcome } from "./import";

let loaded: Promise<PdfjsLib> | null = null;

// A real dynamic import (pdf.js ships only ES modules); kept out of TypeScript's CommonJS rewriting.
const importEsm = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<unknown>;

export function loadNodePdfjs(): Promise<PdfjsLib> {
  loaded ??= importEsm("pdfjs-dist/legacy/build/pdf.mjs") as Promise<PdfjsLib>;
  return loaded;
}

export function nodeCMapUrl(): string {
  return `${path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "cmaps")}${path.sep}`;
}

export async function importPdfFile(bytes: Uint8Array, fileName: string): Promise<PdfImportOutcome> {
  return importPdf(await loadNodePdfjs(), bytes, fileName, { cMapUrl: nodeCMapUrl() });
}
