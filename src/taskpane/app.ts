/**
 * The taskpane's DOM layer: catalog browser, feeds, note importer, preview and insert, and the workbook
 * tools (refresh, compare and model, share). It holds the UI state and renders it with the view models
 * (catalog-model, import-model, preview-model, feeds-model, refresh-model, tools-model, messages);
 * every outside effect (loading the catalog, fetching feeds, parsing, validating, writing to Excel,
 * reloading the page) is passed in, so it runs the same in Excel, in a plain browser (no Excel
 * functions) and under jsdom in the tests.
 *
 * Rendering: the page skeleton (header, sections, text boxes, the feed form) is built once; each region
 * is rebuilt from state when it changes, and all of them when the language changes. Buttons carry
 * data-focus-key so focus survives a rebuild. Text from the data (stock names, report titles, captions,
 * URLs, src/picks' and src/excel's English reasons) is rendered with ui.ts's dataText, marked
 * translate="no": the language switch changes everything else.
 *
 * One action at a time: inserting, adding or fetching a feed, refreshing, comparing, inserting the
 * compute sheet, freezing and restoring all go through run(); while one runs, every action button is
 * aria-disabled (focus stays on it) and ignores clicks. A button whose host cannot do it (outside
 * Excel, an Excel without the refresh API) is disabled, described by the sentence that says why.
 *
 * Adding a pane: build it with the PaneKit (pane.ts) as feeds-pane, refresh-pane and tools-pane do, add
 * its section to <main>, and call its render from renderAll.
 */
import type { RefreshTarget } from "../excel/refresh";
import { listFetcherFor } from "../excel/refresh";
import type { ListOrigin } from "../picks/sources";
import type { CatalogIndex, LocalizedText, PickList } from "../picks/types";
import { buildCatalogTree } from "./catalog-model";
import { readFeedOrigins } from "./csp";
import { h, replaceContent, setAttrs, type Child } from "./dom";
import { createFeedsPane, type FeedDeps } from "./feeds-pane";
import { parseFeedFormValues, type FeedFormValues, type Msg } from "./feeds-model";
import { htmlLang, LANGS, STRINGS, t, type Lang } from "./i18n";
import { interpretPastedText, summarisePaste, type ImportFunctions, type PasteOutcome } from "./import-model";
import { errorText, insertDoneText, insertProgressText, type InsertOutcome } from "./messages";
import type { ActionButtonOptions, ActionNeed, HostState, PaneKit, PreviewOrigin } from "./pane";
import { buildPreviewTable, listTitle } from "./preview-model";
import { createRefreshPane } from "./refresh-pane";
import { createToolsPane } from "./tools-pane";
import { listsToCompare } from "./tools-model";
import { dataText, markData, progressBar, section, sentence } from "./ui";

export type { ExcelHost, HostState, InsertCallOptions, InsertFunction } from "./pane";
export type { FeedDeps } from "./feeds-pane";

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
}

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
}

/** sessionStorage key of what the page keeps across a reload it makes itself. */
export const PENDING_STATE_KEY = "aic.pendingAfterReload";

/** What survives a reload the page makes to allow a feed origin, and what to do right after it. */
interface PendingState {
  lang?: Lang;
  noteText?: string;
  feedForm?: FeedFormValues;
  resume?: { kind: "addFeed"; origin: string } | { kind: "refresh"; target: RefreshTarget; origins: string[] };
}

type CatalogState =
  | { status: "loading" }
  | { status: "failed"; error: unknown }
  | { status: "ready"; data: CatalogData };

type PreviewState =
  | { status: "none" }
  | { status: "loading"; title: LocalizedText }
  | { status: "failed"; title: LocalizedText; error: unknown }
  | { status: "ready"; list: PickList; origin: PreviewOrigin; source: ListOrigin };

type InsertState =
  | { status: "idle" }
  | { status: "running"; title: LocalizedText; done: number; total: number }
  | { status: "done"; result: InsertOutcome }
  | { status: "failed"; title: LocalizedText; error: unknown }
  | { status: "invalid"; title: LocalizedText; errors: string[] };

interface State {
  lang: Lang;
  host: HostState;
  catalog: CatalogState;
  paste: PasteOutcome | null;
  preview: PreviewState;
  insert: InsertState;
  /** Every list of the loaded catalog, for the comparison; null until the catalog has loaded. */
  catalogLists: PickList[] | null;
}

/** Ids of the skeleton's elements (the page holds one taskpane). */
const IDS = {
  hostStatus: "aic-host-status",
  catalogHeading: "aic-catalog-heading",
  importHeading: "aic-import-heading",
  previewHeading: "aic-preview-heading",
  noteText: "aic-note-text",
  importIntro: "aic-import-intro",
  insertNote: "aic-insert-note",
} as const;

function originKey(origin: PreviewOrigin): string {
  if (origin.from === "catalog") return `catalog:${origin.id}`;
  if (origin.from === "import") return `import:${origin.index}`;
  return `feed:${origin.feedId}:${origin.listId}`;
}

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
  const state: State = {
    lang: deps.language,
    host: deps.host ?? { kind: "checking" },
    catalog: { status: "loading" },
    paste: null,
    preview: { status: "none" },
    insert: { status: "idle" },
    catalogLists: null,
  };
  /** Set once a person uses the language switch; Office's display language no longer overrides it. */
  let languageChosen = false;
  /** Bumped on each preview request, so a slow earlier load cannot replace a later one. */
  let previewRequest = 0;
  const tr = (key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => t(state.lang, key, params);

  // ---- skeleton (built once; its text is set by renderStatic) ----
  const title = h("h1", { className: "aic-title" });
  const tagline = h("p", { className: "aic-tagline" });
  const langButtons = LANGS.map((lang) =>
    h("button", {
      className: "aic-lang-button",
      // Each language's name in that language (中文 / English), whichever is showing: translate="no".
      attrs: { type: "button", lang: htmlLang(lang), translate: "no", "data-lang": lang, "data-focus-key": `lang:${lang}` },
      onClick: () => {
        languageChosen = true;
        setLanguage(lang);
      },
    }, [STRINGS[lang].languageName]),
  );
  const langGroup = h("div", { className: "aic-lang-switch", attrs: { role: "group" } }, langButtons);
  const hostStatus = h("p", { className: "aic-host-status", attrs: { id: IDS.hostStatus, role: "status" } });

  const catalogHeading = h("h2");
  const catalogIntro = h("p", { className: "aic-intro" });
  const catalogBody = h("div", { className: "aic-catalog-body" });

  const importHeading = h("h2");
  const importIntro = h("p", { className: "aic-intro", attrs: { id: IDS.importIntro } });
  const noteLabel = h("label", { className: "aic-label", attrs: { for: IDS.noteText } });
  const noteText = h("textarea", {
    className: "aic-textarea",
    attrs: { id: IDS.noteText, rows: 6, spellcheck: "false", "aria-describedby": IDS.importIntro },
  });
  const parseButton = h("button", {
    className: "aic-button aic-button-primary",
    attrs: { type: "button", "data-focus-key": "parse" },
    onClick: () => parsePasted(),
  });
  const importBody = h("div", { className: "aic-import-body" });

  // Focus moves here when a preview opens (tabindex -1: focusable by script, not in the tab order).
  const previewHeading = h("h2", { attrs: { tabindex: -1 } });
  const previewBody = h("div", { className: "aic-preview-body" });

  const statusLive = h("div", { className: "aic-status-message", attrs: { role: "status" } });
  const alertLive = h("div", { className: "aic-status-error", attrs: { role: "alert" } });
  const progressArea = h("div", { className: "aic-progress" });
  /**
   * Short announcements for screen readers (what Parse found, a catalog that failed). The regions
   * themselves are not live: a language switch rebuilds them and must not read the whole page out.
   */
  const announcer = h("div", { className: "aic-visually-hidden", attrs: { role: "status", "data-announcer": "" } });

  function announce(text: string) {
    announcer.textContent = text;
  }

  // ---- helpers ----
  const insertAvailable = () => state.host.kind === "excel";
  /** True while an action runs (run()): an insert, a feed being added or fetched, a refresh, a tool. */
  let busy = false;
  const insertBusy = () => busy;

  /** Runs `action` as the one running action, every action button marked busy until it settles. */
  async function run(action: () => Promise<void>): Promise<boolean> {
    if (busy) return false;
    busy = true;
    updateActionButtons();
    try {
      await action();
    } catch (err) {
      // Each action reports its own failures; this only keeps an unexpected one off the console.
      announce(errorText(err, state.lang));
    } finally {
      busy = false;
      updateActionButtons();
    }
    return true;
  }

  function available(need: ActionNeed, fn?: ActionButtonOptions["fn"]): boolean {
    if (need === null) return true;
    const host = state.host;
    if (host.kind !== "excel") return false;
    if (fn !== undefined && typeof host[fn] !== "function") return false;
    return need === "refresh" ? typeof host.refresh === "function" && host.refreshSupported !== false : true;
  }

  /** A workbook or feed action's button (see PaneKit.actionButton). */
  function actionButton(text: string, o: ActionButtonOptions): HTMLButtonElement {
    const size = o.primary ? "aic-button aic-button-primary" : o.small ? "aic-button aic-button-small" : "aic-button";
    const el = h("button", {
      className: `${size} aic-action-button`,
      attrs: {
        type: o.type ?? "button",
        "aria-label": o.label ?? null,
        "data-focus-key": o.focusKey,
        "data-needs": o.needs ?? "",
        "data-fn": o.fn ?? null,
        "data-reason-id": o.reasonId ?? null,
      },
      onClick: (event) => {
        if (busy || !available(o.needs, o.fn)) {
          event.preventDefault(); // also keeps a submit button from submitting its form
          return;
        }
        o.onClick();
      },
    }, [text]);
    applyActionState(el);
    return el;
  }

  function applyActionState(el: HTMLButtonElement) {
    const needs = (el.getAttribute("data-needs") || null) as ActionNeed;
    const fn = (el.getAttribute("data-fn") ?? undefined) as ActionButtonOptions["fn"];
    const ok = available(needs, fn);
    el.disabled = !ok;
    setAttrs(el, {
      "aria-disabled": ok && busy ? "true" : null,
      "aria-describedby": ok ? null : (el.getAttribute("data-reason-id") ?? IDS.hostStatus),
    });
  }

  function updateActionButtons() {
    root.querySelectorAll<HTMLButtonElement>("button.aic-insert-button").forEach(applyInsertButtonState);
    root.querySelectorAll<HTMLButtonElement>("button.aic-action-button").forEach(applyActionState);
  }

  function msg(m: Msg): Child[] {
    return sentence(state.lang, m.key, m.params ?? {}, m.data ?? []);
  }

  const kit: PaneKit = {
    lang: () => state.lang,
    tr,
    msg,
    host: () => state.host,
    busy: insertBusy,
    run,
    announce,
    keepingFocus,
    actionButton,
    available,
    listActions: (list, titleText, origin, source) =>
      h("div", { className: "aic-list-actions" }, [
        button(tr("previewButton"), {
          label: tr("previewButtonLabel", { title: titleText }),
          focusKey: `preview:${originKey(origin)}`,
          onClick: () => showPreview(list, origin, source),
        }),
        insertButton(titleText, `insert:${originKey(origin)}`, () => void insertList(list, source)),
      ]),
  };

  // ---- the panes built outside this file ----
  const pending = takePendingState(deps.page?.session);
  const allowedOrigins = readFeedOrigins(deps.feeds?.origins ?? null);
  const fetchList = deps.feeds ? listFetcherFor(deps.feeds.env) : null;

  function reloadWith(resume: PendingState["resume"]) {
    const saved: PendingState = { noteText: noteText.value, feedForm: feedsPane.formValues(), resume };
    if (languageChosen) saved.lang = state.lang;
    try {
      deps.page?.session?.setItem(PENDING_STATE_KEY, JSON.stringify(saved));
    } catch {
      // Storage blocked: the reload still allows the origin; what was typed is lost.
    }
    if (deps.page) deps.page.reload();
    else root.ownerDocument.defaultView?.location.reload();
  }

  const feedsPane = createFeedsPane(kit, deps.feeds, {
    onListsChanged: () => toolsPane.refreshState(),
    reloadToAdd: (origin) => reloadWith({ kind: "addFeed", origin }),
  });
  const refreshPane = createRefreshPane(kit, {
    fetcher: () => ({
      // Without feed storage the catalog's tables still refresh; a feed's table then fails in words.
      fetchList: fetchList ?? (async () => ({ ok: false, error: "feeds are not available in this browser" })),
      allowed: allowedOrigins,
    }),
    origins: deps.feeds?.origins ?? null,
    reloadToRefresh: (target, origins) => reloadWith({ kind: "refresh", target, origins }),
  });
  const toolsPane = createToolsPane(kit, {
    lists: () => (state.catalogLists === null ? null : listsToCompare(state.catalogLists, feedsPane.lists())),
  });

  replaceContent(root, [
    h("header", { className: "aic-header" }, [
      h("div", { className: "aic-title-row" }, [title, langGroup]),
      tagline,
      hostStatus,
    ]),
    h("main", { className: "aic-main" }, [
      section(IDS.catalogHeading, catalogHeading, [catalogIntro, catalogBody], "aic-section-catalog"),
      feedsPane.section,
      section(
        IDS.importHeading,
        importHeading,
        [importIntro, noteLabel, noteText, h("div", { className: "aic-actions" }, [parseButton]), importBody],
        "aic-section-import",
      ),
      section(IDS.previewHeading, previewHeading, [previewBody], "aic-section-preview"),
      refreshPane.section,
      toolsPane.analysisSection,
      toolsPane.shareSection,
    ]),
    h("footer", { className: "aic-statusbar" }, [progressArea, statusLive, alertLive]),
    announcer,
  ]);

  /** A button; `primary` is the big call to action, the others are Fluent's small size (lists at 320 px). */
  function button(text: string, opts: { label: string; focusKey: string; primary?: boolean; onClick: () => void }) {
    return h("button", {
      className: opts.primary ? "aic-button aic-button-primary" : "aic-button aic-button-small",
      attrs: { type: "button", "aria-label": opts.label, "data-focus-key": opts.focusKey },
      onClick: opts.onClick,
    }, [text]);
  }

  /** An Insert button: disabled outside Excel (the host banner says why), aria-disabled while busy. */
  function insertButton(listTitleText: string, focusKey: string, onClick: () => void, primary = false) {
    const el = button(tr("insertButton"), {
      label: tr("insertButtonLabel", { title: listTitleText }),
      focusKey,
      primary,
      onClick: () => {
        if (insertAvailable() && !insertBusy()) onClick();
      },
    });
    el.classList.add("aic-insert-button");
    applyInsertButtonState(el);
    return el;
  }

  function applyInsertButtonState(el: HTMLButtonElement) {
    el.disabled = !insertAvailable();
    setAttrs(el, {
      "aria-disabled": insertAvailable() && insertBusy() ? "true" : null,
      "aria-describedby": insertAvailable() ? null : IDS.hostStatus,
      title: insertAvailable() ? null : tr("insertNeedsExcel"),
    });
  }

  /** Run `render` and put focus back on the element with the same data-focus-key, if it had focus. */
  function keepingFocus(render: () => void) {
    const doc = root.ownerDocument;
    const before = doc.activeElement;
    const key = before instanceof HTMLElement && root.contains(before) ? before.getAttribute("data-focus-key") : null;
    render();
    if (!key) return;
    const now = doc.activeElement;
    if (now instanceof HTMLElement && root.contains(now) && now.getAttribute("data-focus-key") === key) return;
    root.querySelector<HTMLElement>(`[data-focus-key="${cssEscape(key)}"]`)?.focus();
  }

  // ---- renderers ----
  function renderStatic() {
    const doc = root.ownerDocument;
    doc.documentElement.lang = htmlLang(state.lang);
    doc.title = tr("appTitle");
    title.textContent = tr("appTitle");
    tagline.textContent = tr("appTagline");
    langGroup.setAttribute("aria-label", tr("languageGroup"));
    for (const b of langButtons) b.setAttribute("aria-pressed", String(b.getAttribute("data-lang") === state.lang));
    catalogHeading.textContent = tr("catalogHeading");
    catalogIntro.textContent = tr("catalogIntro");
    importHeading.textContent = tr("importHeading");
    importIntro.textContent = tr("importIntro");
    noteLabel.textContent = tr("importLabel");
    noteText.placeholder = tr("importPlaceholder");
    parseButton.textContent = tr("parseButton");
    previewHeading.textContent = tr("previewHeading");
  }

  function renderHost() {
    const kind = state.host.kind;
    hostStatus.className = `aic-host-status aic-host-${kind}`;
    hostStatus.textContent =
      kind === "outside" ? `${tr("hostOutside")} ${tr("insertNeedsExcel")}` : kind === "checking" ? tr("hostChecking") : "";
    hostStatus.hidden = kind === "excel";
  }

  function renderCatalog() {
    const c = state.catalog;
    catalogBody.setAttribute("aria-busy", String(c.status === "loading"));
    if (c.status === "loading") {
      replaceContent(catalogBody, [progressBar({ label: tr("catalogLoading") })]);
      return;
    }
    if (c.status === "failed") {
      replaceContent(catalogBody, [
        h("p", { className: "aic-error" }, [tr("catalogFailed", { reason: errorText(c.error, state.lang) })]),
      ]);
      return;
    }
    const reports = buildCatalogTree(c.data.index, state.lang);
    const children: Child[] = [];
    if (reports.every((r) => r.lists.length === 0)) children.push(h("p", { className: "aic-muted" }, [tr("catalogEmpty")]));
    else
      children.push(
        h("ul", { className: "aic-report-list" }, reports.map((report) =>
          h("li", { className: "aic-report" }, [
            h("h3", { className: "aic-report-title" }, [dataText(report.broker), " · ", dataText(report.reportTitle)]),
            h("p", { className: "aic-meta" }, [report.dateText]),
            h("ul", { className: "aic-list-list" }, report.lists.map((entry) => {
              const origin: PreviewOrigin = { from: "catalog", id: entry.id };
              return h("li", { className: "aic-list-item", attrs: { "data-list-id": entry.id } }, [
                h("div", { className: "aic-list-text" }, [
                  dataText(entry.title, "span", "aic-list-title"),
                  h("span", { className: "aic-meta" }, [entry.rowCountText]),
                ]),
                h("div", { className: "aic-list-actions" }, [
                  button(tr("previewButton"), {
                    label: tr("previewButtonLabel", { title: entry.title }),
                    focusKey: `preview:${originKey(origin)}`,
                    onClick: () => void previewCatalogList(entry.id),
                  }),
                  insertButton(entry.title, `insert:${originKey(origin)}`, () => void insertCatalogList(entry.id)),
                ]),
              ]);
            })),
          ]),
        )),
      );
    if (c.data.problems.length > 0)
      children.push(
        h("div", { className: "aic-problems" }, [
          h("p", {}, [tr("catalogListProblems")]),
          // The validator's words (src/picks, English only) about a catalog file: shown as data, unchanged.
          h("ul", {}, c.data.problems.map((p) => markData(h("li", {}, [p])))),
        ]),
      );
    replaceContent(catalogBody, children);
  }

  function renderImport() {
    if (!state.paste) {
      replaceContent(importBody, []);
      return;
    }
    const summary = summarisePaste(state.paste, state.lang);
    const outcome = state.paste;
    const children: Child[] = [
      h("p", { className: summary.tone === "error" ? "aic-error" : "aic-info" }, [summary.message]),
    ];
    if (summary.errors.length > 0)
      children.push(h("ul", { className: "aic-error-list" }, summary.errors.map((e) => h("li", {}, [e]))));
    if (summary.lists.length > 0 && outcome.kind === "lists")
      children.push(
        h("h3", { className: "aic-subheading" }, [tr("resultsHeading")]),
        h("ul", { className: "aic-list-list" }, summary.lists.map((item) => {
          const list = outcome.lists[item.index];
          return h("li", { className: "aic-list-item", attrs: { "data-import-index": item.index } }, [
            h("div", { className: "aic-list-text" }, [
              dataText(item.title, "span", "aic-list-title"),
              dataText(item.tableCaption, "span", "aic-meta"),
              h("span", { className: "aic-meta" }, [item.rowCountText]),
            ]),
            // Recorded as pasted: a refresh of the table then says it has no source to refresh from.
            kit.listActions(list, item.title, { from: "import", index: item.index }, { kind: "pasted" }),
          ]);
        })),
      );
    if (summary.problems.length > 0)
      children.push(
        h("h3", { className: "aic-subheading" }, [tr("parseProblemsHeading")]),
        // "表3: …: reason": the caption is the note's; the reason is src/picks/parser's, in English only (it
        // often quotes the note). Neither is in the strings table, so both are shown as data, unchanged.
        h("ul", { className: "aic-problem-list" }, summary.problems.map((p) => markData(h("li", {}, [p])))),
      );
    replaceContent(importBody, children);
  }

  function renderPreview() {
    const p = state.preview;
    if (p.status === "none") {
      replaceContent(previewBody, [h("p", { className: "aic-muted" }, [tr("previewNone")])]);
      return;
    }
    if (p.status === "loading") {
      replaceContent(previewBody, [progressBar({ label: tr("previewLoading", { title: listTitle(p.title, state.lang) }) })]);
      return;
    }
    if (p.status === "failed") {
      replaceContent(previewBody, [
        h("p", { className: "aic-error" }, [
          tr("previewFailed", { title: listTitle(p.title, state.lang), reason: errorText(p.error, state.lang) }),
        ]),
      ]);
      return;
    }
    const table = buildPreviewTable(p.list, state.lang);
    const tableEl =
      table.rows.length === 0
        ? h("p", { className: "aic-muted" }, [tr("previewNoRows")])
        : h("div", {
            className: "aic-table-scroll",
            attrs: { role: "region", tabindex: 0, "aria-label": tr("previewTableLabel", { title: table.title }) },
          }, [
            h("table", { className: "aic-table" }, [
              markData(h("caption", { className: "aic-visually-hidden" }, [table.title])),
              h("thead", {}, [
                h("tr", {}, table.columns.map((col) =>
                  h("th", { className: col.numeric ? "aic-num" : "", attrs: { scope: "col", "data-key": col.key } }, [col.label]),
                )),
              ]),
              // The rows are the list's data: translate="no" (the missing-value dash and its label are UI).
              h("tbody", { attrs: { translate: "no" } }, table.rows.map((cells) =>
                h("tr", {}, cells.map((cell) =>
                  h("td", {
                    className: [cell.numeric ? "aic-num" : "", cell.missing ? "aic-missing" : ""].filter(Boolean).join(" "),
                    attrs: {
                      "aria-label": cell.missing ? tr("missingValueLabel") : null,
                      lang: !cell.numeric && /[\u3400-\u9fff]/.test(cell.text) ? "zh-CN" : null,
                    },
                  }, [cell.text]),
                )),
              )),
            ]),
          ]);
    const key = `insert:preview:${originKey(p.origin)}`;
    replaceContent(previewBody, [
      markData(h("h3", { className: "aic-preview-title", attrs: { "data-list-id": table.listId } }, [table.title])),
      h("p", { className: "aic-meta" }, sentence(state.lang, "previewSource", table.sourceParams, ["broker", "reportTitle"])),
      table.priceDate ? h("p", { className: "aic-meta" }, [table.priceDate]) : null,
      h("p", { className: "aic-meta" }, sentence(state.lang, "previewTableSource", { table: table.tableCaption }, ["table"])),
      tableEl,
      dataText(table.sourceLine, "p", "aic-source-line"),
      h("div", { className: "aic-actions" }, [insertButton(table.title, key, () => void insertList(p.list, p.source), true)]),
      insertAvailable() ? null : h("p", { className: "aic-muted", attrs: { id: IDS.insertNote } }, [tr("insertNeedsExcel")]),
    ]);
  }

  function renderInsertStatus() {
    const s = state.insert;
    replaceContent(progressArea, []);
    let message = "";
    let error = "";
    if (s.status === "running") {
      message = tr("insertStarted", { title: listTitle(s.title, state.lang) });
      // The bar and its counts sit outside the live regions: screen readers hear the start and the end, not every batch.
      replaceContent(progressArea, [
        progressBar({
          label: tr("insertProgressLabel"),
          showLabel: false,
          value: s.done,
          max: s.total,
          detail: insertProgressText(s.done, s.total, state.lang),
        }),
      ]);
    } else if (s.status === "done") message = insertDoneText(s.result, state.lang);
    else if (s.status === "failed") error = tr("insertFailed", { reason: errorText(s.error, state.lang) });
    else if (s.status === "invalid") error = tr("insertFailed", { reason: s.errors.join("; ") });
    progressArea.hidden = s.status !== "running";
    statusLive.textContent = message;
    alertLive.textContent = error;
  }

  function renderAll() {
    keepingFocus(() => {
      renderStatic();
      renderHost();
      renderCatalog();
      feedsPane.render();
      renderImport();
      renderPreview();
      renderInsertStatus();
      refreshPane.render();
      toolsPane.render();
    });
  }

  // ---- actions ----
  function setLanguage(lang: Lang) {
    if (lang === state.lang) return;
    state.lang = lang;
    // The last announcement was in the other language and has been heard: drop it, do not re-announce.
    announce("");
    renderAll();
  }

  function setHost(host: HostState) {
    state.host = host;
    renderHost();
    keepingFocus(() => renderPreview());
    refreshPane.hostChanged();
    toolsPane.refreshState();
    updateActionButtons();
    resumeRefreshIfReady();
  }

  function parsePasted() {
    try {
      state.paste = interpretPastedText(noteText.value, deps);
    } catch (err) {
      // A parser bug must not break the page: report it like an unreadable note.
      state.paste = { kind: "lists", source: "note", lists: [], problems: [{ table: "—", reason: errorText(err, state.lang) }] };
    }
    if (state.preview.status === "ready" && state.preview.origin.from === "import") state.preview = { status: "none" };
    keepingFocus(() => {
      renderImport();
      renderPreview();
    });
    announce(summarisePaste(state.paste, state.lang).message);
  }

  function showPreview(list: PickList, origin: PreviewOrigin, source: ListOrigin) {
    previewRequest++;
    state.preview = { status: "ready", list, origin, source };
    renderPreview();
    previewHeading.focus();
  }

  function catalogEntryTitle(id: string): LocalizedText {
    if (state.catalog.status === "ready")
      for (const report of state.catalog.data.index.reports)
        for (const entry of report.lists) if (entry.id === id) return entry.title;
    return { zh: id, en: id };
  }

  async function previewCatalogList(id: string) {
    if (state.catalog.status !== "ready") return;
    const data = state.catalog.data;
    const request = ++previewRequest;
    const title = catalogEntryTitle(id);
    state.preview = { status: "loading", title };
    renderPreview();
    previewHeading.focus();
    try {
      const list = await data.getList(id);
      if (request !== previewRequest) return;
      state.preview = { status: "ready", list, origin: { from: "catalog", id }, source: { kind: "catalog" } };
    } catch (error) {
      if (request !== previewRequest) return;
      state.preview = { status: "failed", title, error };
    }
    renderPreview();
  }

  async function insertCatalogList(id: string) {
    if (state.catalog.status !== "ready" || state.host.kind !== "excel") return;
    const data = state.catalog.data;
    await run(async () => {
      try {
        let list: PickList;
        try {
          list = await data.getList(id);
        } catch (error) {
          state.insert = { status: "failed", title: catalogEntryTitle(id), error };
          return;
        }
        await runInsert(list, { kind: "catalog" });
      } finally {
        renderInsertStatus();
      }
    });
  }

  async function insertList(list: PickList, source: ListOrigin) {
    if (state.host.kind !== "excel") return;
    await run(async () => {
      try {
        await runInsert(list, source);
      } finally {
        renderInsertStatus();
      }
    });
  }

  /** The one path into Excel: re-validates the list, then calls the insert function and records the outcome. */
  async function runInsert(list: PickList, source: ListOrigin) {
    const host = state.host;
    if (host.kind !== "excel") return;
    const checked = deps.validatePickList(list);
    if (!checked.ok) {
      state.insert = { status: "invalid", title: list.title, errors: checked.errors };
      return;
    }
    const running = { status: "running" as const, title: list.title, done: 0, total: list.rows.length };
    state.insert = running;
    renderInsertStatus();
    try {
      const result = await host.insert(checked.list, {
        language: state.lang,
        source,
        onProgress: (done, total) => {
          if (state.insert !== running) return;
          running.done = done;
          running.total = total;
          renderInsertStatus();
        },
      });
      state.insert = { status: "done", result };
    } catch (error) {
      state.insert = { status: "failed", title: list.title, error };
    }
  }

  /** Runs the refresh the page reloaded for, once the host is Excel (it may answer after the reload). */
  let pendingRefresh = pending?.resume?.kind === "refresh" ? pending.resume : null;
  function resumeRefreshIfReady() {
    if (!pendingRefresh || state.host.kind !== "excel") return;
    const { target, origins } = pendingRefresh;
    pendingRefresh = null;
    void refreshPane.resume(target, origins);
  }

  // ---- start ----
  if (pending?.lang) {
    state.lang = pending.lang;
    languageChosen = true;
  }
  if (pending?.noteText) noteText.value = pending.noteText;
  if (pending?.feedForm) feedsPane.setFormValues(pending.feedForm);
  renderAll();
  const catalogLoaded = (async () => {
    try {
      const data = await deps.loadCatalog();
      state.catalog = { status: "ready", data };
      void loadCatalogLists(data);
    } catch (error) {
      state.catalog = { status: "failed", error };
      state.catalogLists = [];
      announce(tr("catalogFailed", { reason: errorText(error, state.lang) }));
    }
    keepingFocus(() => renderCatalog());
    toolsPane.refreshState();
  })();

  /** Every catalog list, for the comparison (the loader holds them once the index is read; a failed one is left out). */
  async function loadCatalogLists(data: CatalogData) {
    const ids = data.index.reports.flatMap((r) => r.lists.map((l) => l.id));
    state.catalogLists = (await Promise.allSettled(ids.map((id) => data.getList(id))))
      .filter((r): r is PromiseFulfilledResult<PickList> => r.status === "fulfilled")
      .map((r) => r.value);
    toolsPane.refreshState();
  }
  if (pending?.resume?.kind === "addFeed") void feedsPane.resumeAdd(pending.resume.origin);
  resumeRefreshIfReady();

  return {
    catalogLoaded,
    feedsLoaded: feedsPane.loaded,
    setHost,
    setLanguage: (lang) => {
      languageChosen = true;
      setLanguage(lang);
    },
    setDetectedLanguage: (lang) => {
      if (!languageChosen) setLanguage(lang);
    },
    language: () => state.lang,
  };
}

/** CSS.escape where the browser has it; focus keys are ids and digits, so quotes and backslashes are all that matter. */
function cssEscape(value: string): string {
  const css = (globalThis as { CSS?: { escape?: (v: string) => string } }).CSS;
  return css?.escape ? css.escape(value) : value.replace(/["\\]/g, "\\$&");
}
