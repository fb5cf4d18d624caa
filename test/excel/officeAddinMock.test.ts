/**
 * What office-addin-mock (v4) does and does not model, established against its source
 * (node_modules/office-addin-mock/src/officeMockObject.ts), and why the insert tests use the fake in
 * test/support/excelFake.ts instead. Plus runInsertPickList through a mocked Excel.run.
 */
// office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose main entry pulls in
// an ES-module-only dependency that jest on Node 20 cannot require; the enum's own file has no imports.
jest.mock("office-addin-manifest", () => jest.requireActual("office-addin-manifest/lib/officeApp"));
import { OfficeMockObject } from "office-addin-mock";
import { runInsertPickList } from "../../src/excel/insert";
import { FakeExcel } from "../support/excelFake";
import { huaxinList } from "./lists";

// Loosely typed on purpose: OfficeMockObject builds its properties at run time from the data given.
type Mock = OfficeMockObject & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function excelMock(): Mock {
  return new OfficeMockObject({
    context: {
      workbook: {
        range: { address: "A1:B2" },
        worksheets: { items: [{ name: "Sheet1" }] },
        worksheetsAdd(name: string) {
          return { name };
        },
      },
    },
  }) as Mock;
}

describe("office-addin-mock semantics", () => {
  it("an unloaded property reads as an error *string*: no exception, so a missing load only shows if a test looks", async () => {
    const mock = excelMock();
    const range = mock.context.workbook.range;
    expect(range.address).toBe("Error, property was not loaded");
    range.load("address");
    expect(range.address).toBe("Error, context.sync() was not called");
    await mock.context.sync();
    expect(range.address).toBe("A1:B2");
  });

  it("cannot load a collection's items the Office.js way (load('items/name'))", () => {
    const mock = excelMock();
    expect(() => mock.context.workbook.worksheets.load("items/name")).toThrow("Property name needs to be present");
  });

  it("does not track objects that methods return (worksheets.add, tables.add): no load/sync rules apply to them", () => {
    const mock = excelMock();
    const sheet = mock.context.workbook.worksheetsAdd("New");
    // Readable without any load or sync: real Office.js would throw PropertyNotLoaded here.
    expect(sheet.name).toBe("New");
  });

  it("has no request queue: a property set is visible at once, before any sync", () => {
    const mock = excelMock();
    mock.context.workbook.range.values = [[1]];
    expect(mock.context.workbook.range.values).toEqual([[1]]);
  });
});

describe("runInsertPickList", () => {
  const globals = globalThis as unknown as { Excel?: unknown };
  afterEach(() => {
    delete globals.Excel;
  });

  it("runs insertPickList inside Excel.run with the context Excel.run provides", async () => {
    const fake = new FakeExcel();
    const runs: unknown[] = [];
    // office-addin-mock stands in for the Excel namespace; its run hands the batch our strict fake context.
    globals.Excel = new OfficeMockObject({
      run: async (batch: (context: Excel.RequestContext) => Promise<unknown>) => {
        runs.push(batch);
        return batch(fake.requestContext);
      },
    });
    const result = await runInsertPickList(huaxinList(), { language: "zh" });
    expect(runs).toHaveLength(1);
    expect(result).toMatchObject({ tableName: "AIC_huaxin_2024_02_18_focus", rowCount: 17, syncCount: 3 });
    expect(fake.sheetNames()).toEqual(["Sheet1", "重点关注公司及盈利预测"]);
  });

  it("importing src/excel runs nothing: without an Excel global only calling it fails", async () => {
    expect(globals.Excel).toBeUndefined();
    await expect(runInsertPickList(huaxinList(), { language: "zh" })).rejects.toThrow(ReferenceError);
  });
});
