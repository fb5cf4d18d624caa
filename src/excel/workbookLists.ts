/**
 * The pick lists this workbook holds, for AIC.PICK, AIC.PICKS and AIC.STOCK: every table an insert
 * recorded (workbookRecord.ts) whose list did not come from the bundled catalog (a note imported and
 * inserted here, a feed's list, on this machine or a colleague's), rebuilt from what the workbook keeps
 * of it, so that the functions find those lists again after the workbook is closed and reopened.
 *
 * What a list is rebuilt from: the record (list id, report: broker, title, date, price date; each data
 * column's key, kind and header as written) and the table's merge base in custom XML parts (base.ts:
 * every list cell as the add-in last wrote it, at insert or refresh), less the rows the last refresh found
 * gone from the source (the record's `gone`: rows marked dropped, whose keys the base keeps so that a
 * refresh tells the list's rows from the analyst's; a row a later refresh finds again is back). A column's
 * year and labels come back from its header through the importer's own header rules (src/picks/columns.ts),
 * the broker's English name from the broker directory (src/picks/brokers.ts). The report's analysts, source
 * line and table caption are not kept in the workbook: they come back empty. Lists from the bundled catalog
 * are left out, as the functions have them from the catalog itself.
 *
 * Two syncs whatever the number of tables: the records, tables and custom XML parts' namespaces
 * (registry.ts, base.ts), then every committed base part's XML; one sync when no table qualifies. A table
 * whose base is missing or unreadable is reported, not thrown: the other lists still load.
 */
import { brokerByName } from "../picks/brokers";
import { columnKeyFor, recogniseHeader, standardColumn } from "../picks/columns";
import { PICKLIST_FORMAT, PICKLIST_VERSION, type PickColumn, type PickList, type PickRow } from "../picks/types";
import { setWorkbookLists, type PickStore } from "../picks/lookup";
import type { TableBase } from "../picks/merge";
import { committedParts, decodeBase, queueBasePartList, queueBaseRead } from "./base";
import { queueRegistryLoad } from "./registry";
import type { PickTableRecord, PickTableRecordColumn } from "./workbookRecord";

export interface WorkbookLists {
  /** One list per list id (the most recently inserted or refreshed table wins), in the registry's order. */
  lists: PickList[];
  /** Tables whose list could not be rebuilt, and why (no base recorded, a part missing or damaged). */
  unreadable: { listId: string; tableName: string; reason: string }[];
}

/** A data column of the record as a list column: a standard column when its header names one, else its own. */
function listColumn(c: PickTableRecordColumn): PickColumn {
  const kind = c.kind ?? "text";
  const header = recogniseHeader(c.header);
  if (header && header.rule.kind === kind && columnKeyFor(header.rule, header.year) === c.key) {
    return standardColumn(header.rule, header.year, header.estimate);
  }
  return { key: c.key, kind, label: { zh: c.header, en: c.header } };
}

/** The list a recorded table holds: its record's report and columns, its base's rows but those gone (pure). */
export function listFromWorkbook(record: PickTableRecord, base: TableBase): PickList {
  const columns = record.columns.filter((c) => c.role === "data").map(listColumn);
  if (!columns.some((c) => c.kind === "ticker")) throw new Error("the record has no ticker column");
  const gone = new Set(record.gone ?? []);
  const rows: PickRow[] = [];
  for (const [key, cells] of base) if (!gone.has(key)) rows.push(Object.fromEntries(columns.map((c) => [c.key, cells[c.key] ?? null])));
  const { broker, reportTitle, reportDate, priceDate } = record.source;
  return {
    format: PICKLIST_FORMAT,
    version: PICKLIST_VERSION,
    id: record.listId,
    title: { zh: reportTitle, en: reportTitle },
    source: {
      broker,
      brokerEn: brokerByName(broker)?.en ?? "",
      reportTitle,
      reportDate,
      priceDate,
      analysts: [],
      sourceLine: "",
      table: "",
    },
    columns,
    rows,
  };
}

/** When a record's table was last written: refresh, else insert ("" when unknown). */
const writtenAt = (record: PickTableRecord): string => record.refreshedAt ?? record.insertedAt ?? "";

/** The lists the workbook holds (see the module comment), in two syncs at most. */
export async function readWorkbookLists(context: Excel.RequestContext): Promise<WorkbookLists> {
  const readRegistry = queueRegistryLoad(context);
  const readParts = queueBasePartList(context);
  await context.sync();
  const partsByBase = readParts();
  const unreadable: WorkbookLists["unreadable"] = [];
  const reads: { record: PickTableRecord; xml: () => string[] }[] = [];
  for (const { record, table } of readRegistry().tables) {
    if (record.origin.kind === "catalog") continue;
    const parts = record.base ? committedParts(record.base, partsByBase.get(record.base.id) ?? []) : null;
    if (!parts) {
      unreadable.push({ listId: record.listId, tableName: table.name, reason: record.base ? "a part of its base is missing" : "no base is recorded" });
      continue;
    }
    reads.push({ record, xml: queueBaseRead(context, parts) });
  }
  if (reads.length > 0) await context.sync();
  const byId = new Map<string, { list: PickList; at: string }>();
  for (const { record, xml } of reads) {
    let list: PickList;
    try {
      list = listFromWorkbook(record, decodeBase(xml()));
    } catch (e) {
      unreadable.push({ listId: record.listId, tableName: record.tableName, reason: e instanceof Error ? e.message : String(e) });
      continue;
    }
    const seen = byId.get(list.id);
    if (!seen || writtenAt(record) > seen.at) byId.set(list.id, { list, at: writtenAt(record) });
  }
  return { lists: [...byId.values()].map((v) => v.list), unreadable };
}

/** readWorkbookLists in the workbook the add-in runs in (Excel.run). */
export function runReadWorkbookLists(): Promise<WorkbookLists> {
  return Excel.run((context) => readWorkbookLists(context));
}

/**
 * Puts the workbook's lists into `store` under "workbook:<list id>" (replacing what an earlier read put
 * there: a refreshed list replaces its old copy, a deleted table's list goes). A read that fails (an Excel
 * without custom XML parts, a workbook closed meanwhile) leaves the store as it was, so the functions keep
 * answering from the catalog and the feeds; it is logged to the console, never shown to the analyst.
 */
export async function loadWorkbookLists(store: PickStore, read: () => Promise<WorkbookLists> = runReadWorkbookLists): Promise<WorkbookLists | null> {
  let got: WorkbookLists;
  try {
    got = await read();
  } catch (e) {
    console.warn("AI Compute Desk: the pick lists of this workbook could not be read; the functions use the catalog and feeds", e);
    return null;
  }
  setWorkbookLists(store, got.lists);
  for (const u of got.unreadable) console.warn(`AI Compute Desk: the list ${u.listId} (table ${u.tableName}) could not be read back: ${u.reason}`);
  return got;
}
