/**
 * The record an insert leaves in the workbook so a later refresh can find its table again and map
 * every column back to the list's column key, whatever language the headers were written in and
 * even after the user renames the sheet or the table.
 *
 * Where it lives: a workbook setting (Excel.SettingCollection, ExcelApi 1.4; stored in the file,
 * private to this add-in) under the key "aic.pickTable.<table id>". Table ids are stable across
 * renames, so a refresh enumerates workbook.tables (id, name), looks up each id's setting, and falls
 * back on the table name (deterministic: AIC_<list id>) and on the "List ID" row of the metadata
 * block above the table when the setting is gone (e.g. the sheet was copied into another workbook).
 * Pure: building and reading the record needs no Office.
 *
 * Version 2 adds where the list came from (`origin`: the bundled catalog, a feed URL with its CSV
 * options, or pasted text), when it was inserted and last refreshed, each data column's kind, each live
 * P/E column's price and EPS keys, and the status column a refresh adds. Version-1 records are read as
 * version 2 (origin: catalog, times unknown). The merge base's reference (`base`) and the keys of rows the
 * source no longer lists (`gone`) are optional fields of version 2: a record without them is read as having
 * none, and an add-in that predates them ignores them.
 */
import { COLUMN_KINDS, PICKLIST_VERSION, type ColumnKind, type PickList } from "../picks/types";
import { parseListOrigin, type ListOrigin } from "../picks/sources";
import type { Language } from "./insert";
import type { SheetColumn } from "./layout";
import type { BaseRef } from "./base";

export const PICK_TABLE_RECORD_FORMAT = "aic-pick-table" as const;
export const PICK_TABLE_RECORD_VERSION = 2 as const;
export const PICK_TABLE_SETTING_PREFIX = "aic.pickTable.";

export interface PickTableRecordColumn {
  /** The list's column key, the live P/E key ("fwd_pe_2023"), or "status". */
  key: string;
  /** The header as written (localized, made unique). */
  header: string;
  /** data: a list column; fwdPe: a live P/E formula column; status: the column a refresh adds to mark dropped rows. */
  role: "data" | "fwdPe" | "status";
  /** data columns: the list column's kind (absent in records migrated from version 1). */
  kind?: ColumnKind;
  /** fwdPe columns: the keys of the price and EPS columns the formula reads. */
  priceKey?: string;
  epsKey?: string;
}

export interface PickTableRecord {
  format: typeof PICK_TABLE_RECORD_FORMAT;
  version: typeof PICK_TABLE_RECORD_VERSION;
  listId: string;
  /** PICKLIST_VERSION of the list that was inserted. */
  listVersion: number;
  language: Language;
  tableId: string;
  tableName: string;
  sheetId: string;
  sheetName: string;
  /** In sheet order, left to right. */
  columns: PickTableRecordColumn[];
  /** The list's report as of the last insert or refresh: its report date and price date drive "price date moved". */
  source: { broker: string; reportTitle: string; reportDate: string; priceDate: string | null };
  /** Where the list came from, so a refresh on any machine knows where to fetch it. */
  origin: ListOrigin;
  /** ISO times; null when unknown (a version-1 record) or never refreshed. */
  insertedAt: string | null;
  refreshedAt: string | null;
  /**
   * The table's merge base (base.ts): which custom XML parts hold what the add-in last wrote. Absent or
   * null for a table inserted before bases existed; its first refresh makes one.
   */
  base?: BaseRef | null;
  /**
   * Keys of the base's rows (merge.ts: the ticker, or "name:<name>") the source no longer listed at the last
   * refresh: rows marked dropped, which the base keeps but the list rebuilt from the workbook leaves out
   * (workbookLists.ts). Absent when there are none (an insert, or a refresh that dropped nothing).
   */
  gone?: string[];
}

/** The setting key under which the record of table `tableId` is stored. */
export function pickTableSettingKey(tableId: string): string {
  return `${PICK_TABLE_SETTING_PREFIX}${tableId}`;
}

export function buildPickTableRecord(args: {
  list: PickList;
  language: Language;
  columns: readonly SheetColumn[];
  tableId: string;
  tableName: string;
  sheetId: string;
  sheetName: string;
  /** Default: the bundled catalog. */
  origin?: ListOrigin;
  insertedAt?: string | null;
  base?: BaseRef | null;
}): PickTableRecord {
  const { list } = args;
  return {
    format: PICK_TABLE_RECORD_FORMAT,
    version: PICK_TABLE_RECORD_VERSION,
    listId: list.id,
    listVersion: PICKLIST_VERSION,
    language: args.language,
    tableId: args.tableId,
    tableName: args.tableName,
    sheetId: args.sheetId,
    sheetName: args.sheetName,
    columns: args.columns.map((c) =>
      c.role === "data"
        ? { key: c.key, header: c.header, role: c.role, kind: c.column.kind }
        : { key: c.key, header: c.header, role: c.role, priceKey: c.priceKey, epsKey: c.epsKey },
    ),
    source: {
      broker: list.source.broker,
      reportTitle: list.source.reportTitle,
      reportDate: list.source.reportDate,
      priceDate: list.source.priceDate,
    },
    origin: args.origin ?? { kind: "catalog" },
    insertedAt: args.insertedAt ?? null,
    refreshedAt: null,
    base: args.base ?? null,
  };
}

function parseBaseRef(value: unknown): BaseRef | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value !== "object") return undefined;
  const b = value as Record<string, unknown>;
  if (typeof b.id !== "string" || !/^[A-Za-z0-9-]+$/.test(b.id)) return undefined;
  const numbers = ["seq", "snapshotSeq", "snapshotChars", "overlayChars", "rows", "rowBytes"] as const;
  if (!numbers.every((k) => typeof b[k] === "number" && Number.isFinite(b[k]) && (b[k] as number) >= 0)) return undefined;
  return {
    id: b.id,
    seq: b.seq as number,
    snapshotSeq: b.snapshotSeq as number,
    snapshotChars: b.snapshotChars as number,
    overlayChars: b.overlayChars as number,
    rows: b.rows as number,
    rowBytes: b.rowBytes as number,
  };
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

/**
 * Reads a stored record back (a setting's value arrives as the object, or as its JSON text).
 * Returns null for anything that is not a record of this format and a version it knows (1 or 2; a
 * version-1 record comes back migrated), so a refresh can skip foreign or future settings instead of
 * misreading them.
 */
export function parsePickTableRecord(value: unknown): PickTableRecord | null {
  let data: unknown = value;
  if (isString(value)) {
    try {
      data = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (typeof data !== "object" || data === null) return null;
  const r = data as Record<string, unknown>;
  if (r.format !== PICK_TABLE_RECORD_FORMAT || (r.version !== 1 && r.version !== PICK_TABLE_RECORD_VERSION)) return null;
  if (![r.listId, r.tableId, r.tableName, r.sheetId, r.sheetName].every(isString)) return null;
  if (r.language !== "zh" && r.language !== "en") return null;
  if (typeof r.listVersion !== "number") return null;
  if (!Array.isArray(r.columns)) return null;
  const columns: PickTableRecordColumn[] = [];
  for (const c of r.columns as unknown[]) {
    if (typeof c !== "object" || c === null) return null;
    const column = parseColumn(c as Record<string, unknown>);
    if (!column) return null;
    columns.push(column);
  }
  const s = r.source as Record<string, unknown> | null | undefined;
  if (typeof s !== "object" || s === null) return null;
  if (![s.broker, s.reportTitle, s.reportDate].every(isString)) return null;
  if (s.priceDate !== null && !isString(s.priceDate)) return null;
  // Version 1 had no origin and no times: it was always inserted from the catalog or pasted text,
  // and pasted lists were never refreshable, so "catalog" is the reading that loses nothing.
  const origin = r.version === 1 ? { kind: "catalog" as const } : parseListOrigin(r.origin);
  if (!origin) return null;
  const time = (v: unknown): string | null | undefined => (v === null || v === undefined ? null : isString(v) ? v : undefined);
  const insertedAt = time(r.insertedAt);
  const refreshedAt = time(r.refreshedAt);
  if (insertedAt === undefined || refreshedAt === undefined) return null;
  const base = parseBaseRef(r.base);
  if (base === undefined) return null;
  // Absent in records written before it existed (and when nothing is gone).
  if (r.gone !== undefined && !(Array.isArray(r.gone) && r.gone.every(isString))) return null;
  const gone = (r.gone as string[] | undefined) ?? [];
  return {
    format: PICK_TABLE_RECORD_FORMAT,
    version: PICK_TABLE_RECORD_VERSION,
    listId: r.listId as string,
    listVersion: r.listVersion,
    language: r.language,
    tableId: r.tableId as string,
    tableName: r.tableName as string,
    sheetId: r.sheetId as string,
    sheetName: r.sheetName as string,
    columns,
    source: {
      broker: s.broker as string,
      reportTitle: s.reportTitle as string,
      reportDate: s.reportDate as string,
      priceDate: s.priceDate as string | null,
    },
    origin,
    insertedAt,
    refreshedAt,
    base,
    ...(gone.length > 0 ? { gone: [...gone] } : {}),
  };
}

function parseColumn(col: Record<string, unknown>): PickTableRecordColumn | null {
  if (!isString(col.key) || !isString(col.header)) return null;
  if (col.role !== "data" && col.role !== "fwdPe" && col.role !== "status") return null;
  const column: PickTableRecordColumn = { key: col.key, header: col.header, role: col.role };
  if (col.kind !== undefined) {
    if (!(COLUMN_KINDS as readonly unknown[]).includes(col.kind)) return null;
    column.kind = col.kind as ColumnKind;
  }
  if (col.priceKey !== undefined || col.epsKey !== undefined) {
    if (!isString(col.priceKey) || !isString(col.epsKey)) return null;
    column.priceKey = col.priceKey;
    column.epsKey = col.epsKey;
  }
  return column;
}
