/**
 * The browser suite's harness: one headless Chromium (Debian's, through playwright-core) and one static
 * server for dist/, shared by a test file; a fresh browser context per page, so storage and language
 * never leak between tests.
 *
 * Network: the page may reach its own server only. office.js's CDN URL is answered from the copy in
 * node_modules/@microsoft/office-js/dist (the same file tree the CDN serves under /lib/1/hosted/), or,
 * for the "in Excel" pages, by a stand-in that reports an Excel host (a plain browser cannot be Excel).
 * Tests may answer other origins themselves (a feed); every other request is aborted and recorded.
 *
 * Console: every console error and uncaught page error is recorded. The only ones tolerated are
 * office.js's own telemetry outside Office (OFFICE_JS_NOISE): 3 s after loading in a plain browser,
 * o15apptofilemappingtable.js adds a hidden iframe for Microsoft's ULS telemetry
 * (telemetryservice.firstpartyapps.oaspapps.com) with a style attribute; the page's CSP blocks both the
 * inline style and the frame, and Chromium logs each block as an error. Nothing else is filtered.
 */
import { existsSync, readFileSync } from "fs";
import path from "path";
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page, type Route } from "playwright-core";
import { CHROMIUM_ARGS, ensureChromium } from "../../scripts/browser/chromium";
import { OFFICE_CDN } from "../../src/taskpane/csp";
import { serveDist, type DistServer } from "./server";

export const ROOT = path.resolve(__dirname, "../..");
const OFFICE_JS_DIR = path.join(ROOT, "node_modules/@microsoft/office-js/dist");
const OFFICE_HOSTED_PREFIX = `${OFFICE_CDN}/lib/1/hosted/`;

/** Upper bounds for every browser step: nothing waits longer than this. */
export const STEP_TIMEOUT_MS = 10_000;

/** The console errors office.js itself causes outside Office (see the file comment); matched on text and source. */
const OFFICE_JS_NOISE: { text: RegExp; source: RegExp }[] = [
  { text: /^Applying inline style violates .*style-src/, source: /^https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/o15apptofilemappingtable\.js$/ },
  { text: /^Framing 'https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\/' violates/, source: /^https:\/\/appsforoffice\.microsoft\.com\// },
];

/** A CSP violation office.js's telemetry causes outside Office (see the file comment): its inline style or its frame. */
export function isOfficeTelemetryViolation(v: { directive: string; blocked: string; source: string }): boolean {
  return (
    (v.directive === "style-src-attr" && /^https:\/\/appsforoffice\.microsoft\.com\//.test(v.source)) ||
    (v.directive === "frame-src" && /^https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com/.test(v.blocked))
  );
}

export function isOfficeJsNoise(text: string, source: string): boolean {
  return OFFICE_JS_NOISE.some((n) => n.text.test(text) && n.source.test(source));
}

export interface Harness {
  browser: Browser;
  server: DistServer;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const executablePath = ensureChromium();
  const server = await serveDist(path.join(ROOT, "dist"));
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    browser,
    server,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * The harness for one test file: started before its tests (a minute at most: Chromium's first launch),
 * closed after them. Call once at the file's top level; the returned harness is usable inside tests.
 */
export function useHarness(): Harness {
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startHarness();
  }, 60_000);
  afterAll(async () => {
    await started?.close();
  });
  const current = (): Harness => {
    if (!started) throw new Error("the browser harness is not running (useHarness starts it in beforeAll)");
    return started;
  };
  return {
    get browser() {
      return current().browser;
    },
    get server() {
      return current().server;
    },
    close: () => current().close(),
  };
}

/**
 * A script standing in for office.js inside Excel: Office.onReady answers host Excel with this display
 * language; Office.context.requirements says whether ExcelApi sets are supported (`requirements`).
 * Excel.run does no Excel work: it answers each call with the next result a test queued in
 * window.__aicExcelResults (see queueExcelResults), or rejects when there is none — a plain browser
 * has no workbook, so what the taskpane shows of a refresh or a freeze comes from the test.
 */
function excelStandIn(displayLanguage: string, requirements: boolean, bodyBackgroundColor?: string): string {
  return `window.Office = {
  HostType: { Excel: "Excel" },
  context: {
    displayLanguage: ${JSON.stringify(displayLanguage)},
    officeTheme: ${bodyBackgroundColor ? JSON.stringify({ bodyBackgroundColor }) : "undefined"},
    requirements: { isSetSupported: function (name, version) { return ${requirements ? "name === \"ExcelApi\"" : "false"}; } }
  },
  onReady: function (callback) {
    var info = { host: "Excel", platform: "OfficeOnline" };
    if (typeof callback === "function") callback(info);
    return Promise.resolve(info);
  }
};
window.Excel = {
  run: function () {
    var queue = window.__aicExcelResults || [];
    if (queue.length === 0) return Promise.reject(new Error("no workbook in this test page"));
    var next = queue.shift();
    if (next && next.__aicRejects) return Promise.reject(new Error(next.__aicRejects));
    return Promise.resolve(next);
  }
};`;
}

/** Queues what the Excel stand-in's next Excel.run calls answer, in order. */
/**
 * A queued answer that fails: the workbook read the taskpane makes by itself after an insert or a refresh
 * (the lists AIC.PICK sees, src/excel/workbookLists.ts) takes its place in the queue like any other call.
 */
export const WORKBOOK_READ_FAILS = { __aicRejects: "this test page holds no workbook lists" } as const;

export async function queueExcelResults(page: Page, results: unknown[]): Promise<void> {
  await page.evaluate((items) => {
    const w = window as unknown as { __aicExcelResults?: unknown[] };
    w.__aicExcelResults = [...(w.__aicExcelResults ?? []), ...items];
  }, results);
}

export interface OpenOptions {
  /** The browser's language (navigator.language): outside Office it picks the page's first language. */
  locale?: string;
  viewport?: { width: number; height: number };
  /**
   * "cdn-copy": the real office.js (outside Office). "excel": the stand-in reporting Excel, supporting
   * the ExcelApi requirement sets unless `requirements` is false (an old Excel).
   */
  office?: { kind: "cdn-copy" } | { kind: "excel"; displayLanguage: string; requirements?: boolean; bodyBackgroundColor?: string };
  /** The page's clock stands still at this time (timers still run), in `timezoneId`: times on screen are fixed. */
  fixedTime?: Date;
  timezoneId?: string;
  /** Runs before the page's own scripts, e.g. to seed localStorage. */
  initScript?: string;
  /** Answers a request itself (a feed's origin, a probe script): return true when handled. */
  route?: (route: Route, url: URL) => Promise<boolean>;
}

export interface CspViolation {
  directive: string;
  blocked: string;
  policy: string;
  source: string;
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions, office.js's telemetry noise left out. */
  errors: string[];
  /** office.js's telemetry noise that was left out of `errors`, for the record. */
  officeJsNoise: string[];
  /** Requests to anywhere but the page's server and the answered origins (aborted). */
  blockedExternal: string[];
  /** Dialogs (alert, confirm, prompt) the page opened: there should be none. */
  dialogs: string[];
  /** Content-Security-Policy violations the page reported (securitypolicyviolation events). */
  violations(): Promise<CspViolation[]>;
  close(): Promise<void>;
}

function describeConsole(msg: ConsoleMessage): { text: string; source: string } {
  const loc = msg.location();
  return { text: msg.text(), source: loc.url ?? "" };
}

export async function openTaskpane(harness: Harness, options: OpenOptions = {}): Promise<OpenedPage> {
  const context = await harness.browser.newContext({
    locale: options.locale ?? "en-US",
    viewport: options.viewport ?? { width: 360, height: 720 },
    deviceScaleFactor: 1,
    reducedMotion: "reduce",
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  if (options.fixedTime) await context.clock.setFixedTime(options.fixedTime);
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  const errors: string[] = [];
  const officeJsNoise: string[] = [];
  const blockedExternal: string[] = [];
  const dialogs: string[] = [];
  const office = options.office ?? { kind: "cdn-copy" };

  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (options.route && (await options.route(route, url))) return;
    if (url.origin === harness.server.origin) return route.continue();
    if (url.href.startsWith(OFFICE_HOSTED_PREFIX)) {
      if (office.kind === "excel")
        return route.fulfill({ status: 200, contentType: "text/javascript", body: excelStandIn(office.displayLanguage, office.requirements !== false, office.bodyBackgroundColor) });
      const file = path.join(OFFICE_JS_DIR, url.pathname.slice("/lib/1/hosted/".length));
      if (file.startsWith(OFFICE_JS_DIR + path.sep) && existsSync(file))
        return route.fulfill({ status: 200, contentType: "text/javascript", body: readFileSync(file) });
      return route.fulfill({ status: 404, contentType: "text/plain", body: "not in @microsoft/office-js" });
    }
    blockedExternal.push(url.href);
    return route.abort("blockedbyclient");
  });

  // Injected by the browser before any page script, so it is not subject to the page's CSP.
  await context.addInitScript(() => {
    const w = window as unknown as { __aicViolations: unknown[] };
    w.__aicViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__aicViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, policy: e.originalPolicy, source: e.sourceFile });
    });
  });
  if (options.initScript) await context.addInitScript({ content: options.initScript });

  const page = await context.newPage();
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const { text, source } = describeConsole(msg);
    (isOfficeJsNoise(text, source) ? officeJsNoise : errors).push(`${text} (${source || "page"})`);
  });
  page.on("pageerror", (err) => errors.push(`uncaught: ${err.message}`));
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });

  await page.goto(`${harness.server.origin}/taskpane.html`);
  return {
    page,
    context,
    errors,
    officeJsNoise,
    blockedExternal,
    dialogs,
    violations: () => page.evaluate(() => (window as unknown as { __aicViolations: CspViolation[] }).__aicViolations),
    close: () => context.close(),
  };
}

/** Waits until the catalog has loaded and the page knows where it runs (the banner, or none in Excel). */
export async function waitForReady(page: Page, host: "outside" | "excel" = "outside"): Promise<void> {
  // Attached, not visible: after a reload the page may come back on another tab than the Catalog.
  await page.locator('.aic-catalog-body[aria-busy="false"] [data-list-id]').first().waitFor({ state: "attached" });
  if (host === "outside") await page.locator("#aic-host-status.aic-host-outside").waitFor({ state: "visible" });
  else await page.locator("#aic-host-status").waitFor({ state: "hidden" });
}

export type TabId = "catalog" | "import" | "refresh" | "tools" | "feeds";

/** Shows a tab, as a click on it does. */
export async function selectTab(page: Page, tab: TabId): Promise<void> {
  await page.locator(`#aic-tab-${tab}`).click();
  await page.locator(`#aic-panel-${tab}`).waitFor({ state: "visible" });
}

/** Pastes `text` into the note box (Import tab) and chooses Parse; settles when the tab shows the outcome. */
export async function pasteAndParse(page: Page, text: string): Promise<void> {
  await selectTab(page, "import");
  const preview = page.locator('[data-preview="import"]:not([hidden])');
  if (await preview.count()) await preview.locator(".aic-back-button").click();
  await page.locator("#aic-note-text textarea").fill(text);
  await page.locator('[data-focus-key="parse"]').click();
  await page.locator(".aic-section-import .aic-message").waitFor({ state: "visible" });
}

/** The rows of the preview that is open, as text (the sticky ticker is a row header: th, then td). */
export async function previewRows(page: Page): Promise<{ headers: string[]; rows: string[][] }> {
  const table = page.locator(".aic-preview:not([hidden]) .aic-preview-body table");
  await table.waitFor({ state: "visible" });
  return table.evaluate((t) => ({
    headers: [...t.querySelectorAll("thead th")].map((th) => th.textContent ?? ""),
    rows: [...t.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("th, td")].map((td) => td.textContent ?? "")),
  }));
}

/** The catalog's files as shipped (assets/catalog), for expected titles and row counts. */
export function catalogFile<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(ROOT, "assets/catalog", name), "utf8")) as T;
}

/** A text excerpt of a seed note (test/fixtures). */
export function fixture(name: string): string {
  return readFileSync(path.join(ROOT, "test/fixtures", name), "utf8");
}
