/**
 * mergeList as plain data: the table of cases, row matching, the base it leaves. Rows from Huaxin's
 * 重点关注公司及盈利预测 (华鑫证券, 2024-02-18; assets/catalog/huaxin-2024-02-18-focus.json): 浪潮信息
 * 000977.SZ EPS 2022 1.57, rating 买入; 科大讯飞 002230.SZ price 43.55; and Huaxin's optical-module theme
 * (新易盛 300502.SZ). The revisions are the tests' own.
 */
import { cellHolds, describeConflict, mergeList, type MineRow, type TableBase } from "../../src/picks/merge";
import type { PickColumn, PickList, PickRow } from "../../src/picks/types";
import { huaxinList } from "../excel/lists";

const COLUMNS: PickColumn[] = [
  { key: "ticker", kind: "ticker", label: { zh: "代码", en: "Ticker" } },
  { key: "name", kind: "name", label: { zh: "名称", en: "Name" } },
  { key: "price", kind: "price", label: { zh: "股价", en: "Price" } },
  { key: "eps_2022", kind: "eps", label: { zh: "EPS 2022", en: "EPS 2022" }, year: 2022, estimate: false },
  { key: "rating", kind: "rating", label: { zh: "投资评级", en: "Rating" } },
];
const INSPUR: PickRow = { ticker: "000977.SZ", name: "浪潮信息", price: 30.38, eps_2022: 1.57, rating: "买入" };
const IFLYTEK: PickRow = { ticker: "002230.SZ", name: "科大讯飞", price: 43.55, eps_2022: 0.24, rating: "买入" };

function list(rows: PickRow[]): PickList {
  return { ...huaxinList(), id: "m", columns: COLUMNS, rows };
}

function baseOf(rows: PickRow[]): TableBase {
  return new Map(rows.map((r) => [(r.ticker as string | null) ?? `name:${String(r.name)}`, { ...r }]));
}

function mine(rows: Record<string, unknown>[], dropped: number[] = []): MineRow[] {
  return rows.map((cells, index) => ({ index, cells: cells as MineRow["cells"], dropped: dropped.includes(index) }));
}

describe("the table of cases, one cell each", () => {
  const base = baseOf([INSPUR]);
  const run = (mineEps: unknown, theirsEps: number) =>
    mergeList({ theirs: list([{ ...INSPUR, eps_2022: theirsEps }]), columns: COLUMNS, mine: mine([{ ...INSPUR, eps_2022: mineEps }]), base });

  it("mine same, theirs same: nothing written, nothing logged", () => {
    const r = run(1.57, 1.57);
    expect([r.writes, r.revisions, r.conflicts]).toEqual([[], [], []]);
    expect(r.baseChanges.rows.size).toBe(0);
  });

  it("mine same, theirs changed: theirs written, the revision logged from the base", () => {
    const r = run(1.57, 1.65);
    expect(r.writes).toEqual([{ index: 0, key: "eps_2022", value: 1.65 }]);
    expect(r.revisions.map((c) => [c.name, c.from, c.to])).toEqual([["浪潮信息", 1.57, 1.65]]);
    expect(r.base.get("000977.SZ")!.eps_2022).toBe(1.65);
  });

  it("mine changed, theirs same: mine kept, silently", () => {
    const r = run(1.6, 1.57);
    expect([r.writes, r.revisions, r.conflicts]).toEqual([[], [], []]);
  });

  it("mine changed, theirs changed: mine kept, a conflict with all three values; the base moves to theirs", () => {
    const r = run(1.6, 1.65);
    expect(r.writes).toEqual([]);
    expect(r.conflicts.map((c) => [c.key, c.base, c.mine, c.theirs])).toEqual([["eps_2022", 1.57, 1.6, 1.65]]);
    expect(describeConflict(r.conflicts[0]!, COLUMNS, "en")).toBe("EPS 2022 浪潮信息: broker 1.57 → 1.65, yours 1.60 kept");
    expect(describeConflict(r.conflicts[0]!, COLUMNS, "zh")).toBe("EPS 2022 浪潮信息：券商 1.57 → 1.65，保留您的 1.60");
    expect(r.base.get("000977.SZ")!.eps_2022).toBe(1.65);
  });

  it("both made the same change: no conflict", () => {
    expect(run(1.65, 1.65).conflicts).toEqual([]);
  });

  it("a formula the analyst typed is never replaced by a value, whatever the source does", () => {
    const r = mergeList({
      theirs: list([{ ...IFLYTEK, price: 44.1 }]),
      columns: COLUMNS,
      mine: mine([{ ...IFLYTEK, price: { formula: "=43.55*1.01" } }]),
      base: baseOf([IFLYTEK]),
    });
    expect(r.writes).toEqual([]);
    expect(r.conflicts.map((c) => c.mine)).toEqual([{ formula: "=43.55*1.01" }]);
    // A source text that starts with "=" and is still in the cell as written is the base, not a formula.
    expect(cellHolds({ formula: "=HYPERLINK(x)" }, "=HYPERLINK(x)", "name")).toBe(true);
  });

  it("empty and null are the same cell; text columns compare as text", () => {
    const r = mergeList({
      theirs: list([{ ...INSPUR, rating: null }]),
      columns: COLUMNS,
      mine: mine([{ ...INSPUR, rating: null, name: "浪潮信息" }]),
      base: baseOf([{ ...INSPUR, rating: null }]),
    });
    expect([r.writes, r.conflicts]).toEqual([[], []]);
  });
});

describe("rows", () => {
  it("rows never in the source are the analyst's; rows the add-in wrote and the source dropped are dropped", () => {
    const moutai = { ticker: "600519.SH", name: "贵州茅台", price: 1688, eps_2022: null, rating: null };
    const r = mergeList({ theirs: list([IFLYTEK]), columns: COLUMNS, mine: mine([INSPUR, moutai, IFLYTEK]), base: baseOf([INSPUR, IFLYTEK]) });
    expect(r.dropped).toEqual([0]);
    expect(r.analystRows).toEqual([1]);
    expect(r.added).toEqual([]);
  });

  it("a row marked dropped that comes back is returned; one still gone stays as it is", () => {
    const r = mergeList({ theirs: list([INSPUR]), columns: COLUMNS, mine: mine([INSPUR, IFLYTEK], [0, 1]), base: baseOf([INSPUR, IFLYTEK]) });
    expect(r.returned).toEqual([0]);
    expect(r.dropped).toEqual([]);
  });

  it("an empty ticker matched by exact name gets the ticker; the analyst's edits in the row stay", () => {
    const unresolved = { ticker: null, name: "新易盛", price: 54.9, eps_2022: 1.78, rating: "未评级" };
    const r = mergeList({
      theirs: list([{ ...unresolved, ticker: "300502.SZ" }]),
      columns: COLUMNS,
      mine: mine([{ ...unresolved, rating: "关注" }]),
      base: baseOf([unresolved]),
    });
    expect(r.rekeyed).toEqual([{ index: 0, from: { ticker: null, name: "新易盛" }, to: { ticker: "300502.SZ", name: "新易盛" } }]);
    expect(r.writes).toEqual([{ index: 0, key: "ticker", value: "300502.SZ" }]);
    expect([r.added, r.dropped]).toEqual([[], []]);
    expect(r.base.has("name:新易盛")).toBe(false);
    expect(r.base.get("300502.SZ")!.rating).toBe("未评级");
    expect(r.baseChanges.renamed).toEqual([["name:新易盛", "300502.SZ"]]);
  });

  it("a corrected ticker (same name, new code) is the same row; an analyst's row of that name is not taken for it", () => {
    const theirs = list([{ ...INSPUR, ticker: "000978.SZ" }]);
    const corrected = mergeList({ theirs, columns: COLUMNS, mine: mine([INSPUR]), base: baseOf([INSPUR]) });
    expect(corrected.writes).toEqual([{ index: 0, key: "ticker", value: "000978.SZ" }]);
    expect(corrected.added).toEqual([]);
    // The same name typed by the analyst under a ticker the source never had: their row, and the source's is new.
    const own = mergeList({ theirs, columns: COLUMNS, mine: mine([{ ...INSPUR, ticker: "000999.SZ" }]), base: baseOf([]) });
    expect(own.analystRows).toEqual([0]);
    expect(own.added.map((r) => r.ticker)).toEqual(["000978.SZ"]);
  });

  it("without a base (an old table): equal cells become the base, differing ones are conflicts, no row is dropped", () => {
    const r = mergeList({
      theirs: list([{ ...INSPUR, eps_2022: 1.65 }]),
      columns: COLUMNS,
      mine: mine([{ ...INSPUR, rating: "持有(我的判断)" }, IFLYTEK]),
      base: null,
    });
    expect(r.writes).toEqual([]);
    expect(r.conflicts.map((c) => [c.key, c.base, c.mine, c.theirs])).toEqual([
      ["eps_2022", undefined, 1.57, 1.65],
      ["rating", undefined, "持有(我的判断)", "买入"],
    ]);
    expect(describeConflict(r.conflicts[0]!, COLUMNS, "en")).toBe("EPS 2022 浪潮信息: broker 1.65, yours 1.57 kept");
    expect(r.dropped).toEqual([]);
    expect(r.analystRows).toEqual([1]);
    expect(r.base.get("000977.SZ")).toEqual({ ...INSPUR, eps_2022: 1.65 });
  });
});

describe("gone: the base's keys the source no longer lists", () => {
  const moutai = { ticker: "600519.SH", name: "贵州茅台", price: 1688, eps_2022: null, rating: null };
  const unresolved = { ticker: null, name: "新易盛", price: 54.9, eps_2022: 1.78, rating: "未评级" };

  it("a row dropped now is gone; the analyst's row (never in the base) is not", () => {
    const r = mergeList({ theirs: list([IFLYTEK]), columns: COLUMNS, mine: mine([INSPUR, moutai, IFLYTEK]), base: baseOf([INSPUR, IFLYTEK]) });
    expect(r.dropped).toEqual([0]);
    expect(r.gone).toEqual(["000977.SZ"]);
    expect(r.base.has("000977.SZ")).toBe(true);
  });

  it("a row dropped by an earlier refresh and still gone stays gone, though nothing is dropped now", () => {
    const r = mergeList({ theirs: list([IFLYTEK]), columns: COLUMNS, mine: mine([INSPUR, IFLYTEK], [0]), base: baseOf([INSPUR, IFLYTEK]) });
    expect([r.dropped, r.returned]).toEqual([[], []]);
    expect(r.gone).toEqual(["000977.SZ"]);
  });

  it("a row the source lists again is returned and no longer gone", () => {
    const r = mergeList({ theirs: list([INSPUR, IFLYTEK]), columns: COLUMNS, mine: mine([INSPUR, IFLYTEK], [0]), base: baseOf([INSPUR, IFLYTEK]) });
    expect(r.returned).toEqual([0]);
    expect(r.gone).toEqual([]);
  });

  it("a row the analyst deleted from the table while the source still lists it is added again, not gone", () => {
    const r = mergeList({ theirs: list([INSPUR, IFLYTEK]), columns: COLUMNS, mine: mine([IFLYTEK]), base: baseOf([INSPUR, IFLYTEK]) });
    expect(r.added.map((row) => row.ticker)).toEqual(["000977.SZ"]);
    expect(r.gone).toEqual([]);
  });

  it("a rekeyed row is listed under its new key: neither its old key nor its new one is gone", () => {
    const resolved = mergeList({
      theirs: list([{ ...unresolved, ticker: "300502.SZ" }, IFLYTEK]),
      columns: COLUMNS,
      mine: mine([unresolved, IFLYTEK]),
      base: baseOf([unresolved, IFLYTEK]),
    });
    expect(resolved.baseChanges.renamed).toEqual([["name:新易盛", "300502.SZ"]]);
    expect(resolved.gone).toEqual([]);
    const corrected = mergeList({ theirs: list([{ ...INSPUR, ticker: "000978.SZ" }]), columns: COLUMNS, mine: mine([INSPUR]), base: baseOf([INSPUR]) });
    expect(corrected.baseChanges.renamed).toEqual([["000977.SZ", "000978.SZ"]]);
    expect(corrected.gone).toEqual([]);
  });

  it("a row dropped while another is rekeyed: only the dropped one is gone; keys come sorted, whatever the base's order", () => {
    const r = mergeList({
      theirs: list([{ ...unresolved, ticker: "300502.SZ" }]),
      columns: COLUMNS,
      mine: mine([IFLYTEK, unresolved, INSPUR]),
      base: baseOf([IFLYTEK, unresolved, INSPUR]),
    });
    expect(r.rekeyed.map((k) => k.to.ticker)).toEqual(["300502.SZ"]);
    expect(r.dropped).toEqual([0, 2]);
    expect(r.gone).toEqual(["000977.SZ", "002230.SZ"]);
  });

  it("without a base nothing is gone: the base holds only what the source lists", () => {
    const r = mergeList({ theirs: list([INSPUR]), columns: COLUMNS, mine: mine([INSPUR, IFLYTEK]), base: null });
    expect(r.gone).toEqual([]);
  });
});
