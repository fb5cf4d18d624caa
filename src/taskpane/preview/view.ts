/**
 * A list's preview, opened in place inside the tab that lists it (Catalog, Import, Feeds): the tab's
 * list is hidden and the preview takes its place, with Back, which shows the list again at the scroll
 * position it had and puts focus back on the Preview button of the row the preview came from.
 *
 * The table shows the ticker and the name as sticky columns (they stay in view while the table scrolls
 * sideways) and the first PREVIEW_ROW_LIMIT rows, saying how many of how many. Its Insert reports to
 * the tab's message area, like the Insert of the row.
 */
import type { ListOrigin } from "../../picks/sources";
import type { LocalizedText, PickList } from "../../picks/types";
import { fluentButton, icon, ICONS } from "../controls";
import { h, replaceContent, type Child } from "../dom";
import type { MessageArea } from "../message-bar";
import { errorDetails, errorSentence } from "../messages";
import type { PaneKit, PreviewOrigin } from "../pane";
import { dataText, markData, progressBar, rawDetails, sentence } from "../ui";
import { buildPreviewTable, listTitle } from "./model";

export function originKey(origin: PreviewOrigin): string {
  if (origin.from === "catalog") return `catalog:${origin.id}`;
  if (origin.from === "import") return `import:${origin.index}`;
  return `feed:${origin.feedId}:${origin.listId}`;
}

type State =
  | { status: "none" }
  | { status: "loading"; title: LocalizedText; origin: PreviewOrigin }
  | { status: "failed"; title: LocalizedText; origin: PreviewOrigin; error: unknown }
  | { status: "ready"; list: PickList; origin: PreviewOrigin; source: ListOrigin };

export interface ListPreview {
  /** The preview region: place it beside the tab's list area (hidden until a preview opens). */
  readonly element: HTMLElement;
  /** Preview and Insert buttons for one list row. */
  listActions(list: PickList, title: string, origin: PreviewOrigin, source: ListOrigin): HTMLElement;
  /** Preview and Insert for a row whose list is fetched on demand (the catalog). */
  lazyListActions(title: string, origin: PreviewOrigin, onPreview: () => void, onInsert: () => void): HTMLElement;
  open(list: PickList, origin: PreviewOrigin, source: ListOrigin): void;
  /** A preview whose list is still being fetched; returns a token for `settle`. */
  openLoading(title: LocalizedText, origin: PreviewOrigin): number;
  /** The fetch of `openLoading`'s list ended (ignored when another preview opened since). */
  settle(token: number, outcome: { list: PickList; source: ListOrigin } | { error: unknown }): void;
  close(restoreFocus?: boolean): void;
  /** Closes it when showing a list from `origin` (e.g. the pasted text changed). */
  closeWhere(test: (origin: PreviewOrigin) => boolean): void;
  isOpen(): boolean;
  render(): void;
}

export interface ListPreviewDeps {
  /** Which tab (ids and focus keys). */
  tab: string;
  /** The tab's list content, hidden while the preview is open. */
  listArea: HTMLElement;
  messages: MessageArea;
  /** The element that scrolls the tab (its position is kept across the preview). */
  scroller(): HTMLElement | null;
}

export function createListPreview(kit: PaneKit, deps: ListPreviewDeps): ListPreview {
  let state: State = { status: "none" };
  let request = 0;
  let savedScroll = 0;
  const headingId = `aic-preview-heading-${deps.tab}`;
  // Focus moves here when a preview opens (tabindex -1: focusable by script, not in the tab order).
  const heading = h("h3", { className: "aic-preview-heading", attrs: { id: headingId, tabindex: -1 } });
  const body = h("div", { className: "aic-preview-body" });
  const back = fluentButton([], {
    appearance: "subtle",
    size: "small",
    focusKey: `preview:${deps.tab}:back`,
    className: "aic-back-button",
    onClick: () => close(true),
  });
  const element = h("section", {
    className: "aic-preview",
    attrs: { "aria-labelledby": headingId, "data-preview": deps.tab, hidden: true },
  }, [h("div", { className: "aic-preview-nav" }, [back]), heading, body]);

  function show() {
    if (element.hidden) {
      savedScroll = deps.scroller()?.scrollTop ?? 0;
      deps.listArea.hidden = true;
      element.hidden = false;
      const scroller = deps.scroller();
      if (scroller) scroller.scrollTop = 0;
    }
    render();
    heading.focus();
  }

  function close(restoreFocus = true) {
    const from = state.status === "none" ? null : state.origin;
    state = { status: "none" };
    request++;
    element.hidden = true;
    deps.listArea.hidden = false;
    replaceContent(body, []);
    const scroller = deps.scroller();
    if (scroller) scroller.scrollTop = savedScroll;
    if (restoreFocus && from) deps.listArea.querySelector<HTMLElement>(`[data-focus-key="preview:${cssEscape(originKey(from))}"]`)?.focus();
  }

  function previewButton(title: string, origin: PreviewOrigin, onClick: () => void) {
    return fluentButton(kit.tr("previewButton"), {
      size: "small",
      label: kit.tr("previewButtonLabel", { title }),
      focusKey: `preview:${originKey(origin)}`,
      onClick,
    });
  }

  function insertButton(title: string, focusKey: string, onClick: () => void, primary = false) {
    return kit.actionButton(kit.tr("insertButton"), {
      label: kit.tr("insertButtonLabel", { title }),
      focusKey,
      primary,
      small: !primary,
      needs: "excel",
      fn: "insert",
      onClick,
    });
  }

  function renderReady(p: Extract<State, { status: "ready" }>): Child[] {
    const lang = kit.lang();
    const table = buildPreviewTable(p.list, lang);
    const tableEl =
      table.rows.length === 0
        ? h("p", { className: "aic-muted" }, [kit.tr("previewNoRows")])
        : h("div", {
            className: "aic-table-scroll",
            attrs: { role: "region", tabindex: 0, "aria-label": kit.tr("previewTableLabel", { title: table.title }) },
          }, [
            h("table", { className: "aic-table" }, [
              markData(h("caption", { className: "aic-visually-hidden" }, [table.title])),
              h("thead", {}, [
                h("tr", {}, table.columns.map((col) =>
                  h("th", {
                    className: [col.numeric ? "aic-num" : "", col.sticky !== null ? `aic-sticky aic-sticky-${col.sticky}` : ""].filter(Boolean).join(" "),
                    attrs: { scope: "col", "data-key": col.key },
                  }, [col.label]),
                )),
              ]),
              // The rows are the list's data: translate="no" (the missing-value dash and its label are UI).
              h("tbody", { attrs: { translate: "no" } }, table.rows.map((cells) =>
                h("tr", {}, cells.map((cell, i) => {
                  const sticky = table.columns[i]!.sticky;
                  return h(sticky === 0 ? "th" : "td", {
                    className: [cell.numeric ? "aic-num" : "", cell.missing ? "aic-missing" : "", sticky !== null ? `aic-sticky aic-sticky-${sticky}` : ""]
                      .filter(Boolean)
                      .join(" "),
                    attrs: {
                      scope: sticky === 0 ? "row" : null,
                      "aria-label": cell.missing ? kit.tr("missingValueLabel") : null,
                      lang: !cell.numeric && /[\u3400-\u9fff]/.test(cell.text) ? "zh-CN" : null,
                    },
                  }, [cell.text]);
                })),
              )),
            ]),
          ]);
    return [
      markData(h("p", { className: "aic-preview-title", attrs: { "data-list-id": table.listId } }, [table.title])),
      h("p", { className: "aic-meta" }, sentence(lang, "previewSource", table.sourceParams, ["broker", "reportTitle"])),
      table.priceDate ? h("p", { className: "aic-meta" }, [table.priceDate]) : null,
      // A file name is the analyst's data, shown as text only.
      table.printedAt ? h("p", { className: "aic-meta aic-printed-at" }, [table.printedAt]) : null,
      h("p", { className: "aic-meta" }, sentence(lang, "previewTableSource", { table: table.tableCaption }, ["table"])),
      table.totalRows > table.rows.length
        ? h("p", { className: "aic-meta aic-preview-count" }, [
            kit.tr("previewShowing", { shown: table.rows.length.toLocaleString("en-US"), total: table.totalRows.toLocaleString("en-US") }),
          ])
        : null,
      tableEl,
      dataText(table.sourceLine, "p", "aic-source-line"),
      h("div", { className: "aic-actions" }, [
        insertButton(table.title, `insert:preview:${originKey(p.origin)}`, () => void kit.insertList(p.list, p.source, deps.messages), true),
      ]),
      kit.available("excel", "insert") ? null : h("p", { className: "aic-muted", attrs: { id: `aic-insert-note-${deps.tab}` } }, [kit.tr("insertNeedsExcel")]),
    ];
  }

  function render() {
    replaceContent(back, [icon(ICONS.back), kit.tr("backButton")]);
    back.setAttribute("aria-label", kit.tr("backButtonLabel"));
    heading.textContent = kit.tr("previewHeading");
    const p = state;
    if (p.status === "none") replaceContent(body, []);
    else if (p.status === "loading") replaceContent(body, [progressBar({ label: kit.tr("previewLoading", { title: listTitle(p.title, kit.lang()) }) })]);
    else if (p.status === "failed")
      replaceContent(body, [
        h("p", { className: "aic-error" }, [kit.tr("previewFailed", { title: listTitle(p.title, kit.lang()), reason: errorSentence(p.error, kit.lang()) })]),
        rawDetails(kit.tr("detailsSummary"), [errorDetails(p.error)]),
      ]);
    else replaceContent(body, renderReady(p));
  }

  return {
    element,
    listActions: (list, title, origin, source) =>
      h("div", { className: "aic-list-actions" }, [
        previewButton(title, origin, () => {
          request++;
          state = { status: "ready", list, origin, source };
          show();
        }),
        insertButton(title, `insert:${originKey(origin)}`, () => void kit.insertList(list, source, deps.messages)),
      ]),
    lazyListActions: (title, origin, onPreview, onInsert) =>
      h("div", { className: "aic-list-actions" }, [previewButton(title, origin, onPreview), insertButton(title, `insert:${originKey(origin)}`, onInsert)]),
    open(list, origin, source) {
      request++;
      state = { status: "ready", list, origin, source };
      show();
    },
    openLoading(title, origin) {
      state = { status: "loading", title, origin };
      show();
      return ++request;
    },
    settle(token, outcome) {
      if (token !== request || state.status !== "loading") return;
      const { title, origin } = state;
      state = "list" in outcome ? { status: "ready", list: outcome.list, origin, source: outcome.source } : { status: "failed", title, origin, error: outcome.error };
      kit.keepingFocus(render);
    },
    close,
    closeWhere(test) {
      if (state.status !== "none" && test(state.origin)) close(false);
    },
    isOpen: () => state.status !== "none",
    render,
  };
}

/** CSS.escape where the browser has it; focus keys are ids and digits, so quotes and backslashes are all that matter. */
export function cssEscape(value: string): string {
  const css = (globalThis as { CSS?: { escape?: (v: string) => string } }).CSS;
  return css?.escape ? css.escape(value) : value.replace(/["\\]/g, "\\$&");
}
