/**
 * View model of the preview table: what each header and cell of a pick list reads as in the taskpane.
 * Pure (no DOM, no Office), so the formatting is unit-tested on numbers from the reports.
 */
import type { CellValue, ColumnKind, PickColumn, PickList } from "../../picks/types";
import { columnLabel, isNumericKind } from "../../picks/columns";
import { NUMBER_FORMATS } from "../../excel/layout";
import { t, type Lang } from "../i18n";

/** Most decimals a column in Excel's "General" format shows here; trailing zeros are dropped. */
const GENERAL_MAX_DECIMALS = 4;

/**
 * How an Excel number format of the insert ("0.00", "0.0", "0.00%") displays: decimals and whether it
 * is a percentage. Null for "General" and "@" (text). The preview reads the insert's own formats, so
 * what the taskpane shows is what the table will show (price 0.00, EPS 0.00, P/E 0.0, change 0.00%).
 */
export function displayRule(format: string): { decimals: number; percent: boolean } | null {
  const m = /^0(?:\.(0+))?(%?)$/.exec(format);
  if (!m) return null;
  return { decimals: m[1]?.length ?? 0, percent: m[2] === "%" };
}

/** toFixed without the "-0.00" that a tiny negative rounds to. */
function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/**
 * The text of one cell. Missing values (null) read as `missing` ("—" by default), never as 0.
 * A number in a text column, or text in a number column, is shown as it is rather than hidden.
 */
export function formatCell(kind: ColumnKind, value: CellValue, missing = "—"): string {
  if (value === null || value === undefined) return missing;
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return String(value);
  const rule = displayRule(NUMBER_FORMATS[kind]);
  if (rule) return rule.percent ? `${fixed(value * 100, rule.decimals)}%` : fixed(value, rule.decimals);
  if (isNumericKind(kind)) return String(Number(fixed(value, GENERAL_MAX_DECIMALS)));
  return String(value);
}

export interface PreviewColumn {
  key: string;
  label: string;
  numeric: boolean;
  /** The ticker and the name stay in view while the table scrolls sideways: their place among the sticky columns. */
  sticky: 0 | 1 | null;
}

/** The preview shows this many rows; the rest are counted ("Showing 200 of 8,000 rows"). */
export const PREVIEW_ROW_LIMIT = 200;

export interface PreviewCell {
  text: string;
  numeric: boolean;
  missing: boolean;
}

export interface PreviewTable {
  listId: string;
  title: string;
  /** Broker, report title and date in one line, in the chosen language. */
  source: string;
  /** The values filled into `source` (previewSource in the strings table), for marking the data in it. */
  sourceParams: { broker: string; reportTitle: string; reportDate: string };
  /** "Prices as of 2024-02-18", or null when the report does not say. */
  priceDate: string | null;
  /** Where a list read from a file was printed ("note.pdf, page 2"); null for lists from anywhere else. */
  printedAt: string | null;
  /** The report's caption of the table, e.g. "表5: 重点关注个股". */
  tableCaption: string;
  /** The report's own source line, e.g. "资料来源: Wind, 华鑫证券研究". */
  sourceLine: string;
  columns: PreviewColumn[];
  /** The first `limit` rows (PREVIEW_ROW_LIMIT): building and showing 8,000 rows at once takes seconds. */
  rows: PreviewCell[][];
  /** Every row of the list. */
  totalRows: number;
}

/** A list's title in `lang`, falling back to the other language when that one is empty. */
export function listTitle(title: { zh: string; en: string }, lang: Lang): string {
  const other: Lang = lang === "zh" ? "en" : "zh";
  return title[lang] || title[other];
}

function previewColumn(column: PickColumn, lang: Lang, sticky: 0 | 1 | null): PreviewColumn {
  return { key: column.key, label: columnLabel(column, lang), numeric: isNumericKind(column.kind), sticky };
}

/** The ticker column, then the name column (each if the list has one), then the rest in the list's order. */
function previewOrder(columns: readonly PickColumn[]): { column: PickColumn; sticky: 0 | 1 | null }[] {
  const ticker = columns.find((c) => c.kind === "ticker");
  const name = columns.find((c) => c.kind === "name");
  const lead = [ticker, name].filter((c): c is PickColumn => c !== undefined);
  return [
    ...lead.map((column, i) => ({ column, sticky: i as 0 | 1 })),
    ...columns.filter((c) => !lead.includes(c)).map((column) => ({ column, sticky: null })),
  ];
}

export function buildPreviewTable(list: PickList, lang: Lang, limit = PREVIEW_ROW_LIMIT): PreviewTable {
  const missing = t(lang, "missingValue");
  const order = previewOrder(list.columns);
  const columns = order.map(({ column, sticky }) => previewColumn(column, lang, sticky));
  const rows = list.rows.slice(0, Math.max(0, limit)).map((row) =>
    order.map(({ column }): PreviewCell => {
      const value = Object.prototype.hasOwnProperty.call(row, column.key) ? row[column.key] : null;
      return {
        text: formatCell(column.kind, value, missing),
        numeric: isNumericKind(column.kind),
        missing: value === null || value === undefined,
      };
    }),
  );
  const src = list.source;
  const sourceParams = {
    broker: lang === "zh" ? src.broker : src.brokerEn || src.broker,
    reportTitle: src.reportTitle,
    // A date the note does not print is said to be so (issue 10): dated by the import, or typed by the analyst.
    reportDate:
      src.reportDateOrigin === "import"
        ? t(lang, "importDateNotPrinted", { date: src.reportDate })
        : src.reportDateOrigin === "given"
          ? t(lang, "importDateGiven", { date: src.reportDate })
          : src.reportDate,
  };
  return {
    listId: list.id,
    title: listTitle(list.title, lang),
    source: t(lang, "previewSource", sourceParams),
    sourceParams,
    priceDate: src.priceDate ? t(lang, "previewPriceDate", { date: src.priceDate }) : null,
    printedAt:
      src.file !== undefined && src.page !== undefined ? t(lang, "importPdfPage", { file: src.file, page: src.page }) : null,
    tableCaption: src.table,
    sourceLine: src.sourceLine,
    columns,
    rows,
    totalRows: list.rows.length,
  };
}
