import { exchangeOfCode, isNormalisedTicker, normaliseTicker } from "../../src/picks/tickers";

describe("normaliseTicker", () => {
  it.each([
    // Forms printed by the seed tables (Huaxin 重点关注公司及盈利预测, Minsheng 表5)
    ["000977.SZ", "000977.SZ"],
    ["688256.SH", "688256.SH"],
    ["603039.SH", "603039.SH"],
    // Other spellings of the same codes
    ["000977.sz", "000977.SZ"],
    ["SZ000977", "000977.SZ"],
    ["sh688256", "688256.SH"],
    ["600570.SS", "600570.SH"],
    ["000977 CH", "000977.SZ"],
    ["０００９７７.ＳＺ", "000977.SZ"],
    ["000977", "000977.SZ"],
    ["688256", "688256.SH"],
    ["830799", "830799.BJ"],
    ["430047", "430047.BJ"],
    ["920002", "920002.BJ"],
    ["830799.BJ", "830799.BJ"],
    // Hong Kong: the code as a number, padded to four digits
    ["700.HK", "0700.HK"],
    ["00700.HK", "0700.HK"],
    ["0700.HK", "0700.HK"],
    ["9988.HK", "9988.HK"],
    ["09988.hk", "9988.HK"],
    ["1810 HK", "1810.HK"],
  ])("%s → %s", (raw, expected) => {
    expect(normaliseTicker(raw)).toBe(expected);
  });

  it.each(["600000.SZ", "000977.SH", "510300", "159915", "12345.SZ", "0.HK", "AAPL", "", "2024-02-18", "0.57"])(
    "rejects %j",
    (raw) => {
      expect(normaliseTicker(raw)).toBeNull();
    },
  );

  it("accepts a bare code only when allowed", () => {
    expect(normaliseTicker("000977", false)).toBeNull();
    expect(normaliseTicker("000977.SZ", false)).toBe("000977.SZ");
  });

  it("infers the exchange from the prefix", () => {
    expect(exchangeOfCode("600588")).toBe("SH");
    expect(exchangeOfCode("688041")).toBe("SH");
    expect(exchangeOfCode("002153")).toBe("SZ");
    expect(exchangeOfCode("300212")).toBe("SZ");
    expect(exchangeOfCode("830799")).toBe("BJ");
    expect(exchangeOfCode("510300")).toBeNull();
  });

  it("recognises normalised forms only", () => {
    expect(isNormalisedTicker("0700.HK")).toBe(true);
    expect(isNormalisedTicker("700.HK")).toBe(false);
    expect(isNormalisedTicker("000977")).toBe(false);
    expect(isNormalisedTicker("000977.sz")).toBe(false);
  });
});
