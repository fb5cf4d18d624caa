/**
 * The strings table (both languages complete and consistent), the language choice from Office's
 * display language, and host detection in every state office.js can be in.
 */
import { htmlLang, languageFromDisplayLanguage, STRING_TABLES, STRINGS, t, type StringKey } from "../../src/taskpane/i18n";
import { REFRESH_REQUIREMENT } from "../../src/excel/refresh";
import { hostInfoFrom, officeGlobal, requirementSupported, watchHost, type HostInfo, type OfficeLike } from "../../src/taskpane/office-host";

describe("strings table", () => {
  const keys = Object.keys(STRINGS.en) as StringKey[];
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it("has every key in both languages, non-empty", () => {
    expect(Object.keys(STRINGS.zh).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(STRINGS.en[key].trim()).not.toBe("");
      expect(STRINGS.zh[key].trim()).not.toBe("");
    }
  });

  it("defines each key in one table only (the core, the shell or one tab), so none silently overrides another", () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [table, strings] of Object.entries(STRING_TABLES))
      for (const key of Object.keys(strings)) {
        if (seen.has(key)) twice.push(`${key} (${seen.get(key)} and ${table})`);
        seen.set(key, table);
      }
    expect(twice).toEqual([]);
    expect(seen.size).toBe(keys.length);
  });

  it("uses the same placeholders in both languages", () => {
    for (const key of keys) expect({ key, zh: placeholders(STRINGS.zh[key]) }).toEqual({ key, zh: placeholders(STRINGS.en[key]) });
  });

  it("has Chinese text in the zh table (not an English copy) for the main labels", () => {
    for (const key of [
      "appTitle",
      "catalogHeading",
      "importHeading",
      "previewHeading",
      "parseButton",
      "insertButton",
      "hostOutside",
      "feedsHeading",
      "addFeedButton",
      "refreshHeading",
      "refreshAllButton",
      "analysisHeading",
      "compareButton",
      "computeButton",
      "shareHeading",
      "freezeButton",
      "restoreButton",
      "needsExcel",
    ] as const)
      expect(STRINGS.zh[key]).toMatch(/[\u4e00-\u9fff]/);
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(t("en", "rowCount", { count: 17 })).toBe("17 rows");
    expect(t("zh", "rowCount", { count: 17 })).toBe("17 行");
    expect(t("en", "rowCount")).toBe("{count} rows");
  });
});

describe("languageFromDisplayLanguage", () => {
  it.each([
    ["zh-CN", "zh"],
    ["zh-TW", "zh"],
    ["zh-Hans-CN", "zh"],
    ["ZH", "zh"],
    ["zh_CN", "zh"],
    ["en-US", "en"],
    ["fr-FR", "en"],
    ["zu-ZA", "en"],
    ["", "en"],
    [null, "en"],
    [undefined, "en"],
  ])("%s → %s", (display, lang) => {
    expect(languageFromDisplayLanguage(display)).toBe(lang);
  });

  it("maps to the html lang attribute", () => {
    expect(htmlLang("zh")).toBe("zh-CN");
    expect(htmlLang("en")).toBe("en");
  });
});

describe("host detection", () => {
  const HostType = { Excel: "Excel", Word: "Word" };
  const collect = () => {
    const seen: HostInfo[] = [];
    return { seen, onHost: (info: HostInfo) => seen.push(info) };
  };
  const flush = () => new Promise((resolve) => setImmediate(resolve));

  afterEach(() => jest.useRealTimers());

  it("finds no Office global under Node (office.js not loaded)", () => {
    expect(officeGlobal()).toBeUndefined();
  });

  it("reports outside at once when office.js is absent", () => {
    const { seen, onHost } = collect();
    watchHost(undefined, onHost);
    expect(seen).toEqual([{ inExcel: false, displayLanguage: null }]);
  });

  it("reports outside when onReady resolves with host null (a plain browser)", async () => {
    const { seen, onHost } = collect();
    const office: OfficeLike = { HostType, onReady: async () => ({ host: null, platform: null }) };
    watchHost(office, onHost, 50);
    await flush();
    expect(seen).toEqual([{ inExcel: false, displayLanguage: null }]);
  });

  it("reports Excel with Office's display language", async () => {
    const { seen, onHost } = collect();
    const office: OfficeLike = { HostType, context: { displayLanguage: "zh-CN" }, onReady: async () => ({ host: "Excel", platform: "PC" }) };
    watchHost(office, onHost, 50);
    await flush();
    expect(seen).toEqual([{ inExcel: true, displayLanguage: "zh-CN" }]);
  });

  it("does not count another Office host as Excel", () => {
    expect(hostInfoFrom({ HostType }, { host: "Word" }).inExcel).toBe(false);
  });

  it("reports outside when onReady rejects or throws, and when reading the context throws", async () => {
    const { seen, onHost } = collect();
    watchHost({ onReady: () => Promise.reject(new Error("no host")) }, onHost, 50);
    watchHost({ onReady: () => { throw new Error("broken office.js"); } }, onHost, 50);
    await flush();
    expect(seen).toEqual([
      { inExcel: false, displayLanguage: null },
      { inExcel: false, displayLanguage: null },
    ]);
    const throwing = { HostType, get context(): { displayLanguage?: string } { throw new Error("no context"); } };
    expect(hostInfoFrom(throwing, { host: "Excel" })).toEqual({ inExcel: true, displayLanguage: null });
  });

  it("reports outside after the timeout, then Excel if onReady answers late", async () => {
    jest.useFakeTimers();
    let answer: (info: { host: unknown }) => void = () => undefined;
    const { seen, onHost } = collect();
    watchHost({ HostType, onReady: () => new Promise((resolve) => (answer = resolve)) }, onHost, 5000);
    jest.advanceTimersByTime(4999);
    expect(seen).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(seen).toEqual([{ inExcel: false, displayLanguage: null }]);
    answer({ host: "Excel" });
    await Promise.resolve();
    await Promise.resolve();
    expect(seen).toEqual([
      { inExcel: false, displayLanguage: null },
      { inExcel: true, displayLanguage: null },
    ]);
  });
});

describe("requirementSupported (does this Excel support what a refresh needs?)", () => {
  /** An Excel that supports ExcelApi up to `max` (a minor version of 1.x), as Office.context.requirements answers. */
  const excelUpTo = (max: number): OfficeLike => ({
    context: {
      requirements: {
        isSetSupported: (name: string, version?: string) => name === "ExcelApi" && Number((version ?? "1.1").split(".")[1]) <= max,
      },
    },
  });

  it("asks Office.context.requirements.isSetSupported with the refresh's requirement (ExcelApi 1.13)", () => {
    const asked: [string, string | undefined][] = [];
    const office: OfficeLike = { context: { requirements: { isSetSupported: (name, version) => (asked.push([name, version]), true) } } };
    expect(requirementSupported(office, REFRESH_REQUIREMENT)).toBe(true);
    expect(asked).toEqual([["ExcelApi", "1.13"]]);
    // Excel 2016 stops at ExcelApi 1.2 (or so); Excel 2019 at 1.8; a current Excel is past 1.13.
    expect(requirementSupported(excelUpTo(8), REFRESH_REQUIREMENT)).toBe(false);
    expect(requirementSupported(excelUpTo(17), REFRESH_REQUIREMENT)).toBe(true);
  });

  it("counts no answer as no: no office.js, no requirements API, a check that throws", () => {
    expect(requirementSupported(undefined, REFRESH_REQUIREMENT)).toBe(false);
    expect(requirementSupported({ context: {} }, REFRESH_REQUIREMENT)).toBe(false);
    expect(requirementSupported({ context: { requirements: { isSetSupported: () => { throw new Error("not ready"); } } } }, REFRESH_REQUIREMENT)).toBe(false);
  });
});
