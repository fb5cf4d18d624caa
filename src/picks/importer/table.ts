/**
 * Tables: where a table's rows are (consecutive lines carrying tickers), its header above them, its
 * caption and source line; its rows are read by rows.ts. A table whose columns cannot
 * be placed is left out with the problem; nothing is guessed.
 */
import type { PickColumn, PickRow } from "../types";
import { foldForMatch } from "../text";
import { exchangeOfCode, normaliseFoldedTicker } from "../tickers";
import { priceDateOfLine } from "./dates";
import { classifyHeaderLine, tabHeader, tokenHeader, type HeaderLineClass } from "./header";
import { CAPTION_RE, MAX_TABLE_LINE, isBlank, isCaptionLine, isShortTitle, isSourceLine, splitLine } from "./lines";
import { TableProblem, type ProblemDetail } from "./problems";
import { readRows, readRowsInOnePass, type TableHeader } from "./rows";

export interface ParsedTable {
  line: number;
  caption: string | null;
  tableNumber: number | null;
  columns: PickColumn[];
  rows: PickRow[];
  priceDate: string | null;
  sourceLine: string;
  /**
   * The length of the longest text cell. The rows are built to the columns (each column's key once, a
   * normalised ticker in every row and none twice, a finite number or null under a numeric column, text
   * or null elsewhere): a cell's length is the one thing about them the format limits and building does not.
   */
  longestText: number;
}

export interface TableOutcome {
  table?: ParsedTable;
  /** The caption, or "table at line N": where problems are reported. */
  name: string;
  /** Why the table was left out, or findings that did not stop it (a column kept under a generic key). */
  problems: ProblemDetail[];
  skip?: boolean;
  /** A price date the header or a line near it printed, even when the rows could not be read. */
  priceDate?: string | null;
}

/**
 * A table row's line folded (NFKC and homoglyphs), as found: the row is split again when its table is
 * read, so no line's cells are kept while the rest of the note is scanned.
 */
export type TickerRow = string;

/**
 * A line whose cells carry a ticker is a table row: at least two cells filled, one of them a ticker; or
 * at least three, the first a six-digit code of a known exchange. Returns its folded text, or null for any
 * other line. A tab-separated line's cells (as splitLine trims them) are cut out one at a time, stopping
 * once the line is told: most rows are told by their first two cells.
 */
export function tickerRowOf(raw: string): TickerRow | null {
  if (raw.length > MAX_TABLE_LINE || !/[0-9０-９]/.test(raw) || isBlank(raw)) return null;
  const folded = foldForMatch(raw);
  // One function with indexed loops: it runs on every line, before the engine has optimised anything, and
  // a helper called once would be inlined by the minifier as a closure made on every call.
  const cells = folded.includes("\t") ? null : splitLine(folded).cells;
  let filled = 0;
  let first = "";
  let ticker = false;
  for (let i = 0, start = 0; cells !== null ? i < cells.length : start <= folded.length; i++) {
    let cell: string;
    if (cells !== null) cell = cells[i]!;
    else {
      let tab = folded.indexOf("\t", start);
      if (tab < 0) tab = folded.length;
      cell = folded.slice(start, tab).trim();
      start = tab + 1;
    }
    if (cell === "") continue;
    if (filled++ === 0) first = cell;
    if (!ticker) ticker = normaliseFoldedTicker(cell, false) !== null;
    if (ticker && filled >= 2) return folded;
  }
  return filled >= 3 && /^\d{6}$/.test(first) && exchangeOfCode(first) !== null ? folded : null;
}

export interface TableSpan {
  rowLines: number[];
}

export function findTableSpans(lines: readonly string[], tickerRow: readonly unknown[]): TableSpan[] {
  const spans: TableSpan[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!tickerRow[i]) {
      i++;
      continue;
    }
    const rowLines = [i];
    let j = i + 1;
    while (j < lines.length) {
      if (isBlank(lines[j]!)) {
        j++;
        continue;
      }
      if (!tickerRow[j]) break;
      rowLines.push(j);
      j++;
    }
    spans.push({ rowLines });
    i = rowLines[rowLines.length - 1]! + 1;
  }
  return spans;
}

/** A line between a header and its rows (or above the header) that only says the unit or the price date. */
function isAsideLine(raw: string): boolean {
  const text = foldForMatch(raw).trim();
  if (text.length > 80 || raw.includes("\t")) return false;
  if (priceDateOfLine(text) !== null && !/[。；;]/.test(text)) return classifyHeaderLine(raw) === "noise";
  return /^[(（]?\s*(?:单位|货币|币种|units?|currency)\s*[:：]/i.test(text);
}

interface HeaderChoice {
  /** Index in the candidates of the main header line. */
  main: number;
  /** Index of the line read with it (years, or a group line), or -1. */
  other: number;
}

function chooseHeader(classes: readonly HeaderLineClass[]): HeaderChoice | null {
  const main = classes.findIndex((c) => c === "labels" || c === "mixed");
  if (main < 0) return null;
  const below = main > 0 ? classes[main - 1] : undefined;
  const above = classes[main + 1];
  if (classes[main] === "labels") {
    if (below === "years") return { main, other: main - 1 };
    if (above === "years") return { main, other: main + 1 };
    return { main, other: -1 };
  }
  if (above === "group" || above === "labels") return { main, other: main + 1 };
  return { main, other: -1 };
}

/** `tickerRow[i]`: line i as a table row (from `tickerRowOf`), else null. */
export function parseTable(lines: readonly string[], tickerRow: readonly (TickerRow | null)[], span: TableSpan): TableOutcome {
  const first = span.rowLines[0]!;
  const last = span.rowLines[span.rowLines.length - 1]!;
  const fallbackName = `table at line ${first + 1}`;

  // Header lines: the non-blank lines right above the rows; blank lines between them are tolerated, and
  // lines that only give the unit or the price date are stepped over (their date kept).
  const headerCands: number[] = [];
  let asidePriceDate: string | null = null;
  let k = first - 1;
  while (k >= 0 && headerCands.length < 3) {
    for (let blanks = 0; k >= 0 && isBlank(lines[k]!) && blanks < 5; blanks++) k--;
    if (k < 0 || isBlank(lines[k]!) || isCaptionLine(lines[k]!) || isSourceLine(lines[k]!) || tickerRow[k]) break;
    if (isAsideLine(lines[k]!)) {
      asidePriceDate ??= priceDateOfLine(lines[k]!);
      k--;
      continue;
    }
    headerCands.push(k);
    k--;
  }
  const classes = headerCands.map((idx) => classifyHeaderLine(lines[idx]!));
  const choice = chooseHeader(classes);

  // Caption: a "表N" line above the header (or a short title line), looking past noise lines.
  const captionCands: number[] = choice ? headerCands.slice(Math.max(choice.main, choice.other) + 1) : [...headerCands];
  let c = (headerCands.length > 0 ? headerCands[headerCands.length - 1]! : first) - 1;
  for (let seen = 0; c >= 0 && seen < 4; c--) {
    const raw = lines[c]!;
    if (isBlank(raw)) continue;
    if (isSourceLine(raw) || tickerRow[c]) break;
    captionCands.push(c);
    seen++;
  }
  const captionIdx =
    captionCands.find((idx) => isCaptionLine(lines[idx]!)) ??
    captionCands.find((idx) => isShortTitle(lines[idx]!) && !isAsideLine(lines[idx]!));
  const caption = captionIdx !== undefined ? lines[captionIdx]!.trim() : null;
  const name = caption ?? fallbackName;
  const captionPriceDate = caption !== null ? priceDateOfLine(caption) : null;
  for (const idx of captionCands) if (asidePriceDate === null && isAsideLine(lines[idx]!)) asidePriceDate = priceDateOfLine(lines[idx]!);

  if (!choice) {
    // One ticker-bearing line with no header is prose that mentions a ticker, not a table.
    if (span.rowLines.length < 2) return { name, problems: [], skip: true };
    return { name, problems: [{ code: "no-header" }] };
  }
  const used = new Set([choice.main, choice.other]);
  const between = headerCands.slice(0, Math.max(choice.main, choice.other) + 1).filter((_, i) => !used.has(i));
  if (between.length > 0) {
    return { name, problems: [{ code: "line-not-understood", line: between[0]! + 1, text: lines[between[0]!]!.trim().slice(0, 200) }] };
  }

  let headerPriceDate: string | null = null;
  try {
    const mainLine = lines[headerCands[choice.main]!]!;
    const otherLine = choice.other >= 0 ? lines[headerCands[choice.other]!]! : null;
    const upperIsOther = choice.other > choice.main;
    const upper = otherLine !== null && upperIsOther ? otherLine : mainLine;
    const lower = otherLine !== null && upperIsOther ? mainLine : otherLine;
    const header: TableHeader = {
      of: (rowCells) => (mainLine.includes("\t") ? tabHeader(upper, lower, rowCells) : tokenHeader(mainLine, otherLine)),
      read: (layout) => void (headerPriceDate = layout.priceDate),
    };
    const { columns, rows: parsedRows, errors, notes, longestText } =
      readRowsInOnePass(lines, tickerRow, span.rowLines, header) ?? readRows(lines, tickerRow, span.rowLines, header);
    if (errors.length > 0) {
      const shown = errors.slice(0, 3);
      if (errors.length > 3) shown.push({ code: "more-row-errors", count: errors.length - 3 });
      return { name, problems: shown, priceDate: headerPriceDate ?? captionPriceDate ?? asidePriceDate };
    }

    let sourceLine = "";
    for (let s = last + 1, blanks = 0; s < lines.length && blanks <= 3; s++) {
      if (isBlank(lines[s]!)) {
        blanks++;
        continue;
      }
      if (isSourceLine(lines[s]!)) sourceLine = lines[s]!.trim();
      break;
    }
    const captionNumber = caption !== null ? CAPTION_RE.exec(foldForMatch(caption)) : null;
    return {
      name,
      problems: notes,
      priceDate: headerPriceDate,
      table: {
        line: captionIdx ?? first,
        caption,
        tableNumber: captionNumber ? Number(captionNumber[1]) : null,
        columns: columns.map((col) => col.column),
        rows: parsedRows,
        priceDate: headerPriceDate ?? captionPriceDate ?? asidePriceDate ?? (sourceLine ? priceDateOfLine(sourceLine) : null),
        sourceLine,
        longestText,
      },
    };
  } catch (err) {
    if (err instanceof TableProblem) return { name, problems: err.details, priceDate: headerPriceDate ?? captionPriceDate ?? asidePriceDate };
    throw err;
  }
}
