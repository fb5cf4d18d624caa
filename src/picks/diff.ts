/**
 * What changed between two versions of the same pick list, matched by ticker: the summary a refresh
 * shows in the taskpane and appends to the workbook's log sheet. Pure: no Office.
 */
import type { CellValue, PickColumn, PickList, PickRow } from "./types";

export interface RowRef {
  /** Null only on a themed-list row whose company the importer could not resolve to a ticker. */
  ticker: string | null;
  name: string | null;
}

export interface ValueChange extends RowRef {
  key: string;
  /** The column's fiscal year, for EPS and P/E. */
  year?: number;
  estimate?: boolean;
  from: CellValue;
  to: CellValue;
}

export interface PickListDiff {
  listId: string;
  added: RowRef[];
  dropped: RowRef[];
  ratingChanges: ValueChange[];
  epsRevisions: ValueChange[];
  /** Every other source cell that changed (price, P/E, …), for the log. */
  otherChanges: ValueChange[];
  priceDate: { from: string | null; to: string | null } | null;
  reportDate: { from: string; to: string } | null;
  /** Columns the new version adds or no longer has (by key). */
  columnsAdded: string[];
  columnsRemoved: string[];
  unchangedRows: number;
}

function tickerKey(list: PickList): string {
  const col = list.columns.find((c) => c.kind === "ticker");
  if (!col) throw new Error(`list ${list.id} has no ticker column`);
  return col.key;
}

function nameKey(list: PickList): string | undefined {
  return list.columns.find((c) => c.kind === "name")?.key;
}

function refOf(row: PickRow, tKey: string, nKey: string | undefined): RowRef {
  const name = nKey ? row[nKey] : null;
  const ticker = row[tKey];
  return { ticker: typeof ticker === "string" ? ticker : null, name: typeof name === "string" ? name : null };
}

/** Rows match by ticker; a row without one (an unresolved company name) matches by its name. */
export function matchKey(row: PickRow, tKey: string, nKey: string | undefined): string {
  const ticker = row[tKey];
  return typeof ticker === "string" ? ticker : `name:${nKey ? String(row[nKey] ?? "") : ""}`;
}

/** Numbers equal to the precision a report prints (avoids 0.1 + 0.2 noise from a feed's arithmetic). */
function sameValue(a: CellValue | undefined, b: CellValue | undefined): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (typeof x === "number" && typeof y === "number") return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  return x === y;
}

/** Compares `previous` (what the workbook holds) with `next` (what the source serves now). */
export function diffPickLists(previous: PickList, next: PickList): PickListDiff {
  const tPrev = tickerKey(previous);
  const tNext = tickerKey(next);
  const nPrev = nameKey(previous);
  const nNext = nameKey(next);
  const prevByTicker = new Map(previous.rows.map((r) => [matchKey(r, tPrev, nPrev), r]));
  const nextByTicker = new Map(next.rows.map((r) => [matchKey(r, tNext, nNext), r]));
  const prevCols = new Map(previous.columns.map((c) => [c.key, c]));
  const nextCols = new Map(next.columns.map((c) => [c.key, c]));
  const shared: PickColumn[] = next.columns.filter((c) => prevCols.has(c.key) && c.kind !== "ticker");

  const diff: PickListDiff = {
    listId: next.id,
    added: [],
    dropped: [],
    ratingChanges: [],
    epsRevisions: [],
    otherChanges: [],
    priceDate: previous.source.priceDate !== next.source.priceDate ? { from: previous.source.priceDate, to: next.source.priceDate } : null,
    reportDate: previous.source.reportDate !== next.source.reportDate ? { from: previous.source.reportDate, to: next.source.reportDate } : null,
    columnsAdded: next.columns.filter((c) => !prevCols.has(c.key)).map((c) => c.key),
    columnsRemoved: previous.columns.filter((c) => !nextCols.has(c.key)).map((c) => c.key),
    unchangedRows: 0,
  };

  for (const [ticker, row] of nextByTicker) {
    const before = prevByTicker.get(ticker);
    if (!before) {
      diff.added.push(refOf(row, tNext, nNext));
      continue;
    }
    let changed = false;
    for (const col of shared) {
      if (sameValue(before[col.key], row[col.key])) continue;
      changed = true;
      const change: ValueChange = {
        ...refOf(row, tNext, nNext),
        key: col.key,
        ...(col.year !== undefined ? { year: col.year } : {}),
        ...(col.estimate !== undefined ? { estimate: col.estimate } : {}),
        from: before[col.key] ?? null,
        to: row[col.key] ?? null,
      };
      if (col.kind === "rating") diff.ratingChanges.push(change);
      else if (col.kind === "eps") diff.epsRevisions.push(change);
      else diff.otherChanges.push(change);
    }
    if (!changed) diff.unchangedRows++;
  }
  for (const [ticker, row] of prevByTicker) {
    if (!nextByTicker.has(ticker)) diff.dropped.push(refOf(row, tPrev, nPrev));
  }
  return diff;
}

export function isEmptyDiff(d: PickListDiff): boolean {
  return (
    d.added.length + d.dropped.length + d.ratingChanges.length + d.epsRevisions.length + d.otherChanges.length === 0 &&
    !d.priceDate &&
    !d.reportDate &&
    d.columnsAdded.length + d.columnsRemoved.length === 0
  );
}

const show = (v: CellValue): string => (v === null ? "—" : String(v));
const who = (r: RowRef): string => (r.name && r.ticker ? `${r.name} (${r.ticker})` : (r.name ?? r.ticker ?? "?"));
const yearLabel = (c: ValueChange): string => (c.year !== undefined ? ` ${c.year}${c.estimate ? "E" : ""}` : "");

/** The summary as lines of text, in English or Chinese: for the taskpane and the log sheet. */
export function describeDiff(d: PickListDiff, lang: "zh" | "en"): string[] {
  const zh = lang === "zh";
  const lines: string[] = [];
  if (isEmptyDiff(d)) return [zh ? "无变化" : "No changes"];
  if (d.priceDate) lines.push(zh ? `股价日期：${show(d.priceDate.from)} → ${show(d.priceDate.to)}` : `Price date moved: ${show(d.priceDate.from)} → ${show(d.priceDate.to)}`);
  if (d.reportDate) lines.push(zh ? `报告日期：${d.reportDate.from} → ${d.reportDate.to}` : `Report date: ${d.reportDate.from} → ${d.reportDate.to}`);
  for (const r of d.added) lines.push(zh ? `新增：${who(r)}` : `Added: ${who(r)}`);
  for (const r of d.dropped) lines.push(zh ? `移出：${who(r)}` : `Dropped: ${who(r)}`);
  for (const c of d.ratingChanges) lines.push(zh ? `评级变化：${who(c)} ${show(c.from)} → ${show(c.to)}` : `Rating change: ${who(c)} ${show(c.from)} → ${show(c.to)}`);
  for (const c of d.epsRevisions) lines.push(zh ? `EPS${yearLabel(c)} 调整：${who(c)} ${show(c.from)} → ${show(c.to)}` : `EPS${yearLabel(c)} revision: ${who(c)} ${show(c.from)} → ${show(c.to)}`);
  if (d.otherChanges.length) lines.push(zh ? `其他数据变化：${d.otherChanges.length} 处` : `Other values changed: ${d.otherChanges.length}`);
  if (d.columnsAdded.length) lines.push(zh ? `新增列：${d.columnsAdded.join(", ")}` : `Columns added: ${d.columnsAdded.join(", ")}`);
  if (d.columnsRemoved.length) lines.push(zh ? `移除列：${d.columnsRemoved.join(", ")}` : `Columns removed: ${d.columnsRemoved.join(", ")}`);
  return lines;
}
