/**
 * Reading a feed: format detection, CSV → pick list with every error naming the row and the column, and
 * JSON feeds validated. Vectors: Huaxin 重点关注公司及盈利预测 (华鑫证券, 2024-02-18) and Minsheng 表5
 * 重点关注个股 (民生证券, 2024-02-25), typed here as CSV as the reports print them and checked against the
 * bundled catalog's transcription (assets/catalog/*.json).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { csvToPickList, detectFeedFormat, parseCsvFeedOptions, parseFeedText, readJsonFeed, type CsvDefaults } from "../../src/picks/feed";
import type { PickList } from "../../src/picks/types";

const CATALOG = path.resolve(__dirname, "../../assets/catalog");
const catalogText = (file: string): string => fs.readFileSync(path.join(CATALOG, file), "utf8");
const catalogList = (id: string): PickList => JSON.parse(catalogText(`${id}.json`)) as PickList;
const DEFAULTS: CsvDefaults = { listId: "feed-0a1b2c3d", name: "huaxin", reportDate: "2024-02-20", url: "https://feeds.example.com/huaxin.csv" };

const HUAXIN_CSV = [
  "代码,名称,股价,2022 EPS,2023E EPS,2024E EPS,2022 PE,2023E PE,2024E PE,投资评级",
  "000628.SZ,高新发展,39.11,0.57,,,67,,,未评级",
  "000977.SZ,浪潮信息,30.38,1.57,2.07,2.69,19.35,14.68,11.29,买入",
  "688256.SH,寒武纪-U,115.40,-3.13,-2.06,-1.34,/,-,—,未评级",
].join("\n");

describe("csvToPickList", () => {
  it("reads the Huaxin table as the report prints it: the catalog's rows, blanks and / - — as null", () => {
    const result = csvToPickList(HUAXIN_CSV, {}, DEFAULTS);
    if (!result.ok || result.format !== "csv") throw new Error(JSON.stringify(result));
    const catalog = catalogList("huaxin-2024-02-18-focus");
    expect(result.list.columns.map((c) => [c.key, c.kind, c.year, c.estimate])).toEqual(catalog.columns.map((c) => [c.key, c.kind, c.year, c.estimate]));
    const expected = ["000628.SZ", "000977.SZ", "688256.SH"].map((t) => catalog.rows.find((r) => r.ticker === t));
    expect(result.list.rows).toEqual(expected);
  });

  it("reads a weekly change as a fraction: 6.38% and 6.38 under a (%) header are both 0.0638 (Minsheng 表5, 科大讯飞)", () => {
    const catalog = catalogList("minsheng-2024-02-25-table5-focus").rows.find((r) => r.ticker === "002230.SZ")!;
    for (const csv of ["证券代码,证券简称,股价,周涨跌幅,PB\n002230.SZ,科大讯飞,46.33,6.38%,6.6", "证券代码,证券简称,股价,周涨跌幅(%),PB\n002230.SZ,科大讯飞,46.33,6.38,6.6"]) {
      const result = csvToPickList(csv, {}, DEFAULTS);
      if (!result.ok || result.format !== "csv") throw new Error(JSON.stringify(result));
      expect(result.list.rows[0]).toEqual({ ticker: "002230.SZ", name: "科大讯飞", price: catalog.price, change_1w: catalog.change_1w, pb: catalog.pb });
    }
  });

  it("rejects a number that is not one, naming the data row and the column: row 4, column price", () => {
    const csv = "ticker,name,price\n000977.SZ,浪潮信息,30.38\n300308.SZ,中际旭创,127\n002230.SZ,科大讯飞,43.55\n688041.SH,海光信息,12.3x\n";
    expect(csvToPickList(csv, {}, DEFAULTS)).toEqual({ ok: false, format: "csv", errors: ['row 4, column price: "12.3x" is not a number'] });
    expect(csvToPickList("ticker,price\n000977.SZ,30%\n", {}, DEFAULTS)).toMatchObject({ errors: ['row 1, column price: "30%" is not a number'] });
  });

  it("rejects duplicate tickers (also when written differently), bad tickers and a missing ticker column", () => {
    const dup = csvToPickList("代码,名称\n000977.SZ,浪潮信息\n300308,中际旭创\n000977,浪潮信息\n", {}, DEFAULTS);
    expect(dup).toMatchObject({ ok: false, errors: ["row 3, column 代码: 000977.SZ already in row 1"] });
    expect(csvToPickList("代码,名称\nINSPUR,浪潮信息\n", {}, DEFAULTS)).toMatchObject({
      errors: ['row 1, column 代码: "INSPUR" is not a ticker (000977.SZ, 688256.SH, 0700.HK, 830799.BJ)'],
    });
    expect(csvToPickList("company,price\n浪潮信息,30.38\n", {}, DEFAULTS)).toMatchObject({
      errors: ["missing ticker column: no header reads as a ticker (代码, 证券代码, ticker, code …); headers: company, price"],
    });
  });

  it("rejects an EPS column without a year, and two headers that read as the same column", () => {
    expect(csvToPickList("ticker,EPS\n000977.SZ,1.57\n", {}, DEFAULTS)).toMatchObject({
      errors: ['column EPS: EPS needs a fiscal year in the header ("EPS 2024E") or a mapping'],
    });
    expect(csvToPickList("ticker,股价,收盘价\n000977.SZ,1,2\n", {}, DEFAULTS)).toMatchObject({
      errors: ['column 收盘价: reads as "price", as does column 股价; map one of them'],
    });
  });

  it("follows an explicit mapping: an unknown header as a price, a year for EPS, a column ignored", () => {
    const csv = "Symbol,Px,EPS,Cmt,Desk note\n000977.SZ,30.38,2.69,x,=HYPERLINK(\"http://e\")\n";
    const result = csvToPickList(csv, { mapping: { Px: { kind: "price" }, EPS: { kind: "eps", year: 2024, estimate: true }, Cmt: "ignore" } }, DEFAULTS);
    if (!result.ok || result.format !== "csv") throw new Error(JSON.stringify(result));
    expect(result.list.columns.map((c) => [c.key, c.kind])).toEqual([
      ["ticker", "ticker"],
      ["price", "price"],
      ["eps_2024", "eps"],
      ["desk_note", "text"],
    ]);
    // Feed text is data: a formula-looking note is kept verbatim, as text.
    expect(result.list.rows[0]).toEqual({ ticker: "000977.SZ", price: 30.38, eps_2024: 2.69, desk_note: '=HYPERLINK("http://e")' });
  });

  it("takes the list's metadata from the registration, with defaults, and the price date from the price header", () => {
    const named = csvToPickList("代码,2024-02-18 股价\n000977.SZ,30.38\n", { listId: "huaxin-focus-feed", title: { zh: "华鑫重点", en: "Huaxin focus" }, broker: "华鑫证券" }, DEFAULTS);
    if (!named.ok || named.format !== "csv") throw new Error(JSON.stringify(named));
    expect(named.list).toMatchObject({
      id: "huaxin-focus-feed",
      title: { zh: "华鑫重点", en: "Huaxin focus" },
      source: { broker: "华鑫证券", brokerEn: "华鑫证券", reportDate: "2024-02-20", priceDate: "2024-02-18", table: "华鑫重点", sourceLine: "CSV feed: https://feeds.example.com/huaxin.csv" },
    });
    const plain = csvToPickList("代码,股价\n000977.SZ,30.38\n", {}, DEFAULTS);
    expect(plain.ok && plain.format === "csv" && plain.list).toMatchObject({ id: "feed-0a1b2c3d", title: { zh: "huaxin", en: "huaxin" }, source: { priceDate: null } });
    expect(csvToPickList("代码\n000977.SZ\n", { listId: "Bad Id", reportDate: "2024-02-30" }, DEFAULTS)).toMatchObject({
      errors: ['list id "Bad Id": use lower-case letters, digits and single hyphens', 'report date "2024-02-30" is not a calendar date (YYYY-MM-DD)'],
    });
  });
});

describe("parseFeedText: any feed's text", () => {
  it("tells JSON from CSV by the first character", () => {
    expect(detectFeedFormat('\uFEFF  {"format":1}')).toBe("json");
    expect(detectFeedFormat("代码,名称")).toBe("csv");
  });

  it("reads a pick-list document and a catalog index (the bundled ones)", () => {
    const list = parseFeedText(catalogText("huaxin-2024-02-18-focus.json"), undefined, DEFAULTS);
    expect(list.ok && list.format === "picklist" && list.list.rows.length).toBe(17);
    const index = parseFeedText(catalogText("index.json"), undefined, DEFAULTS);
    expect(index.ok && index.format === "index" && index.index.reports.map((r) => r.id)).toEqual(["huaxin-2024-02-18", "minsheng-2024-02-25"]);
  });

  it("refuses the wrong format with a message: not JSON, a JSON array, another format, an invalid list", () => {
    expect(parseFeedText("{oops", undefined, DEFAULTS)).toMatchObject({ ok: false, format: null, errors: [expect.stringMatching(/^wrong format: not valid JSON/)] });
    expect(readJsonFeed([1])).toEqual({ ok: false, format: null, errors: ['wrong format: expected a JSON object with "format": "aic-picklist" or "aic-catalog", got an array'] });
    expect(readJsonFeed({ format: "csv" })).toEqual({ ok: false, format: null, errors: ['wrong format: a JSON document with "format": "csv"; a feed serves "aic-picklist" or "aic-catalog"'] });
    const broken = catalogList("huaxin-2024-02-18-focus");
    (broken.rows[3] as Record<string, unknown>).price = "11.78x";
    expect(readJsonFeed(broken)).toMatchObject({ ok: false, format: "picklist", errors: ['row 4, column "price": price column needs a number or null, got text "11.78x"'] });
  });
});

describe("parseCsvFeedOptions", () => {
  it("keeps well-typed fields only", () => {
    expect(
      parseCsvFeedOptions({ listId: "x", title: { zh: 1 }, priceDate: null, analysts: ["a", 2], delimiter: ";", mapping: { Px: { kind: "price", year: "2024" }, Bad: { kind: "evil" }, Skip: "ignore" }, extra: true }),
    ).toEqual({ listId: "x", priceDate: null, mapping: { Px: { kind: "price" }, Skip: "ignore" } });
    expect(parseCsvFeedOptions("nope")).toBeNull();
  });
});
