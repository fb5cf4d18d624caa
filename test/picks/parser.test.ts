/**
 * The importer on the seed excerpts (test/fixtures): every expected value below is typed from the
 * notes, table by table, not produced by the parser.
 */
import { parseReport } from "../../src/picks/parser";
import { validatePickList } from "../../src/picks/validate";
import { fixture, listById, rowByTicker, problemWords } from "./support";

const huaxin = parseReport(fixture("huaxin-excerpt.txt"));
const minsheng = parseReport(fixture("minsheng-excerpt.txt"));

describe("Huaxin excerpt", () => {
  it("finds the focus table and the four themed directions, in the order printed", () => {
    expect(huaxin.lists.map((l) => l.id)).toEqual([
      "huaxin-2024-02-18-theme-optical-modules",
      "huaxin-2024-02-18-theme-domestic-compute",
      "huaxin-2024-02-18-theme-compute-leasing",
      "huaxin-2024-02-18-theme-ai-applications",
      "huaxin-2024-02-18-focus",
    ]);
  });

  it("says the report date comes from the price date (the note prints no publication date)", () => {
    expect(problemWords(huaxin.problems)).toEqual([
      {
        table: "(report)",
        reason: "the note prints no publication date; the report date is taken from the latest price date, 2024-02-18",
      },
    ]);
  });

  const focus = listById(huaxin.lists, "huaxin-2024-02-18-focus");

  it("reads the source metadata", () => {
    expect(focus.source).toEqual({
      broker: "华鑫证券",
      brokerEn: "Huaxin Securities",
      reportTitle: "Sora 开启视频生成领域新篇章，科技巨头加大 AI 芯片投入",
      reportDate: "2024-02-18",
      priceDate: "2024-02-18",
      analysts: ["宝幼琛", "任春阳"],
      sourceLine: "资料来源: Wind, 华鑫证券研究 (注: 未评级公司盈利预测取自万得一致预期, 空格代表数据缺失)",
      table: "重点关注公司及盈利预测",
    });
    expect(focus.title).toEqual({ zh: "重点关注公司及盈利预测", en: "Companies in focus and earnings forecasts" });
  });

  it("places the two-line header's years under EPS and PE", () => {
    expect(focus.columns.map((c) => [c.key, c.kind, c.year ?? null, c.estimate ?? null])).toEqual([
      ["ticker", "ticker", null, null],
      ["name", "name", null, null],
      ["price", "price", null, null],
      ["eps_2022", "eps", 2022, false],
      ["eps_2023", "eps", 2023, true],
      ["eps_2024", "eps", 2024, true],
      ["pe_2022", "pe", 2022, false],
      ["pe_2023", "pe", 2023, true],
      ["pe_2024", "pe", 2024, true],
      ["rating", "rating", null, null],
    ]);
    expect(focus.rows).toHaveLength(17);
  });

  it("reads full rows (重点关注公司及盈利预测: 浪潮信息, 中际旭创)", () => {
    expect(rowByTicker(focus, "000977.SZ")).toEqual({
      ticker: "000977.SZ", name: "浪潮信息", price: 30.38,
      eps_2022: 1.57, eps_2023: 2.07, eps_2024: 2.69, pe_2022: 19.35, pe_2023: 14.68, pe_2024: 11.29, rating: "买入",
    });
    expect(rowByTicker(focus, "300308.SZ")).toMatchObject({ price: 127, eps_2024: 5.01, pe_2024: 25.35, rating: "增持" });
  });

  it("keeps blank cells null by tab position, never 0", () => {
    // 高新发展: only 2022 EPS and PE; 寒武纪-U: no PE at all; 拓维信息: blank 2022 PE
    expect(rowByTicker(focus, "000628.SZ")).toMatchObject({ eps_2022: 0.57, eps_2023: null, eps_2024: null, pe_2022: 67, pe_2023: null, pe_2024: null, rating: "未评级" });
    expect(rowByTicker(focus, "688256.SH")).toMatchObject({ name: "寒武纪-U", eps_2022: -3.13, eps_2023: -2.06, eps_2024: -1.34, pe_2022: null, pe_2023: null, pe_2024: null });
    expect(rowByTicker(focus, "002261.SZ")).toMatchObject({ eps_2022: -0.81, pe_2022: null, pe_2023: 100, pe_2024: 49 });
    expect(rowByTicker(focus, "301270.SZ")).toMatchObject({ eps_2022: 0.55, eps_2023: null, pe_2022: 55, pe_2023: null });
  });

  it("reads the themed lists, including 国产算力's '，…推荐' form", () => {
    const names = (id: string) => listById(huaxin.lists, id).rows.map((r) => [r.ticker, r.name]);
    expect(names("huaxin-2024-02-18-theme-optical-modules")).toEqual([["300308.SZ", "中际旭创"], ["300502.SZ", "新易盛"]]);
    expect(names("huaxin-2024-02-18-theme-domestic-compute")).toEqual([
      ["688041.SH", "海光信息"], ["688256.SH", "寒武纪"], ["300474.SZ", "景嘉微"],
      ["000628.SZ", "高新发展"], ["002261.SZ", "拓维信息"], ["000977.SZ", "浪潮信息"],
    ]);
    expect(names("huaxin-2024-02-18-theme-compute-leasing")).toEqual([["603629.SH", "利通电子"], ["002929.SZ", "润建股份"], ["300609.SZ", "汇纳科技"]]);
    expect(names("huaxin-2024-02-18-theme-ai-applications")).toEqual([
      ["300624.SZ", "万兴科技"], ["002230.SZ", "科大讯飞"], ["300033.SZ", "同花顺"],
      ["603918.SH", "金桥信息"], ["301185.SZ", "鸥玛软件"], ["301270.SZ", "汉仪股份"],
    ]);
    const theme = listById(huaxin.lists, "huaxin-2024-02-18-theme-domestic-compute");
    expect(theme.columns.map((c) => c.kind)).toEqual(["ticker", "name", "theme"]);
    expect(theme.rows.every((r) => r.theme === "国产算力")).toBe(true);
    expect(theme.source).toMatchObject({ priceDate: null, sourceLine: "", table: "关注光模块、国产算力、算力租赁、AI 应用等" });
    expect(theme.title).toEqual({ zh: "国产算力", en: "Domestic computing power" });
  });
});

describe("Minsheng excerpt", () => {
  it("finds the themed lists once each and 表3, 表4, 表5", () => {
    expect(minsheng.lists.map((l) => [l.id, l.rows.length])).toEqual([
      ["minsheng-2024-02-25-theme-huawei-ascend-all-in-one", 4],
      ["minsheng-2024-02-25-theme-domestic-core-compute", 5],
      ["minsheng-2024-02-25-theme-ai-devices", 3],
      ["minsheng-2024-02-25-theme-overseas-ai-applications", 2],
      ["minsheng-2024-02-25-table3-gainers", 5],
      ["minsheng-2024-02-25-table4-losers", 4],
      ["minsheng-2024-02-25-table5-focus", 19],
    ]);
    expect(problemWords(minsheng.problems)).toEqual([]);
  });

  const table5 = listById(minsheng.lists, "minsheng-2024-02-25-table5-focus");

  it("reads 表5's header past the PDF noise line, with the years it names", () => {
    expect(table5.columns.map((c) => c.key)).toEqual([
      "ticker", "name", "price", "change_1w", "eps_2020", "eps_2021", "eps_2022", "pe_2020", "pe_2021", "pe_2022", "pb",
    ]);
    expect(table5.columns.filter((c) => c.kind === "eps" || c.kind === "pe").every((c) => c.estimate === false)).toBe(true);
    expect(table5.source).toEqual({
      broker: "民生证券",
      brokerEn: "Minsheng Securities",
      reportTitle: "Sora 将创造多少算力需求?",
      reportDate: "2024-02-25",
      priceDate: "2024-02-23",
      analysts: ["吕伟"],
      sourceLine: "资料来源: iFinD, 民生证券研究院 (股价为 2024 年 2 月 23 日收盘价)",
      table: "表5: 重点关注个股",
    });
  });

  it("reads 表5 rows: % to fraction, '/' to null, names as printed", () => {
    expect(rowByTicker(table5, "002230.SZ")).toEqual({
      ticker: "002230.SZ", name: "科大讯飞", price: 46.33, change_1w: 0.0638,
      eps_2020: 0.64, eps_2021: 0.7, eps_2022: 0.24, pe_2020: 72, pe_2021: 66, pe_2022: 193, pb: 6.6,
    });
    expect(rowByTicker(table5, "300212.SZ")).toMatchObject({ name: "易华录", change_1w: 0.1711, pe_2021: null, pe_2022: 1483 });
    expect(rowByTicker(table5, "002153.SZ")).toMatchObject({ eps_2022: -0.37, pe_2020: null, pe_2021: null, pe_2022: null, pb: 2.9 });
    expect(rowByTicker(table5, "603039.SH")).toMatchObject({ name: "ST 泛微", price: 40, change_1w: 0.1179, pb: 5 });
    expect(rowByTicker(table5, "002439.SZ")).toMatchObject({ change_1w: 0.0009, pb: 3.5 });
  });

  it("reads 表3 and 表4 with the week's low and high", () => {
    const gainers = listById(minsheng.lists, "minsheng-2024-02-25-table3-gainers");
    expect(gainers.columns.map((c) => [c.key, c.kind])).toEqual([
      ["ticker", "ticker"], ["name", "name"], ["change_1w", "change"], ["price", "price"], ["week_low", "number"], ["week_high", "number"],
    ]);
    expect(gainers.rows[0]).toEqual({ ticker: "300209.SZ", name: "天泽信息", change_1w: 0.8819, price: 2.71, week_low: 1.35, week_high: 2.71 });
    expect(gainers.source.priceDate).toBe("2024-02-23");
    const losers = listById(minsheng.lists, "minsheng-2024-02-25-table4-losers");
    expect(losers.rows[0]).toEqual({ ticker: "688188.SH", name: "柏楚电子", change_1w: -0.0307, price: 266.44, week_low: 263.22, week_high: 283.64 });
    expect(losers.source.sourceLine).toBe("资料来源: iFinD, 民生证券研究院; (跌幅区间为 2024 年 2 月 19 日至 2024 年 2 月 23 日)");
  });

  it("resolves themed names from the note's tables and the bundled directory", () => {
    const rows = (id: string) => listById(minsheng.lists, id).rows.map((r) => [r.ticker, r.name]);
    expect(rows("minsheng-2024-02-25-theme-huawei-ascend-all-in-one")).toEqual([
      ["002230.SZ", "科大讯飞"], ["688327.SH", "云从科技"], ["301236.SZ", "软通动力"], ["603496.SH", "恒为科技"],
    ]);
    expect(rows("minsheng-2024-02-25-theme-domestic-core-compute")).toEqual([
      ["688256.SH", "寒武纪"], ["000977.SZ", "浪潮信息"], ["000066.SZ", "中国长城"], ["688041.SH", "海光信息"], ["000628.SZ", "高新发展"],
    ]);
    expect(rows("minsheng-2024-02-25-theme-ai-devices")).toEqual([["300496.SZ", "中科创达"], ["688475.SH", "萤石网络"], ["002351.SZ", "漫步者"]]);
    expect(rows("minsheng-2024-02-25-theme-overseas-ai-applications")).toEqual([["002315.SZ", "焦点科技"], ["603322.SH", "超讯通信"]]);
    expect(listById(minsheng.lists, "minsheng-2024-02-25-theme-ai-devices").source.table).toBe("本周观点");
    expect(listById(minsheng.lists, "minsheng-2024-02-25-theme-overseas-ai-applications").title.zh).toBe("出海 AI 应用");
  });
});

describe("every list the importer emits is a valid pick list", () => {
  it.each([...huaxin.lists, ...minsheng.lists].map((l) => [l.id, l] as const))("%s", (_id, list) => {
    expect(validatePickList(JSON.parse(JSON.stringify(list)))).toMatchObject({ ok: true });
  });
});
