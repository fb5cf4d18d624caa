/**
 * @jest-environment jsdom
 */
/**
 * The taskpane's feeds, refresh, compare and model, and share sections under jsdom. Feeds go through the
 * real src/picks/sources.ts over a fake fetch (an in-memory server) and in-memory storage; the workbook
 * actions are either recording fakes of the src/excel run* functions (to check the arguments, the
 * progress and the words) or the real src/excel functions against the Excel fake (test/support), so
 * what the page says is what a refresh or a freeze really reports. A "reload" is a second mount over the
 * same storage. Vectors: Huaxin 华鑫证券 重点关注公司及盈利预测 (2024-02-18) and Minsheng 民生证券 表5
 * (2024-02-25), see fixtures.ts and test/refresh/support.ts.
 */
import type { CompareSheetOptions } from "../../src/excel/compareSheet";
import type { ComputeSheetResult } from "../../src/excel/computeSheet";
import { freezeFormulas, restoreFormulas, type FreezeOptions, type RestoreOptions } from "../../src/excel/freeze";
import { refreshTables, type ListFetcher, type RefreshOptions, type RefreshTarget, type TableRefreshOutcome } from "../../src/excel/refresh";
import { takeTheirs } from "../../src/excel/conflicts";
import { diffPickLists } from "../../src/picks/diff";
import { FEEDS_STORE_KEY, feedIdForUrl, memoryStore, type FeedEnv, type FetchLike } from "../../src/picks/sources";
import { parseReport } from "../../src/picks/parser";
import type { PickList } from "../../src/picks/types";
import { validatePickList } from "../../src/picks/validate";
import { mountTaskpane, PENDING_STATE_KEY, type CatalogData, type ExcelHost, type HostState, type InsertCallOptions, type SessionStore, type TaskpaneApp } from "../../src/taskpane/app";
import { FEED_ORIGINS_STORAGE_KEY, PENDING_FEED_ORIGIN_KEY, takePendingFeedOrigins, type KeyValueStorage } from "../../src/taskpane/csp";
import { insertPickList } from "../../src/excel/insert";
import type { Lang } from "../../src/taskpane/i18n";
import { huaxinList } from "../excel/lists";
import { HUAXIN_SHEET, HUAXIN_TABLE, huaxinNext, insertHuaxin } from "../refresh/support";
import { FakeExcel } from "../support/excelFake";
import { FormulaOracle } from "../support/formulaOracle";
import { fakeIndex, huaxinFocusList, minshengFocusList } from "./fixtures";

const FEED_URL = "https://feeds.example.com/desk/huaxin.json";
const FEED_ORIGIN = "https://feeds.example.com";
const CATALOG_URL = "https://addin.example/catalog/index.json";
/** The clock of the feeds: 2024-02-26 09:30 on this computer, whatever its time zone. */
const NOW = new Date(2024, 1, 26, 9, 30);

// ---- an in-memory server, storage and page ----

type Answer = { status?: number; body: string } | Error;

/** A fetch over routes that the test can change (a server that stops answering). */
function server(routes: Record<string, Answer | (() => Answer)>) {
  const calls: string[] = [];
  const fetch: FetchLike = async (url) => {
    calls.push(url);
    const route = routes[url];
    const answer = typeof route === "function" ? route() : route;
    if (answer === undefined) return { ok: false, status: 404, statusText: "Not Found", text: async () => "" };
    if (answer instanceof Error) throw answer;
    const status = answer.status ?? 200;
    return { ok: status < 400, status, statusText: status === 503 ? "Service Unavailable" : "", text: async () => answer.body };
  };
  return { fetch, calls, routes };
}

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & SessionStore & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => (k in data ? data[k]! : null),
    setItem: (k, v) => void (data[k] = v),
    removeItem: (k) => void delete data[k],
  };
}

/** What survives a reload: the feed store (localStorage), the allowed origins (localStorage) and the session. */
interface Machine {
  store: ReturnType<typeof memoryStore>;
  origins: ReturnType<typeof memoryStorage>;
  session: ReturnType<typeof memoryStorage>;
  server: ReturnType<typeof server>;
  reloads: number;
  /** Anything else of the feeds' environment (a store for copies that refuses them). */
  env?: Partial<FeedEnv>;
}

function machine(routes: Record<string, Answer | (() => Answer)> = {}, allowed: string[] = []): Machine {
  return {
    store: memoryStore(),
    origins: memoryStorage(allowed.length > 0 ? { [FEED_ORIGINS_STORAGE_KEY]: JSON.stringify(allowed) } : {}),
    session: memoryStorage(),
    server: server(routes),
    reloads: 0,
  };
}

const catalogLoader = async (): Promise<CatalogData> => {
  const lists = [huaxinFocusList(), minshengFocusList()];
  return {
    index: fakeIndex(),
    problems: [],
    getList: async (id) => {
      const list = lists.find((l) => l.id === id);
      if (!list) throw new Error(`no list ${id}`);
      return list;
    },
  };
};

interface Mounted {
  root: HTMLElement;
  app: TaskpaneApp;
}

async function mount(m: Machine, host: HostState = { kind: "outside" }, language: Lang = "en"): Promise<Mounted> {
  document.body.replaceChildren();
  const root = document.createElement("div");
  document.body.appendChild(root);
  const app = mountTaskpane(root, {
    language,
    host,
    loadCatalog: catalogLoader,
    parseReport,
    validatePickList,
    // As csp-boot does at each load: take the origins pending for this load (csp.ts), allowed this once.
    feeds: { env: { fetch: m.server.fetch, store: m.store, now: () => NOW, catalogUrl: CATALOG_URL, ...m.env }, origins: m.origins, pendingOrigins: takePendingFeedOrigins(m.origins) },
    page: { reload: () => void m.reloads++, session: m.session },
  });
  await app.catalogLoaded;
  await app.feedsLoaded;
  await settle();
  return { root, app };
}

/** Lets pending promises (fetches, storage, the fake's syncs) run. */
async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

function buttonNamed(root: ParentNode, name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll<HTMLButtonElement>("button, fluent-button")].filter(
    (b) => b.getAttribute("aria-label") === name || (!b.hasAttribute("aria-label") && b.textContent === name),
  );
  if (found.length !== 1) throw new Error(`expected one button named ${JSON.stringify(name)}, found ${found.length}`);
  return found[0]!;
}

const byId = <E extends HTMLElement>(id: string) => document.getElementById(id) as E;
const text = (el: Element | null | undefined) => (el?.textContent ?? "").replace(/\s+/g, " ").trim();
const announced = (root: HTMLElement) => text(root.querySelector("[data-announcer]"));
const section = (root: HTMLElement, cls: string) => root.querySelector<HTMLElement>(`.aic-section-${cls}`)!;
/** A message area's bar (message-bar.ts; a tab's name, or Tools' "share"), and its sentence. */
const messageBar = (root: HTMLElement, area: string) => root.querySelector<HTMLElement>(`[data-messages="${area}"] fluent-message-bar`);
const messageText = (root: HTMLElement, area: string) => text(messageBar(root, area)?.querySelector(".aic-message-body"));
/** The open confirmation dialog (dialog.ts) of that name. */
const dialogNamed = (root: ParentNode, name: string) => root.querySelector<HTMLElement>(`fluent-dialog[data-dialog="${name}"]`);

async function addFeed(root: HTMLElement, values: { url: string; name?: string; csv?: { title?: string; mapping?: string } }) {
  byId<HTMLInputElement>("aic-feed-url").value = values.url;
  byId<HTMLInputElement>("aic-feed-name").value = values.name ?? "";
  if (values.csv) {
    byId<HTMLInputElement>("aic-feed-csv").click();
    byId<HTMLInputElement>("aic-feed-title").value = values.csv.title ?? "";
    byId<HTMLTextAreaElement>("aic-feed-mapping").value = values.csv.mapping ?? "";
  }
  buttonNamed(root, "Add feed").click();
  await settle();
}

// ---- recording fakes of the src/excel run* functions ----

interface Calls {
  insert: { list: PickList; options: InsertCallOptions }[];
  refresh: { target: RefreshTarget; fetchList: ListFetcher; options: RefreshOptions }[];
  compare: { lists: readonly PickList[]; options: CompareSheetOptions }[];
  compute: { language: Lang }[];
  freeze: FreezeOptions[];
  restore: RestoreOptions[];
}

function excel(over: Partial<ExcelHost> = {}): { host: ExcelHost; calls: Calls } {
  const calls: Calls = { insert: [], refresh: [], compare: [], compute: [], freeze: [], restore: [] };
  const host: ExcelHost = {
    kind: "excel",
    insert: async (list, options) => {
      calls.insert.push({ list, options });
      return { sheetName: list.title[options.language], tableName: `AIC_${list.id.replace(/-/g, "_")}`, tableAddress: "'x'!A11:J15", rowCount: list.rows.length };
    },
    refresh: async (target, fetchList, options) => {
      calls.refresh.push({ target, fetchList, options });
      return { outcomes: [], orphans: [], unreadable: [], error: null, syncCount: 1 };
    },
    refreshSupported: true,
    compare: async (lists, options) => {
      calls.compare.push({ lists, options });
      return { sheetName: "Broker comparison", tableName: "AIC_Compare", tableAddress: "'Broker comparison'!A5:P11", rowCount: 6, sharedCount: 0, syncCount: 2 };
    },
    computeSheet: async (options) => {
      calls.compute.push(options as { language: Lang });
      return { sheetName: "Sora compute", names: [], outputs: {}, syncCount: 2 } as ComputeSheetResult;
    },
    freeze: async (options) => {
      calls.freeze.push(options);
      return { sheets: [], frozenCells: 0, syncCount: 2 };
    },
    restore: async (options) => {
      calls.restore.push(options);
      return { sheets: [], restoredCells: 0, skippedCells: 0, syncCount: 2 };
    },
    ...over,
  };
  return { host, calls };
}

/** A promise the test resolves when it chooses. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

// Nothing the taskpane does may reach the console: every failure is shown in words.
let consoleSpies: jest.SpyInstance[] = [];
beforeEach(() => {
  consoleSpies = (["error", "warn", "log"] as const).map((level) => jest.spyOn(console, level));
});
afterEach(() => {
  for (const spy of consoleSpies) {
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  }
});

// ---- feeds ----

describe("feeds", () => {
  it("adds a feed on an allowed origin, lists it as up to date with its lists, and inserts with the feed as the source", async () => {
    const m = machine({ [FEED_URL]: { body: JSON.stringify(huaxinFocusList()) } }, [FEED_ORIGIN]);
    const { host, calls } = excel();
    const { root } = await mount(m, host);
    expect(text(section(root, "feeds").querySelector(".aic-feed-list-body"))).toBe("No feeds yet.");

    await addFeed(root, { url: FEED_URL, name: "Desk picks" });
    expect(m.server.calls).toEqual([FEED_URL]);
    expect(m.reloads).toBe(0);
    const feed = root.querySelector(`[data-feed-id="${feedIdForUrl(FEED_URL)}"]`)!;
    expect(text(feed.querySelector(".aic-feed-name"))).toBe("Desk picks");
    expect(text(feed.querySelector(".aic-feed-url"))).toBe(FEED_URL);
    expect(text(feed.querySelector(".aic-feed-status"))).toBe("Up to date: fetched 2024-02-26 09:30.");
    const item = feed.querySelector('[data-feed-list-id="huaxin-2024-02-18-focus"]')!;
    expect(text(item)).toContain("Huaxin Securities: companies in focus and earnings forecasts");
    expect(text(item)).toContain("4 rows");
    // The outcome in the Feeds tab's message bar, under its heading: success, nothing under the form.
    expect(messageBar(root, "feeds")!.getAttribute("intent")).toBe("success");
    expect(messageText(root, "feeds")).toBe("Added the feed “Desk picks” with 1 list.");
    expect(byId("aic-feeds-heading").nextElementSibling).toBe(root.querySelector('[data-messages="feeds"]'));
    expect(announced(root)).toBe("Added the feed “Desk picks” with 1 list.");
    expect(byId<HTMLInputElement>("aic-feed-url").value).toBe("");
    expect(JSON.parse(await m.store.get(FEEDS_STORE_KEY) as string)).toMatchObject([{ url: FEED_URL, name: "Desk picks" }]);

    // Preview and insert, as for the catalog; the workbook records the feed, so a refresh fetches from it.
    buttonNamed(item, "Preview “Huaxin Securities: companies in focus and earnings forecasts”").click();
    await settle();
    expect(root.querySelector(".aic-preview-title")?.getAttribute("data-list-id")).toBe("huaxin-2024-02-18-focus");
    buttonNamed(item, "Insert “Huaxin Securities: companies in focus and earnings forecasts” into Excel").click();
    await settle();
    root.querySelector<HTMLButtonElement>(".aic-preview-body [data-focus-key^=\"insert:preview:\"]")!.click();
    await settle();
    expect(calls.insert.map((c) => [c.list.id, c.options.source])).toEqual([
      ["huaxin-2024-02-18-focus", { kind: "feed", url: FEED_URL, feedId: feedIdForUrl(FEED_URL) }],
      ["huaxin-2024-02-18-focus", { kind: "feed", url: FEED_URL, feedId: feedIdForUrl(FEED_URL) }],
    ]);
    // The catalog's own lists are recorded as from the catalog.
    buttonNamed(root, "Insert “Minsheng Securities: stocks in focus” into Excel").click();
    await settle();
    expect(calls.insert[2]!.options.source).toEqual({ kind: "catalog" });
  });

  it("asks before the reload a new origin needs, keeps what was typed across it, and adds the feed right after", async () => {
    const m = machine({ [FEED_URL]: { body: JSON.stringify(huaxinFocusList()) } });
    let { root, app } = await mount(m);
    app.setLanguage("zh");
    byId<HTMLTextAreaElement>("aic-note-text").value = "已粘贴的研报";
    byId<HTMLInputElement>("aic-feed-url").value = FEED_URL;
    byId<HTMLInputElement>("aic-feed-name").value = "研究部精选";
    buttonNamed(root, "添加数据源").click();
    await settle();
    // Told first, in a modal dialog named by its title; nothing fetched, nothing saved, no reload yet.
    const confirm = dialogNamed(root, "feed-reload")!;
    expect([confirm.hasAttribute("open"), confirm.getAttribute("type"), confirm.getAttribute("aria-label")]).toEqual([true, "modal", "重新加载任务窗格？"]);
    expect(text(confirm.querySelector(".aic-dialog-text"))).toBe(
      "要从 https://feeds.example.com 获取数据，任务窗格须先允许连接到该地址，这需要重新加载。已输入的内容会保留，重新加载后立即添加该数据源。",
    );
    expect(document.activeElement).toBe(buttonNamed(confirm, "允许并重新加载"));
    expect([m.server.calls, m.reloads, m.origins.data]).toEqual([[], 0, {}]);

    buttonNamed(confirm, "允许并重新加载").click();
    expect(m.reloads).toBe(1);
    // Allowed for the next load only: saved for good once the feed is fetched and validated.
    expect(m.origins.data[FEED_ORIGINS_STORAGE_KEY]).toBeUndefined();
    expect(JSON.parse(m.origins.data[PENDING_FEED_ORIGIN_KEY]!)).toEqual([FEED_ORIGIN]);
    expect(JSON.parse(m.session.data[PENDING_STATE_KEY]!)).toMatchObject({
      lang: "zh",
      noteText: "已粘贴的研报",
      feedForm: { url: FEED_URL, name: "研究部精选" },
      resume: { kind: "addFeed", origin: FEED_ORIGIN },
    });

    // The page after the reload: same storage, the origin now allowed.
    ({ root, app } = await mount(m));
    await settle();
    expect(app.language()).toBe("zh");
    expect(byId<HTMLTextAreaElement>("aic-note-text").value).toBe("已粘贴的研报");
    expect(m.server.calls).toEqual([FEED_URL]);
    expect(text(root.querySelector(`[data-feed-id="${feedIdForUrl(FEED_URL)}"] .aic-feed-name`))).toBe("研究部精选");
    expect(announced(root)).toBe("已添加数据源“研究部精选”，含 1 个列表。");
    expect(m.session.data[PENDING_STATE_KEY]).toBeUndefined();
    expect(JSON.parse(m.origins.data[FEED_ORIGINS_STORAGE_KEY]!)).toEqual([FEED_ORIGIN]);
    expect(m.origins.data[PENDING_FEED_ORIGIN_KEY]).toBeUndefined();
  });

  it("a failed add on a new origin leaves no allowed origin, after the reload or the next one", async () => {
    // The feed answers with a CSV whose price is mistyped (Huaxin 重点关注公司及盈利预测, 海光信息 76.72).
    const url = "https://feeds.example.com/desk/focus.csv";
    const m = machine({ [url]: { body: "代码,名称,股价\n688041.SH,海光信息,76.72x\n" } });
    let { root } = await mount(m);
    byId<HTMLInputElement>("aic-feed-url").value = url;
    buttonNamed(root, "Add feed").click();
    await settle();
    buttonNamed(dialogNamed(root, "feed-reload")!, "Allow and reload").click();
    ({ root } = await mount(m));
    await settle();
    expect(m.server.calls).toEqual([url]);
    expect(messageText(root, "feeds")).toBe("The feed was not added, and nothing was saved.");
    expect(m.origins.data).toEqual({});
    expect(root.querySelector(".aic-origin")).toBeNull();
    expect(text(root.querySelector(".aic-origins-area"))).toContain("No address is allowed yet.");
  });

  it("removing a feed removes its origin when no other feed uses it", async () => {
    const other = "https://feeds.example.com/desk/minsheng.json";
    const m = machine({ [FEED_URL]: { body: JSON.stringify(huaxinFocusList()) }, [other]: { body: JSON.stringify(minshengFocusList()) } }, [FEED_ORIGIN]);
    const { root } = await mount(m);
    await addFeed(root, { url: FEED_URL, name: "Huaxin" });
    await addFeed(root, { url: other, name: "Minsheng" });
    const origin = () => root.querySelector(`.aic-origin[data-origin="${FEED_ORIGIN}"]`);
    expect(text(origin()!.querySelector(".aic-meta"))).toBe("Used by: Huaxin, Minsheng Remove its feeds first.");
    expect(origin()!.querySelector("button, fluent-button")).toBeNull();

    buttonNamed(root, "Remove the feed “Huaxin”").click();
    await settle();
    expect(JSON.parse(m.origins.data[FEED_ORIGINS_STORAGE_KEY]!)).toEqual([FEED_ORIGIN]);
    expect(text(origin()!.querySelector(".aic-meta"))).toBe("Used by: Minsheng Remove its feeds first.");

    buttonNamed(root, "Remove the feed “Minsheng”").click();
    await settle();
    expect(JSON.parse(m.origins.data[FEED_ORIGINS_STORAGE_KEY]!)).toEqual([]);
    expect(origin()).toBeNull();
    expect(messageText(root, "feeds")).toBe(`Removed the feed “Minsheng”. Tables inserted from it still refresh from its URL. Its address ${FEED_ORIGIN} is no longer allowed: no other feed uses it.`);
    expect(announced(root)).toBe(messageText(root, "feeds"));
  });

  it("lists the allowed addresses; one no feed uses has a remove button that removes it", async () => {
    const unused = "https://old-feeds.example.org";
    const m = machine({ [FEED_URL]: { body: JSON.stringify(huaxinFocusList()) } }, [FEED_ORIGIN, unused]);
    const { root } = await mount(m);
    await addFeed(root, { url: FEED_URL, name: "Desk picks" });
    const items = [...root.querySelectorAll(".aic-origin")];
    expect(items.map((li) => [li.getAttribute("data-origin"), text(li.querySelector(".aic-meta"))])).toEqual([
      [FEED_ORIGIN, "Used by: Desk picks Remove its feeds first."],
      [unused, "No feed uses it."],
    ]);
    buttonNamed(root, `Remove the allowed address ${unused}`).click();
    await settle();
    expect(JSON.parse(m.origins.data[FEED_ORIGINS_STORAGE_KEY]!)).toEqual([FEED_ORIGIN]);
    expect([...root.querySelectorAll(".aic-origin")].map((li) => li.getAttribute("data-origin"))).toEqual([FEED_ORIGIN]);
    expect(messageBar(root, "feeds")!.getAttribute("intent")).toBe("success");
    expect(messageText(root, "feeds")).toBe(`${unused} is no longer allowed (from the next time the add-in opens).`);
    expect(announced(root)).toBe(`${unused} is no longer allowed (from the next time the add-in opens).`);
    expect(await m.store.get(FEEDS_STORE_KEY)).toContain(FEED_URL); // the feed itself is untouched
  });

  it("says a feed is online only when its offline copy cannot be stored, on adding it and in its status", async () => {
    const m = machine({ [FEED_URL]: { body: JSON.stringify(huaxinFocusList()) } }, [FEED_ORIGIN]);
    const refusing = memoryStore();
    m.env = {
      cache: {
        ...refusing,
        set: async () => {
          throw new Error("QuotaExceededError: the quota has been exceeded");
        },
      },
    };
    const { root, app } = await mount(m);
    await addFeed(root, { url: FEED_URL, name: "Desk picks" });
    const reason = "the offline copy could not be stored (QuotaExceededError: the quota has been exceeded)";
    // Added, with a warning: the browser's reason under Details.
    expect(messageBar(root, "feeds")!.getAttribute("intent")).toBe("warning");
    expect(messageText(root, "feeds")).toBe("Added the feed “Desk picks” with 1 list. Online only: no offline copy could be stored.");
    expect(text(messageBar(root, "feeds")!.querySelector(".aic-details-text"))).toBe(reason);
    expect(text(root.querySelector(".aic-feed-online-only"))).toBe(`Online only: no offline copy. ${reason}`);
    expect(announced(root)).toBe("Warning: Added the feed “Desk picks” with 1 list. Online only: no offline copy could be stored.");
    app.setLanguage("zh");
    expect(messageText(root, "feeds")).toBe("已添加数据源“Desk picks”，含 1 个列表。 仅限在线：无法保存离线副本。");
    expect(text(root.querySelector("[data-feed-id] .aic-feed-online-only"))).toBe(`仅限在线：没有离线副本。${reason}`);
  });

  it("Cancel leaves everything as it was, and focus goes back to the button that asked", async () => {
    const m = machine();
    const { root } = await mount(m);
    byId<HTMLInputElement>("aic-feed-url").value = FEED_URL;
    const add = buttonNamed(root, "Add feed");
    add.focus();
    add.click();
    await settle();
    buttonNamed(dialogNamed(root, "feed-reload")!, "Cancel").click();
    expect(root.querySelector("fluent-dialog")).toBeNull();
    expect(document.activeElement).toBe(add);
    expect([m.reloads, m.origins.data, m.server.calls]).toEqual([0, {}, []]);
    expect(byId<HTMLInputElement>("aic-feed-url").value).toBe(FEED_URL);
  });

  it.each([
    ["http://feeds.example.com/desk/huaxin.json", "This URL cannot be a feed: http is allowed only for localhost; use https for feeds.example.com"],
    ["http://[::1]:8765/huaxin.json", "The taskpane cannot allow an address written [::1]: use http://localhost with the same port, which reaches the same server."],
    ["", "Enter the feed's URL."],
    ["feeds.example.com/huaxin.json", 'This URL cannot be a feed: "feeds.example.com/huaxin.json" is not a URL'],
  ])("refuses %j in words, marks the field, and fetches and saves nothing", async (url, message) => {
    const m = machine({}, [FEED_ORIGIN]);
    const { root } = await mount(m);
    await addFeed(root, { url });
    // At the field (its message slot), not in the tab's bar.
    expect(text(byId("aic-feed-url-error"))).toBe(message);
    expect(byId("aic-feed-url-error").hidden).toBe(false);
    expect(messageBar(root, "feeds")).toBeNull();
    const input = byId<HTMLInputElement>("aic-feed-url");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toBe("aic-feed-url-hint aic-feed-url-error");
    expect(document.activeElement).toBe(input);
    expect(announced(root)).toBe(message);
    expect([m.server.calls, m.reloads, await m.store.get(FEEDS_STORE_KEY)]).toEqual([[], 0, null]);
  });

  it("shows every problem of a CSV that does not validate, by row and column, and saves nothing", async () => {
    const url = "https://feeds.example.com/desk/focus.csv";
    // Huaxin 重点关注公司及盈利预测 rows, one price mistyped.
    const csv = "代码,名称,股价\n000977.SZ,浪潮信息,30.38\n688041.SH,海光信息,76.72x\n000977,浪潮信息,30.38\n";
    const m = machine({ [url]: { body: csv } }, [FEED_ORIGIN]);
    const { host, calls } = excel();
    const { root } = await mount(m, host);
    await addFeed(root, { url });
    const bar = messageBar(root, "feeds")!;
    expect(bar.getAttribute("intent")).toBe("error");
    expect(messageText(root, "feeds")).toBe("The feed was not added, and nothing was saved.");
    // src/picks' own words, one a line, under Details: shown as data, so the language switch leaves them as they are.
    const details = bar.querySelector(".aic-details-text")!;
    expect(details.textContent!.split("\n")).toEqual([
      `${url}: row 2, column 股价: "76.72x" is not a number`,
      `${url}: row 3, column 代码: 000977.SZ already in row 1`,
    ]);
    expect(details.getAttribute("translate")).toBe("no");
    expect(buttonNamed(bar, "Retry")).toBeTruthy();
    expect(await m.store.get(FEEDS_STORE_KEY)).toBeNull();
    expect(root.querySelectorAll("[data-feed-id]")).toHaveLength(0);
    expect(calls.insert).toHaveLength(0);
  });

  it("reads a CSV with the title and column mapping given in the form", async () => {
    const url = "https://feeds.example.com/desk/focus.csv";
    // Huaxin 重点关注公司及盈利预测: 浪潮信息 30.38, EPS 2024E 2.69; 中际旭创 127.00, EPS 2024E 5.01.
    const csv = "代码,名称,Px,E24,Memo\n000977.SZ,浪潮信息,30.38,2.69,core\n300308.SZ,中际旭创,127.00,5.01,optical\n";
    const m = machine({ [url]: { body: csv } }, [FEED_ORIGIN]);
    const { root } = await mount(m);
    await addFeed(root, { url, csv: { title: "Desk focus", mapping: "Px = price\nE24 = eps 2024E\nMemo = ignore" } });
    const item = root.querySelector("[data-feed-list-id]")!;
    expect(text(item.querySelector(".aic-list-title"))).toBe("Desk focus");
    buttonNamed(item, "Preview “Desk focus”").click();
    await settle();
    const rows = [...root.querySelectorAll(".aic-preview-body tbody tr")].map((tr) => [...tr.querySelectorAll("th, td")].map(text));
    expect(rows).toEqual([
      ["000977.SZ", "浪潮信息", "30.38", "2.69"],
      ["300308.SZ", "中际旭创", "127.00", "5.01"],
    ]);
  });

  it("refuses a bad column mapping before fetching, naming the line", async () => {
    const m = machine({}, [FEED_ORIGIN]);
    const { root } = await mount(m);
    await addFeed(root, { url: "https://feeds.example.com/desk/focus.csv", csv: { mapping: "Px = price\nE24 = eps" } });
    expect(text(byId("aic-feed-mapping-error"))).toBe("Column mapping, line 2: eps needs its year, for example “E24 = eps 2024E”.");
    expect(byId("aic-feed-mapping").getAttribute("aria-invalid")).toBe("true");
    expect(byId("aic-feed-url").getAttribute("aria-invalid")).toBe("false");
    expect(byId("aic-feed-url-error").hidden).toBe(true);
    expect(m.server.calls).toEqual([]);
  });

  it("says a feed is stale since its last good copy, and why, when fetching it again fails; the lists stay", async () => {
    let up = true;
    const m = machine({ [FEED_URL]: () => (up ? { body: JSON.stringify(huaxinFocusList()) } : { status: 503, body: "" }) }, [FEED_ORIGIN]);
    const { root } = await mount(m);
    await addFeed(root, { url: FEED_URL });
    up = false;
    buttonNamed(root, "Fetch again “huaxin”").click();
    await settle();
    const feed = root.querySelector("[data-feed-id]")!;
    expect(text(feed.querySelector(".aic-feed-status"))).toBe(
      "Stale since 2024-02-26 09:30: the last fetch failed, so these are the lists as fetched then.",
    );
    // The reason, in sources.ts' words, under Details.
    expect(text(feed.querySelector(".aic-details-text"))).toBe(`${FEED_URL}: HTTP 503 Service Unavailable`);
    expect(feed.querySelector(".aic-feed-status")!.classList).toContain("aic-tone-warning");
    expect(feed.querySelectorAll("[data-feed-list-id]")).toHaveLength(1);
    // The outcome of fetching it again in the tab's bar: a warning, the server's words under Details, Retry.
    const bar = messageBar(root, "feeds")!;
    expect(bar.getAttribute("intent")).toBe("warning");
    expect(messageText(root, "feeds")).toBe("“huaxin”: Stale since 2024-02-26 09:30: the last fetch failed, so these are the lists as fetched then.");
    expect(text(bar.querySelector(".aic-details-text"))).toBe(`${FEED_URL}: HTTP 503 Service Unavailable`);
    expect(announced(root)).toBe("Warning: “huaxin”: Stale since 2024-02-26 09:30: the last fetch failed, so these are the lists as fetched then.");
    // Retry fetches again; the server is back: up to date, and the bar says so (one bar, not two).
    up = true;
    buttonNamed(bar, "Retry").click();
    await settle();
    expect(root.querySelectorAll('[data-messages="feeds"] fluent-message-bar')).toHaveLength(1);
    expect(messageBar(root, "feeds")!.getAttribute("intent")).toBe("success");
    expect(messageText(root, "feeds")).toMatch(/^“huaxin”: Up to date: fetched /);
    up = false;

    // Opened again while the server is still down: the same notice from the first fetch.
    const again = await mount(m);
    expect(text(again.root.querySelector(".aic-feed-status"))).toMatch(/^Stale since 2024-02-26 09:30: /);
  });

  it("says a feed that never answered could not be fetched, with the reason, and offers no lists", async () => {
    const m = machine({ [FEED_URL]: { body: JSON.stringify(huaxinFocusList()) } }, [FEED_ORIGIN]);
    await mount(m).then(({ root }) => addFeed(root, { url: FEED_URL }));
    await m.store.remove(`aic.feedCache.${feedIdForUrl(FEED_URL)}`);
    m.server.routes[FEED_URL] = new TypeError("Failed to fetch");
    const { root } = await mount(m);
    const feed = root.querySelector("[data-feed-id]")!;
    expect(text(feed.querySelector(".aic-feed-status"))).toBe("Could not be fetched, and there is no earlier copy.");
    expect(text(feed.querySelector(".aic-details-text"))).toBe(`${FEED_URL}: could not be fetched (Failed to fetch)`);
    expect(feed.querySelectorAll("[data-feed-list-id]")).toHaveLength(0);
  });

  it("removes a feed: gone from the page and from storage, focus on the section", async () => {
    const m = machine({ [FEED_URL]: { body: JSON.stringify(huaxinFocusList()) } }, [FEED_ORIGIN]);
    const { root } = await mount(m);
    await addFeed(root, { url: FEED_URL });
    buttonNamed(root, "Remove the feed “huaxin”").click();
    await settle();
    expect(root.querySelectorAll("[data-feed-id]")).toHaveLength(0);
    expect(JSON.parse((await m.store.get(FEEDS_STORE_KEY)) as string)).toEqual([]);
    expect(document.activeElement).toBe(byId("aic-feeds-heading"));
    // The last feed on its origin: the origin goes too (the refresh tab offers to allow it again when a table needs it).
    expect(messageText(root, "feeds")).toBe(`Removed the feed “huaxin”. Tables inserted from it still refresh from its URL. Its address ${FEED_ORIGIN} is no longer allowed: no other feed uses it.`);
    expect(announced(root)).toBe(`Removed the feed “huaxin”. Tables inserted from it still refresh from its URL. Its address ${FEED_ORIGIN} is no longer allowed: no other feed uses it.`);
    expect(JSON.parse(m.origins.data[FEED_ORIGINS_STORAGE_KEY]!)).toEqual([]);
  });

  it("without storage for the allowed origins, says feeds are not available and offers no form", async () => {
    document.body.replaceChildren();
    const root = document.createElement("div");
    document.body.appendChild(root);
    const app = mountTaskpane(root, {
      language: "en",
      loadCatalog: catalogLoader,
      parseReport,
      validatePickList,
      feeds: { env: { fetch: server({}).fetch, store: memoryStore() }, origins: null },
    });
    await app.catalogLoaded;
    expect(text(section(root, "feeds").querySelector(".aic-muted"))).toMatch(/^Feeds are not available here/);
    expect(section(root, "feeds").querySelector("form")!.hidden).toBe(true);
  });
});

// ---- refresh ----

describe("refresh", () => {
  const huaxinOutcome = (over: Partial<TableRefreshOutcome> = {}): TableRefreshOutcome => ({
    tableId: "{T1}",
    tableName: HUAXIN_TABLE,
    sheetName: HUAXIN_SHEET,
    listId: "huaxin-2024-02-18-focus",
    status: "refreshed",
    summary: [],
    diff: diffPickLists(huaxinList(), huaxinNext()),
    error: null,
    stale: null,
    restored: false,
    counts: { updated: 2, added: 1, dropped: 1, returned: 0 },
    syncCount: 2,
    ...over,
  });

  it("refreshes the chosen target with the feeds' fetcher, shows progress per table, then each table in words", async () => {
    const finish = deferred<void>();
    const failedOutcome = huaxinOutcome({ tableId: "{T2}", tableName: "AIC_minsheng_2024_02_25_focus", sheetName: "表5", status: "failed", diff: null, error: 'the table has no column "股价": rename it back, or insert the list again' });
    const m = machine({ [FEED_URL]: { body: JSON.stringify(huaxinNext()) } }, [FEED_ORIGIN]);
    let fetched: unknown;
    const { host, calls } = excel({
      refresh: async (target, fetchList, options) => {
        calls.refresh.push({ target, fetchList, options });
        // The fetcher is the feeds' own: a table recorded from FEED_URL gets that feed's list.
        fetched = await fetchList({ listId: "huaxin-2024-02-18-focus", origin: { kind: "feed", url: FEED_URL } } as never);
        options.onTable?.(huaxinOutcome());
        await finish.promise;
        options.onTable?.(failedOutcome);
        return { outcomes: [huaxinOutcome(), failedOutcome], orphans: [], unreadable: [], error: null, syncCount: 5 };
      },
    });
    const { root, app } = await mount(m, host);
    const refresh = section(root, "refresh");
    buttonNamed(refresh, "Refresh this sheet").focus();
    buttonNamed(refresh, "Refresh this sheet").click();
    await settle();
    expect(calls.refresh.map((c) => c.target)).toEqual(["activeSheet"]);
    expect(fetched).toMatchObject({ ok: true, list: { id: "huaxin-2024-02-18-focus", source: { priceDate: "2024-03-01" } } });

    // While it runs: progress (in the tab's message area) with the tables done so far, every action button marked busy.
    const area = refresh.querySelector(".aic-result-area")!;
    const progressArea = refresh.querySelector('[data-messages="refresh"] .aic-message-progress')!;
    expect(area.getAttribute("aria-busy")).toBe("true");
    expect(progressArea.querySelector(".aic-progress-bar")?.getAttribute("aria-label")).toBe("Refreshing…");
    expect([...progressArea.querySelectorAll(".aic-progress > span")].map(text)).toEqual(["Refreshing…", "1 table done"]);
    expect(area.querySelectorAll(".aic-result")).toHaveLength(1);
    expect(announced(root)).toBe("Refreshing…");
    for (const name of ["Refresh selected table", "Refresh all", "Compare brokers", "Freeze for sharing"])
      expect(buttonNamed(root, name).getAttribute("aria-disabled")).toBe("true");
    buttonNamed(root, "Compare brokers").click();
    buttonNamed(root, "Refresh all").click();
    await settle();
    expect([calls.compare.length, calls.refresh.length]).toEqual([0, 1]);

    finish.resolve();
    await settle();
    expect(area.getAttribute("aria-busy")).toBe("false");
    expect(buttonNamed(root, "Refresh all").hasAttribute("aria-disabled")).toBe(false);
    expect(document.activeElement).toBe(buttonNamed(refresh, "Refresh this sheet"));
    // The outcome is the tab's message: a warning (one table not refreshed), with Retry; the progress is gone.
    expect((progressArea as HTMLElement).hidden).toBe(true);
    expect(messageBar(root, "refresh")!.getAttribute("intent")).toBe("warning");
    expect(messageText(root, "refresh")).toBe("Refreshed 1 of 2 tables; 1 not refreshed.");
    expect(announced(root)).toBe("Warning: Refreshed 1 of 2 tables; 1 not refreshed.");
    expect(area.querySelector(".aic-result-summary")).toBeNull();
    buttonNamed(messageBar(root, "refresh")!, "Retry").click();
    await settle();
    expect(calls.refresh.map((c) => c.target)).toEqual(["activeSheet", "activeSheet"]);
    const [ok, failed] = [...area.querySelectorAll(".aic-result")];
    // Named by its list's title (the catalog knows the list), not the internal table name.
    expect(text(ok!.querySelector(".aic-result-title"))).toBe(`“Huaxin Securities: companies in focus and earnings forecasts” on sheet “${HUAXIN_SHEET}”`);
    expect(ok!.querySelector(".aic-result-title")!.getAttribute("data-table-name")).toBe(HUAXIN_TABLE);
    expect([...ok!.querySelectorAll(".aic-change-list li")].map(text)).toEqual([
      "Price date moved: 2024-02-18 → 2024-03-01",
      "Added: 中国长城 (000066.SZ)",
      "Dropped: 汉仪股份 (301270.SZ)",
      "Rating change: 浪潮信息 (000977.SZ) 买入 → 增持",
      "EPS 2024E revision: 中际旭创 (300308.SZ) 5.01 → 5.5",
    ]);
    expect([...failed!.children].map(text)).toEqual([
      // (This report's second table holds the same list, on another sheet.)
      "“Huaxin Securities: companies in focus and earnings forecasts” on sheet “表5”",
      "Not refreshed: the table is exactly as it was.",
      // src/excel's reason (English), under Details.
      'Detailsthe table has no column "股价": rename it back, or insert the list again',
    ]);

    // The language switch re-renders the results in Chinese, describeDiff's lines included.
    app.setLanguage("zh");
    expect(messageText(root, "refresh")).toBe("已刷新 1 / 2 个表格；1 个未刷新。");
    expect([...area.querySelectorAll(".aic-change-list li")].map(text)[3]).toBe("评级变化：浪潮信息 (000977.SZ) 买入 → 增持");
    expect(text(area.querySelectorAll(".aic-result")[1]!.querySelector(".aic-result-status"))).toBe("未刷新：表格保持原样。");
  });

  it("shows a refresh that could not run in words", async () => {
    const { host } = excel({ refresh: () => Promise.reject({ message: "The workbook is protected.", code: "AccessDenied" }) });
    const { root } = await mount(machine(), host);
    buttonNamed(root, "Refresh all").click();
    await settle();
    // Office's code as a sentence; Office's own words under Details.
    const sentence = "Nothing was refreshed: Excel refused the change: the sheet or workbook is protected, or you may not edit it.";
    expect(messageBar(root, "refresh")!.getAttribute("intent")).toBe("error");
    expect(messageText(root, "refresh")).toBe(sentence);
    expect(text(messageBar(root, "refresh")!.querySelector(".aic-details-text"))).toBe("The workbook is protected. (AccessDenied)");
    expect(announced(root)).toBe(`Error: ${sentence}`);
    // Dismissed: gone; a new refresh clears it too.
    buttonNamed(messageBar(root, "refresh")!, "Dismiss this message").click();
    expect(messageBar(root, "refresh")).toBeNull();
  });

  it.each([
    ["outside Excel", { kind: "outside" } as HostState, "This needs Excel: open this taskpane from Home › Compute Desk in Excel."],
    [
      "in an Excel without ExcelApi 1.13",
      excel({ refreshSupported: false }).host,
      "This Excel cannot refresh tables: refreshing needs Excel API 1.13 (Excel for Microsoft 365, Excel 2021 or later, or Excel on the web).",
    ],
  ])("is disabled %s, and says why", async (_, host, reason) => {
    const { root } = await mount(machine(), host);
    const note = byId("aic-refresh-note");
    expect([note.hidden, text(note)]).toEqual([false, reason]);
    for (const name of ["Refresh selected table", "Refresh this sheet", "Refresh all"]) {
      const b = buttonNamed(root, name);
      expect([b.disabled, b.getAttribute("aria-describedby")]).toEqual([true, "aic-refresh-note"]);
    }
  });
});

describe("refresh against the Excel fake (the real src/excel/refresh.ts)", () => {
  /** The catalog index and the Huaxin list a fortnight later, as the catalog URL serves them. */
  function catalogServing(list: PickList) {
    const index = { format: "aic-catalog", version: 1, reports: [{ ...fakeIndex().reports[0]!, lists: [{ id: list.id, title: list.title, rowCount: list.rows.length, href: "lists/huaxin.json" }] }] };
    return { [CATALOG_URL]: { body: JSON.stringify(index) }, "https://addin.example/catalog/lists/huaxin.json": { body: JSON.stringify(list) } };
  }

  const onFake = (fake: FakeExcel): ExcelHost["refresh"] => (target, fetchList, options) => refreshTables(fake.requestContext, target, fetchList, options);

  it("refreshes the inserted Huaxin table from the catalog and lists what changed", async () => {
    const fake = new FakeExcel({ sheets: ["Sheet1"] });
    await insertHuaxin(fake);
    const { host } = excel({ refresh: onFake(fake) });
    const { root } = await mount(machine(catalogServing(huaxinNext())), host);
    buttonNamed(root, "Refresh all").click();
    await settle(30);
    const area = section(root, "refresh").querySelector(".aic-result-area")!;
    expect([messageBar(root, "refresh")!.getAttribute("intent"), messageText(root, "refresh")]).toEqual(["success", "Refreshed 1 table."]);
    // Nothing failed: no Retry.
    expect(messageBar(root, "refresh")!.querySelector('[data-focus-key="message:refresh:retry"]')).toBeNull();
    expect([...area.querySelectorAll(".aic-change-list li")].map(text)).toContain("Rating change: 浪潮信息 (000977.SZ) 买入 → 增持");
    // And the table itself: 浪潮信息 (row 13), rating in column M.
    expect(fake.cell(HUAXIN_SHEET, "M13").value).toBe("增持");
  });

  it("says so when a failed refresh could not put the table back either (src/excel's words, recognised)", async () => {
    const fake = new FakeExcel({ sheets: ["Sheet1"] });
    await insertHuaxin(fake);
    const realSync = fake.sync.bind(fake);
    let start = -1;
    fake.sync = async () => {
      if (start < 0) start = fake.syncCount;
      if (fake.syncCount >= start + 2) {
        fake.syncCount++;
        throw new Error("GeneralException: offline");
      }
      return realSync();
    };
    const { host } = excel({ refresh: onFake(fake) });
    const { root } = await mount(machine(catalogServing(huaxinNext())), host);
    buttonNamed(root, "Refresh all").click();
    await settle(30);
    const result = section(root, "refresh").querySelector(".aic-result")!;
    expect(text(result.querySelector(".aic-result-status"))).toBe(
      "Not refreshed, and putting the table back failed too: check the table against the log sheet.",
    );
    expect(text(result.querySelector(".aic-details-text"))).toMatch(/^the refresh failed \(.*\) and putting the table back failed too/);
  });

  it("a colleague's workbook: offers to allow its feed's origin, reloads, and refreshes again", async () => {
    const colleagueUrl = "https://colleague.example.com/desk/huaxin.json";
    const fake = new FakeExcel({ sheets: ["Sheet1"] });
    await insertHuaxin(fake, huaxinList(), { kind: "feed", url: colleagueUrl, feedId: feedIdForUrl(colleagueUrl) });
    const m = machine({ [colleagueUrl]: { body: JSON.stringify(huaxinNext()) } });
    const { host } = excel({ refresh: onFake(fake) });
    let { root } = await mount(m, host);
    buttonNamed(root, "Refresh all").click();
    await settle(30);
    const area = section(root, "refresh").querySelector(".aic-result-area")!;
    expect(text(area.querySelector(".aic-result-status"))).toBe(
      "Not refreshed: this computer does not allow connections to its feed https://colleague.example.com yet.",
    );
    // Not a mysterious network failure: nothing was even tried.
    expect(m.server.calls).toEqual([]);
    const offer = area.querySelector(".aic-confirm")!;
    expect(text(offer.querySelector("p"))).toBe(
      "This workbook's tables come from feeds this computer has not connected to yet, probably added by a colleague: https://colleague.example.com. The taskpane connects only to addresses you allow. Allow them? The taskpane reloads, then runs this refresh again.",
    );
    expect(document.activeElement).toBe(buttonNamed(offer, "Allow and reload"));
    expect(fake.cell(HUAXIN_SHEET, "M13").value).toBe("买入");
    // Not refreshed for want of an allowed address: an error without Retry (running it again cannot help).
    expect(messageBar(root, "refresh")!.getAttribute("intent")).toBe("error");
    expect(messageBar(root, "refresh")!.querySelector('[data-focus-key="message:refresh:retry"]')).toBeNull();

    // The reload is confirmed in a dialog first.
    buttonNamed(offer, "Allow and reload").click();
    expect(m.reloads).toBe(0);
    const dialog = dialogNamed(root, "refresh-reload")!;
    expect(text(dialog.querySelector(".aic-dialog-text"))).toBe(
      "The taskpane reloads to allow https://colleague.example.com, then runs this refresh again. What you entered is kept.",
    );
    buttonNamed(dialog, "Allow and reload").click();
    expect(m.reloads).toBe(1);
    // Allowed for the next load only: nothing saved before anything was fetched.
    expect(m.origins.data[FEED_ORIGINS_STORAGE_KEY]).toBeUndefined();
    expect(JSON.parse(m.origins.data[PENDING_FEED_ORIGIN_KEY]!)).toEqual(["https://colleague.example.com"]);
    expect(JSON.parse(m.session.data[PENDING_STATE_KEY]!)).toMatchObject({ resume: { kind: "refresh", target: "all", origins: ["https://colleague.example.com"] } });

    ({ root } = await mount(m, host));
    await settle(30);
    expect(m.server.calls).toEqual([colleagueUrl]);
    expect(messageText(root, "refresh")).toBe("Refreshed 1 table.");
    expect(fake.cell(HUAXIN_SHEET, "M13").value).toBe("增持");
    // Its list fetched and validated: only now is the origin saved for good.
    expect(JSON.parse(m.origins.data[FEED_ORIGINS_STORAGE_KEY]!)).toEqual(["https://colleague.example.com"]);
    expect(m.origins.data[PENDING_FEED_ORIGIN_KEY]).toBeUndefined();
  });

  /** Clicks Allow and reload on the offer a first refresh makes, then mounts the page again (the reload). */
  async function allowAndReload(m: Machine, host: HostState): Promise<HTMLElement> {
    const { root } = await mount(m, host);
    buttonNamed(root, "Refresh all").click();
    await settle(30);
    buttonNamed(section(root, "refresh").querySelector(".aic-confirm")!, "Allow and reload").click();
    buttonNamed(dialogNamed(root, "refresh-reload")!, "Allow and reload").click();
    expect(m.reloads).toBe(1);
    const again = await mount(m, host);
    await settle(30);
    return again.root;
  }

  it("a colleague's feed that fails after the reload leaves no saved origin, at this load or the next", async () => {
    const colleagueUrl = "https://colleague.example.com/desk/huaxin.json";
    const fake = new FakeExcel({ sheets: ["Sheet1"] });
    await insertHuaxin(fake, huaxinList(), { kind: "feed", url: colleagueUrl, feedId: feedIdForUrl(colleagueUrl) });
    const m = machine({ [colleagueUrl]: { status: 503, body: "" } });
    const { host } = excel({ refresh: onFake(fake) });
    const root = await allowAndReload(m, host);
    expect(m.server.calls).toEqual([colleagueUrl]);
    expect(messageText(root, "refresh")).not.toBe("Refreshed 1 table.");
    expect(fake.cell(HUAXIN_SHEET, "M13").value).toBe("买入");
    expect(m.origins.data).toEqual({});
    // The next load: nothing pending, nothing saved, so the refresh is blocked again before any fetch.
    await mount(m, host);
    expect(m.origins.data).toEqual({});
  });

  it("a served body that is not a valid pick list does not save its origin", async () => {
    const colleagueUrl = "https://colleague.example.com/desk/huaxin.json";
    const fake = new FakeExcel({ sheets: ["Sheet1"] });
    await insertHuaxin(fake, huaxinList(), { kind: "feed", url: colleagueUrl, feedId: feedIdForUrl(colleagueUrl) });
    const m = machine({ [colleagueUrl]: { body: JSON.stringify({ id: "x", rows: "not rows" }) } });
    const { host } = excel({ refresh: onFake(fake) });
    await allowAndReload(m, host);
    expect(m.server.calls).toEqual([colleagueUrl]);
    expect(fake.cell(HUAXIN_SHEET, "M13").value).toBe("买入");
    expect(m.origins.data).toEqual({});
  });

  it("two colleague origins, one failing: only the one whose list was fetched and validated is saved", async () => {
    const goodUrl = "https://good.example.com/desk/huaxin.json";
    const badUrl = "https://bad.example.net/desk/minsheng.json";
    const fake = new FakeExcel({ sheets: ["Sheet1"] });
    await insertHuaxin(fake, huaxinList(), { kind: "feed", url: goodUrl, feedId: feedIdForUrl(goodUrl) });
    await insertPickList(fake.requestContext, minshengFocusList(), { language: "zh", now: () => new Date("2024-02-26T01:00:00Z"), source: { kind: "feed", url: badUrl, feedId: feedIdForUrl(badUrl) } });
    const m = machine({ [goodUrl]: { body: JSON.stringify(huaxinNext()) }, [badUrl]: new Error("network down") });
    const { host } = excel({ refresh: onFake(fake) });
    const { root } = await mount(m, host);
    buttonNamed(root, "Refresh all").click();
    await settle(30);
    buttonNamed(section(root, "refresh").querySelector(".aic-confirm")!, "Allow and reload").click();
    buttonNamed(dialogNamed(root, "refresh-reload")!, "Allow and reload").click();
    expect(m.origins.data[FEED_ORIGINS_STORAGE_KEY]).toBeUndefined();
    expect(JSON.parse(m.origins.data[PENDING_FEED_ORIGIN_KEY]!).sort()).toEqual(["https://bad.example.net", "https://good.example.com"]);
    await mount(m, host);
    await settle(30);
    expect([...m.server.calls].sort()).toEqual([badUrl, goodUrl]);
    expect(fake.cell(HUAXIN_SHEET, "M13").value).toBe("增持");
    expect(JSON.parse(m.origins.data[FEED_ORIGINS_STORAGE_KEY]!)).toEqual(["https://good.example.com"]);
    expect(m.origins.data[PENDING_FEED_ORIGIN_KEY]).toBeUndefined();
  });

  it("Not now dismisses the offer and changes nothing", async () => {
    const colleagueUrl = "https://colleague.example.com/desk/huaxin.json";
    const fake = new FakeExcel({ sheets: ["Sheet1"] });
    await insertHuaxin(fake, huaxinList(), { kind: "feed", url: colleagueUrl });
    const m = machine();
    const { root } = await mount(m, excel({ refresh: onFake(fake) }).host);
    buttonNamed(root, "Refresh all").click();
    await settle(30);
    buttonNamed(root, "Not now").click();
    expect(root.querySelector(".aic-confirm")).toBeNull();
    expect([m.reloads, m.origins.data]).toEqual([0, {}]);
  });
});

// ---- compare and model ----

describe("compare brokers and the compute sheet", () => {
  it("compares the catalog's lists and the feeds', in the chosen language, and reports the shared tickers", async () => {
    // The desk's own feed: the Minsheng 表5 rows under the desk's name, so 科大讯飞 and 易华录 have two "brokers".
    const minsheng = minshengFocusList();
    const feedList = { ...minsheng, id: "desk-2024-03-01-focus", source: { ...minsheng.source, broker: "研究部", brokerEn: "Research desk" } };
    const m = machine({ [FEED_URL]: { body: JSON.stringify(feedList) } }, [FEED_ORIGIN]);
    const progress = deferred<void>();
    const { host, calls } = excel({
      compare: async (lists, options) => {
        calls.compare.push({ lists, options });
        options.onProgress?.(3, 6);
        await progress.promise;
        return { sheetName: "券商对比", tableName: "AIC_Compare", tableAddress: "'券商对比'!A5:P11", rowCount: 6, sharedCount: 2, syncCount: 2 };
      },
    });
    const { root, app } = await mount(m, host);
    await addFeed(root, { url: FEED_URL });
    const analysis = section(root, "analysis");
    // The fixtures' two catalog lists (4 Huaxin rows, 2 Minsheng rows) and the desk's feed.
    expect(text(analysis.querySelector(".aic-overview"))).toBe("3 lists from 3 brokers name 6 tickers; 2 of them are named by two brokers or more.");
    app.setLanguage("zh");
    buttonNamed(analysis, "对比券商").click();
    await settle();
    expect(calls.compare.map((c) => [c.lists.map((l) => l.id), c.options.language])).toEqual([
      [["huaxin-2024-02-18-focus", "minsheng-2024-02-25-focus", "desk-2024-03-01-focus"], "zh"],
    ]);
    const bar = root.querySelector('[data-messages="tools"] .aic-progress-bar')!;
    expect([bar.getAttribute("value"), bar.getAttribute("max")]).toEqual(["3", "6"]);
    progress.resolve();
    await settle();
    expect(root.querySelector('[data-messages="tools"] .aic-progress-bar')).toBeNull();
    expect(messageBar(root, "tools")!.getAttribute("intent")).toBe("success");
    expect(messageText(root, "tools")).toBe("已将券商对比插入工作表“券商对比”，表格 AIC_Compare（A5:P11）：6 个代码，其中 2 个被两家或以上券商提及。");
  });

  it("shows a comparison that failed in words, with Retry; a new action clears it", async () => {
    let attempts = 0;
    const { host } = excel({
      compare: () => (++attempts === 1 ? Promise.reject(new Error("60 columns do not fit")) : Promise.reject(new Error("still too wide"))),
      computeSheet: () => new Promise(() => {}),
    });
    const { root } = await mount(machine(), host);
    buttonNamed(root, "Compare brokers").click();
    await settle();
    expect(messageBar(root, "tools")!.getAttribute("intent")).toBe("error");
    expect(messageText(root, "tools")).toBe("The comparison was not inserted: the action could not be completed (the details say why).");
    expect(text(messageBar(root, "tools")!.querySelector(".aic-details-text"))).toBe("60 columns do not fit");
    buttonNamed(messageBar(root, "tools")!, "Retry").click();
    await settle();
    expect(attempts).toBe(2);
    expect(text(messageBar(root, "tools")!.querySelector(".aic-details-text"))).toBe("still too wide");
    // Another tool starts: the old message goes, its progress shows.
    buttonNamed(root, "Insert the compute sheet").click();
    await settle();
    expect(messageBar(root, "tools")).toBeNull();
    expect(root.querySelector('[data-messages="tools"] .aic-progress-bar')!.getAttribute("aria-label")).toBe("Inserting the compute sheet…");
  });

  it("inserts the compute sheet in the chosen language and reports its names", async () => {
    const { host, calls } = excel({
      computeSheet: async (options) => {
        calls.compute.push(options as { language: Lang });
        return {
          sheetName: "Sora compute",
          names: [
            { name: "AIC_Train_Gpu", scope: "workbook", reclaimed: false, address: "'Sora compute'!$B$5" },
            { name: "AIC_Train_Util", scope: "workbook", reclaimed: false, address: "'Sora compute'!$B$6" },
            { name: "AIC_Train_Gpus", scope: "sheet", reclaimed: false, address: "'Sora compute'!$B$20" },
            { name: "AIC_Infer_Gpus", scope: "workbook", reclaimed: false, address: "'Sora compute'!$B$21" },
          ],
          outputs: { trainGpus: "'Sora compute'!B20", inferGpus: "'Sora compute'!B21" },
          syncCount: 2,
        };
      },
    });
    const { root } = await mount(machine(), host);
    buttonNamed(root, "Insert the compute sheet").click();
    await settle();
    expect(calls.compute).toEqual([{ language: "en" }]);
    expect(messageText(root, "tools")).toBe("Inserted the sheet “Sora compute”: 2 inputs and 2 live outputs, each a named cell (for example AIC_Train_Gpus).");
    expect([...messageBar(root, "tools")!.querySelectorAll(".aic-message-items li")].map(text)).toEqual([
      "1 name was already used in this workbook, so the new sheet has its own: AIC_Train_Gpus.",
    ]);
  });

  it("is disabled outside Excel, with the reason", async () => {
    const { root } = await mount(machine());
    for (const name of ["Compare brokers", "Insert the compute sheet", "Freeze for sharing", "Restore formulas"]) expect(buttonNamed(root, name).disabled).toBe(true);
    expect(text(byId("aic-analysis-note"))).toBe("This needs Excel: open this taskpane from Home › Compute Desk in Excel.");
    expect(buttonNamed(root, "Compare brokers").getAttribute("aria-describedby")).toBe("aic-analysis-note");
    expect(buttonNamed(root, "Restore formulas").getAttribute("aria-describedby")).toBe("aic-share-note");
  });
});

// ---- share ----

describe("freeze for sharing and restore formulas (the real src/excel/freeze.ts on the Excel fake)", () => {
  it("freezes the workbook or the active sheet, then restores, listing the cells changed since with their formulas", async () => {
    const fake = new FakeExcel({ sheets: ["Sheet1"] });
    await insertHuaxin(fake);
    new FormulaOracle(fake).calculate(HUAXIN_SHEET);
    // What the live P/E columns (H, J, L) show: errors where the report has no forecast (#N/A) or a loss (#NUM!).
    const shown = ["H", "J", "L"].flatMap((col) => Array.from({ length: 17 }, (_, i) => fake.cell(HUAXIN_SHEET, `${col}${12 + i}`).value));
    const errors = shown.filter((v) => typeof v === "string" && v.startsWith("#")).length;
    expect(errors).toBeGreaterThan(0);

    const { host, calls } = excel({
      freeze: async (options) => {
        calls.freeze.push(options);
        return freezeFormulas(fake.requestContext, options);
      },
      restore: async (options) => {
        calls.restore.push(options);
        return restoreFormulas(fake.requestContext, options);
      },
    });
    const { root, app } = await mount(machine(), host);
    const share = section(root, "share");
    byId<HTMLInputElement>("aic-scope-sheet").click();
    buttonNamed(share, "Freeze for sharing").click();
    await settle(20);
    expect(calls.freeze).toEqual([{ activeSheet: true }]);
    byId<HTMLInputElement>("aic-scope-workbook").click();
    buttonNamed(share, "Freeze for sharing").click();
    await settle(20);
    expect(calls.freeze[1]).toEqual({});
    // The second freeze found nothing left: the first had frozen all 51 on the active sheet.
    expect([messageBar(root, "share")!.getAttribute("intent"), messageText(root, "share")]).toEqual(["info", "There is no AIC formula to freeze here."]);
    expect(text(share.querySelector(".aic-result-area"))).toBe("");

    // Restore, after the analyst typed over 浪潮信息's 2023E live P/E (J13).
    fake.cell(HUAXIN_SHEET, "J13");
    fake.setCell(fake.sheet(HUAXIN_SHEET), 12, 9, { kind: "number", value: 15, formula: null });
    buttonNamed(share, "Restore formulas").click();
    await settle(20);
    expect(calls.restore).toEqual([{}]);
    const area = share.querySelector(".aic-result-area")!;
    expect([messageBar(root, "share")!.getAttribute("intent"), messageText(root, "share")]).toEqual(["warning", "Restored 50 AIC cells."]);
    expect([...area.querySelectorAll(".aic-plain-list li")].map(text)).toEqual([`“${HUAXIN_SHEET}”: 50 cells`]);
    const lead = "1 cell changed since the freeze was left alone. Its formula, to re-enter if you want it back:";
    expect([...messageBar(root, "share")!.querySelectorAll(".aic-message-items li")].map(text)).toEqual([lead]);
    expect(area.querySelector(".aic-skip-list")!.getAttribute("aria-label")).toBe(lead);
    expect([...area.querySelectorAll(".aic-skip-list li")].map(text)).toEqual([
      `'${HUAXIN_SHEET}'!J13 (now shows another value): =AIC.FWD_PE([@[股价]],[@[EPS 2023E]])`,
    ]);
    app.setLanguage("zh");
    expect(messageText(root, "share")).toBe("已恢复 50 个 AIC 单元格。");
  });

  it("reports a freeze with the errors it kept as text", async () => {
    const fake = new FakeExcel({ sheets: ["Sheet1"] });
    await insertHuaxin(fake);
    new FormulaOracle(fake).calculate(HUAXIN_SHEET);
    const errors = ["H", "J", "L"]
      .flatMap((col) => Array.from({ length: 17 }, (_, i) => fake.cell(HUAXIN_SHEET, `${col}${12 + i}`).value))
      .filter((v) => typeof v === "string" && v.startsWith("#")).length;
    const { host } = excel({ freeze: (options) => freezeFormulas(fake.requestContext, options) });
    const { root } = await mount(machine(), host);
    buttonNamed(root, "Freeze for sharing").click();
    await settle(20);
    const area = section(root, "share").querySelector(".aic-result-area")!;
    expect([messageBar(root, "share")!.getAttribute("intent"), messageText(root, "share")]).toEqual(["warning", "Froze 51 AIC cells."]);
    expect([...messageBar(root, "share")!.querySelectorAll(".aic-message-items li")].map(text)).toEqual([
      `${errors} of them showed an error and keep it as text (#N/A: no forecast; #NUM!: negative EPS).`,
    ]);
    expect([...area.querySelectorAll(".aic-plain-list li")].map(text)).toEqual([`“${HUAXIN_SHEET}”: 51 cells`]);
    expect(announced(root)).toBe("Warning: Froze 51 AIC cells.");
  });

  it("says a freeze's outcome in the Share section, under its heading; the next tool in either section clears both bars", async () => {
    const finish = deferred<void>();
    const { host } = excel({
      freeze: async () => {
        await finish.promise;
        return { sheets: [], frozenCells: 0, syncCount: 2 };
      },
    });
    const { root } = await mount(machine(), host);
    const share = section(root, "share");
    const analysis = section(root, "analysis");
    const shareArea = root.querySelector('[data-messages="share"]')!;
    // The Share section's own area, directly under its heading, which takes focus for a dismissed bar.
    expect(byId("aic-share-heading").nextElementSibling).toBe(shareArea);
    expect(byId("aic-share-heading").getAttribute("tabindex")).toBe("-1");
    expect(byId("aic-analysis-heading").nextElementSibling).toBe(root.querySelector('[data-messages="tools"]'));
    buttonNamed(share, "Freeze for sharing").click();
    await settle();
    // Its progress in the Share section, none in Compare and model.
    expect(share.querySelector('[data-messages="share"] .aic-progress-bar')!.getAttribute("aria-label")).toBe("Freezing…");
    expect(analysis.querySelector(".aic-progress-bar")).toBeNull();
    finish.resolve();
    await settle();
    const freezeBar = messageBar(root, "share")!;
    expect([freezeBar.getAttribute("data-topic"), messageText(root, "share")]).toEqual(["freeze", "There is no AIC formula to freeze here."]);
    expect(share.contains(freezeBar)).toBe(true);
    expect(analysis.contains(freezeBar)).toBe(false);
    expect(messageBar(root, "tools")).toBeNull();
    // A comparison follows: its outcome in Compare and model, the freeze's gone (one outcome per tab).
    buttonNamed(analysis, "Compare brokers").click();
    await settle();
    expect(messageBar(root, "share")).toBeNull();
    expect(freezeBar.isConnected).toBe(false);
    expect(analysis.contains(messageBar(root, "tools"))).toBe(true);
    expect(messageBar(root, "tools")!.getAttribute("data-topic")).toBe("compare");
    // And back: a restore clears the comparison's bar and says its own in Share.
    buttonNamed(share, "Restore formulas").click();
    await settle();
    expect(messageBar(root, "tools")).toBeNull();
    expect([messageBar(root, "share")!.getAttribute("data-topic"), messageText(root, "share")]).toEqual(["restore", "Nothing to restore: nothing here was frozen."]);
    expect(share.contains(messageBar(root, "share"))).toBe(true);
  });

  it("shows a freeze that failed in words", async () => {
    const { host } = excel({ freeze: () => Promise.reject(new Error("1 AIC cell(s) are still calculating (#BUSY!: Sheet1!A1); try again when they show a value")) });
    const { root } = await mount(machine(), host);
    buttonNamed(root, "Freeze for sharing").click();
    await settle();
    expect(messageText(root, "share")).toBe("The freeze failed: the action could not be completed (the details say why).");
    expect(messageBar(root, "share")!.querySelector('[data-focus-key="message:share:retry"]')).not.toBeNull();
    expect(text(messageBar(root, "share")!.querySelector(".aic-details-text"))).toBe(
      "1 AIC cell(s) are still calculating (#BUSY!: Sheet1!A1); try again when they show a value",
    );
  });
});

// ---- conflicts (issue 9): the analyst's values kept, the broker's taken on request ----

describe("refresh conflicts", () => {
  it("lists the cells both changed and takes the broker's value cell by cell; 'all' is offered while more than one is open", async () => {
    // A real refresh against the Excel fake: 浪潮信息's EPS 2022 (D13) and rating (M13) typed over by the analyst,
    // revised by the (test's) broker; the page's host runs the real refresh and take-theirs on that workbook.
    const fake = new FakeExcel();
    await insertHuaxin(fake);
    fake.setCell(fake.sheet(HUAXIN_SHEET), 12, 3, { kind: "number", value: 1.6 });
    fake.setCell(fake.sheet(HUAXIN_SHEET), 12, 12, { kind: "text", value: "持有(我的判断)" });
    const next = huaxinList();
    Object.assign(next.rows.find((r) => r.ticker === "000977.SZ")!, { eps_2022: 1.65, rating: "增持" });
    const taken: string[][] = [];
    const { host } = excel({
      refresh: (target, _fetchList, options) => refreshTables(fake.requestContext, target, async () => next, options),
      takeTheirs: async (conflicts) => {
        taken.push(conflicts.map((c) => c.address));
        return takeTheirs(fake.requestContext, conflicts);
      },
    });
    const { root, app } = await mount(machine(), host);
    const refresh = section(root, "refresh");
    buttonNamed(refresh, "Refresh all").click();
    await settle();
    const list = () => [...refresh.querySelectorAll(".aic-conflict")];
    expect(text(refresh.querySelector(".aic-conflicts h3"))).toBe("2 cells kept your value: the broker changed them too");
    expect(list().map((li) => text(li.querySelector(".aic-conflict-text")))).toEqual([
      "EPS 2022 浪潮信息: broker 1.57 → 1.65, yours 1.60 kept",
      "Rating 浪潮信息: broker 买入 → 增持, yours 持有(我的判断) kept",
    ]);
    expect(refresh.querySelector('[data-focus-key="conflict:all"]')).not.toBeNull();
    buttonNamed(refresh, `Use broker's value for '${HUAXIN_SHEET}'!D13`).click();
    await settle();
    expect(taken).toEqual([[`'${HUAXIN_SHEET}'!D13`]]);
    expect(fake.cell(HUAXIN_SHEET, "D13").value).toBe(1.65);
    expect(text(list()[0]!.querySelector(".aic-conflict-taken"))).toBe("Broker's value used");
    expect(announced(root)).toContain("1 cell now holds the broker's value.");
    app.setLanguage("zh");
    expect(text(list()[1]!.querySelector(".aic-conflict-text"))).toBe("投资评级 浪潮信息：券商 买入 → 增持，保留您的 持有(我的判断)");
    app.setLanguage("en");
    expect(refresh.querySelector('[data-focus-key="conflict:all"]')).toBeNull();
    buttonNamed(refresh, `Use broker's value for '${HUAXIN_SHEET}'!M13`).click();
    await settle();
    expect(fake.cell(HUAXIN_SHEET, "M13").value).toBe("增持");
    expect(list().every((li) => li.querySelector(".aic-conflict-taken") !== null)).toBe(true);
  });
});

describe("refresh conflicts, all at once", () => {
  it("'Use broker's values for all' writes every open conflict in one call", async () => {
    const fake = new FakeExcel();
    await insertHuaxin(fake);
    fake.setCell(fake.sheet(HUAXIN_SHEET), 12, 3, { kind: "number", value: 1.6 });
    fake.setCell(fake.sheet(HUAXIN_SHEET), 12, 12, { kind: "text", value: "持有(我的判断)" });
    const next = huaxinList();
    Object.assign(next.rows.find((r) => r.ticker === "000977.SZ")!, { eps_2022: 1.65, rating: "增持" });
    const calls: number[] = [];
    const { host } = excel({
      refresh: (target, _fetchList, options) => refreshTables(fake.requestContext, target, async () => next, options),
      takeTheirs: async (conflicts) => {
        calls.push(conflicts.length);
        return takeTheirs(fake.requestContext, conflicts);
      },
    });
    const { root } = await mount(machine(), host);
    const refresh = section(root, "refresh");
    buttonNamed(refresh, "Refresh all").click();
    await settle();
    const all = buttonNamed(refresh, "Use broker's values for all");
    all.focus();
    all.click();
    // It replaces the analyst's values: confirmed first, Cancel focused; Cancel writes nothing and returns focus.
    let dialog = dialogNamed(root, "refresh-take-all")!;
    expect(text(dialog.querySelector(".aic-dialog-text"))).toBe("Your values in 2 cells are replaced by the broker's.");
    expect(document.activeElement).toBe(buttonNamed(dialog, "Cancel"));
    buttonNamed(dialog, "Cancel").click();
    await settle();
    expect([calls, document.activeElement]).toEqual([[], all]);
    all.click();
    dialog = dialogNamed(root, "refresh-take-all")!;
    buttonNamed(dialog, "Use broker's values for all").click();
    await settle();
    expect(calls).toEqual([2]);
    expect([fake.cell(HUAXIN_SHEET, "D13").value, fake.cell(HUAXIN_SHEET, "M13").value]).toEqual([1.65, "增持"]);
    expect(announced(root)).toContain("2 cells now hold the broker's value.");
  });
});
