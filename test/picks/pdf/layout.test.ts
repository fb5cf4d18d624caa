/**
 * The PDF layout rules on positioned items written by hand (no pdf.js, no font): lines from baselines,
 * words split over items, column bands, merged headers, running lines, tables over page breaks, and text
 * set in columns. Each case is a small page described the way pdf.js reports it.
 */
import { layoutNote } from "../../../src/picks/pdf/layout";
import { pageLines } from "../../../src/picks/pdf/lines";
import { dropRunningLines, isPageNumber } from "../../../src/picks/pdf/running";
import type { PdfPageText, PdfTextItem } from "../../../src/picks/pdf/types";

const SIZE = 9;
const PAGE_H = 842;

/** Advance width as a CJK font sets it: ideographs 1 em, other characters about half. */
function widthOf(text: string, size = SIZE): number {
  return Array.from(text).reduce((w, ch) => w + (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? size : 0.55 * size), 0);
}

/** An item whose text starts at x on the baseline `top` points below the page's top. */
function at(str: string, x: number, top: number, size = SIZE): PdfTextItem {
  return { str, x, y: PAGE_H - top, width: widthOf(str, size), height: size };
}

/** Right-aligned at `right`. */
function right(str: string, rightX: number, top: number): PdfTextItem {
  return at(str, rightX - widthOf(str), top);
}

/** Centred over [x0, x1]. */
function centred(str: string, x0: number, x1: number, top: number): PdfTextItem {
  return at(str, (x0 + x1 - widthOf(str)) / 2, top);
}

function page(n: number, items: PdfTextItem[]): PdfPageText {
  return { page: n, width: 595, height: PAGE_H, items };
}

function text(pages: PdfPageText[]): string[] {
  return layoutNote(pages).lines;
}

describe("lines and segments", () => {
  it("joins a word printed one character per item, and keeps a space between Latin words", () => {
    const items = [..."浪潮信息"].map((ch, i) => at(ch, 100 + i * SIZE, 200));
    items.push(at("Price", 300, 200.4), at("(HKD)", 300 + widthOf("Price") + 2.5, 200));
    const lines = pageLines(page(1, items));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.segments.map((s) => s.text)).toEqual(["浪潮信息", "Price (HKD)"]);
  });

  it("normalises glyph artefacts item by item (⽉ ⽇, full-width digits)", () => {
    const lines = pageLines(page(1, [at("２０２５年０３⽉", 100, 100), at("０９⽇", 100 + widthOf("２０２５年０３⽉"), 100)]));
    expect(lines[0]!.segments[0]!.text).toBe("2025年03月09日");
  });

  it("orders lines top to bottom and items left to right whatever order the PDF gives them in", () => {
    const lines = pageLines(page(1, [at("second", 100, 220), at("right", 300, 200), at("left", 100, 200.5)]));
    expect(lines.map((l) => l.segments.map((s) => s.text).join("|"))).toEqual(["left|right", "second"]);
  });
});

describe("running headers, footers and page numbers", () => {
  it.each(["3", "- 3 -", "第 3 页", "第 3 页 / 共 12 页", "Page 3 of 12", "3/12"])("%j is a page number", (t) => {
    expect(isPageNumber(t)).toBe(true);
  });
  it.each(["表3", "3.5%", "Page three", "2024年3月"])("%j is not", (t) => {
    expect(isPageNumber(t)).toBe(false);
  });

  it("drops lines repeated in the margins of most pages, keeps the body and first-page-only margin text", () => {
    const pages = [1, 2, 3].map((n) =>
      page(n, [
        at("示例证券 行业周报", 56, 40),
        ...(n === 1 ? [at("首页标题只在第一页", 56, 60)] : []),
        at(`正文第 ${n} 页的内容`, 56, 300),
        at("请务必阅读正文之后的免责声明", 56, 800),
        at(`${n} / 3`, 500, 812),
      ]),
    );
    const kept = dropRunningLines(pages.map((p) => pageLines(p)), pages.map((p) => p.height));
    expect(kept.map((lines) => lines.map((l) => l.segments[0]!.text))).toEqual([
      ["首页标题只在第一页", "正文第 1 页的内容"],
      ["正文第 2 页的内容"],
      ["正文第 3 页的内容"],
    ]);
  });
});

/** A table: columns at these x ranges (points). */
const COLS: Array<[number, number]> = [
  [56, 116], [116, 176], [176, 226], [226, 266], [266, 306], [306, 346], [346, 396],
];

function headerTwoRows(top: number): PdfTextItem[] {
  return [
    centred("代码", ...COLS[0]!, top + 8),
    centred("名称", ...COLS[1]!, top + 8),
    centred("股价", ...COLS[2]!, top + 4),
    centred("（元）", ...COLS[2]!, top + 14), // a header wrapped onto two lines
    centred("EPS（元）", COLS[3]![0], COLS[5]![1], top), // centred over three year columns
    centred("2024A", ...COLS[3]!, top + 16),
    centred("2025E", ...COLS[4]!, top + 16),
    centred("2026E", ...COLS[5]!, top + 16),
    centred("评级", ...COLS[6]!, top + 8),
  ];
}

function row(top: number, cells: string[]): PdfTextItem[] {
  return cells.flatMap((c, i) => {
    if (c === "") return [];
    if (c === "—") return [centred(c, ...COLS[i]!, top)];
    return i >= 2 && i <= 5 ? [right(c, COLS[i]![1] - 3, top)] : [at(c, COLS[i]![0] + 3, top)];
  });
}

describe("tables", () => {
  it("merges a two-row header with a centred group header and a wrapped cell into one label line and one year line", () => {
    const lines = text([
      page(1, [
        at("表1：盈利预测", 56, 100),
        ...headerTwoRows(120),
        ...row(152, ["000977.SZ", "浪潮信息", "30.38", "1.57", "—", "2.69", "买入"]),
        ...row(168, ["0700.HK", "腾讯控股", "290.00", "15.20", "17.80", "", "增持"]),
      ]),
    ]);
    expect(lines).toEqual([
      "表1：盈利预测",
      "",
      "代码\t名称\t股价（元）\tEPS（元）\t\t\t评级",
      "\t\t\t2024A\t2025E\t2026E\t",
      "000977.SZ\t浪潮信息\t30.38\t1.57\t—\t2.69\t买入",
      "0700.HK\t腾讯控股\t290.00\t15.20\t17.80\t\t增持",
      "",
    ]);
  });

  it("reads a group header centred over an even number of columns (it overlaps both years)", () => {
    const lines = text([
      page(1, [
        centred("代码", ...COLS[0]!, 128),
        centred("PE", COLS[1]![0], COLS[2]![1], 120),
        centred("2024A", ...COLS[1]!, 136),
        centred("2025E", ...COLS[2]!, 136),
        ...row(152, ["300308.SZ", "83.01", "46.69"]),
        ...row(168, ["688256.SH", "—", "—"]),
      ]),
    ]);
    expect(lines.filter((l) => l !== "").slice(0, 2)).toEqual(["代码\tPE\t", "\t2024A\t2025E"]);
  });

  it("splits cells that came out glued (a right-aligned number against the next column's text)", () => {
    const glued = [
      ...headerTwoRows(120),
      ...row(152, ["000977.SZ", "浪潮信息", "30.38", "1.57", "2.07", "2.69", ""]),
      at("买入", 346 - 3 + 2, 152), // 2 pt after the number: closer than a cell gap
      ...row(168, ["002230.SZ", "科大讯飞", "43.55", "0.24", "0.45", "0.65", ""]),
      at("增持", 346 - 3 + 2, 168),
    ];
    const lines = text([page(1, glued)]);
    expect(lines).toContain("000977.SZ\t浪潮信息\t30.38\t1.57\t2.07\t2.69\t买入");
    expect(lines).toContain("002230.SZ\t科大讯飞\t43.55\t0.24\t0.45\t0.65\t增持");
  });

  it("joins a table that continues on the next page under a 续 caption and a repeated header, without the running lines", () => {
    const running = (n: number) => [at("示例证券研究所", 56, 40), at(`第 ${n} 页`, 500, 812)];
    const lines = text([
      page(1, [
        ...running(1),
        at("表2：重点公司", 56, 700),
        ...headerTwoRows(720),
        ...row(752, ["000977.SZ", "浪潮信息", "30.38", "1.57", "2.07", "2.69", "买入"]),
        ...row(768, ["002230.SZ", "科大讯飞", "43.55", "0.24", "0.45", "0.65", "买入"]),
      ]),
      page(2, [
        ...running(2),
        at("表2：重点公司（续）", 56, 100),
        ...headerTwoRows(120),
        ...row(152, ["300308.SZ", "中际旭创", "127.00", "1.53", "2.72", "5.01", "增持"]),
        at("资料来源：Wind，示例证券研究所", 56, 180),
      ]),
    ]);
    const rows = lines.filter((l) => /^\d{6}\.S[ZH]\t/.test(l));
    expect(rows.map((r) => r.split("\t")[0])).toEqual(["000977.SZ", "002230.SZ", "300308.SZ"]);
    const first = lines.indexOf(rows[0]!);
    expect(lines.slice(first, first + 3)).toEqual(rows); // nothing between the rows
    expect(lines.join("\n")).not.toMatch(/示例证券研究所\n|第 \d 页|（续）/);
    expect(lines.filter((l) => l.startsWith("代码\t"))).toHaveLength(1);
    expect(layoutNote([page(1, []), page(2, [at("x", 56, 300)])]).pages).toEqual([2]);
  });

  it("does not join across pages when the first page's table has ended (a source line follows it)", () => {
    const lines = text([
      page(1, [...headerTwoRows(620), ...row(652, ["000977.SZ", "浪潮信息", "30.38", "1.57", "2.07", "2.69", "买入"]), at("资料来源：Wind", 56, 680)]),
      page(2, [...headerTwoRows(120), ...row(152, ["300308.SZ", "中际旭创", "127.00", "1.53", "2.72", "5.01", "增持"])]),
    ]);
    expect(lines.filter((l) => l.startsWith("代码\t"))).toHaveLength(2);
  });
});

describe("text set in columns", () => {
  it("writes a sidebar and the main text column by column, so the sidebar's date stays a line of its own", () => {
    const lines = text([
      page(1, [
        at("2025年03月09日", 56, 100),
        at("本周观点：算力需求持续提升，维持推荐评级。", 220, 100),
        at("分析师：李四", 56, 115),
        at("光模块：中际旭创、新易盛等。", 220, 115),
      ]),
    ]);
    expect(lines.filter((l) => l !== "")).toEqual([
      "2025年03月09日",
      "分析师：李四",
      "本周观点：算力需求持续提升，维持推荐评级。",
      "光模块：中际旭创、新易盛等。",
    ]);
  });
});
