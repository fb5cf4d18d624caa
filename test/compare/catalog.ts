/** The bundled catalog, loaded the way the taskpane loads it (index, then every list, validated). */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { loadCatalog } from "../../src/picks/catalog";
import type { PickList } from "../../src/picks/types";

export const CATALOG_INDEX = path.resolve(__dirname, "../../assets/catalog/index.json");
export const SEEDS = path.resolve(__dirname, "../../../shared/seeds");
/** 华鑫证券, 2024-02-18 (重点关注公司及盈利预测 and the four themed directions). */
export const HUAXIN_SEED = path.join(SEEDS, "000_80e115261217253b.txt");
/** 民生证券, 2024-02-25 (表3, 表4, 表5 and the themed directions of 1.2 投资建议). */
export const MINSHENG_SEED = path.join(SEEDS, "001_5f8d2f44870c4b52.txt");

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
