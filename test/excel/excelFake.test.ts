/**
 * The Excel fake must not hide what real Excel would refuse or do differently: these tests pin the
 * behaviour the insert tests rely on (load/sync, Excel's input parsing, payload cap, naming rules).
 */
import { insertPickList } from "../../src/excel/insert";
import { FakeExcel, FakeExcelError, PropertyNotLoadedError } from "../support/excelFake";
import { huaxinList } from "./lists";

describe("FakeExcel: load and sync", () => {
  it("throws PropertyNotLoaded for a property never loaded, and for one loaded but not yet synced", async () => {
    const fake = new FakeExcel({ sheets: ["Sheet1", "Data"] });
    const sheets = fake.context.workbook.worksheets;
    expect(() => sheets.items).toThrow(PropertyNotLoadedError);
    sheets.load("items/name");
    expect(() => sheets.items).toThrow("call the load method");
    await fake.context.sync();
    expect(sheets.items.map((s) => s.name)).toEqual(["Sheet1", "Data"]);
    // Only what was loaded is readable.
    expect(() => sheets.items[0].id).toThrow(PropertyNotLoadedError);
  });

  it("a sheet added in this batch has no readable id until a load and a sync", async () => {
    const fake = new FakeExcel();
    const sheet = fake.context.workbook.worksheets.add("New");
    sheet.load("id");
    expect(() => sheet.id).toThrow(PropertyNotLoadedError);
    await fake.context.sync();
    expect(sheet.id).toBe(fake.sheet("New").id);
  });

  it("a naive reader that skips load fails: the fake does not hide a missing load", () => {
    const fake = new FakeExcel();
    const naive = (ctx: Excel.RequestContext): string[] => ctx.workbook.worksheets.items.map((s) => s.name);
    expect(() => naive(fake.requestContext)).toThrow(PropertyNotLoadedError);
  });

  it("the insert loads names in sync 1 and the new ids in sync 2, before it reads them", async () => {
    const fake = new FakeExcel();
    await insertPickList(fake.requestContext, huaxinList(), { language: "zh" });
    expect(fake.loads).toEqual([
      { sync: 1, target: "FakeWorksheetCollection", paths: ["items/name"] },
      { sync: 1, target: "FakeTableCollection", paths: ["items/name"] },
      { sync: 1, target: "FakeNamedItemCollection", paths: ["items/name", "items/type"] },
      { sync: 2, target: "FakeTable", paths: ["id"] },
      { sync: 2, target: "FakeWorksheet", paths: ["id"] },
    ]);
  });

  it("finds a sheet by name or id; a null-object sheet reads isNullObject, but a range read on it fails the whole sync", async () => {
    const fake = new FakeExcel({ sheets: ["Kept", "Gone"] });
    const sheets = fake.context.workbook.worksheets;
    const kept = fake.sheet("Kept");
    kept.name = "Renamed";
    fake.deleteSheet(fake.sheet("Gone"));
    const byId = sheets.getItemOrNullObject(kept.id);
    byId.load("isNullObject,name");
    const gone = sheets.getItemOrNullObject("Gone");
    gone.load("isNullObject");
    await fake.context.sync();
    expect([byId.isNullObject, byId.name, gone.isNullObject]).toEqual([false, "Renamed", true]);
    gone.getRange("A1").load("values");
    await expect(fake.context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    sheets.getItem("Gone").getRange("A1").load("values");
    await expect(fake.context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  it("applies nothing before sync, then everything in queue order", async () => {
    const fake = new FakeExcel();
    fake.context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[5]];
    expect(fake.cell("Sheet1", "A1").kind).toBe("empty");
    await fake.context.sync();
    expect(fake.cell("Sheet1", "A1")).toMatchObject({ kind: "number", value: 5 });
  });
});

describe("FakeExcel: Excel's parsing of written values", () => {
  async function write(value: unknown, numberFormat?: string, formatAfter = false) {
    const fake = new FakeExcel();
    const range = fake.context.workbook.worksheets.getItem("Sheet1").getRange("A1");
    if (numberFormat && !formatAfter) range.numberFormat = [[numberFormat]];
    range.values = [[value]];
    if (numberFormat && formatAfter) range.numberFormat = [[numberFormat]];
    await fake.context.sync();
    return fake.cell("Sheet1", "A1");
  }

  it("in a General cell, = + - @ text becomes a formula and numeric or ISO-date text a number", async () => {
    expect(await write('=HYPERLINK("http://x","y")')).toMatchObject({ kind: "formula", formula: '=HYPERLINK("http://x","y")' });
    expect(await write("@x")).toMatchObject({ kind: "formula", formula: "=@x" });
    expect(await write("-2")).toMatchObject({ kind: "number", value: -2 });
    expect(await write("+1")).toMatchObject({ kind: "number", value: 1 });
    expect(await write("000628")).toMatchObject({ kind: "number", value: 628 });
    expect(await write("2024-02-18")).toMatchObject({ kind: "number", value: 45340 });
  });

  it("a leading apostrophe keeps the rest as text", async () => {
    expect(await write("'=1+1")).toMatchObject({ kind: "text", value: "=1+1", quotePrefix: true });
  });

  it("a cell formatted @ before the write keeps anything as text; formatted after, it is too late", async () => {
    expect(await write("=1+1", "@")).toMatchObject({ kind: "text", value: "=1+1" });
    expect(await write("=1+1", "@", true)).toMatchObject({ kind: "formula" });
  });

  it("refuses an array whose shape does not match the range", async () => {
    const fake = new FakeExcel();
    fake.context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [[1, 2]];
    await expect(fake.context.sync()).rejects.toThrow("doesn't match the size");
  });

  it("refuses a request over 5 MB and applies none of it", async () => {
    const fake = new FakeExcel();
    const range = fake.context.workbook.worksheets.getItem("Sheet1").getRange("A1");
    range.values = [["small"]];
    fake.context.workbook.worksheets.getItem("Sheet1").getRange("A2").values = [["x".repeat(5 * 1024 * 1024)]];
    await expect(fake.context.sync()).rejects.toThrow("RequestPayloadSizeLimitExceeded");
    expect(fake.cell("Sheet1", "A1").kind).toBe("empty");
  });
});

describe("FakeExcel: names, tables, structured references", () => {
  async function addSheet(name: string, init = ["Sheet1"]) {
    const fake = new FakeExcel({ sheets: init });
    fake.context.workbook.worksheets.add(name);
    await fake.context.sync();
    return fake;
  }

  it("refuses sheet names Excel refuses", async () => {
    await expect(addSheet("a:b")).rejects.toThrow("forbidden");
    await expect(addSheet("x".repeat(32))).rejects.toThrow("length");
    await expect(addSheet("'quoted")).rejects.toThrow("apostrophe");
    await expect(addSheet("history")).rejects.toThrow("reserved");
    await expect(addSheet("SHEET1")).rejects.toThrow(FakeExcelError);
  });

  async function nameTable(name: string, names: string[] = []) {
    const fake = new FakeExcel({ tables: [{ name: "Existing", sheet: "Sheet1", address: "D1:E2" }], names });
    const sheet = fake.context.workbook.worksheets.getItem("Sheet1");
    const table = sheet.tables.add(sheet.getRange("A1:B3"), true);
    table.name = name;
    await fake.context.sync();
    return fake;
  }

  it("refuses table names that are cell references, invalid or taken (by a table or a defined name)", async () => {
    await expect(nameTable("A1")).rejects.toThrow("not a valid table name");
    await expect(nameTable("R1C1")).rejects.toThrow("not a valid table name");
    await expect(nameTable("1abc")).rejects.toThrow("not a valid table name");
    await expect(nameTable("has space")).rejects.toThrow("not a valid table name");
    await expect(nameTable("EXISTING")).rejects.toThrow("exists");
    await expect(nameTable("Rates", ["rates"])).rejects.toThrow("exists");
    expect((await nameTable("AIC_ok_1")).table("AIC_ok_1").headers).toEqual(["Column1", "Column2"]);
  });

  it("refuses a structured reference to a header the table does not have, or outside a table", async () => {
    const fake = new FakeExcel();
    const sheet = fake.context.workbook.worksheets.getItem("Sheet1");
    sheet.getRange("A1:B1").values = [["Price", "EPS [E]"]];
    sheet.tables.add(sheet.getRange("A1:B3"), true);
    sheet.getRange("C2").formulas = [["=[@[Price]]*2"]];
    await expect(fake.context.sync()).rejects.toThrow("outside a table body");
    sheet.getRange("A2").formulas = [["=[@[EPS [E]]]"]];
    await expect(fake.context.sync()).rejects.toThrow(FakeExcelError);
    sheet.getRange("A2").formulas = [["=[@[EPS '[E']]]"]];
    await fake.context.sync();
    expect(fake.cell("Sheet1", "A2").formula).toBe("=[@[EPS '[E']]]");
  });

  it("refuses structured references in a conditional-format rule", async () => {
    const fake = new FakeExcel();
    const format = fake.context.workbook.worksheets.getItem("Sheet1").getRange("A2:A3").conditionalFormats.add("Custom");
    format.custom.rule.formula = "=[@[Price]]>1";
    await expect(fake.context.sync()).rejects.toThrow("not allowed in conditional formats");
  });
});

describe("FakeExcel: bytes both ways, single values, custom XML parts (issue 9)", () => {
  it("counts each sync's response: what its loads return, as UTF-8 JSON", async () => {
    const fake = new FakeExcel();
    const range = fake.context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
    range.values = [["华鑫", 1.5]];
    await fake.context.sync();
    range.load("values");
    await fake.context.sync();
    expect(fake.syncResponseBytes).toEqual([0, Buffer.byteLength(JSON.stringify([["华鑫", 1.5]]), "utf8")]);
  });

  it("fails a sync whose response is over 5 MB, as Excel on the web does", async () => {
    const fake = new FakeExcel();
    const sheet = fake.context.workbook.worksheets.getItem("Sheet1");
    sheet.getRange("A1:A60000").values = "x".repeat(100) as unknown as string[][];
    await fake.context.sync();
    sheet.getRange("A1:A60000").load("values");
    await expect(fake.context.sync()).rejects.toThrow("ResponsePayloadSizeLimitExceeded");
  });

  it("sets every cell of a range to one value assigned to values, formulas or numberFormat", async () => {
    const fake = new FakeExcel();
    const sheet = fake.context.workbook.worksheets.getItem("Sheet1");
    sheet.getRange("A1:B3").numberFormat = "@" as unknown as string[][];
    sheet.getRange("A1:B3").values = "=1+1" as unknown as string[][];
    sheet.getRange("C1:C3").formulas = "=A1" as unknown as string[][];
    await fake.context.sync();
    expect(fake.grid("Sheet1", "A1:B3", "value").flat()).toEqual(Array(6).fill("=1+1"));
    expect(fake.grid("Sheet1", "A1:B3", "kind").flat()).toEqual(Array(6).fill("text"));
    expect(fake.grid("Sheet1", "C1:C3", "formula").flat()).toEqual(["=A1", "=A1", "=A1"]);
    // The request carries the value once, whatever the range's size.
    expect(fake.syncPayloadBytes[0]).toBeLessThan(1000);
  });

  it("keeps custom XML parts: add (well-formed XML only), ids and namespaces after a sync, getXml, delete", async () => {
    const fake = new FakeExcel();
    const parts = fake.context.workbook.customXmlParts;
    const part = parts.add('<base xmlns="urn:test:1">AAAA</base>');
    part.load("id");
    expect(() => part.id).toThrow(PropertyNotLoadedError);
    expect(fake.customXmlParts).toEqual([]); // nothing happens before the sync
    await fake.context.sync();
    const id = part.id;
    const xml = parts.getItem(id).getXml();
    expect(() => xml.value).toThrow(PropertyNotLoadedError);
    const scoped = parts.getByNamespace("urn:test:1");
    scoped.load("items/id");
    await fake.context.sync();
    expect(xml.value).toBe('<base xmlns="urn:test:1">AAAA</base>');
    expect(scoped.items.map((p) => p.id)).toEqual([id]);
    parts.getItem(id).delete();
    const gone = parts.getItemOrNullObject(id);
    gone.load("isNullObject");
    await fake.context.sync();
    expect(gone.isNullObject).toBe(true);
    parts.add("<base>not closed");
    await expect(fake.context.sync()).rejects.toThrow("not well-formed");
  });
});
