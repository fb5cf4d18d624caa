/** Each way reports write a ticker → one canonical form, as a cell and inside a table row (src/picks/tickers.ts, importer/lines.ts). */
import { normaliseTicker } from "../../../src/picks/tickers";
import { parseReport } from "../../../src/picks/parser";

describe("one canonical ticker", () => {
  it.each([
    ["688256.SH", "688256.SH"],
    ["SH688256", "688256.SH"],
    ["sh688256", "688256.SH"],
    ["688256", "688256.SH"],
    ["688256 CH", "688256.SH"],
    ["688256 CH Equity", "688256.SH"],
    ["SHSE:688256", "688256.SH"],
    ["600000.SS", "600000.SH"],
    ["SZ000977", "000977.SZ"],
    ["000977 CH", "000977.SZ"],
    ["300308", "300308.SZ"],
    ["SZSE:300308", "300308.SZ"],
    ["830799", "830799.BJ"],
    ["0700.HK", "0700.HK"],
    ["00700.HK", "0700.HK"],
    ["700 HK", "0700.HK"],
    ["700.HK", "0700.HK"],
    ["700 HK Equity", "0700.HK"],
    ["HK00700", "0700.HK"],
    ["９９８８．ＨＫ", "9988.HK"],
  ])("%s → %s", (raw, canonical) => {
    expect(normaliseTicker(raw)).toBe(canonical);
  });

  it.each(["600000.SZ", "123456", "12345678", "700", "HK", "0.HK", "688256 US"])("%s is not a ticker", (raw) => {
    expect(normaliseTicker(raw)).toBeNull();
  });
});

describe("ticker forms inside space-separated rows", () => {
  it("reads 700 HK and 688256 CH as one cell each, and bare codes get their exchange", () => {
    const text = [
      "2025-04-14",
      "Table 1: Top picks",
      "Ticker   Name   Price",
      "700 HK   Tencent   480.20",
      "688256 CH   Cambricon   520.00",
      "300308   Innolight   98.50",
      "SH600000   PF Bank   8.10",
      "00981.HK   SMIC   45.00",
    ].join("\n");
    const r = parseReport(text);
    expect(r.problems).toEqual([]);
    expect(r.lists[0]!.rows.map((row) => [row.ticker, row.name, row.price])).toEqual([
      ["0700.HK", "Tencent", 480.2],
      ["688256.SH", "Cambricon", 520],
      ["300308.SZ", "Innolight", 98.5],
      ["600000.SH", "PF Bank", 8.1],
      ["0981.HK", "SMIC", 45],
    ]);
  });

  it("single spaces too: 700 HK is not two cells", () => {
    const r = parseReport("2025-04-14\nTable 1: Top picks\nTicker Name Price\n700 HK Tencent 480.20\n9988 HK Alibaba 80.00\n");
    expect(r.lists[0]!.rows.map((row) => row.ticker)).toEqual(["0700.HK", "9988.HK"]);
  });
});
