/**
 * The Import tab's PDF path without a browser: which files go to the PDF reader, the worker's
 * "parse-pdf" request (with a stand-in reader, so no pdf.js), and what the tab says about the outcome
 * in both languages.
 */
import { decodeBytes } from "../../src/picks/encoding";
import { PDF_ERROR_MESSAGES } from "../../src/picks/pdf/errors";
import type { PdfImportOutcome } from "../../src/picks/pdf/import";
import { looksLikePdf } from "../../src/picks/pdf/sniff";
import { parseReport } from "../../src/picks/parser";
import type { PickList } from "../../src/picks/types";
import { validatePickList } from "../../src/picks/validate";
import { classifyFile, summarisePaste, type PasteOutcome } from "../../src/taskpane/tabs/import/model";
import { createImportClient, type ImportProgress, type WorkerLike } from "../../src/taskpane/worker/client";
import { handleImportRequest, type ImportRequest, type PdfImporter } from "../../src/taskpane/worker/protocol";

const files = { looksLikePdf, decodeBytes };
const utf8 = (text: string) => new TextEncoder().encode(text);

describe("which files are PDFs", () => {
  it("reads a PDF by its first bytes, whatever its name", () => {
    expect(classifyFile("note", utf8("%PDF-1.7\n..."), files)).toEqual({ kind: "pdf" });
    expect(classifyFile("note.txt", utf8("\n\n%PDF-1.4\n"), files)).toEqual({ kind: "pdf" });
  });
  it("sends a .pdf that is not one to the PDF reader, which then says it is damaged", () => {
    expect(classifyFile("NOTE.PDF", utf8("hello"), files)).toEqual({ kind: "pdf" });
  });
  it("decodes text files with the one decoder (UTF-8, GB18030) and refuses empty or binary ones", () => {
    expect(classifyFile("note.txt", utf8("表1：重点公司\n000977.SZ\t浪潮信息"), files)).toEqual({ kind: "text", text: "表1：重点公司\n000977.SZ\t浪潮信息" });
    // "浪潮" in GB18030
    expect(classifyFile("note.txt", new Uint8Array([0xc0, 0xcb, 0xb3, 0xb1]), files)).toEqual({ kind: "text", text: "浪潮" });
    expect(classifyFile("empty.txt", new Uint8Array(), files)).toEqual({ kind: "unreadable", reason: "empty" });
    expect(classifyFile("x.bin", new Uint8Array(256).map((_, i) => i), files).kind).toBe("unreadable");
  });
});

/** A parsed list as the PDF importer returns it (from a pasted note, with a file and page added). */
function pdfList(): PickList {
  const text = ["示例证券", "2025年03月09日", "表1：重点公司", "", "代码\t名称\t股价", "000977.SZ\t浪潮信息\t30.38", "300308.SZ\t中际旭创\t127.00"].join("\n");
  const list = parseReport(text).lists[0]!;
  return { ...list, source: { ...list.source, file: "note.pdf", page: 3 } };
}

function pdfWorker(importPdf: PdfImporter): WorkerLike {
  const worker: WorkerLike = {
    onmessage: null,
    postMessage(request: ImportRequest) {
      setTimeout(() => handleImportRequest(request, { parseReport, validatePickList, importPdf }, (r) => worker.onmessage?.({ data: r })), 0);
    },
  };
  return worker;
}

describe("the worker's parse-pdf request", () => {
  it("hands the bytes and file name to the reader and answers with the lists, their file and page", async () => {
    const seen: Array<{ size: number; name: string }> = [];
    const client = createImportClient(
      pdfWorker(async (bytes, name) => {
        seen.push({ size: bytes.byteLength, name });
        return { ok: true, lists: [pdfList()], problems: [], pageCount: 5, text: "" };
      }),
    );
    const progress: ImportProgress[] = [];
    const outcome = await client.parsePdf!(new Uint8Array([1, 2, 3]).buffer, "note.pdf", (p) => progress.push(p));
    expect(seen).toEqual([{ size: 3, name: "note.pdf" }]);
    expect(outcome).toMatchObject({ kind: "lists", source: "pdf", fileName: "note.pdf", pageCount: 5 });
    expect(progress.map((p) => p.stage)).toEqual(["pdf", "check"]);
    const summary = summarisePaste(outcome, "en");
    expect(summary.message).toBe("note.pdf (5 pages): 1 list found.");
    expect(summary.lists[0]).toMatchObject({ tableCaption: "表1：重点公司", rowCount: 2, whereText: "note.pdf, page 3" });
    expect(summarisePaste(outcome, "zh").lists[0]!.whereText).toBe("note.pdf，第 3 页");
  });

  it.each(["corrupt", "encrypted", "no-text"] as const)("a %s PDF: an error in both languages, no lists", async (code) => {
    const failed: PdfImportOutcome = { ok: false, code, message: PDF_ERROR_MESSAGES[code] };
    const outcome = await createImportClient(pdfWorker(async () => failed)).parsePdf!(new ArrayBuffer(4), "bad.pdf");
    expect(outcome).toEqual({ kind: "pdf-unreadable", code, fileName: "bad.pdf", message: PDF_ERROR_MESSAGES[code] });
    const en = summarisePaste(outcome, "en");
    const zh = summarisePaste(outcome, "zh");
    expect(en).toMatchObject({ tone: "error", lists: [] });
    expect(en.message).toBe(`bad.pdf was not imported: ${PDF_ERROR_MESSAGES[code].en}.`);
    expect(zh.message).toBe(`未导入 bad.pdf：${PDF_ERROR_MESSAGES[code].zh}。`);
  });

  it("a reader that throws becomes an error answer, never a hung request", async () => {
    const client = createImportClient(pdfWorker(async () => Promise.reject(new Error("boom"))));
    await expect(client.parsePdf!(new ArrayBuffer(1), "x.pdf")).rejects.toThrow("boom");
  });

  it("says the image-only message the issue asks for", () => {
    const outcome: PasteOutcome = { kind: "pdf-unreadable", code: "no-text", fileName: "scan.pdf", message: PDF_ERROR_MESSAGES["no-text"] };
    expect(summarisePaste(outcome, "en").message).toBe("scan.pdf was not imported: this PDF has no text layer; OCR is not supported.");
  });
});
