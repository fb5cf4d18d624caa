/**
 * The bundled catalog as data inside the bundle that imports this module: the same files the taskpane
 * fetches (assets/catalog, copied to dist/catalog), so AIC.PICK answers from the moment Excel loads the
 * functions, with no network and before the taskpane opens. The index decides which lists and in which
 * order; webpack turns the template require below into a context of assets/catalog/*.json (Node and
 * jest read the files). The files are checked cell by cell against the notes by test/picks.
 */
import index from "../../assets/catalog/index.json";
import type { CatalogIndex, PickList } from "./types";

declare const require: (path: string) => unknown;

function load(): PickList[] {
  const catalog = index as unknown as CatalogIndex;
  return catalog.reports.flatMap((report) =>
    report.lists.map((entry) => {
      const doc = require(`../../assets/catalog/${entry.href}`) as PickList | { default: PickList };
      return "default" in doc && !("id" in doc) ? doc.default : (doc as PickList);
    }),
  );
}

/** Every list of the bundled catalog, in the index's order. */
export const BUNDLED_LISTS: readonly PickList[] = load();

/** The origin the bundled catalog has in the pick store. */
export const CATALOG_ORIGIN = "catalog";
