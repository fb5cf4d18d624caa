/**
 * Feeds, refresh, compare and model, and share in a real browser (the production build in Chromium):
 * - a feed served by a local HTTP server on 127.0.0.1 (an ephemeral port): added through the form, the
 *   page reloading to allow its origin (the CSP), its lists shown, then stale once the server stops.
 *   https is not available locally, which is why the policy allows http on this machine;
 * - with the Excel stand-in (harness.ts: Excel.run answers what the test queues), the results of a
 *   refresh, a comparison, the compute sheet and Restore: every visible string changes with the language
 *   switch, axe-core finds no serious violation, nothing overflows at 320 px; and the screenshots of the
 *   feeds and refresh sections in docs/screenshots.
 * Lists are the bundled catalog's (Huaxin 华鑫证券 重点关注公司及盈利预测, Minsheng 民生证券 表5).
 */
import http from "http";
import type { AddressInfo } from "net";
import type { Page, Route } from "playwright-core";
import type { RefreshReport, TableRefreshOutcome } from "../../src/excel/refresh";
import { compareLists, sharedTickers } from "../../src/picks/compare";
import { describeDiff, diffPickLists } from "../../src/picks/diff";
import { FEEDS_STORE_KEY, feedIdForUrl, type FeedSource } from "../../src/picks/sources";
import type { CatalogIndex, PickList } from "../../src/picks/types";
import { feedPolicy, FEED_ORIGINS_STORAGE_KEY } from "../../src/taskpane/csp";
import { STRINGS, type Lang } from "../../src/taskpane/i18n";
import { huaxinNext } from "../refresh/support";
import { WORKBOOK_READ_FAILS, catalogFile, openTaskpane, queueExcelResults, selectTab, useHarness, waitForReady, type OpenedPage, type OpenOptions } from "./harness";
import { axeViolations, horizontalOverflowAllTabs, readableTextAllTabs } from "./page-checks";
import { shoot } from "./screenshots";

const HAN = /[\u3400-\u9fff]/;
const HUAXIN_FOCUS = "huaxin-2024-02-18-focus";
const MINSHENG_FOCUS = "minsheng-2024-02-25-table5-focus";

const harness = useHarness();

/** Opens the taskpane, runs `body`, and then requires a clean page: no errors (but `expectedErrors`), dialogs or stray requests. */
async function withPage(options: OpenOptions, body: (opened: OpenedPage) => Promise<void>, expectedErrors: RegExp[] = []): Promise<void> {
  const opened = await openTaskpane(harness, options);
  try {
    await body(opened);
    expect(opened.errors.filter((e) => !expectedErrors.some((re) => re.test(e)))).toEqual([]);
    expect(opened.dialogs).toEqual([]);
    expect(opened.blockedExternal).toEqual([]);
  } finally {
    await opened.close();
  }
}

/** A feed server on 127.0.0.1 and an ephemeral port, serving one file, CORS open (the taskpane is another origin). */
async function feedServer(path: string, body: string, contentType: string) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    if (req.url !== path) {
      res.writeHead(404, { "Access-Control-Allow-Origin": "*" }).end();
      return;
    }
    res.writeHead(200, { "Content-Type": contentType, "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}${path}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function switchLanguage(page: Page, lang: Lang): Promise<void> {
  await page.locator(`fluent-button[data-lang="${lang}"]`).click();
  await page.locator(`html[lang="${lang === "zh" ? "zh-CN" : "en"}"]`).waitFor({ state: "attached" });
}

describe("a feed on this machine (http://127.0.0.1, a real server)", () => {
  test("is added through the form after the reload its origin needs, shows its lists, and is stale after the server stops", async () => {
    const huaxin = catalogFile<PickList>(`${HUAXIN_FOCUS}.json`);
    const feed = await feedServer("/desk/huaxin-focus.json", JSON.stringify(huaxin), "application/json");
    const letThrough = async (route: Route, url: URL) => {
      if (url.origin !== feed.origin) return false;
      await route.continue();
      return true;
    };
    try {
      // Once the server has stopped, Chromium logs the refused connection itself; that one line is expected.
      const refused = new RegExp(`^Failed to load resource: net::ERR_CONNECTION_REFUSED \\(${feed.url.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\)$`);
      await withPage({ locale: "en-US", route: letThrough }, async ({ page }) => {
        await waitForReady(page);
        await selectTab(page, "feeds");
        await page.locator("#aic-feed-url input").fill(feed.url);
        await page.locator("#aic-feed-name input").fill("Desk picks");
        // Enter in a Fluent text input submits the form (fluent-text-input clicks the submit button).
        await page.locator("#aic-feed-url input").press("Enter");
        // Told first, in a modal dialog: the policy this page loaded with does not allow the origin yet.
        await page.getByRole("dialog", { name: STRINGS.en.dialogReloadTitle }).waitFor();
        const confirm = page.locator('fluent-dialog[data-dialog="feed-reload"]');
        await expect(confirm.locator(".aic-dialog-text").textContent()).resolves.toBe(STRINGS.en.feedReloadNeeded.replace("{origin}", feed.origin));
        expect(feed.requests).toEqual([]);

        await Promise.all([page.waitForEvent("load"), confirm.getByRole("button", { name: STRINGS.en.allowAndReload }).click()]);
        await waitForReady(page);
        // Reloaded on the Feeds tab, with the origin in the feed policy, what was typed kept, and the feed added right after.
        await page.locator("#aic-panel-feeds").waitFor({ state: "visible" });
        await expect(page.locator('meta[data-aic-policy="feeds"]').getAttribute("content")).resolves.toBe(feedPolicy([feed.origin]));
        const item = page.locator(`[data-feed-id="${feedIdForUrl(feed.url)}"]`);
        await item.locator(".aic-feed-status.aic-tone-ok").waitFor();
        await expect(item.locator(".aic-feed-name").textContent()).resolves.toBe("Desk picks");
        await expect(item.locator(".aic-feed-status").textContent()).resolves.toMatch(/^Up to date: fetched \d{4}-\d\d-\d\d \d\d:\d\d\.$/);
        // The outcome in the Feeds tab's message bar.
        await expect(messageBar(page, "feeds", "add").getAttribute("intent")).resolves.toBe("success");
        await expect(messageBar(page, "feeds", "add").locator(".aic-message-body").textContent()).resolves.toBe("Added the feed “Desk picks” with 1 list.");
        expect(feed.requests).toEqual(["/desk/huaxin-focus.json"]);

        // Its list, ready to preview: the report's rows (浪潮信息 30.38, EPS 2023E 2.07).
        const list = item.locator(`[data-feed-list-id="${HUAXIN_FOCUS}"]`);
        await expect(list.locator(".aic-list-title").textContent()).resolves.toBe(huaxin.title.en);
        await expect(list.textContent()).resolves.toContain(`${huaxin.rows.length} rows`);
        await list.getByRole("button", { name: `Preview “${huaxin.title.en}”` }).click();
        const inspur = page.locator('[data-preview="feeds"] .aic-preview-body tbody tr', { hasText: "000977.SZ" });
        await expect(inspur.locator("th, td").allTextContents()).resolves.toEqual(["000977.SZ", "浪潮信息", "30.38", "1.57", "2.07", "2.69", "19.4", "14.7", "11.3", "买入"]);

        // The server stops: fetching again keeps the lists, says since when they are stale and why.
        await page.locator('[data-preview="feeds"] .aic-back-button').click();
        await feed.stop();
        await item.getByRole("button", { name: "Fetch again “Desk picks”" }).click();
        await item.locator(".aic-feed-status.aic-tone-warning").waitFor();
        const stale = (await item.locator(".aic-feed-status").textContent()) ?? "";
        expect(stale).toMatch(/^Stale since \d{4}-\d\d-\d\d \d\d:\d\d: the last fetch failed, so these are the lists as fetched then\.$/);
        // Why, in sources.ts' words, under Details.
        await expect(item.locator(".aic-details-text").textContent()).resolves.toBe(`${feed.url}: could not be fetched (Failed to fetch)`);
        await expect(item.locator(`[data-feed-list-id="${HUAXIN_FOCUS}"]`).count()).resolves.toBe(1);
        // And the outcome of fetching again in the tab's bar: a warning, with Retry.
        await expect(messageBar(page, "feeds", "refetch").getAttribute("intent")).resolves.toBe("warning");
        await expect(messageBar(page, "feeds", "refetch").locator(".aic-message-body").textContent()).resolves.toBe(`“Desk picks”: ${stale}`);
        await expect(messageBar(page, "feeds", "refetch").getByRole("button", { name: "Retry" }).count()).resolves.toBe(1);
        await expect(page.locator("[data-announcer]").textContent()).resolves.toMatch(/^Warning: “Desk picks”: Stale since /);
      }, [refused]);
    } finally {
      await feed.stop().catch(() => undefined);
    }
  });
});

// ---- the sections in every state, with the Excel stand-in ----

/** 2024-02-26 09:30 in Shanghai: the page's clock, so times on screen (and in the pictures) are fixed. */
const NOW = new Date("2024-02-26T01:30:00Z");
const TIMEZONE = "Asia/Shanghai";
const DESK = "https://research.example.com";
const FOCUS_URL = `${DESK}/desk/focus.json`;
const OPTICAL_URL = `${DESK}/desk/optical-modules.csv`;
/** Huaxin's 光模块 (optical modules) names as the desk's CSV: the report prints no figures for them. */
const OPTICAL_CSV = "代码,名称\n300308.SZ,中际旭创\n300502.SZ,新易盛\n300394.SZ,天孚通信\n";

/** Two feeds on the desk's server: the Huaxin focus list (JSON) and a CSV; `opticalUp` false answers 503. */
function deskFeeds(state: { opticalUp: boolean }) {
  const feeds: FeedSource[] = [
    { id: feedIdForUrl(FOCUS_URL), kind: "url", url: FOCUS_URL, addedAt: "2024-02-19T01:00:00.000Z", name: "Desk focus" },
    { id: feedIdForUrl(OPTICAL_URL), kind: "url", url: OPTICAL_URL, addedAt: "2024-02-19T01:00:00.000Z", name: "Optical modules", csv: { title: { zh: "光模块（研究部）", en: "Optical modules (desk)" }, broker: "研究部", brokerEn: "Research desk" } },
  ];
  // Seeded once (the script runs again on every load): what the feeds form would have saved.
  const initScript = `if (!localStorage.getItem(${JSON.stringify(FEEDS_STORE_KEY)})) {
    localStorage.setItem(${JSON.stringify(FEEDS_STORE_KEY)}, ${JSON.stringify(JSON.stringify(feeds))});
    localStorage.setItem(${JSON.stringify(FEED_ORIGINS_STORAGE_KEY)}, ${JSON.stringify(JSON.stringify([DESK]))});
  }`;
  const route = async (route: Route, url: URL) => {
    if (url.origin !== DESK) return false;
    const cors = { "Access-Control-Allow-Origin": "*" };
    if (url.href === FOCUS_URL) await route.fulfill({ status: 200, contentType: "application/json", headers: cors, body: JSON.stringify(catalogFile<PickList>(`${HUAXIN_FOCUS}.json`)) });
    else if (url.href === OPTICAL_URL && state.opticalUp) await route.fulfill({ status: 200, contentType: "text/csv", headers: cors, body: OPTICAL_CSV });
    else await route.fulfill({ status: 503, contentType: "text/plain", headers: cors, body: "maintenance" });
    return true;
  };
  return { initScript, route };
}

/** What the Excel stand-in answers for a refresh of three tables: changes, a stale source, a failure. */
function refreshReport(): RefreshReport {
  const huaxin = catalogFile<PickList>(`${HUAXIN_FOCUS}.json`);
  const base = { summary: [], error: null, stale: null, restored: false, counts: null, syncCount: 2 };
  const outcomes: TableRefreshOutcome[] = [
    { ...base, tableId: "{1}", tableName: "AIC_huaxin_2024_02_18_focus", sheetName: "重点关注公司及盈利预测", listId: HUAXIN_FOCUS, status: "refreshed", diff: diffPickLists(huaxin, huaxinNext()) },
    {
      ...base,
      tableId: "{2}",
      tableName: "AIC_minsheng_2024_02_25_table5_focus",
      sheetName: "表5 重点关注个股",
      listId: MINSHENG_FOCUS,
      status: "refreshed",
      diff: diffPickLists(catalogFile<PickList>(`${MINSHENG_FOCUS}.json`), catalogFile<PickList>(`${MINSHENG_FOCUS}.json`)),
      stale: { since: "2024-02-25T08:00:00.000Z", error: `${FOCUS_URL}: no answer within 10 s` },
    },
    {
      ...base,
      tableId: "{3}",
      tableName: "AIC_optical_modules",
      sheetName: "光模块",
      listId: feedIdForUrl(OPTICAL_URL),
      status: "failed",
      diff: null,
      error: "the table shows a totals row: turn it off (Table Design › Total Row) and refresh again",
    },
  ];
  return { outcomes, orphans: [], unreadable: [], error: null, syncCount: 7 };
}

/** The bundled catalog's lists, for what the comparison stand-in answers. */
function catalogLists(): PickList[] {
  const index = catalogFile<CatalogIndex>("index.json");
  return index.reports.flatMap((r) => r.lists.map((l) => catalogFile<PickList>(`${l.id}.json`)));
}

/** A message area's bar (message-bar.ts; a tab's name, or Tools' "share") about `topic`. */
const messageBar = (page: Page, area: string, topic: string) => page.locator(`[data-messages="${area}"] fluent-message-bar[data-topic="${topic}"]`);

/**
 * Runs refresh, compare, compute and restore against the stand-in, leaving each tab showing its result;
 * returns each action's message (the Tools tab shows one message at a time: each new action clears the last).
 */
async function runEveryTool(page: Page): Promise<Record<"refresh" | "compare" | "compute" | "restore", string>> {
  const comparison = compareLists(catalogLists());
  await queueExcelResults(page, [
    refreshReport(),
    WORKBOOK_READ_FAILS, // the lists AIC.PICK sees, read again after the refresh
    { sheetName: "Broker comparison", tableName: "AIC_Compare", tableAddress: "'Broker comparison'!A5:T57", rowCount: comparison.rows.length, sharedCount: sharedTickers(comparison).length, syncCount: 2 },
    {
      sheetName: "Sora compute",
      names: [
        { name: "AIC_Train_Gpu", scope: "workbook", reclaimed: false, address: "'Sora compute'!$B$5" },
        { name: "AIC_Train_Gpus", scope: "workbook", reclaimed: false, address: "'Sora compute'!$B$20" },
      ],
      outputs: { trainGpus: "'Sora compute'!B20" },
      syncCount: 2,
    },
    {
      sheets: [
        {
          sheetId: "{1}",
          sheetName: "重点关注公司及盈利预测",
          restoredCells: 50,
          alreadyLive: 0,
          skipped: [{ address: "J13", formula: "=AIC.FWD_PE([@[股价]],[@[EPS 2023E]])", reason: "value" }],
        },
      ],
      restoredCells: 50,
      skippedCells: 1,
      syncCount: 4,
    },
  ]);
  const said = { refresh: "", compare: "", compute: "", restore: "" };
  // Each outcome in the message area of the section whose button ran it (Tools: "tools", or "share" for Restore).
  for (const [tab, area, button, topic] of [
    ["refresh", "refresh", ".aic-section-refresh [data-focus-key='refresh:all']", "refresh"],
    ["tools", "tools", "[data-focus-key='tool:compare']", "compare"],
    ["tools", "tools", "[data-focus-key='tool:compute']", "compute"],
    ["tools", "share", "[data-focus-key='tool:restore']", "restore"],
  ] as const) {
    await selectTab(page, tab);
    await page.locator(button).click();
    const bar = messageBar(page, area, topic);
    await bar.waitFor();
    said[topic] = (await bar.locator(".aic-message-body").textContent()) ?? "";
  }
  await page.locator(".aic-section-share .aic-skip-list").waitFor();
  await selectTab(page, "feeds");
  return said;
}

async function openDesk(
  locale: string,
  lang: Lang,
  state: { opticalUp: boolean },
  body: (opened: OpenedPage) => Promise<void>,
  viewport?: { width: number; height: number },
  /** Office's theme: its body background (#262626 is Office's dark gray). */
  bodyBackgroundColor?: string,
) {
  const desk = deskFeeds(state);
  await withPage(
    {
      locale,
      office: { kind: "excel", displayLanguage: locale, ...(bodyBackgroundColor ? { bodyBackgroundColor } : {}) },
      initScript: desk.initScript,
      route: desk.route,
      fixedTime: NOW,
      timezoneId: TIMEZONE,
      ...(viewport ? { viewport } : {}),
    },
    async (opened) => {
      await waitForReady(opened.page, "excel");
      await selectTab(opened.page, "feeds");
      await opened.page.locator(".aic-feed-status").nth(1).waitFor();
      await expect(opened.page.evaluate(() => document.documentElement.lang)).resolves.toBe(lang === "zh" ? "zh-CN" : "en");
      await body(opened);
    },
    // The CSV feed answers 503 once it is made stale, and Chromium logs the failed load itself.
    [/^Failed to load resource: the server responded with a status of 503 \(Service Unavailable\) \(https:\/\/research\.example\.com\/desk\/optical-modules\.csv\)$/],
  );
}

/** Makes the CSV feed stale: it answered when the page loaded; now it does not, and is fetched again. */
async function makeOpticalStale(page: Page, state: { opticalUp: boolean }): Promise<void> {
  await page.locator(`[data-feed-id="${feedIdForUrl(OPTICAL_URL)}"] .aic-feed-status.aic-tone-ok`).waitFor();
  state.opticalUp = false;
  await selectTab(page, "feeds");
  await page.locator(`[data-feed-id="${feedIdForUrl(OPTICAL_URL)}"] [data-focus-key^="feed:refetch"]`).click();
  await page.locator(`[data-feed-id="${feedIdForUrl(OPTICAL_URL)}"] .aic-feed-status.aic-tone-warning`).waitFor();
}

describe("feeds, refresh, compare and model, share (Excel stand-in)", () => {
  test("show the feeds' status, and a refresh, a comparison, the compute sheet and Restore in words", async () => {
    const state = { opticalUp: true };
    await openDesk("en-US", "en", state, async ({ page }) => {
      await makeOpticalStale(page, state);
      const statuses = await page.locator(".aic-feed-status").allTextContents();
      expect(statuses).toEqual([
        "Up to date: fetched 2024-02-26 09:30.",
        "Stale since 2024-02-26 09:30: the last fetch failed, so these are the lists as fetched then.",
      ]);
      await expect(page.locator(`[data-feed-id="${feedIdForUrl(OPTICAL_URL)}"] .aic-details-text`).textContent()).resolves.toBe(`${OPTICAL_URL}: HTTP 503 Service Unavailable`);
      await expect(page.locator(`[data-feed-list-id="${feedIdForUrl(OPTICAL_URL)}"] .aic-list-title`).textContent()).resolves.toBe("Optical modules (desk)");

      const said = await runEveryTool(page);
      const report = refreshReport();
      // Each outcome in its tab's message bar: the refresh's a warning (one table not refreshed), with Retry.
      expect(said.refresh).toBe("Refreshed 2 of 3 tables; 1 not refreshed.");
      await expect(messageBar(page, "refresh", "refresh").getAttribute("intent")).resolves.toBe("warning");
      // (The Refresh tab is not shown now: the Retry button is found by its focus key, not its role.)
      await expect(messageBar(page, "refresh", "refresh").locator("[data-focus-key='message:refresh:retry']").count()).resolves.toBe(1);
      const results = page.locator(".aic-section-refresh .aic-result");
      // What changed, in describeDiff's words for the language shown.
      await expect(results.nth(0).locator(".aic-change-list li").allTextContents()).resolves.toEqual(describeDiff(report.outcomes[0]!.diff!, "en"));
      await expect(results.nth(1).textContent()).resolves.toContain("The source could not be fetched, so this refresh used its copy of 2024-02-25 16:00.");
      await expect(results.nth(2).locator(".aic-result-status").textContent()).resolves.toBe("Not refreshed: the table is exactly as it was.");
      // The catalog's lists (the desk's copy of the Huaxin focus list replaces the catalog's) and the CSV's,
      // whose broker is the desk: tickers counted straight from the lists.
      const lists = catalogLists();
      const byTicker = new Map<string, Set<string>>();
      const name = (ticker: string, broker: string) => byTicker.set(ticker, (byTicker.get(ticker) ?? new Set<string>()).add(broker));
      for (const l of lists) for (const row of l.rows) if (typeof row.ticker === "string") name(row.ticker, l.source.broker);
      for (const line of OPTICAL_CSV.trim().split("\n").slice(1)) name(line.split(",")[0]!, "研究部");
      const shared = [...byTicker.values()].filter((b) => b.size >= 2).length;
      await expect(page.locator(".aic-section-analysis .aic-overview").textContent()).resolves.toBe(
        `${lists.length + 1} lists from 3 brokers name ${byTicker.size} tickers; ${shared} of them are named by two brokers or more.`,
      );
      const comparison = compareLists(lists);
      expect(said.compare).toBe(
        `Inserted the comparison into sheet “Broker comparison” as table AIC_Compare (A5:T57): ${comparison.rows.length} tickers, ${sharedTickers(comparison).length} named by two brokers or more.`,
      );
      await expect(page.locator(".aic-section-share .aic-skip-list li").textContent()).resolves.toBe(
        "'重点关注公司及盈利预测'!J13 (now shows another value): =AIC.FWD_PE([@[股价]],[@[EPS 2023E]])",
      );
    });
  });

  test("the language switch changes every visible string of the new sections, in every state", async () => {
    const state = { opticalUp: true };
    await openDesk("zh-CN", "zh", state, async ({ page }) => {
      await makeOpticalStale(page, state);
      await runEveryTool(page);
      // The feed form's CSV fields and a form error, open too.
      await page.locator("#aic-feed-csv").check();
      await page.locator("#aic-feed-url input").fill("http://feeds.example.com/x.json");
      await page.locator(".aic-section-feeds [type=submit]").click();
      await page.locator("#aic-feed-url-error:not([hidden])").waitFor();

      await switchLanguage(page, "en");
      const en = await readableTextAllTabs(page);
      expect(en.ui.filter((t) => HAN.test(t))).toEqual([]);
      expect(en.attributes.filter((t) => HAN.test(t))).toEqual([]);
      for (const key of ["feedsHeading", "feedUrlLabel", "csvMappingLabel", "refreshHeading", "refreshAllButton", "analysisHeading", "compareButton", "computeButton", "shareHeading", "freezeButton", "restoreButton", "scopeSheet"] as const)
        expect(en.ui).toContain(STRINGS.en[key]);
      const report = refreshReport();
      await selectTab(page, "refresh");
      await expect(page.locator(".aic-section-refresh .aic-change-list").first().locator("li").allTextContents()).resolves.toEqual(describeDiff(report.outcomes[0]!.diff!, "en"));

      await switchLanguage(page, "zh");
      const zh = await readableTextAllTabs(page);
      // As in taskpane.test.ts: every sentence is Chinese; what has no Han character is codes, figures and punctuation.
      const notChinese = (t: string) => !HAN.test(t) && !/^[\sA-Z0-9/.,:;%()\-–—+·|×“”"'’\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]*$/.test(t);
      expect(zh.ui.filter(notChinese)).toEqual([]);
      expect(zh.attributes.filter(notChinese)).toEqual([]);
      for (const key of ["feedsHeading", "refreshHeading", "compareButton", "shareHeading"] as const) expect(zh.ui).toContain(STRINGS.zh[key]);
      await selectTab(page, "refresh");
      await expect(page.locator(".aic-section-refresh .aic-change-list").first().locator("li").allTextContents()).resolves.toEqual(describeDiff(report.outcomes[0]!.diff!, "zh"));
      await expect(messageBar(page, "refresh", "refresh").locator(".aic-message-body").textContent()).resolves.toBe("已刷新 2 / 3 个表格；1 个未刷新。");
    });
  });

  test("axe-core finds no serious or critical violations in the new sections, in either language", async () => {
    const state = { opticalUp: true };
    await openDesk("en-US", "en", state, async ({ page }) => {
      const found: Record<string, unknown[]> = {};
      const check = async (name: string) => {
        found[name] = await axeViolations(page);
      };
      await check("feeds");
      await page.locator("#aic-feed-csv").check();
      await page.locator("#aic-feed-url input").fill("https://elsewhere.example.com/x.json");
      await page.locator(".aic-section-feeds [type=submit]").click();
      // The reload is confirmed in a modal dialog: axe with it open; Escape closes it and focus goes back to Add.
      const dialog = page.getByRole("dialog", { name: STRINGS.en.dialogReloadTitle });
      await dialog.waitFor();
      await check("reload dialog");
      await page.keyboard.press("Escape");
      await page.locator("fluent-dialog").waitFor({ state: "detached" });
      await expect(page.evaluate(() => document.activeElement?.getAttribute("data-focus-key"))).resolves.toBe("feed:add");
      await page.locator("#aic-feed-url input").fill("http://elsewhere.example.com/x.json");
      await page.locator(".aic-section-feeds [type=submit]").click();
      await page.locator("#aic-feed-url-error:not([hidden])").waitFor();
      await check("form error");
      await makeOpticalStale(page, state);
      await runEveryTool(page);
      for (const lang of ["en", "zh"] as const) {
        await switchLanguage(page, lang);
        for (const tab of ["refresh", "tools", "feeds"] as const) {
          await selectTab(page, tab);
          await check(`${tab} results ${lang}`);
        }
      }
      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
    });
  });

  test("nothing overflows at 320 px with the feeds and every result shown", async () => {
    const state = { opticalUp: true };
    await openDesk(
      "en-US",
      "en",
      state,
      async ({ page }) => {
        await page.locator("#aic-feed-csv").check();
        await makeOpticalStale(page, state);
        await runEveryTool(page);
        for (const lang of ["en", "zh"] as const) {
          await switchLanguage(page, lang);
          const overflow = await horizontalOverflowAllTabs(page);
          expect({ lang, ...overflow }).toEqual({ lang, viewportWidth: 320, scrollWidth: 320, outside: [] });
        }
      },
      { width: 320, height: 800 },
    );
  });

  test("takes the screenshots of the feeds and refresh sections in docs/screenshots, in Chinese and English, light and dark", async () => {
    for (const [lang, locale] of [["zh", "zh-CN"], ["en", "en-US"]] as const)
      for (const theme of ["light", "dark"] as const) {
        const state = { opticalUp: true };
        const suffix = theme === "light" ? lang : `dark-${lang}`;
        await openDesk(
          locale,
          lang,
          state,
          async ({ page }) => {
            await makeOpticalStale(page, state);
            await page.evaluate(() => document.fonts.ready);
            await shoot(harness, page, `feeds-${suffix}`);
            await queueExcelResults(page, [refreshReport(), WORKBOOK_READ_FAILS]);
            await selectTab(page, "refresh");
            await page.locator(".aic-section-refresh [data-focus-key='refresh:all']").click();
            await messageBar(page, "refresh", "refresh").waitFor();
            await shoot(harness, page, `refresh-${suffix}`);
          },
          undefined,
          theme === "dark" ? "#262626" : undefined,
        );
      }
  }, 120_000);
});
