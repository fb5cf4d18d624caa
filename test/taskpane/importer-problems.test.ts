/** The importer's problem codes in both languages (src/taskpane/messages/importer-problems.ts) and in the CLI's English. */
import { problem, problemText, type ProblemCode, type ProblemDetail } from "../../src/picks/importer/problems";
import { importProblemMessage, importProblemText, problemPlace, refusalHeadline } from "../../src/taskpane/messages/importer-problems";

/** One example per code: a missing code is a type error here. */
const EXAMPLES: { [C in ProblemCode]: Extract<ProblemDetail, { code: C }> } = {
  "too-large": { code: "too-large", chars: 9_000_000, max: 8_000_000 },
  "not-text": { code: "not-text", failure: "binary" },
  "importer-failed": { code: "importer-failed", message: "boom" },
  "no-date": { code: "no-date", date: "2025-05-06" },
  "date-from-prices": { code: "date-from-prices", date: "2024-02-18" },
  "unknown-name": { code: "unknown-name", name: "无名公司" },
  "name-repeated": { code: "name-repeated", name: "中际旭创", ticker: "300308.SZ" },
  "no-header": { code: "no-header" },
  "line-not-understood": { code: "line-not-understood", line: 12, text: "单位：亿元" },
  "column-needs-year": { code: "column-needs-year", column: "EPS" },
  "not-a-year": { code: "not-a-year", text: "x", column: 4 },
  "year-without-header": { code: "year-without-header", year: "2024A", column: 4 },
  "values-without-header": { code: "values-without-header", column: 4 },
  "year-mismatch": { code: "year-mismatch", column: "EPS 2023E", year: 2023, below: "2024E" },
  "year-under-plain-column": { code: "year-under-plain-column", column: "PB", year: "2024E" },
  "header-not-recognised": { code: "header-not-recognised", header: "目标价" },
  "years-not-shared": { code: "years-not-shared", years: 5, headers: 2 },
  "years-not-repeated": { code: "years-not-repeated", years: "2022 2023E 2023E 2024E" },
  "row-ambiguous": { code: "row-ambiguous", row: 1, ticker: "000628.SZ", values: 6, columns: 10 },
  "row-cell-count": { code: "row-cell-count", row: 2, ticker: "", cells: 3, columns: 4 },
  "bad-cell": { code: "bad-cell", row: 1, ticker: "000977.SZ", column: "price", text: "停牌", expected: "number" },
  "row-without-ticker": { code: "row-without-ticker", row: 3, ticker: "" },
  "duplicate-ticker": { code: "duplicate-ticker", row: 2, ticker: "000977.SZ", firstRow: 1 },
  "more-row-errors": { code: "more-row-errors", count: 7 },
  "unknown-column": { code: "unknown-column", column: 4, header: "市值 (亿元)", kind: "number", key: "col4" },
  "several-ticker-columns": { code: "several-ticker-columns", count: 2 },
  "no-ticker-column": { code: "no-ticker-column" },
  "duplicate-column": { code: "duplicate-column", key: "eps_2024" },
  "too-many-rows": { code: "too-many-rows", rows: 130_000, max: 100_000 },
  "invalid-list": { code: "invalid-list", errors: "rows: must NOT have more than 100000 items" },
};

describe.each(Object.values(EXAMPLES) as ProblemDetail[])("$code", (detail) => {
  it("reads in Chinese and in English, with its parameters, and the CLI's English is the same in substance", () => {
    const zh = importProblemMessage(detail, "zh");
    const en = importProblemMessage(detail, "en");
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(en).not.toMatch(/[{}]/);
    expect(zh).not.toMatch(/[{}]/);
    for (const value of Object.values(detail)) {
      if (typeof value === "string" && value !== detail.code && !["binary", "number", "percent", "ticker", "percent-unit"].includes(value)) {
        expect(zh).toContain(value);
        expect(en).toContain(value);
      }
    }
    expect(problemText(detail)).not.toBe("");
  });
});

describe("places and headlines", () => {
  it("translates the importer's own places and keeps the note's captions as printed", () => {
    expect(problemPlace("(report)", "zh")).toBe("报告");
    expect(problemPlace("table at line 12", "zh")).toBe("第 12 行的表格");
    expect(problemPlace("表3: 本周涨幅前五名", "en")).toBe("表3: 本周涨幅前五名");
    expect(importProblemText(problem("投资建议: 光模块", EXAMPLES["unknown-name"]), "zh")).toBe(
      "投资建议: 光模块：“无名公司”既不在研报的表格中，也不在本插件已知的任何列表中；请输入其代码。",
    );
  });

  it("a note that cannot be read at all gives the headline; an ordinary problem does not", () => {
    expect(refusalHeadline([problem("(note)", { code: "not-text", failure: "empty" })], "zh")).toBe("文件是空的，没有可读取的文本。");
    expect(refusalHeadline([problem("(note)", EXAMPLES["too-large"])], "en")).toBe("The text is 9,000,000 characters; the importer reads at most 8,000,000.");
    expect(refusalHeadline([problem("(report)", EXAMPLES["no-date"])], "en")).toBeNull();
  });
});
