/**
 * View model of the Refresh section: a RefreshReport (src/excel/refresh.ts) in words, per table, in the
 * chosen language — what changed (src/picks/diff.ts's describeDiff), a refresh from a stale copy, a
 * failure with its reason and whether the table is as it was — and the feeds a colleague's workbook
 * names that this computer does not allow yet. Pure: no DOM, no Office.
 */
import type { ListFetcher, RefreshReport, RefreshTarget, TableRefreshOutcome } from "../../../excel/refresh";
import { describeDiff } from "../../../picks/diff";
import { validatePickList } from "../../../picks/validate";
import { feedOrigin } from "../../csp";
import type { Msg } from "../../messages";
import { localTime } from "../feeds/model";
import type { Lang } from "../../i18n";

/** A table whose feed the page's policy does not allow: its origin can be allowed, or (a [::1] URL) cannot. */
export type BlockedFeed = { kind: "needsOrigin"; origin: string } | { kind: "cannotAllow"; url: string };

/**
 * Wraps a list fetcher so that a table whose record names a feed this page may not connect to fails
 * at once, in words, instead of as a bare "Failed to fetch" from the browser's policy. `blocked`
 * collects each such failure by its error text: the refresh puts the fetcher's error into the table's
 * outcome unchanged, so the view can tell these tables apart and offer to allow their feeds.
 */
export function allowedOriginsOnly(fetchList: ListFetcher, allowed: readonly string[], blocked: Map<string, BlockedFeed>): ListFetcher {
  return async (record) => {
    if (record.origin.kind === "feed") {
      const url = record.origin.url;
      const origin = feedOrigin(url);
      if (origin === null) {
        const error = `the taskpane cannot connect to ${url}`;
        blocked.set(error, { kind: "cannotAllow", url });
        return { ok: false, error };
      }
      if (!allowed.includes(origin)) {
        const error = `connections to ${origin} are not allowed on this computer yet`;
        blocked.set(error, { kind: "needsOrigin", origin });
        return { ok: false, error };
      }
    }
    return fetchList(record);
  };
}

/**
 * Wraps a list fetcher so that each feed origin in `pending` (allowed for this page load only, csp.ts
 * PENDING_FEED_ORIGIN_KEY) is handed to `confirm` once a list from it was fetched and validated (the
 * fetcher returned a fresh copy, not a stale one, and the list passes validatePickList, as refresh.ts checks): only then is it saved for good. An origin whose fetch failed is never confirmed.
 */
export function confirmingPendingOrigins(fetchList: ListFetcher, pending: readonly string[], confirm: (url: string) => void): ListFetcher {
  if (pending.length === 0) return fetchList;
  return async (record) => {
    const result = await fetchList(record);
    // Fetched now (not a last good copy standing in for a failed fetch) and a valid pick list.
    const fresh = "ok" in result && typeof result.ok === "boolean" ? result.ok && result.stale === null && validatePickList(result.list).ok : false;
    if (fresh && record.origin.kind === "feed") {
      const origin = feedOrigin(record.origin.url);
      if (origin !== null && pending.includes(origin)) confirm(record.origin.url);
    }
    return result;
  };
}

/**
 * src/excel/refresh.ts's words when undoing a failed write failed as well ("… and putting the table back
 * failed too …"). Every other failure leaves the table exactly as it was: nothing was written, or
 * everything written was put back (outcome.restored). Tested against the real refresh in
 * test/taskpane/actions.dom.test.ts, so a change of wording there fails a test here.
 */
const RESTORE_FAILED = /putting the table back failed/;

export type Tone = "ok" | "warning" | "error" | "info";

export interface TableResultView {
  tableId: string;
  tableName: string;
  sheetName: string;
  /** The list the table holds (its title names the table in messages, not the internal table name). */
  listId: string | null;
  tone: Tone;
  status: Msg;
  /** What changed, from describeDiff in the chosen language (src/picks' words and the list's data). */
  changes: string[];
  /** Notices in the strings table's words: a stale source, columns the table does not take. */
  notes: Msg[];
  /** Why a table was not refreshed, in src/excel's words; null when refreshed or when `status` says it all. */
  reason: string | null;
}

export interface RefreshView {
  tone: Tone;
  summary: Msg;
  tables: TableResultView[];
  /** Orphan records and unreadable records, in words. */
  notes: Msg[];
  /** Origins the workbook's feeds need, to offer allowing them. */
  originsToAllow: string[];
}

function tableView(outcome: TableRefreshOutcome, lang: Lang, blocked: ReadonlyMap<string, BlockedFeed>): TableResultView {
  const base = { tableId: outcome.tableId, tableName: outcome.tableName, sheetName: outcome.sheetName, listId: outcome.listId ?? null };
  if (outcome.status === "refreshed") {
    const notes: Msg[] = [];
    if (outcome.stale) notes.push({ key: "refreshTableStale", params: { time: localTime(outcome.stale.since) } });
    // The refresh worked, but the feed's last good copy could not be kept: say so, never silently.
    if (outcome.offlineCopyError) notes.push({ key: "feedsOnlineOnly", params: { reason: outcome.offlineCopyError }, data: ["reason"] });
    if (outcome.diff && outcome.diff.columnsAdded.length > 0) notes.push({ key: "refreshColumnsAdded" });
    return {
      ...base,
      tone: outcome.stale ? "warning" : "ok",
      status: { key: "refreshTableRefreshed" },
      changes: outcome.diff ? describeDiff(outcome.diff, lang) : [],
      notes,
      reason: outcome.stale ? outcome.stale.error : null,
    };
  }
  const error = outcome.error ?? "";
  const block = blocked.get(error);
  if (block?.kind === "needsOrigin")
    return { ...base, tone: "error", status: { key: "refreshTableNeedsOrigin", params: { origin: block.origin }, data: ["origin"] }, changes: [], notes: [], reason: null };
  if (block?.kind === "cannotAllow")
    return { ...base, tone: "error", status: { key: "refreshTableCannotAllow", params: { url: block.url }, data: ["url"] }, changes: [], notes: [], reason: null };
  const intact = outcome.restored || !RESTORE_FAILED.test(error);
  return {
    ...base,
    tone: "error",
    status: { key: intact ? "refreshTableFailed" : "refreshTableRestoreFailed" },
    changes: [],
    notes: [],
    reason: error || null,
  };
}

/** The whole report in words: a summary, each table, the records left alone, the feeds to allow. */
export function refreshReportView(
  report: RefreshReport,
  target: RefreshTarget,
  lang: Lang,
  blocked: ReadonlyMap<string, BlockedFeed> = new Map(),
): RefreshView {
  const tables = report.outcomes.map((o) => tableView(o, lang, blocked));
  const notes: Msg[] = [];
  if (report.orphans.length > 0) {
    const names = report.orphans.map((o) => o.record.tableName).join(", ");
    notes.push({ key: report.orphans.length === 1 ? "refreshOrphansOne" : "refreshOrphans", params: { count: report.orphans.length, names }, data: ["names"] });
  }
  if (report.unreadable.length > 0) {
    notes.push({ key: report.unreadable.length === 1 ? "refreshUnreadableOne" : "refreshUnreadable", params: { count: report.unreadable.length } });
  }
  const originsToAllow = [
    ...new Set(
      report.outcomes.flatMap((o) => {
        const block = o.status === "failed" && o.error !== null ? blocked.get(o.error) : undefined;
        return block?.kind === "needsOrigin" ? [block.origin] : [];
      }),
    ),
  ];

  let summary: Msg;
  let tone: Tone;
  const refreshed = tables.filter((t) => t.status.key === "refreshTableRefreshed").length;
  const total = tables.length;
  if (report.error !== null) {
    summary = { key: "refreshNotRun", params: { reason: report.error }, data: ["reason"] };
    tone = "error";
  } else if (total === 0) {
    summary = { key: target === "activeSheet" || (typeof target === "object" && "sheetId" in target) ? "refreshNoneSheet" : "refreshNoneWorkbook" };
    tone = "info";
  } else if (refreshed === total) {
    summary = { key: total === 1 ? "refreshDoneAllOne" : "refreshDoneAll", params: { count: total } };
    tone = tables.some((t) => t.tone === "warning") ? "warning" : "ok";
  } else if (refreshed === 0) {
    summary = { key: "refreshDoneNone" };
    tone = "error";
  } else {
    summary = { key: "refreshDonePartly", params: { refreshed, total, failed: total - refreshed } };
    tone = "warning";
  }
  return { tone, summary, tables, notes, originsToAllow };
}
