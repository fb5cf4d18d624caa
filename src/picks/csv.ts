/**
 * CSV as RFC 4180 writes it, plus what spreadsheets export in practice: a UTF-8 byte-order mark, tab as
 * the delimiter (Excel's "Unicode text"), CRLF, LF or CR line ends, and quoted fields holding the
 * delimiter, line breaks and doubled quotes. Pure and total: malformed input gives errors, never a throw.
 *
 * Rows are numbered as the feed errors number them: the header is not counted, so "row 1" is the first
 * data row, whatever line breaks quoted fields contain.
 */

export type CsvDelimiter = "," | "\t";

export interface CsvRow {
  /** 1-based data row (the header is row 0). */
  row: number;
  fields: string[];
}

export interface CsvTable {
  delimiter: CsvDelimiter;
  header: string[];
  rows: CsvRow[];
}

export type CsvParseResult = { ok: true; table: CsvTable } | { ok: false; errors: string[] };

/** Beyond this many data rows a feed is refused (the pick-list schema's own cap). */
export const MAX_CSV_ROWS = 100_000;
/** Beyond this many fields in a row a feed is refused: a worksheet has 16,384 columns. */
export const MAX_CSV_FIELDS = 16_384;
const MAX_ERRORS = 50;

/**
 * The delimiter of the header line: tab when it has more tabs than commas outside quotes, else comma.
 * A one-column file has neither and reads as comma-separated, which is the same thing.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  let commas = 0;
  let tabs = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch === ",") commas++;
    else if (!quoted && ch === "\t") tabs++;
  }
  return tabs > commas ? "\t" : ",";
}

interface RawRecord {
  fields: string[];
  /** 0-based record index (0 = header). */
  index: number;
}

/**
 * Splits text into records of fields. Errors name the record as a data row ("row 3"), the header as "header".
 * Stops at the first row past MAX_CSV_ROWS or field past MAX_CSV_FIELDS: a 20 MB feed of empty rows or
 * commas would otherwise become millions of arrays before being refused (seconds, gigabytes, a crash).
 */
function tokenize(text: string, delimiter: CsvDelimiter, errors: string[]): RawRecord[] {
  const records: RawRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let i = 0;
  const where = (): string => (records.length === 0 ? "header" : `row ${records.length}`);
  const endRecord = (): void => {
    fields.push(field);
    // A line with nothing on it is not a record (blank lines between rows, a trailing newline).
    if (!(fields.length === 1 && fields[0] === "")) records.push({ fields, index: records.length });
    fields = [];
    field = "";
  };
  const tooLarge = (): boolean => {
    if (records.length > MAX_CSV_ROWS + 1) errors.push(`more than ${MAX_CSV_ROWS} rows: the feed was not read past row ${MAX_CSV_ROWS}`);
    else if (fields.length >= MAX_CSV_FIELDS) errors.push(`${where()}: more than ${MAX_CSV_FIELDS} fields (a worksheet's columns)`);
    else return false;
    return true;
  };
  while (i < text.length) {
    if (tooLarge()) return records;
    const ch = text[i];
    if (ch === '"' && field === "") {
      // A quoted field: runs to the next quote not doubled. Found with indexOf and cut out once, not built
      // a character at a time (a multi-megabyte field would otherwise take seconds and gigabytes).
      let j = i + 1;
      let closed = false;
      while (j < text.length) {
        const quote = text.indexOf('"', j);
        if (quote < 0) break;
        if (text[quote + 1] === '"') {
          j = quote + 2;
          continue;
        }
        closed = true;
        j = quote + 1;
        break;
      }
      if (!closed) {
        errors.push(`${where()}: a quoted field is not closed (missing ")`);
        return records;
      }
      const value = text.slice(i + 1, j - 1).replace(/""/g, '"');
      const next = text[j];
      if (next !== undefined && next !== delimiter && next !== "\n" && next !== "\r") {
        errors.push(`${where()}: text after the closing quote of a quoted field`);
        // Skip to the end of the line and carry on, so the rest of the file is still checked.
        while (j < text.length && text[j] !== "\n" && text[j] !== "\r") j++;
      }
      field = value;
      // Mark the field as started even when it was "" so a following quote is not read as a new field.
      i = j;
      if (text[i] === delimiter) {
        fields.push(field);
        field = "";
        i++;
        if (i === text.length) endRecord();
      }
      continue;
    }
    if (ch === delimiter) {
      fields.push(field);
      field = "";
      i++;
      if (i === text.length) endRecord();
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      endRecord();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    // The rest of an unquoted field, up to the next delimiter or line end, in one slice.
    let end = i + 1;
    while (end < text.length) {
      const c = text[end];
      if (c === delimiter || c === "\n" || c === "\r") break;
      end++;
    }
    field += text.slice(i, end);
    i = end;
  }
  if (field !== "" || fields.length > 0) endRecord();
  tooLarge();
  return records;
}

/** Parses CSV (or tab-separated) text with a header row. */
export function parseCsv(input: string, delimiter?: CsvDelimiter): CsvParseResult {
  if (typeof input !== "string") return { ok: false, errors: ["not text"] };
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const used = delimiter ?? detectDelimiter(text);
  const errors: string[] = [];
  const records = tokenize(text, used, errors);
  if (errors.length > 0) return { ok: false, errors };
  if (records.length === 0) return { ok: false, errors: ["the file is empty: no header row"] };
  const header = records[0]!.fields.map((h) => h.trim());
  if (records.length - 1 > MAX_CSV_ROWS) return { ok: false, errors: [`${records.length - 1} rows: more than ${MAX_CSV_ROWS}`] };
  const rows: CsvRow[] = [];
  for (const record of records.slice(1)) {
    if (record.fields.length !== header.length) {
      errors.push(`row ${record.index}: ${record.fields.length} fields, the header has ${header.length}`);
      if (errors.length >= MAX_ERRORS) break;
      continue;
    }
    rows.push({ row: record.index, fields: record.fields });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, table: { delimiter: used, header, rows } };
}
