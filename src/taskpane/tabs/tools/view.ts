/**
 * Two sections of workbook tools:
 * - Compare and model: the broker comparison across the catalog's and the feeds' lists (how many tickers
 *   the brokers share is shown before anything is inserted), and the Sora compute sheet;
 * - Share the workbook: Freeze for sharing and Restore formulas, for the whole workbook or the active sheet.
 * Each runs one src/excel function. Each section says what came of its tools where they are: its progress
 * and its outcome (done, or why not, with Retry and Office's raw words under Details) are its own message
 * area, directly under its own heading (tabSection): "tools" for Compare and model, "share" for Share the
 * workbook. Dismissing a bar puts focus back on its section's heading. What a result lists (the sheets
 * frozen, the cells left alone) stays below the tool's buttons.
 *
 * Clearing: any tool that starts clears the bars of BOTH sections, so the tab shows one outcome at a time,
 * as every other tab does. Every tool here writes to the workbook, so an older outcome from the other
 * section may no longer be true ("Froze 63 AIC cells." beside a comparison that has just added live
 * AIC formulas).
 */
import type { CompareSheetResult } from "../../../excel/compareSheet";
import type { ComputeSheetResult } from "../../../excel/computeSheet";
import type { FreezeResult, RestoreResult } from "../../../excel/freeze";
import type { PickList } from "../../../picks/types";
import { h, replaceContent, type Child } from "../../dom";
import type { Msg } from "../../messages";
import { errorDetails, errorSentence, insertProgressText } from "../../messages";
import type { PaneKit } from "../../pane";
import { compareDoneMsg, compareOverview, compareOverviewMsg, computeDoneMsgs, freezeView, restoreView } from "./model";
import { tabSection, type MessageArea, type MessageSpec } from "../../message-bar";
import { markData } from "../../ui";

export interface ToolsPaneDeps {
  /** The lists to compare (catalog and feeds; see tools-model listsToCompare), or null while the catalog loads. */
  lists(): PickList[] | null;
}

export interface ToolsPane {
  /** Compare and model's messages ("tools"), under that section's heading (tabSection). */
  messages: MessageArea;
  /** Share the workbook's messages ("share"), under that section's heading (tabSection). */
  shareMessages: MessageArea;
  analysisSection: HTMLElement;
  shareSection: HTMLElement;
  render(): void;
  /** The host or the lists changed: buttons, notes and the comparison's counts follow. */
  refreshState(): void;
}

type Run<R> =
  | { status: "idle" }
  | { status: "running"; done: number; total: number }
  | { status: "done"; result: R }
  | { status: "failed"; error: unknown };

type ShareState = { kind: "freeze"; run: Run<FreezeResult> } | { kind: "restore"; run: Run<RestoreResult> } | null;

const IDS = {
  analysisHeading: "aic-analysis-heading",
  compareHeading: "aic-compare-heading",
  computeHeading: "aic-compute-heading",
  shareHeading: "aic-share-heading",
  analysisNote: "aic-analysis-note",
  shareNote: "aic-share-note",
  scopeWorkbook: "aic-scope-workbook",
  scopeSheet: "aic-scope-sheet",
} as const;

export function createToolsPane(kit: PaneKit, deps: ToolsPaneDeps): ToolsPane {
  let compare: Run<CompareSheetResult> = { status: "idle" };
  let compute: Run<ComputeSheetResult> = { status: "idle" };
  let share: ShareState = null;

  // ---- Compare and model ----
  const analysisHeading = h("h2", { attrs: { tabindex: -1 } });
  const messages = kit.messageArea("tools", () => analysisHeading);
  const analysisNote = h("p", { className: "aic-muted aic-needs-note", attrs: { id: IDS.analysisNote } });
  const compareHeading = h("h3", { className: "aic-subheading", attrs: { id: IDS.compareHeading } });
  const compareIntro = h("p", { className: "aic-intro" });
  const compareOverviewEl = h("p", { className: "aic-overview" });
  const compareActions = h("div", { className: "aic-actions" });
  const compareResult = h("div", { className: "aic-result-area" });
  const computeHeading = h("h3", { className: "aic-subheading", attrs: { id: IDS.computeHeading } });
  const computeIntro = h("p", { className: "aic-intro" });
  const computeActions = h("div", { className: "aic-actions" });
  const computeResult = h("div", { className: "aic-result-area" });
  const analysisSection = tabSection(
    IDS.analysisHeading,
    analysisHeading,
    messages,
    [
      analysisNote,
      h("div", { className: "aic-tool aic-tool-compare", attrs: { role: "group", "aria-labelledby": IDS.compareHeading } }, [
        compareHeading,
        compareIntro,
        compareOverviewEl,
        compareActions,
        compareResult,
      ]),
      h("div", { className: "aic-tool aic-tool-compute", attrs: { role: "group", "aria-labelledby": IDS.computeHeading } }, [
        computeHeading,
        computeIntro,
        computeActions,
        computeResult,
      ]),
    ],
    "aic-section-analysis",
  );

  // ---- Share ----
  const shareHeading = h("h2");
  const shareMessages = kit.messageArea("share", () => shareHeading);
  const shareIntro = h("p", { className: "aic-intro" });
  const scopeLegend = h("legend", { className: "aic-label" });
  const scopeWorkbook = h("input", { attrs: { type: "radio", name: "aic-share-scope", id: IDS.scopeWorkbook, value: "workbook", checked: true } });
  const scopeSheet = h("input", { attrs: { type: "radio", name: "aic-share-scope", id: IDS.scopeSheet, value: "sheet" } });
  const scopeWorkbookLabel = h("label", { className: "aic-check-label", attrs: { for: IDS.scopeWorkbook } });
  const scopeSheetLabel = h("label", { className: "aic-check-label", attrs: { for: IDS.scopeSheet } });
  const scopeGroup = h("fieldset", { className: "aic-radio-group" }, [
    scopeLegend,
    h("div", { className: "aic-check" }, [scopeWorkbook, scopeWorkbookLabel]),
    h("div", { className: "aic-check" }, [scopeSheet, scopeSheetLabel]),
  ]);
  const shareActions = h("div", { className: "aic-actions" });
  const shareNote = h("p", { className: "aic-muted aic-needs-note", attrs: { id: IDS.shareNote } });
  const shareResult = h("div", { className: "aic-result-area" });
  const shareSection = tabSection(IDS.shareHeading, shareHeading, shareMessages, [shareIntro, scopeGroup, shareActions, shareNote, shareResult], "aic-section-share");

  const msgText = (m: Msg) => kit.tr(m.key, m.params);

  /** A tool starts: both sections' outcomes go (one outcome per tab; see the module comment). */
  function clearMessages() {
    messages.clear();
    shareMessages.clear();
  }

  // ---- actions ----
  async function runCompare() {
    await kit.run(async () => {
      clearMessages();
      const host = kit.host();
      const lists = deps.lists();
      if (host.kind !== "excel" || !host.compare || !lists) return;
      const running = { status: "running" as const, done: 0, total: 0 };
      compare = running;
      showCompareProgress(running);
      kit.announce(kit.tr("compareRunning"));
      try {
        const result = await host.compare(lists, {
          language: kit.lang(),
          onProgress: (done, total) => {
            if (compare !== running) return;
            running.done = done;
            running.total = total;
            showCompareProgress(running);
          },
        });
        compare = { status: "done", result };
        messages.progress(null);
        messages.show({ intent: "success", topic: "compare", body: () => kit.msg(compareDoneMsg(result)) });
      } catch (error) {
        compare = { status: "failed", error };
        messages.progress(null);
        messages.show(failure("compare", "compareFailed", error, runCompare));
      }
      kit.keepingFocus(renderCompare);
    });
  }

  async function runCompute() {
    await kit.run(async () => {
      clearMessages();
      const host = kit.host();
      if (host.kind !== "excel" || !host.computeSheet) return;
      compute = { status: "running", done: 0, total: 0 };
      messages.progress({ label: kit.tr("computeRunning") });
      kit.announce(kit.tr("computeRunning"));
      try {
        const result = await host.computeSheet({ language: kit.lang() });
        compute = { status: "done", result };
        messages.progress(null);
        // The result, then (a second compute sheet) the names it keeps for itself, as a line under it.
        const [lead, ...rest] = computeDoneMsgs(result);
        messages.show({ intent: "success", topic: "compute", body: () => kit.msg(lead!), items: () => rest.map((m) => kit.msg(m)) });
      } catch (error) {
        compute = { status: "failed", error };
        messages.progress(null);
        messages.show(failure("compute", "computeFailed", error, runCompute));
      }
      kit.keepingFocus(renderCompute);
    });
  }

  async function runShare(kind: "freeze" | "restore") {
    await kit.run(async () => {
      clearMessages();
      const host = kit.host();
      const fn = host.kind === "excel" ? (kind === "freeze" ? host.freeze : host.restore) : undefined;
      if (host.kind !== "excel" || !fn) return;
      const scope = scopeSheet.checked ? { activeSheet: true } : {};
      share = kind === "freeze" ? { kind, run: { status: "running", done: 0, total: 0 } } : { kind, run: { status: "running", done: 0, total: 0 } };
      kit.keepingFocus(renderShareResult);
      shareMessages.progress({ label: kit.tr(kind === "freeze" ? "freezeRunning" : "restoreRunning") });
      kit.announce(kit.tr(kind === "freeze" ? "freezeRunning" : "restoreRunning"));
      try {
        if (kind === "freeze") {
          const result = await host.freeze!(scope);
          share = { kind, run: { status: "done", result } };
          const view = freezeView(result);
          shareMessages.progress(null);
          // Cells that held an error were frozen as that error: a warning, said under the summary.
          shareMessages.show({
            intent: result.frozenCells === 0 ? "info" : view.notes.length > 0 ? "warning" : "success",
            topic: "freeze",
            body: () => kit.msg(view.summary),
            items: () => view.notes.map((m) => kit.msg(m)),
          });
        } else {
          const result = await host.restore!(scope);
          share = { kind, run: { status: "done", result } };
          const view = restoreView(result);
          shareMessages.progress(null);
          // Cells left alone (the analyst wrote over them): a warning; each cell is listed below.
          shareMessages.show({
            intent: result.sheets.length === 0 ? "info" : view.skippedLead ? "warning" : "success",
            topic: "restore",
            body: () => kit.msg(view.summary),
            items: () => (view.skippedLead ? [kit.msg(view.skippedLead)] : []),
          });
        }
      } catch (error) {
        share = kind === "freeze" ? { kind, run: { status: "failed", error } } : { kind, run: { status: "failed", error } };
        shareMessages.progress(null);
        shareMessages.show(failure(kind, kind === "freeze" ? "freezeFailed" : "restoreFailed", error, () => runShare(kind)));
      }
      kit.keepingFocus(renderShareResult);
    });
  }

  // ---- rendering ----
  /** The comparison's progress in its section's message area: rows written so far once it says, else indeterminate. */
  function showCompareProgress(run: { done: number; total: number }) {
    const label = kit.tr("compareRunning");
    messages.progress(run.total > 0 ? { label, value: run.done, max: run.total, detail: insertProgressText(run.done, run.total, kit.lang()) } : { label });
  }

  /** A tool that failed: the sentence in the page's language, Office's raw words under Details, and Retry. */
  function failure(
    topic: string,
    key: "compareFailed" | "computeFailed" | "freezeFailed" | "restoreFailed",
    error: unknown,
    retry: () => Promise<void>,
  ): MessageSpec {
    return {
      intent: "error",
      topic,
      body: () => [kit.tr(key, { reason: errorSentence(error, kit.lang()) })],
      details: () => {
        const raw = errorDetails(error);
        return raw ? [raw] : [];
      },
      retry: () => void retry(),
    };
  }

  /** The counts, or none: a list the comparison cannot read must not take the section down with it. */
  function overviewOf(lists: PickList[]): Child[] {
    try {
      return kit.msg(compareOverviewMsg(compareOverview(lists)));
    } catch {
      return [];
    }
  }

  function renderCompare() {
    const lists = deps.lists();
    replaceContent(compareOverviewEl, lists === null ? [kit.tr("compareWaiting")] : overviewOf(lists));
    compareResult.setAttribute("aria-busy", String(compare.status === "running"));
  }

  function renderCompute() {
    computeResult.setAttribute("aria-busy", String(compute.status === "running"));
  }

  function renderShareResult() {
    shareResult.setAttribute("aria-busy", String(share?.run.status === "running"));
    const children: Child[] = [];
    // The summary is the section's message; here, what it counted: each sheet, and each cell left alone.
    if (share?.kind === "freeze" && share.run.status === "done") {
      const view = freezeView(share.run.result);
      if (view.sheets.length > 0) children.push(h("ul", { className: "aic-plain-list" }, view.sheets.map((m) => h("li", {}, kit.msg(m)))));
    } else if (share?.kind === "restore" && share.run.status === "done") {
      const view = restoreView(share.run.result);
      if (view.sheets.length > 0) children.push(h("ul", { className: "aic-plain-list" }, view.sheets.map((m) => h("li", {}, kit.msg(m)))));
      // Each cell with the formula it had: data, shown as written (a formula is never translated).
      if (view.skippedLead)
        children.push(h("ul", { className: "aic-skip-list", attrs: { "aria-label": msgText(view.skippedLead) } }, view.skipped.map((m) => markData(h("li", {}, kit.msg(m)), false))));
    }
    replaceContent(shareResult, children);
  }

  function noteFor(fnsAvailable: boolean): string | null {
    const host = kit.host();
    if (host.kind === "checking") return null;
    return host.kind !== "excel" || !fnsAvailable ? kit.tr("needsExcel") : null;
  }

  function renderButtons() {
    const host = kit.host();
    replaceContent(compareActions, [
      kit.actionButton(kit.tr("compareButton"), { focusKey: "tool:compare", needs: "excel", fn: "compare", reasonId: IDS.analysisNote, onClick: () => void runCompare() }),
    ]);
    replaceContent(computeActions, [
      kit.actionButton(kit.tr("computeButton"), { focusKey: "tool:compute", needs: "excel", fn: "computeSheet", reasonId: IDS.analysisNote, onClick: () => void runCompute() }),
    ]);
    replaceContent(shareActions, [
      kit.actionButton(kit.tr("freezeButton"), { focusKey: "tool:freeze", needs: "excel", fn: "freeze", reasonId: IDS.shareNote, onClick: () => void runShare("freeze") }),
      kit.actionButton(kit.tr("restoreButton"), { focusKey: "tool:restore", needs: "excel", fn: "restore", reasonId: IDS.shareNote, onClick: () => void runShare("restore") }),
    ]);
    const analysis = noteFor(host.kind === "excel" && !!host.compare && !!host.computeSheet);
    analysisNote.textContent = analysis ?? "";
    analysisNote.hidden = analysis === null;
    const shareReason = noteFor(host.kind === "excel" && !!host.freeze && !!host.restore);
    shareNote.textContent = shareReason ?? "";
    shareNote.hidden = shareReason === null;
  }

  function render() {
    messages.render();
    shareMessages.render();
    analysisHeading.textContent = kit.tr("analysisHeading");
    compareHeading.textContent = kit.tr("compareHeading");
    compareIntro.textContent = kit.tr("compareIntro");
    computeHeading.textContent = kit.tr("computeHeading");
    computeIntro.textContent = kit.tr("computeIntro");
    shareHeading.textContent = kit.tr("shareHeading");
    shareIntro.textContent = kit.tr("shareIntro");
    scopeLegend.textContent = kit.tr("shareScope");
    scopeWorkbookLabel.textContent = kit.tr("scopeWorkbook");
    scopeSheetLabel.textContent = kit.tr("scopeSheet");
    renderButtons();
    renderCompare();
    renderCompute();
    renderShareResult();
  }

  return {
    messages,
    shareMessages,
    analysisSection,
    shareSection,
    render,
    refreshState: () =>
      kit.keepingFocus(() => {
        renderButtons();
        renderCompare();
      }),
  };
}
