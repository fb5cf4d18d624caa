/**
 * A1-style addresses for the insert. Pure: rows and columns are 0-based here and become Excel's
 * 1-based A1 text only at the edge, so the layout code never does off-by-one arithmetic on strings.
 */

/** Excel's grid: 1,048,576 rows by 16,384 columns (A..XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** Column letters for a 0-based column index: 0 -> "A", 25 -> "Z", 26 -> "AA", 16383 -> "XFD". */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 0 || column >= MAX_COLUMNS) {
    throw new RangeError(`column index ${column} is outside Excel's grid`);
  }
  let letters = "";
  let rest = column + 1;
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

/** "C12" for row 11, column 2 (both 0-based). */
export function cellAddress(row: number, column: number): string {
  if (!Number.isInteger(row) || row < 0 || row >= MAX_ROWS) {
    throw new RangeError(`row index ${row} is outside Excel's grid`);
  }
  return `${columnLetters(column)}${row + 1}`;
}

/** "A11:L28" for a block of rowCount x columnCount cells whose top-left is (row, column); "C12" for one cell. */
export function rangeAddress(row: number, column: number, rowCount: number, columnCount: number): string {
  if (rowCount < 1 || columnCount < 1) throw new RangeError("a range has at least one row and one column");
  const topLeft = cellAddress(row, column);
  if (rowCount === 1 && columnCount === 1) return topLeft;
  return `${topLeft}:${cellAddress(row + rowCount - 1, column + columnCount - 1)}`;
}

/**
 * A sheet-qualified address, always quoted: 'Sheet name'!A1:B2. Quoting is valid for every sheet
 * name, so we never have to guess Excel's rules for when quotes may be dropped; an apostrophe inside
 * the name is doubled.
 */
export function qualifiedAddress(sheetName: string, address: string): string {
  return `'${sheetName.replace(/'/g, "''")}'!${address}`;
}

/** A block of cells, 0-based: what an A1 address such as "B3:D10" denotes. */
export interface CellBlock {
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * The block an A1 address denotes: "B3", "B3:D10", "$B$3:$D$10", or sheet-qualified as Excel reports
 * addresses ("Sheet1!B3:D10", "'My sheet'!B3"); the sheet part is ignored. Throws a RangeError for
 * anything else (whole rows or columns included: nothing here uses them).
 */
export function parseRangeAddress(address: string): CellBlock {
  const local = address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
  const m = /^([A-Za-z]{1,3})([0-9]+)(?::([A-Za-z]{1,3})([0-9]+))?$/.exec(local);
  if (!m) throw new RangeError(`not an A1 cell or block address: ${address}`);
  const top = Number(m[2]) - 1;
  const left = columnIndex(m[1] as string);
  const bottom = m[4] === undefined ? top : Number(m[4]) - 1;
  const right = m[3] === undefined ? left : columnIndex(m[3]);
  if (top < 0 || bottom < top || right < left || bottom >= MAX_ROWS || right >= MAX_COLUMNS) {
    throw new RangeError(`address outside Excel's grid: ${address}`);
  }
  return { row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
}
