/**
 * The lists a workbook holds reach AIC.PICK after the workbook is closed and reopened: a list inserted
 * in a fake workbook (test/support/excelFake.ts) is read back from its record and merge base by
 * readWorkbookLists into a fresh pick store, as the add-in does when it starts in that workbook, and the
 * shipped AIC.PICK then answers from it. Figures: Huaxin 重点关注公司及盈利预测 (华鑫证券, 2024-02-18):
 * 浪潮信息 000977.SZ EPS 2023 2.07, price 30.38; Minsheng 表5 (2024-02-25): price 34.56. The "later note"
 * below is that Huaxin table re-dated 2024-03-01 with 浪潮信息 at 31.50: a note the catalog does not have.
 */
import { insertPickList } from "../../src/excel/insert";
import { refreshTables } from "../../src/excel/refresh";
import { listFromWorkbook, loadWorkbookLists, readWorkbookLists } from "../../src/excel/workbookLists";
import { pick } from "../../src/functions/functions";
import { pickStore, PickStore, WORKBOOK_ORIGIN_PREFIX } from "../../src/picks/lookup";
import type { PickList } from "../../src/picks/types";
import { decodeBase } from "../../src/excel/base";
import { parsePickTableRecord } from "../../src/excel/workbookRecord";
import { StreamingInvocationFake } from "../support/custom-functions-runtime";
import { FakeExcel, FakeExcelError } from "../support/excelFake";
import { huaxinList } from "./lists";

const FEED_URL = "https://team.example/notes.json";

/** The Huaxin table as a later note imported by the analyst: re-dated, 浪潮信息 at 31.50. */
function laterNote(price = 31.5): PickList {
  const list = huaxinList();
  list.id = "huaxin-2024-03-01-focus";
  list.source = { ...list.source, reportDate: "2024-03-01", priceDate: "2024-03-01" };
  list.rows = list.rows.map((r) => (r.ticker === "000977.SZ" ? { ...r, price } : r));
  return list;
}

/** A fresh page: a new store in the page's global slot (what pickStore() returns), the catalog not yet in it. */
function freshPage(): PickStore {
  const store = new PickStore();
  (globalThis as unknown as Record<string, PickStore>).__aicPickStore = store;
  return store;
}

const open: StreamingInvocationFake[] = [];
afterEach(() => {
  for (const inv of open.splice(0)) inv.cancel();
  freshPage();
});

/** =AIC.PICK(...) in a cell: what it shows now, and the invocation (for what it shows later). */
function PICK(...args: (string | number | null)[]): StreamingInvocationFake {
  const inv = new StreamingInvocationFake();
  open.push(inv);
  const grids = args.map((a) => (a === null ? null : [[a]]));
  while (grids.length < 4) grids.push(null);
  (pick as (...a: unknown[]) => void)(...grids, inv);
  return inv;
}
const shown = (inv: StreamingInvocationFake): unknown => {
  const last = inv.last;
  return last instanceof CustomFunctions.Error ? `${last.code} ${last.message}` : (last as unknown[][])[0]![0];
};

describe("a list inserted from an imported note, read back when the add-in starts in the workbook", () => {
  let fake: FakeExcel;
  beforeEach(async () => {
    fake = new FakeExcel({ sheets: ["Sheet1"] });
    await insertPickList(fake.requestContext, laterNote(), { language: "zh", source: { kind: "pasted" } });
  });

  test("the list comes back as inserted: columns with their years and labels, every row, the report", async () => {
    const before = fake.syncCount;
    const { lists, unreadable } = await readWorkbookLists(fake.requestContext);
    expect(fake.syncCount - before).toBe(2);
    expect(unreadable).toEqual([]);
    expect(lists).toHaveLength(1);
    const [got] = lists as [PickList];
    const note = laterNote();
    expect(got.id).toBe("huaxin-2024-03-01-focus");
    expect(got.columns).toEqual(note.columns);
    expect(got.rows).toEqual(note.rows.map((r) => Object.fromEntries(note.columns.map((c) => [c.key, r[c.key] ?? null]))));
    expect(got.source).toMatchObject({ broker: "华鑫证券", brokerEn: "Huaxin Securities", reportDate: "2024-03-01", priceDate: "2024-03-01" });
  });

  test("a fresh store, the startup load, then AIC.PICK answers from the note; a cell already open updates", async () => {
    freshPage();
    const price = PICK("000977.SZ", "price");
    // Before the load: the catalog's newest report, Minsheng 表5.
    expect(shown(price)).toBe(34.56);
    const fromNote = PICK("000977.SZ", "eps", 2023, "huaxin-2024-03-01-focus");
    expect(shown(fromNote)).toMatch(/^#N\/A/);

    const got = await loadWorkbookLists(pickStore(), () => readWorkbookLists(fake.requestContext));
    expect(got?.lists.map((l) => l.id)).toEqual(["huaxin-2024-03-01-focus"]);
    expect(pickStore().has(`${WORKBOOK_ORIGIN_PREFIX}huaxin-2024-03-01-focus`)).toBe(true);
    // The note is now the newest report naming 浪潮信息, and its EPS 2023E is Huaxin's 2.07.
    expect(shown(price)).toBe(31.5);
    expect(shown(fromNote)).toBe(2.07);
    expect(shown(PICK("浪潮信息", "eps", 2023, "华鑫证券"))).toBe(2.07);
    // The catalog still answers for its own reports.
    expect(shown(PICK("000977.SZ", "price", null, "huaxin-2024-02-18-focus"))).toBe(30.38);
  });

  test("a damaged base: the store keeps the catalog's values, the list is reported, nothing throws", async () => {
    for (const part of fake.customXmlParts) part.xml = part.xml.replace(/>[A-Za-z0-9+/=\s]+</, ">AAAA<");
    freshPage();
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const got = await loadWorkbookLists(pickStore(), () => readWorkbookLists(fake.requestContext));
    expect(got?.lists).toEqual([]);
    expect(got?.unreadable).toEqual([expect.objectContaining({ listId: "huaxin-2024-03-01-focus" })]);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
    expect(shown(PICK("000977.SZ", "price"))).toBe(34.56);
  });

  test("a missing base part: the list is reported as missing, not rebuilt", async () => {
    for (const part of fake.customXmlParts) part.deleted = true;
    const { lists, unreadable } = await readWorkbookLists(fake.requestContext);
    expect(lists).toEqual([]);
    expect(unreadable).toEqual([{ listId: "huaxin-2024-03-01-focus", tableName: "AIC_huaxin_2024_03_01_focus", reason: "a part of its base is missing" }]);
  });

  test("a workbook Excel cannot read: the store is left as it was and nothing throws", async () => {
    const store = freshPage();
    store.setListsFrom(`${WORKBOOK_ORIGIN_PREFIX}earlier`, [laterNote()]);
    const version = store.version;
    fake.failSync = { n: fake.syncCount + 1, error: new FakeExcelError("GeneralException", "the request failed") };
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    await expect(loadWorkbookLists(store, () => readWorkbookLists(fake.requestContext))).resolves.toBeNull();
    warn.mockRestore();
    expect(store.version).toBe(version);
    expect(store.has(`${WORKBOOK_ORIGIN_PREFIX}earlier`)).toBe(true);
  });

  test("a load replaces what the workbook gave before: a list no longer in the workbook leaves the store", async () => {
    const store = freshPage();
    store.setListsFrom(`${WORKBOOK_ORIGIN_PREFIX}deleted-table-list`, [{ ...laterNote(), id: "deleted-table-list" }]);
    store.setListsFrom("feed:all", [huaxinList()]);
    await loadWorkbookLists(store, () => readWorkbookLists(fake.requestContext));
    expect(store.has(`${WORKBOOK_ORIGIN_PREFIX}deleted-table-list`)).toBe(false);
    expect(store.has(`${WORKBOOK_ORIGIN_PREFIX}huaxin-2024-03-01-focus`)).toBe(true);
    expect(store.has("feed:all")).toBe(true);
  });
});

describe("which tables count", () => {
  test("a table inserted from the bundled catalog is left to the catalog; no base parts are read for it", async () => {
    const fake = new FakeExcel({ sheets: ["Sheet1"] });
    await insertPickList(fake.requestContext, huaxinList(), { language: "en" });
    const before = fake.syncCount;
    expect(await readWorkbookLists(fake.requestContext)).toEqual({ lists: [], unreadable: [] });
    expect(fake.syncCount - before).toBe(1);
  });

  test("the same list in two tables: the one written last is the list", async () => {
    const fake = new FakeExcel({ sheets: ["Sheet1"] });
    await insertPickList(fake.requestContext, laterNote(31.5), { language: "zh", source: { kind: "pasted" }, now: () => new Date("2024-03-01T09:00:00Z") });
    await insertPickList(fake.requestContext, laterNote(32.25), { language: "en", source: { kind: "pasted" }, now: () => new Date("2024-03-02T09:00:00Z") });
    const { lists } = await readWorkbookLists(fake.requestContext);
    expect(lists).toHaveLength(1);
    expect(lists[0]!.rows.find((r) => r.ticker === "000977.SZ")?.price).toBe(32.25);
  });
});

describe("after a refresh the store holds the refreshed list under the same origin", () => {
  test("a feed's table refreshed to a new price: AIC.PICK shows the new price once the workbook is read again", async () => {
    const fake = new FakeExcel({ sheets: ["Sheet1"] });
    await insertPickList(fake.requestContext, laterNote(31.5), { language: "zh", source: { kind: "feed", url: FEED_URL } });
    freshPage();
    await loadWorkbookLists(pickStore(), () => readWorkbookLists(fake.requestContext));
    const price = PICK("000977.SZ", "price");
    expect(shown(price)).toBe(31.5);

    const report = await refreshTables(fake.requestContext, "all", async () => laterNote(33.8), { now: () => new Date("2024-03-02T09:00:00Z") });
    expect(report.outcomes.map((t) => t.status)).toEqual(["refreshed"]);
    await loadWorkbookLists(pickStore(), () => readWorkbookLists(fake.requestContext));
    expect(shown(price)).toBe(33.8);
    expect(pickStore().has(`${WORKBOOK_ORIGIN_PREFIX}huaxin-2024-03-01-focus`)).toBe(true);
  });
});

describe("rows a refresh found gone from the source", () => {
  test("a record whose gone keys name a row: the rebuilt list lacks it, and AIC.PICK gives #N/A for it from that list", async () => {
    const fake = new FakeExcel({ sheets: ["Sheet1"] });
    await insertPickList(fake.requestContext, laterNote(), { language: "zh", source: { kind: "pasted" } });
    const [[key, setting]] = [...fake.settings.entries()] as [[string, Record<string, unknown>]];
    fake.settings.set(key, { ...setting, gone: ["002230.SZ"] });

    const { lists } = await readWorkbookLists(fake.requestContext);
    const tickers = lists[0]!.rows.map((r) => r.ticker);
    expect(tickers).toHaveLength(huaxinList().rows.length - 1);
    expect(tickers).not.toContain("002230.SZ");
    expect(tickers).toContain("000977.SZ");

    freshPage();
    await loadWorkbookLists(pickStore(), () => readWorkbookLists(fake.requestContext));
    // 科大讯飞 is gone from the note's list; 浪潮信息 still answers from it (31.50, the note's price).
    expect(shown(PICK("002230.SZ", "price", null, "huaxin-2024-03-01-focus"))).toMatch(/^#N\/A/);
    expect(shown(PICK("000977.SZ", "price", null, "huaxin-2024-03-01-focus"))).toBe(31.5);
    // The catalog's own Huaxin report still lists 科大讯飞 at 43.55.
    expect(shown(PICK("002230.SZ", "price", null, "huaxin-2024-02-18-focus"))).toBe(43.55);
  });

  test("a feed's table refreshed without a row, then with it again: the row leaves the workbook's list and comes back", async () => {
    const fake = new FakeExcel({ sheets: ["Sheet1"] });
    await insertPickList(fake.requestContext, laterNote(), { language: "en", source: { kind: "feed", url: FEED_URL } });
    const without = laterNote();
    without.rows = without.rows.filter((r) => r.ticker !== "002230.SZ");
    const refresh = async (list: PickList, at: string) => {
      const report = await refreshTables(fake.requestContext, "all", async () => list, { now: () => new Date(at) });
      expect(report.outcomes.map((t) => t.status)).toEqual(["refreshed"]);
      return report.outcomes[0]!;
    };
    const storedRecord = () => parsePickTableRecord([...fake.settings.values()][0])!;
    freshPage();

    // The refresh that drops 科大讯飞: marked dropped in the table, gone from the record and the rebuilt list.
    const dropped = await refresh(without, "2024-03-02T09:00:00Z");
    expect(dropped.diff?.dropped).toEqual([{ ticker: "002230.SZ", name: "科大讯飞" }]);
    expect(storedRecord().gone).toEqual(["002230.SZ"]);
    await loadWorkbookLists(pickStore(), () => readWorkbookLists(fake.requestContext));
    const inNote = PICK("002230.SZ", "price", null, "huaxin-2024-03-01-focus");
    expect(shown(inNote)).toMatch(/^#N\/A/);
    expect(shown(PICK("000977.SZ", "eps", 2023, "huaxin-2024-03-01-focus"))).toBe(2.07);
    let { lists } = await readWorkbookLists(fake.requestContext);
    expect(lists[0]!.rows.map((r) => r.ticker)).toEqual(without.rows.map((r) => r.ticker));

    // A refresh that finds it still gone keeps it out.
    await refresh(without, "2024-03-03T09:00:00Z");
    expect(storedRecord().gone).toEqual(["002230.SZ"]);

    // The source lists it again: back in the list, with the source's values; nothing is gone.
    const back = await refresh(laterNote(), "2024-03-04T09:00:00Z");
    expect(back.diff?.dropped).toEqual([]);
    expect(storedRecord().gone).toBeUndefined();
    expect("gone" in ([...fake.settings.values()][0] as object)).toBe(false);
    ({ lists } = await readWorkbookLists(fake.requestContext));
    expect(lists[0]!.rows.map((r) => r.ticker).sort()).toEqual(huaxinList().rows.map((r) => r.ticker).sort());
    await loadWorkbookLists(pickStore(), () => readWorkbookLists(fake.requestContext));
    expect(shown(inNote)).toBe(43.55);
  });
});

describe("listFromWorkbook", () => {
  test("a column whose header names no standard column keeps its header as its label", async () => {
    const fake = new FakeExcel({ sheets: ["Sheet1"] });
    await insertPickList(fake.requestContext, laterNote(), { language: "en", source: { kind: "pasted" } });
    const [setting] = [...fake.settings.values()];
    const record = parsePickTableRecord(setting)!;
    const renamed = { ...record, columns: record.columns.map((c) => (c.key === "price" ? { ...c, header: "Close (our desk)" } : c)) };
    const base = decodeBase(fake.customXmlParts.filter((p) => !p.deleted).map((p) => p.xml));
    const list = listFromWorkbook(renamed, base);
    expect(list.columns.find((c) => c.key === "price")).toEqual({ key: "price", kind: "price", label: { zh: "Close (our desk)", en: "Close (our desk)" } });
    expect(list.columns.find((c) => c.key === "eps_2023")).toMatchObject({ kind: "eps", year: 2023, estimate: true });
  });
});
