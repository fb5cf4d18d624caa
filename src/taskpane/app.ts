/**
 * The taskpane shell: a header (title, language switch, help link, where the page runs), the tabs
 * Catalog · Import · Refresh · Tools · Feeds (fluent-tablist), and one panel per tab holding that tab's
 * view (src/taskpane/tabs/<tab>/view.ts). The shell only routes: which tab shows, each tab's scroll
 * position, the language, the host, and the services every tab shares (the PaneKit: words, buttons,
 * the workbook lock, the insert, message areas). Each tab renders itself from its own state, with its
 * own message bar (message-bar.ts): no global status footer.
 *
 * Every outside effect (loading the catalog, fetching feeds, parsing, validating, writing to Excel,
 * reloading the page) is passed in, so it runs the same in Excel, in a plain browser (no Excel
 * functions) and under jsdom in the tests. The Fluent elements are defined by fluent.ts, which only
 * the page's entry imports: under jsdom they stay plain elements and the shell still routes (it
 * listens to clicks and keys on the tabs itself).
 *
 * One workbook action at a time: inserting, refreshing, comparing, inserting the compute sheet,
 * freezing and restoring go through run(); while one runs, their buttons are aria-disabled (focus stays
 * on them) and ignore clicks. Feeds (adding, fetching) and parsing never take that lock. A button whose
 * host cannot do it (outside Excel, an Excel without the refresh API) is disabled, described by the
 * sentence that says why.
 *
 * Adding UI to a tab: docs/taskpane.md.
 */
import type { RefreshTarget } from "../excel/refresh";
import { listFetcherFor } from "../excel/refresh";
import type { ListOrigin } from "../picks/sources";
import type { CatalogIndex, PickList } from "../picks/types";
import { fluentButton, setDisabled } from "./controls";
import { readFeedOrigins } from "./csp";
import { fl, h, replaceContent, setAttrs } from "./dom";
import { htmlLang, LANGS, STRINGS, t, type Lang, type StringKey } from "./i18n";
import { createMessageArea, type MessageArea } from "./message-bar";
import { errorDetails, errorSentence, errorText, insertProgressText, type Msg } from "./messages";
import type { ActionButtonOptions, ActionNeed, HostState, PaneKit } from "./pane";
import { listTitle } from "./preview/model";
import { cssEscape } from "./preview/view";
import { createCatalogTab } from "./tabs/catalog/view";
import { parseFeedFormValues, type FeedFormValues } from "./tabs/feeds/model";
import { createFeedsPane, pendingFeedOrigins, type FeedDeps } from "./tabs/feeds/view";
import type { ImportFunctions } from "./tabs/import/model";
import { createImportTab } from "./tabs/import/view";
import { namesFromLists } from "../picks/importer/names";
import { pickStore } from "../picks/lookup";
import { loadWorkbookLists } from "../excel/workbookLists";
import { createRefreshPane } from "./tabs/refresh/view";
import { listsToCompare } from "./tabs/tools/model";
import { createToolsPane } from "./tabs/tools/view";
import { sentence } from "./ui";
import type { ImportClient } from "./worker/client";

export type { ExcelHost, HostState, InsertCallOptions, InsertFunction } from "./pane";
export type { FeedDeps } from "./tabs/feeds/view";

/** A loaded catalog: the index to list, and each list by id (fetched and validated on demand or up front). */
export interface CatalogData {
  index: CatalogIndex;
  /** Lists (or index entries) the loader left out, in words. */
  problems: string[];
  getList(id: string): Promise<PickList>;
}

export type CatalogLoader = () => Promise<CatalogData>;

/** A place for a few strings that survives a reload of the page (sessionStorage). */
export interface SessionStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The page itself: reloading it (a new feed origin takes a reload, see csp.ts) and keeping state across that. */
export interface PageDeps {
  reload(): void;
  session: SessionStore | null;
}

export interface TaskpaneDeps extends ImportFunctions {
  loadCatalog: CatalogLoader;
  language: Lang;
  host?: HostState;
  /** Feeds: the fetch and store sources.ts works with, and where allowed origins are saved. */
  feeds?: FeedDeps;
  page?: PageDeps;
  /** The help page's address (default help.html next to the page); ?lang= is added. */
  helpUrl?: string;
  /** The import worker for long pastes (worker/spawn.ts in the page); absent: parsed on the page. */
  importClient?: ImportClient | null;
}

/** The tabs, in order. */
export const TAB_IDS = ["catalog", "import", "refresh", "tools", "feeds"] as const;
export type TabId = (typeof TAB_IDS)[number];

const TAB_LABEL: Record<TabId, StringKey> = {
  catalog: "tabCatalog",
  import: "tabImport",
  refresh: "tabRefresh",
  tools: "tabTools",
  feeds: "tabFeeds",
};

export interface TaskpaneApp {
  /** Settles when the first catalog load has finished (loaded or failed). */
  readonly catalogLoaded: Promise<void>;
  /** Settles when the saved feeds have been fetched (or failed). */
  readonly feedsLoaded: Promise<void>;
  setHost(host: HostState): void;
  /** A person's choice (the switch): sticks. */
  setLanguage(lang: Lang): void;
  /** Office's display language, known once Office is ready: applied unless a person already chose. */
  setDetectedLanguage(lang: Lang): void;
  language(): Lang;
  /** Shows a tab (as a click on it would). */
  selectTab(id: TabId): void;
  activeTab(): TabId;
}

/** sessionStorage key of what the page keeps across a reload it makes itself. */
export const PENDING_STATE_KEY = "aic.pendingAfterReload";

/** What survives a reload the page makes to allow a feed origin, and what to do right after it. */
interface PendingState {
  lang?: Lang;
  tab?: TabId;
  noteText?: string;
  feedForm?: FeedFormValues;
  resume?: { kind: "addFeed"; origin: string } | { kind: "refresh"; target: RefreshTarget; origins: string[] };
}

const IDS = { hostStatus: "aic-host-status", main: "aic-main" } as const;

function isRefreshTarget(value: unknown): value is RefreshTarget {
  if (value === "all" || value === "selection" || value === "activeSheet") return true;
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.sheetId === "string" || typeof v.tableId === "string";
}

/** Reads (and removes) the state saved before a reload; anything malformed is ignored. */
function takePendingState(session: SessionStore | null | undefined): PendingState | null {
  if (!session) return null;
  let raw: string | null;
  try {
    raw = session.getItem(PENDING_STATE_KEY);
    session.removeItem(PENDING_STATE_KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof doc !== "object" || doc === null) return null;
  const v = doc as Record<string, unknown>;
  const out: PendingState = {};
  if (v.lang === "zh" || v.lang === "en") out.lang = v.lang;
  if (typeof v.tab === "string" && (TAB_IDS as readonly string[]).includes(v.tab)) out.tab = v.tab as TabId;
  if (typeof v.noteText === "string") out.noteText = v.noteText;
  const form = parseFeedFormValues(v.feedForm);
  if (form) out.feedForm = form;
  const r = v.resume as Record<string, unknown> | undefined;
  if (r && r.kind === "addFeed" && typeof r.origin === "string") out.resume = { kind: "addFeed", origin: r.origin };
  if (r && r.kind === "refresh" && isRefreshTarget(r.target) && Array.isArray(r.origins) && r.origins.every((o) => typeof o === "string"))
    out.resume = { kind: "refresh", target: r.target, origins: r.origins as string[] };
  return out;
}

export function mountTaskpane(root: HTMLElement, deps: TaskpaneDeps): TaskpaneApp {
  let lang: Lang = deps.language;
  let host: HostState = deps.host ?? { kind: "checking" };
  let active: TabId = "catalog";
  /** Each tab's scroll position, kept while another tab shows. */
  const scrollOf: Record<TabId, number> = { catalog: 0, import: 0, refresh: 0, tools: 0, feeds: 0 };
  /** Set once a person uses the language switch; Office's display language no longer overrides it. */
  let languageChosen = false;
  const tr = (key: StringKey, params?: Parameters<typeof t>[2]) => t(lang, key, params);
  const doc = root.ownerDocument;

  // ---- header ----
  const title = h("h1", { className: "aic-title" });
  const langButtons = LANGS.map((l) =>
    fluentButton([STRINGS[l].languageName], {
      size: "small",
      appearance: "subtle",
      className: "aic-lang-button",
      focusKey: `lang:${l}`,
      // Each language's name in that language (中文 / English), whichever is showing: translate="no".
      attrs: { lang: htmlLang(l), translate: "no", "data-lang": l },
      onClick: () => {
        languageChosen = true;
        setLanguage(l);
      },
    }),
  );
  const langGroup = h("div", { className: "aic-lang-switch", attrs: { role: "group" } }, langButtons);
  const helpLink = h("a", { className: "aic-help-link", attrs: { target: "_blank", rel: "noopener", "data-focus-key": "help" } });
  const hostStatus = h("p", { className: "aic-host-status", attrs: { id: IDS.hostStatus, role: "status" } });

  // ---- tabs ----
  const tabs = TAB_IDS.map((id) =>
    // role as an attribute too (Fluent sets it through ElementInternals, which axe-core and jsdom do not read).
    fl("fluent-tab", { attrs: { id: `aic-tab-${id}`, role: "tab", "aria-controls": `aic-panel-${id}`, "data-tab": id, slot: "tab" } }),
  );
  const tablist = fl("fluent-tablist", { className: "aic-tablist", attrs: { role: "tablist", activeid: `aic-tab-${active}`, size: "small" } }, tabs);
  const panels = Object.fromEntries(
    TAB_IDS.map((id) => [id, h("div", { className: `aic-panel aic-panel-${id}`, attrs: { id: `aic-panel-${id}`, role: "tabpanel", "aria-labelledby": `aic-tab-${id}`, "data-panel": id } })]),
  ) as unknown as Record<TabId, HTMLElement>;
  const main = h("main", { className: "aic-main", attrs: { id: IDS.main } }, TAB_IDS.map((id) => panels[id]));
  const scroller = () => main;

  /**
   * Short announcements for screen readers (what Parse found, a message shown). The message bars
   * themselves are not live: a language switch rebuilds them and must not read the whole page out.
   */
  const announcer = h("div", { className: "aic-visually-hidden", attrs: { role: "status", "data-announcer": "" } });
  function announce(text: string) {
    announcer.textContent = text;
  }

  // ---- the workbook lock and action buttons ----
  let busy = false;

  async function run(action: () => Promise<void>): Promise<boolean> {
    if (busy) return false;
    busy = true;
    updateActionButtons();
    try {
      await action();
    } catch (err) {
      // Each action reports its own failures; this only keeps an unexpected one off the console.
      announce(errorText(err, lang));
    } finally {
      busy = false;
      updateActionButtons();
    }
    return true;
  }

  function available(need: ActionNeed, fn?: ActionButtonOptions["fn"]): boolean {
    if (need === null) return true;
    if (host.kind !== "excel") return false;
    if (fn !== undefined && typeof host[fn] !== "function") return false;
    return need === "refresh" ? typeof host.refresh === "function" && host.refreshSupported !== false : true;
  }

  function actionButton(text: string, o: ActionButtonOptions): HTMLElement {
    const workbook = o.workbook ?? o.needs !== null;
    const el = fluentButton(text, {
      appearance: o.primary ? "primary" : undefined,
      size: o.small ? "small" : undefined,
      type: o.type,
      label: o.label,
      focusKey: o.focusKey,
      className: "aic-action-button",
      attrs: {
        "data-needs": o.needs ?? "",
        "data-fn": o.fn ?? null,
        "data-reason-id": o.reasonId ?? null,
        "data-workbook": workbook ? "" : null,
      },
      onClick: (event) => {
        if ((workbook && busy) || !available(o.needs, o.fn)) {
          event.preventDefault(); // also keeps a submit button from submitting its form
          event.stopImmediatePropagation();
          return;
        }
        o.onClick();
      },
    });
    applyActionState(el);
    return el;
  }

  function applyActionState(el: HTMLElement) {
    const needs = (el.getAttribute("data-needs") || null) as ActionNeed;
    const fn = (el.getAttribute("data-fn") ?? undefined) as ActionButtonOptions["fn"];
    const ok = available(needs, fn);
    setDisabled(el, !ok);
    setAttrs(el, {
      "aria-disabled": ok && busy && el.hasAttribute("data-workbook") ? "true" : null,
      "aria-describedby": ok ? null : (el.getAttribute("data-reason-id") ?? IDS.hostStatus),
    });
  }

  function updateActionButtons() {
    root.querySelectorAll<HTMLElement>(".aic-action-button").forEach(applyActionState);
  }

  /** Run `render` and put focus back on the element with the same data-focus-key, if it had focus. */
  function keepingFocus(render: () => void) {
    const before = doc.activeElement;
    const key = before instanceof HTMLElement && root.contains(before) ? before.getAttribute("data-focus-key") : null;
    render();
    if (!key) return;
    const now = doc.activeElement;
    if (now instanceof HTMLElement && root.contains(now) && now.getAttribute("data-focus-key") === key) return;
    root.querySelector<HTMLElement>(`[data-focus-key="${cssEscape(key)}"]`)?.focus();
  }

  /**
   * AIC.PICK/PICKS/STOCK see the lists this workbook holds (src/excel/workbookLists.ts): read when Excel
   * answers and again after every insert and refresh, so a refreshed list replaces its old copy. A read
   * that fails is logged, not shown: the functions still answer from the catalog and the feeds.
   */
  function reloadWorkbookLists(): void {
    if (host.kind === "excel" && host.workbookLists) void loadWorkbookLists(pickStore(), host.workbookLists);
  }

  /** The one path into Excel: re-validates the list, then inserts it, progress and outcome in `messages`. */
  async function insertList(list: PickList, source: ListOrigin, messages: MessageArea) {
    if (host.kind !== "excel") return;
    await run(async () => {
      if (host.kind !== "excel") return;
      const excel = host;
      messages.clear();
      const titleOf = () => listTitle(list.title, lang);
      const checked = deps.validatePickList(list);
      if (!checked.ok) {
        messages.show({
          intent: "error",
          topic: "insert",
          body: () => [tr("insertFailed", { reason: tr("listInvalid", { title: titleOf() }) })],
          details: () => checked.errors,
        });
        return;
      }
      let done = 0;
      let total = list.rows.length;
      const showProgress = () =>
        messages.progress({ label: tr("insertStarted", { title: titleOf() }), value: done, max: total, detail: insertProgressText(done, total, lang) });
      showProgress();
      announce(tr("insertStarted", { title: titleOf() }));
      try {
        const result = await excel.insert(checked.list, {
          language: lang,
          source,
          onProgress: (d, t) => {
            done = d;
            total = t;
            showProgress();
          },
        });
        messages.progress(null);
        reloadWorkbookLists();
        messages.show({
          intent: "success",
          topic: "insert",
          body: () =>
            sentence(lang, "insertDoneTitle", {
              title: titleOf(),
              rows: result.rowCount,
              sheet: result.sheetName,
              // "'Huaxin 2024-02-18'!A1:J18" → "A1:J18": the sheet is already named in the sentence.
              address: result.tableAddress.replace(/^.*!/, ""),
            }, ["title", "sheet"]),
        });
      } catch (error) {
        messages.progress(null);
        messages.show({
          intent: "error",
          topic: "insert",
          body: () => [tr("insertFailed", { reason: errorSentence(error, lang) })],
          details: () => [errorDetails(error) ?? ""].filter(Boolean),
          retry: () => void insertList(list, source, messages),
        });
      }
    });
  }

  const kit: PaneKit = {
    lang: () => lang,
    tr,
    msg: (m: Msg) => sentence(lang, m.key, m.params ?? {}, m.data ?? []),
    host: () => host,
    busy: () => busy,
    run,
    announce,
    keepingFocus,
    actionButton,
    available,
    insertList,
    messageArea: (name, focusAfterDismiss) => createMessageArea({ lang: () => lang, tr, announce, focusAfterDismiss }, name),
  };

  // ---- the tabs' views ----
  const pending = takePendingState(deps.page?.session);
  // The origins the page's policy allows: saved ones, and those pending for this load only (csp.ts).
  const pendingOrigins = pendingFeedOrigins(deps.feeds);
  const allowedOrigins = [...new Set([...readFeedOrigins(deps.feeds?.origins ?? null), ...pendingOrigins])];
  const fetchList = deps.feeds ? listFetcherFor(deps.feeds.env) : null;

  function reloadWith(resume: PendingState["resume"]) {
    const saved: PendingState = { noteText: importTab.noteText(), feedForm: feedsTab.formValues(), resume, tab: active };
    if (languageChosen) saved.lang = lang;
    try {
      deps.page?.session?.setItem(PENDING_STATE_KEY, JSON.stringify(saved));
    } catch {
      // Storage blocked: the reload still allows the origin; what was typed is lost.
    }
    if (deps.page) deps.page.reload();
    else doc.defaultView?.location.reload();
  }

  const catalogTab = createCatalogTab(kit, { loadCatalog: deps.loadCatalog, scroller, onListsChanged: () => toolsTab.refreshState() });
  const importTab = createImportTab(kit, {
    parseReport: deps.parseReport,
    validatePickList: deps.validatePickList,
    importClient: deps.importClient,
    scroller,
    // Names the add-in knows beyond a note: the workbook's tables (read before each parse, in Excel), then
    // the team's feeds, then the bundled catalog.
    workbookNames: () => (host.kind === "excel" && host.workbookNames ? host.workbookNames() : null),
    knownNames: () => [
      { from: "feeds", entries: namesFromLists(feedsTab.lists()) },
      { from: "catalog", entries: namesFromLists(catalogTab.lists() ?? []) },
    ],
    // AIC.PICK/PICKS/STOCK see a note's lists as soon as it is read (the shared runtime's one store); a
    // note read again replaces its lists, keyed by list id.
    onListsRead: (lists) => {
      for (const list of lists) pickStore().setListsFrom(`import:${list.id}`, [list]);
    },
  });
  const feedsTab = createFeedsPane(kit, deps.feeds, {
    onListsChanged: () => {
      toolsTab.refreshState();
      // Every feed's lists (last good copies included) reach AIC.PICK/PICKS/STOCK, which update live.
      pickStore().setListsFrom("feed:all", feedsTab.lists());
    },
    reloadToAdd: (origin) => reloadWith({ kind: "addFeed", origin }),
    scroller,
  });
  const refreshTab = createRefreshPane(kit, {
    fetcher: () => ({
      // Without feed storage the catalog's tables still refresh; a feed's table then fails in words.
      fetchList: fetchList ?? (async () => ({ ok: false, error: "feeds are not available in this browser" })),
      allowed: allowedOrigins,
      pending: pendingOrigins,
    }),
    origins: deps.feeds?.origins ?? null,
    reloadToRefresh: (target, origins) => reloadWith({ kind: "refresh", target, origins }),
    onRefreshed: reloadWorkbookLists,
    listTitle: (listId) => {
      const list = [...feedsTab.lists(), ...(catalogTab.lists() ?? []), ...importTab.lists()].find((l) => l.id === listId);
      return list ? listTitle(list.title, lang) : null;
    },
  });
  const toolsTab = createToolsPane(kit, {
    lists: () => {
      const catalogLists = catalogTab.lists();
      return catalogLists === null ? null : listsToCompare(catalogLists, feedsTab.lists());
    },
  });

  replaceContent(panels.catalog, [catalogTab.section]);
  replaceContent(panels.import, [importTab.section]);
  replaceContent(panels.refresh, [refreshTab.section]);
  replaceContent(panels.tools, [toolsTab.analysisSection, toolsTab.shareSection]);
  replaceContent(panels.feeds, [feedsTab.section]);

  replaceContent(root, [
    h("header", { className: "aic-header" }, [
      h("div", { className: "aic-title-row" }, [title, h("div", { className: "aic-header-tools" }, [helpLink, langGroup])]),
      hostStatus,
      h("nav", { className: "aic-tabs" }, [tablist]),
    ]),
    main,
    announcer,
  ]);

  // ---- routing ----
  // Each tab's scroll position, recorded as it scrolls while it shows. (Not read when leaving it: Fluent's
  // tablist may already have hidden its panel by then, and the browser reset the scroll.)
  main.addEventListener("scroll", () => {
    if (!panels[active].hidden) scrollOf[active] = main.scrollTop;
  });

  function selectTab(id: TabId, focusTab = false) {
    active = id;
    for (const tabId of TAB_IDS) {
      const selected = tabId === id;
      panels[tabId].hidden = !selected;
      tabs[TAB_IDS.indexOf(tabId)]!.setAttribute("aria-selected", String(selected));
    }
    if (tablist.getAttribute("activeid") !== `aic-tab-${id}`) tablist.setAttribute("activeid", `aic-tab-${id}`);
    main.scrollTop = scrollOf[id];
    if (focusTab) tabs[TAB_IDS.indexOf(id)]!.focus();
  }

  // Fluent's tablist emits "change" (click, focus, arrow keys); the click and key handlers below do the
  // same where the element is not defined (jsdom) and are harmless where it is.
  tablist.addEventListener("change", () => {
    const id = tablist.getAttribute("activeid")?.replace(/^aic-tab-/, "");
    if (id && (TAB_IDS as readonly string[]).includes(id)) selectTab(id as TabId);
  });
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => selectTab(TAB_IDS[i]!));
  });
  if (!customElements.get("fluent-tablist"))
    tablist.addEventListener("keydown", (event) => {
      const i = tabs.indexOf(event.target as HTMLElement);
      if (i < 0) return;
      const next = event.key === "ArrowRight" ? i + 1 : event.key === "ArrowLeft" ? i - 1 : event.key === "Home" ? 0 : event.key === "End" ? tabs.length - 1 : null;
      if (next === null) return;
      event.preventDefault();
      selectTab(TAB_IDS[(next + tabs.length) % tabs.length]!, true);
    });

  // ---- rendering ----
  function renderStatic() {
    doc.documentElement.lang = htmlLang(lang);
    doc.title = tr("appTitle");
    title.textContent = tr("appTitle");
    langGroup.setAttribute("aria-label", tr("languageGroup"));
    for (const b of langButtons) b.setAttribute("aria-pressed", String(b.getAttribute("data-lang") === lang));
    helpLink.textContent = tr("helpLink");
    helpLink.setAttribute("aria-label", tr("helpLinkLabel"));
    const helpBase = deps.helpUrl ?? new URL("help.html", doc.baseURI).href;
    const helpUrl = new URL(helpBase, doc.baseURI);
    helpUrl.searchParams.set("lang", lang);
    helpLink.setAttribute("href", helpUrl.href);
    tablist.setAttribute("aria-label", tr("tabsLabel"));
    TAB_IDS.forEach((id, i) => (tabs[i]!.textContent = tr(TAB_LABEL[id])));
  }

  function renderHost() {
    const kind = host.kind;
    hostStatus.className = `aic-host-status aic-host-${kind}`;
    hostStatus.textContent =
      kind === "outside" ? `${tr("hostOutside")} ${tr("insertNeedsExcel")}` : kind === "checking" ? tr("hostChecking") : "";
    hostStatus.hidden = kind === "excel";
  }

  function renderAll() {
    keepingFocus(() => {
      renderStatic();
      renderHost();
      catalogTab.render();
      importTab.render();
      refreshTab.render();
      toolsTab.render();
      feedsTab.render();
    });
  }

  function setLanguage(next: Lang) {
    if (next === lang) return;
    lang = next;
    // The last announcement was in the other language and has been heard: drop it, do not re-announce.
    announce("");
    renderAll();
  }

  function setHost(next: HostState) {
    host = next;
    reloadWorkbookLists();
    renderHost();
    refreshTab.hostChanged();
    toolsTab.refreshState();
    updateActionButtons();
    resumeRefreshIfReady();
  }

  /** Runs the refresh the page reloaded for, once the host is Excel (it may answer after the reload). */
  let pendingRefresh = pending?.resume?.kind === "refresh" ? pending.resume : null;
  function resumeRefreshIfReady() {
    if (!pendingRefresh || host.kind !== "excel") return;
    const { target, origins } = pendingRefresh;
    pendingRefresh = null;
    void refreshTab.resume(target, origins);
  }

  // ---- start ----
  if (pending?.lang) {
    lang = pending.lang;
    languageChosen = true;
  }
  if (pending?.noteText) importTab.setNoteText(pending.noteText);
  if (pending?.feedForm) feedsTab.setFormValues(pending.feedForm);
  renderAll();
  selectTab(pending?.tab ?? (pending?.resume?.kind === "addFeed" ? "feeds" : pending?.resume?.kind === "refresh" ? "refresh" : "catalog"));
  if (pending?.resume?.kind === "addFeed") void feedsTab.resumeAdd(pending.resume.origin);
  resumeRefreshIfReady();

  return {
    catalogLoaded: catalogTab.loaded,
    feedsLoaded: feedsTab.loaded,
    setHost,
    setLanguage: (l) => {
      languageChosen = true;
      setLanguage(l);
    },
    setDetectedLanguage: (l) => {
      if (!languageChosen) setLanguage(l);
    },
    language: () => lang,
    selectTab: (id) => selectTab(id),
    activeTab: () => active,
  };
}
