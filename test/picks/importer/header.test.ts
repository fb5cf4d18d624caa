/** Column recognition in both languages, two-digit fiscal years, and headers split over two lines (importer/header.ts, columns.ts). */
import { analyseHeader, parseYearCell, recogniseHeader } from "../../../src/picks/columns";
import { parseReport } from "../../../src/picks/parser";

describe("header words in both languages", () => {
  it.each([
    ["Close", "price"], ["Price", "price"], ["股价", "price"], ["收盘价", "price"], ["Close (CNY)", "price"], ["股价（元）", "price"],
    ["Price (HK$)", "price"], ["P/E", "pe"], ["PE", "pe"], ["市盈率", "pe"], ["P/B", "pb"], ["PB", "pb"], ["市净率", "pb"],
    ["Rating", "rating"], ["评级", "rating"], ["投资评级", "rating"], ["Ticker", "ticker"], ["Bloomberg ticker", "ticker"],
    ["证券代码", "ticker"], ["Company", "name"], ["证券简称", "name"],
  ])("%s is a %s column", (text, kind) => {
    expect(recogniseHeader(text)?.rule.kind).toBe(kind);
  });

  it.each([
    ["EPS 24A", 2024, false], ["EPS 2024A", 2024, false], ["2024EPS", 2024, false], ["FY25E", 2025, true], ["EPS FY25E", 2025, true],
    ["P/E 25E", 2025, true], ["PE 2026E", 2026, true], ["市盈率 2025E", 2025, true], ["EPS (CNY) 26F", 2026, true], ["EPS FY24", 2024, false],
  ])("%s names fiscal year %d (estimate: %s)", (text, year, estimate) => {
    const a = analyseHeader(text);
    expect([a.year, a.estimate]).toEqual([year, estimate]);
  });

  it("year cells: four digits with or without a mark, two digits only with one", () => {
    expect(parseYearCell("2024A")).toEqual({ year: 2024, estimate: false });
    expect(parseYearCell("25E")).toEqual({ year: 2025, estimate: true });
    expect(parseYearCell("FY26")).toEqual({ year: 2026, estimate: false });
    expect(parseYearCell("25")).toBeNull();
    expect(parseYearCell("3M")).toBeNull();
  });
});

const ENGLISH_NOTE = [
  "Northstar Securities   Sector Update   12 April 2025",
  "",
  "AI compute: the second wave of optical modules",
  "",
  "Exhibit 2: Top picks",
  "Prices as of 11 Apr 2025",
  "Ticker      Company     Close (CNY)   EPS 24A   EPS 25E   P/E 25E   P/B   Rating",
  "300308      Innolight   98.50         2.45      4.10      24.0      5.1   BUY",
  "SZ000977    Inspur      40.10         1.20      1.50      26.7      3.2   BUY",
  "688256.SH   Cambricon   520.00        -0.20     0.50      1040.0    30.5  HOLD",
  "Source: Wind, Northstar Securities Research",
].join("\n");

describe("an English note", () => {
  const r = parseReport(ENGLISH_NOTE);
  const list = r.lists[0]!;

  it("reads the table with its years, A kept apart from E", () => {
    expect(r.problems).toEqual([]);
    expect(list.columns.map((c) => [c.key, c.kind, c.year ?? null, c.estimate ?? null])).toEqual([
      ["ticker", "ticker", null, null],
      ["name", "name", null, null],
      ["price", "price", null, null],
      ["eps_2024", "eps", 2024, false],
      ["eps_2025", "eps", 2025, true],
      ["pe_2025", "pe", 2025, true],
      ["pb", "pb", null, null],
      ["rating", "rating", null, null],
    ]);
    expect(list.rows[2]).toEqual({ ticker: "688256.SH", name: "Cambricon", price: 520, eps_2024: -0.2, eps_2025: 0.5, pe_2025: 1040, pb: 30.5, rating: "HOLD" });
  });

  it("dates it, titles it in English, and names the broker as printed", () => {
    expect(list.title.en).toBe("Top picks");
    expect(list.source).toMatchObject({
      broker: "Northstar Securities",
      brokerEn: "Northstar Securities",
      reportTitle: "AI compute: the second wave of optical modules",
      reportDate: "2025-04-12",
      priceDate: "2025-04-11",
      sourceLine: "Source: Wind, Northstar Securities Research",
    });
  });

  it("an English caption the glossary does not know still gets its English title", () => {
    const other = parseReport(ENGLISH_NOTE.replace("Top picks", "Names we like in optics"));
    expect(other.lists[0]!.title.en).toBe("Names we like in optics");
  });
});

describe("a header split over two lines", () => {
  const expectedKeys = ["ticker", "name", "price", "eps_2024", "eps_2025", "eps_2026", "pe_2024", "pe_2025", "pe_2026", "rating"];
  const rowsOf = (r: ReturnType<typeof parseReport>) => r.lists.find((l) => l.columns.length > 3)!;

  it("space-separated: group headers EPS（元） and PE above a line of labels and years", () => {
    const r = parseReport([
      "2025-03-09",
      "表1：重点推荐公司",
      "                                   EPS（元）               PE",
      "证券代码  证券简称  收盘价（元）  2024A  2025E  2026E  2024A  2025E  2026E  评级",
      "300308.SZ  中际旭创  98.50  2.45  4.10  5.20  40.2  24.0  18.9  买入",
      "300502.SZ  新易盛  80.10  1.00  2.00  3.00  80.1  40.1  26.7  增持",
    ].join("\n"));
    expect(r.problems).toEqual([]);
    const list = rowsOf(r);
    expect(list.columns.map((c) => c.key)).toEqual(expectedKeys);
    expect(list.columns.filter((c) => c.year === 2024).map((c) => c.estimate)).toEqual([false, false]);
    expect(list.rows[1]).toMatchObject({ ticker: "300502.SZ", eps_2026: 3, pe_2024: 80.1, rating: "增持" });
  });

  it("tab-separated: the group header sits over the first of its years", () => {
    const r = parseReport([
      "2025-03-09",
      "表1：重点推荐公司",
      "\t\t\tEPS（元）\t\t\tPE\t\t\t",
      "证券代码\t证券简称\t收盘价（元）\t2024A\t2025E\t2026E\t2024A\t2025E\t2026E\t评级",
      "300308.SZ\t中际旭创\t98.50\t2.45\t4.10\t5.20\t40.2\t24.0\t18.9\t买入",
    ].join("\n"));
    expect(r.problems).toEqual([]);
    expect(rowsOf(r).columns.map((c) => c.key)).toEqual(expectedKeys);
    expect(rowsOf(r).rows[0]).toMatchObject({ eps_2025: 4.1, pe_2026: 18.9 });
  });

  it("labels over a line of years (the years shared out)", () => {
    const r = parseReport([
      "2025-03-09",
      "表1：重点推荐公司",
      "代码 名称 股价 EPS PE 评级",
      "24A 25E 26E 24A 25E 26E",
      "300308.SZ 中际旭创 98.50 2.45 4.10 5.20 40.2 24.0 18.9 买入",
    ].join("\n"));
    expect(r.problems).toEqual([]);
    expect(rowsOf(r).columns.map((c) => c.key)).toEqual(expectedKeys);
  });

  it("years continuing a per-year label on one line: EPS 2024A 2025E 2026E", () => {
    const r = parseReport([
      "2025-03-09",
      "表1：重点推荐公司",
      "代码 名称 股价 EPS 2024A 2025E 2026E PE 2024A 2025E 2026E 评级",
      "300308.SZ 中际旭创 98.50 2.45 4.10 5.20 40.2 24.0 18.9 买入",
    ].join("\n"));
    expect(r.problems).toEqual([]);
    expect(rowsOf(r).columns.map((c) => c.key)).toEqual(expectedKeys);
  });

  it("more year runs than group headers is reported, not guessed", () => {
    const r = parseReport([
      "2025-03-09",
      "表1：重点推荐公司",
      "EPS（元）",
      "代码 名称 股价 2024A 2025E 2024A 2025E 评级",
      "300308.SZ 中际旭创 98.50 2.45 4.10 40.2 24.0 买入",
    ].join("\n"));
    expect(r.lists).toEqual([]);
    expect(r.problems.map((p) => p.code)).toEqual(["year-without-header"]);
  });
});
