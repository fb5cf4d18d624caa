/**
 * Where the taskpane's catalog comes from: JSON files served next to the page (catalog/index.json and
 * one file per list), fetched with whatever `fetch` the page has and validated by src/picks/catalog.
 * Failures become LocalizedErrors, so they read in the language chosen when they are shown.
 */
import { loadCatalog, type FetchJson } from "../picks/catalog";
import type { PickList } from "../picks/types";
import type { CatalogData, CatalogLoader } from "./app";
import { LocalizedError } from "./messages";

export type { FetchJson };

/** The catalog index, relative to the page: webpack copies assets/catalog to dist/catalog. */
export const CATALOG_INDEX_PATH = "catalog/index.json";

type FetchLike = (url: string) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

function detailOf(err: unknown): string {
  return err instanceof Error && err.message ? err.message : String(err);
}

/** fetch → text → JSON.parse, with an error in words for a network failure, an HTTP error or bad JSON. */
export function fetchJsonWith(fetchFn: FetchLike | undefined): FetchJson {
  return async (url) => {
    if (!fetchFn) throw new LocalizedError("fetchFailed", { url, detail: "fetch is not available" });
    let text: string;
    try {
      const response = await fetchFn(url);
      if (!response.ok) throw new LocalizedError("fetchHttp", { url, status: response.status });
      text = await response.text();
    } catch (err) {
      if (err instanceof LocalizedError) throw err;
      throw new LocalizedError("fetchFailed", { url, detail: detailOf(err) });
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new LocalizedError("fetchNotJson", { url, detail: detailOf(err) });
    }
  };
}

/**
 * The app's catalog loader over src/picks/catalog's loadCatalog (which fetches and validates the index
 * and every list). A list that fails is left out of the tree and its errors are listed; an index that
 * fails fails the whole catalog, with the fetch error in words when fetching was the problem.
 */
export function createCatalogLoader(fetchJson: FetchJson, indexUrl: string): CatalogLoader {
  return async (): Promise<CatalogData> => {
    let indexFetchError: unknown;
    const tracking: FetchJson = async (url) => {
      try {
        return await fetchJson(url);
      } catch (err) {
        if (url === indexUrl) indexFetchError = err;
        throw err;
      }
    };
    const result = await loadCatalog(tracking, indexUrl);
    if (!result.index) {
      if (indexFetchError !== undefined) throw indexFetchError;
      throw new Error(result.ok ? "no index" : result.errors.join("; "));
    }
    const byId = new Map<string, PickList>(result.lists.map((list) => [list.id, list]));
    const index = {
      ...result.index,
      reports: result.index.reports.map((report) => ({ ...report, lists: report.lists.filter((entry) => byId.has(entry.id)) })),
    };
    return {
      index,
      problems: result.ok ? [] : result.errors,
      getList: async (id) => {
        const list = byId.get(id);
        if (!list) throw new Error(`no list "${id}" in the catalog`);
        return list;
      },
    };
  };
}
