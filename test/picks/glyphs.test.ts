import { normalizeGlyphs } from "../../src/picks/glyphs";

describe("normalizeGlyphs", () => {
  it("maps Kangxi radicals to the ideographs they stand for", () => {
    expect(normalizeGlyphs("⽉")).toBe("月");
    expect(normalizeGlyphs("⽇")).toBe("日");
    expect(normalizeGlyphs("⼯")).toBe("工");
    expect(normalizeGlyphs("⼈⼯智能")).toBe("人工智能");
  });

  it("maps CJK radical-supplement forms through the table NFKC lacks", () => {
    expect(normalizeGlyphs("⻛")).toBe("风");
    const pairs: Array<[string, string]> = [
      ["⻓", "长"], ["⻔", "门"], ["⻋", "车"], ["⻅", "见"], ["⻉", "贝"], ["⻜", "飞"], ["⻢", "马"],
      ["⻥", "鱼"], ["⻩", "黄"], ["⻬", "齐"], ["⻮", "齿"], ["⻰", "龙"], ["⻳", "龟"], ["⻚", "页"], ["⻆", "角"],
      ["⺠", "民"], ["⺟", "母"], ["⻄", "西"], ["⻘", "青"], ["⻝", "食"],
    ];
    for (const [radical, ideograph] of pairs) expect(normalizeGlyphs(radical)).toBe(ideograph);
    expect(normalizeGlyphs("⻓城汽⻋")).toBe("长城汽车");
  });

  it("leaves radicals with no ideograph they could mean as printed", () => {
    expect(normalizeGlyphs("⺀")).toBe("⺀");
    expect(normalizeGlyphs("⺍")).toBe("⺍");
  });

  it("reads full-width digits and letters as ASCII, so dates and tickers match", () => {
    expect(normalizeGlyphs("２０２５年０３⽉０９⽇")).toBe("2025年03月09日");
    expect(normalizeGlyphs("腾讯控股（００７００．ＨＫ）")).toBe("腾讯控股（00700.HK）");
    expect(normalizeGlyphs("ＥＰＳ１２．５")).toBe("EPS12.5");
  });

  it("keeps the full-width punctuation and spaces the importer reads itself", () => {
    const text = "EPS（元）：　2024A，2025E。——　句号．结束";
    expect(normalizeGlyphs(text)).toBe(text);
  });

  it("maps CJK compatibility ideographs to the unified ones", () => {
    expect(normalizeGlyphs("\uF900")).toBe("\u8C48");
    expect(normalizeGlyphs("\u{2F800}")).toBe("\u4E3D");
  });

  it("returns plain text unchanged and is idempotent", () => {
    const plain = "2024-02-18 浪潮信息 000977.SZ 12.50 —";
    expect(normalizeGlyphs(plain)).toBe(plain);
    const once = normalizeGlyphs("２０２４年⼆⽉⻛险");
    expect(once).toBe("2024年二月风险");
    expect(normalizeGlyphs(once)).toBe(once);
  });
});
