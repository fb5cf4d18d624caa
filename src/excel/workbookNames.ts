/**
 * Name → ticker pairs from the pick-list tables this add-in inserted in the workbook, for the importer's
 * name resolver (src/picks/importer/names.ts): a note that names a company the analyst already has in a
 * table gets the table's ticker.
 *
 * Read from the cells, not from the base (base.ts): the base holds what the add-in last wrote, and the
 * analyst's corrected ticker in the table is the truth. Only the two columns needed are read, the ticker
 * and the name column the record says (found by their headers, as a refresh finds them), as values.
 *
 * Syncs: one for the records (the registry), one for every table's header row and row count together
 * with a first window of both columns where the record put them, sized from the base's row count; more
 * only for rows past that window (a table that grew) or a column that moved, in windows that keep each
 * response under the budget (Excel on the web refuses a response over 5 MB).
 */
import type { NameEntry } from "../picks/importer/names";
import { DEFAULT_PAYLOAD_BUDGET_BYTES, jsonBytes } from "./chunks";
import { locateHeader } from "./recordColumns";
import { queueRegistryLoad } from "./registry";
import { SyncCounter } from "./session";
import type { PickTableRecord } from "./workbookRecord";

/** A guess at one cell's JSON bytes before any was read (a Chinese name, a long English one), with margin. */
const GUESSED_CELL_BYTES = 64;
/** Rows read past the base's count in the first window, for rows the analyst added. */
const ROOM_ROWS = 16;
/** Bytes kept free in each response for headers, row counts and Office.js's envelope. */
const RESPONSE_OVERHEAD_BYTES = 64 * 1024;

export interface WorkbookNamesOptions {
  /** Response bytes allowed per sync (default: 1 MB under Excel on the web's 5 MB). */
  budgetBytes?: number;
}

export interface WorkbookNames {
  entries: NameEntry[];
  /** Tables read (those whose record has a ticker and a name column still in the table). */
  tables: number;
  syncCount: number;
}

/** The record's ticker or name column (a version-1 record has no kinds: its list keys are "ticker" and "name"). */
function recordColumn(record: PickTableRecord, kind: "ticker" | "name"): number {
  return record.columns.findIndex((c) => c.role === "data" && (c.kind === kind || (c.kind === undefined && c.key === kind)));
}

interface TableRead {
  body: Excel.Range;
  columns: [number, number];
  rows: number;
  /** Column values read so far, from the first body row. */
  cells: [unknown[], unknown[]];
}

/** Every (name, ticker) pair of the add-in's tables, in table then row order; blank and non-text cells skipped. */
export async function readWorkbookNames(context: Excel.RequestContext, options: WorkbookNamesOptions = {}): Promise<WorkbookNames> {
  const budget = Math.max(1, (options.budgetBytes ?? DEFAULT_PAYLOAD_BUDGET_BYTES) - RESPONSE_OVERHEAD_BYTES);
  const counter = new SyncCounter(context);
  const readRegistry = queueRegistryLoad(context);
  await counter.sync();
  const recorded = readRegistry().tables.filter((t) => recordColumn(t.record, "ticker") >= 0 && recordColumn(t.record, "name") >= 0);
  if (recorded.length === 0) return { entries: [], tables: 0, syncCount: counter.count };

  // Second sync: headers, row counts, and a first window where the record put the two columns.
  const expected = recorded.map((t) => (t.record.base?.rows ?? 0) + ROOM_ROWS);
  const scale = Math.min(1, budget / (2 * GUESSED_CELL_BYTES * expected.reduce((a, b) => a + b, 0)));
  const first = recorded.map((t, i) => {
    const table = context.workbook.tables.getItem(t.table.id);
    const header = table.getHeaderRowRange();
    header.load("values");
    const body = table.getDataBodyRange();
    body.load("rowCount");
    const rows = Math.max(1, Math.floor(expected[i]! * scale));
    const guess = [recordColumn(t.record, "ticker"), recordColumn(t.record, "name")].map((c) => {
      const window = body.getCell(0, c).getResizedRange(rows - 1, 0);
      window.load("values");
      return window;
    });
    return { record: t.record, header, body, guess };
  });
  await counter.sync();

  const reads: TableRead[] = [];
  let measured = 0;
  let cellsMeasured = 0;
  for (const { record, header, body, guess } of first) {
    const headers = (header.values[0] ?? []).map((h) => String(h ?? ""));
    const wanted = [recordColumn(record, "ticker"), recordColumn(record, "name")];
    const at = wanted.map((c) => locateHeader(headers, record.columns[c]!.header));
    if (at[0]! < 0 || at[1]! < 0) continue; // the analyst removed or renamed a column: nothing to read there
    const read: TableRead = { body, columns: [at[0]!, at[1]!], rows: body.rowCount, cells: [[], []] };
    for (let k = 0; k < 2; k++) {
      const values = guess[k]!.values;
      for (const row of values) {
        measured += jsonBytes(row[0]) + 1;
        cellsMeasured++;
      }
      // What was read counts only where the column still is (a column moved is read again where it is now).
      if (at[k] === wanted[k]) read.cells[k] = values.slice(0, read.rows).map((r) => r[0]);
    }
    reads.push(read);
  }

  // More syncs only for what the first window missed, in windows under the budget.
  const cellBytes = Math.max(8, cellsMeasured > 0 ? (measured / cellsMeasured) * 1.5 : GUESSED_CELL_BYTES);
  const perSync = Math.max(1, Math.floor(budget / cellBytes));
  for (;;) {
    let room = perSync;
    const loads: { read: TableRead; k: number; window: Excel.Range }[] = [];
    for (const read of reads) {
      for (let k = 0; k < 2 && room > 0; k++) {
        const from = read.cells[k].length;
        const count = Math.min(read.rows - from, room);
        if (count <= 0) continue;
        const window = read.body.getCell(from, read.columns[k]).getResizedRange(count - 1, 0);
        window.load("values");
        loads.push({ read, k, window });
        room -= count;
      }
    }
    if (loads.length === 0) break;
    await counter.sync();
    for (const { read, k, window } of loads) for (const row of window.values) read.cells[k].push(row[0]);
  }

  const entries: NameEntry[] = [];
  for (const { cells } of reads) {
    const [tickers, names] = cells;
    for (let r = 0; r < tickers.length; r++) {
      const ticker = tickers[r];
      const name = names[r];
      if (typeof ticker === "string" && typeof name === "string" && ticker.trim() !== "" && name.trim() !== "") {
        entries.push({ name: name.trim(), ticker: ticker.trim() });
      }
    }
  }
  return { entries, tables: reads.length, syncCount: counter.count };
}

/** For the taskpane: Excel.run(ctx => readWorkbookNames(ctx)), the pairs only. */
export async function runReadWorkbookNames(): Promise<NameEntry[]> {
  return Excel.run(async (context) => (await readWorkbookNames(context)).entries);
}
