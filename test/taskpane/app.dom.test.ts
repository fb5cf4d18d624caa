/**
 * @jest-environment jsdom
 */
/**
 * The taskpane's DOM layer under jsdom, wired to the real catalog loader, parser and validator, with a
 * fake fetch (an in-memory server) and a recording fake of runInsertPickList. Cell values are from the
 * seed reports' tables (see fixtures.ts).
 */
import { importProblemText, problemPlace } from "../../src/taskpane/messages/importer-problems";
import { columnLabel } from "../../src/picks/columns";
import { parseReport } from "../../src/picks/parser";
import type { PickList } from "../../src/picks/types";
import { validatePickList } from "../../src/picks/validate";
import { mountTaskpane, type HostState, type InsertCallOptions, type TaskpaneApp } from "../../src/taskpane/app";
import { createCatalogLoader, fetchJsonWith } from "../../src/taskpane/catalog-source";
import type { Lang } from "../../src/taskpane/i18n";
import type { InsertOutcome } from "../../src/taskpane/messages";
import { startTaskpane } from "../../src/taskpane/start";
import { fakeIndex, huaxinFocusList, minshengFocusList } from "./fixtures";

const INDEX_URL = "https://addin.example/catalog/index.json";
const XSS = "<img src=x onerror=alert(1)>";

/** Huaxin 华鑫证券 2024-02-18, "重点关注公司及盈利预测": caption, two-line header, four rows, source line. */
const HUAXIN_TABLE_EXCERPT = [
  "重点关注公司及盈利预测",
  "",
  "公司代码\t名称\t2024-02-18 股价\tEPS\t\t\tPE\t\t\t投资评级",
  "\t\t\t2022\t2023E\t2024E\t2022\t2023E\t2024E\t",
  "000628.SZ\t高新发展\t39.11\t0.57\t\t\t67\t\t\t未评级",
  "000977.SZ\t浪潮信息\t30.38\t1.57\t2.07\t2.69\t19.35\t14.68\t11.29\t买入",
  "002230.SZ\t科大讯飞\t43.55\t0.24\t0.45\t0.65\t181.46\t96.78\t67.00\t买入",
  "002261.SZ\t拓维信息\t11.78\t-0.81\t0.12\t0.24\t\t100\t49\t未评级",
  "",
  "资料来源: Wind, 华鑫证券研究 (注: 未评级公司盈利预测取自万得一致预期, 空格代表数据缺失)",
].join("\n");

type Served = Record<string, unknown>;

/** The index and list files of `fakeIndex()`, keyed by absolute URL; a string value is served as raw text. */
function catalogFiles(lists: PickList[] = [huaxinFocusList(), minshengFocusList()], index = fakeIndex()): Served {
  const files: Served = { [INDEX_URL]: index };
  for (const report of index.reports)
    for (const entry of report.lists) {
      const list = lists.find((l) => l.id === entry.id);
      if (list) files[new URL(entry.href, INDEX_URL).href] = list;
    }
  return files;
}

function fakeFetch(files: Served) {
  const requested: string[] = [];
  const fetch = async (url: string) => {
    requested.push(url);
    if (!(url in files)) return { ok: false, status: 404, text: async () => "not found" };
    const body = files[url];
    return { ok: true, status: 200, text: async () => (typeof body === "string" ? body : JSON.stringify(body)) };
  };
  return { fetch, requested };
}

interface InsertCall {
  list: PickList;
  options: InsertCallOptions;
}

/** A stand-in for runInsertPickList that records its calls; `respond` decides each call's outcome. */
function fakeInsert(respond?: (call: InsertCall) => Promise<InsertOutcome>) {
  const calls: InsertCall[] = [];
  const insert = (list: PickList, options: InsertCallOptions) => {
    const call = { list, options };
    calls.push(call);
    return respond
      ? respond(call)
      : Promise.resolve({
          sheetName: list.title[options.language],
          tableName: `AIC_${list.id.replace(/-/g, "_")}`,
          tableAddress: `'${list.title[options.language]}'!A11:J${11 + list.rows.length}`,
          rowCount: list.rows.length,
        });
  };
  return { insert, calls };
}

interface Mounted {
  root: HTMLElement;
  app: TaskpaneApp;
  requested: string[];
}

async function mount(opts: { files?: Served; host?: HostState; language?: Lang } = {}): Promise<Mounted> {
  document.body.replaceChildren();
  document.documentElement.lang = "en";
  const root = document.createElement("div");
  root.id = "app";
  document.body.appendChild(root);
  const { fetch, requested } = fakeFetch(opts.files ?? catalogFiles());
  const app = mountTaskpane(root, {
    language: opts.language ?? "en",
    host: opts.host ?? { kind: "outside" },
    loadCatalog: createCatalogLoader(fetchJsonWith(fetch), INDEX_URL),
    parseReport,
    validatePickList,
  });
  await app.catalogLoaded;
  return { root, app, requested };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function buttonNamed(root: ParentNode, name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll<HTMLButtonElement>("button, fluent-button")].filter(
    (b) => b.getAttribute("aria-label") === name || (!b.hasAttribute("aria-label") && b.textContent === name),
  );
  if (found.length !== 1) throw new Error(`expected one button named ${JSON.stringify(name)}, found ${found.length}`);
  return found[0];
}

function section(root: HTMLElement, heading: string): HTMLElement {
  const h2 = [...root.querySelectorAll("h2")].find((h) => h.textContent === heading);
  if (!h2 || !h2.parentElement) throw new Error(`no section headed ${heading}`);
  return h2.parentElement;
}

/** The preview table as text: header labels and rows of cell texts. */
function previewTable(root: HTMLElement) {
  const table = root.querySelector<HTMLTableElement>(".aic-preview-body table");
  if (!table) throw new Error("no preview table");
  return {
    headers: [...table.querySelectorAll("thead th")].map((th) => th.textContent),
    rows: [...table.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("th, td")].map((td) => td.textContent)),
  };
}

/** What the tabs' message areas say: a running action's progress label or a message, and an error message. */
function statusText(root: HTMLElement) {
  const progress = root.querySelector(".aic-message-progress .aic-progress-label")?.textContent ?? "";
  const message = root.querySelector('.aic-message:not([data-intent="error"]) .aic-message-body')?.textContent ?? "";
  return {
    status: progress || message,
    alert: root.querySelector('.aic-message[data-intent="error"] .aic-message-body')?.textContent ?? "",
  };
}

/** The raw text under an error message's Details disclosure. */
const detailsText = (root: ParentNode) => root.querySelector(".aic-message .aic-details-text")?.textContent ?? "";

describe("catalog", () => {
  it("lists each report (newest first) with its lists, row counts and dates from the fetched index", async () => {
    const { root, requested } = await mount();
    expect(requested[0]).toBe(INDEX_URL);
    const reports = [...root.querySelectorAll(".aic-report")];
    expect(reports.map((r) => r.querySelector("h3")?.textContent)).toEqual([
      "Minsheng Securities · Sora 将创造多少算力需求?",
      "Huaxin Securities · Sora 开启视频生成领域新篇章，科技巨头加大 AI 芯片投入",
    ]);
    expect(reports[1].textContent).toContain("Report date 2024-02-18");
    const item = root.querySelector('[data-list-id="huaxin-2024-02-18-focus"]')!;
    expect(item.textContent).toContain("Huaxin Securities: companies in focus and earnings forecasts");
    expect(item.textContent).toContain("4 rows");
    expect(root.querySelector('[data-list-id="minsheng-2024-02-25-focus"]')!.textContent).toContain("2 rows");
  });

  it("switches the whole page to Chinese with the visible switch", async () => {
    const { root, app } = await mount();
    const zhButton = buttonNamed(root, "中文");
    expect(zhButton.getAttribute("aria-pressed")).toBe("false");
    zhButton.focus();
    zhButton.click();
    expect(app.language()).toBe("zh");
    expect(document.documentElement.lang).toBe("zh-CN");
    expect(root.querySelector("h1")!.textContent).toBe("AI 算力研究台");
    expect(zhButton.getAttribute("aria-pressed")).toBe("true");
    expect(buttonNamed(root, "English").getAttribute("aria-pressed")).toBe("false");
    expect(document.activeElement).toBe(zhButton);
    const item = root.querySelector('[data-list-id="huaxin-2024-02-18-focus"]')!;
    expect(item.textContent).toContain("华鑫证券 重点关注公司及盈利预测");
    expect(item.textContent).toContain("4 行");
    expect(root.querySelector(".aic-report h3")!.textContent).toBe("民生证券 · Sora 将创造多少算力需求?");
  });

  it("previews a list: localized headers, prices 0.00, EPS 0.00, P/E 0.0, blanks as a dash", async () => {
    const { root, app } = await mount();
    buttonNamed(root, "Preview “Huaxin Securities: companies in focus and earnings forecasts”").click();
    await settle();
    const list = huaxinFocusList();
    let table = previewTable(root);
    expect(table.headers).toEqual(list.columns.map((c) => columnLabel(c, "en")));
    // Huaxin 重点关注公司及盈利预测: 000977.SZ 浪潮信息 30.38 | EPS 1.57 2.07 2.69 | PE 19.35 14.68 11.29 | 买入
    expect(table.rows[1]).toEqual(["000977.SZ", "浪潮信息", "30.38", "1.57", "2.07", "2.69", "19.4", "14.7", "11.3", "买入"]);
    // 000628.SZ 高新发展: EPS and PE for 2023E/2024E are blank in the report.
    expect(table.rows[0]).toEqual(["000628.SZ", "高新发展", "39.11", "0.57", "—", "—", "67.0", "—", "—", "未评级"]);
    expect(root.querySelector(".aic-preview-body")!.textContent).toContain("Prices as of 2024-02-18");
    expect(document.activeElement).toBe(root.querySelector("#aic-preview-heading-catalog"));

    app.setLanguage("zh");
    table = previewTable(root);
    expect(table.headers).toEqual(list.columns.map((c) => columnLabel(c, "zh")));
    expect(table.headers).not.toEqual(list.columns.map((c) => columnLabel(c, "en")));
    expect(table.rows[1][2]).toBe("30.38");
  });

  it("shows a weekly change as a percentage (Minsheng 表5: 科大讯飞 6.38%)", async () => {
    const { root } = await mount();
    buttonNamed(root, "Preview “Minsheng Securities: stocks in focus”").click();
    await settle();
    const table = previewTable(root);
    expect(table.rows[0]).toEqual(["002230.SZ", "科大讯飞", "46.33", "6.38%", "66.0", "6.60"]);
    expect(table.rows[1][4]).toBe("—"); // 易华录 2021PE printed as "/"
  });

  it("keeps focus on a catalog button when the language changes", async () => {
    const { root, app } = await mount();
    const preview = buttonNamed(root, "Preview “Minsheng Securities: stocks in focus”");
    preview.focus();
    app.setLanguage("zh");
    expect(document.activeElement).not.toBe(preview); // rebuilt ...
    expect(document.activeElement?.getAttribute("aria-label")).toBe("预览“民生证券 重点关注个股”"); // ... and refocused
  });
});

describe("insert", () => {
  it("inserts the previewed list, shows progress while it runs, then the sheet and table", async () => {
    let finish: () => void = () => undefined;
    const { insert, calls } = fakeInsert(async ({ list, options }) => {
      options.onProgress?.(2, list.rows.length);
      await new Promise<void>((resolve) => (finish = resolve));
      options.onProgress?.(4, list.rows.length);
      return { sheetName: "华鑫 重点关注", tableName: "AIC_huaxin_2024_02_18_focus", tableAddress: "'华鑫 重点关注'!A11:M15", rowCount: 4 };
    });
    const { root } = await mount({ host: { kind: "excel", insert } });
    buttonNamed(root, "Preview “Huaxin Securities: companies in focus and earnings forecasts”").click();
    await settle();
    const primary = root.querySelector<HTMLButtonElement>(".aic-preview-body [data-focus-key^=\"insert:preview:\"]")!;
    expect(primary.disabled).toBe(false);
    primary.click();
    await settle();

    expect(calls).toHaveLength(1);
    expect(calls[0].list.id).toBe("huaxin-2024-02-18-focus");
    expect(calls[0].list.rows[1]).toMatchObject({ name: "浪潮信息", price: 30.38, eps_2023: 2.07 });
    expect(calls[0].options.language).toBe("en");
    const progress = root.querySelector(".aic-progress-bar")!;
    expect([progress.getAttribute("value"), progress.getAttribute("max")]).toEqual(["2", "4"]);
    expect(root.querySelector(".aic-progress")!.textContent).toContain("Writing rows: 2 of 4");
    expect(statusText(root).status).toBe("Inserting “Huaxin Securities: companies in focus and earnings forecasts”…");
    // While one insert runs, the others are marked unavailable and ignore clicks.
    const other = buttonNamed(root, "Insert “Minsheng Securities: stocks in focus” into Excel");
    expect(other.getAttribute("aria-disabled")).toBe("true");
    other.click();
    await settle();
    expect(calls).toHaveLength(1);

    finish();
    await settle();
    expect(root.querySelector(".aic-progress-bar")).toBeNull();
    expect(statusText(root)).toEqual({
      status: "Inserted “Huaxin Securities: companies in focus and earnings forecasts”: 4 rows on sheet “华鑫 重点关注”, A11:M15.",
      alert: "",
    });
    expect(other.hasAttribute("aria-disabled")).toBe(false);
  });

  it("inserts straight from the catalog in the chosen language", async () => {
    const { insert, calls } = fakeInsert();
    const { root } = await mount({ host: { kind: "excel", insert }, language: "zh" });
    buttonNamed(root, "将“民生证券 重点关注个股”插入 Excel").click();
    await settle();
    expect(calls.map((c) => [c.list.id, c.options.language])).toEqual([["minsheng-2024-02-25-focus", "zh"]]);
    // The list's title, not the table's internal name (AIC_minsheng_…).
    expect(statusText(root).status).toBe("已插入“民生证券 重点关注个股”：2 行，位于工作表“民生证券 重点关注个股”的 A11:J13。");
  });

  it("re-validates a list right before inserting it, and writes nothing when it fails", async () => {
    const { insert, calls } = fakeInsert();
    document.body.replaceChildren();
    const root = document.createElement("div");
    document.body.appendChild(root);
    const { fetch } = fakeFetch(catalogFiles());
    // The catalog loader validates with src/picks itself; the validator passed here is the taskpane's
    // own check before an insert, made to fail.
    const app = mountTaskpane(root, {
      language: "en",
      host: { kind: "excel", insert },
      loadCatalog: createCatalogLoader(fetchJsonWith(fetch), INDEX_URL),
      parseReport,
      validatePickList: () => ({ ok: false, errors: ['row 2, column "price": must be a number'] }),
    });
    await app.catalogLoaded;
    buttonNamed(root, "Insert “Minsheng Securities: stocks in focus” into Excel").click();
    await settle();
    expect(calls).toHaveLength(0);
    expect(statusText(root).alert).toBe("The insert failed: the list “Minsheng Securities: stocks in focus” is not valid (the details say why).");
    expect(detailsText(root)).toBe('row 2, column "price": must be a number');
  });

  it("shows a failed insert in words", async () => {
    const { insert } = fakeInsert(() => Promise.reject({ message: "The workbook is protected.", code: "AccessDenied" }));
    const { root } = await mount({ host: { kind: "excel", insert } });
    buttonNamed(root, "Insert “Minsheng Securities: stocks in focus” into Excel").click();
    await settle();
    expect(statusText(root)).toEqual({
      status: "",
      alert: "The insert failed: Excel refused the change: the sheet or workbook is protected, or you may not edit it.",
    });
    // Office's own words under Details; a Retry offered.
    expect(detailsText(root)).toBe("The workbook is protected. (AccessDenied)");
    expect(buttonNamed(root, "Retry")).toBeTruthy();
  });
});

describe("import from a note", () => {
  async function paste(root: HTMLElement, text: string) {
    const textarea = root.querySelector<HTMLTextAreaElement>("#aic-note-text")!;
    textarea.value = text;
    buttonNamed(root, "Parse").click();
    await settle();
    return section(root, "Import from a note");
  }

  it("parses pasted note text, lists what it found, previews it and inserts it", async () => {
    const { insert, calls } = fakeInsert();
    const { root } = await mount({ host: { kind: "excel", insert } });
    const label = root.querySelector(`label[for="${root.querySelector<HTMLTextAreaElement>("#aic-note-text")!.id}"]`);
    expect(label?.textContent).toBe("Note text");

    const importSection = await paste(root, HUAXIN_TABLE_EXCERPT);
    const expected = parseReport(HUAXIN_TABLE_EXCERPT);
    expect(expected.lists).toHaveLength(1);
    expect(importSection.querySelector(".aic-message .aic-message-body")!.textContent).toBe("Found 1 list.");
    expect(root.querySelector("[data-announcer]")!.textContent).toMatch(/Found 1 list\.$/);
    const item = importSection.querySelector('[data-import-index="0"]')!;
    expect(item.textContent).toContain(expected.lists[0].title.en);
    expect(item.textContent).toContain("4 rows");
    // Each problem the importer reported: its table's caption listed, its reason (the importer's English) under Details.
    const captions = [...importSection.querySelectorAll(".aic-problem-list li")].map((li) => li.textContent);
    expect(captions.sort()).toEqual([...new Set(expected.problems.map((p) => problemPlace(p.table, "en")))].sort());
    const reasons = [...importSection.querySelectorAll(".aic-problem-list + details .aic-details-text")].flatMap((t) => t.textContent!.split("\n"));
    // Issue 10: each problem in the analyst's language (here English), from its code.
    expect(reasons.sort()).toEqual(expected.problems.map((p) => importProblemText(p, "en")).sort());

    buttonNamed(root, `Preview “${expected.lists[0].title.en}”`).click();
    await settle();
    const table = previewTable(root);
    expect(table.rows.map((r) => r[1])).toEqual(["高新发展", "浪潮信息", "科大讯飞", "拓维信息"]);
    expect(table.rows[1].slice(2, 5)).toEqual(["30.38", "1.57", "2.07"]);

    buttonNamed(root.querySelector(".aic-import-body")!, `Insert “${expected.lists[0].title.en}” into Excel`).click();
    await settle();
    expect(calls).toHaveLength(1);
    expect(calls[0].list.rows.find((r) => r.ticker === "000977.SZ")).toMatchObject({ price: 30.38, eps_2023: 2.07 });
  });

  it("names a note about the whole text by a place in the analyst's language, not the parser's marker", async () => {
    const noDate = "表1：重点关注公司\n代码\t名称\t股价\t评级\n000977.SZ\t浪潮信息\t30.38\t买入\n300308.SZ\t中际旭创\t100.5\t增持\n";
    for (const [language, place] of [["zh", "报告"], ["en", "Report"]] as const) {
      const { root } = await mount({ host: { kind: "excel", insert: fakeInsert().insert }, language });
      const importSection = root.querySelector<HTMLElement>("#aic-note-text")!.closest("section")!;
      root.querySelector<HTMLTextAreaElement>("#aic-note-text")!.value = noDate;
      buttonNamed(root, language === "zh" ? "解析" : "Parse").click();
      await settle();
      // The no-date note: the parser's "(report)" place is shown as the analyst's word, not as data.
      const items = [...importSection.querySelectorAll(".aic-problem-notes li")];
      expect(items.map((li) => li.textContent)).toEqual([place]);
      expect(items[0].getAttribute("translate")).toBeNull();
      root.remove();
    }
  });

  it("says so, and offers nothing to insert, when the text holds no list", async () => {
    const { insert, calls } = fakeInsert();
    const { root } = await mount({ host: { kind: "excel", insert } });
    const importSection = await paste(root, "本周观点：Sora 的推出进一步验证了 AI 开始走向应用。");
    expect(importSection.querySelector('.aic-message[data-intent="error"] .aic-message-body')!.textContent).toBe(
      "No pick list was found in this text, so there is nothing to insert.",
    );
    expect(importSection.querySelectorAll('[data-focus-key^="insert:"]')).toHaveLength(0);
    expect(calls).toHaveLength(0);
  });

  it("shows malformed JSON in words and writes nothing", async () => {
    const { insert, calls } = fakeInsert();
    const { root } = await mount({ host: { kind: "excel", insert } });
    const importSection = await paste(root, '{"format": "aic-picklist", "rows": [');
    expect(importSection.querySelector('.aic-message[data-intent="error"] .aic-message-body')!.textContent).toMatch(/^This text looks like JSON but is not valid JSON: /);
    expect(importSection.querySelectorAll('[data-focus-key^="insert:"]')).toHaveLength(0);
    expect(calls).toHaveLength(0);
  });

  it("shows a JSON list that fails validatePickList with the validator's errors and writes nothing", async () => {
    const { insert, calls } = fakeInsert();
    const { root } = await mount({ host: { kind: "excel", insert } });
    const broken = huaxinFocusList() as unknown as { rows: Record<string, unknown>[] };
    broken.rows[1].price = "30.38 元"; // text where the schema wants a number
    const importSection = await paste(root, JSON.stringify(broken));
    const expected = validatePickList(broken);
    expect(expected.ok).toBe(false);
    expect(importSection.querySelector('.aic-message[data-intent="error"] .aic-message-body')!.textContent).toBe("This JSON document is not a valid pick list:");
    const errors = detailsText(importSection).split("\n");
    expect(errors).toEqual(expected.ok ? [] : expected.errors);
    expect(importSection.querySelectorAll('[data-focus-key^="insert:"]')).toHaveLength(0);
    expect(calls).toHaveLength(0);
  });

  it("asks for text when Parse is chosen on an empty box", async () => {
    const { root } = await mount();
    const importSection = await paste(root, "   ");
    expect(importSection.querySelector('.aic-message[data-intent="error"] .aic-message-body')!.textContent).toBe("Paste some text first.");
  });
});

describe("untrusted text stays text", () => {
  it("renders markup in a catalog title, a cell and a pasted list literally", async () => {
    const list = huaxinFocusList();
    list.title = { zh: XSS, en: XSS };
    list.rows[1].name = `<script>window.__pwned = 1</script>`;
    const index = fakeIndex();
    index.reports[0].lists[0].title = { zh: XSS, en: XSS };
    const { root } = await mount({ files: catalogFiles([list, minshengFocusList()], index) });

    expect(root.querySelector('[data-list-id="huaxin-2024-02-18-focus"] .aic-list-title')!.textContent).toBe(XSS);
    buttonNamed(root, `Preview “${XSS}”`).click();
    await settle();
    expect(root.querySelector(".aic-preview-title")!.textContent).toBe(XSS);
    expect(previewTable(root).rows[1][1]).toBe("<script>window.__pwned = 1</script>");

    const pasted = minshengFocusList();
    pasted.title = { zh: XSS, en: XSS };
    root.querySelector<HTMLTextAreaElement>("#aic-note-text")!.value = JSON.stringify(pasted);
    buttonNamed(root, "Parse").click();
    await settle();
    expect(root.querySelector('[data-import-index="0"] .aic-list-title')!.textContent).toBe(XSS);

    expect(document.querySelectorAll("img, script")).toHaveLength(0);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

describe("bad catalog files", () => {
  it("leaves out a catalog list that fails validatePickList, says why, and offers no insert for it", async () => {
    const broken = minshengFocusList() as unknown as { rows: Record<string, unknown>[] };
    broken.rows[0].change = "6.38%"; // the format wants the fraction 0.0638
    const { insert, calls } = fakeInsert();
    const { root } = await mount({
      files: catalogFiles([huaxinFocusList(), broken as unknown as PickList]),
      host: { kind: "excel", insert },
    });
    expect(root.querySelector('[data-list-id="minsheng-2024-02-25-focus"]')).toBeNull();
    expect(root.querySelector('[data-list-id="huaxin-2024-02-18-focus"]')).not.toBeNull();
    const problems = root.querySelector(".aic-problems")!;
    expect(problems.textContent).toContain("Some lists in the catalog were left out because they are not valid:");
    expect(problems.textContent).toContain('list "minsheng-2024-02-25-focus"');
    expect(calls).toHaveLength(0);
  });

  it("says the catalog could not be loaded when index.json is not JSON", async () => {
    const { root } = await mount({ files: { [INDEX_URL]: "{ not json" } });
    const error = section(root, "Catalog").querySelector(".aic-error")!;
    expect(error.textContent).toMatch(/^The catalog could not be loaded: https:\/\/addin\.example\/catalog\/index\.json is not valid JSON \(/);
    expect(root.querySelectorAll('[data-fn="insert"]')).toHaveLength(0);
  });

  it("says the catalog could not be loaded when index.json is missing, in Chinese too", async () => {
    const { root, app } = await mount({ files: {} });
    app.setLanguage("zh");
    expect(section(root, "目录").querySelector(".aic-error")!.textContent).toBe(
      "无法加载目录：https://addin.example/catalog/index.json 返回 HTTP 404",
    );
  });
});

describe("outside Excel", () => {
  it("says the add-in must run in Excel, disables insert with the reason, and still previews and parses", async () => {
    const { root } = await mount({ host: { kind: "outside" } });
    const banner = root.querySelector("#aic-host-status")!;
    expect(banner.textContent).toContain("This add-in must run in Excel.");
    const inserts = [...root.querySelectorAll<HTMLButtonElement>('[data-fn="insert"]')];
    expect(inserts).toHaveLength(2);
    for (const b of inserts) {
      expect(b.disabled).toBe(true);
      expect(b.getAttribute("aria-describedby")).toBe("aic-host-status");
    }
    buttonNamed(root, "Preview “Huaxin Securities: companies in focus and earnings forecasts”").click();
    await settle();
    expect(previewTable(root).rows[1][2]).toBe("30.38");
    expect(root.querySelector(".aic-preview-body [data-focus-key^=\"insert:preview:\"]")!.hasAttribute("disabled")).toBe(true);
    expect(root.querySelector("#aic-insert-note-catalog")!.textContent).toMatch(/^Inserting needs Excel/);

    root.querySelector<HTMLTextAreaElement>("#aic-note-text")!.value = HUAXIN_TABLE_EXCERPT;
    buttonNamed(root, "Parse").click();
    expect(root.querySelector(".aic-section-import .aic-message .aic-message-body")!.textContent).toBe("Found 1 list.");
    expect(root.querySelector<HTMLButtonElement>(".aic-import-body [data-fn=\"insert\"]")!.disabled).toBe(true);
  });

  it("enables insert when Excel answers after all", async () => {
    const { insert } = fakeInsert();
    const { root, app } = await mount({ host: { kind: "checking" } });
    expect(root.querySelector("#aic-host-status")!.textContent).toBe("Connecting to Excel…");
    app.setHost({ kind: "excel", insert });
    expect(root.querySelector<HTMLElement>("#aic-host-status")!.hidden).toBe(true);
    expect([...root.querySelectorAll<HTMLButtonElement>('[data-fn="insert"]')].every((b) => !b.disabled)).toBe(true);
  });
});

describe("startTaskpane (the page entry) without Office", () => {
  beforeEach(() => {
    document.body.replaceChildren();
    const app = document.createElement("div");
    app.id = "app";
    document.body.appendChild(app);
  });

  it("runs with no office.js at all: browse-only, in the browser's language", async () => {
    const { fetch } = fakeFetch(catalogFiles());
    const app = startTaskpane({ office: undefined, fetch, indexUrl: INDEX_URL })!;
    await app.catalogLoaded;
    expect(document.getElementById("aic-host-status")!.textContent).toContain("This add-in must run in Excel.");
    expect(document.querySelectorAll('[data-list-id="huaxin-2024-02-18-focus"]')).toHaveLength(1);
    expect([...document.querySelectorAll<HTMLButtonElement>('[data-fn="insert"]')].every((b) => b.disabled)).toBe(true);
  });

  it("runs when Office.onReady answers host null (a plain browser with office.js)", async () => {
    const { fetch } = fakeFetch(catalogFiles());
    const office = { HostType: { Excel: "Excel" }, onReady: async () => ({ host: null, platform: null }) };
    const app = startTaskpane({ office, fetch, indexUrl: INDEX_URL })!;
    await app.catalogLoaded;
    await settle();
    expect(document.getElementById("aic-host-status")!.textContent).toContain("This add-in must run in Excel.");
  });

  it("in Excel, takes the language from Office's display language and enables insert", async () => {
    const { fetch } = fakeFetch(catalogFiles());
    const office = {
      HostType: { Excel: "Excel" },
      context: { displayLanguage: "zh-CN" },
      onReady: async () => ({ host: "Excel", platform: "PC" }),
    };
    const app = startTaskpane({ office, fetch, indexUrl: INDEX_URL })!;
    await app.catalogLoaded;
    await settle();
    expect(app.language()).toBe("zh");
    expect(document.querySelector("h1")!.textContent).toBe("AI 算力研究台");
    expect(document.getElementById("aic-host-status")!.hidden).toBe(true);
    const inserts = [...document.querySelectorAll<HTMLButtonElement>('[data-fn="insert"]')];
    expect(inserts.length).toBeGreaterThan(0);
    expect(inserts.every((b) => !b.disabled)).toBe(true);
  });

  it("serves the real bundled catalog through the same loader", async () => {
    // assets/catalog is what webpack copies to dist/catalog; read it from disk as the page would fetch it.
    const { readFileSync, existsSync } = await import("fs");
    const path = await import("path");
    const dir = path.resolve(__dirname, "../../assets/catalog");
    if (!existsSync(path.join(dir, "index.json"))) throw new Error("assets/catalog/index.json is missing");
    const fetch = async (url: string) => {
      const file = path.join(dir, new URL(url).pathname.replace(/^\/catalog\//, ""));
      return existsSync(file)
        ? { ok: true, status: 200, text: async () => readFileSync(file, "utf8") }
        : { ok: false, status: 404, text: async () => "" };
    };
    const app = startTaskpane({ office: undefined, fetch, indexUrl: INDEX_URL })!;
    await app.catalogLoaded;
    expect(document.querySelector(".aic-problems")).toBeNull();
    expect(document.querySelector('.aic-catalog-body .aic-error')).toBeNull();
    const item = document.querySelector('[data-list-id="huaxin-2024-02-18-focus"]')!;
    expect(item).not.toBeNull();
    [...item.querySelectorAll<HTMLElement>("button, fluent-button")].find((b) => b.textContent === "Preview")!.click();
    await settle();
    const table = previewTable(document.body);
    // Huaxin 重点关注公司及盈利预测, row 000977.SZ 浪潮信息: price 30.38, EPS 2023E 2.07.
    const inspur = table.rows.find((r) => r.includes("000977.SZ"))!;
    expect(inspur).toContain("30.38");
    expect(inspur).toContain("2.07");
  });
});

describe("keyboard and semantics", () => {
  it("uses landmarks, headings, real buttons with names, a labelled textarea and a scrollable table region", async () => {
    const { root } = await mount();
    buttonNamed(root, "Preview “Minsheng Securities: stocks in focus”").click();
    await settle();
    expect(root.querySelector("header")).not.toBeNull();
    expect(root.querySelector("main")).not.toBeNull();
    const sections = [...root.querySelectorAll("section[aria-labelledby]")];
    // Each tab's section, with the in-place preview of the tabs that list pick lists.
    expect(sections.map((s) => document.getElementById(s.getAttribute("aria-labelledby")!)?.textContent)).toEqual([
      "Catalog",
      "Preview",
      "Import from a note",
      "Preview",
      "Refresh tables",
      "Compare and model",
      "Share the workbook",
      "Feeds",
      "Preview",
    ]);
    // Five tabs, each controlling its panel.
    const tabs = [...root.querySelectorAll("fluent-tab")];
    expect(tabs.map((t) => t.textContent)).toEqual(["Catalog", "Import", "Refresh", "Tools", "Feeds"]);
    for (const tab of tabs) expect(document.getElementById(tab.getAttribute("aria-controls")!)!.getAttribute("role")).toBe("tabpanel");
    for (const b of root.querySelectorAll("button, fluent-button")) {
      // Every button is a plain button, except the feed form's own submit (Enter in the URL field adds the feed).
      expect(b.getAttribute("type")).toBe(b.closest("form") && b.getAttribute("data-focus-key") === "feed:add" ? "submit" : "button");
      expect((b.getAttribute("aria-label") ?? b.textContent ?? "").trim()).not.toBe("");
    }
    const region = root.querySelector(".aic-table-scroll")!;
    expect(region.getAttribute("role")).toBe("region");
    expect(region.getAttribute("tabindex")).toBe("0");
    expect(region.getAttribute("aria-label")).toBe("Rows of “Minsheng Securities: stocks in focus”");
    expect([...root.querySelectorAll("thead th")].every((th) => th.getAttribute("scope") === "col")).toBe(true);
    // The ticker heads each row (a sticky row header).
    expect([...root.querySelectorAll("tbody th")].every((th) => th.getAttribute("scope") === "row")).toBe(true);
    expect(root.querySelector('[role="group"]')!.getAttribute("aria-label")).toBe("Language");
  });
});

describe("lists read in the taskpane reach AIC.PICK (the shared runtime's pick store)", () => {
  it("publishes a parsed note's lists, so a lookup finds the note's own figure", async () => {
    const { pickStore, pickValue, resolveField, resolveTicker } = await import("../../src/picks/lookup");
    const { root } = await mount();
    // A note the catalog does not hold: a ticker no bundled list names, with its own price.
    const note = "某某证券 行业周报 2025年03月09日\n\n表1：重点推荐\n代码\t名称\t股价\n688981.SH\t中芯国际\t85.10\n";
    const before = pickStore().version;
    root.querySelector<HTMLTextAreaElement>("#aic-note-text")!.value = note;
    buttonNamed(root, "Parse").click();
    await settle();
    expect(pickStore().version).toBeGreaterThan(before);
    const index = pickStore().index();
    const picked = pickValue(resolveTicker(index, "688981.SH"), resolveField(index, "price"), null, null);
    expect(picked.value).toBe(85.1);
  });
});

describe("the lists this workbook holds reach AIC.PICK (src/excel/workbookLists.ts)", () => {
  /** A host whose workbook holds `lists` (a note imported and inserted earlier); counts its reads. */
  function hostHolding(lists: PickList[], insert = fakeInsert().insert) {
    let reads = 0;
    const host: HostState = {
      kind: "excel",
      insert,
      workbookLists: async () => {
        reads++;
        return { lists, unreadable: [] };
      },
    };
    return { host, reads: () => reads };
  }
  /** Minsheng 表5 as a note of the workbook, under its own id, 浪潮信息 (000977.SZ) at 36.01. */
  const workbookNote = (): PickList => {
    const focus = minshengFocusList();
    return { ...focus, id: "desk-minsheng-note", rows: focus.rows.map((r) => (r.ticker === "000977.SZ" ? { ...r, price: 36.01 } : r)) };
  };

  it("reads them when Excel answers, and again after an insert", async () => {
    const { pickStore, WORKBOOK_ORIGIN_PREFIX } = await import("../../src/picks/lookup");
    pickStore().setListsFrom(`${WORKBOOK_ORIGIN_PREFIX}desk-minsheng-note`, []);
    const { root, app } = await mount({ host: { kind: "checking" } });
    const { host, reads } = hostHolding([workbookNote()]);
    app.setHost(host);
    await settle();
    expect(reads()).toBe(1);
    expect(pickStore().has(`${WORKBOOK_ORIGIN_PREFIX}desk-minsheng-note`)).toBe(true);
    buttonNamed(root, "Insert “Minsheng Securities: stocks in focus” into Excel").click();
    await settle();
    await settle();
    expect(reads()).toBe(2);
  });

  it("reads them again after a refresh, so a refreshed list replaces its old copy", async () => {
    const { root, app } = await mount({ host: { kind: "checking" } });
    const { host, reads } = hostHolding([workbookNote()]);
    const refresh = async () => ({ outcomes: [], orphans: [], unreadable: [], error: null, syncCount: 1 });
    app.setHost({ ...host, refresh } as HostState);
    await settle();
    expect(reads()).toBe(1);
    buttonNamed(root, "Refresh all").click();
    await settle();
    await settle();
    expect(reads()).toBe(2);
  });

  it("a read that fails leaves the store as it was, with no message shown", async () => {
    const { pickStore } = await import("../../src/picks/lookup");
    const { root, app } = await mount({ host: { kind: "checking" } });
    const version = pickStore().version;
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    app.setHost({ kind: "excel", insert: fakeInsert().insert, workbookLists: () => Promise.reject(new Error("InvalidOperation")) });
    await settle();
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
    expect(pickStore().version).toBe(version);
    expect(root.querySelectorAll(".aic-message").length).toBe(0);
  });
});
