/**
 * What the importer could not read, as codes with parameters: the taskpane renders them in the
 * analyst's language (src/taskpane/messages/importer-problems.ts), the CLI in English through
 * `problemText`, the one English rendering. Each problem also carries that English text as `reason`,
 * so logs and JSON output read on their own.
 */
import { DECODE_FAILURE_TEXT, type DecodeFailure } from "../encoding";

/** What a cell was expected to hold when it could not be read. */
export type CellExpectation = "ticker" | "percent-unit" | "percent" | "number";

export type ProblemDetail =
  | { code: "too-large"; chars: number; max: number }
  | { code: "not-text"; failure: DecodeFailure }
  | { code: "importer-failed"; message: string }
  | { code: "no-date"; date: string }
  | { code: "date-from-prices"; date: string }
  | { code: "unknown-name"; name: string }
  | { code: "name-repeated"; name: string; ticker: string }
  | { code: "no-header" }
  | { code: "line-not-understood"; line: number; text: string }
  | { code: "column-needs-year"; column: string }
  | { code: "not-a-year"; text: string; column: number }
  | { code: "year-without-header"; year: string; column: number }
  | { code: "values-without-header"; column: number }
  | { code: "year-mismatch"; column: string; year: number; below: string }
  | { code: "year-under-plain-column"; column: string; year: string }
  | { code: "header-not-recognised"; header: string }
  | { code: "years-not-shared"; years: number; headers: number }
  | { code: "years-not-repeated"; years: string }
  | { code: "row-ambiguous"; row: number; ticker: string; values: number; columns: number }
  | { code: "row-cell-count"; row: number; ticker: string; cells: number; columns: number }
  | { code: "bad-cell"; row: number; ticker: string; column: string; text: string; expected: CellExpectation }
  | { code: "row-without-ticker"; row: number; ticker: string }
  | { code: "duplicate-ticker"; row: number; ticker: string; firstRow: number }
  | { code: "more-row-errors"; count: number }
  | { code: "unknown-column"; column: number; header: string; kind: string; key: string }
  | { code: "several-ticker-columns"; count: number }
  | { code: "no-ticker-column" }
  | { code: "duplicate-column"; key: string }
  | { code: "too-many-rows"; rows: number; max: number }
  | { code: "invalid-list"; errors: string };

export type ProblemCode = ProblemDetail["code"];

/** A problem, where it was met (the table's caption, "table at line N", "section: theme", "(note)"), and its English text. */
export type ParseProblem = ProblemDetail & { table: string; reason: string };

function rowRef(row: number, ticker: string): string {
  return `row ${row}${ticker ? ` (${ticker})` : ""}`;
}

const CELL_EXPECTATION_TEXT: Record<CellExpectation, (text: string) => string> = {
  ticker: (text) => `"${text}" is not a recognisable ticker`,
  "percent-unit": (text) => `"${text}" has no % sign and the header gives no unit; cannot tell a percentage from a fraction`,
  percent: (text) => `"${text}" is not a percentage`,
  number: (text) => `"${text}" is not a number`,
};

/** The English sentence for a problem: the CLI's stderr, logs, and the JSON's `reason`. */
export function problemText(p: ProblemDetail): string {
  switch (p.code) {
    case "too-large":
      return `the text is ${p.chars} characters; the importer reads at most ${p.max}`;
    case "not-text":
      return DECODE_FAILURE_TEXT[p.failure];
    case "importer-failed":
      return `the importer failed on this text: ${p.message}`;
    case "no-date":
      return `the note prints no date; its lists are dated by the import (${p.date}), marked "not printed"; give the report date to replace it`;
    case "date-from-prices":
      return `the note prints no publication date; the report date is taken from the latest price date, ${p.date}`;
    case "unknown-name":
      return `"${p.name}" is in neither the note's tables nor any list or directory the add-in knows; its ticker is left null`;
    case "name-repeated":
      return `"${p.name}" (${p.ticker}) is named twice; kept once`;
    case "no-header":
      return "rows with tickers but no header line above them";
    case "line-not-understood":
      return `line ${p.line} between the header and the rows is not understood`;
    case "column-needs-year":
      return `column "${p.column}" has no year; EPS and P/E columns need one (2023E)`;
    case "not-a-year":
      return `"${p.text}" under column ${p.column} is not a year`;
    case "year-without-header":
      return `year ${p.year} in column ${p.column} has no EPS or P/E header above it`;
    case "values-without-header":
      return `column ${p.column} has values but no header`;
    case "year-mismatch":
      return `column "${p.column}" names ${p.year} but the line below says ${p.below}`;
    case "year-under-plain-column":
      return `column "${p.column}" is not per-year but has ${p.year} under it`;
    case "header-not-recognised":
      return `header "${p.header}" is not recognised, and in space-separated text its extent cannot be known`;
    case "years-not-shared":
      return `${p.years} years under ${p.headers} EPS/P/E headers cannot be shared out in space-separated text`;
    case "years-not-repeated":
      return `the year line (${p.years}) does not repeat per header; cannot tell which years belong to which header`;
    case "row-ambiguous":
      return (
        `ambiguous: ${rowRef(p.row, p.ticker)} has ${p.values} space-separated values for ${p.columns} columns; ` +
        "in space-separated text the position of a blank cell cannot be known"
      );
    case "row-cell-count":
      return `${rowRef(p.row, p.ticker)}: ${p.cells} cells for ${p.columns} columns, and the space-separated header gives no positions`;
    case "bad-cell":
      return `${rowRef(p.row, p.ticker)}, column "${p.column}": ${CELL_EXPECTATION_TEXT[p.expected](p.text)}`;
    case "row-without-ticker":
      return `${rowRef(p.row, p.ticker)}: no ticker in the ticker column`;
    case "duplicate-ticker":
      return `row ${p.row}: ${p.ticker} already in row ${p.firstRow}`;
    case "more-row-errors":
      return `and ${p.count} more rows or cells that could not be read`;
    case "unknown-column":
      return `column ${p.column} "${p.header}" is not a known header; kept as ${p.kind} column "${p.key}"`;
    case "several-ticker-columns":
      return `${p.count} columns are headed as tickers`;
    case "no-ticker-column":
      return "no column is headed as the ticker column";
    case "duplicate-column":
      return `two columns would both be "${p.key}"`;
    case "too-many-rows":
      return `the table has ${p.rows} rows; a pick list holds at most ${p.max} (split the table, or import it as a CSV feed)`;
    case "invalid-list":
      return `not a valid pick list: ${p.errors}`;
  }
}

/** A problem met at `table`, with its English text. */
export function problem(table: string, detail: ProblemDetail): ParseProblem {
  // Object.assign, not a spread: the same fields in the same order, without the engine's slow path for
  // spreading objects of many shapes (a note with 300 unknown names makes 300 of these).
  const out = Object.assign({}, detail) as ParseProblem;
  out.table = table;
  out.reason = problemText(detail);
  return out;
}

/** Thrown inside the reading of one table; the table is left out and the problem reported. */
export class TableProblem extends Error {
  constructor(readonly details: ProblemDetail[]) {
    super(details.map(problemText).join("; "));
  }
}

export function tableProblem(detail: ProblemDetail): TableProblem {
  return new TableProblem([detail]);
}
