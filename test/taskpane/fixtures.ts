/**
 * Pick lists built by hand from excerpts of the two seed reports' tables, for the taskpane tests.
 * Huaxin Securities (华鑫证券), 2024-02-18, table "重点关注公司及盈利预测" (prices of 2024-02-18).
 * Minsheng Securities (民生证券), 2024-02-25, table "表5: 重点关注个股" (prices of 2024-02-23).
 * Blank cells and "/" in the reports are null here, as the pick-list format requires.
 */
import type { CatalogIndex, PickColumn, PickList } from "../../src/picks/types";

const huaxinColumns: PickColumn[] = [
  { key: "ticker", kind: "ticker", label: { zh: "公司代码", en: "Ticker" } },
  { key: "name", kind: "name", label: { zh: "名称", en: "Name" } },
  { key: "price", kind: "price", label: { zh: "股价", en: "Price" } },
  { key: "eps_2022", kind: "eps", label: { zh: "EPS", en: "EPS" }, year: 2022, estimate: false },
  { key: "eps_2023", kind: "eps", label: { zh: "EPS", en: "EPS" }, year: 2023, estimate: true },
  { key: "eps_2024", kind: "eps", label: { zh: "EPS", en: "EPS" }, year: 2024, estimate: true },
  { key: "pe_2022", kind: "pe", label: { zh: "PE", en: "P/E" }, year: 2022, estimate: false },
  { key: "pe_2023", kind: "pe", label: { zh: "PE", en: "P/E" }, year: 2023, estimate: true },
  { key: "pe_2024", kind: "pe", label: { zh: "PE", en: "P/E" }, year: 2024, estimate: true },
  { key: "rating", kind: "rating", label: { zh: "投资评级", en: "Rating" } },
];

export function huaxinFocusList(): PickList {
  return {
    format: "aic-picklist",
    version: 1,
    id: "huaxin-2024-02-18-focus",
    title: { zh: "华鑫证券 重点关注公司及盈利预测", en: "Huaxin Securities: companies in focus and earnings forecasts" },
    source: {
      broker: "华鑫证券",
      brokerEn: "Huaxin Securities",
      reportTitle: "Sora 开启视频生成领域新篇章，科技巨头加大 AI 芯片投入",
      reportDate: "2024-02-18",
      priceDate: "2024-02-18",
      analysts: ["宝幼琛", "任春阳"],
      sourceLine: "资料来源: Wind, 华鑫证券研究 (注: 未评级公司盈利预测取自万得一致预期, 空格代表数据缺失)",
      table: "重点关注公司及盈利预测",
    },
    columns: huaxinColumns,
    rows: [
      // 000628.SZ 高新发展 39.11 0.57 (blank) (blank) 67 (blank) (blank) 未评级
      { ticker: "000628.SZ", name: "高新发展", price: 39.11, eps_2022: 0.57, eps_2023: null, eps_2024: null, pe_2022: 67, pe_2023: null, pe_2024: null, rating: "未评级" },
      // 000977.SZ 浪潮信息 30.38 1.57 2.07 2.69 19.35 14.68 11.29 买入
      { ticker: "000977.SZ", name: "浪潮信息", price: 30.38, eps_2022: 1.57, eps_2023: 2.07, eps_2024: 2.69, pe_2022: 19.35, pe_2023: 14.68, pe_2024: 11.29, rating: "买入" },
      // 002261.SZ 拓维信息 11.78 -0.81 0.12 0.24 (blank) 100 49 未评级
      { ticker: "002261.SZ", name: "拓维信息", price: 11.78, eps_2022: -0.81, eps_2023: 0.12, eps_2024: 0.24, pe_2022: null, pe_2023: 100, pe_2024: 49, rating: "未评级" },
      // 300308.SZ 中际旭创 127.00 1.53 2.72 5.01 83.01 46.69 25.35 增持
      { ticker: "300308.SZ", name: "中际旭创", price: 127, eps_2022: 1.53, eps_2023: 2.72, eps_2024: 5.01, pe_2022: 83.01, pe_2023: 46.69, pe_2024: 25.35, rating: "增持" },
    ],
  };
}

export function minshengFocusList(): PickList {
  return {
    format: "aic-picklist",
    version: 1,
    id: "minsheng-2024-02-25-focus",
    title: { zh: "民生证券 重点关注个股", en: "Minsheng Securities: stocks in focus" },
    source: {
      broker: "民生证券",
      brokerEn: "Minsheng Securities",
      reportTitle: "Sora 将创造多少算力需求?",
      reportDate: "2024-02-25",
      priceDate: "2024-02-23",
      analysts: [],
      sourceLine: "资料来源: iFinD, 民生证券研究院 (股价为 2024 年 2 月 23 日收盘价)",
      table: "表5: 重点关注个股",
    },
    columns: [
      { key: "ticker", kind: "ticker", label: { zh: "证券代码", en: "Ticker" } },
      { key: "name", kind: "name", label: { zh: "证券简称", en: "Name" } },
      { key: "price", kind: "price", label: { zh: "股价 (元)", en: "Price (CNY)" } },
      { key: "change", kind: "change", label: { zh: "周涨跌幅", en: "Weekly change" } },
      { key: "pe_2021", kind: "pe", label: { zh: "PE", en: "P/E" }, year: 2021, estimate: false },
      { key: "pb", kind: "pb", label: { zh: "PB", en: "P/B" } },
    ],
    rows: [
      // 002230.SZ 科大讯飞 46.33 6.38% ... 2021PE 66 ... PB 6.6
      { ticker: "002230.SZ", name: "科大讯飞", price: 46.33, change: 0.0638, pe_2021: 66, pb: 6.6 },
      // 300212.SZ 易华录 25.81 17.11% ... 2021PE "/" ... PB 5.5
      { ticker: "300212.SZ", name: "易华录", price: 25.81, change: 0.1711, pe_2021: null, pb: 5.5 },
    ],
  };
}

/** An index for the two lists, as catalog/index.json would hold it; hrefs relative to the index. */
export function fakeIndex(): CatalogIndex {
  const h = huaxinFocusList();
  const m = minshengFocusList();
  return {
    format: "aic-catalog",
    version: 1,
    reports: [
      {
        id: "huaxin-2024-02-18",
        broker: h.source.broker,
        brokerEn: h.source.brokerEn,
        reportTitle: h.source.reportTitle,
        reportDate: h.source.reportDate,
        lists: [{ id: h.id, title: h.title, rowCount: h.rows.length, href: `lists/${h.id}.json` }],
      },
      {
        id: "minsheng-2024-02-25",
        broker: m.source.broker,
        brokerEn: m.source.brokerEn,
        reportTitle: m.source.reportTitle,
        reportDate: m.source.reportDate,
        lists: [{ id: m.id, title: m.title, rowCount: m.rows.length, href: `lists/${m.id}.json` }],
      },
    ],
  };
}
