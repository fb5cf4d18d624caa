/**
 * "Freeze for sharing" and "Restore formulas".
 *
 * Freeze replaces every AIC.* formula in the workbook (or one sheet) by the value it shows, so a
 * colleague without the add-in sees numbers instead of #NAME?, and records each formula in the
 * workbook so that Restore can put it back exactly (structured references included) — the live P/E
 * columns of inserted tables are ordinary cells here: freezing writes values over the calculated column
 * and restoring writes the same formula back into every cell, which Excel turns into a calculated
 * column again.
 *
 * Where the formulas are kept: workbook settings (Excel.SettingCollection, ExcelApi 1.4), private to
 * the add-in and saved in the file, one record per sheet keyed by the sheet's id (stable across
 * renames): "aic.frozen.<sheet id>" holds the head (sheet name, chunk count, first blocks) and
 * "aic.frozen.<sheet id>.<n>" the further chunks, each at most `settingChunkChars` characters of JSON
 * (32,000 by default, well under any per-setting limit), so a large sheet never makes one huge setting.
 * Runs of cells with one formula (a calculated column) store the formula once. No cell notes or
 * comments: notes need ExcelApi 1.18 and comments (1.10) are visible, editable threads — one per cell of
 * a frozen column would bury the sheet — while a colleague without the add-in could not use the formula
 * anyway (AIC.* needs the add-in); the record is invisible, travels with the file and is removed by
 * Restore. A sheet copied into another workbook leaves its record behind: the copy stays frozen.
 *
 * Error values: Excel cannot be handed an error value through `values`, so an error a formula shows
 * (#N/A from AIC.FWD_PE with no forecast, #NUM! for a loss-making year) is written as its text with
 * Excel's literal prefix ('#N/A): a colleague sees "#N/A" in the cell, as text (ISERROR is FALSE on it).
 * Text results are written the same way, so a result such as "=1" or "0001" stays text.
 *
 * Spills: a formula that spills (AIC.* given a range) is frozen as its whole spill range, and restored
 * only when every cell of that range is unchanged (the range is cleared, then the formula written back).
 *
 * Restore puts a formula back only where the cell still shows the frozen value; a cell the user changed
 * afterwards (another value, or a formula of their own) is left alone and reported with its formula.
 * The record is removed either way. Freezing a sheet that is already frozen adds to its record (later
 * entries win on restore). A formula still calculating (#BUSY!) stops the freeze before anything is
 * written.
 *
 * Round trips (context.sync calls), bounded whatever the workbook's size:
 *   freeze:  1 list the sheets; 1 read every sheet's used range (formulas and values, one request for
 *            all sheets) with its record head; 1 spill check of the AIC.* cells that could spill (only
 *            when there are any: cells without a this-row table reference; 2,000 per request); then
 *            the writes, records first, in requests under the payload budget (1 for any realistic sheet).
 *            A frozen pick-list workbook: 3 syncs; with the compute sheet: 4.
 *   restore: 1 list the sheets; 1 read the record heads; 1 read the further chunks and the used ranges
 *            of frozen sheets; then the writes (formulas first, records deleted last): 4 in general.
 *
 * Where each part lives: finding AIC.* formulas (aicFormulas.ts), frozen values (frozenValues.ts), the
 * record kept in the workbook (frozenRecord.ts), what restore puts back (restorePlan.ts), restore itself
 * (restore.ts), the sheets and cells both read (frozenSheets.ts), writes under the payload budget
 * (chunks.ts). This module holds freeze and re-exports the rest, so importers keep one path.
 */
import { cellAddress, parseRangeAddress, type CellBlock } from "./a1";
import { couldSpill, scanAicCells } from "./aicFormulas";
import { DEFAULT_PAYLOAD_BUDGET_BYTES, OPERATION_OVERHEAD_BYTES, jsonBytes, sendInBatches, type WriteOp } from "./chunks";
import {
  DEFAULT_SETTING_CHUNK_CHARS,
  FROZEN_CHUNK_FORMAT,
  FROZEN_HEAD_FORMAT,
  FROZEN_RECORD_VERSION,
  FreezeError,
  cellKey,
  frozenSettingKey,
  packBlocks,
  parseFrozenSheetRecord,
  planFrozenBlocks,
  type FrozenChunkRecord,
  type FrozenSheetRecord,
} from "./frozenRecord";
import { listSheets, settingValue, UsedCells, type SheetScope, type Sync } from "./frozenSheets";
import { encodeFrozenValue, isErrorText, type FrozenValue } from "./frozenValues";
import { SyncCounter } from "./session";

export { couldSpill, formulaOf, isAicFormula, scanAicCells, type AicCell } from "./aicFormulas";
export { encodeFrozenValue, isErrorText, sameFrozenValue, toFrozenValue, valuesChecksum, type FrozenValue } from "./frozenValues";
export {
  DEFAULT_SETTING_CHUNK_CHARS,
  FROZEN_CHUNK_FORMAT,
  FROZEN_HEAD_FORMAT,
  FROZEN_RECORD_VERSION,
  FROZEN_SETTING_PREFIX,
  FreezeError,
  MAX_RUN_CELLS,
  frozenSettingKey,
  packBlocks,
  parseFrozenChunkRecord,
  parseFrozenSheetRecord,
  planFrozenBlocks,
  type FrozenBlock,
  type FrozenChunkRecord,
  type FrozenRun,
  type FrozenSheetRecord,
  type FrozenSpill,
} from "./frozenRecord";
export { planRestore, type CurrentCell, type RestorePlan, type RestoreSkip } from "./restorePlan";
export type { SheetScope } from "./frozenSheets";
export { restoreFormulas, runRestoreFormulas, type RestoreOptions, type RestoreResult, type RestoreSheetResult } from "./restore";

const SPILL_PROBES_PER_SYNC = 2_000;

/**
 * True where Range.getSpillingToRangeOrNullObject exists (ExcelApi 1.12; Microsoft 365 Excel from
 * Version 2008, Excel 2021, Excel on the web). Outside Office (tests) the caller decides.
 */
export function spillApiAvailable(): boolean {
  const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported(name: string, version: string): boolean } } } }).Office;
  const requirements = office?.context?.requirements;
  return requirements ? requirements.isSetSupported("ExcelApi", "1.12") : true;
}

export interface FreezeOptions extends SheetScope {
  /**
   * Look for spilling formulas (default: where the API exists, see spillApiAvailable). Without it a
   * spilling formula freezes to its top-left value only.
   */
  detectSpills?: boolean;
  /** Largest JSON text per setting key (tests lower it to force several chunks). */
  settingChunkChars?: number;
  /** Request budget for the writes. */
  payloadBudgetBytes?: number;
}

export interface FreezeSheetResult {
  sheetId: string;
  sheetName: string;
  /** Cells that held an AIC.* formula and now hold its value (a spill counts all its cells). */
  frozenCells: number;
  /** Of those, cells that showed an error and now hold its text ("#N/A"). */
  errorCells: number;
  /** Spilling formulas frozen as whole ranges. */
  spills: number;
  /** True when the sheet was frozen before and this freeze added to its record. */
  merged: boolean;
  /** Setting keys written. */
  settingKeys: string[];
}

export interface FreezeResult {
  sheets: FreezeSheetResult[];
  frozenCells: number;
  syncCount: number;
}

/** Freezes every AIC.* formula of the workbook (or `options.sheet`) behind `context`. */
export async function freezeFormulas(context: Excel.RequestContext, options: FreezeOptions = {}): Promise<FreezeResult> {
  const chunkChars = options.settingChunkChars ?? DEFAULT_SETTING_CHUNK_CHARS;
  const round = new SyncCounter(context);
  const sync: Sync = round.sync;
  const workbook = context.workbook;

  // 1. The sheets in scope.
  const sheets = await listSheets(context, options, sync);

  // 2. Every used range (formulas and values from one read) and the record head of every sheet.
  const reads = sheets.map((sheet) => {
    const used = workbook.worksheets.getItem(sheet.name).getUsedRange();
    used.load("rowIndex,columnIndex,formulas,values");
    const head = workbook.settings.getItemOrNullObject(frozenSettingKey(sheet.id));
    head.load("isNullObject,value");
    return { sheet, used, head };
  });
  await sync();
  const scanned = reads.map((r) => {
    const cells = scanAicCells(r.used.formulas, r.used.values, r.used.rowIndex, r.used.columnIndex);
    const lookup = new UsedCells(r.used.rowIndex, r.used.columnIndex, r.used.formulas, r.used.values);
    const headValue = settingValue(r.head);
    const existing = headValue === null ? null : parseFrozenSheetRecord(headValue);
    if (headValue !== null && existing === null) {
      throw new FreezeError(`the freeze record of sheet "${r.sheet.name}" (${frozenSettingKey(r.sheet.id)}) cannot be read; nothing was changed`);
    }
    return { sheet: r.sheet, cells, lookup, existing };
  });
  const busy = scanned.flatMap((s) => s.cells.filter((c) => c.value === "#BUSY!").map((c) => `${s.sheet.name}!${cellAddress(c.row, c.column)}`));
  if (busy.length > 0) {
    throw new FreezeError(`${busy.length} AIC cell(s) are still calculating (#BUSY!: ${busy.slice(0, 5).join(", ")}); try again when they show a value`);
  }

  // 3. Which formulas spill, and where to (only cells that could).
  const spillsBySheet = new Map<string, Map<string, CellBlock>>();
  const detectSpills = options.detectSpills ?? spillApiAvailable();
  const probes = detectSpills ? scanned.flatMap((s) => s.cells.filter(couldSpill).map((cell) => ({ sheet: s.sheet, cell }))) : [];
  for (let start = 0; start < probes.length; start += SPILL_PROBES_PER_SYNC) {
    const batch = probes.slice(start, start + SPILL_PROBES_PER_SYNC).map((p) => {
      const spill = workbook.worksheets.getItem(p.sheet.name).getRange(cellAddress(p.cell.row, p.cell.column)).getSpillingToRangeOrNullObject();
      spill.load("isNullObject,address");
      return { ...p, spill };
    });
    await sync();
    for (const p of batch) {
      if (p.spill.isNullObject) continue;
      const map = spillsBySheet.get(p.sheet.id) ?? new Map<string, CellBlock>();
      map.set(cellKey(p.cell.row, p.cell.column), parseRangeAddress(p.spill.address));
      spillsBySheet.set(p.sheet.id, map);
    }
  }

  // 4. Records first, then the values.
  const recordOps: WriteOp[] = [];
  const valueOps: WriteOp[] = [];
  const results: FreezeSheetResult[] = [];
  for (const s of scanned) {
    if (s.cells.length === 0) continue;
    const blocks = planFrozenBlocks(s.cells, spillsBySheet.get(s.sheet.id) ?? new Map(), (row, column) => s.lookup.value(row, column));
    const chunks = packBlocks(blocks, chunkChars);
    const settingKeys: string[] = [];
    const addSetting = (settingKey: string, value: FrozenSheetRecord | FrozenChunkRecord): void => {
      settingKeys.push(settingKey);
      recordOps.push({ bytes: jsonBytes(value) + OPERATION_OVERHEAD_BYTES, queue: () => workbook.settings.add(settingKey, value) });
    };
    const first = s.existing ? s.existing.chunkCount : 0;
    const head: FrozenSheetRecord = s.existing
      ? { ...s.existing, sheetName: s.sheet.name, chunkCount: s.existing.chunkCount + chunks.length }
      : { format: FROZEN_HEAD_FORMAT, version: FROZEN_RECORD_VERSION, sheetId: s.sheet.id, sheetName: s.sheet.name, chunkCount: chunks.length, blocks: chunks[0] ?? [] };
    addSetting(frozenSettingKey(s.sheet.id), head);
    chunks.forEach((blocksOfChunk, i) => {
      const index = first + i;
      if (index === 0) return; // a new head carries chunk 0
      addSetting(frozenSettingKey(s.sheet.id, index), {
        format: FROZEN_CHUNK_FORMAT,
        version: FROZEN_RECORD_VERSION,
        sheetId: s.sheet.id,
        index,
        blocks: blocksOfChunk,
      });
    });

    let frozenCells = 0;
    let errorCells = 0;
    let spills = 0;
    for (const block of blocks) {
      const area = parseRangeAddress(block.address);
      const values: FrozenValue[][] =
        block.kind === "run"
          ? block.values.map((v) => [v])
          : Array.from({ length: area.rowCount }, (_, i) => Array.from({ length: area.columnCount }, (_, j) => s.lookup.value(area.row + i, area.column + j)));
      if (block.kind === "spill") spills++;
      frozenCells += area.rowCount * area.columnCount;
      errorCells += values.flat().filter(isErrorText).length;
      const encoded = values.map((row) => row.map(encodeFrozenValue));
      const sheetName = s.sheet.name;
      valueOps.push({
        bytes: jsonBytes(encoded) + OPERATION_OVERHEAD_BYTES,
        queue: () => {
          workbook.worksheets.getItem(sheetName).getRange(block.address).values = encoded;
        },
      });
    }
    results.push({ sheetId: s.sheet.id, sheetName: s.sheet.name, frozenCells, errorCells, spills, merged: s.existing !== null, settingKeys });
  }
  await sendInBatches([...recordOps, ...valueOps], options.payloadBudgetBytes ?? DEFAULT_PAYLOAD_BUDGET_BYTES, sync);

  return { sheets: results, frozenCells: results.reduce((n, r) => n + r.frozenCells, 0), syncCount: round.count };
}

/** For the taskpane: freeze in one Excel.run. */
export async function runFreezeFormulas(options: FreezeOptions = {}): Promise<FreezeResult> {
  return Excel.run((context) => freezeFormulas(context, options));
}
