/**
 * @jest-environment jsdom
 */
/**
 * The import tab's names from the workbook (issue 10): in Excel, the tables already in the workbook are
 * read before each parse (ExcelHost.workbookNames, src/excel/workbookNames.ts) and resolve a themed
 * list's names ahead of the feeds and the catalog; a failed read still imports, without an alarm.
 */
import type { NameEntry } from "../../src/picks/importer/names";
import { pickStore } from "../../src/picks/lookup";
import { parseReport } from "../../src/picks/parser";
import { validatePickList } from "../../src/picks/validate";
import { mountTaskpane, type HostState } from "../../src/taskpane/app";
import { WORKBOOK_NAMES_WAIT_MS } from "../../src/taskpane/tabs/import/view";

/** A dated note whose one themed list names a company nothing bundled knows (无名光电) and 寒武纪. */
const NOTE = "某某证券 行业周报 2025年03月09日\n\n投资建议\n建议关注方向：无名光电、寒武纪等。\n";

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(host: HostState) {
  document.body.replaceChildren();
  const root = document.createElement("div");
  document.body.appendChild(root);
  const app = mountTaskpane(root, {
    language: "en",
    host,
    loadCatalog: async () => ({ index: { format: "aic-catalog", version: 1, reports: [] } as never, problems: [], getList: () => Promise.reject(new Error("none")) }),
    parseReport,
    validatePickList,
  });
  await app.catalogLoaded;
  app.selectTab("import");
  return root;
}

async function parseNote(root: HTMLElement): Promise<void> {
  root.querySelector<HTMLTextAreaElement>("#aic-note-text")!.value = NOTE;
  const parse = [...root.querySelectorAll<HTMLElement>("button, fluent-button")].find((b) => b.textContent === "Parse")!;
  parse.click();
  for (let i = 0; i < 5; i++) await settle();
}

/** Names the tab asks the analyst to type a ticker for. */
const askedFor = (root: HTMLElement) => [...root.querySelectorAll<HTMLInputElement>(".aic-name-ticker")].map((i) => i.dataset.name);

/** The ticker the parsed themed list gave 无名光电 (the tab publishes each parse's lists to the pick store). */
function publishedTicker(): unknown {
  for (const { list } of pickStore().index().lists.values()) {
    const row = list.rows.find((r) => r.name === "无名光电");
    if (row) return row.ticker;
  }
  return undefined;
}

const insert = () => Promise.reject(new Error("not in this test"));

describe("the import tab reads names from the workbook's tables", () => {
  it("in Excel, a name the workbook's table holds resolves to the table's ticker, read before each parse", async () => {
    const calls: number[] = [];
    const workbookNames = async (): Promise<NameEntry[]> => {
      calls.push(1);
      return [{ name: "无名光电", ticker: "688001.SH" }];
    };
    const root = await mount({ kind: "excel", insert, workbookNames });
    await parseNote(root);
    expect(calls).toHaveLength(1);
    expect(askedFor(root)).toEqual([]);
    expect(publishedTicker()).toBe("688001.SH");
    expect(root.querySelector('[data-intent="success"]')).not.toBeNull();
  });

  it("a workbook read that fails still imports with the other sources, asks for the name, and raises no error", async () => {
    const workbookNames = () => Promise.reject(new Error("RichApi.Error: the request failed"));
    const root = await mount({ kind: "excel", insert, workbookNames });
    await parseNote(root);
    expect(askedFor(root)).toEqual(["无名光电"]);
    expect(publishedTicker()).toBeNull();
    expect(root.querySelector('[data-intent="error"]')).toBeNull();
    expect(root.textContent).not.toContain("RichApi");
  });

  it("a workbook that does not answer (a cell being edited) holds the parse no longer than WORKBOOK_NAMES_WAIT_MS", async () => {
    jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    try {
      const root = await mount({ kind: "excel", insert, workbookNames: () => new Promise<NameEntry[]>(() => undefined) });
      root.querySelector<HTMLTextAreaElement>("#aic-note-text")!.value = NOTE;
      const parse = [...root.querySelectorAll<HTMLElement>("button, fluent-button")].find((b) => b.textContent === "Parse")!;
      parse.click();
      await jest.advanceTimersByTimeAsync(WORKBOOK_NAMES_WAIT_MS - 1);
      expect(askedFor(root)).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(askedFor(root)).toEqual(["无名光电"]);
    } finally {
      jest.useRealTimers();
    }
  });

  it("outside Excel nothing is read and the parse is the same as without a workbook", async () => {
    const root = await mount({ kind: "outside" });
    await parseNote(root);
    expect(askedFor(root)).toEqual(["无名光电"]);
  });
});
