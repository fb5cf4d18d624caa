/**
 * The three-way merge of a pick list's cells, as version control merges files (docs/refresh.md):
 *   base   = what the add-in last wrote into each list cell (kept in the workbook, src/excel/base.ts);
 *   mine   = what the cell holds now: a value, or a formula the analyst typed;
 *   theirs = the list the source serves now.
 *
 * | mine vs base | theirs vs base | result                                         |
 * |--------------|----------------|------------------------------------------------|
 * | same         | same           | nothing written                                |
 * | same         | changed        | take theirs, log the revision                  |
 * | changed      | same           | keep mine                                      |
 * | changed      | changed        | keep mine, report a conflict (unless mine = theirs) |
 *
 * A cell with no base (a table inserted before bases existed, or a row the analyst added whose ticker the
 * source now lists) takes theirs as its base where the two agree and is a conflict where they differ.
 * After a merge the base of every merged cell is theirs (as a merge moves git's merge base), so a conflict
 * is reported once, the analyst's value stays, and taking the broker's value later needs no base write.
 *
 * Rows: matched by ticker; a table row whose ticker is empty matches a source row by exact name (and the
 * ticker is written into it); a row the add-in wrote whose ticker the source replaced (same name, new code)
 * is the same row. Rows whose keys were never in the source are the analyst's: never struck, never logged.
 * Rows the add-in wrote that are gone from the source are dropped (marked by the caller); their keys stay in
 * the base and are listed in `gone` as long as the source does not list them again. Pure: no Office.
 */
import { columnLabel } from "./columns";
import { matchKey, type PickListDiff, type RowRef, type ValueChange } from "./diff";
import type { CellValue, ColumnKind, PickColumn, PickList, PickRow } from "./types";

/** A cell as the analyst left it: a value, or a formula (its text, "=..."). */
export type MineCell = CellValue | { formula: string };

/** Base cells of one row, by column key. */
export type BaseCells = Record<string, CellValue>;

/** The base of one table: each row the add-in wrote, by row key (matchKey: the ticker, or "name:<name>"). */
export type TableBase = Map<string, BaseCells>;

export interface MineRow {
  /** The row's position in the table body (0 = the first row under the header); echoed in the result. */
  index: number;
  /** The list's columns present in the table, by key. */
  cells: Record<string, MineCell>;
  /** Marked dropped by an earlier refresh (the status column). */
  dropped: boolean;
}

export interface MergeInput {
  theirs: PickList;
  /** The list's columns that are in the table (with their kinds): the cells merged. */
  columns: readonly PickColumn[];
  mine: readonly MineRow[];
  /** Null: the table has no base yet (inserted before bases existed, or the base was lost). */
  base: TableBase | null;
}

export interface CellWrite {
  index: number;
  key: string;
  value: CellValue;
}

export interface CellChange extends RowRef {
  index: number;
  key: string;
  kind: ColumnKind;
  year?: number;
  estimate?: boolean;
}

/** A source change taken into the table (mine was the base). */
export interface Revision extends CellChange {
  from: CellValue;
  to: CellValue;
}

/** Both sides changed the cell: mine is kept. `base` is undefined when the cell had none. */
export interface Conflict extends CellChange {
  base: CellValue | undefined;
  mine: MineCell;
  theirs: CellValue;
}

export interface MergeResult {
  writes: CellWrite[];
  revisions: Revision[];
  conflicts: Conflict[];
  /** Source rows new to the table, in the source's order (the caller appends them). */
  added: PickRow[];
  /** Rows the add-in wrote that the source no longer has, not marked before. */
  dropped: number[];
  /** Rows marked dropped that the source has again. */
  returned: number[];
  /** Rows matched by name whose key changed: an empty ticker resolved, or a ticker the source corrected. */
  rekeyed: { index: number; from: RowRef; to: RowRef }[];
  /** Rows whose keys were never in the source: the analyst's. */
  analystRows: number[];
  /** The base after the merge (what the table holds of the source once the writes are in). */
  base: TableBase;
  /**
   * Keys of `base` the source no longer lists, sorted: rows it dropped now or at an earlier refresh (still
   * in the base, which tells the list's rows from the analyst's). A row matched by name under a new key is
   * listed under that key (its old key leaves the base); a row listed again is not gone.
   */
  gone: string[];
  /** Rows of `base` that differ from the input base (new, changed or under a new key), and keys renamed. */
  baseChanges: { rows: Map<string, BaseCells>; renamed: [string, string][] };
  unchangedRows: number;
}

const TEXT_KINDS: ReadonlySet<ColumnKind> = new Set<ColumnKind>(["ticker", "name", "rating", "theme", "text"]);

export function isFormulaCell(cell: MineCell | undefined): cell is { formula: string } {
  return typeof cell === "object" && cell !== null;
}

/** Numbers equal to the precision a report prints (no 0.1 + 0.2 noise), as diffPickLists compares. */
function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Two source values equal for a column of `kind` (null and "" are both empty; text columns compare as text). */
export function sameValue(a: CellValue | undefined, b: CellValue | undefined, kind: ColumnKind): boolean {
  const x = a === undefined || a === "" ? null : a;
  const y = b === undefined || b === "" ? null : b;
  if (x === null || y === null) return x === y;
  if (TEXT_KINDS.has(kind)) return String(x) === String(y);
  if (typeof x === "number" && typeof y === "number") return sameNumber(x, y);
  return x === y;
}

/** A cell holds `value`: a formula only if the value is that very text (text from a source may start with "="). */
export function cellHolds(cell: MineCell | undefined, value: CellValue | undefined, kind: ColumnKind): boolean {
  if (isFormulaCell(cell)) return typeof value === "string" && value === cell.formula;
  return sameValue(cell ?? null, value, kind);
}

function refOf(row: PickRow, tKey: string, nKey: string | undefined): RowRef {
  const ticker = row[tKey];
  const name = nKey ? row[nKey] : null;
  return { ticker: typeof ticker === "string" && ticker !== "" ? ticker : null, name: typeof name === "string" && name !== "" ? name : null };
}

function valueOf(cell: MineCell | undefined): CellValue {
  if (cell === undefined) return null;
  return isFormulaCell(cell) ? cell.formula : cell;
}

/** The row's key as matchKey reads it; null for a row with neither ticker nor name (a blank or note row). */
function mineKeyOf(row: MineRow, tKey: string, nKey: string | undefined): string | null {
  const plain: PickRow = { [tKey]: emptyToNull(valueOf(row.cells[tKey])) };
  if (nKey) plain[nKey] = emptyToNull(valueOf(row.cells[nKey]));
  const key = matchKey(plain, tKey, nKey);
  return key === "name:" || key === "name:null" ? null : key;
}

function emptyToNull(v: CellValue): CellValue {
  return v === "" ? null : v;
}

/** Merges mine and theirs over base, as the table in the module comment says. */
export function mergeList(input: MergeInput): MergeResult {
  const { theirs, columns, mine } = input;
  const tKey = theirs.columns.find((c) => c.kind === "ticker")?.key;
  if (!tKey) throw new Error(`list ${theirs.id} has no ticker column`);
  const nKey = theirs.columns.find((c) => c.kind === "name")?.key;
  const base = input.base;
  const merged = columns.filter((c) => theirs.columns.some((t) => t.key === c.key));

  const result: MergeResult = {
    writes: [],
    revisions: [],
    conflicts: [],
    added: [],
    dropped: [],
    returned: [],
    rekeyed: [],
    analystRows: [],
    base: new Map(base ?? []),
    gone: [],
    baseChanges: { rows: new Map(), renamed: [] },
    unchangedRows: 0,
  };

  // Source rows by key (the first of repeated keys wins; validation refuses repeats anyway).
  const theirsByKey = new Map<string, PickRow>();
  for (const row of theirs.rows) {
    const key = matchKey(row, tKey, nKey);
    if (!theirsByKey.has(key)) theirsByKey.set(key, row);
  }
  // Table rows by key: the first of repeated rows is the list's, repeats are the analyst's.
  const keyOf = new Map<MineRow, string>();
  const tableByKey = new Map<string, MineRow>();
  for (const row of mine) {
    const key = mineKeyOf(row, tKey, nKey);
    if (key === null || tableByKey.has(key)) {
      result.analystRows.push(row.index);
      continue;
    }
    keyOf.set(row, key);
    tableByKey.set(key, row);
  }

  const matched: [MineRow, PickRow, string][] = [];
  const matchedTheirs = new Set<PickRow>();
  for (const [key, row] of tableByKey) {
    const source = theirsByKey.get(key);
    if (source) {
      matched.push([row, source, key]);
      matchedTheirs.add(source);
    }
  }
  // By exact name: a row without a ticker, or a row the add-in wrote whose ticker the source replaced.
  const unmatched = [...tableByKey].filter(([key]) => !theirsByKey.has(key));
  const ownedByList = (key: string, row: MineRow): boolean => (base?.has(key) ?? false) || row.dropped;
  if (nKey) {
    const candidates = new Map<string, [string, MineRow]>();
    for (const [key, row] of unmatched) {
      const name = valueOf(row.cells[nKey]);
      const ticker = emptyToNull(valueOf(row.cells[tKey]));
      if (typeof name !== "string" || name === "") continue;
      if (ticker !== null && !ownedByList(key, row)) continue; // the analyst's own row keeps its ticker
      if (!candidates.has(name)) candidates.set(name, [key, row]);
    }
    for (const [theirsKey, source] of theirsByKey) {
      if (matchedTheirs.has(source) || tableByKey.has(theirsKey)) continue;
      const name = source[nKey];
      if (typeof name !== "string") continue;
      const hit = candidates.get(name);
      if (!hit) continue;
      candidates.delete(name);
      const [key, row] = hit;
      matched.push([row, source, key]);
      matchedTheirs.add(source);
      const from: RowRef = { ticker: emptyToNull(valueOf(row.cells[tKey])) as string | null, name };
      result.rekeyed.push({ index: row.index, from, to: refOf(source, tKey, nKey) });
    }
  }
  const matchedRows = new Set(matched.map(([row]) => row));
  for (const [key, row] of unmatched) {
    if (matchedRows.has(row)) continue;
    if (row.dropped) continue; // gone before, still gone
    if (ownedByList(key, row)) result.dropped.push(row.index);
    else result.analystRows.push(row.index);
  }
  for (const row of theirs.rows) if (!matchedTheirs.has(row) && theirsByKey.get(matchKey(row, tKey, nKey)) === row) result.added.push(row);

  // Cells.
  for (const [row, source, key] of matched.sort((a, b) => a[0].index - b[0].index)) {
    if (row.dropped) result.returned.push(row.index);
    const baseRow = base?.get(key);
    const nextBase: BaseCells = { ...(baseRow ?? {}) };
    let changed = false;
    for (const column of merged) {
      const b = baseRow && column.key in baseRow ? baseRow[column.key] : undefined;
      const m = row.cells[column.key];
      const t = source[column.key] ?? null;
      const change = (): CellChange => ({
        ...refOf(source, tKey, nKey),
        index: row.index,
        key: column.key,
        kind: column.kind,
        ...(column.year !== undefined ? { year: column.year } : {}),
        ...(column.estimate !== undefined ? { estimate: column.estimate } : {}),
      });
      if (b === undefined) {
        if (!cellHolds(m, t, column.kind)) result.conflicts.push({ ...change(), base: undefined, mine: m ?? null, theirs: t });
        nextBase[column.key] = t;
        continue;
      }
      const mineSame = cellHolds(m, b, column.kind);
      const theirsSame = sameValue(t, b, column.kind);
      if (theirsSame) continue;
      nextBase[column.key] = t;
      if (mineSame) {
        result.writes.push({ index: row.index, key: column.key, value: t });
        result.revisions.push({ ...change(), from: b, to: t });
        changed = true;
      } else if (!cellHolds(m, t, column.kind)) {
        result.conflicts.push({ ...change(), base: b, mine: m ?? null, theirs: t });
      }
    }
    if (!changed) result.unchangedRows++;
    const newKey = matchKey(source, tKey, nKey);
    if (newKey !== key) {
      result.base.delete(key);
      result.baseChanges.renamed.push([key, newKey]);
    }
    const same = baseRow !== undefined && newKey === key && merged.every((c) => nextBase[c.key] === baseRow[c.key]);
    if (!same) {
      result.base.set(newKey, nextBase);
      result.baseChanges.rows.set(newKey, nextBase);
    }
  }
  for (const row of result.added) {
    const cells: BaseCells = Object.fromEntries(merged.map((c) => [c.key, row[c.key] ?? null]));
    const key = matchKey(row, tKey, nKey);
    result.base.set(key, cells);
    result.baseChanges.rows.set(key, cells);
  }
  // Every key the source lists is in the base by now (matched or added), so what else the base holds is gone.
  for (const key of result.base.keys()) if (!theirsByKey.has(key)) result.gone.push(key);
  result.gone.sort();
  return result;
}

/** The merge as the change summary the log and the taskpane show (describeDiff renders it). */
export function mergeDiff(result: MergeResult, previous: Pick<PickList, "source" | "columns">, next: PickList, mine: readonly MineRow[]): PickListDiff {
  const tKey = next.columns.find((c) => c.kind === "ticker")?.key ?? "ticker";
  const nKey = next.columns.find((c) => c.kind === "name")?.key;
  const byIndex = new Map(mine.map((r) => [r.index, r]));
  const refOfMine = (index: number): RowRef => {
    const row = byIndex.get(index);
    const ticker = row ? emptyToNull(valueOf(row.cells[tKey])) : null;
    const name = row && nKey ? emptyToNull(valueOf(row.cells[nKey])) : null;
    return { ticker: typeof ticker === "string" ? ticker : null, name: typeof name === "string" ? name : null };
  };
  const asChange = (r: Revision): ValueChange => ({
    ticker: r.ticker,
    name: r.name,
    key: r.key,
    ...(r.year !== undefined ? { year: r.year } : {}),
    ...(r.estimate !== undefined ? { estimate: r.estimate } : {}),
    from: r.from,
    to: r.to,
  });
  const prevKeys = new Set(previous.columns.map((c) => c.key));
  const nextKeys = new Set(next.columns.map((c) => c.key));
  return {
    listId: next.id,
    added: result.added.map((r) => refOf(r, tKey, nKey)),
    dropped: result.dropped.map(refOfMine),
    ratingChanges: result.revisions.filter((r) => r.kind === "rating").map(asChange),
    epsRevisions: result.revisions.filter((r) => r.kind === "eps").map(asChange),
    otherChanges: result.revisions.filter((r) => r.kind !== "rating" && r.kind !== "eps").map(asChange),
    priceDate: previous.source.priceDate !== next.source.priceDate ? { from: previous.source.priceDate, to: next.source.priceDate } : null,
    reportDate: previous.source.reportDate !== next.source.reportDate ? { from: previous.source.reportDate, to: next.source.reportDate } : null,
    columnsAdded: next.columns.filter((c) => !prevKeys.has(c.key)).map((c) => c.key),
    columnsRemoved: previous.columns.filter((c) => !nextKeys.has(c.key)).map((c) => c.key),
    unchangedRows: result.unchangedRows,
  };
}

/** A value as the analyst reads it: numbers of price, EPS and P/B columns with two decimals (1.60), a formula as typed. */
export function showCell(value: MineCell | undefined, kind: ColumnKind): string {
  if (value === undefined || value === null || value === "") return "—";
  if (isFormulaCell(value)) return value.formula;
  if (typeof value === "number" && (kind === "eps" || kind === "price" || kind === "pb")) {
    const fixed = value.toFixed(2);
    return Number(fixed) === value ? fixed : String(value);
  }
  return String(value);
}

/** The label of a change's column: "EPS 2022", "投资评级" ... (the list's own labels for other columns). */
export function changeLabel(change: CellChange, columns: readonly PickColumn[], lang: "zh" | "en"): string {
  const column = columns.find((c) => c.key === change.key);
  return column ? columnLabel(column, lang) : change.key;
}

/**
 * One conflict in words: "EPS 2022 浪潮信息: broker 1.57 → 1.65, yours 1.60 kept" /
 * "EPS 2022 浪潮信息：券商 1.57 → 1.65，保留您的 1.60".
 */
export function describeConflict(conflict: Conflict, columns: readonly PickColumn[], lang: "zh" | "en"): string {
  const label = changeLabel(conflict, columns, lang);
  const who = conflict.name ?? conflict.ticker ?? "?";
  const broker =
    conflict.base === undefined ? showCell(conflict.theirs, conflict.kind) : `${showCell(conflict.base, conflict.kind)} → ${showCell(conflict.theirs, conflict.kind)}`;
  const yours = showCell(conflict.mine, conflict.kind);
  return lang === "zh" ? `${label} ${who}：券商 ${broker}，保留您的 ${yours}` : `${label} ${who}: broker ${broker}, yours ${yours} kept`;
}

/** A row matched by name whose ticker changed, in words. */
export function describeRekey(change: { from: RowRef; to: RowRef }, lang: "zh" | "en"): string {
  const name = change.to.name ?? change.from.name ?? "?";
  const from = change.from.ticker ?? "—";
  const to = change.to.ticker ?? "—";
  return lang === "zh" ? `代码：${name} ${from} → ${to}` : `Ticker: ${name} ${from} → ${to}`;
}
