/**
 * The public shapes of a refresh (refresh.ts): what to refresh, where lists come from, the options, and what
 * comes back — each table's outcome and the conflicts the merge kept for the analyst. Types only, so the
 * taskpane, conflicts.ts and the tests can name them without loading any of the refresh's code;
 * refresh.ts re-exports them, its public entry point.
 */
import type { PickListDiff } from "../picks/diff";
import type { MineCell } from "../picks/merge";
import type { CellValue, ColumnKind, PickList } from "../picks/types";
import type { FetchedList } from "../picks/sources";
import type { Language } from "./insert";
import type { RefreshPlan } from "./refreshPlan";
import type { OrphanRecord } from "./registry";
import type { PickTableRecord } from "./workbookRecord";

/** What to refresh: every recorded table, the one holding the active cell, those on the active sheet or a given sheet, or one table. */
export type RefreshTarget = "all" | "selection" | "activeSheet" | { sheetId: string } | { tableId: string };

/** Fetches the current version of a recorded table's list (listFetcherFor builds one from the feed sources). */
export type ListFetcher = (record: PickTableRecord) => Promise<PickList | FetchedList>;

export interface RefreshOptions {
  now?: () => Date;
  /**
   * When a source cannot be fetched, refresh from its last good copy (cached by sources.ts) and say so
   * in the outcome and the log. Default true; false fails the table instead.
   */
  allowStale?: boolean;
  /** Per request; default DEFAULT_PAYLOAD_BUDGET_BYTES (tests lower it to see chunking). */
  payloadBudgetBytes?: number;
  /** Called as each table is done, for progress in the taskpane. */
  onTable?: (outcome: TableRefreshOutcome) => void;
}

export interface TableRefreshOutcome {
  tableId: string;
  tableName: string;
  sheetName: string;
  listId: string;
  status: "refreshed" | "failed";
  /** What changed (describeDiff in the record's language, as logged), or the failure in words. */
  summary: string[];
  /** For the taskpane to show in its own language with describeDiff; null when the refresh failed before comparing. */
  diff: PickListDiff | null;
  /** Cells both the analyst and the broker changed: the analyst's value was kept (refresh-model lists them). */
  conflicts?: RefreshConflict[];
  /** Summary lines past LOG_LINE_CAP, counted in the last line rather than listed. */
  linesOmitted?: number;
  /** Set when the table's recorded base could not be read (every difference was then kept as a conflict). */
  baseNote?: string | null;
  error: string | null;
  /** Set when the source failed and its last good copy was used. */
  stale: { since: string; error: string } | null;
  /** Fetched now, but no offline copy could be stored (why): the table refreshes online only. */
  offlineCopyError?: string | null;
  /** True when a write had begun, failed, and the table was put back as it was. */
  restored: boolean;
  counts: RefreshPlan["counts"] | null;
  /** Syncs spent on this table (read, write chunks, restore). */
  syncCount: number;
}

export interface RefreshReport {
  outcomes: TableRefreshOutcome[];
  /** Records whose table is gone (deleted, or its sheet deleted). */
  orphans: OrphanRecord[];
  /** Record settings this version cannot read. */
  unreadable: string[];
  /** Why nothing was refreshed, when the target itself failed (no table at the active cell ...). */
  error: string | null;
  syncCount: number;
}

/** A conflict as the taskpane lists it: where it is, what each side holds, its words in both languages. */
export interface RefreshConflict {
  tableId: string;
  /** The table's name, list id and record language as refreshed: what a take-theirs logs (conflicts.ts). */
  tableName: string;
  listId: string;
  language: Language;
  /**
   * Sheet cell (0-based) and its sheet: its id (what a take-theirs looks the sheet up by, so a sheet renamed
   * since still works) and its name as refreshed (for the address shown and logged).
   */
  sheetId: string;
  sheetName: string;
  row: number;
  column: number;
  address: string;
  /** The row's ticker cell, checked before the broker's value is written (the analyst may have sorted). */
  tickerColumn: number;
  ticker: string | null;
  name: string | null;
  key: string;
  kind: ColumnKind;
  base: CellValue | undefined;
  mine: MineCell;
  theirs: CellValue;
  /** The column's label ("EPS 2022", "投资评级"), in both languages. */
  label: { zh: string; en: string };
  text: { zh: string; en: string };
}
