/**
 * The taskpane's pure view models: cell formatting, the preview table, the catalog tree, the reading
 * of pasted text, and the words for results and errors. Vectors are cells of the seed reports' tables
 * (see fixtures.ts for which table each comes from).
 */
import { columnLabel } from "../../src/picks/columns";
import { validatePickList } from "../../src/picks/validate";
import { buildCatalogTree } from "../../src/taskpane/tabs/catalog/model";
import { interpretPastedText, summarisePaste, type ImportFunctions } from "../../src/taskpane/tabs/import/model";
import { errorText, insertDoneText, insertProgressText, LocalizedError } from "../../src/taskpane/messages";
import { buildPreviewTable, formatCell } from "../../src/taskpane/preview/model";
import { fakeIndex, huaxinFocusList, minshengFocusList } from "./fixtures";

describe("formatCell", () => {
  it("shows prices with two decimals (Huaxin 重点关注公司及盈利预测: 浪潮信息 30.38, 中际旭创 127.00)", () => {
    expect(formatCell("price", 30.38)).toBe("30.38");
    expect(formatCell("price", 127)).toBe("127.00");
  });

  it("shows EPS with two decimals, negatives kept (Huaxin: 浪潮信息 2023E 2.07, 拓维信息 2022 -0.81)", () => {
    expect(formatCell("eps", 2.07)).toBe("2.07");
    expect(formatCell("eps", -0.81)).toBe("-0.81");
  });

  it("shows P/E with one decimal (Huaxin: 浪潮信息 2023E 14.68 → 14.7, 高新发展 2022 67 → 67.0)", () => {
    expect(formatCell("pe", 14.68)).toBe("14.7");
    expect(formatCell("pe", 67)).toBe("67.0");
  });

  it("shows a change fraction as a percentage (Minsheng 表5: 科大讯飞 6.38%, 易华录 17.11%)", () => {
    expect(formatCell("change", 0.0638)).toBe("6.38%");
    expect(formatCell("change", 0.1711)).toBe("17.11%");
    expect(formatCell("change", -0.0307)).toBe("-3.07%"); // Minsheng 表4: 柏楚电子 -3.07%
  });

  it("shows a missing value as the dash, never as 0", () => {
    expect(formatCell("eps", null)).toBe("—");
    expect(formatCell("pe", null, "")).toBe("");
    expect(formatCell("price", 0)).toBe("0.00"); // a real zero stays a zero
  });

  it("does not print -0.00 for a tiny negative", () => {
    expect(formatCell("eps", -0.001)).toBe("0.00");
  });

  it("shows text as it is, including text in a numeric column", () => {
    expect(formatCell("rating", "买入")).toBe("买入");
    expect(formatCell("pe", "n.m.")).toBe("n.m.");
    expect(formatCell("number", 1.23456789)).toBe("1.2346");
    expect(formatCell("number", 1483)).toBe("1483");
  });
});

describe("buildPreviewTable", () => {
  it("says where a list read from a PDF was printed (file and page), in both languages, and nothing for other lists", () => {
    const list = huaxinFocusList();
    expect(buildPreviewTable(list, "en").printedAt).toBeNull();
    const fromPdf = { ...list, source: { ...list.source, file: "note.pdf", page: 3 } };
    expect(buildPreviewTable(fromPdf, "en").printedAt).toBe("note.pdf, page 3");
    expect(buildPreviewTable(fromPdf, "zh").printedAt).toBe("note.pdf，第 3 页");
  });

  it("formats the Huaxin 浪潮信息 row and keeps blanks blank", () => {
    const list = huaxinFocusList();
    const table = buildPreviewTable(list, "zh");
    const key = (k: string) => list.columns.findIndex((c) => c.key === k);
    const inspur = table.rows[list.rows.findIndex((r) => r.name === "浪潮信息")];
    expect(inspur[key("ticker")].text).toBe("000977.SZ");
    expect(inspur[key("price")]).toEqual({ text: "30.38", numeric: true, missing: false });
    expect(inspur[key("eps_2023")].text).toBe("2.07");
    expect(inspur[key("pe_2024")].text).toBe("11.3");
    const gaoxin = table.rows[list.rows.findIndex((r) => r.name === "高新发展")];
    expect(gaoxin[key("eps_2023")]).toEqual({ text: "—", numeric: true, missing: true });
    expect(gaoxin[key("rating")]).toEqual({ text: "未评级", numeric: false, missing: false });
  });

  it("labels the columns in the chosen language through columnLabel", () => {
    const list = huaxinFocusList();
    const zh = buildPreviewTable(list, "zh").columns.map((c) => c.label);
    const en = buildPreviewTable(list, "en").columns.map((c) => c.label);
    expect(zh).toEqual(list.columns.map((c) => columnLabel(c, "zh")));
    expect(en).toEqual(list.columns.map((c) => columnLabel(c, "en")));
    expect(zh[1]).toBe("名称");
    expect(en[1]).toBe("Name");
  });

  it("describes the source in the chosen language", () => {
    const list = huaxinFocusList();
    const zh = buildPreviewTable(list, "zh");
    const en = buildPreviewTable(list, "en");
    expect(zh.title).toBe("华鑫证券 重点关注公司及盈利预测");
    expect(zh.source).toContain("华鑫证券");
    expect(en.source).toContain("Huaxin Securities");
    expect(en.source).toContain("2024-02-18");
    expect(en.priceDate).toBe("Prices as of 2024-02-18");
    expect(zh.tableCaption).toBe("重点关注公司及盈利预测");
  });

  it("has no price-date line when the report gives none, and treats an absent key as missing", () => {
    const list = minshengFocusList();
    list.source.priceDate = null;
    delete list.rows[0].pb;
    const table = buildPreviewTable(list, "en");
    expect(table.priceDate).toBeNull();
    expect(table.rows[0][5]).toEqual({ text: "—", numeric: true, missing: true });
    expect(table.rows[1][5].text).toBe("5.50"); // Minsheng 表5: 易华录 PB 5.5
  });
});

describe("buildCatalogTree", () => {
  it("lists reports newest first with broker, date and row counts in the chosen language", () => {
    const en = buildCatalogTree(fakeIndex(), "en");
    expect(en.map((r) => r.reportDate)).toEqual(["2024-02-25", "2024-02-18"]);
    expect(en[1].broker).toBe("Huaxin Securities");
    expect(en[1].dateText).toBe("Report date 2024-02-18");
    expect(en[1].lists).toEqual([
      {
        id: "huaxin-2024-02-18-focus",
        title: "Huaxin Securities: companies in focus and earnings forecasts",
        rowCount: 4,
        rowCountText: "4 rows",
      },
    ]);
    const zh = buildCatalogTree(fakeIndex(), "zh");
    expect(zh[1].broker).toBe("华鑫证券");
    expect(zh[1].lists[0].rowCountText).toBe("4 行");
    expect(zh[0].lists[0].title).toBe("民生证券 重点关注个股");
  });

  it("says 1 row, and falls back to the other language for an empty title", () => {
    const index = fakeIndex();
    index.reports[0].lists[0].rowCount = 1;
    index.reports[0].lists[0].title = { zh: "只有中文", en: "" };
    const tree = buildCatalogTree(index, "en");
    const entry = tree.find((r) => r.id === "huaxin-2024-02-18")!.lists[0];
    expect(entry.rowCountText).toBe("1 row");
    expect(entry.title).toBe("只有中文");
  });
});

describe("interpretPastedText and summarisePaste", () => {
  const list = huaxinFocusList();
  const fns = (overrides: Partial<ImportFunctions> = {}): ImportFunctions & { calls: string[] } => {
    const calls: string[] = [];
    return {
      calls,
      parseReport: (text) => {
        calls.push(`parse:${text}`);
        return { lists: [list], problems: [{ table: "表3: 本周计算机板块个股涨幅前五名", reason: "no rating column" }] };
      },
      validatePickList: (doc) => {
        calls.push("validate");
        return (doc as { id?: unknown }).id === list.id ? { ok: true, list } : { ok: false, errors: ["/id: must be string"] };
      },
      ...overrides,
    };
  };

  it("reads blank text as nothing to do", () => {
    const f = fns();
    const outcome = interpretPastedText("  \n\t ", f);
    expect(outcome).toEqual({ kind: "empty" });
    expect(f.calls).toEqual([]);
    expect(summarisePaste(outcome, "en")).toMatchObject({ tone: "error", message: "Paste some text first." });
  });

  it("sends note text to the parser and summarises each list and problem", () => {
    const f = fns();
    const note = "重点关注公司及盈利预测\n000977.SZ\t浪潮信息\t30.38";
    const outcome = interpretPastedText(note, f);
    expect(f.calls).toEqual([`parse:${note}`]);
    const summary = summarisePaste(outcome, "en");
    expect(summary.tone).toBe("info");
    expect(summary.message).toBe("Found 1 list.");
    expect(summary.lists).toEqual([
      {
        index: 0,
        id: list.id,
        title: list.title.en,
        tableCaption: "重点关注公司及盈利预测",
        rowCount: 4,
        rowCountText: "4 rows",
      },
    ]);
    expect(summary.problems).toEqual(["表3: 本周计算机板块个股涨幅前五名: no rating column"]);
    expect(summarisePaste(outcome, "zh").problems).toEqual(["表3: 本周计算机板块个股涨幅前五名：no rating column"]);
  });

  it("counts several lists", () => {
    const outcome = interpretPastedText("note", fns({ parseReport: () => ({ lists: [list, minshengFocusList()], problems: [] }) }));
    expect(summarisePaste(outcome, "en").message).toBe("Found 2 lists.");
    expect(summarisePaste(outcome, "zh").message).toBe("找到 2 个列表。");
  });

  it("marks a note with zero lists as an error with nothing to insert", () => {
    const outcome = interpretPastedText("just prose", fns({ parseReport: () => ({ lists: [], problems: [] }) }));
    const summary = summarisePaste(outcome, "en");
    expect(summary.tone).toBe("error");
    expect(summary.lists).toEqual([]);
    expect(summary.message).toBe("No pick list was found in this text, so there is nothing to insert.");
  });

  it("reports malformed JSON without calling the parser or the validator", () => {
    const f = fns();
    const outcome = interpretPastedText('{"format": "aic-picklist", ', f);
    expect(outcome.kind).toBe("json-malformed");
    expect(f.calls).toEqual([]);
    expect(summarisePaste(outcome, "en").message).toMatch(/^This text looks like JSON but is not valid JSON: \S/);
  });

  it("reports a JSON document that fails validatePickList with the validator's errors", () => {
    const outcome = interpretPastedText('{"id": 7}', fns());
    expect(outcome).toEqual({ kind: "json-invalid", errors: ["/id: must be string"] });
    const summary = summarisePaste(outcome, "zh");
    expect(summary).toMatchObject({ tone: "error", message: "此 JSON 文档不是有效的推荐股票表：", errors: ["/id: must be string"] });
    expect(summary.lists).toEqual([]);
  });

  it("accepts a valid pick-list JSON document as one list", () => {
    const outcome = interpretPastedText(JSON.stringify(list), fns());
    expect(outcome).toEqual({ kind: "lists", source: "json", lists: [list], problems: [] });
    expect(summarisePaste(outcome, "en").message).toBe("Read 1 pick list from the JSON document.");
  });
});

describe("messages", () => {
  it("describes an insert result without repeating the sheet in the address", () => {
    const text = insertDoneText(
      { sheetName: "Huaxin 2024-02-18", tableName: "Picks_Huaxin", tableAddress: "'Huaxin 2024-02-18'!A1:J5", rowCount: 4 },
      "en",
    );
    expect(text).toBe("Inserted 4 rows into sheet “Huaxin 2024-02-18” as table Picks_Huaxin (A1:J5).");
    expect(insertProgressText(200, 1000, "zh")).toBe("正在写入：第 200 / 1000 行");
  });

  it("puts any thrown thing into words", () => {
    expect(errorText(new Error("The sheet is protected."), "en")).toBe("The sheet is protected.");
    expect(errorText({ message: "Access denied.", code: "AccessDenied" }, "en")).toBe("Access denied. (AccessDenied)");
    expect(errorText({ code: "InvalidArgument" }, "en")).toBe("InvalidArgument");
    expect(errorText("boom", "en")).toBe("boom");
    expect(errorText(undefined, "en")).toBe("an unknown error");
    expect(errorText(new Error(""), "zh")).toBe("未知错误");
  });

  it("shows a LocalizedError in the language chosen when it is shown", () => {
    const err = new LocalizedError("fetchHttp", { url: "catalog/index.json", status: 404 });
    expect(errorText(err, "en")).toBe("catalog/index.json answered HTTP 404");
    expect(errorText(err, "zh")).toBe("catalog/index.json 返回 HTTP 404");
  });
});

describe("fixtures", () => {
  it("are valid pick lists (so the DOM tests exercise the real validator on real-shaped data)", () => {
    expect(validatePickList(huaxinFocusList())).toMatchObject({ ok: true });
    expect(validatePickList(minshengFocusList())).toMatchObject({ ok: true });
  });
});

describe("groupProblems (issue 13: notes are not listed as tables that could not be read)", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { groupProblems } = require("../../src/taskpane/tabs/import/model") as typeof import("../../src/taskpane/tabs/import/model");
  const list = (table: string) => ({ source: { table } }) as unknown as import("../../src/picks/types").PickList;
  it("separates tables not read from notes on tables read and on the whole text", () => {
    const outcome = {
      kind: "lists" as const,
      source: "note" as const,
      lists: [list("表5: 重点关注个股")],
      problems: [
        { table: "表5: 重点关注个股", reason: "row 3: no price" },
        { table: "表6: 盈利预测", reason: "no ticker column" },
        { table: "(report)", reason: "no report date found" },
      ],
    };
    expect(groupProblems(outcome)).toEqual({
      unread: [{ table: "表6: 盈利预测", reason: "no ticker column" }],
      notes: [
        { table: "表5: 重点关注个股", reason: "row 3: no price" },
        { table: "(report)", reason: "no report date found" },
      ],
    });
    expect(groupProblems({ kind: "empty" })).toEqual({ unread: [], notes: [] });
  });
});
