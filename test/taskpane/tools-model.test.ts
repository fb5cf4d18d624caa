/**
 * The workbook tools' view models (src/taskpane/tabs/tools/model.ts): which lists a comparison covers and how
 * many tickers the brokers share (the bundled catalog of both notes), and the compute sheet's, Freeze's
 * and Restore's results in words. The compute sheet is inserted into the Excel fake by the real
 * src/excel/computeSheet, so its result is what Excel would report. Pure: no DOM.
 */
import { insertComputeSheet, planComputeSheet } from "../../src/excel/computeSheet";
import type { FreezeResult, RestoreResult } from "../../src/excel/freeze";
import type { PickList } from "../../src/picks/types";
import { t } from "../../src/taskpane/i18n";
import { compareDoneMsg, compareOverview, compareOverviewMsg, computeDoneMsgs, freezeView, listsToCompare, restoreView } from "../../src/taskpane/tabs/tools/model";
import { byId, catalogLists, HUAXIN_FOCUS, MINSHENG_TABLE5 } from "../compare/catalog";
import { FakeExcel } from "../support/excelFake";

const words = (lang: "zh" | "en", m: { key: Parameters<typeof t>[1]; params?: Parameters<typeof t>[2] }) => t(lang, m.key, m.params);

/** Tickers named by two brokers or more, counted directly from the lists' ticker columns. */
function tickersByBrokerCount(lists: readonly PickList[]): { all: number; shared: number } {
  const brokers = new Map<string, Set<string>>();
  for (const list of lists) {
    const key = list.columns.find((c) => c.kind === "ticker")!.key;
    for (const row of list.rows) {
      const ticker = row[key];
      if (typeof ticker !== "string") continue;
      const set = brokers.get(ticker) ?? new Set<string>();
      set.add(list.source.broker);
      brokers.set(ticker, set);
    }
  }
  return { all: brokers.size, shared: [...brokers.values()].filter((s) => s.size >= 2).length };
}

describe("the comparison", () => {
  it("covers the catalog's lists and the feeds', a feed's copy of a catalog list replacing it", async () => {
    const catalog = await catalogLists();
    const newer = { ...byId(catalog, HUAXIN_FOCUS), rows: byId(catalog, HUAXIN_FOCUS).rows.slice(0, 3) };
    const fromFeed = { ...byId(catalog, MINSHENG_TABLE5), id: "desk-2024-03-01-focus" };
    const lists = listsToCompare(catalog, [newer, fromFeed]);
    expect(lists).toHaveLength(catalog.length + 1);
    expect(byId(lists, HUAXIN_FOCUS)).toBe(newer);
    expect(lists[lists.length - 1]).toBe(fromFeed);
  });

  it("counts the tickers the two notes share (the bundled catalog: Huaxin 华鑫证券 and Minsheng 民生证券)", async () => {
    const catalog = await catalogLists();
    const overview = compareOverview(catalog);
    const expected = tickersByBrokerCount(catalog);
    expect(overview).toEqual({ lists: catalog.length, brokers: 2, tickers: expected.all, shared: expected.shared });
    expect(expected.shared).toBeGreaterThan(0);
    expect(words("en", compareOverviewMsg(overview))).toBe(
      `${catalog.length} lists from 2 brokers name ${expected.all} tickers; ${expected.shared} of them are named by two brokers or more.`,
    );
    expect(words("en", compareOverviewMsg(compareOverview([])))).toBe("There are no lists to compare.");
  });

  it("reports the inserted comparison with its sheet, table and the shared count", () => {
    const msg = compareDoneMsg({ sheetName: "Broker comparison", tableName: "AIC_Compare", tableAddress: "'Broker comparison'!A5:T57", rowCount: 52, sharedCount: 5, syncCount: 2 });
    expect(words("en", msg)).toBe("Inserted the comparison into sheet “Broker comparison” as table AIC_Compare (A5:T57): 52 tickers, 5 named by two brokers or more.");
    expect(msg.data).toEqual(["sheet", "table"]);
  });
});

describe("the compute sheet", () => {
  it("reports the sheet, its inputs and live outputs, and an example name", async () => {
    const plan = planComputeSheet("en");
    const result = await insertComputeSheet(new FakeExcel({ sheets: ["Sheet1"] }).requestContext, { language: "en" });
    const [done, ...more] = computeDoneMsgs(result);
    expect(more).toEqual([]);
    expect(words("en", done!)).toBe(
      `Inserted the sheet “Sora compute”: ${plan.inputs.length} inputs and ${plan.outputs.length} live outputs, each a named cell (for example ${plan.outputs[0]!.name}).`,
    );
  });

  it("names the names that were taken, so the new sheet has its own", async () => {
    const fake = new FakeExcel({ sheets: ["Sheet1"] });
    await insertComputeSheet(fake.requestContext, { language: "en" });
    const second = await insertComputeSheet(fake.requestContext, { language: "en" });
    const msgs = computeDoneMsgs(second);
    expect(msgs).toHaveLength(2);
    expect(words("en", msgs[1]!)).toBe(`${second.names.length} names were already used in this workbook, so the new sheet has its own: ${second.names.map((n) => n.name).join(", ")}.`);
  });
});

describe("Freeze and Restore in words", () => {
  const sheet = (sheetName: string, frozenCells: number, errorCells: number) => ({ sheetId: `{${sheetName}}`, sheetName, frozenCells, errorCells, spills: 0, merged: false, settingKeys: [] });

  it("freeze: cells per sheet and how many errors were kept as text", () => {
    const result: FreezeResult = { sheets: [sheet("重点关注公司及盈利预测", 51, 9), sheet("Sora compute", 1, 0)], frozenCells: 52, syncCount: 4 };
    const view = freezeView(result);
    expect(words("en", view.summary)).toBe("Froze 52 AIC cells.");
    expect(view.sheets.map((m) => words("en", m))).toEqual(["“重点关注公司及盈利预测”: 51 cells", "“Sora compute”: 1 cell"]);
    expect(view.notes.map((m) => words("en", m))).toEqual(["9 of them showed an error and keep it as text (#N/A: no forecast; #NUM!: negative EPS)."]);
    expect(words("zh", freezeView({ sheets: [], frozenCells: 0, syncCount: 2 }).summary)).toBe("此处没有可冻结的 AIC 公式。");
  });

  it("restore: cells restored, and each cell left alone with the formula it had, sheet-qualified", () => {
    const result: RestoreResult = {
      sheets: [
        {
          sheetId: "{1}",
          sheetName: "重点关注公司及盈利预测",
          restoredCells: 49,
          alreadyLive: 0,
          skipped: [
            { address: "J13", formula: "=AIC.FWD_PE([@[股价]],[@[EPS 2023E]])", reason: "value" },
            { address: "L13", formula: "=AIC.FWD_PE([@[股价]],[@[EPS 2024E]])", reason: "formula" },
          ],
        },
      ],
      restoredCells: 49,
      skippedCells: 2,
      syncCount: 4,
    };
    const view = restoreView(result);
    expect(words("en", view.summary)).toBe("Restored 49 AIC cells.");
    expect(words("en", view.skippedLead!)).toBe("2 cells changed since the freeze were left alone. Their formulas, to re-enter if you want them back:");
    expect(view.skipped.map((m) => words("en", m))).toEqual([
      "'重点关注公司及盈利预测'!J13 (now shows another value): =AIC.FWD_PE([@[股价]],[@[EPS 2023E]])",
      "'重点关注公司及盈利预测'!L13 (now holds another formula): =AIC.FWD_PE([@[股价]],[@[EPS 2024E]])",
    ]);
    expect(words("en", restoreView({ sheets: [], restoredCells: 0, skippedCells: 0, syncCount: 2 }).summary)).toBe("Nothing to restore: nothing here was frozen.");
  });
});
