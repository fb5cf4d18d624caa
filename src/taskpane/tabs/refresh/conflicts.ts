/**
 * View model of the Refresh tab's conflicts: the cells a refresh kept because both the analyst and the
 * broker changed them (src/picks/merge.ts), as rows with their words in the chosen language, where they
 * are, and the actions on them (take the broker's value for one, or for all still open); and what a
 * take-theirs did, in words. Pure: no DOM, no Office.
 */
import type { TakeTheirsResult } from "../../../excel/conflicts";
import type { RefreshConflict, RefreshReport } from "../../../excel/refresh";
import type { Lang } from "../../i18n";
import type { Msg } from "../../messages";

export interface ConflictRowView {
  /** Stable within a report: the table and the cell. */
  id: string;
  /** "EPS 2022 浪潮信息: broker 1.57 → 1.65, yours 1.60 kept", in the chosen language (the list's data inside). */
  text: string;
  /** Sheet-qualified address, for the analyst to find the cell. */
  address: string;
  /** The broker's value was written into the cell since the refresh. */
  taken: boolean;
  conflict: RefreshConflict;
}

export interface ConflictListView {
  heading: Msg;
  rows: ConflictRowView[];
  /** The conflicts "all" acts on: those not taken yet; empty when there is nothing left to take. */
  open: RefreshConflict[];
}

export function conflictId(c: Pick<RefreshConflict, "tableId" | "row" | "column">): string {
  return `${c.tableId}!${c.row},${c.column}`;
}

/** The report's conflicts, table by table, in sheet order; null when the refresh kept none. */
export function conflictListView(report: RefreshReport, lang: Lang, taken: ReadonlySet<string>): ConflictListView | null {
  const conflicts = report.outcomes.flatMap((o) => (o.status === "refreshed" ? (o.conflicts ?? []) : []));
  if (conflicts.length === 0) return null;
  const rows = conflicts.map((conflict) => {
    const id = conflictId(conflict);
    return { id, text: conflict.text[lang], address: conflict.address, taken: taken.has(id), conflict };
  });
  const open = rows.filter((r) => !r.taken).map((r) => r.conflict);
  return {
    heading: { key: conflicts.length === 1 ? "refreshConflictsOne" : "refreshConflicts", params: { count: conflicts.length } },
    rows,
    open,
  };
}

/**
 * What taking the broker's value did, in words: cells written; cells left because they changed or moved; cells
 * not written because their sheet was deleted since the refresh.
 */
export function takeTheirsMessages(result: TakeTheirsResult): Msg[] {
  const messages: Msg[] = [];
  const written = result.written.length;
  if (written > 0) messages.push({ key: written === 1 ? "refreshTookTheirsOne" : "refreshTookTheirs", params: { count: written } });
  const left = result.skipped.filter((s) => s.reason !== "missing");
  const missing = result.skipped.filter((s) => s.reason === "missing");
  for (const [skipped, one, many] of [
    [left, "refreshTakeSkippedOne", "refreshTakeSkipped"],
    [missing, "refreshTakeMissingOne", "refreshTakeMissing"],
  ] as const) {
    if (skipped.length === 0) continue;
    const where = skipped.map((s) => s.conflict.address).join(", ");
    messages.push({ key: skipped.length === 1 ? one : many, params: { count: skipped.length, cells: where }, data: ["cells"] });
  }
  return messages;
}
