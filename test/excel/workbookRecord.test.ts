import { planSheetColumns } from "../../src/excel/layout";
import { buildPickTableRecord, parsePickTableRecord, pickTableSettingKey } from "../../src/excel/workbookRecord";
import { huaxinList } from "./lists";

describe("workbook record", () => {
  const list = huaxinList();
  const record = buildPickTableRecord({
    list,
    language: "en",
    columns: planSheetColumns(list, "en"),
    tableId: "7",
    tableName: "AIC_huaxin_2024_02_18_focus",
    sheetId: "{sheet-3}",
    sheetName: "Huaxin",
  });

  it("is keyed by table id", () => {
    expect(pickTableSettingKey("7")).toBe("aic.pickTable.7");
  });

  it("round-trips as an object and as JSON text (how a setting may come back)", () => {
    expect(parsePickTableRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
    expect(parsePickTableRecord(JSON.stringify(record))).toEqual(record);
  });

  it("maps each English header back to its key, live P/E columns included", () => {
    const byHeader = Object.fromEntries(record.columns.map((c) => [c.header, [c.key, c.role]]));
    expect(byHeader["Live P/E 2024E"]).toEqual(["fwd_pe_2024", "fwdPe"]);
    expect(byHeader["P/E 2024E"]).toEqual(["pe_2024", "data"]);
  });

  it("keeps the keys of the rows gone from the source; a record without them (an older workbook) has none", () => {
    expect("gone" in record).toBe(false);
    const refreshed = { ...record, gone: ["000977.SZ", "name:新易盛"] };
    expect(parsePickTableRecord(JSON.stringify(refreshed))?.gone).toEqual(["000977.SZ", "name:新易盛"]);
    const parsed = parsePickTableRecord(JSON.parse(JSON.stringify(record)));
    expect(parsed).not.toBeNull();
    expect(parsed!.gone).toBeUndefined();
    // An empty list is no field: the record stays as small as one that never had it.
    expect(parsePickTableRecord({ ...record, gone: [] })).toEqual(record);
  });

  it("refuses a record whose gone keys are not a list of strings, as it refuses any other malformed field", () => {
    expect(parsePickTableRecord({ ...record, gone: "000977.SZ" })).toBeNull();
    expect(parsePickTableRecord({ ...record, gone: ["000977.SZ", 977] })).toBeNull();
    expect(parsePickTableRecord({ ...record, gone: null })).toBeNull();
    expect(parsePickTableRecord({ ...record, gone: { "000977.SZ": true } })).toBeNull();
  });

  it("ignores anything else: other formats, future versions, broken JSON, missing fields", () => {
    expect(parsePickTableRecord({ ...record, format: "other" })).toBeNull();
    expect(parsePickTableRecord({ ...record, version: 3 })).toBeNull();
    expect(parsePickTableRecord("{not json")).toBeNull();
    expect(parsePickTableRecord({ ...record, columns: [{ key: "x" }] })).toBeNull();
    expect(parsePickTableRecord({ ...record, language: "fr" })).toBeNull();
    expect(parsePickTableRecord(null)).toBeNull();
  });
});
