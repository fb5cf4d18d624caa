/**
 * The Refresh section: refresh the selected table, every table on the active sheet, or every table
 * the workbook remembers (src/excel/refresh.ts), with progress as each table is done, then each table's
 * result in words (refresh-model.ts). Disabled, with the reason beside the buttons, outside Excel and
 * where Excel lacks the API a refresh needs.
 *
 * A colleague's workbook can name feeds this computer has never allowed: those tables fail at once in
 * words (refresh-model's allowedOriginsOnly), and the section offers to allow their origins, which
 * takes a reload (csp.ts); the app keeps the page's state, and the refresh runs again after it. The
 * origins are allowed for that one load only (csp.ts PENDING_FEED_ORIGIN_KEY, as the Feeds tab does for a
 * feed being added); each is saved for good only once a table's list from it was fetched and validated
 * (model.ts confirmingPendingOrigins), so a feed that fails leaves nothing allowed behind.
 */
import type { ListFetcher, RefreshReport, RefreshTarget, TableRefreshOutcome } from "../../../excel/refresh";
import { confirmPendingOrigin, setPendingFeedOrigins, type KeyValueStorage } from "../../csp";
import { h, replaceContent, type Child } from "../../dom";
import { tCount, type StringKey } from "../../i18n";
import { errorDetails, errorSentence } from "../../messages";
import type { PaneKit } from "../../pane";
import { allowedOriginsOnly, confirmingPendingOrigins, refreshReportView, type BlockedFeed, type RefreshView, type TableResultView } from "./model";
import { tabSection, type MessageArea, type MessageIntent } from "../../message-bar";
import type { RefreshConflict } from "../../../excel/refresh";
import { conflictListView, conflictId, takeTheirsMessages, type ConflictListView } from "./conflicts";
import { markData, rawDetails } from "../../ui";
import { openConfirmDialog } from "../../dialog";

export interface RefreshPaneDeps {
  /** The fetcher over the feed sources (src/excel/refresh.ts listFetcherFor) and the origins the page may connect to. */
  fetcher(): { fetchList: ListFetcher; allowed: readonly string[]; pending?: readonly string[] };
  /** Where allowed origins are saved (csp.ts); null when storage is blocked. */
  origins: KeyValueStorage | null;
  /** Save the page's state, note the refresh to run again after the reload, and reload. */
  reloadToRefresh(target: RefreshTarget, origins: string[]): void;
  /** A list's title in the current language, from the catalog's and the feeds' lists; null when unknown. */
  listTitle?(listId: string): string | null;
  /** A refresh ran (some tables may have new lists): the pick functions read the workbook's lists again. */
  onRefreshed?(): void;
}

export interface RefreshPane {
  section: HTMLElement;
  messages: MessageArea;
  render(): void;
  /** The host changed: the buttons and the note follow. */
  hostChanged(): void;
  /** After the reload made to allow `origins`: refresh `target` again (call once the host is Excel). */
  resume(target: RefreshTarget, origins: string[]): Promise<void>;
}

/**
 * What the tab shows below its message bar: the tables done so far while a refresh runs, then each
 * table's result, the conflicts and the offer to allow a colleague's feeds. The outcome itself (done,
 * partly, failed) is the tab's message (showOutcome).
 */
type State =
  | { status: "idle" }
  | { status: "running"; target: RefreshTarget; done: TableRefreshOutcome[] }
  | { status: "done"; target: RefreshTarget; report: RefreshReport; blocked: Map<string, BlockedFeed>; offerDismissed: boolean; taken: Set<string> };

/** The message bar's intent for a refresh's tone. */
const INTENT: Record<RefreshView["tone"], MessageIntent> = { ok: "success", warning: "warning", error: "error", info: "info" };

const IDS = { heading: "aic-refresh-heading", note: "aic-refresh-note" } as const;

const BUTTONS: { target: RefreshTarget; key: StringKey; focusKey: string }[] = [
  { target: "selection", key: "refreshSelectionButton", focusKey: "refresh:selection" },
  { target: "activeSheet", key: "refreshSheetButton", focusKey: "refresh:sheet" },
  { target: "all", key: "refreshAllButton", focusKey: "refresh:all" },
];

export function createRefreshPane(kit: PaneKit, deps: RefreshPaneDeps): RefreshPane {
  let state: State = { status: "idle" };
  const heading = h("h2");
  const intro = h("p", { className: "aic-intro" });
  const actions = h("div", { className: "aic-actions" });
  const note = h("p", { className: "aic-muted aic-needs-note", attrs: { id: IDS.note } });
  const result = h("div", { className: "aic-result-area" });
  const messages = kit.messageArea("refresh", () => heading);
  const sectionEl = tabSection(IDS.heading, heading, messages, [intro, actions, note, result], "aic-section-refresh");

  /** The refresh's progress in the message area: tables done so far. */
  function showProgress(done: number) {
    messages.progress({ label: kit.tr("refreshRunning"), detail: done > 0 ? tCount(kit.lang(), "refreshProgress", done) : undefined });
  }

  /**
   * The outcome as the tab's message: the summary in the report's tone, the records left alone as its
   * lines, src/excel's own words under Details, and Retry when a table failed for a reason running it again
   * may cure (not a feed this computer has yet to allow: the offer below is for that).
   */
  function showOutcome(done: Extract<State, { status: "done" }>) {
    const viewNow = () => refreshReportView(done.report, done.target, kit.lang(), done.blocked);
    const first = viewNow();
    const retryable = done.report.error !== null || first.tables.some((t) => t.status.key === "refreshTableFailed" || t.status.key === "refreshTableRestoreFailed");
    messages.show({
      intent: INTENT[first.tone],
      topic: "refresh",
      // A refresh that did not run: its reason is src/excel's words (English), so the sentence says it in the
      // page's language and Details has it whole.
      body: () =>
        done.report.error !== null
          ? [kit.tr("refreshNotRun", { reason: errorSentence(done.report.error, kit.lang()) })]
          : kit.msg(viewNow().summary),
      items: () => viewNow().notes.map((n) => kit.msg(n)),
      details: () => (done.report.error ? [done.report.error] : []),
      retry: retryable ? () => void refresh(done.target) : undefined,
    });
  }

  /** A refresh that could not run at all (Excel threw): the sentence, Office's raw words under Details, Retry. */
  function showFailure(target: RefreshTarget, error: unknown) {
    messages.show({
      intent: "error",
      topic: "refresh",
      body: () => [kit.tr("refreshNotRun", { reason: errorSentence(error, kit.lang()) })],
      details: () => {
        const raw = errorDetails(error);
        return raw ? [raw] : [];
      },
      retry: () => void refresh(target),
    });
  }

  async function refresh(target: RefreshTarget) {
    await kit.run(async () => {
      messages.clear();
      const host = kit.host();
      if (host.kind !== "excel" || !host.refresh || host.refreshSupported === false) return;
      const blocked = new Map<string, BlockedFeed>();
      const { fetchList, allowed, pending = [] } = deps.fetcher();
      // Origins allowed for this load only are saved for good once a list from them was fetched and validated.
      const confirming = confirmingPendingOrigins(fetchList, pending, (url) => confirmPendingOrigin(deps.origins, pending, url));
      const running: State = { status: "running", target, done: [] };
      state = running;
      showProgress(0);
      kit.keepingFocus(renderResult);
      kit.announce(kit.tr("refreshRunning"));
      try {
        const report = await host.refresh(target, allowedOriginsOnly(confirming, allowed, blocked), {
          onTable: (outcome) => {
            if (state !== running) return;
            running.done.push(outcome);
            showProgress(running.done.length);
            kit.keepingFocus(renderResult);
          },
        });
        const done: State = { status: "done", target, report, blocked, offerDismissed: false, taken: new Set() };
        state = done;
        messages.progress(null);
        // The message bar announces its sentence; the offer to allow feeds is said after it.
        showOutcome(done);
        deps.onRefreshed?.();
        const view = refreshReportView(report, target, kit.lang(), blocked);
        if (view.originsToAllow.length > 0) kit.announce(offerText(view));
      } catch (error) {
        state = { status: "idle" };
        messages.progress(null);
        showFailure(target, error);
      }
      kit.keepingFocus(renderResult);
      // An offer to allow a colleague's feeds is the next thing to act on: take the keyboard there.
      result.querySelector<HTMLButtonElement>('[data-focus-key="refresh:allow"]')?.focus();
    });
  }

  function offerText(view: RefreshView): string {
    return kit.tr("originsOffer", { origins: view.originsToAllow.join(", ") });
  }

  function allowAndReload(target: RefreshTarget, origins: string[]) {
    const storage = deps.origins;
    // Allowed for the next load only (csp.ts): each is saved for good once a table's list from it was fetched and validated.
    if (!storage || !setPendingFeedOrigins(storage, origins).ok) {
      messages.show({ intent: "error", topic: "refresh", body: () => [kit.tr("feedsUnavailable")] });
      return;
    }
    deps.reloadToRefresh(target, origins);
  }

  /** Reloading is confirmed in a dialog first (it says what happens; Cancel or Escape leaves everything as it is). */
  function confirmReload(target: RefreshTarget, origins: string[]) {
    openConfirmDialog(sectionEl, {
      name: "refresh-reload",
      title: kit.tr("dialogReloadTitle"),
      body: kit.msg({ key: "refreshReloadText", params: { origins: origins.join(", ") }, data: ["origins"] }),
      confirmLabel: kit.tr("allowAndReload"),
      cancelLabel: kit.tr("cancelButton"),
      initialFocus: "confirm",
      onConfirm: () => allowAndReload(target, origins),
    });
  }

  /** Taking the broker's value for every open conflict replaces the analyst's values: confirmed in a dialog, Cancel focused. */
  function confirmTakeAll(done: Extract<State, { status: "done" }>, conflicts: RefreshConflict[]) {
    openConfirmDialog(sectionEl, {
      name: "refresh-take-all",
      title: kit.tr("refreshTakeAllTitle"),
      body: [kit.tr("refreshTakeAllText", { count: conflicts.length })],
      confirmLabel: kit.tr("refreshTakeTheirsAll"),
      cancelLabel: kit.tr("cancelButton"),
      initialFocus: "cancel",
      onConfirm: () => void takeTheirs(done, conflicts),
    });
  }

  /** Takes the broker's value for `conflicts` (one, or all still open); says what happened in the tab's message bar. */
  async function takeTheirs(done: Extract<State, { status: "done" }>, conflicts: RefreshConflict[]) {
    await kit.run(async () => {
      messages.clear();
      const host = kit.host();
      if (host.kind !== "excel" || !host.takeTheirs) return;
      try {
        const result = await host.takeTheirs(conflicts);
        for (const c of result.written) done.taken.add(conflictId(c));
        const said = takeTheirsMessages(result);
        messages.show({
          intent: result.skipped.length > 0 ? "warning" : "success",
          topic: "take-theirs",
          body: () => (said[0] ? kit.msg(said[0]) : []),
          items: () => said.slice(1).map((m) => kit.msg(m)),
        });
      } catch (error) {
        messages.show({
          intent: "error",
          topic: "take-theirs",
          body: () => kit.msg({ key: "refreshTakeFailed", params: { reason: errorSentence(error, kit.lang()) } }),
          details: () => [errorDetails(error) ?? String(error)],
        });
      }
      kit.keepingFocus(renderResult);
    });
  }

  function conflictSection(done: Extract<State, { status: "done" }>, view: ConflictListView): HTMLElement {
    const headingId = "aic-refresh-conflicts";
    return h("div", { className: "aic-conflicts", attrs: { role: "group", "aria-labelledby": headingId } }, [
      h("h3", { attrs: { id: headingId } }, kit.msg(view.heading)),
      h("p", { className: "aic-muted" }, [kit.tr("refreshConflictsIntro")]),
      h(
        "ul",
        { className: "aic-conflict-list" },
        view.rows.map((row) =>
          h("li", { className: "aic-conflict", attrs: { "data-conflict-id": row.id } }, [
            // The list's data (names, values, formulas) inside the merge's sentence: shown as data, never as markup.
            markData(h("span", { className: "aic-conflict-text" }, [row.text]), false),
            row.taken
              ? h("span", { className: "aic-muted aic-conflict-taken" }, [kit.tr("refreshTaken")])
              : kit.actionButton(kit.tr("refreshTakeTheirs"), {
                  label: kit.tr("refreshTakeTheirsLabel", { cell: row.address }),
                  focusKey: `conflict:${row.id}`,
                  small: true,
                  needs: "excel",
                  fn: "takeTheirs",
                  onClick: () => void takeTheirs(done, [row.conflict]),
                }),
          ]),
        ),
      ),
      view.open.length > 1
        ? h("div", { className: "aic-actions" }, [
            kit.actionButton(kit.tr("refreshTakeTheirsAll"), { focusKey: "conflict:all", needs: "excel", fn: "takeTheirs", onClick: () => confirmTakeAll(done, view.open) }),
          ])
        : null,
    ]);
  }

  // ---- rendering ----
  function titleOf(view: TableResultView) {
    const title = view.listId ? deps.listTitle?.(view.listId) : null;
    return title
      ? kit.msg({ key: "refreshListOnSheet", params: { title, sheet: view.sheetName }, data: ["title", "sheet"] })
      : kit.msg({ key: "refreshTableOnSheet", params: { sheet: view.sheetName }, data: ["sheet"] });
  }

  function tableItem(view: TableResultView): HTMLElement {
    return h("li", { className: `aic-result aic-tone-${view.tone}`, attrs: { "data-table-id": view.tableId } }, [
      // Named by its list's title where the catalog or a feed knows the list, else by its sheet: never by the
      // internal table name (AIC_huaxin_…), which says nothing to the analyst.
      h("p", { className: "aic-result-title", attrs: { "data-table-name": view.tableName } }, titleOf(view)),
      h("p", { className: "aic-result-status" }, kit.msg(view.status)),
      view.changes.length > 0
        ? // describeDiff's lines, already in the chosen language (src/picks' words around the list's data): shown as data.
          h("ul", { className: "aic-change-list" }, view.changes.map((line) => markData(h("li", {}, [line]), false)))
        : null,
      ...view.notes.map((n) => h("p", { className: "aic-result-note" }, kit.msg(n))),
      // src/excel's or a feed's words (English): under Details.
      rawDetails(kit.tr("detailsSummary"), [view.reason]),
    ]);
  }

  function renderResult() {
    result.setAttribute("aria-busy", String(state.status === "running"));
    const lang = kit.lang();
    if (state.status === "idle") {
      replaceContent(result, []);
      return;
    }
    if (state.status === "running") {
      const target = state.target;
      const done = state.done.map((o) => refreshReportView({ outcomes: [o], orphans: [], unreadable: [], error: null, syncCount: 0 }, target, lang).tables[0]!);
      replaceContent(result, [done.length > 0 ? h("ul", { className: "aic-result-list" }, done.map(tableItem)) : null]);
      return;
    }
    // The summary and the records left alone are the tab's message (showOutcome); each table's result is listed here.
    const done = state;
    const view = refreshReportView(done.report, done.target, lang, done.blocked);
    const children: Child[] = [];
    if (view.tables.length > 0) children.push(h("ul", { className: "aic-result-list" }, view.tables.map(tableItem)));
    const conflicts = conflictListView(done.report, lang, done.taken);
    if (conflicts) children.push(conflictSection(done, conflicts));
    if (view.originsToAllow.length > 0 && !done.offerDismissed && deps.origins) {
      const origins = view.originsToAllow;
      children.push(
        h("div", { className: "aic-confirm" }, [
          h("p", {}, kit.msg({ key: "originsOffer", params: { origins: origins.join(", ") }, data: ["origins"] })),
          h("div", { className: "aic-actions" }, [
            kit.actionButton(kit.tr("allowAndReload"), { focusKey: "refresh:allow", primary: true, needs: null, onClick: () => confirmReload(done.target, origins) }),
            kit.actionButton(kit.tr("notNowButton"), {
              focusKey: "refresh:dismiss",
              needs: null,
              onClick: () => {
                done.offerDismissed = true;
                renderResult();
                heading.focus();
              },
            }),
          ]),
        ]),
      );
    }
    replaceContent(result, children);
  }

  function renderButtons() {
    replaceContent(
      actions,
      BUTTONS.map((b) =>
        kit.actionButton(kit.tr(b.key), { focusKey: b.focusKey, needs: "refresh", fn: "refresh", reasonId: IDS.note, onClick: () => void refresh(b.target) }),
      ),
    );
    const host = kit.host();
    const reason = host.kind === "checking" ? null : host.kind !== "excel" || !host.refresh ? "needsExcel" : host.refreshSupported === false ? "refreshNeedsApi" : null;
    note.textContent = reason ? kit.tr(reason) : "";
    note.hidden = reason === null;
  }

  function render() {
    messages.render();
    heading.textContent = kit.tr("refreshHeading");
    heading.setAttribute("tabindex", "-1");
    intro.textContent = kit.tr("refreshIntro");
    renderButtons();
    renderResult();
  }

  return {
    section: sectionEl,
    messages,
    render,
    hostChanged: () => kit.keepingFocus(renderButtons),
    resume: async (target, origins) => {
      const allowed = deps.fetcher().allowed;
      if (origins.some((o) => !allowed.includes(o))) {
        // The origins did not persist across the reload (storage blocked): offering again would loop.
        messages.show({ intent: "error", topic: "refresh", body: () => [kit.tr("feedsUnavailable")] });
        return;
      }
      kit.announce(kit.tr("originsResumed", { origins: origins.join(", ") }));
      await refresh(target);
    },
  };
}
