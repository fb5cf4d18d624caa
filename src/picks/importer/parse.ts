/**
 * The report importer: the text (or bytes) of a broker note → pick lists. A short orchestrator over
 * lines, tables (header, rows), themes, identity, dates and names; each rule lives in its module.
 * It never throws: what it cannot read is in `problems`, as codes with parameters.
 */
import { PICKLIST_FORMAT, PICKLIST_VERSION, type PickList, type PickListSource, type PickRow } from "../types";
import { HEADER_RULES, standardColumn, type HeaderRule } from "../columns";
import { brokerSlug } from "../brokers";
import { captionTerm, themeTerm, type ThemeTerm } from "../glossary";
import { reportId } from "../ids";
import { decodeBytes, type TextEncodingName } from "../encoding";
import { normalizeGlyphs } from "../glyphs";
import { validatePickList } from "../validate";
import { localIsoDate, parseGivenDate } from "./dates";
import { findIdentity } from "./identity";
import { CAPTION_PREFIX_RE } from "./lines";
import { nameResolver, type NameEntry, type NameSource } from "./names";
import { problem, type ParseProblem } from "./problems";
import { findTableSpans, parseTable, tickerRowOf, type ParsedTable } from "./table";
import { findThemes } from "./themes";

/**
 * Larger input is refused with a plain message. A broker note is well under 1 MB of text; the cap leaves
 * room for a pasted table of 100,000+ rows (about 50 characters each), which the importer reads in linear time.
 */
export const MAX_NOTE_CHARS = 8_000_000;

/** The pick-list format's row limit (src/picks/picklist.schema.json, rows.maxItems). */
const MAX_LIST_ROWS = 100_000;

/**
 * A table's rows are built to its columns (see ParsedTable.longestText), so the validator reads a table's
 * list with its first row only: the list's fields, its columns, and the shape every row has. When a text
 * cell is longer than this (well inside the format's 1,000 characters) it reads every row, and says
 * which one is too long.
 */
const BUILT_ROWS_TEXT_BOUND = 200;

export interface ParseOptions {
  /** The report date the analyst gives (YYYY-MM-DD); it dates the lists instead of the note's own. */
  reportDate?: string | null;
  /** The import's date (YYYY-MM-DD) for a note that prints none; default: today, local time. */
  importDate?: string;
  /** Names the add-in knows beyond the note, most trusted first (the taskpane: typed, workbook tables, feeds, catalog). */
  names?: readonly NameSource[];
  /**
   * Lines printed in the page margins and left out of the text (a PDF's running headers and footers):
   * not read as the note's text, only where its broker is looked for when the text names none.
   */
  marginLines?: readonly string[];
}

/** Where the lists' report date came from. */
export type ReportDateOrigin = "printed" | "prices" | "import" | "given";

export interface ParsedReport {
  broker: string;
  brokerEn: string;
  reportType: string;
  reportTitle: string;
  reportDate: string;
  reportDateOrigin: ReportDateOrigin;
}

export interface ParseResult {
  lists: PickList[];
  problems: ParseProblem[];
  /** The note's identity, when it yielded lists. */
  report?: ParsedReport;
  /** How the bytes were read ("GB18030"), when the note came as bytes. */
  encoding?: TextEncodingName;
}

/** FNV-1a over the text: the stable part of an undated note's list ids. */
function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

function tableTitle(caption: string | null, line: number): { zh: string; en: string } {
  if (caption === null) return { zh: `第 ${line + 1} 行的表格`, en: `Table at line ${line + 1}` };
  const text = caption.replace(CAPTION_PREFIX_RE, "").trim() || caption;
  const term = captionTerm(caption);
  // An English caption is the English title as printed (and, with no Chinese one, what a Chinese sheet shows
  // too); a Chinese one is the Chinese title, with the glossary's English when it knows the caption.
  if (!/[\u3400-\u9fff]/.test(text)) return { zh: text, en: text };
  return { zh: text, en: term?.en ?? "" };
}

/** A theme's title: a Chinese theme with the glossary's English; an English one as printed, in Chinese too unless the glossary knows it. */
function themeTitle(theme: string, term: ThemeTerm | undefined): { zh: string; en: string } {
  if (/[\u3400-\u9fff]/.test(theme)) return { zh: theme, en: term?.en ?? "" };
  return { zh: term?.zh ?? theme, en: theme };
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

function ownNames(tables: readonly ParsedTable[]): NameEntry[] {
  const out: NameEntry[] = [];
  for (const table of tables) {
    const tickerKey = table.columns.find((c) => c.kind === "ticker")?.key;
    const nameKey = table.columns.find((c) => c.kind === "name")?.key;
    if (!tickerKey || !nameKey) continue;
    for (const row of table.rows) {
      const name = row[nameKey];
      const ticker = row[tickerKey];
      if (typeof name === "string" && typeof ticker === "string") out.push({ name, ticker });
    }
  }
  return out;
}

function parseUnsafe(input: string, options: ParseOptions): ParseResult {
  const problems: ParseProblem[] = [];
  if (input.length > MAX_NOTE_CHARS) {
    return { lists: [], problems: [problem("(note)", { code: "too-large", chars: input.length, max: MAX_NOTE_CHARS })] };
  }
  // Glyph artefacts of PDF text (radical look-alikes, full-width digits and letters) are undone once, here,
  // for the whole note: every rule after this reads ideographs and ASCII digits.
  const text = normalizeGlyphs(input.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"));
  const lines = text.split("\n");
  const tickerRow = lines.map(tickerRowOf);

  const tables: ParsedTable[] = [];
  // Price dates of every table read, including tables whose rows could not be placed: the report
  // date falls back to them.
  const priceDates: string[] = [];
  for (const span of findTableSpans(lines, tickerRow)) {
    const outcome = parseTable(lines, tickerRow, span);
    if (outcome.skip) continue;
    if (outcome.priceDate) priceDates.push(outcome.priceDate);
    if (outcome.table?.priceDate) priceDates.push(outcome.table.priceDate);
    for (const detail of outcome.problems) problems.push(problem(outcome.name, detail));
    if (outcome.table && outcome.table.rows.length > MAX_LIST_ROWS) {
      problems.push(problem(outcome.name, { code: "too-many-rows", rows: outcome.table.rows.length, max: MAX_LIST_ROWS }));
    } else if (outcome.table) tables.push(outcome.table);
  }

  let firstTableLine = lines.length;
  for (const t of tables) if (t.line < firstTableLine) firstTableLine = t.line;
  const identity = findIdentity(lines, firstTableLine, options.marginLines);
  const themes = findThemes(lines);
  if (tables.length === 0 && themes.length === 0) return { lists: [], problems };

  const given = options.reportDate != null ? parseGivenDate(options.reportDate) : null;
  let reportDate: string;
  let origin: ReportDateOrigin;
  if (given !== null) {
    reportDate = given;
    origin = given === identity.printedDate ? "printed" : "given";
  } else if (identity.printedDate !== null) {
    reportDate = identity.printedDate;
    origin = "printed";
  } else if (priceDates.length > 0) {
    let latest = priceDates[0]!;
    for (const d of priceDates) if (d > latest) latest = d;
    reportDate = latest;
    origin = "prices";
    problems.push(problem("(report)", { code: "date-from-prices", date: reportDate }));
  } else {
    reportDate = parseGivenDate(options.importDate ?? "") ?? localIsoDate(new Date());
    origin = "import";
    problems.push(problem("(report)", { code: "no-date", date: reportDate }));
  }

  const base = { broker: identity.broker, brokerEn: identity.brokerEn, reportTitle: identity.reportTitle, reportDate };
  // An undated note's ids come from its text, so the same note imported on another day keeps its ids.
  const rid = origin === "import" ? `${brokerSlug(identity.broker)}-undated-${textHash(text.trim())}` : reportId(base);
  const source = (priceDate: string | null, sourceLine: string, table: string): PickListSource => {
    // Object.assign rather than spreads, here and for the columns below: the same fields in the same
    // order, without the engine's slow path for spreads (a note with 1,600 themed lists makes 1,600).
    const s: PickListSource = Object.assign({}, base, { priceDate, analysts: identity.analysts.slice(), sourceLine, table });
    if (origin === "import" || origin === "given") s.reportDateOrigin = origin;
    return s;
  };
  const used = new Set<string>();
  /** `longestText`: a table's (its rows are built to its columns); absent for a themed list, read whole. */
  const drafts: { line: number; offset: number; list: PickList; name: string; longestText?: number }[] = [];

  tables.forEach((table, ordinal) => {
    const term = table.caption !== null ? captionTerm(table.caption) : undefined;
    const numberPart = table.tableNumber !== null ? `table${table.tableNumber}` : "";
    const suffix = [numberPart, term?.slug ?? ""].filter((s) => s !== "").join("-") || `table${ordinal + 1}`;
    const name = table.caption ?? `table at line ${table.line + 1}`;
    drafts.push({
      line: table.line,
      offset: 0,
      name,
      longestText: table.longestText,
      list: {
        format: PICKLIST_FORMAT,
        version: PICKLIST_VERSION,
        id: uniqueId(`${rid}-${suffix}`, used),
        title: tableTitle(table.caption, table.line),
        source: source(table.priceDate, table.sourceLine, name),
        columns: table.columns,
        rows: table.rows,
      },
    });
  });

  const resolve = themes.length > 0 ? nameResolver(ownNames(tables), options.names ?? []) : () => null;
  const themeColumns = (["ticker", "name", "theme"] as const).map((kind) =>
    standardColumn(HEADER_RULES.find((r) => r.key === kind) as HeaderRule),
  );
  themes.forEach((theme, ordinal) => {
    const term = themeTerm(theme.theme);
    const name = `${theme.section || "(text)"}: ${theme.theme}`;
    const seen = new Set<string>();
    const rows: PickRow[] = [];
    for (const [i, member] of theme.members.entries()) {
      // A ticker printed beside the name ("Inspur (000977.SZ)") is the note's own word for it.
      const ticker = theme.tickers?.[i] ?? resolve(member);
      if (ticker === null) {
        problems.push(problem(name, { code: "unknown-name", name: member }));
      } else if (seen.has(ticker)) {
        problems.push(problem(name, { code: "name-repeated", name: member, ticker }));
        continue;
      } else seen.add(ticker);
      rows.push({ ticker, name: member, theme: theme.theme });
    }
    drafts.push({
      line: theme.line,
      offset: theme.offset,
      name,
      list: {
        format: PICKLIST_FORMAT,
        version: PICKLIST_VERSION,
        id: uniqueId(`${rid}-theme-${term?.slug ?? String(ordinal + 1)}`, used),
        title: themeTitle(theme.theme, term),
        source: source(null, "", theme.section || theme.theme),
        columns: themeColumns.map((c) => Object.assign({}, c, { label: Object.assign({}, c.label) })),
        rows,
      },
    });
  });

  drafts.sort((a, b) => a.line - b.line || a.offset - b.offset);
  const lists: PickList[] = [];
  for (const draft of drafts) {
    // The importer's own output must pass the validator; anything else is reported, never emitted.
    const { list, longestText } = draft;
    const built = longestText !== undefined && longestText <= BUILT_ROWS_TEXT_BOUND;
    const checked = validatePickList(built ? { ...list, rows: list.rows.slice(0, 1) } : list);
    if (checked.ok) lists.push(list);
    else problems.push(problem(draft.name, { code: "invalid-list", errors: checked.errors.slice(0, 3).join("; ") }));
  }
  const report: ParsedReport = {
    broker: identity.broker,
    brokerEn: identity.brokerEn,
    reportType: identity.reportType,
    reportTitle: identity.reportTitle,
    reportDate,
    reportDateOrigin: origin,
  };
  return lists.length > 0 ? { lists, problems, report } : { lists, problems };
}

/** Parses the text of a broker note into pick lists. Never throws; what it cannot read is in `problems`. */
export function parseReport(text: string, options: ParseOptions = {}): ParseResult {
  try {
    return parseUnsafe(typeof text === "string" ? text : String(text), options);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { lists: [], problems: [problem("(note)", { code: "importer-failed", message })] };
  }
}

/** Parses a note file's bytes: decoded by src/picks/encoding.ts, the encoding said in the result. */
export function parseReportBytes(bytes: Uint8Array, options: ParseOptions = {}): ParseResult {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return { lists: [], problems: [problem("(note)", { code: "not-text", failure: decoded.reason })] };
  return { ...parseReport(decoded.text, options), encoding: decoded.encoding };
}
