/**
 * diffPickLists on the Huaxin table 重点关注公司及盈利预测 (assets/catalog/huaxin-2024-02-18-focus.json,
 * transcribed from the seed and checked against it in test/picks): a later version of the same list with
 * a rating change, an EPS revision, a new row, a dropped row and a new price date.
 */
import { readFileSync } from "fs";
import path from "path";
import { describeDiff, diffPickLists, isEmptyDiff } from "../../src/picks/diff";
import type { PickList } from "../../src/picks/types";

const huaxin = (): PickList =>
  JSON.parse(readFileSync(path.resolve(__dirname, "../../assets/catalog/huaxin-2024-02-18-focus.json"), "utf8")) as PickList;

function nextVersion(): PickList {
  const next = huaxin();
  const row = (t: string) => next.rows.find((r) => r.ticker === t)!;
  row("000977.SZ").rating = "增持"; // 浪潮信息: 买入 in the report
  row("300308.SZ").eps_2024 = 5.5; // 中际旭创: 5.01 in the report
  next.rows = next.rows.filter((r) => r.ticker !== "301270.SZ"); // 汉仪股份 dropped
  next.rows.push({ ...row("000977.SZ"), ticker: "000066.SZ", name: "中国长城", price: 12.34, rating: null });
  next.source.priceDate = "2024-03-01";
  return next;
}

describe("diffPickLists", () => {
  test("the same list twice is no change", () => {
    const d = diffPickLists(huaxin(), huaxin());
    expect(isEmptyDiff(d)).toBe(true);
    expect(d.unchangedRows).toBe(17);
    expect(describeDiff(d, "en")).toEqual(["No changes"]);
  });

  test("finds the added and dropped rows, the rating change, the EPS revision and the new price date", () => {
    const d = diffPickLists(huaxin(), nextVersion());
    expect(d.added).toEqual([{ ticker: "000066.SZ", name: "中国长城" }]);
    expect(d.dropped).toEqual([{ ticker: "301270.SZ", name: "汉仪股份" }]);
    expect(d.ratingChanges).toEqual([{ ticker: "000977.SZ", name: "浪潮信息", key: "rating", from: "买入", to: "增持" }]);
    expect(d.epsRevisions).toEqual([
      { ticker: "300308.SZ", name: "中际旭创", key: "eps_2024", year: 2024, estimate: true, from: 5.01, to: 5.5 },
    ]);
    expect(d.priceDate).toEqual({ from: "2024-02-18", to: "2024-03-01" });
    expect(d.otherChanges).toEqual([]);
    expect(d.unchangedRows).toBe(14);
  });

  test("describes the changes in both languages, old → new", () => {
    const d = diffPickLists(huaxin(), nextVersion());
    expect(describeDiff(d, "en")).toEqual([
      "Price date moved: 2024-02-18 → 2024-03-01",
      "Added: 中国长城 (000066.SZ)",
      "Dropped: 汉仪股份 (301270.SZ)",
      "Rating change: 浪潮信息 (000977.SZ) 买入 → 增持",
      "EPS 2024E revision: 中际旭创 (300308.SZ) 5.01 → 5.5",
    ]);
    expect(describeDiff(d, "zh")).toContain("评级变化：浪潮信息 (000977.SZ) 买入 → 增持");
  });

  test("a forecast that disappears is a revision to null, shown as —", () => {
    const next = huaxin();
    next.rows.find((r) => r.ticker === "002230.SZ")!.eps_2024 = null; // 科大讯飞 0.65 in the report
    const d = diffPickLists(huaxin(), next);
    expect(d.epsRevisions.map((c) => [c.ticker, c.from, c.to])).toEqual([["002230.SZ", 0.65, null]]);
    expect(describeDiff(d, "en")).toEqual(["EPS 2024E revision: 科大讯飞 (002230.SZ) 0.65 → —"]);
  });
});
