/** Report and price dates in every common form, and notes that print none (src/picks/importer/dates.ts, identity.ts, parse.ts). */
import { dateOnlyLine, findDates, identityLineDate, priceDateOfLine } from "../../../src/picks/importer/dates";
import { parseReport } from "../../../src/picks/parser";

/** A short note: one identity block, then a three-row table whose header carries no date. */
function note(opening: string, tableExtras = ""): string {
  return [
    opening,
    "",
    "表1：重点推荐",
    tableExtras,
    "代码\t名称\t股价\t评级",
    "000977.SZ\t浪潮信息\t30.38\t买入",
    "002230.SZ\t科大讯飞\t43.55\t买入",
    "",
  ].join("\n");
}

describe("findDates reads each printed form", () => {
  it.each([
    ["2025年03月09日", "2025-03-09"],
    ["2025年3月9日", "2025-03-09"],
    ["2025 年 3 月 9 号", "2025-03-09"],
    ["2025-03-09", "2025-03-09"],
    ["2025/3/9", "2025-03-09"],
    ["2025.03.09", "2025-03-09"],
    ["２０２５－０３－０９", "2025-03-09"],
    ["12 April 2025", "2025-04-12"],
    ["12 Apr 2025", "2025-04-12"],
    ["12-Apr-2025", "2025-04-12"],
    ["12th April, 2025", "2025-04-12"],
    ["Apr 12, 2025", "2025-04-12"],
    ["April 12 2025", "2025-04-12"],
    ["Sept. 3, 2024", "2024-09-03"],
    ["1 March 2024", "2024-03-01"],
  ])("%s → %s", (text, iso) => {
    expect(findDates(`Published ${text} (Beijing)`).map((d) => d.iso)).toEqual([iso]);
  });

  it("refuses impossible days and compact digits", () => {
    expect(findDates("31 April 2025")).toEqual([]);
    expect(findDates("Feb 30, 2024")).toEqual([]);
    expect(findDates("20250309")).toEqual([]);
    expect(findDates("2025/3-9")).toEqual([]);
  });

  it("finds several dates in order, once each", () => {
    expect(findDates("from 3 Mar 2025 to 2025-03-07").map((d) => d.iso)).toEqual(["2025-03-03", "2025-03-07"]);
  });
});

describe("where the report date is printed", () => {
  it("on a line of its own, or labelled", () => {
    expect(dateOnlyLine("2024年02月25日")).toBe("2024-02-25");
    expect(dateOnlyLine("报告日期：2025-03-09")).toBe("2025-03-09");
    expect(dateOnlyLine("Date: 12 April 2025")).toBe("2025-04-12");
    expect(dateOnlyLine("表1 2025-03-09")).toBeNull();
  });

  it("on the identity line with the broker and report type, not on a price line or a research list", () => {
    expect(identityLineDate("华泰证券 行业周报 2025年03月09日")?.iso).toBe("2025-03-09");
    expect(identityLineDate("Sector Update | 12 April 2025")?.iso).toBe("2025-04-12");
    expect(identityLineDate("股价（2025-03-07）")).toBeNull();
    expect(identityLineDate("Prices as of 11 Apr 2025")).toBeNull();
    expect(identityLineDate("1、《算力租赁跟踪》2025-02-01")).toBeNull();
  });

  it("a title-line date dates the note, not the later price date", () => {
    const r = parseReport(note("某某证券 计算机行业点评报告 2025年03月09日", "股价日期：2025-03-07"));
    expect(r.lists.map((l) => [l.source.reportDate, l.source.priceDate, l.source.reportDateOrigin])).toEqual([["2025-03-09", "2025-03-07", undefined]]);
    expect(r.problems).toEqual([]);
    expect(r.lists[0]!.id).toBe("report-2025-03-09-table1-picks");
  });

  it("an English identity line", () => {
    const r = parseReport(note("Haitong Securities   Company Update   Apr 12, 2025"));
    expect(r.report).toMatchObject({ reportDate: "2025-04-12", reportDateOrigin: "printed", broker: "海通证券", brokerEn: "Haitong Securities" });
  });
});

describe("price dates from captions, headers and source lines, in both languages", () => {
  it.each([
    ["prices as of 11 Apr 2025", "2025-04-11"],
    ["Closing prices at 2025/4/11", "2025-04-11"],
    ["股价日期：2024-02-18", "2024-02-18"],
    ["（股价为 2024 年 2 月 23 日收盘价）", "2024-02-23"],
    ["资料来源：Wind，区间为 2024 年 2 月 19 日至 2024 年 2 月 23 日", "2024-02-23"],
  ])("%s", (line, iso) => {
    expect(priceDateOfLine(line)).toBe(iso);
  });

  it("a price-date line between the caption and the header is stepped over and kept", () => {
    const r = parseReport(note("2025-04-14", "Prices as of 11 Apr 2025"));
    expect(r.lists[0]!.source.priceDate).toBe("2025-04-11");
  });

  it("a price date in a header cell: 收盘价（2024-02-18）", () => {
    const text = "2024-02-20\n\n表1：重点推荐\n代码\t名称\t收盘价（2024-02-18）\n000977.SZ\t浪潮信息\t30.38\n002230.SZ\t科大讯飞\t43.55\n";
    expect(parseReport(text).lists[0]!.source.priceDate).toBe("2024-02-18");
  });

  it("with no report date, the latest price date dates the note and it says so", () => {
    const r = parseReport(note("某某证券", "股价日期：2025-03-07"));
    expect(r.lists[0]!.source.reportDate).toBe("2025-03-07");
    expect(r.problems.map((p) => [p.code, "date" in p ? p.date : null])).toEqual([["date-from-prices", "2025-03-07"]]);
  });
});

describe("a note that prints no date", () => {
  const undated = note("某某证券 晨会纪要");

  it("still imports, dated by the import and marked as such", () => {
    const r = parseReport(undated, { importDate: "2025-05-06" });
    expect(r.lists).toHaveLength(1);
    expect(r.lists[0]!.source).toMatchObject({ reportDate: "2025-05-06", reportDateOrigin: "import", priceDate: null });
    expect(r.report?.reportDateOrigin).toBe("import");
    expect(r.problems).toEqual([expect.objectContaining({ code: "no-date", date: "2025-05-06", table: "(report)" })]);
  });

  it("keeps the same ids for the same text on another day, and different ids for different text", () => {
    const a = parseReport(undated, { importDate: "2025-05-06" }).lists[0]!.id;
    const b = parseReport(undated, { importDate: "2026-01-01" }).lists[0]!.id;
    const c = parseReport(undated.replace("30.38", "30.39"), { importDate: "2025-05-06" }).lists[0]!.id;
    expect(a).toMatch(/^report-undated-[0-9a-f]{8}-table1-picks$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it("takes the date the analyst gives, marked as given, with the ids that date makes", () => {
    const r = parseReport(undated, { reportDate: "2025-03-09", importDate: "2025-05-06" });
    expect(r.lists[0]!.source).toMatchObject({ reportDate: "2025-03-09", reportDateOrigin: "given" });
    expect(r.lists[0]!.id).toBe("report-2025-03-09-table1-picks");
    expect(r.problems).toEqual([]);
  });

  it("ignores a given date that is not a calendar date", () => {
    const r = parseReport(undated, { reportDate: "2025-02-30", importDate: "2025-05-06" });
    expect(r.lists[0]!.source.reportDateOrigin).toBe("import");
  });
});

describe("glyphs of PDF text (src/picks/glyphs.ts, applied once before parsing)", () => {
  it("a date and a month printed with the radical ⽉ (U+2F49) and full-width digits still date the note", () => {
    const r = parseReport(note("某某证券 行业周报 ２０２５年０３⽉０９⽇"));
    expect(r.report?.reportDate).toBe("2025-03-09");
  });
});
