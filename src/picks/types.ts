/**
 * The pick-list format: a self-describing JSON document holding one recommended-stock table
 * (or one themed list) from a broker note. Documented in docs/picklist-format.md, with the
 * JSON Schema in src/picks/picklist.schema.json. Pure data: no Office APIs here.
 *
 * Design for refresh: rows are objects keyed by column key (never positional), every list has a
 * stable `id`, and every row is identified by its normalised `ticker`, so a later version of the
 * same list can be matched row by row against what was inserted into a workbook.
 */

/** Bumped when a change to the format would make an older reader misread a document. */
export const PICKLIST_FORMAT = "aic-picklist" as const;
export const PICKLIST_VERSION = 1 as const;
export const CATALOG_FORMAT = "aic-catalog" as const;

/** What a column holds; decides parsing, number format and which formulas the insert adds. */
export type ColumnKind =
  | "ticker" // normalised exchange ticker: 000977.SZ, 688256.SH, 0700.HK, 830799.BJ
  | "name" // company short name as printed (证券简称)
  | "price" // share price in the report's currency
  | "change" // a fraction: 0.0638 for 6.38%
  | "eps" // earnings per share for `year` (estimate when `estimate`)
  | "pe" // price / earnings as printed by the report for `year`
  | "pb" // price / book
  | "rating" // the broker's rating, as printed (买入, 增持, 未评级 ...)
  | "theme" // the themed direction a company was named under (光模块, 国产算力 ...)
  | "text" // any other text
  | "number"; // any other number

export const COLUMN_KINDS: readonly ColumnKind[] = [
  "ticker",
  "name",
  "price",
  "change",
  "eps",
  "pe",
  "pb",
  "rating",
  "theme",
  "text",
  "number",
];

/** A label in both languages the taskpane and the inserted table can show. */
export interface LocalizedText {
  zh: string;
  en: string;
}

export interface PickColumn {
  /** Stable key, unique in the list: "ticker", "price", "eps_2023", "pe_2024" ... */
  key: string;
  kind: ColumnKind;
  label: LocalizedText;
  /** Fiscal year, for eps/pe (and any per-year number). */
  year?: number;
  /** True for a forecast year (the report prints "2023E"). */
  estimate?: boolean;
}

/** A cell: number, text, or null for missing (a blank cell, "/", "-", "—", "N/A"). Never 0 for missing. */
export type CellValue = string | number | null;

export type PickRow = Record<string, CellValue>;

export interface PickListSource {
  /** Broker as printed, e.g. "华鑫证券". */
  broker: string;
  /** Broker in English, e.g. "Huaxin Securities". */
  brokerEn: string;
  /** Report title as printed. */
  reportTitle: string;
  /** ISO date the report was published, e.g. "2024-02-18". */
  reportDate: string;
  /**
   * Present when the note itself does not print `reportDate`: "import" when the lists are dated by the
   * day they were imported, "given" when the analyst typed the date. Absent: the note's own date.
   */
  reportDateOrigin?: "import" | "given";
  /** ISO date of the prices in the table, or null when the report does not say. */
  priceDate: string | null;
  analysts: string[];
  /** The report's own source line under the table, e.g. "资料来源: Wind, 华鑫证券研究". */
  sourceLine: string;
  /** The table's caption in the report, e.g. "表5: 重点关注个股", or the section a themed list comes from. */
  table: string;
  /** The file the list was imported from ("note.pdf"), when it came from a file. */
  file?: string;
  /** The 1-based page of that file where the table (or themed list) is printed, for PDFs. */
  page?: number;
}

export interface PickList {
  format: typeof PICKLIST_FORMAT;
  version: typeof PICKLIST_VERSION;
  /** Stable id, unique across the catalog: "huaxin-2024-02-18-focus" ... */
  id: string;
  title: LocalizedText;
  source: PickListSource;
  columns: PickColumn[];
  rows: PickRow[];
}

/** One entry of a catalog (or feed) index: enough to list it without fetching it. */
export interface CatalogListEntry {
  id: string;
  title: LocalizedText;
  rowCount: number;
  /** Path of the list document, relative to the index. */
  href: string;
}

export interface CatalogReport {
  id: string;
  broker: string;
  brokerEn: string;
  reportTitle: string;
  reportDate: string;
  lists: CatalogListEntry[];
}

export interface CatalogIndex {
  format: typeof CATALOG_FORMAT;
  version: typeof PICKLIST_VERSION;
  reports: CatalogReport[];
}
