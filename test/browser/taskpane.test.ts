/**
 * The taskpane in a real browser: the production build (dist/) served on 127.0.0.1 and driven in
 * Debian's Chromium. Outside Excel with the real office.js (from @microsoft/office-js), then inside a
 * stand-in Excel host (for the language Office reports, and for the screenshots in docs/screenshots).
 * Numbers are the reports' own: Huaxin 华鑫证券 2024-02-18 "重点关注公司及盈利预测" and Minsheng 民生证券
 * 2024-02-25 "表5: 重点关注个股", as excerpted in test/fixtures.
 */
import type { Page } from "playwright-core";
import type { CatalogIndex, PickList } from "../../src/picks/types";
import { STRINGS, type Lang, type StringKey } from "../../src/taskpane/i18n";
import {
  catalogFile,
  fixture,
  openTaskpane,
  pasteAndParse,
  previewRows,
  selectTab,
  useHarness,
  waitForReady,
  type OpenedPage,
  type OpenOptions,
  isOfficeTelemetryViolation,
} from "./harness";
import { horizontalOverflow, readableText } from "./page-checks";

const HAN = /[\u3400-\u9fff]/;
const XSS = "<img src=x onerror=alert(1)>";
const HUAXIN_FOCUS = "huaxin-2024-02-18-focus";
const MINSHENG_FOCUS = "minsheng-2024-02-25-table5-focus";

/** The Huaxin note's "重点关注公司及盈利预测" table as a person copies it: caption to source line. */
const HUAXIN_TABLE = (() => {
  const note = fixture("huaxin-excerpt.txt");
  const start = note.indexOf("重点关注公司及盈利预测");
  if (start < 0) throw new Error("test/fixtures/huaxin-excerpt.txt has no 重点关注公司及盈利预测 table");
  return note.slice(start);
})();
/** Its tickers, read from the note's text itself (lines that start with a code such as 000977.SZ). */
const HUAXIN_TICKERS = [...HUAXIN_TABLE.matchAll(/^(\d{6}\.S[HZ])\t/gm)].map((m) => m[1]);

/** Strings on screen in each tab once the catalog has loaded (outside Excel), by tab. */
const SHOWN_IN: Record<"catalog" | "import" | "refresh" | "tools" | "feeds", StringKey[]> = {
  // The catalog with a list's preview open in place (the test opens one first).
  catalog: ["appTitle", "helpLink", "tabCatalog", "tabImport", "tabRefresh", "tabTools", "tabFeeds", "catalogHeading", "previewHeading", "backButton", "insertButton"],
  import: ["importHeading", "importIntro", "importLabel", "parseButton", "resultsHeading", "previewButton", "insertButton"],
  feeds: [
  "feedsHeading",
  "feedsIntro",
  "feedsEmpty",
  "feedAddHeading",
  "feedUrlLabel",
  "feedUrlHint",
  "feedNameLabel",
  "feedCsvLabel",
  "addFeedButton",
  ],
  refresh: [
  "refreshHeading",
  "refreshIntro",
  "refreshSelectionButton",
  "refreshSheetButton",
  "refreshAllButton",
  "needsExcel",
  ],
  tools: [
  "analysisHeading",
  "compareHeading",
  "compareIntro",
  "compareButton",
  "computeHeading",
  "computeIntro",
  "computeButton",
  "shareHeading",
  "shareIntro",
  "shareScope",
  "scopeWorkbook",
  "scopeSheet",
  "freezeButton",
  "restoreButton",
  ],
};

const harness = useHarness();

/** Opens the taskpane, runs `body`, and then requires a clean page: no errors, dialogs or stray requests. */
async function withPage(options: OpenOptions, body: (opened: OpenedPage) => Promise<void>): Promise<void> {
  const opened = await openTaskpane(harness, options);
  try {
    await body(opened);
    expect(opened.errors).toEqual([]);
    expect(opened.dialogs).toEqual([]);
    expect(opened.blockedExternal).toEqual([]);
  } finally {
    await opened.close();
  }
}

function listItem(page: Page, id: string) {
  return page.locator(`.aic-catalog-body [data-list-id="${id}"]`);
}

/** Opens a catalog list's preview in place (from the list, going Back first if another preview is open). */
async function openPreview(page: Page, id: string): Promise<void> {
  await selectTab(page, "catalog");
  const open = page.locator('[data-preview="catalog"]:not([hidden]) .aic-back-button');
  if (await open.count()) await open.click();
  await listItem(page, id).locator("fluent-button").first().click();
  await page.locator(`.aic-preview-title[data-list-id="${id}"]`).waitFor({ state: "visible" });
}

async function switchLanguage(page: Page, lang: Lang): Promise<void> {
  await page.locator(`fluent-button[data-lang="${lang}"]`).click();
  await page.locator(`html[lang="${lang === "zh" ? "zh-CN" : "en"}"]`).waitFor({ state: "attached" });
}

describe("outside Excel (office.js from @microsoft/office-js, Office.onReady with host null)", () => {
  test("loads without console errors, says it must run in Excel, and lists both notes' lists", async () => {
    await withPage({ locale: "en-US" }, async ({ page, officeJsNoise }) => {
      await waitForReady(page, "outside");
      await expect(page.locator("#aic-host-status").textContent()).resolves.toContain(STRINGS.en.hostOutside);

      const index = catalogFile<CatalogIndex>("index.json");
      const reportTitles = await page.locator(".aic-report-title").allTextContents();
      // Newest first: Minsheng (2024-02-25), then Huaxin (2024-02-18).
      const byDate = [...index.reports].sort((a, b) => b.reportDate.localeCompare(a.reportDate));
      expect(reportTitles).toEqual(byDate.map((r) => `${r.brokerEn} · ${r.reportTitle}`));
      for (const report of index.reports)
        for (const entry of report.lists) {
          const item = listItem(page, entry.id);
          await expect(item.locator(".aic-list-title").textContent()).resolves.toBe(entry.title.en);
          await expect(item.textContent()).resolves.toContain(`${entry.rowCount} rows`);
        }
      // Insert needs Excel: every Insert button is disabled and says why.
      const inserts = page.locator('.aic-catalog-body [data-fn="insert"]');
      await expect(inserts.count()).resolves.toBe(index.reports.reduce((n, r) => n + r.lists.length, 0));
      for (const b of await inserts.all()) {
        await expect(b.getAttribute("disabled")).resolves.not.toBeNull();
        await expect(b.getAttribute("aria-describedby")).resolves.toBe("aic-host-status");
      }

      // office.js outside Office sets up its telemetry 3 s after loading: wait that out, so the error
      // check below (withPage) also covers everything the page logs after it has settled.
      await page.waitForTimeout(3_500);
      expect(officeJsNoise.every((e) => /telemetryservice|o15apptofilemappingtable/.test(e))).toBe(true);
    });
  });

  test("previews a list with the report's numbers: price 0.00, EPS 0.00, P/E 0.0, blanks as —", async () => {
    await withPage({ locale: "en-US" }, async ({ page }) => {
      await waitForReady(page);
      await openPreview(page, HUAXIN_FOCUS);
      const huaxin = await previewRows(page);
      expect(huaxin.headers.slice(0, 3)).toEqual(["Ticker", "Name", "Price"]);
      expect(huaxin.rows.map((r) => r[0])).toEqual(HUAXIN_TICKERS);
      // 000977.SZ 浪潮信息 30.38 | EPS 1.57 2.07 2.69 | PE 19.35 14.68 11.29 | 买入
      expect(huaxin.rows.find((r) => r[0] === "000977.SZ")).toEqual(["000977.SZ", "浪潮信息", "30.38", "1.57", "2.07", "2.69", "19.4", "14.7", "11.3", "买入"]);
      // 688256.SH 寒武纪-U 115.40 | EPS -3.13 -2.06 -1.34 | PE blank in the report | 未评级
      expect(huaxin.rows.find((r) => r[0] === "688256.SH")).toEqual(["688256.SH", "寒武纪-U", "115.40", "-3.13", "-2.06", "-1.34", "—", "—", "—", "未评级"]);
      await expect(page.locator('[data-preview="catalog"] .aic-preview-body').textContent()).resolves.toContain("Prices as of 2024-02-18");
      // Focus follows the preview, for keyboard and screen-reader users.
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("aic-preview-heading-catalog");
      // The ticker and name columns stay in view when the table scrolls sideways.
      const stuck = await page.locator('[data-preview="catalog"] .aic-table-scroll').evaluate((region) => {
        region.scrollLeft = region.scrollWidth;
        const regionLeft = region.getBoundingClientRect().left;
        const first = region.querySelector("tbody tr")!;
        return [...first.querySelectorAll(".aic-sticky")].map((c) => Math.round(c.getBoundingClientRect().left - regionLeft));
      });
      expect(stuck[0]).toBeLessThanOrEqual(1);
      expect(stuck[1]).toBeGreaterThan(40);
      expect(stuck[1]).toBeLessThan(140);

      await openPreview(page, MINSHENG_FOCUS);
      const minsheng = await previewRows(page);
      // 表5: 002230.SZ 科大讯飞 46.33 6.38% 0.64 0.70 0.24 72 66 193 6.6
      expect(minsheng.rows[0]).toEqual(["002230.SZ", "科大讯飞", "46.33", "6.38%", "0.64", "0.70", "0.24", "72.0", "66.0", "193.0", "6.60"]);
    });
  });

  test("works from the keyboard: help, language, tabs (arrow keys), then the tab's controls; Back returns focus to the row", async () => {
    await withPage({ locale: "en-US" }, async ({ page }) => {
      await waitForReady(page);
      const focused = () =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          return { label: el.getAttribute("aria-label") ?? el.textContent?.trim(), key: el.getAttribute("data-focus-key"), id: el.id };
        });
      // Tab order from the top: Help, the language switch, the selected tab, then the Catalog's first Preview.
      await page.keyboard.press("Tab");
      await expect(focused()).resolves.toMatchObject({ key: "help" });
      await page.keyboard.press("Tab");
      await expect(focused()).resolves.toMatchObject({ label: "中文" });
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      await expect(focused()).resolves.toMatchObject({ id: "aic-tab-catalog" });
      // Arrow keys move between tabs and show each tab's panel.
      await page.keyboard.press("ArrowRight");
      await expect(focused()).resolves.toMatchObject({ id: "aic-tab-import" });
      await page.locator("#aic-panel-import").waitFor({ state: "visible" });
      await expect(page.locator("#aic-panel-catalog").isHidden()).resolves.toBe(true);
      await page.keyboard.press("ArrowLeft");
      await expect(focused()).resolves.toMatchObject({ id: "aic-tab-catalog" });
      await page.locator("#aic-panel-catalog").waitFor({ state: "visible" });
      // One Tab from the tabs into the panel: the first Preview, 6 tab stops from the top (was 32 for Parse).
      await page.keyboard.press("Tab");
      const first = await focused();
      expect(first.label).toMatch(/^Preview “/);
      await page.keyboard.press("Enter");
      await page.locator('[data-preview="catalog"] table').waitFor({ state: "visible" });
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("aic-preview-heading-catalog");
      // Back (the next Tab stop before the heading) returns to the list, focus on the row's Preview.
      await page.locator(".aic-back-button >> visible=true").focus();
      await page.keyboard.press("Enter");
      await page.locator('[data-preview="catalog"]').waitFor({ state: "hidden" });
      await expect(focused()).resolves.toMatchObject({ key: first.key });
      // Space on the language switch changes the language and keeps focus on the switch.
      await page.locator('fluent-button[data-lang="zh"]').focus();
      await page.keyboard.press("Space");
      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe("zh-CN");
      await expect(focused()).resolves.toMatchObject({ label: "中文" });
    });
  });

  test("the language switch changes every visible string (data such as stock names aside)", async () => {
    // The browser's language is Chinese, so the page starts in Chinese outside Office.
    await withPage({ locale: "zh-CN" }, async ({ page }) => {
      await waitForReady(page);
      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe("zh-CN");
      await openPreview(page, HUAXIN_FOCUS);
      const zhHeaders = (await previewRows(page)).headers;
      await pasteAndParse(page, HUAXIN_TABLE);
      // Every string in every tab, in each language.
      const readAllTabs = async () => {
        const all = { ui: [] as string[], attributes: [] as string[], dataElements: 0 };
        for (const tab of ["catalog", "import", "refresh", "tools", "feeds"] as const) {
          await selectTab(page, tab);
          const read = await readableText(page);
          all.ui.push(...read.ui);
          all.attributes.push(...read.attributes);
          all.dataElements += read.dataElements;
          (all as unknown as Record<string, string[]>)[tab] = read.ui;
        }
        return all as typeof all & Record<keyof typeof SHOWN_IN, string[]>;
      };

      await switchLanguage(page, "en");
      const en = await readAllTabs();
      expect(en.dataElements).toBeGreaterThan(10); // stock names, titles, captions were there to skip
      expect(en.ui.filter((t) => HAN.test(t))).toEqual([]);
      expect(en.attributes.filter((t) => HAN.test(t))).toEqual([]);
      for (const [tab, keys] of Object.entries(SHOWN_IN)) for (const key of keys) expect({ tab, key, shown: en[tab as keyof typeof SHOWN_IN].includes(STRINGS.en[key]) }).toEqual({ tab, key, shown: true });
      await selectTab(page, "catalog");
      const enHeaders = (await previewRows(page)).headers;
      expect(enHeaders).not.toEqual(zhHeaders);
      expect(enHeaders.filter((t) => HAN.test(t))).toEqual([]);

      await switchLanguage(page, "zh");
      const zh = await readAllTabs();
      for (const [tab, keys] of Object.entries(SHOWN_IN)) for (const key of keys) expect({ tab, key, shown: zh[tab as keyof typeof SHOWN_IN].includes(STRINGS.zh[key]) }).toEqual({ tab, key, shown: true });
      // Every sentence is Chinese; what remains without Han characters is codes, figures and punctuation
      // (EPS 2023E, —, the 《》 around a report title): capitals, digits and symbols only, no English words.
      const notChinese = (t: string) =>
        !HAN.test(t) && !/^[\sA-Z0-9/.,:;%()\-–—+·|×“”"'’\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]*$/.test(t);
      expect(zh.ui.filter(notChinese)).toEqual([]);
      expect(zh.attributes.filter(notChinese)).toEqual([]);
      await selectTab(page, "catalog");
      await expect(previewRows(page).then((t) => t.headers)).resolves.toEqual(zhHeaders);
    });
  });

  test("pasting the Huaxin note's table shows its rows, ready to preview", async () => {
    await withPage({ locale: "en-US" }, async ({ page }) => {
      await waitForReady(page);
      await pasteAndParse(page, HUAXIN_TABLE);
      await expect(page.locator(".aic-section-import .aic-message-body").textContent()).resolves.toBe(STRINGS.en.parseFoundOne);
      const found = page.locator('.aic-import-body [data-import-index="0"]');
      await expect(found.textContent()).resolves.toContain(`${HUAXIN_TICKERS.length} rows`);
      await expect(found.textContent()).resolves.toContain("重点关注公司及盈利预测");
      await found.locator("fluent-button").first().click();
      const rows = (await previewRows(page)).rows;
      expect(rows.map((r) => r[0])).toEqual(HUAXIN_TICKERS);
      expect(rows.find((r) => r[0] === "000977.SZ")!.slice(1, 6)).toEqual(["浪潮信息", "30.38", "1.57", "2.07", "2.69"]);
      // 002261.SZ 拓维信息: the 2022 P/E is blank in the note.
      expect(rows.find((r) => r[0] === "002261.SZ")!.slice(6, 9)).toEqual(["—", "100.0", "49.0"]);
    });
  });

  test(`a list whose stock name is ${XSS} shows that text literally and runs nothing`, async () => {
    const list = catalogFile<PickList>(`${MINSHENG_FOCUS}.json`);
    list.title = { zh: XSS, en: XSS };
    list.rows[0].name = XSS;
    const requested: string[] = [];
    await withPage({ locale: "en-US" }, async (opened) => {
      const { page } = opened;
      page.on("request", (r) => requested.push(r.url()));
      await waitForReady(page);
      await pasteAndParse(page, JSON.stringify(list));
      await expect(page.locator(".aic-import-body .aic-list-title").textContent()).resolves.toBe(XSS);
      await page.locator(".aic-import-body [data-import-index='0'] fluent-button").first().click();
      await expect(page.locator('[data-preview="import"] .aic-preview-title').textContent()).resolves.toBe(XSS);
      const cell = await page.evaluate(() => {
        const td = document.querySelectorAll('[data-preview="import"] .aic-preview-body tbody tr')[0].querySelectorAll("th, td")[1];
        return { text: td.textContent, childNodes: [...td.childNodes].map((n) => n.nodeName) };
      });
      expect(cell).toEqual({ text: XSS, childNodes: ["#text"] });
      // Give a parsed <img> every chance to load and fire onerror, then check nothing happened.
      await page.waitForTimeout(300);
      await expect(page.evaluate(() => document.querySelectorAll("img").length)).resolves.toBe(0);
      expect(requested.filter((u) => /\/x$/.test(u))).toEqual([]);
      expect(opened.dialogs).toEqual([]);
      // Not even blocked by the CSP: no inline handler was ever created to be blocked. (office.js's own
      // telemetry outside Office, 3 s after loading, is blocked too: harness.ts's OFFICE_JS_NOISE.)
      await expect(opened.violations().then((v) => v.filter((x) => !isOfficeTelemetryViolation(x)))).resolves.toEqual([]);
    });
  });

  test("at 320 px wide nothing overflows (the preview table scrolls inside its own region)", async () => {
    await withPage({ locale: "en-US", viewport: { width: 320, height: 800 } }, async ({ page }) => {
      await waitForReady(page);
      const states: [string, () => Promise<void>][] = [
        ["catalog", async () => undefined],
        ["preview", () => openPreview(page, MINSHENG_FOCUS)], // the widest list: 11 columns
        ["import", () => pasteAndParse(page, HUAXIN_TABLE)],
        ["zh", () => switchLanguage(page, "zh")],
      ];
      for (const [state, reach] of states) {
        await reach();
        const overflow = await horizontalOverflow(page);
        expect({ state, ...overflow }).toEqual({ state, viewportWidth: 320, scrollWidth: 320, outside: [] });
      }
      // The table really is wider than the pane, and its region scrolls.
      await selectTab(page, "catalog");
      const region = await page.locator(".aic-table-scroll >> visible=true").evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(region.scroll).toBeGreaterThan(region.client);
    });
  });
});

describe("in Excel (a stand-in office.js whose Office.onReady reports Excel)", () => {
  test.each([
    ["zh-CN", "en-US", "zh"],
    ["en-US", "zh-CN", "en"],
  ] as const)("follows Office's display language %s over the browser's %s, and enables Insert", async (displayLanguage, locale, lang) => {
    await withPage({ locale, office: { kind: "excel", displayLanguage } }, async ({ page }) => {
      await waitForReady(page, "excel");
      await expect(page.locator("h1").textContent()).resolves.toBe(STRINGS[lang].appTitle);
      await expect(page.locator('.aic-catalog-body [data-fn="insert"]').first().getAttribute("disabled")).resolves.toBeNull();
    });
  });
});
