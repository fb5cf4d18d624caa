import {
  cleanSheetName,
  cleanTableName,
  escapeStructuredReferenceColumn,
  isCellReferenceLike,
  uniqueHeaders,
  uniqueSheetName,
  uniqueTableName,
} from "../../src/excel/names";
import { columnLetters, qualifiedAddress, rangeAddress } from "../../src/excel/a1";

describe("sheet names", () => {
  it.each([
    ["华鑫证券 重点关注公司及盈利预测", "华鑫证券 重点关注公司及盈利预测"],
    ["a:b\\c/d?e*f[g]h", "a b c d e f g h"],
    ["  'quoted'  ", "quoted"],
    ["''''", "fallback-id"],
    ["tab\there\nnewline", "tab here newline"],
    ["x".repeat(40), "x".repeat(31)],
    [`${"y".repeat(30)} z`, "y".repeat(30)],
    [`${"w".repeat(30)}'z`, "w".repeat(30)],
  ])("cleanSheetName(%j) = %j", (title, expected) => {
    expect(cleanSheetName(title, "fallback-id")).toBe(expected);
  });

  it.each([
    // Minsheng 民生证券 2024-02-25's list title, 35 characters: cut before the word it would split.
    ["Huawei Ascend all-in-one machines", "Huawei Ascend all-in-one"],
    ["Domestic computing power: servers and switches", "Domestic computing power"],
    ["Companies in focus and earnings forecasts", "Companies in focus and earnings"],
    ["AI applications going overseas (week 8)", "AI applications going overseas"],
    // One word longer than the limit: cut at a character.
    ["Supercalifragilisticexpialidociousness", "Supercalifragilisticexpialidoci"],
    // Chinese has no blanks: cut at a character.
    ["华鑫证券 重点关注公司及盈利预测与投资评级以及本周计算机板块个股涨幅前五名", "华鑫证券 重点关注公司及盈利预测与投资评级以及本周计算机板块个"],
  ])("cuts %j at a word or character boundary: %j", (title, expected) => {
    const name = cleanSheetName(title);
    expect(name).toBe(expected);
    expect(name.length).toBeLessThanOrEqual(31);
  });

  it("keeps the suffix of a taken name at a word boundary too, within 31", () => {
    const base = cleanSheetName("Huawei Ascend all-in-one machines");
    expect(uniqueSheetName(base, [base])).toBe("Huawei Ascend all-in-one (2)");
    const long = cleanSheetName("Companies in focus and earnings forecasts");
    expect(uniqueSheetName(long, [long])).toBe("Companies in focus and (2)");
    expect(uniqueSheetName(long, [long, "Companies in focus and (2)"])).toBe("Companies in focus and (3)");
  });

  it("never splits a surrogate pair when cutting at 31", () => {
    const name = cleanSheetName(`${"a".repeat(30)}😀`);
    expect(name).toBe("a".repeat(30));
  });

  it("falls back to Picks when title and fallback clean to nothing", () => {
    expect(cleanSheetName("[]", "::")).toBe("Picks");
  });

  it("adds (2), (3) case-insensitively and keeps within 31 characters", () => {
    expect(uniqueSheetName("Picks", ["picks"])).toBe("Picks (2)");
    expect(uniqueSheetName("Picks", ["PICKS", "Picks (2)"])).toBe("Picks (3)");
    const long = "L".repeat(31);
    expect(uniqueSheetName(long, [long])).toBe(`${"L".repeat(27)} (2)`);
    expect(uniqueSheetName("History", [])).toBe("History (2)");
  });
});

describe("table names", () => {
  it.each(["A1", "a1", "XFD1048576", "AB12", "R1C1", "RC", "R", "C", "r10", "C3", "R2C"])("%s reads as a cell reference", (name) => {
    expect(isCellReferenceLike(name)).toBe(true);
  });
  it.each(["AIC_x", "ABCD1", "_A1", "Rates", "Table1"])("%s does not", (name) => {
    expect(isCellReferenceLike(name)).toBe(false);
  });

  it.each([
    ["AIC_huaxin-2024-02-18-focus", "AIC_huaxin_2024_02_18_focus"],
    ["2024 list", "_2024_list"],
    ["A1", "_A1"],
    ["R1C1", "_R1C1"],
    ["名单", "_Picks"],
  ])("cleanTableName(%j) = %j", (raw, expected) => {
    expect(cleanTableName(raw)).toBe(expected);
  });

  it("adds _2, _3 against tables and defined names, case-insensitively", () => {
    expect(uniqueTableName("AIC_x", ["aic_x"])).toBe("AIC_x_2");
    expect(uniqueTableName("AIC_x", ["AIC_X", "aic_x_2"])).toBe("AIC_x_3");
    expect(uniqueTableName("AIC_x", ["Other"])).toBe("AIC_x");
  });
});

describe("headers and structured references", () => {
  it("escapes ' [ ] # with an apostrophe and nothing else", () => {
    expect(escapeStructuredReferenceColumn("Px [HKD] #1's")).toBe("Px '[HKD'] '#1''s");
    expect(escapeStructuredReferenceColumn("EPS 2023E")).toBe("EPS 2023E");
    expect(escapeStructuredReferenceColumn("P/E, @ & +")).toBe("P/E, @ & +");
  });

  it("makes headers unique case-insensitively and fills blanks with the key", () => {
    expect(uniqueHeaders(["Name", "name", "NAME", " ", "Price"], ["a", "b", "c", "d", "e"])).toEqual([
      "Name",
      "name (2)",
      "NAME (3)",
      "d",
      "Price",
    ]);
  });
});

describe("A1 addresses", () => {
  it.each([
    [0, "A"],
    [25, "Z"],
    [26, "AA"],
    [701, "ZZ"],
    [702, "AAA"],
    [16383, "XFD"],
  ])("column %i is %s", (index, letters) => {
    expect(columnLetters(index)).toBe(letters);
  });

  it("builds ranges and quoted sheet addresses", () => {
    expect(rangeAddress(10, 0, 18, 12)).toBe("A11:L28");
    expect(rangeAddress(0, 0, 1, 1)).toBe("A1");
    expect(qualifiedAddress("Bob's picks", "A1:B2")).toBe("'Bob''s picks'!A1:B2");
    expect(() => columnLetters(16384)).toThrow(RangeError);
  });
});
