/**
 * The catalog (and any feed in the same shape): an index document plus one pick-list document per
 * list, fetched like any other JSON. Works in the taskpane (fetch) and in Node (read a file): the
 * caller passes the function that turns a URL into parsed JSON.
 */
import { CATALOG_FORMAT, PICKLIST_VERSION, type CatalogIndex, type CatalogReport, type PickList } from "./types";
import { reportId } from "./ids";
import { validateCatalogIndex, validatePickList } from "./validate";

export type FetchJson = (url: string) => Promise<unknown>;

export type CatalogLoadResult =
  | { ok: true; index: CatalogIndex; lists: PickList[] }
  /** `index` and `lists` hold what did load (lists in index order), so a partly broken feed still shows. */
  | { ok: false; index: CatalogIndex | null; lists: PickList[]; errors: string[] };

/** `href` relative to the index: URL resolution for absolute index URLs, path joining otherwise. */
export function resolveCatalogHref(indexUrl: string, href: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(indexUrl)) return new URL(href, indexUrl).toString();
  const slash = indexUrl.lastIndexOf("/");
  return slash >= 0 ? `${indexUrl.slice(0, slash + 1)}${href}` : href;
}

/** The message of anything thrown (errors from another realm, such as Node's fs under jest, are not `instanceof Error`). */
function message(err: unknown): string {
  if (typeof err === "object" && err !== null && typeof (err as { message?: unknown }).message === "string") {
    return (err as { message: string }).message;
  }
  return String(err);
}

/**
 * Fetches and validates the index at `indexUrl`, then every list it names (in parallel). Errors are
 * precise: which URL, which list, which row and column. A list must carry the id, report date and
 * row count its index entry announces.
 */
export async function loadCatalog(fetchJson: FetchJson, indexUrl: string): Promise<CatalogLoadResult> {
  let indexDoc: unknown;
  try {
    indexDoc = await fetchJson(indexUrl);
  } catch (err) {
    return { ok: false, index: null, lists: [], errors: [`${indexUrl}: could not be fetched: ${message(err)}`] };
  }
  const checkedIndex = validateCatalogIndex(indexDoc);
  if (!checkedIndex.ok) {
    return { ok: false, index: null, lists: [], errors: checkedIndex.errors.map((e) => `${indexUrl}: ${e}`) };
  }
  const index = checkedIndex.index;
  const entries = index.reports.flatMap((report) => report.lists.map((entry) => ({ report, entry })));
  const loaded = await Promise.all(
    entries.map(async ({ report, entry }): Promise<{ list?: PickList; errors: string[] }> => {
      const url = resolveCatalogHref(indexUrl, entry.href);
      const where = `list "${entry.id}" (${url})`;
      let doc: unknown;
      try {
        doc = await fetchJson(url);
      } catch (err) {
        return { errors: [`${where}: could not be fetched: ${message(err)}`] };
      }
      const checked = validatePickList(doc);
      if (!checked.ok) return { errors: checked.errors.map((e) => `${where}: ${e}`) };
      const list = checked.list;
      const errors: string[] = [];
      if (list.id !== entry.id) errors.push(`${where}: the document's id is "${list.id}"`);
      if (list.rows.length !== entry.rowCount) {
        errors.push(`${where}: the index announces ${entry.rowCount} rows, the document has ${list.rows.length}`);
      }
      if (list.source.reportDate !== report.reportDate) {
        errors.push(`${where}: report date ${list.source.reportDate} differs from the index's ${report.reportDate}`);
      }
      return errors.length > 0 ? { errors } : { list, errors };
    }),
  );
  const lists = loaded.flatMap((l) => (l.list ? [l.list] : []));
  const errors = loaded.flatMap((l) => l.errors);
  return errors.length === 0 ? { ok: true, index, lists } : { ok: false, index, lists, errors };
}

/** The index for a set of lists: grouped by report (in first-seen order), one file "<id>.json" per list. */
export function buildCatalogIndex(lists: readonly PickList[]): CatalogIndex {
  const reports: CatalogReport[] = [];
  for (const list of lists) {
    const id = reportId(list.source);
    let report = reports.find((r) => r.id === id);
    if (!report) {
      report = {
        id,
        broker: list.source.broker,
        brokerEn: list.source.brokerEn,
        reportTitle: list.source.reportTitle,
        reportDate: list.source.reportDate,
        lists: [],
      };
      reports.push(report);
    }
    report.lists.push({ id: list.id, title: { ...list.title }, rowCount: list.rows.length, href: `${list.id}.json` });
  }
  return { format: CATALOG_FORMAT, version: PICKLIST_VERSION, reports };
}
