/**
 * What a taskpane section built outside app.ts (feeds, refresh, compare and model, share) gets from the
 * app: the language and its words, where the page runs, the one-action-at-a-time gate, the screen
 * reader announcer, and buttons that follow the app's rules (disabled with a reason when the host
 * cannot do it, aria-disabled while another action runs). Also the shapes of the Excel functions the
 * host provides, so the sections and the tests share them.
 */
import type { CompareSheetOptions, CompareSheetResult } from "../excel/compareSheet";
import type { ComputeSheetOptions, ComputeSheetResult } from "../excel/computeSheet";
import type { FreezeOptions, FreezeResult, RestoreOptions, RestoreResult } from "../excel/freeze";
import type { ListFetcher, RefreshConflict, RefreshOptions, RefreshReport, RefreshTarget } from "../excel/refresh";
import type { TakeTheirsResult } from "../excel/conflicts";
import type { NameEntry } from "../picks/importer/names";
import type { WorkbookLists } from "../excel/workbookLists";
import type { ListOrigin } from "../picks/sources";
import type { PickList } from "../picks/types";
import type { Child } from "./dom";
import type { Lang, StringKey, StringParams } from "./i18n";
import type { MessageArea } from "./message-bar";
import type { InsertOutcome, Msg } from "./messages";

export interface InsertCallOptions {
  language: Lang;
  onProgress?: (rowsWritten: number, totalRows: number) => void;
  /** Where the list came from, recorded in the workbook so a refresh finds it again. */
  source?: ListOrigin;
}

export type InsertFunction = (list: PickList, options: InsertCallOptions) => Promise<InsertOutcome>;
export type RefreshFunction = (target: RefreshTarget, fetchList: ListFetcher, options: RefreshOptions) => Promise<RefreshReport>;
export type CompareFunction = (lists: readonly PickList[], options: CompareSheetOptions) => Promise<CompareSheetResult>;
export type ComputeSheetFunction = (options: ComputeSheetOptions) => Promise<ComputeSheetResult>;
export type FreezeFunction = (options: FreezeOptions) => Promise<FreezeResult>;
export type RestoreFunction = (options: RestoreOptions) => Promise<RestoreResult>;
/** Name → ticker pairs of the add-in's tables in the workbook (src/excel/workbookNames.ts). */
export type WorkbookNamesFunction = () => Promise<NameEntry[]>;
/** Writes the broker's value into conflicts a refresh reported (src/excel/conflicts.ts). */
export type TakeTheirsFunction = (conflicts: readonly RefreshConflict[]) => Promise<TakeTheirsResult>;

/** The taskpane in Excel: the insert, and (where the host provides them) the other workbook actions. */
export interface ExcelHost {
  kind: "excel";
  insert: InsertFunction;
  refresh?: RefreshFunction;
  /** False when Excel lacks REFRESH_REQUIREMENT (Office.context.requirements.isSetSupported). */
  refreshSupported?: boolean;
  compare?: CompareFunction;
  computeSheet?: ComputeSheetFunction;
  freeze?: FreezeFunction;
  restore?: RestoreFunction;
  takeTheirs?: TakeTheirsFunction;
  /** Name → ticker pairs of the add-in's tables in the workbook, for the importer (src/excel/workbookNames.ts). */
  workbookNames?: WorkbookNamesFunction;
  /** The pick lists the workbook holds (src/excel/workbookLists.ts), for AIC.PICK/PICKS/STOCK. */
  workbookLists?: () => Promise<WorkbookLists>;
}

/** Where the taskpane runs. Only "excel" comes with functions that write to a workbook. */
export type HostState = { kind: "checking" } | { kind: "outside" } | ExcelHost;

/** What an action button needs: Excel (with the function), or Excel that can refresh, or nothing. */
export type ActionNeed = "excel" | "refresh" | null;

export interface ActionButtonOptions {
  /** The accessible name when it must say more than the text ("Remove the feed “Focus”"). */
  label?: string;
  focusKey: string;
  primary?: boolean;
  small?: boolean;
  needs: ActionNeed;
  /** For needs "excel": which host function must be there (e.g. "compare"). */
  fn?: keyof Omit<ExcelHost, "kind" | "refreshSupported">;
  /** Takes the workbook lock (see PaneKit.run): aria-disabled while another workbook action runs. Default: needs !== null. */
  workbook?: boolean;
  onClick: () => void;
  type?: "button" | "submit";
  /** The element that says why the button is disabled (aria-describedby); default the host banner. */
  reasonId?: string;
}

/** Where a previewed list came from (for its buttons' focus keys). */
export type PreviewOrigin =
  | { from: "catalog"; id: string }
  | { from: "import"; index: number }
  | { from: "feed"; feedId: string; listId: string };

export interface PaneKit {
  lang(): Lang;
  tr(key: StringKey, params?: StringParams): string;
  /** A message as DOM children: its words as text, each data parameter as a data span. */
  msg(message: Msg): Child[];
  host(): HostState;
  /**
   * True while a workbook action runs (insert, refresh, compare, compute sheet, freeze, restore): their
   * buttons are aria-disabled then. Feeds and parsing never take it: they run in the background.
   */
  busy(): boolean;
  /** Runs `action` as the one running workbook action; false (and nothing run) when another is running. Never throws. */
  run(action: () => Promise<void>): Promise<boolean>;
  announce(text: string): void;
  /** Re-render, putting focus back on the element with the same data-focus-key. */
  keepingFocus(render: () => void): void;
  actionButton(text: string, options: ActionButtonOptions): HTMLElement;
  /** Is what `need` (and `fn`) asks for available now? */
  available(need: ActionNeed, fn?: ActionButtonOptions["fn"]): boolean;
  /**
   * Inserts `list` into Excel (validated again first), recording `source` in the workbook: progress
   * per chunk and the outcome go to `messages`, the message area of the tab it was started from.
   */
  insertList(list: PickList, source: ListOrigin, messages: MessageArea): Promise<void>;
  /** Builds a tab's message area (see message-bar.ts); `focusAfterDismiss` is usually the tab's heading. */
  messageArea(name: string, focusAfterDismiss: () => HTMLElement | null): MessageArea;
}
