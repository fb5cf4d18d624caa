/**
 * Every pick-list table the workbook remembers: the records the inserts left in the workbook's settings
 * (see workbookRecord.ts), each resolved against the tables the workbook has now. One sync, whatever
 * the number of tables: the settings and the tables (id, name, sheet) are loaded together.
 *
 * A record finds its table by id (ids survive renames); failing that, by the table name it recorded
 * and then the deterministic name AIC_<list id> (a table whose id changed, e.g. after a copy). A table
 * is claimed by one record at most, ids first. Records left without a table are orphans: the table or
 * its sheet was deleted. Settings under the record prefix that this version cannot read are listed,
 * never touched.
 */
import { cleanTableName } from "./names";
import { TABLE_NAME_PREFIX } from "./insert";
import { PICK_TABLE_SETTING_PREFIX, parsePickTableRecord, type PickTableRecord } from "./workbookRecord";

/** Where a recorded table is now (names may differ from the record's after a rename). */
export interface LiveTable {
  id: string;
  name: string;
  sheetId: string;
  sheetName: string;
}

export interface RecordedTable {
  settingKey: string;
  /** The setting's value exactly as stored (a failed refresh writes this back). */
  storedValue: unknown;
  record: PickTableRecord;
  table: LiveTable;
  foundBy: "id" | "name";
}

export interface OrphanRecord {
  settingKey: string;
  record: PickTableRecord;
}

export interface WorkbookRegistry {
  tables: RecordedTable[];
  /** Records whose table is gone. */
  orphans: OrphanRecord[];
  /** Setting keys under the record prefix holding something this version cannot read. */
  unreadable: string[];
}

const fold = (s: string): string => s.toUpperCase();

/**
 * Queues the loads the registry needs and returns the function that builds it once they are synced,
 * so a caller can put other loads in the same sync.
 */
export function queueRegistryLoad(context: Excel.RequestContext): () => WorkbookRegistry {
  const settings = context.workbook.settings;
  settings.load("items/key,items/value");
  const tables = context.workbook.tables;
  tables.load("items/id,items/name,items/worksheet/id,items/worksheet/name");
  return () =>
    resolveRegistry(
      settings.items.map((s) => ({ key: s.key, value: s.value as unknown })),
      tables.items.map((t) => ({ id: t.id, name: t.name, sheetId: t.worksheet.id, sheetName: t.worksheet.name })),
    );
}

/** Matches records to tables (pure, see the module comment). */
export function resolveRegistry(settings: readonly { key: string; value: unknown }[], tables: readonly LiveTable[]): WorkbookRegistry {
  const registry: WorkbookRegistry = { tables: [], orphans: [], unreadable: [] };
  const pending: { settingKey: string; storedValue: unknown; record: PickTableRecord }[] = [];
  for (const { key, value } of settings) {
    if (!key.startsWith(PICK_TABLE_SETTING_PREFIX)) continue;
    const record = parsePickTableRecord(value);
    if (record) pending.push({ settingKey: key, storedValue: value, record });
    else registry.unreadable.push(key);
  }
  const claimed = new Set<string>();
  const found = new Map<string, { table: LiveTable; foundBy: "id" | "name" }>();
  for (const p of pending) {
    const table = tables.find((t) => t.id === p.record.tableId && !claimed.has(t.id));
    if (table) {
      claimed.add(table.id);
      found.set(p.settingKey, { table, foundBy: "id" });
    }
  }
  for (const p of pending) {
    if (found.has(p.settingKey)) continue;
    const names = [p.record.tableName, cleanTableName(`${TABLE_NAME_PREFIX}${p.record.listId}`)].map(fold);
    const table = names.map((n) => tables.find((t) => fold(t.name) === n && !claimed.has(t.id))).find((t) => t !== undefined);
    if (table) {
      claimed.add(table.id);
      found.set(p.settingKey, { table, foundBy: "name" });
    }
  }
  for (const p of pending) {
    const hit = found.get(p.settingKey);
    if (hit) registry.tables.push({ ...p, table: { ...hit.table }, foundBy: hit.foundBy });
    else registry.orphans.push({ settingKey: p.settingKey, record: p.record });
  }
  return registry;
}

/** The workbook's recorded tables, in one sync. */
export async function readWorkbookRegistry(context: Excel.RequestContext): Promise<WorkbookRegistry> {
  const read = queueRegistryLoad(context);
  await context.sync();
  return read();
}
