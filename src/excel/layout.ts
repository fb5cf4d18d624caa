/**
 * What the insert writes, decided without Office: the sheet's columns (the list's own plus a live
 * forward-P/E column per estimate year), headers, number formats, formulas, the metadata block above
 * the table and every cell as it will be sent. insert.ts only turns this plan into Office.js calls,
 * so everything here is tested as plain data.
 *
 * Layout (0-based rows): metadata rows 0..8 (title, then label/value pairs in columns A:B), a blank
 * row, the table's header row at row 10 (Excel row 11) and the data from row 11 (Excel row 12).
 */
import type { CellValue, ColumnKind, PickColumn, PickList, PickRow } from "../picks/types";
import { FWD_PE, NAMESPACE } from "../functions/definitions";
import type { Language } from "./insert";
import { cellAddress } from "./a1";
import { thisRowReference, uniqueHeaders } from "./names";

/** The custom function the live P/E column calls: AIC.FWD_PE(price, eps) = price / eps (#NUM! for EPS < 0). */
export const FWD_PE_FUNCTION = `${NAMESPACE}.${FWD_PE.id}`;
/** A live P/E further than this from the printed one (as a fraction) is highlighted. */
export const PE_MISMATCH_TOLERANCE = 0.05;
/** Excel's "Text" number format: what is typed or written into the cell stays text, never a formula. */
export const TEXT_FORMAT = "@";

/** Number format per column kind; text kinds get "@" so names such as "=1+1" or "000628" stay text. */
export const NUMBER_FORMATS: Readonly<Record<ColumnKind, string>> = {
  ticker: TEXT_FORMAT,
  name: TEXT_FORMAT,
  price: "0.00",
  change: "0.00%",
  eps: "0.00",
  pe: "0.0",
  pb: "0.00",
  rating: TEXT_FORMAT,
  theme: TEXT_FORMAT,
  text: TEXT_FORMAT,
  number: "General",
};

/** Light red fill with dark red text: Excel's own preset for "values that need a look". */
export const PE_MISMATCH_FILL = "#FFC7CE";
export const PE_MISMATCH_FONT = "#9C0006";

/** A column the list itself defines. */
export interface DataSheetColumn {
  role: "data";
  key: string;
  header: string;
  numberFormat: string;
  column: PickColumn;
}

/** A live forward P/E for one estimate year: =AIC.FWD_PE(price, that year's EPS). */
export interface ForwardPeSheetColumn {
  role: "fwdPe";
  /** Key of this column in the workbook record: "fwd_pe_2023" (suffixed if the list already uses it). */
  key: string;
  header: string;
  numberFormat: string;
  year: number;
  priceKey: string;
  epsKey: string;
  /** The P/E the report printed for the same year, when the list has one. */
  printedPeKey: string | null;
}

export type SheetColumn = DataSheetColumn | ForwardPeSheetColumn;

/** A run of adjacent data columns, written with one `values` call per chunk. */
export interface ColumnSegment {
  first: number;
  count: number;
}

/** Labels of the metadata block's label/value rows (the title row above them has none). */
const LABELS: Readonly<
  Record<Language, { broker: string; report: string; analysts: string; reportDate: string; priceDate: string; table: string; source: string; listId: string }>
> = {
  zh: {
    broker: "券商",
    report: "报告",
    analysts: "分析师",
    reportDate: "报告日期",
    priceDate: "股价日期",
    table: "表格",
    source: "资料来源",
    listId: "清单ID",
  },
  en: {
    broker: "Broker",
    report: "Report",
    analysts: "Analysts",
    reportDate: "Report date",
    priceDate: "Price date",
    table: "Table",
    source: "Source",
    listId: "List ID",
  },
};

/** Header of the live P/E column for a year label such as "2023E" (also used by the broker comparison). */
export const FORWARD_PE_LABEL: Readonly<Record<Language, (yearLabel: string) => string>> = {
  zh: (yearLabel) => `实时PE ${yearLabel}`,
  en: (yearLabel) => `Live P/E ${yearLabel}`,
};

/**
 * The metadata block: the list title, then label/value rows for broker, report title, analysts,
 * report date, price date, the report's table caption, its source line and the list id. Every cell
 * is text (dates stay ISO text, so a refresh can read them back exactly). Missing values are "".
 */
export function metadataRows(list: PickList, language: Language): [string, string][] {
  const labels = LABELS[language];
  const source = list.source;
  return [
    [list.title[language], ""],
    [labels.broker, language === "zh" ? source.broker : source.brokerEn],
    [labels.report, source.reportTitle],
    [labels.analysts, source.analysts.join(", ")],
    [labels.reportDate, source.reportDate],
    [labels.priceDate, source.priceDate ?? ""],
    [labels.table, source.table],
    [labels.source, source.sourceLine],
    [labels.listId, list.id],
  ];
}

/** Number of metadata rows (the title and one per label); a blank row follows, then the table. */
export const METADATA_ROW_COUNT = 1 + Object.keys(LABELS.en).length;
export const HEADER_ROW = METADATA_ROW_COUNT + 1;
export const FIRST_DATA_ROW = HEADER_ROW + 1;
export const TABLE_FIRST_COLUMN = 0;

function yearLabel(column: PickColumn): string {
  return `${column.year}${column.estimate ? "E" : ""}`;
}

/** `base`, or base_2, base_3 ... if the list already has such a key. */
function freeKey(base: string, taken: Set<string>): string {
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  taken.add(key);
  return key;
}

/**
 * The sheet's columns in order: the list's columns as given, with a live P/E (price ÷ EPS) for each
 * estimate year's EPS, and for each actual year whose P/E the report printed, placed right after that
 * printed P/E (or after the EPS column when the report printed none). Actual years get one too because
 * a printed P/E that no longer matches price ÷ EPS is exactly what an analyst wants flagged: in the
 * Huaxin table the mismatches (海光信息, 新易盛 …) are all in 2022. No price column, no live P/E.
 */
export function planSheetColumns(list: PickList, language: Language): SheetColumn[] {
  const price = list.columns.find((c) => c.kind === "price");
  const takenKeys = new Set(list.columns.map((c) => c.key));
  const after = new Map<string, Omit<ForwardPeSheetColumn, "header">[]>();
  const labels: string[] = [];
  if (price) {
    for (const eps of list.columns) {
      if (eps.kind !== "eps" || eps.year === undefined) continue;
      const printed = list.columns.find((c) => c.kind === "pe" && c.year === eps.year);
      if (eps.estimate !== true && !printed) continue;
      const anchor = (printed ?? eps).key;
      const live: Omit<ForwardPeSheetColumn, "header"> = {
        role: "fwdPe",
        key: freeKey(`fwd_pe_${eps.year}`, takenKeys),
        numberFormat: NUMBER_FORMATS.pe,
        year: eps.year,
        priceKey: price.key,
        epsKey: eps.key,
        printedPeKey: printed ? printed.key : null,
      };
      after.set(anchor, [...(after.get(anchor) ?? []), live]);
    }
  }
  const unlabelled: (Omit<DataSheetColumn, "header"> | Omit<ForwardPeSheetColumn, "header">)[] = [];
  for (const column of list.columns) {
    unlabelled.push({ role: "data", key: column.key, numberFormat: NUMBER_FORMATS[column.kind], column });
    labels.push(column.label[language]);
    for (const live of after.get(column.key) ?? []) {
      const eps = list.columns.find((c) => c.key === live.epsKey) as PickColumn;
      unlabelled.push(live);
      labels.push(FORWARD_PE_LABEL[language](yearLabel(eps)));
    }
  }
  const headers = uniqueHeaders(
    labels,
    unlabelled.map((c) => c.key),
  );
  return unlabelled.map((c, i) => ({ ...c, header: headers[i] }) as SheetColumn);
}

/** Runs of adjacent data columns (the live P/E columns split them). */
export function dataSegments(columns: readonly SheetColumn[]): ColumnSegment[] {
  const segments: ColumnSegment[] = [];
  columns.forEach((column, i) => {
    if (column.role !== "data") return;
    const last = segments[segments.length - 1];
    if (last && last.first + last.count === i) last.count++;
    else segments.push({ first: i, count: 1 });
  });
  return segments;
}

/** The live P/E formula by structured reference, e.g. =AIC.FWD_PE([@[股价]],[@[EPS 2023E]]). */
export function forwardPeFormula(priceHeader: string, epsHeader: string): string {
  return `=${FWD_PE_FUNCTION}(${thisRowReference(priceHeader)},${thisRowReference(epsHeader)})`;
}

/**
 * The conditional-format rule for the live P/E cell `liveCell` against the printed P/E in
 * `printedCell` (relative A1 references to the first data row; structured references are not
 * allowed in conditional formats). True only when both are numbers and they differ by more than
 * the tolerance, so blanks, text and errors (a #NUM! for a loss-making year) never flag.
 */
export function peMismatchRule(liveCell: string, printedCell: string): string {
  return (
    `=AND(ISNUMBER(${liveCell}),ISNUMBER(${printedCell}),` +
    `IFERROR(ABS(${liveCell}/${printedCell}-1)>${PE_MISMATCH_TOLERANCE},FALSE))`
  );
}

/**
 * A cell of a text column ("@" format), as written: text verbatim (the format keeps "=..." text),
 * a number as its decimal text, null as "".
 */
export function textCell(value: CellValue): string {
  if (value === null) return "";
  return typeof value === "number" ? String(value) : value;
}

/**
 * A cell of a number column, as written: a number as itself, null as "" (an empty cell, never 0).
 * Text found in a number column is written with a leading apostrophe, Excel's marker for a literal,
 * because such a column is not "@"-formatted and "=..." or "+1" would otherwise be parsed.
 */
export function numberCell(value: CellValue): string | number {
  if (value === null) return "";
  return typeof value === "number" ? value : `'${value}`;
}

/** One row as sent: data cells encoded per column, live P/E cells holding their formula. */
export function encodeRow(row: PickRow, columns: readonly SheetColumn[], formulas: readonly (string | null)[]): (string | number)[] {
  return columns.map((column, i) => {
    if (column.role === "fwdPe") return formulas[i] as string;
    const value = row[column.key] ?? null;
    return column.numberFormat === TEXT_FORMAT ? textCell(value) : numberCell(value);
  });
}

/** Everything the insert sends, before any name is chosen. */
export interface TablePlan {
  columns: SheetColumn[];
  headers: string[];
  numberFormats: string[];
  segments: ColumnSegment[];
  /** Per sheet column: the live P/E formula, or null for a data column. */
  formulas: (string | null)[];
  /** Live P/E columns paired with the printed P/E column (sheet indices) they are checked against. */
  mismatchChecks: { live: number; printed: number }[];
  metadata: [string, string][];
  /** Encoded rows, one array per list row, in sheet-column order. */
  rows: (string | number)[][];
  /** Rows of the table body: the list's rows, or one blank row for an empty list (Excel needs one). */
  bodyRowCount: number;
}

export function planTable(list: PickList, language: Language): TablePlan {
  const columns = planSheetColumns(list, language);
  const headers = columns.map((c) => c.header);
  const headerOf = (key: string): string => (columns.find((c) => c.key === key) as SheetColumn).header;
  const formulas = columns.map((c) => (c.role === "fwdPe" ? forwardPeFormula(headerOf(c.priceKey), headerOf(c.epsKey)) : null));
  const mismatchChecks: { live: number; printed: number }[] = [];
  columns.forEach((c, i) => {
    if (c.role === "fwdPe" && c.printedPeKey !== null) {
      const printedKey = c.printedPeKey;
      mismatchChecks.push({ live: i, printed: columns.findIndex((p) => p.role === "data" && p.key === printedKey) });
    }
  });
  return {
    columns,
    headers,
    numberFormats: columns.map((c) => c.numberFormat),
    segments: dataSegments(columns),
    formulas,
    mismatchChecks,
    metadata: metadataRows(list, language),
    rows: list.rows.map((row) => encodeRow(row, columns, formulas)),
    bodyRowCount: Math.max(list.rows.length, 1),
  };
}

/** The rule for one mismatch check, anchored at the first data row. */
export function mismatchRuleFor(check: { live: number; printed: number }): string {
  return peMismatchRule(
    cellAddress(FIRST_DATA_ROW, TABLE_FIRST_COLUMN + check.live),
    cellAddress(FIRST_DATA_ROW, TABLE_FIRST_COLUMN + check.printed),
  );
}
