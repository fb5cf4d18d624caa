/**
 * Starts the taskpane on a page: mounts the UI at once (browsing works before Office answers), then
 * tells it where it runs once Office.onReady does. Outside Excel (office.js missing, or onReady with
 * host null) the page stays usable for browsing, previewing and parsing; Insert is disabled.
 *
 * Split from taskpane.ts (the webpack entry, which only calls startTaskpane) so tests can start it
 * with a fake fetch and a fake Office.
 */
import { runInsertPickList } from "../excel/insert";
import { parseReport } from "../picks/parser";
import { validatePickList } from "../picks/validate";
import { mountTaskpane, type TaskpaneApp } from "./app";
import { CATALOG_INDEX_PATH, createCatalogLoader, fetchJsonWith } from "./catalog-source";
import { languageFromDisplayLanguage } from "./i18n";
import { officeGlobal, watchHost, type OfficeLike } from "./office-host";

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

  const app = mountTaskpane(root, {
    language: languageFromDisplayLanguage(browserLanguage),
    host: { kind: "checking" },
    loadCatalog: createCatalogLoader(fetchJson, indexUrl),
    parseReport,
    validatePickList,
  });

  watchHost(
    office,
    (info) => {
      if (info.displayLanguage) app.setDetectedLanguage(languageFromDisplayLanguage(info.displayLanguage));
      app.setHost(info.inExcel ? { kind: "excel", insert: runInsertPickList } : { kind: "outside" });
    },
    options.hostTimeoutMs,
  );
  return app;
}
