/**
 * English themed lists (issue 10): a recommendation cue, a theme and a list of 2+ company-like names
 * become a themed list like the Chinese "方向：公司A、公司B等"; research prose with commas does not.
 * The notes are short English notes written for these tests.
 */
import { parseReport, type ParseResult } from "../../../src/picks/importer/parse";
import { englishListsIn } from "../../../src/picks/importer/themesEn";

/** A dated English note: its header, then `body` lines. */
function note(...body: string[]): string {
  return ["Example Securities (HK) Limited", "China Technology Weekly", "1 March 2024", "", ...body].join("\n");
}

/** Each list as [title en, title zh, [[name, ticker], ...]]. */
function lists(result: ParseResult) {
  return result.lists.map((l) => [l.title.en, l.title.zh, l.rows.map((r) => [r.name, r.ticker])]);
}

describe("English themed lists", () => {
  it("'We recommend: A, B and C' names no theme: the list is 'Recommended stocks' (推荐个股), names unknown stay null with a problem each", () => {
    const result = parseReport(note("We recommend: Inspur, Zhongji Innolight and Eoptolink."));
    expect(lists(result)).toEqual([
      ["Recommended stocks", "推荐个股", [["Inspur", null], ["Zhongji Innolight", null], ["Eoptolink", null]]],
    ]);
    expect(result.lists[0]!.id).toMatch(/-2024-03-01-theme-picks$/);
    expect(result.lists[0]!.columns.map((c) => c.key)).toEqual(["ticker", "name", "theme"]);
    expect(result.lists[0]!.rows[0]!.theme).toBe("Recommended stocks");
    expect(result.problems.filter((p) => p.code === "unknown-name").map((p) => p.name)).toEqual(["Inspur", "Zhongji Innolight", "Eoptolink"]);
  });

  it("the theme between the cue and the list: 'Beneficiaries of AI servers: …', 'Top picks in compute: …'", () => {
    const result = parseReport(note("Beneficiaries of AI servers: Inspur, Sugon, Cambricon.", "Top picks in the compute space: Hygon, Cambricon and Inspur."));
    expect(lists(result)).toEqual([
      ["AI servers", "AI servers", [["Inspur", null], ["Sugon", null], ["Cambricon", null]]],
      ["Compute", "Compute", [["Hygon", null], ["Cambricon", null], ["Inspur", null]]],
    ]);
  });

  it("'Theme: optical modules — A, B, C': a theme the glossary knows gets its Chinese title and slug", () => {
    const result = parseReport(note("Theme: optical modules — Zhongji Innolight, Eoptolink, TFC Optical"));
    expect(lists(result)).toEqual([["Optical modules", "光模块", [["Zhongji Innolight", null], ["Eoptolink", null], ["TFC Optical", null]]]]);
    expect(result.lists[0]!.id).toMatch(/-2024-03-01-theme-optical-modules$/);
  });

  it("tickers in parentheses are used through the one ticker rule; ratings beside them are ignored", () => {
    const result = parseReport(note("Top picks in compute: Inspur (000977.SZ), Sugon (603019 CH) and Cambricon (688256 CH, Buy)."));
    expect(lists(result)).toEqual([["Compute", "Compute", [["Inspur", "000977.SZ"], ["Sugon", "603019.SH"], ["Cambricon", "688256.SH"]]]]);
    expect(result.problems.filter((p) => p.code === "unknown-name")).toEqual([]);
  });

  it("the theme in the clause before the cue: 'In optical modules, our top picks are …', 'AI server beneficiaries include …'", () => {
    const result = parseReport(
      note(
        "In optical modules, our top picks are Zhongji Innolight (300308.SZ) and Eoptolink (300502.SZ).",
        "AI server beneficiaries include Hon Hai Precision Industry Co., Ltd., Quanta Computer Inc. and Wiwynn.",
      ),
    );
    expect(lists(result)).toEqual([
      ["Optical modules", "光模块", [["Zhongji Innolight", "300308.SZ"], ["Eoptolink", "300502.SZ"]]],
      ["AI server", "AI server", [["Hon Hai Precision Industry Co., Ltd.", null], ["Quanta Computer Inc.", null], ["Wiwynn", null]]],
    ]);
  });

  it("enumerated and bulleted items under a recommending line, each with its theme", () => {
    const result = parseReport(
      note("Our top picks by theme:", "1) Optical modules: Zhongji Innolight, Eoptolink and TFC Optical;", "2) Servers — Inspur, Sugon.", "• Edge AI devices: Xiaomi Group, Lenovo Group"),
    );
    expect(lists(result).map(([en, , rows]) => [en, (rows as unknown[]).length])).toEqual([
      ["Optical modules", 3],
      ["Servers", 2],
      ["Edge AI devices", 2],
    ]);
    // The same items under a line that recommends nothing are an agenda, not lists.
    expect(parseReport(note("Contents:", "1) Optical modules: Zhongji Innolight, Eoptolink and TFC Optical;", "2) Servers — Inspur, Sugon.")).lists).toEqual([]);
  });

  it("names resolve through the note's own table (English names) and the names the caller passes", () => {
    const text = note(
      "Table 1: Stocks in focus",
      "Ticker\tName\tPrice",
      "300308.SZ\tZhongji Innolight\t120.50",
      "300502.SZ\tEoptolink\t80.10",
      "Source: Example Securities",
      "",
      "We like optical module names such as Zhongji Innolight, Eoptolink and TFC Optical.",
    );
    const result = parseReport(text, { names: [{ from: "feeds", entries: [{ name: "TFC Optical", ticker: "300394.SZ" }] }] });
    const theme = result.lists.find((l) => l.rows.some((r) => r.theme !== undefined));
    expect(theme?.rows.map((r) => [r.name, r.ticker])).toEqual([
      ["Zhongji Innolight", "300308.SZ"],
      ["Eoptolink", "300502.SZ"],
      ["TFC Optical", "300394.SZ"],
    ]);
  });

  it("the sentence may go on after the last name, or end in 'in our view'", () => {
    expect(englishListsIn("We like Tencent, Alibaba and Meituan for their exposure to AI.", false)).toEqual([
      { offset: 0, theme: null, members: ["Tencent", "Alibaba", "Meituan"], tickers: [null, null, null] },
    ]);
    expect(englishListsIn("Key beneficiaries include Nvidia, AMD and Broadcom, in our view.", false).map((l) => l.members)).toEqual([["Nvidia", "AMD", "Broadcom"]]);
  });

  it("a company named after a market is a name; the market alone is not", () => {
    expect(englishListsIn("Top picks in telecoms: China Mobile, China Telecom and China Unicom.", false).map((l) => [l.theme, l.members])).toEqual([
      ["Telecoms", ["China Mobile", "China Telecom", "China Unicom"]],
    ]);
    expect(englishListsIn("We like exchanges: Hong Kong Exchanges and Singapore Exchange.", false).map((l) => l.members)).toEqual([["Hong Kong Exchanges", "Singapore Exchange"]]);
    expect(englishListsIn("We prefer Hong Kong, Singapore and Japan.", false)).toEqual([]);
  });

  it("Chinese names in an English sentence are names too", () => {
    expect(lists(parseReport(note("Stocks to watch: 中际旭创, 新易盛 and 寒武纪.")))).toEqual([
      ["Recommended stocks", "推荐个股", [["中际旭创", null], ["新易盛", null], ["寒武纪", "688256.SH"]]],
    ]);
  });
});

describe("English prose that is not a list", () => {
  // Sentences of the kind research notes are written in: cues, commas and capitalised words, but no list of companies.
  const PROSE = [
    "We recommend investors stay overweight China, Japan and Korea.",
    "Buy-side investors like Fidelity, BlackRock and Vanguard added to positions in the quarter.",
    "In 2023, Nvidia, AMD and Intel all reported record data-centre revenue.",
    "The main risks are US export controls, weaker demand and higher rates.",
    "We like the setup into Q3 given Nvidia, AMD and TSMC guidance.",
    "Key themes: AI, Cloud and EVs.",
    "We recommend the sector. Peers are Nvidia, AMD and Intel.",
    "Our recommendation is unchanged; risks include Nvidia, AMD and TSMC supply.",
    "Beneficiaries are likely to include suppliers in Taiwan, Korea and Japan.",
    "We recommend accumulating on weakness, as valuations, earnings and flows all look supportive.",
    "Top picks were unchanged in January, February and March.",
    "We prefer hardware to software, and upstream to downstream.",
    "Beneficiaries: see Figure 3, Table 2 and the appendix.",
    "We recommend: Buy.",
    "We recommend investors to watch Nvidia, AMD and Intel earnings closely.",
    "As a result, we prefer Taiwan, Korea and India over China.",
  ];

  it.each(PROSE)("%s", (sentence) => {
    const result = parseReport(note(sentence));
    expect(result.lists).toEqual([]);
    expect(englishListsIn(sentence, false)).toEqual([]);
  });

  it("a list needs two names: 'We recommend Inspur.' is one", () => {
    expect(englishListsIn("We recommend Inspur.", false)).toEqual([]);
  });
});
