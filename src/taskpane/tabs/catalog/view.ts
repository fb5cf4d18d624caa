/**
 * The Catalog tab: the bundled pick lists by report, each with Preview (in place, see preview/view.ts)
 * and Insert. Loads the catalog itself (the shell passes the loader) and hands every list to the
 * Tools tab's comparison once loaded.
 */
import type { ListOrigin } from "../../../picks/sources";
import type { LocalizedText, PickList } from "../../../picks/types";
import type { CatalogData, CatalogLoader } from "../../app";
import { h, replaceContent, type Child } from "../../dom";
import { tabSection, type MessageArea } from "../../message-bar";
import { errorDetails, errorSentence, errorText } from "../../messages";
import type { PaneKit, PreviewOrigin } from "../../pane";
import { createListPreview } from "../../preview/view";
import { dataText, markData, progressBar, rawDetails } from "../../ui";
import { buildCatalogTree } from "./model";

export interface CatalogTab {
  readonly section: HTMLElement;
  readonly messages: MessageArea;
  /** Settles when the first load has finished (loaded or failed). */
  readonly loaded: Promise<void>;
  /** Every list of the catalog (for the comparison); null until they are all fetched. */
  lists(): PickList[] | null;
  render(): void;
}

export interface CatalogTabDeps {
  loadCatalog: CatalogLoader;
  /** The element that scrolls this tab. */
  scroller(): HTMLElement | null;
  /** The catalog's lists arrived (or failed: then []). */
  onListsChanged(): void;
}

type CatalogState = { status: "loading" } | { status: "failed"; error: unknown } | { status: "ready"; data: CatalogData };

const CATALOG_SOURCE: ListOrigin = { kind: "catalog" };

export function createCatalogTab(kit: PaneKit, deps: CatalogTabDeps): CatalogTab {
  let state: CatalogState = { status: "loading" };
  let allLists: PickList[] | null = null;
  const heading = h("h2", { attrs: { tabindex: -1 } });
  const intro = h("p", { className: "aic-intro" });
  const body = h("div", { className: "aic-catalog-body" });
  const messages = kit.messageArea("catalog", () => heading);
  const listArea = h("div", { className: "aic-list-area" }, [intro, body]);
  const preview = createListPreview(kit, { tab: "catalog", listArea, messages, scroller: deps.scroller });
  const sectionEl = tabSection("aic-catalog-heading", heading, messages, [listArea, preview.element], "aic-section-catalog");

  function entryTitle(id: string): LocalizedText {
    if (state.status === "ready") for (const report of state.data.index.reports) for (const entry of report.lists) if (entry.id === id) return entry.title;
    return { zh: id, en: id };
  }

  async function previewList(id: string) {
    if (state.status !== "ready") return;
    const data = state.data;
    const token = preview.openLoading(entryTitle(id), { from: "catalog", id });
    try {
      preview.settle(token, { list: await data.getList(id), source: CATALOG_SOURCE });
    } catch (error) {
      preview.settle(token, { error });
    }
  }

  async function insertList(id: string) {
    if (state.status !== "ready") return;
    let list: PickList;
    try {
      list = await state.data.getList(id);
    } catch (error) {
      const title = entryTitle(id);
      messages.show({
        intent: "error",
        topic: "insert",
        body: () => [kit.tr("insertFailed", { reason: kit.tr("listNotLoaded", { title: title[kit.lang()] || title.en }) })],
        details: () => [errorText(error, "en")],
        retry: () => void insertList(id),
      });
      return;
    }
    await kit.insertList(list, CATALOG_SOURCE, messages);
  }

  function renderBody() {
    body.setAttribute("aria-busy", String(state.status === "loading"));
    if (state.status === "loading") {
      replaceContent(body, [progressBar({ label: kit.tr("catalogLoading") })]);
      return;
    }
    if (state.status === "failed") {
      replaceContent(body, [
        h("p", { className: "aic-error" }, [kit.tr("catalogFailed", { reason: errorSentence(state.error, kit.lang()) })]),
        rawDetails(kit.tr("detailsSummary"), [errorDetails(state.error)]),
      ]);
      return;
    }
    const data = state.data;
    const reports = buildCatalogTree(data.index, kit.lang());
    const children: Child[] = [];
    if (reports.every((r) => r.lists.length === 0)) children.push(h("p", { className: "aic-muted" }, [kit.tr("catalogEmpty")]));
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
                preview.lazyListActions(entry.title, origin, () => void previewList(entry.id), () => void insertList(entry.id)),
              ]);
            })),
          ]),
        )),
      );
    if (data.problems.length > 0)
      children.push(
        h("div", { className: "aic-problems" }, [
          h("p", {}, [kit.tr("catalogListProblems")]),
          // The validator's words (src/picks, English only) about a catalog file: shown as data, unchanged.
          h("ul", {}, data.problems.map((p) => markData(h("li", {}, [p])))),
        ]),
      );
    replaceContent(body, children);
  }

  function render() {
    heading.textContent = kit.tr("catalogHeading");
    intro.textContent = kit.tr("catalogIntro");
    messages.render();
    renderBody();
    preview.render();
  }

  const loaded = (async () => {
    try {
      const data = await deps.loadCatalog();
      state = { status: "ready", data };
      void loadAll(data);
    } catch (error) {
      state = { status: "failed", error };
      allLists = [];
      kit.announce(kit.tr("catalogFailed", { reason: errorSentence(error, kit.lang()) }));
    }
    kit.keepingFocus(renderBody);
    deps.onListsChanged();
  })();

  /** Every catalog list, for the comparison (the loader holds them once the index is read; a failed one is left out). */
  async function loadAll(data: CatalogData) {
    const ids = data.index.reports.flatMap((r) => r.lists.map((l) => l.id));
    allLists = (await Promise.allSettled(ids.map((id) => data.getList(id))))
      .filter((r): r is PromiseFulfilledResult<PickList> => r.status === "fulfilled")
      .map((r) => r.value);
    deps.onListsChanged();
  }

  return { section: sectionEl, messages, loaded, lists: () => allLists, render };
}
