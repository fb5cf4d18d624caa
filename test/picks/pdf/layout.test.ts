/**
 * The PDF layout rules on positioned items written by hand (no pdf.js, no font): lines from baselines,
 * words split over items, column bands, merged headers, running lines, tables over page breaks, and text
 * set in columns. Each case is a small page described the way pdf.js reports it.
 */
import { layoutNote } from "../../../src/picks/pdf/layout";
import { pageLines } from "../../../src/picks/pdf/lines";
import { dropRunningLines, isPageNumber, isRunningByWords } from "../../../src/picks/pdf/running";
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
    // Not text, but kept aside (each text once, in page order) for who wrote the note: layoutNote's margin.
    expect(layoutNote(pages).margin).toEqual(["示例证券 行业周报", "请务必阅读正文之后的免责声明", "1 / 3", "2 / 3", "3 / 3"]);
  });
});

describe("running lines of a one-page note, by their words", () => {
  const lineOf = (...cells: string[]) => pageLines(page(1, cells.map((c, i) => at(c, 56 + 250 * i, 100))))[0]!;
  const kept = (pages: PdfPageText[]) =>
    dropRunningLines(pages.map((p) => pageLines(p)), pages.map((p) => p.height)).map((lines) => lines.map((l) => l.segments.map((s) => s.text).join(" | ")));

  it.each([
    ["请务必阅读正文之后的免责声明"],
    ["请务必阅读正文之后的信息披露和免责申明部分"],
    ["敬请参阅最后一页特别声明"],
    ["证券研究报告"],
    ["华泰证券"],
    ["示例证券研究所"],
    ["中金公司 | 证券研究报告"],
    ["HUATAI SECURITIES"],
    ["Example Securities Research"],
    ["Please refer to the disclaimer at the end of this report."],
    ["See important disclosures at the end of this report", "Page 1 of 1"],
    ["敬请参阅报告结尾处的免责声明", "1"],
  ])("%j is a running line", (...cells) => {
    expect(isRunningByWords(lineOf(...cells))).toBe(true);
  });

  it.each([
    ["示例证券 | 行业周报 | 计算机"],
    ["华泰证券 2025年03月09日"],
    ["示例证券认为算力需求将持续提升"],
    ["Hong Kong tech: AI servers lift the supply chain"],
    ["行业研究报告"],
    ["3"],
    ["000977.SZ", "浪潮信息", "买入"],
    ["我们看好算力板块，请务必阅读正文之后的免责声明，" + "并注意下游需求不及预期、供应链风险、竞争加剧与汇率波动等多项风险。".repeat(3)],
  ])("%j is not", (...cells) => {
    expect(isRunningByWords(lineOf(...cells))).toBe(false);
  });

  it("drops a Chinese note's logo, notice and disclaimer from its margins, keeps its title and body", () => {
    const lines = kept([
      page(1, [
        at("示例证券", 56, 30),
        at("证券研究报告", 480, 30),
        at("算力周报：光模块放量", 56, 80, 14), // the title, in the top margin
        at("本周观点：算力需求持续提升。", 56, 200),
        at("请务必阅读正文之后的免责声明", 56, 790),
        at("1", 520, 805),
      ]),
    ]);
    expect(lines).toEqual([["算力周报：光模块放量", "本周观点：算力需求持续提升。"]]);
  });

  it("drops an English note's banner and its disclaimer with the page number, keeps a banner that names the report", () => {
    const lines = kept([
      page(1, [
        at("EXAMPLE SECURITIES", 56, 28),
        at("Equity Research | Sector Update", 56, 42),
        at("Hong Kong tech weekly", 56, 90, 14),
        at("We stay positive on the sector.", 56, 200),
        at("See important disclosures and analyst certifications at the end of this report.", 56, 805),
        at("Page 1 of 1", 480, 805),
      ]),
    ]);
    expect(lines).toEqual([["Equity Research | Sector Update", "Hong Kong tech weekly", "We stay positive on the sector."]]);
  });

  it("never drops a line inside the body, a table row or an identity line in the margins", () => {
    const lines = kept([
      page(1, [
        at("华泰证券 2025年03月09日", 56, 30),
        at("本周观点：我们维持推荐评级。", 56, 60), // body text starts in the top margin
        at("敬请参阅最后一页特别声明", 56, 75), // below body text: part of the body
        at("风险提示：请务必阅读正文之后的免责声明", 56, 400),
        at("华泰证券", 56, 420),
        at("000977.SZ", 56, 780), at("浪潮信息", 140, 780), at("买入", 240, 780), // a table's last row in the bottom margin
        at("示例证券研究所", 56, 800), // below it: a footer
      ]),
    ]);
    expect(lines).toEqual([
      [
        "华泰证券 2025年03月09日",
        "本周观点：我们维持推荐评级。",
        "敬请参阅最后一页特别声明",
        "风险提示：请务必阅读正文之后的免责声明",
        "华泰证券",
        "000977.SZ | 浪潮信息 | 买入",
      ],
    ]);
  });

  it("on a longer note, also drops a first-page-only notice that does not repeat", () => {
    const pages = [1, 2].map((n) =>
      page(n, [
        ...(n === 1 ? [at("敬请参阅最后一页特别声明", 56, 30), at("证券研究报告 | 行业周报", 56, 45)] : []),
        at(`正文第 ${n} 页`, 56, 300),
      ]),
    );
    expect(kept(pages)).toEqual([["证券研究报告 | 行业周报", "正文第 1 页"], ["正文第 2 页"]]);
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

  describe("a group header printed off the centre of its span goes to the span's first column", () => {
    // 代码 名称 股价 | EPS over 2023E 2024E 2025E | PE over 2023E 2024E 2025E | 评级
    const X: Array<[number, number]> = [[56, 116], [116, 176], [176, 226], [226, 266], [266, 306], [306, 346], [346, 386], [386, 426], [426, 466], [466, 516]];
    const YEARS = ["2023E", "2024E", "2025E"];
    const header = (groupAt: (text: string, first: number, last: number) => PdfTextItem) => [
      centred("代码", ...X[0]!, 128),
      centred("名称", ...X[1]!, 128),
      centred("股价", ...X[2]!, 128),
      groupAt("EPS（元）", 3, 5),
      groupAt("PE", 6, 8),
      centred("评级", ...X[9]!, 128),
      ...[...YEARS, ...YEARS].map((y, i) => centred(y, ...X[3 + i]!, 138)),
    ];
    const data = (top: number, cells: string[]) =>
      cells.map((c, i) => (i >= 2 && i <= 8 ? right(c, X[i]![1] - 3, top) : at(c, X[i]![0] + 3, top)));
    const ROWS = [
      ["000977.SZ", "浪潮信息", "30.38", "1.57", "2.07", "2.69", "19.35", "14.68", "11.29", "买入"],
      ["0700.HK", "腾讯控股", "378.40", "15.20", "17.80", "19.02", "24.89", "21.26", "19.89", "增持"],
    ];
    const LABELS = "代码\t名称\t股价\tEPS（元）\t\t\tPE\t\t\t评级";

    it.each([
      ["right-aligned over the last year of its span", (t: string, _f: number, l: number) => right(t, X[l]![1] - 3, 120)],
      ["right-aligned and wider than one column (it reaches into the year before)", (t: string, _f: number, l: number) => right(t.length < 3 ? `${t} (x)` : t, X[l]![1] - 3, 120)],
      ["left-aligned over the first year", (t: string, f: number) => at(t, X[f]![0] + 3, 120)],
      ["centred over its span", (t: string, f: number, l: number) => centred(t, X[f]![0], X[l]![1], 120)],
    ])("%s", (_name, groupAt) => {
      const lines = text([page(1, [...header(groupAt), ...data(152, ROWS[0]!), ...data(168, ROWS[1]!)])]).filter((l) => l !== "");
      const labels = lines[0]!.replace("PE (x)", "PE");
      expect([labels, ...lines.slice(1)]).toEqual([LABELS, "\t\t\t" + [...YEARS, ...YEARS].join("\t") + "\t", ...ROWS.map((r) => r.join("\t"))]);
    });

    it("an English header: EPS right-aligned over two years, P/E over one", () => {
      const E: Array<[number, number]> = [[56, 120], [120, 200], [200, 250], [250, 300], [300, 350]];
      const lines = text([
        page(1, [
          centred("Ticker", ...E[0]!, 128),
          centred("Name", ...E[1]!, 128),
          right("EPS (HKD)", E[3]![1] - 3, 120),
          centred("P/E", ...E[4]!, 120),
          centred("2024A", ...E[2]!, 136),
          centred("2025E", ...E[3]!, 136),
          centred("2025E", ...E[4]!, 136),
          at("0700 HK", 59, 152), at("Tencent", 123, 152), right("15.20", 247, 152), right("17.80", 297, 152), right("21.3", 347, 152),
          at("1810 HK", 59, 168), at("Xiaomi", 123, 168), right("0.95", 247, 168), right("1.32", 297, 168), right("31.0", 347, 168),
        ]),
      ]).filter((l) => l !== "");
      expect(lines.slice(0, 2)).toEqual(["Ticker\tName\tEPS (HKD)\t\tP/E", "\t\t2024A\t2025E\t2025E"]);
    });
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

describe("a table continued on the next page after other text", () => {
  const running = (n: number) => [at("示例证券研究所", 56, 40), at(`第 ${n} 页`, 500, 812)];
  const ROWS_1 = [
    ["000977.SZ", "浪潮信息", "30.38", "1.57", "2.07", "2.69", "买入"],
    ["002230.SZ", "科大讯飞", "43.55", "0.24", "0.45", "0.65", "增持"],
  ];
  const ROWS_2 = [
    ["300308.SZ", "中际旭创", "127.00", "1.53", "2.72", "5.01", "增持"],
    ["0700.HK", "腾讯控股", "378.40", "15.20", "—", "19.02", "买入"],
  ];
  /** Page 1: a caption, the two-row header and ROWS_1, ending the page. */
  const firstPage = (caption = "表2：重点公司") =>
    page(1, [...running(1), at("正文段落。", 56, 600), at(caption, 56, 680), ...headerTwoRows(700), ...ROWS_1.flatMap((r, i) => row(732 + 16 * i, r))]);
  const rowsAt = (top: number, rows: string[][]) => rows.flatMap((r, i) => row(top + 16 * i, r));
  const tickerRows = (lines: string[]) => lines.filter((l) => /^\d{4,6}\.(?:S[ZH]|HK)\t/.test(l));

  /** The rows read as one table: one header, all four rows in a run, in order. */
  function expectOneTable(lines: string[]): void {
    const rows = tickerRows(lines);
    expect(rows).toEqual([...ROWS_1, ...ROWS_2].map((r) => r.join("\t")));
    const first = lines.indexOf(rows[0]!);
    expect(lines.slice(first, first + rows.length)).toEqual(rows);
    expect(lines.filter((l) => l.startsWith("代码\t"))).toHaveLength(1);
  }

  it("joins rows that follow a paragraph (no repeated header); the paragraph stays text after the table, the source line stays under it", () => {
    const lines = text([
      firstPage(),
      page(2, [
        ...running(2),
        at("我们认为算力需求仍在上行通道，下表续列其余公司。", 56, 90),
        at("估值以当日收盘价计算。", 56, 105),
        ...rowsAt(130, ROWS_2),
        at("资料来源：Wind，示例证券研究所", 56, 170),
        at("三、风险提示", 56, 200),
      ]),
    ]);
    expectOneTable(lines);
    const nonBlank = lines.filter((l) => l !== "");
    const last = nonBlank.indexOf(ROWS_2[1]!.join("\t"));
    expect(nonBlank.slice(last + 1)).toEqual([
      "资料来源：Wind，示例证券研究所",
      "我们认为算力需求仍在上行通道，下表续列其余公司。",
      "估值以当日收盘价计算。",
      "三、风险提示",
    ]);
  });

  it("joins rows under a repeated header after a chart's caption and source, and drops the repeated header and the 续 caption", () => {
    const lines = text([
      firstPage(),
      page(2, [
        ...running(2),
        at("图3：全球 AI 服务器出货量（万台）", 56, 90),
        at("2022", 80, 200), at("2023", 160, 200), at("2024E", 240, 200), // the chart's axis
        at("资料来源：IDC", 56, 220),
        at("表2：重点公司（续）", 56, 250),
        ...headerTwoRows(270),
        ...rowsAt(302, ROWS_2),
      ]),
    ]);
    expectOneTable(lines);
    expect(lines).toContain("图3：全球 AI 服务器出货量（万台）");
    expect(lines).toContain("资料来源：IDC");
    expect(lines.join("\n")).not.toContain("（续）");
  });

  it("joins an English table continued after a paragraph, its one-row header repeated", () => {
    const EN: Array<[number, number]> = [[56, 120], [120, 210], [210, 270], [270, 330], [330, 390]];
    const cells = (top: number, r: string[]) =>
      r.map((c, i) => (i >= 2 && i <= 3 ? right(c, EN[i]![1] - 3, top) : at(c, EN[i]![0] + 3, top)));
    const header = (top: number) => ["Ticker", "Name", "Price", "P/E 2025E", "Rating"].map((h, i) => centred(h, ...EN[i]!, top));
    const before = [["0700 HK", "Tencent", "378.40", "19.2", "Buy"], ["1810 HK", "Xiaomi", "45.90", "31.0", "Hold"]];
    const after = [["0981 HK", "SMIC", "52.30", "88.1", "Buy"], ["3690 HK", "Meituan", "152.10", "24.6", "Buy"]];
    const lines = text([
      page(1, [at("Table 4: Stocks in focus", 56, 690), ...header(710), ...before.flatMap((r, i) => cells(726 + 16 * i, r))]),
      page(2, [
        at("Valuations use closing prices of 28 February.", 56, 80),
        ...header(110),
        ...after.flatMap((r, i) => cells(126 + 16 * i, r)),
        at("Source: Bloomberg", 56, 166),
      ]),
    ]);
    const rows = lines.filter((l) => / HK\t/.test(l));
    expect(rows).toEqual([...before, ...after].map((r) => r.join("\t")));
    const first = lines.indexOf(rows[0]!);
    expect(lines.slice(first, first + 6)).toEqual([...rows, "", "Source: Bloomberg"]);
    expect(lines.filter((l) => l.startsWith("Ticker\t"))).toHaveLength(1);
    expect(lines).toContain("Valuations use closing prices of 28 February.");
  });

  it("joins rows after text with a stray word among the numbers (亏损, N.A.)", () => {
    const stray = [
      ["300308.SZ", "中际旭创", "127.00", "1.53", "亏损", "5.01", "增持"],
      ["0700.HK", "腾讯控股", "378.40", "15.20", "17.80", "19.02", "买入"],
      ["688256.SH", "寒武纪", "612.00", "N.A.", "0.45", "2.13", "增持"],
    ];
    const lines = text([firstPage(), page(2, [at("下表续列其余公司。", 56, 90), ...rowsAt(120, stray)])]);
    expect(tickerRows(lines)).toEqual([...ROWS_1, ...stray].map((r) => r.join("\t")));
    expect(lines.indexOf("下表续列其余公司。")).toBeGreaterThan(lines.indexOf(stray[2]!.join("\t")));
  });

  it("joins a lone last row spilled after a note on the next page", () => {
    const lines = text([firstPage(), page(2, [at("注：股价为 3 月 7 日收盘价。", 56, 90), ...rowsAt(120, ROWS_2.slice(0, 1))])]);
    expect(tickerRows(lines)).toEqual([...ROWS_1, ROWS_2[0]!].map((r) => r.join("\t")));
    expect(lines.filter((l) => l.startsWith("代码\t"))).toHaveLength(1);
  });

  it("keeps two tables of the same layout apart when the second has its own caption (表4, 表5)", () => {
    const lines = text([
      firstPage("表4：算力公司"),
      page(2, [at("其次是应用端公司。", 56, 90), at("表5：应用公司", 56, 110), ...headerTwoRows(130), ...rowsAt(162, ROWS_2)]),
    ]);
    expect(lines.filter((l) => l.startsWith("代码\t"))).toHaveLength(2);
    expect(lines.indexOf("表5：应用公司")).toBeLessThan(lines.indexOf(ROWS_2[0]!.join("\t")));
    expect(lines.indexOf("表5：应用公司")).toBeGreaterThan(lines.indexOf(ROWS_1[1]!.join("\t")));
  });

  it("keeps them apart when the second table's caption is a page's first line, or a chart caption printed directly above its rows", () => {
    for (const caption of ["Table 5: Other picks", "图表 5：应用公司", "图5：应用公司"]) {
      const lines = text([firstPage(), page(2, [...(caption.startsWith("图5") ? [at("正文。", 56, 70)] : []), at(caption, 56, 90), ...rowsAt(110, ROWS_2)])]);
      const rows = tickerRows(lines);
      expect(lines.indexOf(caption)).toBeGreaterThan(lines.indexOf(rows[1]!));
      expect(lines.indexOf(caption)).toBeLessThan(lines.indexOf(rows[2]!));
    }
  });

  it("does not join rows after text whose columns differ in count, in position or in kind", () => {
    const fewer = ROWS_2.flatMap((r, i) => row(130 + 16 * i, r.slice(0, 6)));
    const shifted = ROWS_2.flatMap((r, i) => r.map((c, j) => at(c, COLS[j]![0] + 3 + (j >= 2 ? 25 : 0), 130 + 16 * i)));
    const kinds = [
      ["300308.SZ", "中际旭创", "光模块", "1.53", "2.72", "5.01", "增持"],
      ["0700.HK", "腾讯控股", "互联网", "15.20", "17.80", "19.02", "买入"],
    ].flatMap((r, i) => row(130 + 16 * i, r));
    for (const rows of [fewer, shifted, kinds]) {
      const lines = text([firstPage(), page(2, [at("下面是另一组公司。", 56, 90), ...rows])]);
      const idx = lines.indexOf("下面是另一组公司。");
      expect(idx).toBeGreaterThan(lines.indexOf(ROWS_1[1]!.join("\t")));
      expect(idx).toBeLessThan(lines.findIndex((l) => l.startsWith("300308.SZ")));
    }
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
