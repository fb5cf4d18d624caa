/** Names in themed lists → tickers through the note's tables, the caller's names, the bundled catalog and directory (importer/names.ts). */
import { readFileSync } from "fs";
import * as path from "path";
import { namesFromLists, parseReport } from "../../../src/picks/parser";
import type { PickList } from "../../../src/picks/types";
import { CATALOG_DIR } from "../support";

const themed = (names: string): string => `2025-03-09\n\n投资建议\n建议关注：光模块：${names}等。\n`;

function catalogLists(): PickList[] {
  const index = JSON.parse(readFileSync(path.join(CATALOG_DIR, "index.json"), "utf8")) as { reports: { lists: { href: string }[] }[] };
  return index.reports.flatMap((r) => r.lists.map((l) => JSON.parse(readFileSync(path.join(CATALOG_DIR, l.href), "utf8")) as PickList));
}

describe("names → tickers", () => {
  it("a name the bundled catalog knows (新易盛 in Huaxin's focus table) gets its ticker", () => {
    const names = [{ from: "catalog", entries: namesFromLists(catalogLists()) }];
    const r = parseReport(themed("新易盛、中际旭创"), { names });
    expect(r.lists[0]!.rows.map((row) => [row.name, row.ticker])).toEqual([
      ["新易盛", "300502.SZ"],
      ["中际旭创", "300308.SZ"],
    ]);
    expect(r.problems).toEqual([]);
  });

  it("a name only the caller knows (a feed, a workbook table) gets its ticker; an unknown one stays null with a problem", () => {
    const workbook = { from: "workbook", entries: [{ name: "天孚通信", ticker: "300394" }] };
    const r = parseReport(themed("天孚通信、无名公司"), { names: [workbook] });
    expect(r.lists[0]!.rows.map((row) => row.ticker)).toEqual(["300394.SZ", null]);
    expect(r.problems).toEqual([expect.objectContaining({ code: "unknown-name", name: "无名公司", table: "投资建议: 光模块" })]);
  });

  it("the note's own table wins over what the caller knows; a source that gives a name two tickers is not used", () => {
    const text = "2025-03-09\n表1：重点推荐\n代码\t名称\t股价\n300308.SZ\t中际旭创\t98.5\n300502.SZ\t新易盛\t80.1\n\n投资建议\n建议关注：光模块：中际旭创、新易盛、天孚通信等。\n";
    const feed = { from: "feed", entries: [{ name: "中际旭创", ticker: "000001.SZ" }, { name: "天孚通信", ticker: "300394.SZ" }, { name: "天孚通信", ticker: "300395.SZ" }] };
    const catalog = { from: "catalog", entries: [{ name: "天孚通信", ticker: "300394.SZ" }] };
    const theme = parseReport(text, { names: [feed, catalog] }).lists.find((l) => l.id.includes("theme"))!;
    expect(theme.rows.map((row) => row.ticker)).toEqual(["300308.SZ", "300502.SZ", "300394.SZ"]);
  });

  it("the bundled directory still answers when nothing else does (寒武纪)", () => {
    expect(parseReport(themed("寒武纪、海光信息")).lists[0]!.rows.map((row) => row.ticker)).toEqual(["688256.SH", "688041.SH"]);
  });
});
