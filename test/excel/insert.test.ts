/**
 * insertPickList against the faithful Excel fake (test/support/excelFake.ts), with the Huaxin table
 * 重点关注公司及盈利预测 (华鑫证券, prices of 2024-02-18; assets/catalog/huaxin-2024-02-18-focus.json)
 * as the main test vector.
 */
import { insertPickList, PickListInsertError, type InsertResult } from "../../src/excel/insert";
import { DEFAULT_PAYLOAD_BUDGET_BYTES, EXCEL_REQUEST_PAYLOAD_LIMIT_BYTES } from "../../src/excel/chunks";
import { parsePickTableRecord, pickTableSettingKey } from "../../src/excel/workbookRecord";
import type { PickList } from "../../src/picks/types";
import { FakeExcel, FakeExcelError } from "../support/excelFake";
import { huaxinList, smallList, syntheticList } from "./lists";

const HUAXIN_SHEET = "重点关注公司及盈利预测";
const HUAXIN_TABLE = "AIC_huaxin_2024_02_18_focus";

async function insert(fake: FakeExcel, list: PickList, language: "zh" | "en" = "zh", onProgress?: (w: number, t: number) => void) {
  return insertPickList(fake.requestContext, list, { language, onProgress });
}

describe("insertPickList: Huaxin 重点关注公司及盈利预测 (zh)", () => {
  let fake: FakeExcel;
  let result: InsertResult;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    fake = new FakeExcel({ sheets: ["Sheet1"] });
    result = await insert(fake, huaxinList(), "zh", (w, t) => progress.push([w, t]));
  });

  it("returns the sheet, table, address, row count and three syncs", () => {
    expect(result).toEqual({
      sheetName: HUAXIN_SHEET,
      tableName: HUAXIN_TABLE,
      tableAddress: `'${HUAXIN_SHEET}'!A11:M28`,
      rowCount: 17,
      syncCount: 3,
    });
    expect(fake.syncCount).toBe(3);
    expect(fake.pendingCount).toBe(0);
    expect(progress).toEqual([[17, 17]]);
  });

  it("creates a worksheet holding a real table over A11:M28 with the localized headers", () => {
    expect(fake.sheetNames()).toEqual(["Sheet1", HUAXIN_SHEET]);
    const table = fake.table(HUAXIN_TABLE);
    expect(table.sheet.name).toBe(HUAXIN_SHEET);
    expect(fake.tableAddress(table)).toBe("A11:M28");
    expect(table.headers).toEqual([
      "代码",
      "名称",
      "股价",
      "EPS 2022",
      "EPS 2023E",
      "EPS 2024E",
      "PE 2022",
      "实时PE 2022",
      "PE 2023E",
      "实时PE 2023E",
      "PE 2024E",
      "实时PE 2024E",
      "投资评级",
    ]);
    expect(fake.activeSheet?.name).toBe(HUAXIN_SHEET);
  });

  it("writes the report's metadata above the table, as text", () => {
    expect(fake.grid(HUAXIN_SHEET, "A1:B9", "value")).toEqual([
      ["重点关注公司及盈利预测", null],
      ["券商", "华鑫证券"],
      ["报告", "Sora 开启视频生成领域新篇章，科技巨头加大 AI 芯片投入"],
      ["分析师", "宝幼琛, 任春阳"],
      ["报告日期", "2024-02-18"],
      ["股价日期", "2024-02-18"],
      ["表格", "重点关注公司及盈利预测"],
      ["资料来源", "资料来源: Wind, 华鑫证券研究 (注: 未评级公司盈利预测取自万得一致预期, 空格代表数据缺失)"],
      ["清单ID", "huaxin-2024-02-18-focus"],
    ]);
    // The dates stay text (a General cell would have turned "2024-02-18" into a date serial).
    expect(fake.cell(HUAXIN_SHEET, "B5").kind).toBe("text");
    expect(fake.grid(HUAXIN_SHEET, "A1:B9", "numberFormat").flat().every((f) => f === "@")).toBe(true);
    expect(fake.cell(HUAXIN_SHEET, "A1").bold).toBe(true);
    expect(fake.grid(HUAXIN_SHEET, "A10:M10", "kind").flat().every((k) => k === "empty")).toBe(true);
  });

  it("writes every row of the report: numbers as numbers, blanks as empty cells", () => {
    // Data columns in sheet order (H, J and L are the live P/E columns, checked below).
    const dataColumns: [string, string][] = [
      ["A", "ticker"],
      ["B", "name"],
      ["C", "price"],
      ["D", "eps_2022"],
      ["E", "eps_2023"],
      ["F", "eps_2024"],
      ["G", "pe_2022"],
      ["I", "pe_2023"],
      ["K", "pe_2024"],
      ["M", "rating"],
    ];
    huaxinList().rows.forEach((row, i) => {
      for (const [col, key] of dataColumns) {
        const cell = fake.cell(HUAXIN_SHEET, `${col}${12 + i}`);
        const expected = row[key];
        if (expected === null) expect(cell.kind).toBe("empty");
        else expect([cell.kind, cell.value]).toEqual([typeof expected === "number" ? "number" : "text", expected]);
      }
    });
    // Spot checks straight from the report: 海光信息 (row 16 of the table) and 寒武纪-U (last row).
    expect(fake.grid(HUAXIN_SHEET, "A27:G27", "value")).toEqual([["688041.SH", "海光信息", 76.72, 0.35, 0.52, 0.72, 116]]);
    expect(fake.grid(HUAXIN_SHEET, "I27:I27", "value")).toEqual([[148]]);
    expect(fake.grid(HUAXIN_SHEET, "K27:M27", "value")).toEqual([[106, null, "未评级"]]);
    expect(fake.grid(HUAXIN_SHEET, "A28:G28", "value")).toEqual([["688256.SH", "寒武纪-U", 115.4, -3.13, -2.06, -1.34, null]]);
    expect(fake.grid(HUAXIN_SHEET, "I28:I28", "value")).toEqual([[null]]);
    // 高新发展 has only 2022 figures: the estimate cells are empty, never 0.
    expect(fake.grid(HUAXIN_SHEET, "E12:F12", "kind")).toEqual([["empty", "empty"]]);
  });

  it("puts a live P/E beside each printed P/E (actual year and estimates), by structured reference", () => {
    expect(new Set(fake.grid(HUAXIN_SHEET, "H12:H28", "formula").flat())).toEqual(new Set(["=AIC.FWD_PE([@[股价]],[@[EPS 2022]])"]));
    expect(new Set(fake.grid(HUAXIN_SHEET, "J12:J28", "formula").flat())).toEqual(new Set(["=AIC.FWD_PE([@[股价]],[@[EPS 2023E]])"]));
    expect(new Set(fake.grid(HUAXIN_SHEET, "L12:L28", "formula").flat())).toEqual(new Set(["=AIC.FWD_PE([@[股价]],[@[EPS 2024E]])"]));
    expect(fake.grid(HUAXIN_SHEET, "A12:M12", "kind").flat().filter((k) => k === "formula")).toHaveLength(3);
  });

  it("sets the number formats: text @, price/EPS 0.00, P/E (printed and live) 0.0", () => {
    const expected = ["@", "@", "0.00", "0.00", "0.00", "0.00", "0.0", "0.0", "0.0", "0.0", "0.0", "0.0", "@"];
    for (const row of fake.grid(HUAXIN_SHEET, "A12:M28", "numberFormat")) expect(row).toEqual(expected);
    expect(fake.grid(HUAXIN_SHEET, "A11:M11", "numberFormat")[0].every((f) => f === "@")).toBe(true);
  });

  it("highlights a live P/E more than 5% away from the printed one, with a guarded formula rule", () => {
    expect(
      fake.conditionalFormats.map((c) => ({ sheet: c.sheet.name, address: c.address, type: c.type, formula: c.formula, fill: c.fillColor, font: c.fontColor })),
    ).toEqual([
      {
        sheet: HUAXIN_SHEET,
        address: "H12:H28",
        type: "Custom",
        formula: "=AND(ISNUMBER(H12),ISNUMBER(G12),IFERROR(ABS(H12/G12-1)>0.05,FALSE))",
        fill: "#FFC7CE",
        font: "#9C0006",
      },
      {
        sheet: HUAXIN_SHEET,
        address: "J12:J28",
        type: "Custom",
        formula: "=AND(ISNUMBER(J12),ISNUMBER(I12),IFERROR(ABS(J12/I12-1)>0.05,FALSE))",
        fill: "#FFC7CE",
        font: "#9C0006",
      },
      {
        sheet: HUAXIN_SHEET,
        address: "L12:L28",
        type: "Custom",
        formula: "=AND(ISNUMBER(L12),ISNUMBER(K12),IFERROR(ABS(L12/K12-1)>0.05,FALSE))",
        fill: "#FFC7CE",
        font: "#9C0006",
      },
    ]);
    // The rule's second reference is the printed P/E of the same year: G = PE 2022, I = PE 2023E, K = PE 2024E.
    expect(fake.grid(HUAXIN_SHEET, "G11:L11", "value")).toEqual([["PE 2022", "实时PE 2022", "PE 2023E", "实时PE 2023E", "PE 2024E", "实时PE 2024E"]]);
  });

  it("batches: names read in sync 1, everything written in sync 2, the record in sync 3", () => {
    const bySync = (n: number) => fake.writes.filter((w) => w.sync === n).map((w) => `${w.kind} ${w.address ?? ""}`.trim());
    expect(bySync(1)).toEqual([]);
    expect(bySync(2)).toEqual([
      "worksheets.add",
      "range.numberFormat A1:B9",
      "range.values A1:B9",
      "font.bold A1",
      "range.numberFormat A11:M11",
      "range.values A11:M11",
      "tables.add A11:M28",
      "table.name",
      ...["H", "J", "L"].flatMap((c) => [
        `conditionalFormats.add ${c}12:${c}28`,
        `conditionalFormat.rule.formula ${c}12:${c}28`,
        `conditionalFormat.fill.color ${c}12:${c}28`,
        `conditionalFormat.font.color ${c}12:${c}28`,
      ]),
      // One number format per column and one live P/E formula per column, each a single value.
      ..."ABCDEFGHIJKLM".split("").map((c) => `range.numberFormat ${c}12:${c}28`),
      "range.formulas H12:H28",
      "range.formulas J12:J28",
      "range.formulas L12:L28",
      "range.values A12:G28",
      "range.values I12:I28",
      "range.values K12:K28",
      "range.values M12:M28",
      // The merge base (src/excel/base.ts), with the last rows.
      "customXmlParts.add",
    ]);
    expect(fake.writes.filter((w) => w.kind === "range.formulas").map((w) => w.data)).toEqual([
      "=AIC.FWD_PE([@[股价]],[@[EPS 2022]])",
      "=AIC.FWD_PE([@[股价]],[@[EPS 2023E]])",
      "=AIC.FWD_PE([@[股价]],[@[EPS 2024E]])",
    ]);
    expect(bySync(3)).toEqual(["settings.add", "format.autofitColumns A11:M28", "worksheet.activate"]);
    for (const bytes of fake.syncPayloadBytes) expect(bytes).toBeLessThan(DEFAULT_PAYLOAD_BUDGET_BYTES);
  });

  it("records list id, table and sheet ids and every column key for a later refresh", () => {
    const table = fake.table(HUAXIN_TABLE);
    const record = parsePickTableRecord(fake.settings.get(pickTableSettingKey(table.id)));
    expect(record).not.toBeNull();
    expect(record).toMatchObject({
      listId: "huaxin-2024-02-18-focus",
      language: "zh",
      tableId: table.id,
      tableName: HUAXIN_TABLE,
      sheetId: fake.sheet(HUAXIN_SHEET).id,
      sheetName: HUAXIN_SHEET,
      source: { broker: "华鑫证券", reportDate: "2024-02-18", priceDate: "2024-02-18" },
    });
    expect(record?.columns.map((c) => c.key)).toEqual([
      "ticker",
      "name",
      "price",
      "eps_2022",
      "eps_2023",
      "eps_2024",
      "pe_2022",
      "fwd_pe_2022",
      "pe_2023",
      "fwd_pe_2023",
      "pe_2024",
      "fwd_pe_2024",
      "rating",
    ]);
    // The record's headers are exactly the table's: header text maps back to a key.
    expect(record?.columns.map((c) => c.header)).toEqual(table.headers);
  });
});

describe("insertPickList: language en", () => {
  it("writes English headers, labels and broker, and formulas that reference the English headers", async () => {
    const fake = new FakeExcel();
    const result = await insert(fake, huaxinList(), "en");
    // Cut at Excel's 31 characters.
    expect(result.sheetName).toBe("Companies in focus and earnings");
    expect(result.sheetName).toHaveLength(31);
    const sheet = result.sheetName;
    expect(fake.grid(sheet, "A11:M11", "value")[0]).toEqual([
      "Ticker",
      "Name",
      "Price",
      "EPS 2022",
      "EPS 2023E",
      "EPS 2024E",
      "P/E 2022",
      "Live P/E 2022",
      "P/E 2023E",
      "Live P/E 2023E",
      "P/E 2024E",
      "Live P/E 2024E",
      "Rating",
    ]);
    expect(fake.grid(sheet, "A1:B2", "value")).toEqual([
      ["Companies in focus and earnings forecasts", null],
      ["Broker", "Huaxin Securities"],
    ]);
    expect(fake.cell(sheet, "J12").formula).toBe("=AIC.FWD_PE([@[Price]],[@[EPS 2023E]])");
    expect(fake.cell(sheet, "L28").formula).toBe("=AIC.FWD_PE([@[Price]],[@[EPS 2024E]])");
  });
});

describe("insertPickList: text stays text", () => {
  const hostile = ['=HYPERLINK("http://example.com","x")', "+1", "-2", "@x", "=1+1", "000628", "2024-02-18", "1E5"];

  it("writes names starting with = + - @ (and numeric-looking text) as text, never as formulas or numbers", async () => {
    const fake = new FakeExcel();
    const list = smallList(hostile.map((name, i) => ({ ticker: `00000${i}.SZ`, name, price: 1 + i })));
    const { sheetName } = await insert(fake, list);
    const names = fake.grid(sheetName, `B12:B${11 + hostile.length}`, "value").map((r) => r[0]);
    expect(names).toEqual(hostile);
    expect(new Set(fake.grid(sheetName, `B12:B${11 + hostile.length}`, "kind").flat())).toEqual(new Set(["text"]));
    expect(fake.grid(sheetName, "C12:C13", "value")).toEqual([[1], [2]]);
  });

  it("keeps text found in a number column literal (apostrophe prefix), and hostile headers and titles as text", async () => {
    const fake = new FakeExcel();
    const list = smallList([{ ticker: "000001.SZ", name: "平安银行", price: "=1+1" }], {
      title: { zh: "=cmd|'/C calc'!A0", en: "x" },
    });
    list.columns[1].label.zh = "@名称";
    const { sheetName } = await insert(fake, list);
    expect(fake.cell(sheetName, "C12")).toMatchObject({ kind: "text", value: "=1+1", quotePrefix: true });
    expect(fake.cell(sheetName, "B11")).toMatchObject({ kind: "text", value: "@名称" });
    expect(fake.cell(sheetName, "A1")).toMatchObject({ kind: "text", value: "=cmd|'/C calc'!A0" });
    // Only "/" is illegal here; "=", "|", "!" and an inner apostrophe are allowed in a sheet name.
    expect(sheetName).toBe("=cmd|' C calc'!A0");
  });
});

describe("insertPickList: names", () => {
  it("adds suffixes when the sheet, table and a defined name are taken (case-insensitively)", async () => {
    const fake = new FakeExcel({
      sheets: ["Sheet1", HUAXIN_SHEET],
      tables: [{ name: HUAXIN_TABLE.toLowerCase(), sheet: "Sheet1", address: "A1:B2" }],
      names: ["AIC_HUAXIN_2024_02_18_FOCUS_2"],
    });
    const result = await insert(fake, huaxinList());
    expect(result.sheetName).toBe(`${HUAXIN_SHEET} (2)`);
    expect(result.tableName).toBe(`${HUAXIN_TABLE}_3`);
    expect(fake.table(`${HUAXIN_TABLE}_3`).sheet.name).toBe(`${HUAXIN_SHEET} (2)`);
  });

  it("inserting the same list twice gives two tables, each found by its own record", async () => {
    const fake = new FakeExcel();
    const first = await insert(fake, huaxinList());
    const second = await insert(fake, huaxinList());
    expect([first.sheetName, second.sheetName]).toEqual([HUAXIN_SHEET, `${HUAXIN_SHEET} (2)`]);
    expect([first.tableName, second.tableName]).toEqual([HUAXIN_TABLE, `${HUAXIN_TABLE}_2`]);
    const records = [...fake.settings.values()].map((v) => parsePickTableRecord(v));
    expect(records.map((r) => [r?.tableName, r?.sheetName])).toEqual([
      [HUAXIN_TABLE, HUAXIN_SHEET],
      [`${HUAXIN_TABLE}_2`, `${HUAXIN_SHEET} (2)`],
    ]);
  });

  it("cleans invalid characters out of a title for the sheet name, and shortens a long one with its suffix", async () => {
    // The cleaned, cut name (31 chars) is already taken, in another case.
    const fake = new FakeExcel({ sheets: ["ai 算力 重点 2024 清单' x 华鑫证券 重点关注公司"] });
    const list = huaxinList();
    list.title.zh = "'AI/算力: [重点]*2024?\\清单' x 华鑫证券 重点关注公司及盈利预测";
    const result = await insert(fake, list);
    // Forbidden characters became spaces, the leading apostrophe went, the inner one stays (it is allowed).
    expect(result.sheetName).toBe("AI 算力 重点 2024 清单' x 华鑫证券 重点 (2)");
    expect(result.sheetName.length).toBeLessThanOrEqual(31);
  });

  it("escapes ' [ ] # of header names inside structured references", async () => {
    const fake = new FakeExcel();
    const list = huaxinList();
    list.columns[2].label.zh = "Px [HKD] #1's";
    list.columns[4].label.zh = "EPS '23 [E]";
    const { sheetName } = await insert(fake, list);
    // The fake resolves each reference against the table's headers, so a wrong escape would fail the insert.
    expect(fake.cell(sheetName, "J12").formula).toBe("=AIC.FWD_PE([@[Px '[HKD'] '#1''s]],[@[EPS ''23 '[E']]])");
  });

  it("makes repeated labels unique, including a list label that equals a live P/E header", async () => {
    const fake = new FakeExcel();
    const list = huaxinList();
    list.columns[9].label.zh = "实时PE 2023E";
    list.columns[1].label.zh = "代码";
    const { sheetName, tableName } = await insert(fake, list);
    expect(fake.table(tableName).headers).toEqual([
      "代码",
      "代码 (2)",
      "股价",
      "EPS 2022",
      "EPS 2023E",
      "EPS 2024E",
      "PE 2022",
      "实时PE 2022",
      "PE 2023E",
      "实时PE 2023E",
      "PE 2024E",
      "实时PE 2024E",
      "实时PE 2023E (2)",
    ]);
    expect(fake.cell(sheetName, "B11").value).toBe("代码 (2)");
  });

  it("without a price column adds no live P/E column and no rule", async () => {
    const fake = new FakeExcel();
    const list = huaxinList();
    list.columns = list.columns.filter((c) => c.kind !== "price");
    const { tableName, tableAddress } = await insert(fake, list);
    expect(fake.table(tableName).headers).toHaveLength(9);
    expect(tableAddress.endsWith("!A11:I28")).toBe(true);
    expect(fake.conditionalFormats).toEqual([]);
  });
});

describe("insertPickList: large lists go in chunks under the payload budget", () => {
  const ROWS = 50_000;
  let fake: FakeExcel;
  let result: InsertResult;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    fake = new FakeExcel();
    result = await insert(fake, syntheticList(ROWS), "zh", (w, t) => progress.push([w, t]));
  }, 60_000);

  it("splits 50,000 rows into more than one chunk, one sync each: 2 + chunks syncs", () => {
    const chunkWrites = fake.writes.filter((w) => w.kind === "range.values" && w.address?.startsWith("A") && w.address !== "A1:B9" && w.address !== "A11:M11");
    const chunks = chunkWrites.length;
    expect(chunks).toBeGreaterThan(1);
    expect(result.syncCount).toBe(2 + chunks);
    expect(fake.syncCount).toBe(2 + chunks);
    // Each chunk is its own sync, the first one with the sheet and table (sync 2).
    expect(chunkWrites.map((w) => w.sync)).toEqual(Array.from({ length: chunks }, (_, i) => 2 + i));
    expect(progress).toHaveLength(chunks);
    expect(progress[progress.length - 1]).toEqual([ROWS, ROWS]);
    for (let i = 1; i < progress.length; i++) expect(progress[i][0]).toBeGreaterThan(progress[i - 1][0]);
  });

  it("covers every row exactly once, in order, and keeps each request under the budget", () => {
    const ranges = fake.writes
      .filter((w) => w.kind === "range.values" && w.address?.startsWith("A") && w.address !== "A1:B9" && w.address !== "A11:M11")
      .map((w) => /^A(\d+):G(\d+)$/.exec(w.address as string)?.slice(1).map(Number) as number[]);
    expect(ranges[0][0]).toBe(12);
    expect(ranges[ranges.length - 1][1]).toBe(11 + ROWS);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBe(ranges[i - 1][1] + 1);
    for (const bytes of fake.syncPayloadBytes) {
      expect(bytes).toBeLessThan(DEFAULT_PAYLOAD_BUDGET_BYTES);
      expect(bytes).toBeLessThan(EXCEL_REQUEST_PAYLOAD_LIMIT_BYTES);
    }
  });

  it("lands the last row and its formulas, and one table over all rows", () => {
    const last = syntheticList(ROWS).rows[ROWS - 1];
    expect(fake.grid(result.sheetName, `A${11 + ROWS}:C${11 + ROWS}`, "value")).toEqual([[last.ticker, last.name, last.price]]);
    expect(fake.cell(result.sheetName, `L${11 + ROWS}`).formula).toBe("=AIC.FWD_PE([@[股价]],[@[EPS 2024E]])");
    expect(fake.tableAddress(fake.table(result.tableName))).toBe(`A11:M${11 + ROWS}`);
    expect(fake.conditionalFormats.map((c) => c.address)).toEqual([`H12:H${11 + ROWS}`, `J12:J${11 + ROWS}`, `L12:L${11 + ROWS}`]);
  });

  it("a sync that fails mid-way removes the half-written sheet and leaves no record", async () => {
    const failing = new FakeExcel();
    failing.failSync = { n: 3, error: new FakeExcelError("GeneralException", "connection lost") };
    await expect(insert(failing, syntheticList(ROWS))).rejects.toThrow("connection lost");
    expect(failing.sheetNames()).toEqual(["Sheet1"]);
    expect(failing.tables).toEqual([]);
    expect(failing.settings.size).toBe(0);
  }, 60_000);
});

describe("insertPickList: bad input writes nothing", () => {
  const cases: [string, (list: PickList) => void][] = [
    ["no ticker column", (l) => (l.columns = l.columns.filter((c) => c.kind !== "ticker"))],
    ["no columns", (l) => (l.columns = [])],
    ["a repeated column key", (l) => (l.columns[1].key = "ticker")],
    ["a non-finite number", (l) => (l.rows[0].price = Number.NaN)],
    ["a cell that is an object", (l) => ((l.rows[0] as Record<string, unknown>).name = { evil: true })],
    ["a row that is not an object", (l) => ((l.rows as unknown[])[0] = null)],
  ];
  it.each(cases)("%s: rejects before the first sync", async (_, spoil) => {
    const fake = new FakeExcel();
    const list = huaxinList();
    spoil(list);
    await expect(insert(fake, list)).rejects.toBeInstanceOf(PickListInsertError);
    expect(fake.syncCount).toBe(0);
    expect(fake.pendingCount).toBe(0);
    expect(fake.writes).toEqual([]);
    expect(fake.sheetNames()).toEqual(["Sheet1"]);
  });

  it("a row too large for any request is refused before the first sync", async () => {
    const fake = new FakeExcel();
    const list = smallList([{ ticker: "000001.SZ", name: "x".repeat(DEFAULT_PAYLOAD_BUDGET_BYTES), price: 1 }]);
    await expect(insert(fake, list)).rejects.toThrow(RangeError);
    expect(fake.syncCount).toBe(0);
    expect(fake.writes).toEqual([]);
  });

  it("a failure in the first write leaves the workbook as it was", async () => {
    const fake = new FakeExcel();
    fake.failSync = { n: 2, error: new FakeExcelError("GeneralException", "boom") };
    await expect(insert(fake, huaxinList())).rejects.toThrow("boom");
    expect(fake.sheetNames()).toEqual(["Sheet1"]);
    expect(fake.settings.size).toBe(0);
  });

  it("an empty list still makes a table (header + one blank row) and a record", async () => {
    const fake = new FakeExcel();
    const result = await insert(fake, smallList([]));
    expect(result).toMatchObject({ rowCount: 0, syncCount: 3, tableAddress: "'小清单'!A11:C12" });
    expect(fake.grid(result.sheetName, "A12:C12", "kind")).toEqual([["empty", "empty", "empty"]]);
    expect(fake.settings.size).toBe(1);
  });
});
