/**
 * AIC.PICK, AIC.PICKS and AIC.STOCK called as Excel calls them: every argument a 2-D array, omitted
 * optional arguments `null`, and a streaming invocation last, whose results the cell shows. Data: the
 * bundled catalog (assets/catalog; each cell checked against the notes by test/picks/catalog-seeds).
 * Figures cite the note and table they come from.
 */
import { BUNDLED_LISTS } from "../../src/picks/bundledCatalog";
import { pick, picks, stock } from "../../src/functions/functions";
import { pickStore } from "../../src/picks/lookup";
import type { PickList } from "../../src/picks/types";
import { setEntitySupport, type StockEntity } from "../../src/functions/stockEntity";
import { StreamingInvocationFake } from "../support/custom-functions-runtime";
import { cell, column, expectError, type ExcelArg } from "../support/excel-call";

const omitted = null;
const open: StreamingInvocationFake[] = [];

afterEach(() => {
  // Formulas deleted: every invocation cancelled, and no listener left behind.
  for (const inv of open.splice(0)) inv.cancel();
  pickStore().setListsFrom("feed:https://team.example/feed.json", []);
});

type Streaming = (...args: any[]) => void;

/**
 * Calls a streaming function as Excel does (every declared argument, null where omitted, then the
 * invocation) and returns the invocation: what the cell shows is `.last`.
 */
function call(fn: Streaming, ...args: ExcelArg[]): StreamingInvocationFake {
  const inv = new StreamingInvocationFake();
  open.push(inv);
  const all: ExcelArg[] = [...args];
  while (all.length < fn.length - 1) all.push(null);
  fn(...all, inv);
  return inv;
}

/** The one value a 1×1 result shows, or the error it shows. */
function shown(inv: StreamingInvocationFake): unknown {
  const r = inv.last;
  if (r instanceof CustomFunctions.Error) return r;
  const grid = r as unknown[][];
  expect(grid).toHaveLength(1);
  expect(grid[0]).toHaveLength(1);
  return grid[0]![0];
}

const PICK = (...args: ExcelArg[]) => shown(call(pick, ...args));

describe("AIC.PICK: figures from the notes", () => {
  test('=AIC.PICK("浪潮信息","EPS",2023) = 2.07 (Huaxin 重点关注公司及盈利预测)', () => {
    expect(PICK(cell("浪潮信息"), cell("EPS"), cell(2023))).toBe(2.07);
  });

  test('=AIC.PICK("000977.SZ","price") = 34.56, the newest report (Minsheng 表5); 30.38 with source 华鑫证券', () => {
    expect(PICK(cell("000977.SZ"), cell("price"))).toBe(34.56);
    expect(PICK(cell("000977.SZ"), cell("price"), omitted, cell("华鑫证券"))).toBe(30.38);
    expect(PICK(cell("000977.SZ"), cell("price"), cell(null), cell("Huaxin"))).toBe(30.38);
  });

  test('=AIC.PICK("002230.SZ","pe",2022) = 193 (Minsheng 表5)', () => {
    expect(PICK(cell("002230.SZ"), cell("pe"), cell(2022))).toBe(193);
  });

  test("fields in Chinese and English, any case; years as text; text results", () => {
    expect(PICK(cell("000977.SZ"), cell("股价"))).toBe(34.56);
    expect(PICK(cell("000977.SZ"), cell("EPS"), cell("2023E"))).toBe(2.07);
    expect(PICK(cell("000977.SZ"), cell("eps 2024E"))).toBe(2.69);
    expect(PICK(cell("000977.SZ"), cell("RATING"))).toBe("买入");
    expect(PICK(cell("300308.SZ"), cell("评级"))).toBe("增持");
    expect(PICK(cell("000977.SZ"), cell("市盈率"), cell(2023))).toBe(14.68);
    expect(PICK(cell("000977.SZ"), cell("pb"))).toBe(3);
  });

  test("full-width input is read as the importer reads it (NFKC)", () => {
    expect(PICK(cell("０００９７７．ＳＺ"), cell("ＰＲＩＣＥ"))).toBe(34.56);
    expect(PICK(cell("浪潮信息"), cell("ＥＰＳ"), cell("２０２３"))).toBe(2.07);
  });
});

describe("AIC.PICK: broadcasting like the other AIC functions", () => {
  test("a column of tickers against a row of fields gives a grid", () => {
    const inv = call(pick, column("000977.SZ", "002230.SZ", "688256.SH"), [["name", "price", "rating"]], omitted, cell("华鑫证券"));
    expect(inv.last).toEqual([
      ["浪潮信息", 30.38, "买入"],
      ["科大讯飞", 43.55, "买入"],
      ["寒武纪-U", 115.4, "未评级"],
    ]);
  });

  test("an error in one cell stays in that cell", () => {
    const grid = call(pick, column("000977.SZ", "999999.SH"), cell("price")).last as unknown[][];
    expect(grid[0]![0]).toBe(34.56);
    expectError(grid[1]![0] as never, "#N/A", "999999.SH is in no list the add-in knows");
  });

  test("a row of years", () => {
    expect(call(pick, cell("000977.SZ"), cell("eps"), [[2022, 2023, 2024]], cell("huaxin")).last).toEqual([[1.57, 2.07, 2.69]]);
  });
});

describe("AIC.PICK: every error path", () => {
  test("unknown ticker → #N/A with the exact message", () => {
    const e = PICK(cell("999999.SH"), cell("price"));
    expectError(e as never, "#N/A");
    expect((e as Error).message).toBe("AIC.PICK: 999999.SH is in no list the add-in knows");
  });

  test("no such value → #N/A naming ticker, field, year and source", () => {
    expectError(PICK(cell("000977.SZ"), cell("eps"), cell(2025), cell("华鑫证券")) as never, "#N/A", "000977.SZ", "EPS", "2025", "华鑫证券");
    expectError(PICK(cell("000628.SZ"), cell("eps"), cell(2023)) as never, "#N/A", "000628.SZ", "EPS", "2023");
  });

  test("unknown field → #VALUE! listing the fields", () => {
    expectError(PICK(cell("000977.SZ"), cell("colour")) as never, "#VALUE!", "AIC.PICK(field)", '"colour"', "price", "eps", "pe", "rating", "theme");
  });

  test("a name two tickers share → #N/A listing both", () => {
    const twin: PickList = { ...BUNDLED_LISTS[0]!, id: "feed-2024-03-01-twin", rows: [{ ticker: "600000.SH", name: "浪潮信息", theme: "x" }] };
    pickStore().setListsFrom("feed:https://team.example/feed.json", [twin]);
    expectError(PICK(cell("浪潮信息"), cell("price")) as never, "#N/A", "000977.SZ", "600000.SH");
  });

  test("unknown source → #N/A; year on a yearless field, a bad year, missing arguments → #VALUE!", () => {
    expectError(PICK(cell("000977.SZ"), cell("price"), omitted, cell("Goldman")) as never, "#N/A", "Goldman", "华鑫证券");
    expectError(PICK(cell("000977.SZ"), cell("price"), cell(2023)) as never, "#VALUE!", "no year");
    expectError(PICK(cell("000977.SZ"), cell("eps"), cell("next year")) as never, "#VALUE!", "(year)");
    expectError(PICK(cell(null), cell("price")) as never, "#VALUE!", "ticker is required");
    expectError(PICK(cell("000977.SZ"), cell(null)) as never, "#VALUE!", "field is required");
    expectError(PICK(cell(true), cell("price")) as never, "#VALUE!", "(ticker)");
  });

  test("an echoed name is cut at 40 characters with …", () => {
    const long = "浪".repeat(10_000);
    const e = PICK(cell(long), cell("price")) as Error;
    expectError(e as never, "#N/A");
    expect(e.message).toBe(`AIC.PICK: ${"浪".repeat(40)}… is in no list the add-in knows`);
  });

  test("an incoming Excel error passes through", () => {
    const incoming = new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, "upstream");
    expectError(PICK([[incoming as never]], cell("price")) as never, "#N/A", "upstream");
  });
});

describe("AIC.PICKS", () => {
  test("huaxin-2024-02-18-focus: 18 rows, the header then 17 companies (Huaxin 重点关注公司及盈利预测)", () => {
    const grid = call(picks, cell("huaxin-2024-02-18-focus"), omitted, omitted).last as unknown[][];
    expect(grid).toHaveLength(18);
    expect(grid[0]).toEqual(["Ticker", "Name", "Price", "EPS 2022", "EPS 2023E", "EPS 2024E", "P/E 2022", "P/E 2023E", "P/E 2024E", "Rating"]);
    expect(grid[2]).toEqual(["000977.SZ", "浪潮信息", 30.38, 1.57, 2.07, 2.69, 19.35, 14.68, 11.29, "买入"]);
    // 高新发展 printed no 2023E/2024E EPS: empty cells, never 0.
    expect(grid[1]!.slice(4, 6)).toEqual(["", ""]);
  });

  test("a row of fields selects and orders the columns; with_header FALSE leaves the header out", () => {
    const grid = call(picks, cell("minsheng-2024-02-25-table5-focus"), [["pe 2022", "名称", null]], cell(false)).last as unknown[][];
    expect(grid).toHaveLength(19);
    expect(grid[0]).toEqual([193, "科大讯飞"]);
  });

  test("errors: unknown list, unknown field, a field the list lacks, a range where one cell belongs", () => {
    expectError(call(picks, cell("nope"), omitted, omitted).last as never, "#N/A", "nope", "huaxin-2024-02-18-focus");
    expectError(call(picks, cell("huaxin-2024-02-18-focus"), [["colour"]], omitted).last as never, "#VALUE!", "colour");
    expectError(call(picks, cell("huaxin-2024-02-18-focus"), [["pb"]], omitted).last as never, "#N/A", "P/B", "huaxin-2024-02-18-focus");
    expectError(call(picks, column("a", "b"), omitted, omitted).last as never, "#VALUE!", "one cell");
  });
});

describe("AIC.STOCK", () => {
  afterEach(() => setEntitySupport(null));

  test("an entity whose properties match the catalog, each labelled with its source", () => {
    setEntitySupport(true);
    const entity = shown(call(stock, cell("000977.SZ"))) as StockEntity;
    expect(entity.type).toBe("Entity");
    expect(entity.text).toBe("浪潮信息 (000977.SZ)");
    expect(entity.provider).toEqual({ description: "AI Compute Desk" });
    expect(entity.properties.Ticker).toEqual({ type: "String", basicValue: "000977.SZ" });
    // Every value any catalog list prints for 浪潮信息 is on its broker's card, under the column's label.
    let checked = 0;
    for (const list of BUNDLED_LISTS) {
      const row = list.rows.find((r) => r.ticker === "000977.SZ");
      if (!row) continue;
      const card = entity.properties[list.source.brokerEn] as StockEntity;
      expect(card.type).toBe("Entity");
      expect((card.properties.Broker as { basicValue: string }).basicValue).toContain(list.source.broker);
      for (const column of list.columns) {
        const v = row[column.key];
        if (v === null || column.kind === "ticker" || column.kind === "name") continue;
        const label = column.kind === "theme" ? "Theme" : { price: "Price", change: "Weekly change", pb: "P/B", rating: "Rating" }[column.kind as string] ?? column.label.en;
        const property = card.properties[label] as { basicValue: unknown; propertyMetadata: { sublabel: string } };
        if (column.kind === "theme") expect(String(property.basicValue)).toContain(String(v));
        else expect(property.basicValue).toBe(v);
        expect(property.propertyMetadata.sublabel).toContain(list.source.broker);
        expect(property.propertyMetadata.sublabel).toContain(list.source.reportDate);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
    const huaxin = entity.properties["Huaxin Securities"] as StockEntity;
    expect(huaxin.properties["EPS 2023E"]).toMatchObject({ type: "Double", basicValue: 2.07 });
    expect((huaxin.properties["EPS 2023E"] as { propertyMetadata: { sublabel: string } }).propertyMetadata.sublabel).toContain("重点关注公司及盈利预测");
    expect(huaxin.properties["Price date"]).toMatchObject({ basicValue: "2024-02-18" });
    expect((entity.properties["Minsheng Securities"] as StockEntity).properties.Price).toMatchObject({ basicValue: 34.56 });
  });

  test("Excel without data types shows the text", () => {
    setEntitySupport(false);
    expect(shown(call(stock, cell("浪潮信息")))).toBe("浪潮信息 (000977.SZ)");
  });

  test("without an override, Excel's requirement sets decide (ExcelApi 1.16), asked again until Office is ready", () => {
    const holder = globalThis as { Office?: unknown };
    setEntitySupport(null);
    expect(shown(call(stock, cell("000977.SZ")))).toBe("浪潮信息 (000977.SZ)");
    holder.Office = { context: { requirements: { isSetSupported: (name: string, v: string) => name === "ExcelApi" && Number(v) <= 1.16 } } };
    try {
      expect((shown(call(stock, cell("000977.SZ"))) as StockEntity).type).toBe("Entity");
      setEntitySupport(null);
      holder.Office = { context: { requirements: { isSetSupported: () => false } } };
      expect(shown(call(stock, cell("000977.SZ")))).toBe("浪潮信息 (000977.SZ)");
    } finally {
      delete holder.Office;
    }
  });

  test("errors and broadcasting", () => {
    setEntitySupport(true);
    expectError(shown(call(stock, cell("999999.SH"))) as never, "#N/A", "AIC.STOCK: 999999.SH is in no list the add-in knows");
    const grid = call(stock, column("000977.SZ", "002230.SZ")).last as StockEntity[][];
    expect(grid.map((r) => r[0]!.text)).toEqual(["浪潮信息 (000977.SZ)", "科大讯飞 (002230.SZ)"]);
  });
});

describe("live: a data change updates the cells without recalculation", () => {
  const minsheng = BUNDLED_LISTS.find((l) => l.id === "minsheng-2024-02-25-table5-focus")!;
  const withPrice = (price: number): PickList => ({
    ...minsheng,
    rows: minsheng.rows.map((r) => (r.ticker === "000977.SZ" ? { ...r, price } : r)),
  });

  test("a feed update re-emits AIC.PICK, AIC.PICKS and AIC.STOCK; untouched cells stay quiet", () => {
    setEntitySupport(true);
    const price = call(pick, cell("000977.SZ"), cell("price"));
    const table = call(picks, cell("minsheng-2024-02-25-table5-focus"), [["ticker", "price"]], cell(false));
    const card = call(stock, cell("000977.SZ"));
    const huaxinPrice = call(pick, cell("000977.SZ"), cell("price"), omitted, cell("华鑫证券"));
    expect(shown(price)).toBe(34.56);

    pickStore().setListsFrom("feed:https://team.example/feed.json", [withPrice(36.01)]);

    expect(shown(price)).toBe(36.01);
    expect(price.results).toHaveLength(2);
    expect((table.last as unknown[][])[2]).toEqual(["000977.SZ", 36.01]);
    expect(((shown(card) as StockEntity).properties["Minsheng Securities"] as StockEntity).properties.Price).toMatchObject({ basicValue: 36.01 });
    // Huaxin's price did not change: that cell was not sent again.
    expect(huaxinPrice.results).toEqual([[[30.38]]]);
    setEntitySupport(null);
  });

  test("a feed removed falls back to the catalog; a cancelled formula stops listening", () => {
    const price = call(pick, cell("000977.SZ"), cell("price"));
    pickStore().setListsFrom("feed:https://team.example/feed.json", [withPrice(40)]);
    expect(shown(price)).toBe(40);
    pickStore().setListsFrom("feed:https://team.example/feed.json", []);
    expect(shown(price)).toBe(34.56);
    const listening = pickStore().listenerCount;
    price.cancel();
    expect(pickStore().listenerCount).toBe(listening - 1);
    pickStore().setListsFrom("feed:https://team.example/feed.json", [withPrice(50)]);
    expect(shown(price)).toBe(34.56);
  });

  test("an error cell becomes a value when an import brings the ticker", () => {
    const price = call(pick, cell("300999.SZ"), cell("price"));
    expectError(shown(price) as never, "#N/A", "300999.SZ is in no list");
    const imported: PickList = { ...minsheng, id: "import-2024-03-01-x", rows: [{ ...minsheng.rows[0]!, ticker: "300999.SZ", name: "新公司", price: 9.99 }] };
    pickStore().setListsFrom("import:note.txt", [imported]);
    expect(shown(price)).toBe(9.99);
    pickStore().setListsFrom("import:note.txt", []);
  });
});
