/**
 * The importer reads the common spellings of a cell by character (src/picks/text.ts, src/picks/tickers.ts,
 * src/picks/directory.ts): plain numbers, "000977.SZ" and "700.HK" tickers, cells that cannot be missing,
 * text folding leaves alone, company names that are their own canonical form. Each fast reading must give
 * what the general rule gives. A space around a cell is trimmed by the
 * general rule but sends it past every fast path, so `f(x)` against `f(" " + x + " ")` compares the two.
 */
import { foldForMatch, isMissingCell, isMissingFolded, parseFoldedNumber, parseNumberText, parsePercentCell } from "../../src/picks/text";
import { exchangeOfCode, normaliseFoldedTicker, normaliseTicker } from "../../src/picks/tickers";
import { canonicalCompanyName } from "../../src/picks/directory";

/** A small deterministic generator, so a failure names a case that reproduces. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const padded = (x: string): string => ` ${x} `;

describe("plain numbers read by character", () => {
  const written = [
    "0", "-0", "+0", "0.0", "-0.00", "12", "12.", ".5", "-.5", "+.5", "0.51", "-0.81", "251.00", "20.1", "18.2", "16.3",
    "0.1", "0.2", "0.3", "1.005", "2.675", "9007199254740993", "123456789012345", "1234567890123456", "0.000000000000001",
    "99999999999999.9", "1" + "0".repeat(400), "1" + "0".repeat(308), "4.35", "1e5", "0x10", "1,500", "1,234,567.89",
    "12,34", "1.2.3", "+", "-", ".", "", "--1", "1-", "(0.31)", "6.38%", "１２.５", "−3.07", "12abc", "NaN", "Infinity",
  ];
  it.each(written)("%j reads as the general rule reads it", (cell) => {
    expect(parseNumberText(cell)).toBe(parseNumberText(padded(cell)));
  });

  it("gives the double Number() gives for generated plain numbers up to 20 digits", () => {
    const next = rng(10);
    for (let n = 0; n < 20_000; n++) {
      const intLen = Math.floor(next() * 12);
      const fracLen = Math.floor(next() * 10);
      const digits = (len: number): string => Array.from({ length: len }, () => String(Math.floor(next() * 10))).join("");
      const sign = ["", "-", "+"][Math.floor(next() * 3)]!;
      const text = `${sign}${digits(intLen)}${fracLen > 0 || intLen === 0 ? "." : ""}${digits(fracLen || (intLen === 0 ? 1 : 0))}`;
      const value = parseFoldedNumber(text);
      expect(value).toBe(Number(text)); // toBe is Object.is: -0 and 0 differ
      expect(value).toBe(parseFoldedNumber(padded(text)));
    }
  });

  it("keeps the percent rules of the general path", () => {
    // Minsheng 表5: 科大讯飞 周涨跌幅 6.38%; a cell without % under a "(%)" header
    expect(parsePercentCell("6.38%", false)).toBe(0.0638);
    expect(parsePercentCell("1.20", true)).toBe(0.012);
    expect(parsePercentCell("1,234.5%", false)).toBe(12.345);
    expect(parsePercentCell("１２.５%", false)).toBe(0.125);
    expect(parsePercentCell("(3.07)%", false)).toBeUndefined();
  });
});

describe("tickers read by character", () => {
  /** The prefix rule as first written: startsWith on the six digits. */
  function exchangeByPrefix(code: string): string | null {
    if (!/^\d{6}$/.test(code)) return null;
    if (code.startsWith("60") || code.startsWith("68") || code.startsWith("900")) return "SH";
    if (code.startsWith("00") || code.startsWith("30") || code.startsWith("200")) return "SZ";
    if (code.startsWith("8") || code.startsWith("4") || code.startsWith("92")) return "BJ";
    return null;
  }

  it("keeps the exchange prefix rule for every three-digit prefix", () => {
    for (let p = 0; p < 1000; p++) {
      const code = `${String(p).padStart(3, "0")}977`;
      expect([code, exchangeOfCode(code)]).toEqual([code, exchangeByPrefix(code)]);
    }
    for (const notCode of ["60000", "6000000", "60000a", "６００００0", ""]) expect(exchangeOfCode(notCode)).toBeNull();
  });

  it("reads DDDDDD.XX and D.HK as the general rules do, for every prefix and exchange", () => {
    const suffixes = ["SZ", "SH", "BJ", "SS", "sz", "Sh", "HK", "XX"];
    for (let p = 0; p < 1000; p += 1) {
      for (const suffix of suffixes) {
        const text = `${String(p).padStart(3, "0")}256.${suffix}`;
        expect([text, normaliseFoldedTicker(text, false)]).toEqual([text, normaliseFoldedTicker(padded(text), false)]);
      }
    }
    for (let digits = 1; digits <= 6; digits++) {
      for (const code of ["0", "7", "700", "00700", "99999", "100000"].map((c) => c.slice(0, digits))) {
        const text = `${code}.HK`;
        expect([text, normaliseFoldedTicker(text, true)]).toEqual([text, normaliseFoldedTicker(padded(text), true)]);
      }
    }
  });

  it("gives the normalised forms of the seed tables' tickers", () => {
    // Huaxin 重点关注公司及盈利预测: 688256.SH 寒武纪-U, 000977.SZ 浪潮信息; Hong Kong codes as feeds print them
    expect(normaliseTicker("688256.SH")).toBe("688256.SH");
    expect(normaliseTicker("000977.SZ")).toBe("000977.SZ");
    expect(normaliseTicker("000977.SH")).toBeNull(); // the exchange disagrees with the prefix
    expect(normaliseTicker("700.HK")).toBe("0700.HK");
    expect(normaliseTicker("00700.HK")).toBe("0700.HK");
    expect(normaliseTicker("0.HK")).toBeNull();
    expect(normaliseTicker("830799.BJ")).toBe("830799.BJ");
  });
});

describe("cells told not missing by their first character", () => {
  it.each(["0", "1.5", "买入", "未评级", "-", "--", "—", "N/A", "n/a", "NA", "nm", "NULL", "/", "N.A.", "Nan", "增持", "0700.HK"])(
    "%j is missing exactly when the general rule says so",
    (cell) => {
      expect(isMissingFolded(cell)).toBe(isMissingFolded(padded(cell)));
      expect(isMissingCell(cell)).toBe(isMissingFolded(padded(cell)));
    },
  );
});

describe("folding leaves own-fold text alone", () => {
  it("changes no printable ASCII character and no unified ideograph (CJK Ext. A and the main block)", () => {
    const changed: string[] = [];
    for (const [from, to] of [[0x20, 0x7e], [0x3400, 0x4dbf], [0x4e00, 0x9fff]] as const) {
      for (let c = from; c <= to; c++) {
        const ch = String.fromCharCode(c);
        if (ch.normalize("NFKC") !== ch || foldForMatch(ch) !== ch) changed.push(ch);
      }
    }
    expect(changed).toEqual([]);
  });

  it("still folds what NFKC and the homoglyph map change, anywhere in a line", () => {
    // Minsheng 表5 prints "PB" as Cyrillic "РВ"; full-width digits, dots and letters from PDF text
    expect(foldForMatch("代码\t名称\tРВ")).toBe("代码\t名称\tPB");
    expect(foldForMatch("００７００．ＨＫ 腾讯控股")).toBe("00700.HK 腾讯控股");
    expect(foldForMatch("股价（元）")).toBe("股价(元)");
    expect(foldForMatch("ﬁ")).toBe("fi");
    expect(foldForMatch("e\u0301")).toBe("é");
    expect(foldForMatch("\u2212" + "3.07")).toBe("-3.07");
  });
});

describe("company names of ideographs and digits are their own canonical form", () => {
  it.each(["浪潮信息", "寒武纪", "甲1科技", "360", "中国长城", "中际旭创"])("%j reads as the general rule reads it", (name) => {
    expect(canonicalCompanyName(name)).toBe(name);
    expect(canonicalCompanyName(name)).toBe(canonicalCompanyName(padded(name)));
  });

  it("still drops status marks and spaces and upper-cases Latin letters", () => {
    // Huaxin 重点关注公司及盈利预测 prints 寒武纪-U; PDF line wraps leave spaces; ST marks come and go
    expect(canonicalCompanyName("寒武纪-U")).toBe("寒武纪");
    expect(canonicalCompanyName("*ST 泛微")).toBe("泛微");
    expect(canonicalCompanyName("云从 科技")).toBe("云从科技");
    expect(canonicalCompanyName("tcl科技")).toBe("TCL科技");
    expect(canonicalCompanyName("ＴＣＬ科技")).toBe("TCL科技");
  });
});
