/** The bundled catalog, loaded the way the taskpane loads it (index, then every list, validated). */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { loadCatalog } from "../../src/picks/catalog";
import type { PickList } from "../../src/picks/types";

export const CATALOG_INDEX = path.resolve(__dirname, "../../assets/catalog/index.json");
/** The seed notes: read them only inside test/support/seeds.ts's describeWithSeeds / itWithSeeds. */
export { SEEDS_DIR as SEEDS, HUAXIN_SEED, MINSHENG_SEED } from "../support/seeds";

export async function catalogLists(): Promise<PickList[]> {
  const result = await loadCatalog(async (url) => JSON.parse(readFileSync(url, "utf8")) as unknown, CATALOG_INDEX);
  if (!result.ok) throw new Error(`catalog does not load: ${result.errors.join("; ")}`);
  return result.lists;
}

export function byId(lists: readonly PickList[], id: string): PickList {
  const list = lists.find((l) => l.id === id);
  if (!list) throw new Error(`no list ${id}`);
  return list;
}

export const HUAXIN_FOCUS = "huaxin-2024-02-18-focus";
export const MINSHENG_TABLE5 = "minsheng-2024-02-25-table5-focus";
