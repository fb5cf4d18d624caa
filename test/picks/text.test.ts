import { findDates } from "../../src/picks/importer/dates";
import {
  isMissingCell,
  joinCjkSpaces,
  parseNumberText,
  parsePercentCell,
  percentTextToFraction,
} from "../../src/picks/text";

describe("missing values", () => {
  it.each(["", " ", "/", "-", "—", "–", "--", "N/A", "n/a", "NA", "NM"])("%j is missing", (cell) => {
    expect(isMissingCell(cell)).toBe(true);
  });
  it.each(["0", "-0.81", "未评级", "0.00"])("%j is a value", (cell) => {
    expect(isMissingCell(cell)).toBe(false);
  });
});

describe("numbers", () => {
  it("reads the printed numbers exactly", () => {
    // Huaxin 重点关注公司及盈利预测: 拓维信息 EPS 2022 -0.81, 金桥信息 PE 2022 251.00
    expect(parseNumberText("-0.81")).toBe(-0.81);
    expect(parseNumberText("251.00")).toBe(251);
    expect(parseNumberText("1,500")).toBe(1500);
    expect(parseNumberText("１２.５")).toBe(12.5);
    expect(parseNumberText("−3.07")).toBe(-3.07);
  });
  it("rejects what is not a plain number", () => {
    for (const cell of ["6.38%", "1.2.3", "12abc", "", "1,50", "(0.31)"]) expect(parseNumberText(cell)).toBeUndefined();
  });
});

describe("percentages", () => {
  it("turns percentage points into the exact fraction", () => {
    // Minsheng 表5: 科大讯飞 周涨跌幅 6.38%, 浪潮信息 13.76%, 启明星辰 0.09%; 表4: 柏楚电子 -3.07%, 博思软件 -0.71%
    expect(parsePercentCell("6.38%", false)).toBe(0.0638);
    expect(parsePercentCell("13.76%", false)).toBe(0.1376);
    expect(parsePercentCell("0.09%", false)).toBe(0.0009);
    expect(parsePercentCell("-3.07%", false)).toBe(-0.0307);
    expect(parsePercentCell("-0.71%", false)).toBe(-0.0071);
    expect(parsePercentCell("88.19%", true)).toBe(0.8819); // 表3 header says (%) and the cell prints % too: once only
  });
  it("uses the header's % when the cell has none, and refuses to guess otherwise", () => {
    expect(parsePercentCell("1.20", true)).toBe(0.012);
    expect(parsePercentCell("1.20", false)).toBeUndefined();
  });
  it("shifts the decimal point in text", () => {
    expect(percentTextToFraction("100")).toBe(1);
    expect(percentTextToFraction("-0.00")).toBe(0);
    expect(percentTextToFraction("abc")).toBeUndefined();
  });
});

describe("dates", () => {
  it("finds the seed notes' date spellings", () => {
    expect(findDates("2024-02-18 股价").map((d) => d.iso)).toEqual(["2024-02-18"]);
    expect(findDates("2024年02月25日").map((d) => d.iso)).toEqual(["2024-02-25"]);
    expect(findDates("(股价为 2024 年 2 月 23 日收盘价)").map((d) => d.iso)).toEqual(["2024-02-23"]);
    expect(findDates("区间为 2024 年 2 月 19 日至 2024 年 2 月 23 日").map((d) => d.iso)).toEqual(["2024-02-19", "2024-02-23"]);
    expect(findDates("as of 2024/2/29").map((d) => d.iso)).toEqual(["2024-02-29"]);
  });
  it("ignores impossible dates and long digit runs", () => {
    expect(findDates("2023-02-29")).toEqual([]);
    expect(findDates("20240218")).toEqual([]);
    expect(findDates("2020506")).toEqual([]);
  });
});

describe("PDF line-wrap spaces", () => {
  it("joins Chinese characters split by a wrap (Minsheng 本周观点: 云从 科技)", () => {
    expect(joinCjkSpaces("云从 科技")).toBe("云从科技");
    expect(joinCjkSpaces("出海 AI 应用")).toBe("出海 AI 应用");
  });
});
