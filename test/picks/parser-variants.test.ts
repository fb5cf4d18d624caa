/**
 * The importer on notes it has not seen: the seed excerpts rewritten (columns reordered, spaces for
 * tabs, extra blank lines, English headers), a made-up note with Hong Kong tickers and English
 * headers, and small notes that must be reported rather than guessed.
 */
import { parseReport } from "../../src/picks/parser";
import type { PickList } from "../../src/picks/types";
import { fixture, listById, rowByTicker, problemWords } from "./support";

const HUAXIN = fixture("huaxin-excerpt.txt");
const MINSHENG = fixture("minsheng-excerpt.txt");
const huaxinLists = parseReport(HUAXIN).lists;
const minshengLists = parseReport(MINSHENG).lists;

/** Rewrites every tab-separated line of a text. */
function mapTabLines(text: string, f: (cells: string[]) => string[]): string {
  return text
    .split("\n")
    .map((line) => (line.includes("\t") ? f(line.split("\t")).join("\t") : line))
    .join("\n");
}

/** The same list with its columns in another order: compare rows by key, columns as a set. */
function sameContent(actual: PickList, expected: PickList): void {
  const byKey = (list: PickList) => [...list.columns].sort((a, b) => a.key.localeCompare(b.key));
  expect(byKey(actual)).toEqual(byKey(expected));
  expect(actual.rows).toEqual(expected.rows); // toEqual ignores key order within a row
  expect(actual.source).toEqual(expected.source);
  expect(actual.id).toBe(expected.id);
}

describe("columns reordered", () => {
  it("Huaxin: moving whole column groups keeps EPS/PE years with their header", () => {
    // blocks: ticker | name | price | EPS×3 | PE×3 | rating  →  name | rating | PE×3 | ticker | price | EPS×3
    const order = [1, 9, 6, 7, 8, 0, 2, 3, 4, 5];
    const text = mapTabLines(HUAXIN, (cells) => order.map((i) => cells[i] ?? ""));
    const result = parseReport(text);
    const focus = listById(result.lists, "huaxin-2024-02-18-focus");
    expect(focus.columns.map((c) => c.key)).toEqual([
      "name", "rating", "pe_2022", "pe_2023", "pe_2024", "ticker", "price", "eps_2022", "eps_2023", "eps_2024",
    ]);
    sameContent(focus, listById(huaxinLists, "huaxin-2024-02-18-focus"));
    // 高新发展's blanks stay where they were printed
    expect(rowByTicker(focus, "000628.SZ")).toMatchObject({ eps_2023: null, pe_2022: 67, pe_2023: null });
  });

  it("Minsheng: every table read right to left", () => {
    const result = parseReport(mapTabLines(MINSHENG, (cells) => [...cells].reverse()));
    expect(problemWords(result.problems)).toEqual([]);
    for (const id of ["minsheng-2024-02-25-table3-gainers", "minsheng-2024-02-25-table4-losers", "minsheng-2024-02-25-table5-focus"]) {
      const list = listById(result.lists, id);
      expect(list.columns[list.columns.length - 1]!.key).toBe("ticker");
      sameContent(list, listById(minshengLists, id));
    }
  });
});

describe("extra blank lines", () => {
  it("between rows and inside the two-line header", () => {
    const text = HUAXIN.split("\n").map((line) => (line.includes("\t") ? `${line}\n\n` : line)).join("\n");
    const result = parseReport(text);
    expect(result.lists.map((l) => l.id)).toEqual(huaxinLists.map((l) => l.id));
    expect(listById(result.lists, "huaxin-2024-02-18-focus")).toEqual(listById(huaxinLists, "huaxin-2024-02-18-focus"));
  });

  it("with Windows line ends and a BOM", () => {
    const result = parseReport(`\uFEFF${MINSHENG.replace(/\n/g, "\r\n")}`);
    expect(result.lists).toEqual(minshengLists);
  });
});

describe("space-separated tables", () => {
  const singleSpaced = (text: string) => mapTabLines(text, (cells) => [cells.filter((c) => c !== "").join(" ")]).replace(/\t/g, " ");

  it("Minsheng: rows with every cell filled read the same as with tabs (ST 泛微 keeps its space)", () => {
    const result = parseReport(singleSpaced(MINSHENG));
    expect(problemWords(result.problems)).toEqual([]);
    expect(result.lists).toEqual(minshengLists);
  });

  it("Minsheng: cells separated by runs of spaces", () => {
    const result = parseReport(mapTabLines(MINSHENG, (cells) => [cells.join("   ")]));
    expect(result.lists).toEqual(minshengLists);
  });

  it("Huaxin: blank cells cannot be placed, so the table is reported as ambiguous, not guessed", () => {
    const result = parseReport(singleSpaced(HUAXIN));
    expect(result.lists.map((l) => l.id)).not.toContain("huaxin-2024-02-18-focus");
    expect(problemWords(result.problems)).toContainEqual({
      table: "重点关注公司及盈利预测",
      reason:
        "ambiguous: row 1 (000628.SZ) has 6 space-separated values for 10 columns; in space-separated text the position of a blank cell cannot be known",
    });
    // The header was still read: its price date dates the note, so the themed lists are kept.
    expect(result.lists.map((l) => l.id)).toEqual(huaxinLists.filter((l) => l.id.includes("-theme-")).map((l) => l.id));
  });

  it("Huaxin: tabs turned into single spaces (blanks become extra spaces) are ambiguous too", () => {
    const result = parseReport(HUAXIN.replace(/\t/g, " "));
    expect(result.problems.map((p) => p.reason)).toContainEqual(expect.stringMatching(/^ambiguous: row 1 \(000628\.SZ\)/));
  });
});

describe("English headers and other ticker spellings", () => {
  it("Minsheng 表3/表4 with English headers and exchange-prefixed tickers", () => {
    const text = MINSHENG.replace(
      /证券代码\t证券简称\t周涨跌幅\(%\)\t收盘价 \(元\)\t周最低价 \(元\)\t周最高价 \(元\)/g,
      "Code\tName\tWeekly change (%)\tClose (CNY)\tWeekly low\tWeekly high",
    ).replace(/^(\d{6})\.(SZ|SH)\t/gm, (_m, code: string, ex: string) => `${ex}${code}\t`);
    const result = parseReport(text);
    expect(problemWords(result.problems)).toEqual([]);
    expect(result.lists).toEqual(minshengLists);
  });

  const note = parseReport(fixture("unseen-note-hk-english.txt"));

  it("a made-up note: Hong Kong tickers, Chg (%) without % signs, — and N/A", () => {
    const table = listById(note.lists, "report-2024-03-01-table2-focus");
    expect(table.rows).toEqual([
      { ticker: "0700.HK", name: "腾讯控股", price: 290, change: 0.012, eps_2023: 15.2, eps_2024: 17.8, pe_2023: 19.1, pe_2024: 16.3, rating: "买入" },
      { ticker: "9988.HK", name: "阿里巴巴-W", price: 72.5, change: -0.008, eps_2023: 7.1, eps_2024: null, pe_2023: 10.2, pe_2024: null, rating: "增持" },
      { ticker: "1810.HK", name: "小米集团-W", price: 14.2, change: 0.005, eps_2023: 0.7, eps_2024: 0.85, pe_2023: null, pe_2024: 16.7, rating: "未评级" },
    ]);
    expect(table.source).toEqual({
      broker: "示例证券",
      brokerEn: "",
      reportTitle: "港股互联网周报：云与 AI 基础设施",
      reportDate: "2024-03-01",
      priceDate: "2024-02-29",
      analysts: ["张三"],
      sourceLine: "Source: Bloomberg, 示例证券研究所 (prices as of 2024-02-29)",
      table: "Table 2: Stocks in focus",
    });
    expect(table.title).toEqual({ zh: "Stocks in focus", en: "Stocks in focus" });
  });

  it("a made-up note: themed names resolved from its own table (阿里巴巴 -W suffix), unknown ones left null and reported", () => {
    expect(listById(note.lists, "report-2024-03-01-theme-1").rows).toEqual([
      { ticker: "0700.HK", name: "腾讯控股", theme: "云计算" },
      { ticker: "9988.HK", name: "阿里巴巴-W", theme: "云计算" },
    ]);
    expect(listById(note.lists, "report-2024-03-01-theme-2").rows).toEqual([
      { ticker: "1810.HK", name: "小米集团-W", theme: "智能终端" },
      { ticker: null, name: "联想集团", theme: "智能终端" },
    ]);
    expect(problemWords(note.problems)).toEqual([
      { table: "投资建议: 智能终端", reason: '"联想集团" is in neither the note\'s tables nor any list or directory the add-in knows; its ticker is left null' },
    ]);
  });
});

/** A minimal dated note around a table body. */
function note(body: string): string {
  return `示例证券\n\n测试报告标题\n\n2024年03月01日\n\n表1: 重点推荐\n\n${body}\n\n资料来源: Wind, 示例证券研究所\n`;
}

describe("tables reported, not guessed", () => {
  it("an EPS column with no year", () => {
    const r = parseReport(note("代码\t名称\tEPS\n000977.SZ\t浪潮信息\t1.57\n002230.SZ\t科大讯飞\t0.24"));
    expect(r.lists).toEqual([]);
    expect(problemWords(r.problems)).toEqual([{ table: "表1: 重点推荐", reason: 'column "EPS" has no year; EPS and P/E columns need one (2023E)' }]);
  });

  it("a change column whose unit cannot be told", () => {
    const r = parseReport(note("代码\t名称\t涨跌幅\n000977.SZ\t浪潮信息\t6.38"));
    expect(problemWords(r.problems)).toEqual([
      {
        table: "表1: 重点推荐",
        reason: 'row 1 (000977.SZ), column "change": "6.38" has no % sign and the header gives no unit; cannot tell a percentage from a fraction',
      },
    ]);
  });

  it("a text value in a number column", () => {
    const r = parseReport(note("代码\t名称\t股价\n000977.SZ\t浪潮信息\t停牌"));
    expect(r.problems[0]!.reason).toBe('row 1 (000977.SZ), column "price": "停牌" is not a number');
  });

  it("rows with tickers but no header", () => {
    const r = parseReport(note("000977.SZ\t浪潮信息\t30.38\n002230.SZ\t科大讯飞\t43.55"));
    expect(problemWords(r.problems)).toEqual([{ table: "表1: 重点推荐", reason: "rows with tickers but no header line above them" }]);
  });

  it("a space-separated header with a word no rule knows", () => {
    const r = parseReport(note("代码 名称 目标价 股价\n000977.SZ 浪潮信息 40.00 30.38"));
    expect(problemWords(r.problems)).toEqual([
      { table: "表1: 重点推荐", reason: 'header "目标价" is not recognised, and in space-separated text its extent cannot be known' },
    ]);
  });

  it("the same ticker twice", () => {
    const r = parseReport(note("代码\t名称\t股价\n000977.SZ\t浪潮信息\t30.38\n000977.SZ\t浪潮信息\t30.40"));
    expect(r.problems[0]!.reason).toBe("row 2: 000977.SZ already in row 1");
  });

  it("a value under no header", () => {
    const r = parseReport(note("代码\t名称\t股价\n000977.SZ\t浪潮信息\t30.38\t买入"));
    expect(r.problems[0]!.reason).toBe("column 4 has values but no header");
  });

  // Issue 10 changed this: a note with no date still imports, dated by the import and marked so
  // (test/picks/importer/dates.test.ts has the rule in full).
  it("a note with no date at all is dated by the import, and says so", () => {
    const r = parseReport("表1: 重点推荐\n\n代码\t名称\t股价\n000977.SZ\t浪潮信息\t30.38\n", { importDate: "2025-04-01" });
    expect(r.lists.map((l) => [l.source.reportDate, l.source.reportDateOrigin])).toEqual([["2025-04-01", "import"]]);
    expect(r.problems.map((p) => p.code)).toEqual(["no-date"]);
  });
});

describe("tables read on unseen conventions", () => {
  it("keeps an unknown tab-separated column, typed by its values, and says so", () => {
    const r = parseReport(note("代码\t名称\t股价\t市值 (亿元)\n000977.SZ\t浪潮信息\t30.38\t447.2\n002230.SZ\t科大讯飞\t43.55\t/"));
    const list = r.lists[0]!;
    expect(list.columns[3]).toEqual({ key: "col4", kind: "number", label: { zh: "市值 (亿元)", en: "市值 (亿元)" } });
    expect(list.rows.map((row) => row.col4)).toEqual([447.2, null]);
    expect(problemWords(r.problems)).toEqual([
      { table: "表1: 重点推荐", reason: 'column 4 "市值 (亿元)" is not a known header; kept as number column "col4"' },
    ]);
  });

  it("bare six-digit codes under a code header get their exchange from the prefix", () => {
    const r = parseReport(note("股票代码\t股票名称\t收盘价\n000977\t浪潮信息\t30.38\n688256\t寒武纪-U\t115.40\n830799\t艾融软件\t20.00"));
    expect(r.lists[0]!.rows.map((row) => row.ticker)).toEqual(["000977.SZ", "688256.SH", "830799.BJ"]);
    expect(r.lists[0]!.id).toBe("report-2024-03-01-table1-picks");
  });

  it("takes a column of tickers under an unknown header as the ticker column", () => {
    const r = parseReport(note("Bloomberg\t名称\t股价\n000977 CH\t浪潮信息\t30.38\n002230 CH\t科大讯飞\t43.55"));
    expect(problemWords(r.problems)).toEqual([]);
    expect(r.lists[0]!.columns.map((c) => c.key)).toEqual(["ticker", "name", "price"]);
    expect(r.lists[0]!.rows.map((row) => row.ticker)).toEqual(["000977.SZ", "002230.SZ"]);
  });

  it("ignores prose that merely mentions a ticker", () => {
    const r = parseReport(note("代码\t名称\t股价\n000977.SZ\t浪潮信息\t30.38") + "\n中兴通讯 000063.SZ 发布年报，营收创历史新高。\n");
    expect(problemWords(r.problems)).toEqual([]);
    expect(r.lists).toHaveLength(1);
  });

  it("reads a themed list in its simplest form and keeps each list once", () => {
    const text = "2024年03月01日\n\n投资建议\n\n建议关注：\n1. 光模块：中际旭创、新易盛等；\n2. 光模块: 中际旭创、新 易盛\n";
    const r = parseReport(text);
    expect(r.lists.map((l) => [l.id, l.rows.map((row) => row.ticker)])).toEqual([
      ["report-2024-03-01-theme-optical-modules", [null, null]],
    ]);
  });

  it("does not take prose lists for themed lists", () => {
    const text =
      "2024年03月01日\n\n● 市场回顾\n\n板块个股涨幅前五名分别为:天泽信息、当虹科技、中威电子;\n\n擅长领域包括：云计算、网络安全、人工智能、区块链等。\n";
    expect(parseReport(text)).toEqual({ lists: [], problems: [] });
  });
});
