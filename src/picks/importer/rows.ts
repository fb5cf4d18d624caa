/**
 * A table's rows: each split (as printed and folded), fitted to the header's columns, and each cell
 * converted by its column's kind. Rows that fit the columns the header places are read in one pass;
 * any other table is read whole, its columns settled by their values, and said why it cannot be read.
 */
import type { CellValue, ColumnKind, PickRow } from "../types";
import { HEADER_RULES, isNumericKind, standardColumn, type HeaderRule } from "../columns";
import { foldForMatch, isMissingFolded, parseFoldedNumber, parseFoldedPercent } from "../text";
import { normaliseFoldedTicker } from "../tickers";
import type { HeaderLayout, TableColumn } from "./header";
import { isWordyToken, splitLine, type SplitLine } from "./lines";
import { TableProblem, tableProblem, type CellExpectation, type ProblemDetail } from "./problems";
import type { TickerRow } from "./table";

/**
 * Space-separated row tokens → one text per column. A name printed with a space ("ST 泛微") spreads
 * over two tokens; the name column absorbs such extra non-numeric tokens. Anything else that does not
 * count out exactly is ambiguous: a blank cell leaves no token behind.
 */
function fitTokens(tokens: readonly string[], columns: readonly TableColumn[]): string[] | null {
  const n = columns.length;
  if (tokens.length === n) return [...tokens];
  if (tokens.length < n) return null;
  const extra = tokens.length - n;
  const nameIdx = columns.findIndex((c) => c.column.kind === "name");
  if (nameIdx < 0) return null;
  const spread = tokens.slice(nameIdx, nameIdx + extra + 1);
  if (!spread.every(isWordyToken)) return null;
  return [...tokens.slice(0, nameIdx), spread.join(" "), ...tokens.slice(nameIdx + extra + 1)];
}

/** How a column's cells are read: as a ticker, as text, as a percent change, or as a number. */
type CellRule = "ticker" | "text" | "change" | "number";

function cellRule(kind: ColumnKind): CellRule {
  if (kind === "ticker" || kind === "change") return kind;
  return isNumericKind(kind) ? "number" : "text";
}

/** A cell's value, or what it was expected to hold. The cell is folded once, here. */
function convertCell(col: TableColumn, rule: CellRule, cell: string, foldedCell: string): CellValue | { expected: CellExpectation } {
  const text = cell.trim();
  if (text === "") return null;
  const folded = foldedCell.trim();
  if (isMissingFolded(folded)) return null;
  if (rule === "ticker") return normaliseFoldedTicker(folded, true) ?? { expected: "ticker" };
  if (rule === "text") return text;
  if (rule === "change") {
    const value = parseFoldedPercent(folded, col.percent);
    if (value !== undefined) return value;
    return { expected: parseFoldedNumber(folded) !== undefined ? "percent-unit" : "percent" };
  }
  const value = parseFoldedNumber(folded);
  return value !== undefined ? value : { expected: "number" };
}

/**
 * How each column's cells are read, and a row of each column's key in order with no value. The template
 * is made by JSON.parse, whose objects hold all their fields in the object itself (one built by adding
 * keys keeps all but the first four in a second, separate store); each row copies it, fields and all.
 */
function rowShape(columns: readonly TableColumn[]): { rules: CellRule[]; template: PickRow } {
  const keys: PickRow = {};
  for (const col of columns) keys[col.column.key] = null;
  const template = JSON.parse(JSON.stringify(keys)) as PickRow;
  return { rules: columns.map((col) => cellRule(col.column.kind)), template };
}

/** A tab-separated row's texts, one per column. */
function columnTexts(cells: readonly string[], columns: readonly TableColumn[]): string[] {
  return columns.map((c) => cells[c.pos] ?? "");
}

function rowTicker(cells: readonly string[]): string {
  for (const c of cells) if (normaliseFoldedTicker(foldForMatch(c), false) !== null) return c.trim();
  return "";
}

/** Rows of one table: each row as texts per column (by tab position or by counting tokens). */
function rowTexts(rows: readonly SplitLine[], layout: HeaderLayout): string[][] {
  const out: string[][] = [];
  const n = layout.columns.length;
  const ordinal = layout.positional ? layout.columns.map((c, i) => ({ ...c, pos: i })) : layout.columns;
  // Columns at positions 0, 1, 2 ... (most tables): a row of exactly that many cells is its own texts.
  const inPlace = layout.columns.every((c, i) => c.pos === i);
  rows.forEach((split, r) => {
    const rowNo = r + 1;
    if (split.tabbed && layout.positional) {
      // tabHeader has already refused values at positions without a header.
      out.push(inPlace && split.cells.length === n ? split.cells : columnTexts(split.cells, layout.columns));
      return;
    }
    if (split.tabbed) {
      const cells = [...split.cells];
      while (cells.length > n && cells[cells.length - 1] === "") cells.pop();
      if (cells.length !== n) {
        throw tableProblem({ code: "row-cell-count", row: rowNo, ticker: rowTicker(cells), cells: cells.length, columns: n });
      }
      out.push(cells);
      return;
    }
    const fitted = fitTokens(split.cells, ordinal);
    if (!fitted) {
      throw tableProblem({ code: "row-ambiguous", row: rowNo, ticker: rowTicker(split.cells), values: split.cells.length, columns: n });
    }
    out.push(fitted);
  });
  return out;
}

function settleGenericColumns(layout: HeaderLayout, texts: readonly string[][], notes: ProblemDetail[]): void {
  layout.columns.forEach((col, i) => {
    if (!col.generic) return;
    let numeric = false;
    for (const row of texts) {
      const folded = row[i] ?? "";
      if (isMissingFolded(folded)) continue;
      if (parseFoldedNumber(folded) === undefined) {
        numeric = false;
        break;
      }
      numeric = true;
    }
    col.column.kind = numeric ? "number" : "text";
    notes.push({ code: "unknown-column", column: col.pos + 1, header: col.printed, kind: col.column.kind, key: col.column.key });
  });
}

/** The one ticker column; a generic column holding only tickers becomes it when no header says "代码". */
function settleTickerColumn(layout: HeaderLayout, texts: readonly string[][], notes: ProblemDetail[]): number {
  const named = layout.columns.flatMap((c, i) => (c.column.kind === "ticker" ? [i] : []));
  if (named.length > 1) throw tableProblem({ code: "several-ticker-columns", count: named.length });
  if (named.length === 1) return named[0]!;
  const candidates = layout.columns.flatMap((c, i) =>
    c.generic && texts.every((row) => normaliseFoldedTicker(row[i] ?? "", false) !== null) ? [i] : [],
  );
  if (candidates.length !== 1) throw tableProblem({ code: "no-ticker-column" });
  const i = candidates[0]!;
  const rule = HEADER_RULES.find((r) => r.kind === "ticker") as HeaderRule;
  const old = layout.columns[i]!;
  layout.columns[i] = { pos: old.pos, column: standardColumn(rule), printed: old.printed, percent: false, generic: false };
  const at = notes.findIndex((n) => n.code === "unknown-column" && n.column === old.pos + 1);
  if (at >= 0) notes.splice(at, 1);
  return i;
}

/** A table's header: its layout (given the tab-separated rows' cells, which only a tab-separated header reads), and what to do with the one used. */
export interface TableHeader {
  of(rowCells: readonly (readonly string[])[]): HeaderLayout;
  read(layout: HeaderLayout): void;
}

export interface RowsRead {
  columns: TableColumn[];
  rows: PickRow[];
  /** Cells that could not be read, rows without a ticker or with one seen before, in row order. */
  errors: ProblemDetail[];
  /** Findings that did not stop the table (columns kept under a generic key). */
  notes: ProblemDetail[];
  longestText: number;
}

/**
 * A row's cells as printed and folded (the same split when folding changed nothing, as in most rows:
 * folding touches only full-width text). Folding never turns a separator into a non-separator; a row
 * whose folded split differs in shape is folded cell by cell.
 */
function rowSplits(raw: string, folded: string): { printed: SplitLine; folded: SplitLine } {
  const printed = splitLine(raw);
  if (folded === raw) return { printed, folded: printed };
  const split = splitLine(folded);
  const same = split.cells.length === printed.cells.length && split.tabbed === printed.tabbed;
  return { printed, folded: same ? split : { cells: printed.cells.map(foldForMatch), tabbed: printed.tabbed } };
}

/**
 * Converts the rows in order: each cell by its column's kind, a cell that cannot be read null in the row
 * and an error; the row's ticker checked against the rows before it. `byPos`: the cells are a
 * tab-separated row's, column i's at `columns[i].pos`; else column i's is cell i. Each row is a copy of
 * the shape's template, so every row of a table has one shape. The conversion is this method's own
 * body, called per row (the engine optimises it after a few rows of a first table), not a helper called
 * once, which the minifier would inline as a closure made on every row.
 */
function rowsReader(columns: readonly TableColumn[], tickerKey: string) {
  const { rules, template } = rowShape(columns);
  const seen = new Map<string, number>();
  const errors: ProblemDetail[] = [];
  const longest = { text: 0 };
  return {
    errors,
    longest,
    read(cells: readonly string[], foldedCells: readonly string[], byPos: boolean, rowNo: number): PickRow {
      const row: PickRow = { ...template };
      let rowTickerText: string | null = null;
      for (let i = 0; i < columns.length; i++) {
        const col = columns[i]!;
        const at = byPos ? col.pos : i;
        const value = convertCell(col, rules[i]!, cells[at] ?? "", foldedCells[at] ?? "");
        if (value !== null && typeof value === "object") {
          rowTickerText ??= rowTicker(byPos ? columnTexts(cells, columns) : cells);
          errors.push({ code: "bad-cell", row: rowNo, ticker: rowTickerText, column: col.column.key, text: (cells[at] ?? "").trim(), expected: value.expected });
          row[col.column.key] = null;
        } else {
          if (typeof value === "string" && value.length > longest.text) longest.text = value.length;
          row[col.column.key] = value;
        }
      }
      const ticker = row[tickerKey];
      if (typeof ticker !== "string") {
        errors.push({ code: "row-without-ticker", row: rowNo, ticker: rowTicker(byPos ? columnTexts(cells, columns) : cells) });
        return row;
      }
      const firstRow = seen.get(ticker);
      if (firstRow !== undefined) errors.push({ code: "duplicate-ticker", row: rowNo, ticker, firstRow });
      else seen.set(ticker, rowNo);
      return row;
    },
  };
}

/**
 * The rows read in one pass, each converted into its PickRow as it is split, no row's cells kept: when
 * the header's lines alone place the columns (no generic column, one ticker column, no key twice) and
 * every row fits them (a tab-separated row has values only under a column; a space-separated header's
 * rows count out). Otherwise null, and readRows reads the table whole and says why it cannot be read.
 * Both give the same rows and errors: a row that fits is read the same way by both.
 */
export function readRowsInOnePass(lines: readonly string[], tickerRow: readonly (TickerRow | null)[], rowLines: readonly number[], header: TableHeader): RowsRead | null {
  let layout: HeaderLayout;
  try {
    // No row's cells: a tab-separated header as wide as its own lines, its unlabelled positions blank.
    layout = header.of([]);
  } catch (err) {
    if (err instanceof TableProblem) return null;
    throw err;
  }
  const columns = layout.columns;
  const keys = new Set<string>();
  let tickerKey: string | null = null;
  for (const col of columns) {
    if (col.generic || keys.has(col.column.key)) return null;
    keys.add(col.column.key);
    if (col.column.kind !== "ticker") continue;
    if (tickerKey !== null) return null;
    tickerKey = col.column.key;
  }
  if (tickerKey === null) return null;
  const labelled: boolean[] = [];
  for (const col of columns) labelled[col.pos] = true;
  const reader = rowsReader(columns, tickerKey);
  const rows: PickRow[] = new Array(rowLines.length);
  for (let r = 0; r < rowLines.length; r++) {
    const raw = lines[rowLines[r]!]!;
    const { printed, folded } = rowSplits(raw, tickerRow[rowLines[r]!] ?? foldForMatch(raw));
    if (layout.positional) {
      if (!printed.tabbed) return null;
      const cells = printed.cells;
      for (let c = 0; c < cells.length; c++) if (cells[c] !== "" && labelled[c] !== true) return null;
      rows[r] = reader.read(cells, folded.cells, true, r + 1);
      continue;
    }
    const texts = tokenRowTexts(printed, columns);
    const foldedTexts = folded === printed ? texts : tokenRowTexts(folded, columns);
    if (texts === null || foldedTexts === null) return null;
    rows[r] = reader.read(texts, foldedTexts, false, r + 1);
  }
  header.read(layout);
  return { columns, rows, errors: reader.errors, notes: [], longestText: reader.longest.text };
}

/** A row's texts under a space-separated header (as rowTexts reads them), or null when they do not count out. */
function tokenRowTexts(split: SplitLine, columns: readonly TableColumn[]): string[] | null {
  if (!split.tabbed) return fitTokens(split.cells, columns);
  const cells = [...split.cells];
  while (cells.length > columns.length && cells[cells.length - 1] === "") cells.pop();
  return cells.length === columns.length ? cells : null;
}

/** The rows read whole: each split, the header placed over them, columns settled by their values, then each converted. */
export function readRows(lines: readonly string[], tickerRow: readonly (TickerRow | null)[], rowLines: readonly number[], header: TableHeader): RowsRead {
  const rows: SplitLine[] = new Array(rowLines.length);
  const foldedRows: SplitLine[] = new Array(rowLines.length);
  rowLines.forEach((idx, r) => {
    const raw = lines[idx]!;
    const splits = rowSplits(raw, tickerRow[idx] ?? foldForMatch(raw));
    rows[r] = splits.printed;
    foldedRows[r] = splits.folded;
  });
  const layout = header.of(rows.filter((r) => r.tabbed).map((r) => r.cells));
  header.read(layout);
  const texts = rowTexts(rows, layout);
  const changed = foldedRows.map((split, r) => split !== rows[r]!);
  const foldedOnly = rowTexts(foldedRows.filter((_, r) => changed[r]), layout);
  let next = 0;
  const foldedTexts = texts.map((row, r) => (changed[r] ? foldedOnly[next++]! : row));
  const notes: ProblemDetail[] = [];
  settleGenericColumns(layout, foldedTexts, notes);
  const tickerIdx = settleTickerColumn(layout, foldedTexts, notes);
  const keys = new Set<string>();
  for (const col of layout.columns) {
    if (keys.has(col.column.key)) throw tableProblem({ code: "duplicate-column", key: col.column.key });
    keys.add(col.column.key);
  }
  const reader = rowsReader(layout.columns, layout.columns[tickerIdx]!.column.key);
  const parsed = texts.map((row, r) => reader.read(row, foldedTexts[r]!, false, r + 1));
  return { columns: layout.columns, rows: parsed, errors: reader.errors, notes, longestText: reader.longest.text };
}

