/**
 * The pick lists the AIC.PICK/PICKS/STOCK functions read: the page's pick store (src/picks/lookup.ts),
 * seeded with the bundled catalog the first time a function needs it, so the functions answer before the
 * taskpane has opened and with no network. Feeds and imports add their lists through the same store
 * (`pickStore().setListsFrom(origin, lists)`), from the taskpane's bundle or this one.
 */
import { BUNDLED_LISTS, CATALOG_ORIGIN } from "../picks/bundledCatalog";
import { pickStore, type PickIndex, type PickStore } from "../picks/lookup";

/** The store, with the bundled catalog in it. */
export function seededPickStore(): PickStore {
  const store = pickStore();
  if (!store.has(CATALOG_ORIGIN)) store.setListsFrom(CATALOG_ORIGIN, BUNDLED_LISTS);
  return store;
}

/** The current index over every list the add-in knows. */
export function pickIndex(): PickIndex {
  return seededPickStore().index();
}
