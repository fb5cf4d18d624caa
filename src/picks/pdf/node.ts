/**
 * pdf.js for Node (the CLI, the tests, the benchmark): the legacy build, which runs its worker code in
 * the same process, with the CMaps from the installed package. Not bundled into the taskpane.
 */
import { createRequire } from "module";
import * as path from "path";
import type { PdfjsLib } from "./extract";
import { importPdf, type PdfImportOutcome } from "./import";
import type { ParseOptions } from "../parser";

let loaded: Promise<PdfjsLib> | null = null;

// A real dynamic import (pdf.js ships only ES modules); kept out of TypeScript's CommonJS rewriting.
const importEsm = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<unknown>;

const PDFJS_NODE = "pdfjs-dist/legacy/build/pdf.mjs";

/**
 * The legacy build. Where dynamic import is unavailable, Node's require loads the ES module (Node
 * 20.19+ requires ES modules without top-level await, as pdf.js is). Jest's sandbox allows neither:
 * tests run PDFs through a child process (test/support/pdfChild.ts).
 */
export function loadNodePdfjs(): Promise<PdfjsLib> {
  loaded ??= importEsm(PDFJS_NODE).catch(() => createRequire(__filename)(PDFJS_NODE)) as Promise<PdfjsLib>;
  return loaded;
}

export function nodeCMapUrl(): string {
  return `${path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "cmaps")}${path.sep}`;
}

export async function importPdfFile(bytes: Uint8Array, fileName: string, parseOptions: ParseOptions = {}): Promise<PdfImportOutcome> {
  return importPdf(await loadNodePdfjs(), bytes, fileName, { cMapUrl: nodeCMapUrl() }, parseOptions);
}
