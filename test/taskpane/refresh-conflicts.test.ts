/**
 * The Refresh tab's conflicts as a view model (src/taskpane/tabs/refresh/conflicts.ts), from a real refresh
 * against the Excel fake: Huaxin 重点关注公司及盈利预测 (华鑫证券, 2024-02-18), 浪潮信息's EPS 2022 1.57 in D13
 * typed over as 1.60 by the analyst while the (test's) broker revises it to 1.65.
 */
import "../support/custom-functions-runtime";
import { refreshTables } from "../../src/excel/refresh";
import { takeTheirs } from "../../src/excel/conflicts";
import { conflictId, conflictListView, takeTheirsMessages } from "../../src/taskpane/tabs/refresh/conflicts";
import { t } from "../../src/taskpane/i18n";
import { FakeExcel } from "../support/excelFake";
import { huaxinList } from "../excel/lists";
import { HUAXIN_SHEET, insertHuaxin, typeInto } from "../refresh/support";

async function conflicted() {
  const fake = new FakeExcel();
  await insertHuaxin(fake);
  typeInto(fake, HUAXIN_SHEET, "D13", { kind: "number", value: 1.6 });
  typeInto(fake, HUAXIN_SHEET, "M13", { kind: "text", value: "持有(我的判断)" });
  const next = huaxinList();
  const inspur = next.rows.find((r) => r.ticker === "000977.SZ")!;
  inspur.eps_2022 = 1.65;
  inspur.rating = "增持";
  const report = await refreshTables(fake.requestContext, "all", async () => next);
  return { fake, report };
}

describe("conflictListView", () => {
  it("lists each kept cell in the chosen language, with its address; all of them open", async () => {
    const { report } = await conflicted();
    const en = conflictListView(report, "en", new Set())!;
    expect(en.heading).toEqual({ key: "refreshConflicts", params: { count: 2 } });
    expect(t("en", en.heading.key, en.heading.params)).toBe("2 cells kept your value: the broker changed them too");
    expect(en.rows.map((r) => [r.text, r.address, r.taken])).toEqual([
      ["EPS 2022 浪潮信息: broker 1.57 → 1.65, yours 1.60 kept", `'${HUAXIN_SHEET}'!D13`, false],
      ["Rating 浪潮信息: broker 买入 → 增持, yours 持有(我的判断) kept", `'${HUAXIN_SHEET}'!M13`, false],
    ]);
    expect(en.open).toHaveLength(2);
    const zh = conflictListView(report, "zh", new Set())!;
    expect(zh.rows[0]!.text).toBe("EPS 2022 浪潮信息：券商 1.57 → 1.65，保留您的 1.60");
    expect(t("zh", zh.heading.key, zh.heading.params)).toBe("2 个单元格保留了您的值：券商也修改了它们");
  });

  it("marks taken cells and leaves only the rest for 'all'; null when a refresh kept nothing", async () => {
    const { report } = await conflicted();
    const first = report.outcomes[0]!.conflicts![0]!;
    const view = conflictListView(report, "en", new Set([conflictId(first)]))!;
    expect(view.rows.map((r) => r.taken)).toEqual([true, false]);
    expect(view.open.map((c) => c.address)).toEqual([`'${HUAXIN_SHEET}'!M13`]);
    expect(conflictListView({ ...report, outcomes: [{ ...report.outcomes[0]!, conflicts: [] }] }, "en", new Set())).toBeNull();
  });

  it("says what taking the broker's value did: written, and left because changed again", async () => {
    const { fake, report } = await conflicted();
    typeInto(fake, HUAXIN_SHEET, "M13", { kind: "text", value: "卖出" });
    const result = await takeTheirs(fake.requestContext, report.outcomes[0]!.conflicts!);
    const said = takeTheirsMessages(result);
    expect(said.map((m) => t("en", m.key, m.params))).toEqual([
      "1 cell now holds the broker's value.",
      `1 cell was left as it is (changed again since the refresh, or its row moved): '${HUAXIN_SHEET}'!M13`,
    ]);
    expect(said.map((m) => t("zh", m.key, m.params))[0]).toBe("1 个单元格已改为券商的值。");
    expect(fake.cell(HUAXIN_SHEET, "D13").value).toBe(1.65);
  });

  it("says which cells were not written because their sheet was deleted since the refresh, apart from those left", async () => {
    const { fake, report } = await conflicted();
    const conflicts = report.outcomes[0]!.conflicts!;
    fake.deleteSheet(fake.sheet(HUAXIN_SHEET));
    const result = await takeTheirs(fake.requestContext, conflicts);
    expect(result.written).toEqual([]);
    const said = takeTheirsMessages(result);
    const cells = `'${HUAXIN_SHEET}'!D13, '${HUAXIN_SHEET}'!M13`;
    expect(said.map((m) => t("en", m.key, m.params))).toEqual([`2 cells were not written: their sheet was deleted since the refresh: ${cells}`]);
    expect(said.map((m) => t("zh", m.key, m.params))).toEqual([`2 个单元格未写入：所在工作表在刷新后已被删除：${cells}`]);
    // With a cell left as well (changed again), each reason has its own line, the cells quoted as data.
    const mixed = takeTheirsMessages({ written: [], skipped: [{ conflict: conflicts[0]!, reason: "changed" }, { conflict: conflicts[1]!, reason: "missing" }], syncCount: 2 });
    expect(mixed.map((m) => t("en", m.key, m.params))).toEqual([
      `1 cell was left as it is (changed again since the refresh, or its row moved): '${HUAXIN_SHEET}'!D13`,
      `1 cell was not written: its sheet was deleted since the refresh: '${HUAXIN_SHEET}'!M13`,
    ]);
    expect(t("zh", mixed[1]!.key, mixed[1]!.params)).toBe(`1 个单元格未写入：所在工作表在刷新后已被删除：'${HUAXIN_SHEET}'!M13`);
    expect(mixed.every((m) => m.data?.includes("cells"))).toBe(true);
  });
});
