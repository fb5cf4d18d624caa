/**
 * The taskpane's shell in a real browser (issue 13): tabs and the keyboard, each tab's scroll position,
 * message bars (cleared by a new action, dismissed, Retry, Details), no focused control ever obscured
 * (checked generically over a Tab walk of every tab), the Chinese UI without English sentences, the
 * import worker on an 8,000-row paste, Office's dark and black themes and the browser's dark preference,
 * axe-core with zero violations in every state in both languages and both themes, no CSP violation;
 * and the screenshots in docs/screenshots (light and dark, zh and en).
 */
import type { Page } from "playwright-core";
import type { RefreshConflict, RefreshReport } from "../../src/excel/refresh";
import type { TakeTheirsResult } from "../../src/excel/conflicts";
import { diffPickLists } from "../../src/picks/diff";
import { describeConflict, type Conflict } from "../../src/picks/merge";
import type { CellValue, PickList } from "../../src/picks/types";
import { STRINGS, type Lang } from "../../src/taskpane/i18n";
import { bigNote } from "../taskpane/big-note";
import {
  WORKBOOK_READ_FAILS,
  catalogFile,
  fixture,
  isOfficeTelemetryViolation,
  openTaskpane,
  pasteAndParse,
  previewRows,
  queueExcelResults,
  selectTab,
  useHarness,
  waitForReady,
  type OpenedPage,
  type OpenOptions,
  type TabId,
} from "./harness";
import { axeViolations, readableText } from "./page-checks";
import { shoot } from "./screenshots";

const TABS: TabId[] = ["catalog", "import", "refresh", "tools", "feeds"];
const HAN = /[\u3400-\u9fff]/;
const HUAXIN_TABLE = (() => {
  const note = fixture("huaxin-excerpt.txt");
  return note.slice(note.indexOf("重点关注公司及盈利预测"));
})();

const harness = useHarness();

const inExcel = (lang: Lang, extra: Partial<{ bodyBackgroundColor: string }> = {}): OpenOptions => ({
  locale: lang === "zh" ? "zh-CN" : "en-US",
  office: { kind: "excel", displayLanguage: lang === "zh" ? "zh-CN" : "en-US", ...extra },
});

/** Opens the taskpane, runs `body`, then requires a clean page: no errors, dialogs, stray requests or CSP violations. */
async function withPage(options: OpenOptions, body: (opened: OpenedPage) => Promise<void>): Promise<void> {
  const opened = await openTaskpane(harness, options);
  try {
    await body(opened);
    expect(opened.errors).toEqual([]);
    expect(opened.dialogs).toEqual([]);
    expect(opened.blockedExternal).toEqual([]);
    expect((await opened.violations()).filter((v) => !isOfficeTelemetryViolation(v))).toEqual([]);
  } finally {
    await opened.close();
  }
}

/**
 * Tabs through the page from the top (up to `limit` stops) and, at each focused control, checks that
 * the point at its centre hits it (document.elementFromPoint): nothing (a bar, a header, a sticky
 * column) covers it, and it is inside the viewport. Returns the problems and how many stops were seen.
 */
async function tabWalk(page: Page, limit = 80): Promise<{ stops: number; obscured: string[] }> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.locator("body").focus();
  const obscured: string[] = [];
  const seen = new Set<string>();
  let stops = 0;
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const r = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const box = el.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      const inView = x >= 0 && y >= 0 && x < window.innerWidth && y < window.innerHeight;
      const hit = document.elementFromPoint(x, y);
      const ok = inView && hit !== null && (hit === el || el.contains(hit) || (hit.shadowRoot !== null && hit === el));
      const name = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}[${el.getAttribute("data-focus-key") ?? el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 30)}]`;
      return { name, ok, hit: hit ? `${hit.tagName.toLowerCase()}.${hit.className}` : "nothing", y: Math.round(y) };
    });
    if (!r) continue;
    if (seen.has(r.name)) break; // back at the start
    seen.add(r.name);
    stops++;
    if (!r.ok) obscured.push(`${r.name} at y=${r.y} hits ${r.hit}`);
  }
  return { stops, obscured };
}

describe("tabs", () => {
  test("five tabs; clicking and the arrow keys switch them; each keeps its own scroll position", async () => {
    await withPage({ ...inExcel("en"), viewport: { width: 360, height: 500 } }, async ({ page }) => {
      await waitForReady(page, "excel");
      await expect(page.locator("fluent-tab").allTextContents()).resolves.toEqual(["Catalog", "Import", "Refresh", "Tools", "Feeds"]);
      await expect(page.locator("fluent-tablist").getAttribute("aria-label")).resolves.toBe("Sections");
      // Only the selected tab's panel shows.
      for (const tab of TABS) {
        await selectTab(page, tab);
        await expect(page.locator('[role="tabpanel"]:not([hidden])').getAttribute("id")).resolves.toBe(`aic-panel-${tab}`);
        await expect(page.locator(`#aic-tab-${tab}`).getAttribute("aria-selected")).resolves.toBe("true");
      }
      // One placement in every tab: a message area directly under the heading of each section with actions,
      // before anything else (Tools: "tools" under Compare and model, "share" under Share the workbook).
      const placement = await page.evaluate((tabs) =>
        tabs.map((tab) => {
          const panel = document.getElementById(`aic-panel-${tab}`)!;
          const areas = [...panel.querySelectorAll<HTMLElement>("[data-messages]")];
          const headings = [...panel.querySelectorAll("section > h2")].filter((h2) => h2.parentElement!.parentElement === panel);
          return {
            tab,
            areas: areas.map((a) => a.dataset.messages),
            underHeadings: areas.every((a, i) => a.previousElementSibling === headings[i] && headings[i]!.getAttribute("tabindex") === "-1"),
          };
        }),
      TABS);
      expect(placement).toEqual(TABS.map((tab) => ({ tab, areas: tab === "tools" ? ["tools", "share"] : [tab], underHeadings: true })));
      // Scroll the catalog, visit another tab, come back: where it was.
      await selectTab(page, "catalog");
      await page.locator("#aic-main").evaluate((m) => (m.scrollTop = 300));
      await selectTab(page, "tools");
      await expect(page.locator("#aic-main").evaluate((m) => m.scrollTop)).resolves.toBe(0);
      await selectTab(page, "catalog");
      await expect(page.locator("#aic-main").evaluate((m) => m.scrollTop)).resolves.toBe(300);
    });
  });

  test("a preview opens in place; Back returns to the list at the same scroll position, focus on the row's Preview", async () => {
    await withPage({ ...inExcel("en"), viewport: { width: 360, height: 500 } }, async ({ page }) => {
      await waitForReady(page, "excel");
      const preview = page.locator('[data-list-id="huaxin-2024-02-18-focus"] fluent-button').first();
      await preview.scrollIntoViewIfNeeded();
      const before = await page.locator("#aic-main").evaluate((m) => m.scrollTop);
      expect(before).toBeGreaterThan(0);
      await preview.click();
      await expect(page.locator(".aic-catalog-body").isHidden()).resolves.toBe(true);
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("aic-preview-heading-catalog");
      // The list's first 200 rows at most: the Huaxin list has 17, so no "showing" line.
      await expect((await previewRows(page)).rows.length).toBe(17);
      await page.locator('[data-preview="catalog"] .aic-back-button').click();
      await expect(page.evaluate(() => document.activeElement?.getAttribute("data-focus-key"))).resolves.toBe("preview:catalog:huaxin-2024-02-18-focus");
      await expect(page.locator("#aic-main").evaluate((m) => m.scrollTop)).resolves.toBe(before);
    });
  });
});

describe("message bars", () => {
  test("a new action clears the old message; × dismisses; an insert that fails offers Retry and Details", async () => {
    await withPage(inExcel("en"), async ({ page }) => {
      await waitForReady(page, "excel");
      // Parse with nothing pasted: an error bar.
      await selectTab(page, "import");
      await page.locator('[data-focus-key="parse"]').click();
      const bars = page.locator(".aic-section-import .aic-message");
      await expect(bars.count()).resolves.toBe(1);
      await expect(bars.getAttribute("data-intent")).resolves.toBe("error");
      await expect(bars.locator(".aic-message-body").textContent()).resolves.toBe(STRINGS.en.parseEmptyInput);
      // Parse a note: the error is replaced by the outcome, not stacked beside it.
      await pasteAndParse(page, HUAXIN_TABLE);
      await expect(bars.count()).resolves.toBe(1);
      await expect(bars.locator(".aic-message-body").textContent()).resolves.toBe(STRINGS.en.parseFoundOne);
      // Dismiss: gone, focus to the tab's heading.
      await bars.locator(".aic-message-dismiss").focus();
      await page.keyboard.press("Enter");
      await expect(bars.count()).resolves.toBe(0);
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("aic-import-heading");
      // Insert: the stand-in's Excel.run has no workbook and fails: an error with Details and Retry, in this tab only.
      await page.locator('.aic-import-body [data-fn="insert"]').click();
      await bars.waitFor();
      await expect(bars.getAttribute("data-intent")).resolves.toBe("error");
      await expect(bars.locator(".aic-message-body").textContent()).resolves.toMatch(/^The insert failed: /);
      await expect(bars.locator(".aic-details-text").textContent()).resolves.toContain("no workbook in this test page");
      await expect(page.locator(".aic-section-catalog .aic-message").count()).resolves.toBe(0);
      await bars.getByRole("button", { name: "Retry" }).click();
      await expect(bars.count()).resolves.toBe(1);
      await expect(bars.getAttribute("data-intent")).resolves.toBe("error");
      // No footer anywhere: nothing fixed or sticky at the bottom of the pane.
      await expect(page.locator(".aic-statusbar").count()).resolves.toBe(0);
    });
  });

  test("Refresh and Tools say their outcome in the bar of the section that ran it: Retry, Details, cleared by the next action, dismissed by keyboard", async () => {
    await withPage(inExcel("en"), async ({ page }) => {
      await waitForReady(page, "excel");
      // The stand-in's Excel.run has no workbook: each action fails, as Office would with its own words.
      await selectTab(page, "refresh");
      await page.locator("[data-focus-key='refresh:all']").click();
      const refreshBars = page.locator('[data-messages="refresh"] fluent-message-bar');
      await refreshBars.waitFor();
      await expect(refreshBars.getAttribute("intent")).resolves.toBe("error");
      await expect(refreshBars.locator(".aic-message-body").textContent()).resolves.toBe(
        STRINGS.en.refreshNotRun.replace("{reason}", STRINGS.en.errorUnexpected),
      );
      // Office's raw words only under Details (closed until opened).
      const details = refreshBars.locator(".aic-details");
      await expect(details.getAttribute("open")).resolves.toBeNull();
      await details.locator("summary").click();
      await expect(details.locator(".aic-details-text").textContent()).resolves.toBe("no workbook in this test page");
      // Nothing inline below the buttons: the outcome is the bar's.
      await expect(page.locator(".aic-section-refresh .aic-result-area").textContent()).resolves.toBe("");
      // Retry runs it again: still one bar, not two.
      await refreshBars.getByRole("button", { name: "Retry" }).click();
      await expect(refreshBars.count()).resolves.toBe(1);
      // Dismissed from the keyboard: gone, focus on the tab's heading.
      await refreshBars.locator(".aic-message-dismiss").focus();
      await page.keyboard.press("Enter");
      await expect(refreshBars.count()).resolves.toBe(0);
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("aic-refresh-heading");

      await selectTab(page, "tools");
      const toolBars = page.locator('[data-messages="tools"] fluent-message-bar');
      const shareBars = page.locator('[data-messages="share"] fluent-message-bar');
      await page.locator("[data-focus-key='tool:compare']").click();
      await page.locator('[data-messages="tools"] fluent-message-bar[data-topic="compare"]').waitFor();
      await expect(toolBars.locator(".aic-message-body").textContent()).resolves.toBe(STRINGS.en.compareFailed.replace("{reason}", STRINGS.en.errorUnexpected));
      await expect(toolBars.getByRole("button", { name: "Retry" }).count()).resolves.toBe(1);
      // The next action clears the old message: the freeze's, in the Share section, replaces the comparison's.
      await page.locator("[data-focus-key='tool:freeze']").click();
      await page.locator('.aic-section-share [data-messages="share"] fluent-message-bar[data-topic="freeze"]').waitFor();
      await expect(toolBars.count()).resolves.toBe(0);
      await expect(shareBars.count()).resolves.toBe(1);
      await expect(shareBars.locator(".aic-message-body").textContent()).resolves.toBe(STRINGS.en.freezeFailed.replace("{reason}", STRINGS.en.errorUnexpected));
      // The other tab's message stays its own.
      await expect(page.locator('[data-messages="refresh"] fluent-message-bar').count()).resolves.toBe(0);
      // Dismissed from the keyboard: gone, focus on the Share section's heading.
      await shareBars.locator(".aic-message-dismiss").focus();
      await page.keyboard.press("Space");
      await expect(shareBars.count()).resolves.toBe(0);
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("aic-share-heading");
      // And the comparison's bar, dismissed, puts focus on Compare and model's heading.
      await page.locator("[data-focus-key='tool:compare']").click();
      await toolBars.waitFor();
      await toolBars.locator(".aic-message-dismiss").focus();
      await page.keyboard.press("Enter");
      await expect(toolBars.count()).resolves.toBe(0);
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("aic-analysis-heading");
    });
  });
});

/** Asks to add a feed on an origin this page does not allow yet: the reload dialog opens. */
async function openReloadDialog(page: Page, lang: Lang): Promise<void> {
  await selectTab(page, "feeds");
  await page.locator("#aic-feed-url input").fill("https://elsewhere.example.com/x.json");
  await page.locator("#aic-feed-url input").press("Enter");
  await page.getByRole("dialog", { name: STRINGS[lang].dialogReloadTitle }).waitFor();
}

/**
 * A refresh of the Huaxin table (华鑫证券 2024-02-18, 重点关注公司及盈利预测) that kept two values the analyst
 * typed where the broker changed them too: 浪潮信息's EPS 2022 (1.57 → 1.65, the analyst's 1.6) and its
 * rating (买入 → 增持, the analyst's 持有(我的判断)), row 13 of the sheet. Each conflict's words are
 * src/picks' (describeConflict), as src/excel/refresh.ts gives them.
 */
function refreshWithConflicts(): RefreshReport {
  const huaxin = catalogFile<PickList>("huaxin-2024-02-18-focus.json");
  const conflict = (key: string, column: number, base: CellValue, mine: CellValue, theirs: CellValue): RefreshConflict => {
    const col = huaxin.columns.find((c) => c.key === key)!;
    const change: Conflict = { index: 1, key, kind: col.kind, year: col.year, estimate: col.estimate, ticker: "000977.SZ", name: "浪潮信息", base, mine, theirs };
    return {
      tableId: "{1}",
      tableName: "AIC_huaxin_2024_02_18_focus",
      listId: huaxin.id,
      language: "zh",
      sheetId: "{sheet-1}",
      sheetName: "重点关注公司及盈利预测",
      row: 12,
      column,
      address: `'重点关注公司及盈利预测'!${String.fromCharCode(65 + column)}13`,
      tickerColumn: 0,
      ticker: "000977.SZ",
      name: "浪潮信息",
      key,
      kind: col.kind,
      base,
      mine,
      theirs,
      label: col.label,
      text: { zh: describeConflict(change, huaxin.columns, "zh"), en: describeConflict(change, huaxin.columns, "en") },
    };
  };
  const conflicts = [conflict("eps_2022", 3, 1.57, 1.6, 1.65), conflict("rating", 9, "买入", "持有(我的判断)", "增持")];
  return {
    outcomes: [
      {
        tableId: "{1}",
        tableName: "AIC_huaxin_2024_02_18_focus",
        sheetName: "重点关注公司及盈利预测",
        listId: huaxin.id,
        status: "refreshed",
        summary: [],
        diff: diffPickLists(huaxin, huaxin),
        error: null,
        stale: null,
        restored: false,
        counts: null,
        syncCount: 2,
        conflicts,
      },
    ],
    orphans: [],
    unreadable: [],
    error: null,
    syncCount: 3,
  };
}

/** How many answers the Excel stand-in still holds (one taken per Excel.run). */
const queuedExcelResults = (page: Page) => page.evaluate(() => ((window as unknown as { __aicExcelResults?: unknown[] }).__aicExcelResults ?? []).length);

describe("dialogs", () => {
  test.each(["en", "zh"] as const)(
    "'Use broker's values for all' asks first: Cancel focused, Escape and Cancel change nothing and return focus; confirming takes them all in one call (%s)",
    async (lang) => {
      await withPage({ ...inExcel(lang), viewport: { width: 360, height: 640 } }, async ({ page }) => {
        await waitForReady(page, "excel");
        const found: Record<string, unknown[]> = {};
        const report = refreshWithConflicts();
        const taken: TakeTheirsResult = { written: report.outcomes[0]!.conflicts!, skipped: [], syncCount: 2 };
        await queueExcelResults(page, [report, WORKBOOK_READ_FAILS, taken]);
        await selectTab(page, "refresh");
        await page.locator("[data-focus-key='refresh:all']").click();
        const conflicts = page.locator(".aic-section-refresh .aic-conflict");
        await conflicts.first().waitFor();
        await expect(conflicts.locator(".aic-conflict-text").allTextContents()).resolves.toEqual(report.outcomes[0]!.conflicts!.map((c) => c.text[lang]));
        const all = page.locator("[data-focus-key='conflict:all']");
        await expect(all.textContent()).resolves.toBe(STRINGS[lang].refreshTakeTheirsAll);
        const dialog = page.locator('fluent-dialog[data-dialog="refresh-take-all"]');
        const focusKey = () => page.evaluate(() => document.activeElement?.getAttribute("data-focus-key") ?? null);
        const untouched = async () => {
          // Nothing written: the stand-in's answer for the take-all is still queued, both conflicts still offer their button.
          await expect(queuedExcelResults(page)).resolves.toBe(1);
          await expect(conflicts.locator("[data-focus-key^='conflict:{1}']").count()).resolves.toBe(2);
          await expect(page.locator('[data-messages="refresh"] fluent-message-bar[data-topic="take-theirs"]').count()).resolves.toBe(0);
        };

        // Opened from the keyboard: modal, named by its title, focus inside on Cancel (it replaces the analyst's values).
        await all.focus();
        await page.keyboard.press("Enter");
        await page.getByRole("dialog", { name: STRINGS[lang].refreshTakeAllTitle }).waitFor();
        await expect(dialog.locator(".aic-dialog-text").textContent()).resolves.toBe(STRINGS[lang].refreshTakeAllText.replace("{count}", "2"));
        await expect(focusKey()).resolves.toBe("dialog:refresh-take-all:cancel");
        found[`take-all dialog ${lang}`] = await axeViolations(page);
        // Escape: closed, focus back on the button that opened it, nothing changed.
        await page.keyboard.press("Escape");
        await dialog.waitFor({ state: "detached" });
        await expect(focusKey()).resolves.toBe("conflict:all");
        await untouched();
        // Cancel: the same.
        await page.keyboard.press("Enter");
        await page.getByRole("dialog", { name: STRINGS[lang].refreshTakeAllTitle }).waitFor();
        await expect(focusKey()).resolves.toBe("dialog:refresh-take-all:cancel");
        await page.keyboard.press("Enter");
        await dialog.waitFor({ state: "detached" });
        await expect(focusKey()).resolves.toBe("conflict:all");
        await untouched();
        // Confirmed: one call takes both; the outcome in the tab's message bar.
        await all.click();
        await page.getByRole("dialog", { name: STRINGS[lang].refreshTakeAllTitle }).waitFor();
        await dialog.getByRole("button", { name: STRINGS[lang].refreshTakeTheirsAll }).click();
        const bar = page.locator('[data-messages="refresh"] fluent-message-bar[data-topic="take-theirs"]');
        await bar.waitFor();
        await expect(queuedExcelResults(page)).resolves.toBe(0);
        await expect(bar.getAttribute("intent")).resolves.toBe("success");
        await expect(bar.locator(".aic-message-body").textContent()).resolves.toBe(STRINGS[lang].refreshTookTheirs.replace("{count}", "2"));
        await expect(conflicts.locator(".aic-conflict-taken").count()).resolves.toBe(2);
        expect(found).toEqual({ [`take-all dialog ${lang}`]: [] });
      });
    },
    60_000,
  );

  test.each(["en", "zh"] as const)("the reload confirmation is modal: focus inside, Tab stays in it, Escape closes it, focus returns (%s)", async (lang) => {
    await withPage({ ...inExcel(lang), viewport: { width: 360, height: 640 } }, async ({ page }) => {
      await waitForReady(page, "excel");
      await openReloadDialog(page, lang);
      // The <dialog> (role dialog, named by its title) is in fluent-dialog's shadow root; the content is the host's.
      const dialog = page.locator('fluent-dialog[data-dialog="feed-reload"]');
      await expect(dialog.locator(".aic-dialog-text").textContent()).resolves.toBe(STRINGS[lang].feedReloadNeeded.replace("{origin}", "https://elsewhere.example.com"));
      // Where focus is, at each Tab: always a button of the dialog, never the page behind it (inert), and not covered.
      const where = () =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          const box = el?.getBoundingClientRect();
          const hit = box ? document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) : null;
          return { key: el?.getAttribute("data-focus-key") ?? el?.tagName ?? null, inDialog: !!el?.closest("fluent-dialog"), hit: hit === el || (!!hit && !!el?.contains(hit)) };
        });
      const stops = [await where()];
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press("Tab");
        stops.push(await where());
      }
      expect(stops[0]).toEqual({ key: "dialog:feed-reload:confirm", inDialog: true, hit: true });
      expect(stops.filter((s) => s.key !== "BODY").every((s) => s.inDialog && s.hit)).toBe(true);
      expect(stops.map((s) => s.key)).toContain("dialog:feed-reload:cancel");
      await page.keyboard.press("Escape");
      await page.locator("fluent-dialog").waitFor({ state: "detached" });
      // Back in the URL box it was opened from; nothing saved, no reload.
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("aic-feed-url");
      await expect(page.evaluate(() => localStorage.getItem("aic.feedOriginPending"))).resolves.toBeNull();
      // Cancel by keyboard does the same.
      await page.locator("#aic-feed-url input").press("Enter");
      await page.getByRole("dialog", { name: STRINGS[lang].dialogReloadTitle }).waitFor();
      await page.keyboard.press("Tab");
      await expect(page.evaluate(() => document.activeElement?.getAttribute("data-focus-key"))).resolves.toBe("dialog:feed-reload:cancel");
      await page.keyboard.press("Enter");
      await page.locator("fluent-dialog").waitFor({ state: "detached" });
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("aic-feed-url");
    });
  });
});

describe("focus is never obscured (WCAG 2.2, 2.4.11)", () => {
  test.each(["en", "zh"] as const)("every focused control in every tab is what is at its centre (%s, 360 × 640)", async (lang) => {
    await withPage({ ...inExcel(lang), viewport: { width: 360, height: 640 } }, async ({ page }) => {
      await waitForReady(page, "excel");
      await pasteAndParse(page, HUAXIN_TABLE); // a message bar and results in the Import tab
      // And a message bar (with Retry and Details) in Refresh and in Tools: the stand-in has no workbook.
      await selectTab(page, "refresh");
      await page.locator("[data-focus-key='refresh:all']").click();
      await page.locator('[data-messages="refresh"] fluent-message-bar').waitFor();
      await selectTab(page, "tools");
      await page.locator("[data-focus-key='tool:compare']").click();
      await page.locator('[data-messages="tools"] fluent-message-bar').waitFor();
      const problems: Record<string, string[]> = {};
      for (const tab of TABS) {
        await selectTab(page, tab);
        const walk = await tabWalk(page);
        expect(walk.stops).toBeGreaterThan(4);
        problems[tab] = walk.obscured;
      }
      // Tools again with the Share section's bar (the freeze's, further down the tab) instead of the comparison's.
      await selectTab(page, "tools");
      await page.locator("[data-focus-key='tool:freeze']").click();
      await page.locator('[data-messages="share"] fluent-message-bar').waitFor();
      problems.share = (await tabWalk(page)).obscured;
      // And with a preview open (sticky columns and a long table).
      await selectTab(page, "catalog");
      await page.locator('[data-list-id="huaxin-2024-02-18-focus"] fluent-button').first().click();
      problems.preview = (await tabWalk(page)).obscured;
      expect(problems).toEqual({ catalog: [], import: [], refresh: [], tools: [], share: [], feeds: [], preview: [] });
    });
  }, 90_000);
});

describe("the Chinese UI", () => {
  test("has no English sentence in any tab, with messages, errors and a preview shown", async () => {
    await withPage(inExcel("zh"), async ({ page }) => {
      await waitForReady(page, "excel");
      await pasteAndParse(page, HUAXIN_TABLE);
      await page.locator('.aic-import-body [data-fn="insert"]').click(); // fails (no workbook): an error in Chinese
      await page.locator('.aic-section-import .aic-message[data-intent="error"]').waitFor();
      // Refresh and Tools fail too (no workbook): their messages in Chinese, Office's words only under Details.
      await selectTab(page, "refresh");
      await page.locator("[data-focus-key='refresh:all']").click();
      await page.locator('[data-messages="refresh"] fluent-message-bar').waitFor();
      await selectTab(page, "tools");
      await page.locator("[data-focus-key='tool:freeze']").click();
      await page.locator('[data-messages="share"] fluent-message-bar').waitFor();
      const english: string[] = [];
      // Three or more Latin letters in a row that are not a code (EPS, PE, AIC, A1:J18, 2024E): a word.
      const englishWord = /\b(?![A-Z0-9]+\b)[A-Za-z]*[a-z]{3,}[A-Za-z]*\b/;
      const check = async (state: string) => {
        const read = await readableText(page);
        for (const t of [...read.ui, ...read.attributes]) if (!HAN.test(t) ? englishWord.test(t) : englishWord.test(t.replace(/AI|Excel|Sora|JSON|CSV|Office|URL|PDF|DiT|Wind|https?:\/\/|localhost/g, ""))) english.push(`${state}: ${t}`);
      };
      for (const tab of TABS) {
        await selectTab(page, tab);
        await check(tab);
      }
      await openReloadDialog(page, "zh");
      await check("reload dialog");
      await page.keyboard.press("Escape");
      await selectTab(page, "catalog");
      await page.locator('[data-list-id="huaxin-2024-02-18-focus"] fluent-button').first().click();
      await check("preview");
      expect(english).toEqual([]);
    });
  });
});

describe("the import worker", () => {
  test("parses an 8,000-row paste off the main thread, with progress, and previews its first 200 rows", async () => {
    await withPage(inExcel("en"), async ({ page }) => {
      await waitForReady(page, "excel");
      await selectTab(page, "import");
      const text = bigNote(8000);
      await page.locator("#aic-note-text").evaluate((ta, t) => ((ta as HTMLTextAreaElement).value = t), text);
      // Watch the page's main thread (timer gaps) and the progress labels while the worker parses.
      await page.evaluate(() => {
        const w = window as unknown as { __labels: string[]; __gaps: number[] };
        w.__labels = [];
        w.__gaps = [];
        let last = performance.now();
        const timer = setInterval(() => {
          const now = performance.now();
          w.__gaps.push(now - last);
          last = now;
          const label = document.querySelector(".aic-message-progress .aic-progress-label")?.textContent;
          if (label && !w.__labels.includes(label)) w.__labels.push(label);
          if (document.querySelector(".aic-section-import .aic-message")) clearInterval(timer);
        }, 20);
      });
      await page.locator('[data-focus-key="parse"]').click();
      await page.locator(".aic-section-import .aic-message").waitFor({ timeout: 60_000 });
      const { labels, gaps } = await page.evaluate(() => {
        const w = window as unknown as { __labels: string[]; __gaps: number[] };
        return { labels: w.__labels, gaps: w.__gaps };
      });
      expect(labels).toContain("Finding the tables in 8,006 lines…");
      // The page kept running while the text was parsed: no timer held up for as long as a parse takes.
      expect(Math.max(...gaps)).toBeLessThan(1_000);
      // Parsed in the worker: the page loaded import-worker.js.
      await expect(page.evaluate(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/import-worker.js")))).resolves.toBe(true);
      const item = page.locator('.aic-import-body [data-import-index="0"]');
      await expect(item.textContent()).resolves.toContain("8000 rows");
      await item.locator("fluent-button").first().click();
      const rows = await previewRows(page);
      expect(rows.rows).toHaveLength(200);
      expect(rows.rows[199]![0]).toBe("600199.SH");
      await expect(page.locator('[data-preview="import"] .aic-preview-count').textContent()).resolves.toBe("Showing 200 of 8,000 rows.");
    });
  }, 90_000);
});

describe("themes", () => {
  const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  test("outside Excel: the browser's preference (light, dark)", async () => {
    await withPage({ locale: "en-US" }, async ({ page }) => {
      await page.emulateMedia({ colorScheme: "light" });
      await waitForReady(page);
      await expect(background(page)).resolves.toBe("rgb(255, 255, 255)");
      await page.emulateMedia({ colorScheme: "dark" });
      await expect(background(page)).resolves.toBe("rgb(41, 41, 41)");
      await expect(page.evaluate(() => document.documentElement.hasAttribute("data-theme"))).resolves.toBe(false);
    });
  });

  test.each([
    ["#ffffff", "light", "rgb(255, 255, 255)"],
    ["#262626", "dark", "rgb(41, 41, 41)"],
    ["#000000", "black", "rgb(0, 0, 0)"],
  ])("in Excel, Office's theme (body %s) wins over the browser's: %s", async (bodyBackgroundColor, theme, expected) => {
    await withPage(inExcel("en", { bodyBackgroundColor }), async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme === "light" ? "dark" : "light" });
      await waitForReady(page, "excel");
      await expect(page.evaluate(() => document.documentElement.getAttribute("data-theme"))).resolves.toBe(theme);
      await expect(background(page)).resolves.toBe(expected);
    });
  });
});

describe("axe-core: zero violations", () => {
  test.each([
    ["en", "light"],
    ["zh", "light"],
    ["en", "dark"],
    ["zh", "dark"],
  ] as const)("in every state, %s, %s", async (lang, scheme) => {
    await withPage(inExcel(lang, scheme === "dark" ? { bodyBackgroundColor: "#262626" } : {}), async ({ page }) => {
      await waitForReady(page, "excel");
      const found: Record<string, unknown[]> = {};
      const check = async (state: string) => {
        found[state] = await axeViolations(page);
      };
      for (const tab of TABS) {
        await selectTab(page, tab);
        await check(tab);
      }
      await selectTab(page, "catalog");
      await page.locator('[data-list-id="huaxin-2024-02-18-focus"] fluent-button').first().click();
      await check("catalog preview");
      await pasteAndParse(page, HUAXIN_TABLE);
      await check("import results");
      await page.locator('.aic-import-body [data-fn="insert"]').click();
      await page.locator('.aic-section-import .aic-message[data-intent="error"]').waitFor();
      await page.locator(".aic-section-import .aic-message .aic-details summary").click();
      await check("import error with details open");
      await selectTab(page, "import");
      await page.locator('[data-focus-key="parse"]').click(); // the same text again: a success message
      await check("import success");
      // Refresh and Tools with their (error) messages, Details open.
      await selectTab(page, "refresh");
      await page.locator("[data-focus-key='refresh:all']").click();
      await page.locator('[data-messages="refresh"] fluent-message-bar .aic-details summary').click();
      await check("refresh error with details open");
      await selectTab(page, "tools");
      await page.locator("[data-focus-key='tool:compare']").click();
      await page.locator('[data-messages="tools"] fluent-message-bar').waitFor();
      await check("tools error");
      await page.locator("[data-focus-key='tool:freeze']").click();
      await page.locator('[data-messages="share"] fluent-message-bar .aic-details summary').click();
      await check("share error with details open");
      // The feed form's Fluent fields, and the reload dialog open.
      await selectTab(page, "feeds");
      await page.locator("#aic-feed-csv").check();
      await check("feed form");
      await page.locator("#aic-feed-url input").fill("http://elsewhere.example.com/x.json");
      await page.locator("#aic-feed-url input").press("Enter");
      await page.locator("#aic-feed-url-error:not([hidden])").waitFor();
      await check("feed form with a field error");
      await openReloadDialog(page, lang);
      await check("reload dialog open");
      await page.keyboard.press("Escape");
      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
    });
  }, 120_000);
});

describe("help", () => {
  test.each(["en", "zh"] as const)("the pane links to the help page in its language (%s); it shows each tab and the formula reference", async (lang) => {
    await withPage(inExcel(lang), async ({ page, context }) => {
      await waitForReady(page, "excel");
      const link = page.locator(".aic-help-link");
      await expect(link.getAttribute("href")).resolves.toBe(`${harness.server.origin}/help.html?lang=${lang}`);
      await expect(link.getAttribute("target")).resolves.toBe("_blank");
      const [help] = await Promise.all([context.waitForEvent("page"), link.click()]);
      const violations: string[] = [];
      help.on("console", (m) => m.type() === "error" && violations.push(m.text()));
      await help.locator(".aic-help-function").first().waitFor();
      await expect(help.evaluate(() => document.documentElement.lang)).resolves.toBe(lang === "zh" ? "zh-CN" : "en");
      await expect(help.locator(`#help-${lang === "zh" ? "en" : "zh"}`).isHidden()).resolves.toBe(true);
      // Every AIC function Excel knows, from the same functions.json.
      const names = await help.locator(`[data-formulas="${lang}"] .aic-help-function h3`).allTextContents();
      expect(names.map((n) => n.replace(/\(.*$/, ""))).toEqual(expect.arrayContaining(["AIC.FWD_PE", "AIC.GPU_TFLOPS", "AIC.SORA_TRAIN_GPUS", "AIC.DIT_GFLOPS"]));
      for (const heading of lang === "zh" ? ["任务窗格的各个选项卡", "公式参考", "分享工作簿", "数据源", "疑难解答"] : ["The taskpane's tabs", "Formula reference", "Sharing a workbook", "Feeds", "Troubleshooting"])
        await expect(help.getByRole("heading", { name: heading, exact: true, level: 2 }).isVisible()).resolves.toBe(true);
      expect(await axeViolations(help)).toEqual([]);
      expect(violations).toEqual([]);
    });
  });
});

/**
 * Where the Tools picture starts: the Share section whole (its bar, the buttons, the sheets listed), and the
 * tab's top edge at the start of a block (a heading, a paragraph), not through a line of text. The lowest such
 * block is marked data-shot-top; returns its selector, or the Share section's when none fits (the tab's end).
 */
async function markShareShotTop(page: Page): Promise<string> {
  const found = await page.evaluate(() => {
    const main = document.getElementById("aic-main")!;
    const panel = document.getElementById("aic-panel-tools")!;
    const top = (el: Element) => el.getBoundingClientRect().top - main.getBoundingClientRect().top + main.scrollTop;
    const share = panel.querySelector(".aic-section-share")!;
    const last = share.querySelector(".aic-result-area li:last-child") ?? share;
    // The least scroll that shows the Share section's last line whole, and the most the tab scrolls.
    const least = top(last) + last.getBoundingClientRect().height - main.clientHeight;
    const most = main.scrollHeight - main.clientHeight;
    const blocks = [...panel.querySelectorAll("h2, h3, p, li, .aic-actions, fieldset, fluent-message-bar")].filter((b) => b.getBoundingClientRect().height > 0);
    const spans = blocks.map((b) => ({ b, from: top(b), to: top(b) + b.getBoundingClientRect().height }));
    const clean = spans.filter(({ from }) => from >= least && from <= most && !spans.some((o) => o.from < from && from < o.to));
    const chosen = clean.sort((x, y) => y.from - x.from)[0];
    chosen?.b.setAttribute("data-shot-top", "");
    return chosen !== undefined;
  });
  return found ? "[data-shot-top]" : ".aic-section-share";
}

describe("screenshots (docs/screenshots)", () => {
  test("each tab in light and dark, Chinese and English", async () => {
    for (const lang of ["zh", "en"] as const)
      for (const theme of ["light", "dark"] as const) {
        const suffix = theme === "light" ? lang : `dark-${lang}`;
        await withPage(inExcel(lang, theme === "dark" ? { bodyBackgroundColor: "#262626" } : {}), async ({ page }) => {
          await waitForReady(page, "excel");
          await page.evaluate(() => document.fonts.ready);
          await shoot(harness, page, `catalog-${suffix}`);
          await page.locator('[data-list-id="huaxin-2024-02-18-focus"] fluent-button').first().click();
          await page.locator('[data-preview="catalog"] table').waitFor();
          await shoot(harness, page, `preview-${suffix}`);
          await pasteAndParse(page, HUAXIN_TABLE);
          // The note from its start (the fill left the box scrolled to its end).
          await page.locator("#aic-note-text textarea").evaluate((t: HTMLTextAreaElement) => (t.scrollTop = 0));
          await shoot(harness, page, `import-${suffix}`);
          // Tools after a freeze (the stand-in's Excel.run answers with this result): its outcome in the Share section's bar.
          await selectTab(page, "tools");
          await queueExcelResults(page, [
            {
              sheets: [
                { sheetId: "{1}", sheetName: "重点关注公司及盈利预测", frozenCells: 51, errorCells: 0, spills: 0, merged: false, settingKeys: [] },
                { sheetId: "{2}", sheetName: "Sora compute", frozenCells: 12, errorCells: 0, spills: 0, merged: false, settingKeys: [] },
              ],
              frozenCells: 63,
              syncCount: 3,
            },
          ]);
          await page.locator("[data-focus-key='tool:freeze']").click();
          await page.locator('[data-messages="share"] fluent-message-bar[data-topic="freeze"]').waitFor();
          await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
          // Scrolled down to the Share section, where the freeze says its outcome.
          await shoot(harness, page, `tools-${suffix}`, await markShareShotTop(page));
          // A confirmation: the reload a feed on a new address needs, in its Fluent dialog.
          await openReloadDialog(page, lang);
          await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished))); // its fade-in done
          await shoot(harness, page, `dialog-${suffix}`);
          await page.keyboard.press("Escape");
        });
      }
    await withPage({ locale: "en-US" }, async ({ page }) => {
      await waitForReady(page, "outside");
      await page.evaluate(() => document.fonts.ready);
      await shoot(harness, page, "outside-excel-en");
    });
  }, 180_000);
});
