/** Pick lists for the Excel tests: the bundled Huaxin list and synthetic lists built from it. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { PickColumn, PickList, PickRow } from "../../src/picks/types";
import { validatePickList } from "../../src/picks/validate";

export const HUAXIN_CATALOG_FILE = path.resolve(__dirname, "../../assets/catalog/huaxin-2024-02-18-focus.json");

/**
 * Huaxin Securities (华鑫证券), table 重点关注公司及盈利预测 (17 rows, prices of 2024-02-18), from the
 * bundled catalog, validated with the catalog's own validator; a fresh copy each call so a test can
 * change it freely.
 */
export function huaxinList(): PickList {
  const checked = validatePickList(JSON.parse(fs.readFileSync(HUAXIN_CATALOG_FILE, "utf8")));
  if (!checked.ok) throw new Error(`catalog list is invalid: ${checked.errors.join("; ")}`);
  return checked.list;
}

/** The fixture's row for `ticker`. */
export function huaxinRow(ticker: string): PickRow {
  const row = huaxinList().rows.find((r) => r.ticker === ticker);
  if (!row) throw new Error(`no Huaxin row ${ticker}`);
  return row;
}

/** A list with the Huaxin columns and `rowCount` generated rows (distinct tickers, varied numbers). */
export function syntheticList(rowCount: number, id = "synthetic-large"): PickList {
  const base = huaxinList();
  const rows: PickRow[] = Array.from({ length: rowCount }, (_, i) => {
    const template = base.rows[i % base.rows.length];
    return {
      ...template,
      ticker: `${String(100000 + i).padStart(6, "0")}.SZ`,
      name: `${template.name}${i}`,
      price: Math.round((10 + (i % 997) * 0.37) * 100) / 100,
    };
  });
  return { ...base, id, title: { zh: `合成清单 ${rowCount}`, en: `Synthetic ${rowCount}` }, rows };
}

/** A minimal valid list: ticker + name + price, rows given. */
export function smallList(rows: PickRow[], overrides: Partial<PickList> = {}): PickList {
  const columns: PickColumn[] = [
    { key: "ticker", kind: "ticker", label: { zh: "代码", en: "Ticker" } },
    { key: "name", kind: "name", label: { zh: "名称", en: "Name" } },
    { key: "price", kind: "price", label: { zh: "股价", en: "Price" } },
  ];
  const base = huaxinList();
  return { ...base, id: "small-list", title: { zh: "小清单", en: "Small list" }, columns, rows, ...overrides };
}
