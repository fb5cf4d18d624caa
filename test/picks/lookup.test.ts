/**
 * The lookup index behind AIC.PICK/PICKS/STOCK, over the bundled catalog (assets/catalog, each cell
 * checked against the notes by catalog-seeds.test.ts). Figures cite the note's table.
 */
import { BUNDLED_LISTS } from "../../src/picks/bundledCatalog";
import {
  buildPickIndex,
  listGrid,
  pickValue,
  PickStore,
  resolveField,
  resolveList,
  resolveSource,
  resolveTicker,
  setWorkbookLists,
  WORKBOOK_ORIGIN_PREFIX,
  type PickIndex,
} from "../../src/picks/lookup";
import type { PickList } from "../../src/picks/types";
import { ModelError } from "../../src/model/errors";

const index: PickIndex = buildPickIndex([{ origin: "catalog", lists: BUNDLED_LISTS }]);

function pick(ticker: string | number, field: string, year: number | null = null, source: string | null = null) {
  const record = resolveTicker(index, ticker);
  return pickValue(record, resolveField(index, field), year, source === null ? null : resolveSource(index, source)).value;
}

function failure(run: () => unknown): ModelError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ModelError);
    return e as ModelError;
  }
  throw new Error("expected a ModelError");
}

describe("values from the notes", () => {
  test("浪潮信息 EPS 2023 = 2.07 (Huaxin 重点关注公司及盈利预测; Minsheng 表5 prints no 2023)", () => {
    expect(pick("浪潮信息", "EPS", 2023)).toBe(2.07);
    expect(pick("浪潮信息", "eps 2023E")).toBe(2.07);
    expect(pick("浪潮信息", "每股收益", 2023)).toBe(2.07);
  });

  test("000977.SZ price = 34.56 from the newest report (Minsheng 表5), 30.38 from 华鑫证券", () => {
    expect(pick("000977.SZ", "price")).toBe(34.56);
    expect(pick("000977.SZ", "股价")).toBe(34.56);
    expect(pick("000977.SZ", "price", null, "华鑫证券")).toBe(30.38);
    expect(pick("000977.SZ", "Price", null, "Huaxin")).toBe(30.38);
    expect(pick("000977.SZ", "price", null, "huaxin-2024-02-18-focus")).toBe(30.38);
    expect(pick("000977.SZ", "price", null, "HUAXIN-2024-02-18")).toBe(30.38);
  });

  test("002230.SZ P/E 2022 = 193 (Minsheng 表5), 181.46 from Huaxin", () => {
    expect(pick("002230.SZ", "pe", 2022)).toBe(193);
    expect(pick("002230.SZ", "市盈率", 2022, "华鑫")).toBe(181.46);
    expect(pick("002230.SZ", "P/E", 2022, "Minsheng Securities")).toBe(193);
  });

  test("every ticker form the importer accepts, and numbers that lost their zeros", () => {
    for (const form of ["000977.SZ", "000977.sz", "SZ000977", "sz.000977", "000977 CH", "000977", "０００９７７.ＳＺ"]) {
      expect(pick(form, "price")).toBe(34.56);
    }
    expect(pick(977, "price")).toBe(34.56);
    // The newest report (Minsheng's themed list) prints 寒武纪; Huaxin's table prints 寒武纪-U: one company.
    expect(pick("688256.SH", "name")).toBe("寒武纪");
    expect(pick("688256.SH", "name", null, "华鑫证券")).toBe("寒武纪-U");
    expect(pick("寒武纪-U", "price")).toBe(115.4);
    expect(pick("寒武纪", "eps", 2023)).toBe(-2.06);
  });

  test("year omitted: the earliest estimate year (Huaxin 2023E), whatever report is newer", () => {
    expect(pick("000977.SZ", "eps")).toBe(2.07);
    expect(pick("000977.SZ", "pe")).toBe(14.68);
    // Minsheng 表5 prints only actuals: with that source, its latest year (2022).
    expect(pick("000977.SZ", "eps", null, "民生证券")).toBe(1.39);
  });

  test("text fields: rating, name, themes of the newest report", () => {
    expect(pick("000977.SZ", "rating")).toBe("买入");
    expect(pick("000977.SZ", "评级")).toBe("买入");
    expect(pick("000977.SZ", "name")).toBe("浪潮信息");
    expect(String(pick("000977.SZ", "theme"))).toContain("国产核心算力");
    expect(pick("000977.SZ", "theme", null, "华鑫证券")).toBe("国产算力");
    expect(pick("000977.SZ", "change")).toBe(0.1376);
    expect(pick("000977.SZ", "周涨跌幅")).toBe(0.1376);
  });
});

describe("errors", () => {
  test("an unknown ticker", () => {
    const e = failure(() => pick("999999.SH", "price"));
    expect(e.code).toBe("NA");
    expect(e.message).toBe("999999.SH is in no list the add-in knows");
    expect(failure(() => pick("600000.SH", "price")).message).toBe("600000.SH is in no list the add-in knows");
  });

  test("no such value names ticker, field, year and source", () => {
    const e = failure(() => pick("000977.SZ", "eps", 2025, "华鑫证券"));
    expect(e.code).toBe("NA");
    for (const w of ["000977.SZ", "EPS", "2025", "华鑫证券"]) expect(e.message).toContain(w);
    expect(failure(() => pick("000977.SZ", "pb", null, "华鑫证券")).message).toContain("P/B");
  });

  test("an unknown field lists the fields", () => {
    const e = failure(() => pick("000977.SZ", "colour"));
    expect(e.code).toBe("VALUE");
    for (const w of ['"colour"', "price", "eps", "rating", "股价"]) expect(e.message).toContain(w);
  });

  test("a name two tickers share lists both", () => {
    const shared: PickList = { ...BUNDLED_LISTS[0]!, id: "test-2024-03-01-x", rows: [{ ticker: "600000.SH", name: "浪潮信息", theme: "x" }] };
    const twin = buildPickIndex([{ origin: "catalog", lists: [...BUNDLED_LISTS, shared] }]);
    const e = failure(() => resolveTicker(twin, "浪潮信息"));
    expect(e.code).toBe("NA");
    expect(e.message).toContain("000977.SZ");
    expect(e.message).toContain("600000.SH");
  });

  test("an unknown source, a year on a field without years", () => {
    expect(failure(() => pick("000977.SZ", "price", null, "Goldman")).code).toBe("NA");
    expect(failure(() => pick("000977.SZ", "price", 2023)).code).toBe("VALUE");
  });
});

describe("whole lists", () => {
  test("huaxin-2024-02-18-focus: 17 rows and a header", () => {
    const grid = listGrid(index, resolveList(index, "huaxin-2024-02-18-focus"), [], true);
    expect(grid).toHaveLength(18);
    expect(grid[0]).toEqual(["Ticker", "Name", "Price", "EPS 2022", "EPS 2023E", "EPS 2024E", "P/E 2022", "P/E 2023E", "P/E 2024E", "Rating"]);
    expect(grid[2]).toEqual(["000977.SZ", "浪潮信息", 30.38, 1.57, 2.07, 2.69, 19.35, 14.68, 11.29, "买入"]);
  });

  test("fields choose and order columns", () => {
    const grid = listGrid(index, resolveList(index, "huaxin-2024-02-18-focus"), ["name", "eps 2023E", "评级"], false);
    expect(grid).toHaveLength(17);
    expect(grid[1]).toEqual(["浪潮信息", 2.07, "买入"]);
  });
});

describe("the store", () => {
  test("a feed's lists change what a lookup returns, and listeners hear of it", () => {
    const store = new PickStore();
    store.setListsFrom("catalog", BUNDLED_LISTS);
    let heard = 0;
    store.subscribe(() => heard++);
    const focus = BUNDLED_LISTS.find((l) => l.id === "minsheng-2024-02-25-table5-focus")!;
    const newer: PickList = {
      ...focus,
      rows: focus.rows.map((r) => (r.ticker === "000977.SZ" ? { ...r, price: 36.01 } : r)),
    };
    const before = pickValue(resolveTicker(store.index(), "000977.SZ"), resolveField(store.index(), "price"), null, null).value;
    store.setListsFrom("feed:https://team.example/minsheng.json", [newer]);
    expect(heard).toBe(1);
    expect(before).toBe(34.56);
    expect(pickValue(resolveTicker(store.index(), "000977.SZ"), resolveField(store.index(), "price"), null, null).value).toBe(36.01);
  });

  /** Minsheng 表5 with 浪潮信息 (000977.SZ, printed 34.56) at `price`: a copy of the same list from another origin. */
  const copyAt = (price: number): PickList => {
    const focus = BUNDLED_LISTS.find((l) => l.id === "minsheng-2024-02-25-table5-focus")!;
    return { ...focus, rows: focus.rows.map((r) => (r.ticker === "000977.SZ" ? { ...r, price } : r)) };
  };
  const priceIn = (store: PickStore): unknown =>
    pickValue(resolveTicker(store.index(), "000977.SZ"), resolveField(store.index(), "price"), null, null).value;

  test("copies of one list: a note imported this session beats the workbook's, the workbook's a feed's, a feed's the catalog's", () => {
    const store = new PickStore();
    store.setListsFrom("catalog", BUNDLED_LISTS);
    expect(priceIn(store)).toBe(34.56);
    store.setListsFrom("import:minsheng-2024-02-25-table5-focus", [copyAt(37)]);
    setWorkbookLists(store, [copyAt(36)]);
    store.setListsFrom("feed:all", [copyAt(35)]);
    expect(priceIn(store)).toBe(37);
    store.setListsFrom("import:minsheng-2024-02-25-table5-focus", []);
    expect(priceIn(store)).toBe(36);
    setWorkbookLists(store, []);
    expect(priceIn(store)).toBe(35);
  });

  test("the workbook's lists are replaced as one change: every origin under workbook: at once, one notice", () => {
    const store = new PickStore();
    store.setListsFrom("catalog", BUNDLED_LISTS);
    const other: PickList = { ...copyAt(40), id: "desk-note" };
    setWorkbookLists(store, [copyAt(36), other]);
    let heard = 0;
    store.subscribe(() => heard++);
    setWorkbookLists(store, [copyAt(38)]);
    expect(heard).toBe(1);
    expect(store.has(`${WORKBOOK_ORIGIN_PREFIX}desk-note`)).toBe(false);
    expect(priceIn(store)).toBe(38);
    expect(() => store.replaceOrigins(WORKBOOK_ORIGIN_PREFIX, new Map([["feed:x", [other]]]))).toThrow(/not an origin under workbook:/);
  });
});

describe("a broker the directory does not know, printed in Latin letters", () => {
  // Minsheng 表5 as a note by a house the directory does not know: 浪潮信息 (000977.SZ) at 34.56.
  const focus = BUNDLED_LISTS.find((l) => l.id === "minsheng-2024-02-25-table5-focus")!;
  const northstar: PickList = {
    ...focus,
    id: "northstar-securities-2025-02-03-table5-focus",
    source: { ...focus.source, broker: "Northstar Securities", brokerEn: "Northstar Securities", reportDate: "2025-02-03" },
    rows: focus.rows.map((r) => (r.ticker === "000977.SZ" ? { ...r, price: 41.2 } : r)),
  };
  const both = buildPickIndex([{ origin: "catalog", lists: BUNDLED_LISTS }, { origin: "import:northstar", lists: [northstar] }]);
  const price = (source: string): unknown =>
    pickValue(resolveTicker(both, "000977.SZ"), resolveField(both, "price"), null, resolveSource(both, source)).value;

  test("its slug, its name and its report id each name it as AIC.PICK's source", () => {
    expect(price("northstar-securities")).toBe(41.2);
    expect(price("Northstar Securities")).toBe(41.2);
    expect(price("northstar-securities-2025-02-03")).toBe(41.2);
    // The known houses still answer for themselves (Minsheng 表5: 34.56; Huaxin 重点关注公司: 30.38).
    expect(price("minsheng")).toBe(34.56);
    expect(price("华鑫证券")).toBe(30.38);
  });
});
