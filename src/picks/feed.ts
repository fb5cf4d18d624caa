/**
 * What a feed serves, read into pick lists: a pick-list JSON document, a catalog index of them (its hrefs
 * resolve relative to the feed URL; fetching them is sources.ts's job), or a CSV whose header row names
 * the columns. Every cell is checked before anything reaches Excel, and every error names the data row
 * (1-based, the header not counted) and the column as the feed prints it:
 *   row 4, column price: "12.3x" is not a number
 * Pure and total: no Office, no DOM, no throw on malformed input; feed text is data, never evaluated.
 *
 * A CSV carries no list metadata, so the feed registration supplies it (CsvFeedOptions: list id, title,
 * broker, dates ...), with defaults documented in docs/refresh.md.
 */
import { CATALOG_FORMAT, PICKLIST_FORMAT, PICKLIST_VERSION, COLUMN_KINDS } from "./types";
import type { CatalogIndex, CellValue, ColumnKind, LocalizedText, PickColumn, PickList, PickRow } from "./types";
import { isNumericKind, recogniseHeader, ruleForColumn, standardColumn } from "./columns";
import { parseCsv, type CsvDelimiter } from "./csv";
import { ID_PATTERN } from "./ids";
import { isMissingCell, isValidIsoDate, parseNumberText, parsePercentCell } from "./text";
import { normaliseTicker } from "./tickers";
import { validateCatalogIndex, validatePickList } from "./validate";

export type FeedFormat = "picklist" | "index" | "csv";

/** An explicit reading of one CSV header: what the column holds, when the header is not recognised. */
export interface CsvColumnMapping {
  kind: ColumnKind;
  /** Column key; default: the standard key of the kind (price, rating, eps_<year> ...) or one made from the header. */
  key?: string;
  /** Fiscal year, required for eps and pe. */
  year?: number;
  estimate?: boolean;
  /** For change columns: the numbers are percentage points (6.38 means 6.38%). */
  percent?: boolean;
}

/** What a CSV feed's registration adds to the file: list metadata and, optionally, how to read headers. */
export interface CsvFeedOptions {
  listId?: string;
  title?: LocalizedText;
  broker?: string;
  brokerEn?: string;
  reportTitle?: string;
  /** ISO date; default: the day the feed was added. */
  reportDate?: string;
  /** ISO date of the prices; default: a date printed in the price header ("2024-02-18 股价"), else none. */
  priceDate?: string | null;
  analysts?: string[];
  sourceLine?: string;
  table?: string;
  delimiter?: CsvDelimiter;
  /** Header text (trimmed, as printed) → its reading, or "ignore" to leave the column out. */
  mapping?: Record<string, CsvColumnMapping | "ignore">;
}

/** Values the CSV reader falls back on; the feed registry derives them from the feed (id, URL, date added). */
export interface CsvDefaults {
  listId: string;
  /** Shown as the title when the registration names none. */
  name: string;
  reportDate: string;
  /** Where the data came from, for the source line. */
  url: string;
}

export type FeedParseResult =
  | { ok: true; format: "picklist" | "csv"; list: PickList }
  | { ok: true; format: "index"; index: CatalogIndex }
  | { ok: false; format: FeedFormat | null; errors: string[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The format of a feed's text: JSON when it starts with "{" or "[" (after a BOM and blanks), else CSV.
 * The URL's extension and the content type only break a tie for text that could be either, which a
 * header row never is (a header cell starting with "{" is not a column name).
 */
export function detectFeedFormat(text: string): "json" | "csv" {
  const start = text.replace(/^\uFEFF/, "").trimStart();
  return start.startsWith("{") || start.startsWith("[") ? "json" : "csv";
}

/** A parsed JSON feed: a pick list or a catalog index, validated; anything else is the wrong format. */
export function readJsonFeed(doc: unknown): FeedParseResult {
  if (!isRecord(doc)) {
    return { ok: false, format: null, errors: [`wrong format: expected a JSON object with "format": "${PICKLIST_FORMAT}" or "${CATALOG_FORMAT}", got ${Array.isArray(doc) ? "an array" : typeof doc}`] };
  }
  if (doc.format === PICKLIST_FORMAT) {
    const checked = validatePickList(doc);
    return checked.ok ? { ok: true, format: "picklist", list: checked.list } : { ok: false, format: "picklist", errors: checked.errors };
  }
  if (doc.format === CATALOG_FORMAT) {
    const checked = validateCatalogIndex(doc);
    return checked.ok ? { ok: true, format: "index", index: checked.index } : { ok: false, format: "index", errors: checked.errors };
  }
  const format = typeof doc.format === "string" ? `"format": ${JSON.stringify(doc.format.slice(0, 40))}` : 'no "format" field';
  return { ok: false, format: null, errors: [`wrong format: a JSON document with ${format}; a feed serves "${PICKLIST_FORMAT}" or "${CATALOG_FORMAT}"`] };
}

/** Reads a feed's text in whatever format it is. `csv` and `defaults` are used only for CSV. */
export function parseFeedText(text: string, csv: CsvFeedOptions | undefined, defaults: CsvDefaults): FeedParseResult {
  if (typeof text !== "string") return { ok: false, format: null, errors: ["the feed sent no text"] };
  if (detectFeedFormat(text) === "csv") return csvToPickList(text, csv ?? {}, defaults);
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    return { ok: false, format: null, errors: [`wrong format: not valid JSON (${err instanceof Error ? err.message : String(err)})`] };
  }
  return readJsonFeed(doc);
}

// ---- CSV → pick list ----

/** How one CSV column is read. */
interface CsvColumn {
  /** 0-based index in the CSV. */
  index: number;
  header: string;
  column: PickColumn;
  /** A change column whose numbers are percentage points. */
  percent: boolean;
  /** A date printed in a price header: the price date. */
  date?: string;
}

const SINGLETON_KEYS: Partial<Record<ColumnKind, string>> = {
  ticker: "ticker",
  name: "name",
  price: "price",
  change: "change",
  pb: "pb",
  rating: "rating",
  theme: "theme",
};

/** A column key made from a header: ASCII letters and digits, or "col_<n>" when nothing is left. */
function keyFromHeader(header: string, index: number): string {
  const slug = header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (slug === "" || !/^[a-z]/.test(slug)) return `col_${index + 1}`;
  return slug.slice(0, 64);
}

function columnFromMapping(header: string, index: number, mapping: CsvColumnMapping): PickColumn | string {
  if (!COLUMN_KINDS.includes(mapping.kind)) return `column ${header}: unknown kind ${JSON.stringify(mapping.kind)}`;
  const perYear = mapping.kind === "eps" || mapping.kind === "pe";
  if (perYear && (typeof mapping.year !== "number" || !Number.isInteger(mapping.year))) {
    return `column ${header}: a ${mapping.kind} column needs a fiscal year in its mapping`;
  }
  const key = mapping.key ?? (perYear ? `${mapping.kind}_${mapping.year}` : SINGLETON_KEYS[mapping.kind] ?? keyFromHeader(header, index));
  const rule = ruleForColumn({ key, kind: mapping.kind, year: mapping.year });
  const column: PickColumn = rule ? standardColumn(rule, mapping.year, mapping.estimate) : { key, kind: mapping.kind, label: { zh: header, en: header } };
  if (mapping.year !== undefined) {
    column.year = mapping.year;
    column.estimate = mapping.estimate ?? false;
  }
  return column;
}

/** The reading of every header: the explicit mapping first, then the standard header recognition. */
function csvColumns(header: string[], options: CsvFeedOptions, errors: string[]): CsvColumn[] {
  const columns: CsvColumn[] = [];
  header.forEach((text, index) => {
    const mapped = options.mapping?.[text];
    if (mapped === "ignore") return;
    if (mapped !== undefined) {
      const column = columnFromMapping(text, index, mapped);
      if (typeof column === "string") errors.push(column);
      else columns.push({ index, header: text, column, percent: mapped.percent === true });
      return;
    }
    const recognised = recogniseHeader(text);
    if (!recognised) {
      // Not a column the add-in knows: kept as text, so nothing in it is ever read as a number or formula.
      columns.push({ index, header: text, column: { key: keyFromHeader(text, index), kind: "text", label: { zh: text, en: text } }, percent: false });
      return;
    }
    const { rule } = recognised;
    if (rule.perYear && recognised.year === undefined) {
      errors.push(`column ${text}: ${rule.kind === "eps" ? "EPS" : "P/E"} needs a fiscal year in the header ("${rule.label.en} 2024E") or a mapping`);
      return;
    }
    const entry: CsvColumn = { index, header: text, column: standardColumn(rule, recognised.year, recognised.estimate), percent: recognised.percent };
    if (recognised.date !== undefined) entry.date = recognised.date;
    columns.push(entry);
  });
  const byKey = new Map<string, string>();
  for (const c of columns) {
    const other = byKey.get(c.column.key);
    if (other !== undefined) errors.push(`column ${c.header}: reads as "${c.column.key}", as does column ${other}; map one of them`);
    else byKey.set(c.column.key, c.header);
  }
  if (!columns.some((c) => c.column.kind === "ticker")) {
    const shown = header.slice(0, 20).map((h) => (h.length > 40 ? `${h.slice(0, 37)}…` : h));
    errors.push(
      `missing ticker column: no header reads as a ticker (代码, 证券代码, ticker, code …); headers: ${shown.join(", ")}${header.length > shown.length ? ` … (${header.length} in all)` : ""}`,
    );
  }
  return columns;
}

/** A cell's text as an error quotes it: whole up to 60 characters, then cut ("…"), so a 1 MB cell gives a readable line. */
function quoted(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);
}

/** One CSV cell as the column's kind wants it, or an error text (without the row/column prefix). */
function readCell(raw: string, c: CsvColumn): { value: CellValue } | { error: string } {
  const text = raw.trim();
  if (isMissingCell(text)) return { value: null };
  const kind = c.column.kind;
  if (kind === "ticker") {
    const ticker = normaliseTicker(text, true);
    return ticker ? { value: ticker } : { error: `${quoted(text)} is not a ticker (000977.SZ, 688256.SH, 0700.HK, 830799.BJ)` };
  }
  if (!isNumericKind(kind)) return { value: text };
  const number = kind === "change" ? parsePercentCell(text, c.percent) ?? parseNumberText(text) : parseNumberText(text);
  return number === undefined || !Number.isFinite(number) ? { error: `${quoted(text)} is not a number` } : { value: number };
}

function isoDay(value: string | undefined): string | undefined {
  return value !== undefined && isValidIsoDate(value) ? value : undefined;
}

/** Checks the registration's metadata fields that the schema would otherwise reject with a vaguer message. */
function metadataErrors(options: CsvFeedOptions, listId: string, reportDate: string): string[] {
  const errors: string[] = [];
  if (!ID_PATTERN.test(listId)) errors.push(`list id ${JSON.stringify(listId)}: use lower-case letters, digits and single hyphens`);
  if (!isValidIsoDate(reportDate)) errors.push(`report date ${JSON.stringify(reportDate)} is not a calendar date (YYYY-MM-DD)`);
  if (options.priceDate != null && !isValidIsoDate(options.priceDate)) {
    errors.push(`price date ${JSON.stringify(options.priceDate)} is not a calendar date (YYYY-MM-DD)`);
  }
  return errors;
}

/**
 * A CSV feed as a pick list: header row → columns, each cell parsed strictly for its kind, tickers
 * normalised and unique, metadata from `options` over `defaults`; then the pick-list validator.
 */
export function csvToPickList(text: string, options: CsvFeedOptions, defaults: CsvDefaults): FeedParseResult {
  const fail = (errors: string[]): FeedParseResult => ({ ok: false, format: "csv", errors: errors.slice(0, 50) });
  const parsed = parseCsv(text, options.delimiter);
  if (!parsed.ok) return fail(parsed.errors);
  const { header, rows } = parsed.table;
  const errors: string[] = [];
  const columns = csvColumns(header, options, errors);
  if (errors.length > 0) return fail(errors);

  const listRows: PickRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, fields } of rows) {
    const out: PickRow = {};
    for (const c of columns) {
      const read = readCell(fields[c.index] ?? "", c);
      if ("error" in read) {
        errors.push(`row ${row}, column ${c.header}: ${read.error}`);
        continue;
      }
      out[c.column.key] = read.value;
      if (c.column.kind === "ticker" && typeof read.value === "string") {
        const first = firstRowOf.get(read.value);
        if (first !== undefined) errors.push(`row ${row}, column ${c.header}: ${read.value} already in row ${first}`);
        else firstRowOf.set(read.value, row);
      }
    }
    listRows.push(out);
    if (errors.length >= 50) break;
  }
  if (errors.length > 0) return fail(errors);

  const listId = options.listId ?? defaults.listId;
  const reportDate = options.reportDate ?? defaults.reportDate;
  const metaErrors = metadataErrors(options, listId, reportDate);
  if (metaErrors.length > 0) return fail(metaErrors);
  const title = options.title ?? { zh: defaults.name, en: defaults.name };
  const priceHeaderDate = columns.find((c) => c.column.kind === "price")?.date;
  const list: PickList = {
    format: PICKLIST_FORMAT,
    version: PICKLIST_VERSION,
    id: listId,
    title,
    source: {
      broker: options.broker ?? "",
      brokerEn: options.brokerEn ?? options.broker ?? "",
      reportTitle: options.reportTitle ?? (title.zh || title.en),
      reportDate,
      priceDate: options.priceDate !== undefined ? options.priceDate : isoDay(priceHeaderDate) ?? null,
      analysts: options.analysts ?? [],
      sourceLine: options.sourceLine ?? `CSV feed: ${defaults.url}`,
      table: options.table ?? (title.zh || title.en || listId),
    },
    columns: columns.map((c) => c.column),
    rows: listRows,
  };
  const checked = validatePickList(list);
  return checked.ok ? { ok: true, format: "csv", list: checked.list } : fail(checked.errors);
}

/**
 * CSV options read back from storage or a workbook record: only well-typed fields survive, so a
 * hand-edited or foreign value can never reach the reader as something it does not expect.
 */
export function parseCsvFeedOptions(value: unknown): CsvFeedOptions | null {
  if (!isRecord(value)) return null;
  const out: CsvFeedOptions = {};
  const str = (k: keyof CsvFeedOptions): void => {
    if (typeof value[k] === "string") (out as Record<string, unknown>)[k] = value[k];
  };
  (["listId", "broker", "brokerEn", "reportTitle", "reportDate", "sourceLine", "table"] as const).forEach(str);
  if (value.priceDate === null || typeof value.priceDate === "string") out.priceDate = value.priceDate;
  if (isRecord(value.title) && typeof value.title.zh === "string" && typeof value.title.en === "string") {
    out.title = { zh: value.title.zh, en: value.title.en };
  }
  if (Array.isArray(value.analysts) && value.analysts.every((a) => typeof a === "string")) out.analysts = [...(value.analysts as string[])];
  if (value.delimiter === "," || value.delimiter === "\t") out.delimiter = value.delimiter;
  if (isRecord(value.mapping)) {
    const mapping: Record<string, CsvColumnMapping | "ignore"> = {};
    for (const [header, m] of Object.entries(value.mapping)) {
      if (m === "ignore") mapping[header] = "ignore";
      else if (isRecord(m) && typeof m.kind === "string" && (COLUMN_KINDS as readonly string[]).includes(m.kind)) {
        const entry: CsvColumnMapping = { kind: m.kind as ColumnKind };
        if (typeof m.key === "string") entry.key = m.key;
        if (typeof m.year === "number") entry.year = m.year;
        if (typeof m.estimate === "boolean") entry.estimate = m.estimate;
        if (typeof m.percent === "boolean") entry.percent = m.percent;
        mapping[header] = entry;
      }
    }
    out.mapping = mapping;
  }
  return out;
}
