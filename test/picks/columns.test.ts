import { HEADER_RULES, analyseHeader, columnLabel, parseYearCell, recogniseHeader, standardColumn } from "../../src/picks/columns";
import type { PickColumn } from "../../src/picks/types";

function keyOf(header: string): string | null {
  const rec = recogniseHeader(header);
  if (!rec) return null;
  return rec.rule.perYear && rec.year !== undefined ? `${rec.rule.key}_${rec.year}` : rec.rule.key;
}

describe("header recognition", () => {
  it.each([
    // Huaxin 重点关注公司及盈利预测
    ["公司代码", "ticker"],
    ["名称", "name"],
    ["2024-02-18 股价", "price"],
    ["EPS", "eps"],
    ["PE", "pe"],
    ["投资评级", "rating"],
    // Minsheng 表5 (PB printed in Cyrillic letters by the PDF extraction)
    ["证券代码", "ticker"],
    ["证券简称", "name"],
    ["股价 (元)", "price"],
    ["周涨跌幅", "change_1w"],
    ["2020EPS (元)", "eps_2020"],
    ["2022PE", "pe_2022"],
    ["\u0420\u0412", "pb"],
    // Minsheng 表3/表4
    ["周涨跌幅(%)", "change_1w"],
    ["收盘价 (元)", "price"],
    ["周最低价 (元)", "week_low"],
    ["周最高价 (元)", "week_high"],
    // English
    ["Ticker", "ticker"],
    ["Stock code", "ticker"],
    ["Close (CNY)", "price"],
    ["Chg (%)", "change"],
    ["Weekly change", "change_1w"],
    ["EPS 2023E", "eps_2023"],
    ["P/E 2024E", "pe_2024"],
    ["P/B", "pb"],
    ["PE (TTM)", "pe_ttm"],
    ["Rating", "rating"],
  ])("%j → %s", (header, key) => {
    expect(keyOf(header)).toBe(key);
  });

  it.each(["秋り・ 主流", "2020506", "2024 EDG", "2022556", "市值 (亿元)", "2023 PB", "2024-02-18 名称", ""])(
    "does not recognise %j",
    (header) => {
      expect(recogniseHeader(header)).toBeNull();
    },
  );

  it("reads year, estimate mark, date and percent", () => {
    expect(analyseHeader("2023E")).toMatchObject({ year: 2023, estimate: true });
    expect(analyseHeader("2020EPS (元)")).toMatchObject({ core: "eps", year: 2020, estimate: false });
    expect(analyseHeader("2024-02-18 股价")).toMatchObject({ core: "股价", date: "2024-02-18" });
    expect(analyseHeader("周涨跌幅(%)")).toMatchObject({ core: "周涨跌幅", percent: true });
    expect(parseYearCell("2024E")).toEqual({ year: 2024, estimate: true });
    expect(parseYearCell("2022")).toEqual({ year: 2022, estimate: false });
    expect(parseYearCell("EPS")).toBeNull();
  });

  it("has one rule per key and no alias twice", () => {
    const keys = HEADER_RULES.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    const aliases = HEADER_RULES.flatMap((r) => r.aliases);
    expect(new Set(aliases).size).toBe(aliases.length);
  });
});

describe("columnLabel", () => {
  const eps2023: PickColumn = { key: "eps_2023", kind: "eps", year: 2023, estimate: true, label: { zh: "x", en: "x" } };
  it("labels standard columns in both languages", () => {
    expect(columnLabel(eps2023, "en")).toBe("EPS 2023E");
    expect(columnLabel({ key: "pe_2022", kind: "pe", year: 2022, estimate: false, label: { zh: "", en: "" } }, "en")).toBe("P/E 2022");
    expect(columnLabel({ key: "pe_2022", kind: "pe", year: 2022, estimate: false, label: { zh: "", en: "" } }, "zh")).toBe("PE 2022");
    expect(columnLabel({ key: "change_1w", kind: "change", label: { zh: "", en: "" } }, "zh")).toBe("周涨跌幅");
    expect(columnLabel({ key: "ticker", kind: "ticker", label: { zh: "", en: "" } }, "en")).toBe("Ticker");
  });
  it("falls back to the document's label for other columns", () => {
    expect(columnLabel({ key: "col5", kind: "number", label: { zh: "市值 (亿元)", en: "" } }, "en")).toBe("市值 (亿元)");
    expect(columnLabel({ key: "eps_2023", kind: "number", label: { zh: "自定义", en: "Custom" } }, "en")).toBe("Custom");
  });
  it("builds standard columns with their labels", () => {
    const pe = HEADER_RULES.find((r) => r.key === "pe")!;
    expect(standardColumn(pe, 2024, true)).toEqual({
      key: "pe_2024",
      kind: "pe",
      year: 2024,
      estimate: true,
      label: { zh: "PE 2024E", en: "P/E 2024E" },
    });
  });
});
