/**
 * PDF import in a real browser: a note written by pdfkit (test/support/notePdf.ts, Noto CJK) is dropped
 * onto the Import tab, read in the import worker by pdf.js (lazy chunks of dist/, no network), and its
 * table is previewed and inserted (through the stand-in Excel host, see harness.ts). Every number typed
 * into the PDF must be on screen; a password-protected PDF must say so and offer nothing to insert.
 */
import { existsSync, readFileSync } from "fs";
import path from "path";
import type { Page } from "playwright-core";
import { STRINGS } from "../../src/taskpane/i18n";
import { makeNotePdf, pdfFontMissing } from "../support/notePdf";
import { chineseNote, chineseRows, englishNote, englishRows, hongKongRows } from "../picks/pdf/notes";
import { ROOT, openTaskpane, previewRows, queueExcelResults, useHarness, waitForReady } from "./harness";

const skip = pdfFontMissing();
if (skip) console.warn(`browser PDF import tests ${skip}`);
const testPdf = skip ? test.skip : test;

/** pdf.js loads on the first PDF; under a busy 2-core machine that can take a while. */
const PDF_TIMEOUT_MS = 60_000;

const harness = useHarness();

/** Drops a file onto the import tab's drop zone, as a file dragged from the desktop arrives. */
async function dropFile(page: Page, bytes: Buffer, name: string, type: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ b64, name, type }) => {
      const binary = atob(b64);
      const data = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type }));
      return transfer;
    },
    { b64: bytes.toString("base64"), name, type },
  );
  const zone = page.locator(".aic-drop-zone");
  await zone.dispatchEvent("dragover", { dataTransfer });
  await zone.dispatchEvent("drop", { dataTransfer });
}

describe("PDF import in the taskpane", () => {
  test("pdf.js ships only as lazy chunks: neither the page's bundle nor the import worker's own bundle carries it", () => {
    const dist = (name: string) => readFileSync(path.join(ROOT, "dist", name), "utf8");
    for (const bundle of ["taskpane.js", "import-worker.js"]) expect({ bundle, pdfjs: dist(bundle).includes("GlobalWorkerOptions") }).toEqual({ bundle, pdfjs: false });
    expect(dist("pdfjs.js")).toContain("GlobalWorkerOptions");
    expect(dist("pdfjs-worker.js")).toContain("WorkerMessageHandler");
    expect(existsSync(path.join(ROOT, "dist/pdfjs/cmaps/UniGB-UCS2-H.bcmap"))).toBe(true);
  });

  testPdf(
    "drops a generated PDF onto the import area, lists its tables with file and page, previews every number and inserts the table",
    async () => {
      const rows = chineseRows(30);
      const pdf = await makeNotePdf(chineseNote(rows, hongKongRows()));
      const opened = await openTaskpane(harness, { locale: "en-US", office: { kind: "excel", displayLanguage: "en-US" } });
      const { page } = opened;
      try {
        await waitForReady(page, "excel");
        await page.locator("#aic-tab-import").click();
        await expect(page.locator(".aic-drop-hint").textContent()).resolves.toBe(STRINGS.en.importDropHint);
        await dropFile(page, pdf.bytes, "note.pdf", "application/pdf");

        const first = page.locator('.aic-import-body [data-import-index="0"]');
        await first.waitFor({ state: "visible", timeout: PDF_TIMEOUT_MS });
        const message = await page.locator(".aic-section-import").textContent();
        expect(message).toContain(STRINGS.en.importPdfFound.replace("{file}", "note.pdf").replace("{pages}", String(pdf.pageCount)).replace("{count}", "2"));
        await expect(first.textContent()).resolves.toContain("表1：重点公司盈利预测");
        await expect(first.textContent()).resolves.toContain(`note.pdf, page ${pdf.captionPages["表1：重点公司盈利预测"]}`);
        await expect(first.textContent()).resolves.toContain("30 rows");
        await expect(page.locator('.aic-import-body [data-import-index="1"]').textContent()).resolves.toContain(
          `note.pdf, page ${pdf.captionPages["表2：港股关注标的"]}`,
        );

        // Insert (the stand-in Excel answers as the real insert would for 30 rows).
        await queueExcelResults(page, [
          { sheetName: "示例证券 2025-03-09", tableName: "AIC_t1", tableAddress: "'示例证券 2025-03-09'!A1:J31", rowCount: 30, syncCount: 3 },
        ]);
        await first.locator(".aic-list-actions > *").nth(1).click();
        await page.getByText("Inserted “", { exact: false }).first().waitFor({ state: "visible" });
        await expect(page.locator(".aic-section-import").textContent()).resolves.toContain("30 rows on sheet “示例证券 2025-03-09”, A1:J31");

        // Preview: every ticker, and every typed number of the first rows, as the note printed them.
        await first.locator(".aic-list-actions > *").first().click();
        // Every cell of each body row, the row header (<th scope="row">) included, in column order.
        await previewRows(page);
        // The preview says where the list was printed: the file and its page.
        await expect(page.locator(".aic-preview:not([hidden]) .aic-printed-at").textContent()).resolves.toBe(
          `note.pdf, page ${pdf.captionPages["表1：重点公司盈利预测"]}`,
        );
        const preview = await page.evaluate(() => {
          const table = document.querySelector(".aic-preview-body table")!;
          const cells = (tr: Element) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent ?? "");
          return { headers: cells(table.querySelector("thead tr")!), rows: [...table.querySelectorAll("tbody tr")].map(cells) };
        });
        const col = (label: string) => {
          const i = preview.headers.findIndex((h) => h.startsWith(label));
          if (i < 0) throw new Error(`no "${label}" column in ${preview.headers.join(" | ")}`);
          return i;
        };
        const [ticker, name, price, eps2024, pe2026] = [col("Ticker"), col("Name"), col("Price"), col("EPS 2024"), col("P/E 2026")];
        const shown = preview.rows;
        expect(shown.map((r) => r[ticker])).toEqual(rows.map((r) => r.ticker));
        const printed = (v: number | null | undefined) => (v === null || v === undefined ? "—" : v);
        for (const [i, row] of rows.entries()) {
          expect(shown[i]![name]).toBe(row.name);
          expect(Number(shown[i]![price])).toBe(row.values.price);
          // EPS as printed (two decimals); P/E as the preview formats it (one decimal), "—" where missing.
          expect(shown[i]![eps2024]).toBe(printed(row.values.eps_2024) === "—" ? "—" : row.values.eps_2024!.toFixed(2));
          expect(shown[i]![pe2026]).toBe(printed(row.values.pe_2026) === "—" ? "—" : row.values.pe_2026!.toFixed(1));
        }
        expect(opened.errors).toEqual([]);
        expect(opened.blockedExternal).toEqual([]);
        expect(await opened.violations()).toEqual([]);
      } finally {
        await opened.close();
      }
    },
    120_000,
  );

  testPdf(
    "a password-protected PDF says so, in the analyst's language, and offers nothing to insert",
    async () => {
      const locked = await makeNotePdf({ ...englishNote(englishRows(3)), userPassword: "s3cret" });
      const opened = await openTaskpane(harness, { locale: "zh-CN", office: { kind: "excel", displayLanguage: "zh-CN" } });
      const { page } = opened;
      try {
        await waitForReady(page, "excel");
        await page.locator("#aic-tab-import").click();
        await dropFile(page, locked.bytes, "locked.pdf", "application/pdf");
        await page.getByText("未导入 locked.pdf", { exact: false }).first().waitFor({ state: "visible", timeout: PDF_TIMEOUT_MS });
        await expect(page.locator(".aic-section-import").textContent()).resolves.toContain("此 PDF 受密码保护");
        await expect(page.locator('.aic-import-body [data-import-index="0"]').count()).resolves.toBe(0);
        expect(opened.errors).toEqual([]);
        expect(opened.blockedExternal).toEqual([]);
      } finally {
        await opened.close();
      }
    },
    120_000,
  );
});
