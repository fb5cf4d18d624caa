/**
 * Starts the taskpane on a page: mounts the UI at once (browsing works before Office answers), then
 * tells it where it runs once Office.onReady does. Outside Excel (office.js missing, or onReady with
 * host null) the page stays usable for browsing, previewing, parsing and feeds; everything that writes
 * to a workbook is disabled.
 *
 * Split from taskpane.ts (the webpack entry, which only calls startTaskpane) so tests can start it
 * with a fake fetch and a fake Office.
 */
import { runInsertComparison } from "../excel/compareSheet";
import { runInsertComputeSheet } from "../excel/computeSheet";
import { runFreezeFormulas, runRestoreFormulas } from "../excel/freeze";
import { runInsertPickList } from "../excel/insert";
import { REFRESH_REQUIREMENT, runRefreshTables } from "../excel/refresh";
import { runTakeTheirs } from "../excel/conflicts";
import { runReadWorkbookNames } from "../excel/workbookNames";
import { runReadWorkbookLists } from "../excel/workbookLists";
import { parseReport } from "../picks/parser";
import { pageCopiesStore } from "../picks/feed-cache";
import { memoryStore, webStorageStore, type FeedEnv, type FetchLike } from "../picks/sources";
import { validatePickList } from "../picks/validate";
import { mountTaskpane, type ExcelHost, type FeedDeps, type PageDeps, type SessionStore, type TaskpaneApp } from "./app";
import { pendingOriginsInForce } from "./csp";
import { CATALOG_INDEX_PATH, createCatalogLoader, fetchJsonWith } from "./catalog-source";
import { languageFromDisplayLanguage } from "./i18n";
import { followOfficeTheme } from "./theme";
import type { ImportClient } from "./worker/client";
import { officeGlobal, requirementSupported, watchHost, type OfficeLike } from "./office-host";

/** Everything the taskpane does in Excel, from src/excel; `refreshSupported` from Office's requirement check. */
export function excelHost(office: OfficeLike | undefined): ExcelHost {
  return {
    kind: "excel",
    insert: runInsertPickList,
    refresh: runRefreshTables,
    refreshSupported: requirementSupported(office, REFRESH_REQUIREMENT),
    compare: runInsertComparison,
    computeSheet: runInsertComputeSheet,
    freeze: runFreezeFormulas,
    restore: runRestoreFormulas,
    takeTheirs: runTakeTheirs,
    workbookNames: runReadWorkbookNames,
    workbookLists: runReadWorkbookLists,
  };
}

/** window.localStorage or window.sessionStorage, or null where the browser blocks it (reading it can throw). */
function pageStorage(kind: "localStorage" | "sessionStorage"): Storage | null {
  try {
    const storage = (globalThis as unknown as Record<string, Storage | undefined>)[kind];
    return storage ?? null;
  } catch {
    return null;
  }
}

/** window.indexedDB, or null where the browser has none or blocks it (reading it can throw). */
function pageIndexedDb(): IDBFactory | null {
  try {
    return (globalThis as { indexedDB?: IDBFactory }).indexedDB ?? null;
  } catch {
    return null;
  }
}

/**
 * The feeds' environment in the page. The feed list lives in localStorage, beside the allowed origins
 * that csp-boot must read synchronously before any script runs; each feed's last good copy lives in
 * IndexedDB (src/picks/feed-cache.ts: localStorage's 5 MB cannot hold a large feed), where copies an
 * earlier version left in localStorage are moved. In the shared runtime the taskpane, the commands and
 * the functions are one page, so both stores are theirs alike and OfficeRuntime.storage (asynchronous,
 * for separate runtimes) is not needed. Fetches skip the HTTP cache: fetching a feed again must ask the
 * server again.
 */
export function pageFeedDeps(fetchFn: typeof fetch | undefined, storage: Storage | null, catalogUrl: string): FeedDeps {
  const pageFetch: FetchLike = (url, init) =>
    fetchFn ? fetchFn(url, { ...init, cache: "no-store" }) : Promise.reject(new Error("fetch is not available"));
  const env: FeedEnv = { fetch: pageFetch, store: storage ? webStorageStore(storage) : memoryStore(), cache: pageCopiesStore(pageIndexedDb(), storage), catalogUrl };
  const pendingOrigins = pendingOriginsInForce(typeof document === "undefined" ? null : document);
  return { env, origins: storage, pendingOrigins };
}

export interface StartOptions {
  /** Where to mount; default the page's #app. */
  root?: HTMLElement | null;
  /** Default: the page's fetch. */
  fetch?: (url: string) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;
  /** Default: the Office global, if office.js loaded. Pass undefined explicitly for "no office.js". */
  office?: OfficeLike;
  /** Default: catalog/index.json next to the page. */
  indexUrl?: string;
  /** How long to wait for Office.onReady before treating the page as outside Excel. */
  hostTimeoutMs?: number;
  /** Default: the page's fetch and localStorage (pageFeedDeps). */
  feeds?: FeedDeps;
  /** Default: sessionStorage. */
  session?: SessionStore | null;
  /** Default: location.reload(). */
  reload?: () => void;
  /** Default: src/excel's functions (excelHost). Tests pass fakes. */
  excel?: ExcelHost;
  /** The import worker (the entry passes worker/spawn.ts's); default none: pastes are parsed on the page. */
  importClient?: ImportClient | null;
}

export function startTaskpane(options: StartOptions = {}): TaskpaneApp | null {
  const doc = typeof document === "undefined" ? undefined : document;
  const root = options.root !== undefined ? options.root : doc?.getElementById("app");
  if (!root) return null;
  const office = "office" in options ? options.office : officeGlobal();
  const pageFetch = typeof fetch === "function" ? (url: string) => fetch(url) : undefined;
  const fetchJson = fetchJsonWith(options.fetch ?? pageFetch);
  const indexUrl = options.indexUrl ?? new URL(CATALOG_INDEX_PATH, root.ownerDocument.baseURI).href;
  const browserLanguage = typeof navigator === "undefined" ? undefined : navigator.language;

  const view = root.ownerDocument.defaultView;
  const session = options.session !== undefined ? options.session : pageStorage("sessionStorage");
  const page: PageDeps = { reload: options.reload ?? (() => view?.location.reload()), session };
  const feeds =
    options.feeds ?? pageFeedDeps(typeof fetch === "function" ? (input, init) => fetch(input, init) : undefined, pageStorage("localStorage"), indexUrl);

  const app = mountTaskpane(root, {
    language: languageFromDisplayLanguage(browserLanguage),
    host: { kind: "checking" },
    loadCatalog: createCatalogLoader(fetchJson, indexUrl),
    parseReport,
    validatePickList,
    feeds,
    page,
    importClient: options.importClient ?? null,
  });

  watchHost(
    office,
    (info) => {
      if (info.displayLanguage) app.setDetectedLanguage(languageFromDisplayLanguage(info.displayLanguage));
      app.setHost(info.inExcel ? (options.excel ?? excelHost(office)) : { kind: "outside" });
      if (info.inExcel) followOfficeTheme(root.ownerDocument, office);
    },
    options.hostTimeoutMs,
  );
  return app;
}
