/**
 * The workbook remembers its tables: the record (version 2, and version 1 read back migrated) and the
 * registry that resolves records against the workbook's tables. Vectors: the Huaxin table
 * 重点关注公司及盈利预测 (assets/catalog/huaxin-2024-02-18-focus.json) and Minsheng 表5 重点关注个股
 * (assets/catalog/minsheng-2024-02-25-table5-focus.json).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { insertPickList } from "../../src/excel/insert";
import { planSheetColumns } from "../../src/excel/layout";
import { readWorkbookRegistry, resolveRegistry } from "../../src/excel/registry";
import { buildPickTableRecord, parsePickTableRecord, pickTableSettingKey, type PickTableRecord } from "../../src/excel/workbookRecord";
import type { PickList } from "../../src/picks/types";
import { FakeExcel } from "../support/excelFake";
import { huaxinList } from "../excel/lists";
import { HUAXIN_SHEET, HUAXIN_TABLE, INSERTED_AT, insertHuaxin, recordOf } from "./support";

const minsheng = (): PickList =>
  JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../assets/catalog/minsheng-2024-02-25-table5-focus.json"), "utf8")) as PickList;

function recordFor(tableId: string, tableName: string, list: PickList = huaxinList()): PickTableRecord {
  return buildPickTableRecord({ list, language: "zh", columns: planSheetColumns(list, "zh"), tableId, tableName, sheetId: "s1", sheetName: "S" });
}

describe("the workbook record, version 2", () => {
  it("keeps where the list came from, when it was inserted, each column's kind and each live P/E's inputs", async () => {
    const fake = new FakeExcel();
    const csv = { listId: "my-screen", reportDate: "2024-02-18", mapping: { Px: { kind: "price" as const } } };
    await insertHuaxin(fake, huaxinList(), { kind: "feed", url: "https://feeds.example.com/huaxin.csv", feedId: "feed-1", csv });
    const record = recordOf(fake, HUAXIN_TABLE);
    expect(record.origin).toEqual({ kind: "feed", url: "https://feeds.example.com/huaxin.csv", feedId: "feed-1", csv });
    expect(record.insertedAt).toBe(INSERTED_AT.toISOString());
    expect(record.refreshedAt).toBeNull();
    expect(record.columns.find((c) => c.key === "rating")).toEqual({ key: "rating", header: "投资评级", role: "data", kind: "rating" });
    expect(record.columns.find((c) => c.key === "fwd_pe_2023")).toEqual({ key: "fwd_pe_2023", header: "实时PE 2023E", role: "fwdPe", priceKey: "price", epsKey: "eps_2023" });
  });

  it("defaults to the bundled catalog, as the insert did before", async () => {
    const fake = new FakeExcel();
    await insertPickList(fake.requestContext, huaxinList(), { language: "zh" });
    expect(recordOf(fake, HUAXIN_TABLE).origin).toEqual({ kind: "catalog" });
  });

  it("reads a version-1 record as version 2: origin catalog, times unknown", () => {
    const v2 = recordFor("7", HUAXIN_TABLE);
    const { origin: _o, insertedAt: _i, refreshedAt: _r, ...rest } = v2;
    const v1 = { ...rest, version: 1, columns: v2.columns.map(({ key, header, role }) => ({ key, header, role })) };
    const read = parsePickTableRecord(JSON.stringify(v1));
    expect(read).toMatchObject({ version: 2, origin: { kind: "catalog" }, insertedAt: null, refreshedAt: null, listId: "huaxin-2024-02-18-focus" });
    expect(read?.columns.map((c) => c.key)).toEqual(v2.columns.map((c) => c.key));
  });

  it("refuses an origin a refresh must not follow: a plain-http feed elsewhere than this machine, an unknown kind", () => {
    const v2 = recordFor("7", HUAXIN_TABLE);
    expect(parsePickTableRecord({ ...v2, origin: { kind: "feed", url: "http://feeds.example.com/x.json" } })).toBeNull();
    expect(parsePickTableRecord({ ...v2, origin: { kind: "ftp" } })).toBeNull();
    expect(parsePickTableRecord({ ...v2, origin: { kind: "feed", url: "http://127.0.0.1:8080/x.json" } })?.origin).toEqual({ kind: "feed", url: "http://127.0.0.1:8080/x.json" });
    expect(parsePickTableRecord({ ...v2, refreshedAt: 5 })).toBeNull();
  });
});

describe("resolveRegistry", () => {
  const live = (id: string, name: string) => ({ id, name, sheetId: "s1", sheetName: "S" });

  it("finds a table by id, else by its recorded name, else by AIC_<list id>; one record per table", () => {
    const settings = [
      { key: pickTableSettingKey("1"), value: recordFor("1", "AIC_a") },
      // Its table got a new id (the sheet was copied and the original deleted): found by name.
      { key: pickTableSettingKey("2"), value: recordFor("2", "Renamed_elsewhere", minsheng()) },
      // Same list as the first: the first claimed table "1" by id, so this one is an orphan.
      { key: pickTableSettingKey("3"), value: recordFor("3", "AIC_a") },
      { key: pickTableSettingKey("9"), value: { format: "aic-pick-table", version: 3 } },
      { key: "other.addin.setting", value: 1 },
    ];
    const registry = resolveRegistry(settings, [live("1", "AIC_a"), live("5", "AIC_minsheng_2024_02_25_table5_focus")]);
    expect(registry.tables.map((t) => [t.settingKey, t.table.id, t.foundBy])).toEqual([
      ["aic.pickTable.1", "1", "id"],
      ["aic.pickTable.2", "5", "name"],
    ]);
    expect(registry.orphans.map((o) => o.settingKey)).toEqual(["aic.pickTable.3"]);
    expect(registry.unreadable).toEqual(["aic.pickTable.9"]);
  });
});

describe("readWorkbookRegistry", () => {
  it("lists every recorded table with its sheet, in one sync, and the records whose table was deleted", async () => {
    const fake = new FakeExcel();
    await insertHuaxin(fake);
    const ms = await insertPickList(fake.requestContext, minsheng(), { language: "en" });
    const syncs = fake.syncCount;
    const before = await readWorkbookRegistry(fake.requestContext);
    expect(fake.syncCount - syncs).toBe(1);
    expect(before.tables.map((t) => [t.table.name, t.table.sheetName, t.record.listId])).toEqual([
      [HUAXIN_TABLE, HUAXIN_SHEET, "huaxin-2024-02-18-focus"],
      [ms.tableName, ms.sheetName, "minsheng-2024-02-25-table5-focus"],
    ]);
    expect(before.tables[0]!.table.sheetId).toBe(fake.sheet(HUAXIN_SHEET).id);

    fake.deleteSheet(fake.sheet(ms.sheetName));
    const after = await readWorkbookRegistry(fake.requestContext);
    expect(after.tables.map((t) => t.table.name)).toEqual([HUAXIN_TABLE]);
    expect(after.orphans.map((o) => o.record.tableName)).toEqual([ms.tableName]);
  });
});
