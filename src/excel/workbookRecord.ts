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
 */
import { PICKLIST_VERSION, type PickList } from "../picks/types";
import type { Language } from "./insert";
import type { SheetColumn } from "./layout";

export const PICK_TABLE_RECORD_FORMAT = "aic-pick-table" as const;
export const PICK_TABLE_RECORD_VERSION = 1 as const;
export const PICK_TABLE_SETTING_PREFIX = "aic.pickTable.";

export interface PickTableRecordColumn {
  /** The list's column key, or the live P/E key ("fwd_pe_2023"). */
  key: string;
  /** The header as written (localized, made unique). */
  header: string;
  role: "data" | "fwdPe";
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
  source: { broker: string; reportTitle: string; reportDate: string; priceDate: string | null };
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
    columns: args.columns.map((c) => ({ key: c.key, header: c.header, role: c.role })),
    source: {
      broker: list.source.broker,
      reportTitle: list.source.reportTitle,
      reportDate: list.source.reportDate,
      priceDate: list.source.priceDate,
    },
  };
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

/**
 * Reads a stored record back (a setting's value arrives as the object, or as its JSON text).
 * Returns null for anything that is not a record of this format and version, so a refresh can
 * skip foreign or future settings instead of misreading them.
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
  if (r.format !== PICK_TABLE_RECORD_FORMAT || r.version !== PICK_TABLE_RECORD_VERSION) return null;
  if (![r.listId, r.tableId, r.tableName, r.sheetId, r.sheetName].every(isString)) return null;
  if (r.language !== "zh" && r.language !== "en") return null;
  if (typeof r.listVersion !== "number") return null;
  if (!Array.isArray(r.columns)) return null;
  const columns: PickTableRecordColumn[] = [];
  for (const c of r.columns as unknown[]) {
    if (typeof c !== "object" || c === null) return null;
    const col = c as Record<string, unknown>;
    if (!isString(col.key) || !isString(col.header) || (col.role !== "data" && col.role !== "fwdPe")) return null;
    columns.push({ key: col.key, header: col.header, role: col.role });
  }
  const s = r.source as Record<string, unknown> | null | undefined;
  if (typeof s !== "object" || s === null) return null;
  if (![s.broker, s.reportTitle, s.reportDate].every(isString)) return null;
  if (s.priceDate !== null && !isString(s.priceDate)) return null;
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
  };
}
