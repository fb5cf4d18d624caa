/**
 * Inserts a broker comparison (src/picks/compare.ts) as a new worksheet: a short metadata block and a
 * real Excel table, one row per ticker, with each broker's rating and EPS per year, the EPS spread
 * between brokers, the latest price and a live =AIC.FWD_PE per broker and estimate year.
 *
 * Formats, the P/E formula and header labels come from their single homes (layout.ts, columns.ts),
 * names from names.ts. Text cells are formatted "@" before their values are written, so a name or a
 * list title from outside can never become a formula.
 *
 * Round trips (context.sync calls): 1 read (sheet, table and defined names, to choose unique names)
 * + 1 per row chunk (the frame — sheet, metadata, headers, table — goes with the first chunk; column
 * widths and activation with the last). A comparison that fits one request (any realistic one: the
 * whole bundled catalog is 52 rows) takes 2 syncs.
 */
import { compareLists, type CompareBroker, type CompareOptions, type Comparison, type CompareYear } from "../picks/compare";
import { HEADER_RULES, standardColumn } from "../picks/columns";
import type { PickList } from "../picks/types";
import { MAX_COLUMNS, MAX_ROWS, qualifiedAddress, rangeAddress } from "./a1";
import { DEFAULT_PAYLOAD_BUDGET_BYTES, OPERATION_OVERHEAD_BYTES, jsonBytes, planChunks } from "./chunks";
import { chooseNewSheetNames, SyncCounter, writeNewSheet } from "./session";
import type { Language } from "./insert";
import { FORWARD_PE_LABEL, NUMBER_FORMATS, TEXT_FORMAT, forwardPeFormula, numberCell, textCell } from "./layout";
import { uniqueHeaders } from "./names";

/** Deterministic table name (made unique with _2, _3 … when taken). */
export const COMPARE_TABLE_NAME = "AIC_Compare";

const TEXT: Readonly<
  Record<Language, { title: string; lists: string; listsLabel: string; notes: string; notesText: string; priceDate: string; spread: (y: string) => string }>
> = {
  zh: {
    title: "券商对比",
    lists: "清单",
    listsLabel: "比较的清单",
    notes: "说明",
    notesText: "按代码匹配; 股价取各清单中股价日期最新者; EPS 分歧 = 各券商 EPS 最高 − 最低 (至少两家券商有数时)",
    priceDate: "股价日期",
    spread: (y) => `EPS 分歧 ${y}`,
  },
  en: {
    title: "Broker comparison",
    lists: "Lists",
    listsLabel: "Lists compared",
    notes: "Notes",
    notesText:
      "Matched by ticker; price from the list with the latest price date; EPS spread = highest − lowest broker EPS (when at least two brokers give one)",
    priceDate: "Price date",
    spread: (y) => `EPS spread ${y}`,
  },
};

/** Metadata rows above the table (title, lists compared, notes); a blank row follows, then the table. */
export const COMPARE_METADATA_ROW_COUNT = 3;
export const COMPARE_HEADER_ROW = COMPARE_METADATA_ROW_COUNT + 1;
export const COMPARE_FIRST_DATA_ROW = COMPARE_HEADER_ROW + 1;

export type CompareColumnRole = "ticker" | "name" | "lists" | "rating" | "eps" | "spread" | "price" | "priceDate" | "fwdPe";

export interface CompareSheetColumn {
  role: CompareColumnRole;
  /** Stable key: "ticker", "rating:0", "eps:0:2023", "spread:2022", "fwd_pe:0:2023" (0 = broker index). */
  key: string;
  header: string;
  numberFormat: string;
  /** Broker index into Comparison.brokers, for per-broker columns. */
  broker?: number;
  year?: number;
}

export interface CompareSheetPlan {
  sheetTitle: string;
  metadata: [string, string][];
  columns: CompareSheetColumn[];
  headers: string[];
  numberFormats: string[];
  /** Encoded data cells, live P/E columns excluded (they are always the last columns). */
  rows: (string | number)[][];
  /** Number of leading data columns; the rest are live P/E formulas. */
  dataColumnCount: number;
  /** One formula per live P/E column, the same on every row (structured references). */
  formulas: string[];
}

/** A comparison the sheet cannot be built from; thrown before anything is sent to Excel. */
export class CompareSheetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CompareSheetError";
  }
}

function ruleLabel(key: string, language: Language): string {
  const rule = HEADER_RULES.find((r) => r.key === key);
  if (!rule) throw new Error(`no header rule ${key}`);
  return rule.label[language];
}

function epsLabel(year: CompareYear, language: Language): string {
  const rule = HEADER_RULES.find((r) => r.key === "eps");
  if (!rule) throw new Error("no header rule eps");
  return standardColumn(rule, year.year, year.estimate).label[language];
}

function yearLabel(year: CompareYear): string {
  return `${year.year}${year.estimate ? "E" : ""}`;
}

function brokerLabel(broker: Pick<CompareBroker, "broker" | "brokerEn">, language: Language): string {
  return language === "en" && broker.brokerEn !== "" ? broker.brokerEn : broker.broker;
}

/** The sheet's columns: identity, lists, per broker rating and EPS, spreads, price, live P/E last. */
export function planCompareColumns(comparison: Comparison, language: Language): CompareSheetColumn[] {
  const t = TEXT[language];
  const cols: Omit<CompareSheetColumn, "header">[] = [];
  const labels: string[] = [];
  const add = (column: Omit<CompareSheetColumn, "header">, label: string): void => {
    cols.push(column);
    labels.push(label);
  };
  add({ role: "ticker", key: "ticker", numberFormat: NUMBER_FORMATS.ticker }, ruleLabel("ticker", language));
  add({ role: "name", key: "name", numberFormat: NUMBER_FORMATS.name }, ruleLabel("name", language));
  add({ role: "lists", key: "lists", numberFormat: TEXT_FORMAT }, t.lists);
  comparison.brokers.forEach((broker, b) => {
    const who = brokerLabel(broker, language);
    if (broker.hasRating) {
      add({ role: "rating", key: `rating:${b}`, numberFormat: NUMBER_FORMATS.rating, broker: b }, `${who} ${ruleLabel("rating", language)}`);
    }
    for (const year of broker.epsYears) {
      add(
        { role: "eps", key: `eps:${b}:${year.year}`, numberFormat: NUMBER_FORMATS.eps, broker: b, year: year.year },
        `${who} ${epsLabel(year, language)}`,
      );
    }
  });
  for (const year of comparison.spreadYears) {
    add({ role: "spread", key: `spread:${year.year}`, numberFormat: NUMBER_FORMATS.eps, year: year.year }, t.spread(yearLabel(year)));
  }
  add({ role: "price", key: "price", numberFormat: NUMBER_FORMATS.price }, ruleLabel("price", language));
  add({ role: "priceDate", key: "price_date", numberFormat: TEXT_FORMAT }, t.priceDate);
  comparison.brokers.forEach((broker, b) => {
    for (const year of broker.epsYears) {
      if (!year.estimate) continue;
      add(
        { role: "fwdPe", key: `fwd_pe:${b}:${year.year}`, numberFormat: NUMBER_FORMATS.pe, broker: b, year: year.year },
        `${FORWARD_PE_LABEL[language](yearLabel(year))} ${brokerLabel(broker, language)}`,
      );
    }
  });
  const headers = uniqueHeaders(
    labels,
    cols.map((c) => c.key),
  );
  return cols.map((c, i) => ({ ...c, header: headers[i] as string }));
}

/** The text of the "lists" cell: "华鑫证券 国产算力; 民生证券 国产核心算力". */
function listsText(comparison: Comparison, listIds: readonly string[], language: Language): string {
  return listIds
    .map((id) => {
      const ref = comparison.lists.find((l) => l.id === id);
      if (!ref) return id;
      return `${brokerLabel(ref, language)} ${ref.title[language] || ref.title.zh || ref.id}`;
    })
    .join("; ");
}

/** Everything the sheet shows, decided without Office. */
export function planCompareSheet(comparison: Comparison, language: Language): CompareSheetPlan {
  if (language !== "zh" && language !== "en") throw new CompareSheetError(`unknown language ${JSON.stringify(language)}`);
  if (comparison.rows.length === 0) throw new CompareSheetError("nothing to compare: the lists name no ticker");
  const t = TEXT[language];
  const columns = planCompareColumns(comparison, language);
  const dataColumns = columns.filter((c) => c.role !== "fwdPe");
  const header = (key: string): string => (columns.find((c) => c.key === key) as CompareSheetColumn).header;
  const formulas = columns
    .filter((c) => c.role === "fwdPe")
    .map((c) => forwardPeFormula(header("price"), header(`eps:${c.broker}:${c.year}`)));

  const rows = comparison.rows.map((row) =>
    dataColumns.map((column): string | number => {
      switch (column.role) {
        case "ticker":
          return textCell(row.ticker);
        case "name":
          return textCell(row.name);
        case "lists":
          return textCell(listsText(comparison, row.listIds, language));
        case "rating":
          return textCell(row.byBroker[column.broker as number]?.rating ?? null);
        case "eps": {
          const broker = comparison.brokers[column.broker as number] as CompareBroker;
          const y = broker.epsYears.findIndex((e) => e.year === column.year);
          return numberCell(row.byBroker[column.broker as number]?.eps[y] ?? null);
        }
        case "spread":
          return numberCell(row.spread[comparison.spreadYears.findIndex((y) => y.year === column.year)] ?? null);
        case "price":
          return numberCell(row.price);
        case "priceDate":
          return textCell(row.priceDate);
        default:
          throw new Error(`unexpected column ${column.key}`);
      }
    }),
  );

  const allLists = comparison.lists.map((l) => `${brokerLabel(l, language)} ${l.title[language] || l.title.zh || l.id}`).join("; ");
  return {
    sheetTitle: t.title,
    metadata: [
      [t.title, ""],
      [t.listsLabel, allLists],
      [t.notes, t.notesText],
    ],
    columns,
    headers: columns.map((c) => c.header),
    numberFormats: columns.map((c) => c.numberFormat),
    rows,
    dataColumnCount: dataColumns.length,
    formulas,
  };
}

export interface CompareSheetOptions extends CompareOptions {
  language: Language;
  onProgress?: (rowsWritten: number, totalRows: number) => void;
  /** Request budget for the row chunks (tests lower it to force several chunks). */
  payloadBudgetBytes?: number;
}

export interface CompareSheetResult {
  sheetName: string;
  tableName: string;
  /** Sheet-qualified, header row included: 'Broker comparison'!A5:T57. */
  tableAddress: string;
  rowCount: number;
  /** Tickers named by at least two brokers. */
  sharedCount: number;
  syncCount: number;
}

function repeat<T>(count: number, item: T): T[] {
  return Array.from({ length: count }, () => item);
}

/** Inserts the comparison of `comparison` into a new worksheet of the workbook behind `context`. */
export async function insertComparison(
  context: Excel.RequestContext,
  comparison: Comparison,
  options: CompareSheetOptions,
): Promise<CompareSheetResult> {
  const plan = planCompareSheet(comparison, options.language);
  const columnCount = plan.columns.length;
  if (columnCount > MAX_COLUMNS) throw new CompareSheetError(`${columnCount} columns do not fit on a worksheet`);
  if (COMPARE_FIRST_DATA_ROW + plan.rows.length > MAX_ROWS) throw new CompareSheetError(`${plan.rows.length} rows do not fit on a worksheet`);
  const fwdCount = plan.formulas.length;
  const frame = jsonBytes([plan.metadata, plan.headers, plan.numberFormats]) + 12 * OPERATION_OVERHEAD_BYTES;
  const budget = (options.payloadBudgetBytes ?? DEFAULT_PAYLOAD_BUDGET_BYTES) - frame - 4 * OPERATION_OVERHEAD_BYTES;
  const chunks = planChunks(
    plan.rows.map((row) => [plan.numberFormats, row, fwdCount > 0 ? plan.formulas : []]),
    budget,
  );
  const tableAddress = rangeAddress(COMPARE_HEADER_ROW, 0, 1 + plan.rows.length, columnCount);

  const round = new SyncCounter(context);
  const sync = round.sync;

  // 1. Names taken.
  const workbook = context.workbook;
  const { sheetName, tableName } = await chooseNewSheetNames(workbook, sync, { sheetTitle: plan.sheetTitle, tableName: COMPARE_TABLE_NAME });

  await writeNewSheet(context, sheetName, async () => {
    // 2. The frame with the first chunk, then the other chunks; widths and activation with the last.
    const sheet = workbook.worksheets.add(sheetName);
    const metadata = sheet.getRange(rangeAddress(0, 0, COMPARE_METADATA_ROW_COUNT, 2));
    metadata.numberFormat = repeat(COMPARE_METADATA_ROW_COUNT, [TEXT_FORMAT, TEXT_FORMAT]);
    metadata.values = plan.metadata;
    sheet.getRange(rangeAddress(0, 0, 1, 1)).format.font.bold = true;
    const header = sheet.getRange(rangeAddress(COMPARE_HEADER_ROW, 0, 1, columnCount));
    header.numberFormat = [repeat(columnCount, TEXT_FORMAT)];
    header.values = [plan.headers];
    const table = sheet.tables.add(sheet.getRange(tableAddress), true);
    table.name = tableName;

    for (const [i, chunk] of chunks.entries()) {
      const count = chunk.end - chunk.start;
      if (count > 0) {
        const top = COMPARE_FIRST_DATA_ROW + chunk.start;
        // Formats before values: "@" keeps every text cell text.
        sheet.getRange(rangeAddress(top, 0, count, columnCount)).numberFormat = repeat(count, plan.numberFormats);
        sheet.getRange(rangeAddress(top, 0, count, plan.dataColumnCount)).values = plan.rows.slice(chunk.start, chunk.end);
        if (fwdCount > 0) {
          sheet.getRange(rangeAddress(top, plan.dataColumnCount, count, fwdCount)).formulas = repeat(count, plan.formulas);
        }
      }
      if (i === chunks.length - 1) {
        sheet.getRange(tableAddress).format.autofitColumns();
        sheet.activate();
      }
      await sync();
      options.onProgress?.(chunk.end, plan.rows.length);
    }
  });

  return {
    sheetName,
    tableName,
    tableAddress: qualifiedAddress(sheetName, tableAddress),
    rowCount: plan.rows.length,
    sharedCount: comparison.rows.filter((r) => r.brokerCount >= 2).length,
    syncCount: round.count,
  };
}

/** For the taskpane: compares `lists` and inserts the comparison, in one Excel.run. */
export async function runInsertComparison(lists: readonly PickList[], options: CompareSheetOptions): Promise<CompareSheetResult> {
  const comparison = compareLists(lists, options);
  return Excel.run((context) => insertComparison(context, comparison, options));
}
