/**
 * Where a recorded table's columns are now: a refresh (refresh.ts reads, refreshPlan.ts plans) and the
 * workbook's names (workbookNames.ts) find the list's columns by the headers the record holds, since the
 * analyst may move them and insert columns of their own between them. A recorded data column whose header
 * is gone is an error that stops the refresh of that table, before anything is read further or written.
 */
import type { PickTableRecord, PickTableRecordColumn } from "./workbookRecord";

/** A record column and where it is in the table now (its table column index). */
export interface Located {
  rec: PickTableRecordColumn;
  index: number;
}

/** A header as headers are compared when the exact text is not found: case aside, as Excel compares table headers. */
export const foldHeader = (s: string): string => s.toUpperCase();

/** The index of `header` among `headers`: the exact text first, else the first equal case aside. */
export function locateHeader(headers: readonly string[], header: string): number {
  const exact = headers.indexOf(header);
  return exact >= 0 ? exact : headers.findIndex((h) => foldHeader(h) === foldHeader(header));
}

/** Where the record's columns are in the table now (by header), or the error that stops the refresh. */
export function locateColumns(headers: readonly string[], record: PickTableRecord): Located[] | string {
  const located: Located[] = [];
  for (const rec of record.columns) {
    const index = locateHeader(headers, rec.header);
    if (index >= 0) located.push({ rec, index });
    else if (rec.role === "data") {
      return `column "${rec.header}" (${rec.key}) is not in the table any more: a refresh finds the list's columns by their headers; rename it back, or insert the list again`;
    }
  }
  return located;
}

/** The table columns a plan reads the body of: the list's data columns and the status column. */
export function bodyColumnsNeeded(located: readonly Located[]): number[] {
  return located.filter((l) => l.rec.role === "data" || l.rec.role === "status").map((l) => l.index);
}
