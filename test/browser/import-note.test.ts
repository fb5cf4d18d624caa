/**
 * The Import tab on notes the add-in has never seen (issue 10), in Chromium with the Excel stand-in:
 * a note that prints no date gets the date the analyst types before it is inserted; a company name nothing
 * knows gets the ticker the analyst types before it is inserted. The stand-in's Excel.run answers the
 * insert with the result queued here (a plain browser has no workbook); what is checked is what the
 * taskpane reads, shows and sends to insert.
 */
import type { Page } from "playwright-core";
import { STRINGS } from "../../src/taskpane/i18n";
import { openTaskpane, previewRows, queueExcelResults, useHarness, waitForReady } from "./harness";

const harness = useHarness();

const UNDATED_NOTE = ["某某证券 晨会纪要", "", "表1：重点推荐", "代码\t名称\t股价\t评级", "000977.SZ\t浪潮信息\t30.38\t买入", "002230.SZ\t科大讯飞\t43.55\t买入", ""].join("\n");
const THEMED_NOTE = ["2025-03-09", "", "● 投资建议", "建议关注：光模块：新易盛、无名光电等。", ""].join("\n");

async function withExcelPage(body: (page: Page) => Promise<void>): Promise<void> {
  const opened = await openTaskpane(harness, { locale: "en-US", office: { kind: "excel", displayLanguage: "en-US" } });
  try {
    await waitForReady(opened.page, "excel");
    await body(opened.page);
    expect(opened.errors).toEqual([]);
    expect(opened.dialogs).toEqual([]);
  } finally {
    await opened.close();
  }
}

async function parseNote(page: Page, text: string): Promise<void> {
  await page.locator("#aic-tab-import").click();
  await page.locator("#aic-note-text textarea").fill(text);
  await page.locator(".aic-section-import [data-focus-key='parse']").click();
  await page.locator(".aic-import-body [data-import-index]").first().waitFor({ state: "visible" });
}

async function previewAndInsert(page: Page, index: number, rows: number): Promise<string> {
  const item = page.locator(`.aic-import-body [data-import-index="${index}"]`);
  await item.locator("[data-focus-key^='preview:']").click();
  await page.locator(".aic-section-import .aic-preview-body table").waitFor({ state: "visible" });
  const meta = (await page.locator(".aic-section-import .aic-preview-body .aic-meta").allTextContents()).join(" | ");
  await queueExcelResults(page, [{ sheetName: "Picks", tableName: "AIC_picks", tableAddress: "'Picks'!A11:D13", rowCount: rows, syncCount: 3 }]);
  // Preview opens in place of the list: its own Insert inserts the list shown.
  await page.locator(".aic-section-import .aic-preview [data-fn='insert']").first().click();
  await page.getByText(STRINGS.en.insertDone.split(" {rows}")[0]!, { exact: false }).first().waitFor({ state: "visible" });
  return meta;
}

test("a note that prints no date: it says so, the analyst types the date, and the list is inserted with it", async () => {
  await withExcelPage(async (page) => {
    await parseNote(page, UNDATED_NOTE);
    const parseMessage = page.locator(".aic-section-import [data-messages='import']");
    await expect(parseMessage.textContent()).resolves.toContain("This note prints no date");
    // The preview says the date is not the note's.
    await page.locator('.aic-import-body [data-import-index="0"] [data-focus-key^="preview:"]').click();
    await page.locator(".aic-section-import .aic-preview-body table").waitFor({ state: "visible" });
    await expect(page.locator(".aic-section-import .aic-preview-body").textContent()).resolves.toContain("(not printed in the note)");
    await page.locator(".aic-section-import [data-focus-key='preview:import:back']").click();

    await page.locator("#aic-import-report-date input").fill("2025-03-09");
    await page.locator("#aic-import-report-date input").press("Enter");
    await page.locator("#aic-import-report-date input").blur();
    await page.waitForFunction(() => {
      const text = document.querySelector(".aic-section-import [data-messages='import']")?.textContent ?? "";
      return text !== "" && !text.includes("This note prints no date");
    });
    const meta = await previewAndInsert(page, 0, 2);
    expect(meta).toContain("2025-03-09 (entered)");
    // Each preview row is [ticker (the sticky row header), name, …].
    expect((await previewRows(page)).rows.map((r) => r.slice(0, 2))).toEqual([["000977.SZ", "浪潮信息"], ["002230.SZ", "科大讯飞"]]);
    await expect(page.locator(".aic-section-import .aic-preview-body tbody th").allTextContents()).resolves.toEqual(["000977.SZ", "002230.SZ"]);
  });
});

test("a name nothing knows: the analyst types its ticker, and the list is inserted with it", async () => {
  await withExcelPage(async (page) => {
    await parseNote(page, THEMED_NOTE);
    // 新易盛 is in the bundled catalog (Huaxin's focus table); 无名光电 is known nowhere.
    // A Fluent text box (fluent-text-input) per unknown name, labelled by the name; typed into its inner input.
    const box = page.locator(".aic-unknown-names fluent-text-input[data-name='无名光电'] input");
    await box.waitFor({ state: "visible" });
    await expect(page.locator(".aic-unknown-names fluent-text-input").count()).resolves.toBe(1);
    await expect(page.getByRole("textbox", { name: "无名光电" }).count()).resolves.toBe(1);
    await box.fill("not a ticker");
    await page.locator("[data-focus-key='import:apply-tickers']").click();
    await page.locator(".aic-section-import [data-messages='import']", { hasText: "is not a ticker" }).waitFor();

    await box.fill("688001");
    await page.locator("[data-focus-key='import:apply-tickers']").click();
    await page.locator(".aic-unknown-names").waitFor({ state: "detached" });
    await previewAndInsert(page, 0, 2);
    // Each preview row is [ticker (the sticky row header), name, …]: the typed ticker sits beside its name.
    expect((await previewRows(page)).rows.map((r) => r.slice(0, 2))).toEqual([["300502.SZ", "新易盛"], ["688001.SH", "无名光电"]]);
    const tickers = await page.locator(".aic-section-import .aic-preview-body tbody th").allTextContents();
    expect(tickers).toEqual(["300502.SZ", "688001.SH"]);
  });
});
