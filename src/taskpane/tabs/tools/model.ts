/**
 * View models of the workbook tools: the broker comparison (how many tickers the brokers share, before
 * and after it is inserted), the Sora compute sheet, and Freeze / Restore — their results in words,
 * as keys and parameters (Msg) so they read in the language chosen when shown. Pure: no DOM, no Office.
 */
import { qualifiedAddress } from "../../../excel/a1";
import type { CompareSheetResult } from "../../../excel/compareSheet";
import type { ComputeSheetResult } from "../../../excel/computeSheet";
import type { FreezeResult, RestoreResult } from "../../../excel/freeze";
import { compareLists, sharedTickers } from "../../../picks/compare";
import type { PickList } from "../../../picks/types";
import type { Msg } from "../../messages";

/**
 * The lists a comparison covers: the catalog's, then the feeds' — a feed serving a list the catalog
 * has too (same id) replaces it, being its newer copy — each id once.
 */
export function listsToCompare(catalog: readonly PickList[], feeds: readonly PickList[]): PickList[] {
  const byId = new Map<string, PickList>();
  for (const list of [...catalog, ...feeds]) byId.set(list.id, list);
  return [...byId.values()];
}

export interface CompareOverview {
  lists: number;
  brokers: number;
  tickers: number;
  /** Tickers named by two brokers or more (src/picks/compare.ts's sharedTickers). */
  shared: number;
}

export function compareOverview(lists: readonly PickList[]): CompareOverview {
  const comparison = compareLists(lists);
  return { lists: lists.length, brokers: comparison.brokers.length, tickers: comparison.rows.length, shared: sharedTickers(comparison).length };
}

export function compareOverviewMsg(overview: CompareOverview): Msg {
  if (overview.lists === 0) return { key: "compareNoLists" };
  return { key: "compareOverview", params: { ...overview } };
}

export function compareDoneMsg(result: CompareSheetResult): Msg {
  return {
    key: "compareDone",
    params: {
      sheet: result.sheetName,
      table: result.tableName,
      // "'Broker comparison'!A5:T57" → "A5:T57": the sheet is already named in the sentence.
      address: result.tableAddress.replace(/^.*!/, ""),
      rows: result.rowCount,
      shared: result.sharedCount,
    },
    data: ["sheet", "table"],
  };
}

export function computeDoneMsgs(result: ComputeSheetResult): Msg[] {
  const outputs = Object.keys(result.outputs).length;
  const inputs = result.names.length - outputs;
  // The names are the inputs', then the outputs' (computeSheet.ts): the first output is the example.
  const example = result.names[inputs]?.name ?? result.names[0]?.name ?? "";
  const msgs: Msg[] = [{ key: "computeDone", params: { sheet: result.sheetName, inputs, outputs, example }, data: ["sheet", "example"] }];
  const local = result.names.filter((n) => n.scope === "sheet").map((n) => n.name);
  if (local.length > 0)
    msgs.push({ key: local.length === 1 ? "computeSheetNamesOne" : "computeSheetNames", params: { count: local.length, names: local.join(", ") }, data: ["names"] });
  return msgs;
}

export interface FreezeView {
  summary: Msg;
  /** Per sheet: "“Sheet”: 17 cells". */
  sheets: Msg[];
  notes: Msg[];
}

export function freezeView(result: FreezeResult): FreezeView {
  if (result.frozenCells === 0) return { summary: { key: "freezeNone" }, sheets: [], notes: [] };
  const errors = result.sheets.reduce((n, s) => n + s.errorCells, 0);
  return {
    summary: { key: result.frozenCells === 1 ? "freezeDoneOne" : "freezeDone", params: { count: result.frozenCells } },
    sheets: result.sheets
      .filter((s) => s.frozenCells > 0)
      .map((s) => ({ key: s.frozenCells === 1 ? "sheetCellsOne" : "sheetCells", params: { sheet: s.sheetName, count: s.frozenCells }, data: ["sheet"] })),
    notes: errors > 0 ? [{ key: errors === 1 ? "freezeErrorsOne" : "freezeErrors", params: { count: errors } }] : [],
  };
}

export interface RestoreView {
  summary: Msg;
  sheets: Msg[];
  /** Present when cells were left alone: the lead sentence, then each cell with the formula it had. */
  skippedLead: Msg | null;
  skipped: Msg[];
}

export function restoreView(result: RestoreResult): RestoreView {
  if (result.sheets.length === 0) return { summary: { key: "restoreNone" }, sheets: [], skippedLead: null, skipped: [] };
  const skipped: Msg[] = result.sheets.flatMap((s) =>
    s.skipped.map((skip) => ({
      key: skip.reason === "formula" ? ("restoreSkipFormula" as const) : ("restoreSkipValue" as const),
      params: { address: qualifiedAddress(s.sheetName, skip.address), formula: skip.formula },
      data: ["address", "formula"],
    })),
  );
  return {
    summary: { key: result.restoredCells === 1 ? "restoreDoneOne" : "restoreDone", params: { count: result.restoredCells } },
    sheets: result.sheets
      .filter((s) => s.restoredCells > 0)
      .map((s) => ({ key: s.restoredCells === 1 ? "sheetCellsOne" : "sheetCells", params: { sheet: s.sheetName, count: s.restoredCells }, data: ["sheet"] })),
    skippedLead: skipped.length > 0 ? { key: skipped.length === 1 ? "restoreSkippedOne" : "restoreSkipped", params: { count: skipped.length } } : null,
    skipped,
  };
}
