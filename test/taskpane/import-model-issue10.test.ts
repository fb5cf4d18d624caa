/** The import tab's model on the importer's codes (issue 10): headline for unreadable text, the date and names to ask for. */
import { parseReport } from "../../src/picks/parser";
import { validatePickList as validate } from "../../src/picks/validate";
import { interpretPastedText, needsReportDate, summarisePaste, unknownNames } from "../../src/taskpane/tabs/import/model";

const fns = { parseReport, validatePickList: validate };

describe("the import tab's model", () => {
  it("text over the size cap: the headline says so in the analyst's language, not 'no pick list was found'", () => {
    const outcome = interpretPastedText("x".repeat(8_000_001), fns);
    expect(summarisePaste(outcome, "en").message).toBe("The text is 8,000,001 characters; the importer reads at most 8,000,000.");
    expect(summarisePaste(outcome, "zh").message).toBe("文本共 8000001 个字符，导入器最多读取 8000000 个。");
  });

  it("a note that prints no date asks for one; given, it no longer does", () => {
    const note = "表1：重点推荐\n代码\t名称\t股价\n000977.SZ\t浪潮信息\t30.38\n002230.SZ\t科大讯飞\t43.55\n";
    expect(needsReportDate(interpretPastedText(note, fns))).toBe(true);
    const dated = interpretPastedText(note, fns, { reportDate: "2025-03-09" });
    expect(needsReportDate(dated)).toBe(false);
    expect(dated.kind === "lists" && dated.lists[0]!.source.reportDate).toBe("2025-03-09");
  });

  it("names nothing knows are asked for once each; a typed ticker fills them", () => {
    const note = "2025-03-09\n\n投资建议\n建议关注：光模块：无名光电、无名科技等；算力：无名光电、寒武纪等。\n";
    expect(unknownNames(interpretPastedText(note, fns))).toEqual(["无名光电", "无名科技"]);
    const typed = interpretPastedText(note, fns, { names: [{ from: "typed", entries: [{ name: "无名光电", ticker: "688001.SH" }] }] });
    expect(unknownNames(typed)).toEqual(["无名科技"]);
    expect(typed.kind === "lists" && typed.lists.flatMap((l) => l.rows.map((r) => r.ticker))).toEqual(["688001.SH", null, "688001.SH", "688256.SH"]);
  });
});
