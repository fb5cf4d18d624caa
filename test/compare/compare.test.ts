/**
 * compareLists on the bundled catalog (both notes, every list). Test vectors from the seeds:
 * Huaxin 重点关注公司及盈利预测 (华鑫证券, prices of 2024-02-18; EPS 2022 / 2023E / 2024E, 投资评级),
 * Minsheng 表5 重点关注个股 (民生证券, prices of 2024-02-23; 2020EPS / 2021EPS / 2022EPS, no rating) and
 * the themed directions of both notes (names and tickers only).
 */
import { compareKey, compareLists, sharedTickers, type Comparison, type CompareRow } from "../../src/picks/compare";
import type { PickList } from "../../src/picks/types";
import { itWithSeeds, seedText } from "../support/seeds";
import { byId, catalogLists, HUAXIN_FOCUS, HUAXIN_SEED, MINSHENG_SEED, MINSHENG_TABLE5 } from "./catalog";

const HUAXIN = "华鑫证券";
const MINSHENG = "民生证券";

function row(comparison: Comparison, ticker: string): CompareRow {
  const found = comparison.rows.find((r) => r.ticker === ticker);
  if (!found) throw new Error(`no row ${ticker}`);
  return found;
}

/** EPS of `broker` for `year` in `r`, as the comparison aligns it. */
function eps(comparison: Comparison, r: CompareRow, broker: string, year: number): number | null | undefined {
  const b = comparison.brokers.findIndex((x) => x.broker === broker);
  const y = comparison.brokers[b].epsYears.findIndex((e) => e.year === year);
  if (y < 0) return undefined;
  return r.byBroker[b]?.eps[y] ?? null;
}

function rating(comparison: Comparison, r: CompareRow, broker: string): string | null {
  const b = comparison.brokers.findIndex((x) => x.broker === broker);
  return r.byBroker[b]?.rating ?? null;
}

function spread(comparison: Comparison, r: CompareRow, year: number): number | null {
  return r.spread[comparison.spreadYears.findIndex((y) => y.year === year)] ?? null;
}

describe("compareLists: the two notes (whole catalog)", () => {
  let lists: PickList[];
  let comparison: Comparison;
  beforeAll(async () => {
    lists = await catalogLists();
    comparison = compareLists(lists);
  });

  it("the overlap is exactly 浪潮信息, 科大讯飞, 海光信息, 寒武纪 and 高新发展, as both seeds name them", () => {
    const shared = sharedTickers(comparison);
    expect(new Set(shared)).toEqual(new Set(["000977.SZ", "002230.SZ", "688041.SH", "688256.SH", "000628.SZ"]));
    expect(shared).toHaveLength(5);
    // Shared tickers come first; every other row is named by one broker only.
    expect(comparison.rows.slice(0, 5).map((r) => r.ticker)).toEqual(["000628.SZ", "000977.SZ", "002230.SZ", "688041.SH", "688256.SH"]);
    expect(comparison.rows.slice(5).every((r) => r.brokerCount === 1)).toBe(true);
  });

  itWithSeeds("each of the five shared companies is printed in both seed notes", () => {
    const huaxin = seedText(HUAXIN_SEED);
    const minsheng = seedText(MINSHENG_SEED);
    for (const r of comparison.rows.filter((x) => x.brokerCount >= 2)) {
      expect({ name: r.name, huaxin: huaxin.includes(r.name ?? "?") }).toEqual({ name: r.name, huaxin: true });
      expect({ name: r.name, minsheng: minsheng.includes(r.name ?? "?") }).toEqual({ name: r.name, minsheng: true });
    }
    expect(comparison.rows.filter((x) => x.brokerCount >= 2).map((r) => r.name).sort()).toEqual(["寒武纪", "浪潮信息", "海光信息", "科大讯飞", "高新发展"].sort());
  });

  it("has one row per ticker across all 13 lists (17 Huaxin + 40 Minsheng tickers, 5 shared)", () => {
    expect(comparison.rows).toHaveLength(17 + 40 - 5);
    expect(new Set(comparison.rows.map((r) => r.ticker)).size).toBe(comparison.rows.length);
    expect(comparison.brokers.map((b) => b.broker)).toEqual([HUAXIN, MINSHENG]);
  });

  it("科大讯飞: Huaxin EPS 2022 0.24 (买入) and Minsheng 表5 2022EPS 0.24: spread 0; price 46.33 of 2024-02-23", () => {
    const r = row(comparison, "002230.SZ");
    expect(r.name).toBe("科大讯飞");
    expect(rating(comparison, r, HUAXIN)).toBe("买入");
    expect(rating(comparison, r, MINSHENG)).toBeNull(); // 表5 prints no rating
    expect([2022, 2023, 2024].map((y) => eps(comparison, r, HUAXIN, y))).toEqual([0.24, 0.45, 0.65]);
    expect([2020, 2021, 2022].map((y) => eps(comparison, r, MINSHENG, y))).toEqual([0.64, 0.7, 0.24]);
    expect(spread(comparison, r, 2022)).toBe(0);
    // Huaxin printed 43.55 on 2024-02-18; Minsheng's 46.33 of 2024-02-23 is the later one.
    expect([r.price, r.priceDate, r.priceListId]).toEqual([46.33, "2024-02-23", MINSHENG_TABLE5]);
    // Lists in input order (the catalog index's order).
    expect(r.listIds).toEqual([
      "huaxin-2024-02-18-theme-ai-applications",
      HUAXIN_FOCUS,
      "minsheng-2024-02-25-theme-huawei-ascend-all-in-one",
      MINSHENG_TABLE5,
    ]);
  });

  it("浪潮信息: Huaxin EPS 2022 1.57 against Minsheng 2022EPS 1.39 is a spread of 0.18 (no float noise)", () => {
    const r = row(comparison, "000977.SZ");
    expect(eps(comparison, r, HUAXIN, 2022)).toBe(1.57);
    expect(eps(comparison, r, MINSHENG, 2022)).toBe(1.39);
    expect(spread(comparison, r, 2022)).toBe(0.18);
    expect([r.price, r.priceDate]).toEqual([34.56, "2024-02-23"]);
  });

  it("only 2022 overlaps: Minsheng 表5's years are 2020–2022, Huaxin's 2022/2023E/2024E", () => {
    expect(comparison.spreadYears).toEqual([{ year: 2022, estimate: false }]);
    const [huaxin, minsheng] = comparison.brokers;
    expect(huaxin.epsYears).toEqual([
      { year: 2022, estimate: false },
      { year: 2023, estimate: true },
      { year: 2024, estimate: true },
    ]);
    expect(minsheng.epsYears.map((y) => y.year)).toEqual([2020, 2021, 2022]);
    expect([huaxin.hasRating, minsheng.hasRating]).toEqual([true, false]);
  });

  it("a ticker named by a themed list only counts as named; its spread is null, never 0", () => {
    // 海光信息: Huaxin table (EPS 2022 0.35) and Minsheng 国产核心算力 (name only).
    const r = row(comparison, "688041.SH");
    expect(r.brokerCount).toBe(2);
    expect(eps(comparison, r, HUAXIN, 2022)).toBe(0.35);
    expect(eps(comparison, r, MINSHENG, 2022)).toBeNull();
    expect(spread(comparison, r, 2022)).toBeNull();
    // No Minsheng price for it: Huaxin's 76.72 of 2024-02-18.
    expect([r.price, r.priceDate, r.priceListId]).toEqual([76.72, "2024-02-18", HUAXIN_FOCUS]);
    // 高新发展: Huaxin prints 2022 only; the estimates are missing (null), not 0.
    const g = row(comparison, "000628.SZ");
    expect([2022, 2023, 2024].map((y) => eps(comparison, g, HUAXIN, y))).toEqual([0.57, null, null]);
  });

  it("matches by ticker, not by name: 寒武纪-U (Huaxin table) and 寒武纪 (themes) are one row", () => {
    const r = row(comparison, "688256.SH");
    expect(new Set(r.names)).toEqual(new Set(["寒武纪", "寒武纪-U"]));
    expect(r.name).toBe(r.names[0]);
    expect(eps(comparison, r, HUAXIN, 2023)).toBe(-2.06);
  });

  it("minBrokers keeps only the overlap", () => {
    expect(compareLists(lists, { minBrokers: 2 }).rows.map((r) => r.ticker)).toEqual(sharedTickers(comparison));
  });
});

describe("compareLists: rules on small inputs", () => {
  let huaxin: PickList;
  let table5: PickList;
  beforeAll(async () => {
    const lists = await catalogLists();
    huaxin = byId(lists, HUAXIN_FOCUS);
    table5 = byId(lists, MINSHENG_TABLE5);
  });

  it("normalises tickers before matching (SZ002230, 002230 and 002230.SZ are one company)", () => {
    expect(compareKey("SZ002230")).toBe("002230.SZ");
    expect(compareKey(" 002230 ")).toBe("002230.SZ");
    expect(compareKey("")).toBeNull();
    expect(compareKey(null)).toBeNull();
    const renamed: PickList = { ...table5, rows: table5.rows.map((r) => ({ ...r, ticker: `SZ${String(r.ticker).slice(0, 6)}` })) };
    // Only the Shenzhen rows survive the rewrite as valid tickers; 科大讯飞 is one of them.
    const c = compareLists([huaxin, renamed]);
    expect(row(c, "002230.SZ").brokerCount).toBe(2);
  });

  it("within one broker, the list with the later report date wins; a tie keeps the first list given", () => {
    const revised: PickList = {
      ...huaxin,
      id: "huaxin-2024-03-01-focus",
      source: { ...huaxin.source, reportDate: "2024-03-01", priceDate: "2024-03-01" },
      rows: huaxin.rows.map((r) => (r.ticker === "002230.SZ" ? { ...r, eps_2023: 0.5, rating: "增持", price: 50 } : r)),
    };
    for (const order of [
      [huaxin, revised],
      [revised, huaxin],
    ]) {
      const c = compareLists(order);
      const r = row(c, "002230.SZ");
      expect(c.brokers).toHaveLength(1);
      expect(eps(c, r, HUAXIN, 2023)).toBe(0.5);
      expect(rating(c, r, HUAXIN)).toBe("增持");
      expect(r.price).toBe(50);
      expect(r.spread).toEqual([]); // one broker: no spread year at all
    }
    const twin: PickList = { ...revised, id: "twin", source: { ...revised.source, reportDate: huaxin.source.reportDate } };
    expect(eps(compareLists([huaxin, twin]), row(compareLists([huaxin, twin]), "002230.SZ"), HUAXIN, 2023)).toBe(0.45);
  });

  it("a price without a price date is older than any dated one", () => {
    const undated: PickList = {
      ...table5,
      source: { ...table5.source, priceDate: null },
    };
    const r = row(compareLists([undated, huaxin]), "002230.SZ");
    expect([r.price, r.priceDate, r.priceListId]).toEqual([43.55, "2024-02-18", HUAXIN_FOCUS]);
  });

  it("skips rows without a ticker instead of inventing one", () => {
    const blank: PickList = { ...huaxin, rows: [{ ...huaxin.rows[0], ticker: null }, huaxin.rows[1]] };
    expect(compareLists([blank]).rows.map((r) => r.ticker)).toEqual([huaxin.rows[1].ticker]);
  });
});
