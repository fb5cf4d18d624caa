/**
 * insertComparison against the Excel fake, on the whole bundled catalog (both notes). Vectors from
 * Huaxin 重点关注公司及盈利预测 (华鑫证券, 2024-02-18) and Minsheng 表5 重点关注个股 (民生证券, 2024-02-23);
 * the live P/E cells are evaluated with the real AIC.FWD_PE by the formula oracle.
 */
import { insertComparison, planCompareSheet, CompareSheetError, type CompareSheetResult } from "../../src/excel/compareSheet";
import { compareLists, type Comparison } from "../../src/picks/compare";
import type { PickList } from "../../src/picks/types";
import { FakeExcel, FakeExcelError } from "../support/excelFake";
import { FormulaOracle } from "../support/formulaOracle";
import { byId, catalogLists, HUAXIN_FOCUS, MINSHENG_TABLE5 } from "./catalog";

const SHEET = "券商对比";

const ZH_HEADERS = [
  "代码",
  "名称",
  "清单",
  "华鑫证券 投资评级",
  "华鑫证券 EPS 2022",
  "华鑫证券 EPS 2023E",
  "华鑫证券 EPS 2024E",
  "民生证券 EPS 2020",
  "民生证券 EPS 2021",
  "民生证券 EPS 2022",
  "EPS 分歧 2022",
  "股价",
  "股价日期",
  "实时PE 2023E 华鑫证券",
  "实时PE 2024E 华鑫证券",
];

describe("insertComparison: the whole catalog (zh)", () => {
  let lists: PickList[];
  let comparison: Comparison;
  let fake: FakeExcel;
  let result: CompareSheetResult;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    lists = await catalogLists();
    comparison = compareLists(lists);
    fake = new FakeExcel({ sheets: ["Sheet1"] });
    result = await insertComparison(fake.requestContext, comparison, { language: "zh", onProgress: (w, t) => progress.push([w, t]) });
  });

  it("writes a real table A5:O57 in two syncs: 1 read, 1 write", () => {
    expect(result).toEqual({
      sheetName: SHEET,
      tableName: "AIC_Compare",
      tableAddress: `'${SHEET}'!A5:O57`,
      rowCount: 52,
      sharedCount: 5,
      syncCount: 2,
    });
    expect(fake.syncCount).toBe(2);
    expect(fake.pendingCount).toBe(0);
    expect(progress).toEqual([[52, 52]]);
    const table = fake.table("AIC_Compare");
    expect(table.sheet.name).toBe(SHEET);
    expect(fake.tableAddress(table)).toBe("A5:O57");
    expect(table.headers).toEqual(ZH_HEADERS);
    expect(fake.activeSheet?.name).toBe(SHEET);
  });

  it("puts the five shared tickers first, each with its lists, ratings and EPS", () => {
    expect(fake.grid(SHEET, "A6:B10", "value")).toEqual([
      ["000628.SZ", "高新发展"],
      ["000977.SZ", "浪潮信息"],
      ["002230.SZ", "科大讯飞"],
      ["688041.SH", "海光信息"],
      ["688256.SH", expect.stringMatching(/^寒武纪/)],
    ]);
    // 科大讯飞: Huaxin 买入, EPS 0.24 / 0.45 / 0.65; Minsheng 表5 0.64 / 0.70 / 0.24; spread 0; price 46.33 (2024-02-23).
    expect(fake.grid(SHEET, "D8:M8", "value")).toEqual([["买入", 0.24, 0.45, 0.65, 0.64, 0.7, 0.24, 0, 46.33, "2024-02-23"]]);
    // 浪潮信息: 1.57 against 1.39 → 0.18.
    expect(fake.cell(SHEET, "K7").value).toBe(0.18);
    // 高新发展: Huaxin estimates missing, no Minsheng EPS, no spread: empty cells, never 0.
    expect(fake.grid(SHEET, "F6:K6", "kind")).toEqual([["empty", "empty", "empty", "empty", "empty", "empty"]]);
    // The lists naming it, by broker and list title, in catalog order.
    expect(fake.cell(SHEET, "C8").value).toBe("华鑫证券 AI 应用; 华鑫证券 重点关注公司及盈利预测; 民生证券 华为昇腾一体机; 民生证券 重点关注个股");
  });

  it("writes text cells as text ('@' before the value) and numbers with the layout's formats", () => {
    expect(fake.grid(SHEET, "A6:D6", "kind")).toEqual([["text", "text", "text", "text"]]);
    expect(fake.grid(SHEET, "M6:M6", "kind")).toEqual([["text"]]); // the price date stays ISO text
    const formats = fake.grid(SHEET, "A6:O6", "numberFormat")[0];
    expect(formats).toEqual(["@", "@", "@", "@", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "@", "0.0", "0.0"]);
    const numberFormatWrites = fake.writes.filter((w) => w.kind === "range.numberFormat" && w.address === "A6:O57");
    const valueWrites = fake.writes.filter((w) => w.kind === "range.values" && w.address === "A6:M57");
    expect(numberFormatWrites).toHaveLength(1);
    expect(valueWrites).toHaveLength(1);
    expect(fake.writes.indexOf(numberFormatWrites[0])).toBeLessThan(fake.writes.indexOf(valueWrites[0]));
  });

  it("puts a live =AIC.FWD_PE(price, broker EPS) per estimate year, evaluated by the real function", () => {
    expect(new Set(fake.grid(SHEET, "N6:N57", "formula").flat())).toEqual(new Set(["=AIC.FWD_PE([@[股价]],[@[华鑫证券 EPS 2023E]])"]));
    expect(new Set(fake.grid(SHEET, "O6:O57", "formula").flat())).toEqual(new Set(["=AIC.FWD_PE([@[股价]],[@[华鑫证券 EPS 2024E]])"]));
    const oracle = new FormulaOracle(fake);
    oracle.calculate(SHEET);
    // 科大讯飞: 46.33 (Minsheng, 2024-02-23) ÷ Huaxin 2023E 0.45 and 2024E 0.65.
    expect(fake.cell(SHEET, "N8").value).toBeCloseTo(46.33 / 0.45, 10);
    expect(fake.cell(SHEET, "O8").value).toBeCloseTo(46.33 / 0.65, 10);
    // 高新发展: no 2023E forecast → #N/A; 寒武纪: negative EPS (−2.06) → #NUM!.
    expect(fake.cell(SHEET, "N6").value).toBe("#N/A");
    expect(fake.cell(SHEET, "N10").value).toBe("#NUM!");
  });
});

describe("insertComparison: other cases", () => {
  let lists: PickList[];
  beforeAll(async () => {
    lists = await catalogLists();
  });

  it("localizes headers in English (brokers by their English names)", async () => {
    const fake = new FakeExcel();
    const comparison = compareLists([byId(lists, HUAXIN_FOCUS), byId(lists, MINSHENG_TABLE5)]);
    const result = await insertComparison(fake.requestContext, comparison, { language: "en" });
    expect(result.sheetName).toBe("Broker comparison");
    expect(fake.table(result.tableName).headers).toEqual([
      "Ticker",
      "Name",
      "Lists",
      "Huaxin Securities Rating",
      "Huaxin Securities EPS 2022",
      "Huaxin Securities EPS 2023E",
      "Huaxin Securities EPS 2024E",
      "Minsheng Securities EPS 2020",
      "Minsheng Securities EPS 2021",
      "Minsheng Securities EPS 2022",
      "EPS spread 2022",
      "Price",
      "Price date",
      "Live P/E 2023E Huaxin Securities",
      "Live P/E 2024E Huaxin Securities",
    ]);
    expect(result.sharedCount).toBe(2); // 科大讯飞 and 浪潮信息 are the only tickers in both tables
  });

  it("sends rows in chunks under the payload budget: 1 + chunk count syncs, same cells", async () => {
    const comparison = compareLists(lists);
    const small = new FakeExcel();
    const result = await insertComparison(small.requestContext, comparison, { language: "zh", payloadBudgetBytes: 12_000 });
    expect(result.syncCount).toBeGreaterThan(2);
    expect(small.syncCount).toBe(result.syncCount);
    const whole = new FakeExcel();
    await insertComparison(whole.requestContext, comparison, { language: "zh" });
    for (const field of ["value", "formula", "numberFormat"] as const) {
      expect(small.grid(SHEET, "A1:O57", field)).toEqual(whole.grid(SHEET, "A1:O57", field));
    }
  });

  it("keeps text from outside as text: a name such as =1+1 is never a formula", async () => {
    const huaxin = byId(lists, HUAXIN_FOCUS);
    const hostile: PickList = { ...huaxin, rows: [{ ...huaxin.rows[0], name: "=HYPERLINK(\"http://x\")" }] };
    const fake = new FakeExcel();
    await insertComparison(fake.requestContext, compareLists([hostile]), { language: "zh" });
    expect(fake.cell(SHEET, "B6")).toMatchObject({ kind: "text", value: '=HYPERLINK("http://x")', formula: null });
  });

  it("makes the sheet and table names unique when a comparison exists already", async () => {
    const fake = new FakeExcel();
    const comparison = compareLists(lists);
    await insertComparison(fake.requestContext, comparison, { language: "zh" });
    const second = await insertComparison(fake.requestContext, comparison, { language: "zh" });
    expect([second.sheetName, second.tableName]).toEqual([`${SHEET} (2)`, "AIC_Compare_2"]);
  });

  it("removes the sheet it created when a write fails", async () => {
    const fake = new FakeExcel();
    fake.failSync = { n: 2, error: new FakeExcelError("GeneralException", "dropped") };
    await expect(insertComparison(fake.requestContext, compareLists(lists), { language: "zh" })).rejects.toThrow("dropped");
    expect(fake.sheetNames()).toEqual(["Sheet1"]);
  });

  it("refuses an empty comparison before sending anything", async () => {
    const fake = new FakeExcel();
    await expect(insertComparison(fake.requestContext, compareLists([]), { language: "zh" })).rejects.toThrow(CompareSheetError);
    expect(fake.syncCount).toBe(0);
    expect(() => planCompareSheet(compareLists([]), "zh")).toThrow("nothing to compare");
  });
});
