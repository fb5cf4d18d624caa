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
 */
import { cellAddress, parseRangeAddress, rangeAddress, type CellBlock } from "./a1";
import { DEFAULT_PAYLOAD_BUDGET_BYTES, OPERATION_OVERHEAD_BYTES, jsonBytes } from "./chunks";
import { SyncCounter } from "./session";

export const FROZEN_SETTING_PREFIX = "aic.frozen.";
export const FROZEN_HEAD_FORMAT = "aic-frozen-sheet" as const;
export const FROZEN_CHUNK_FORMAT = "aic-frozen-chunk" as const;
export const FROZEN_RECORD_VERSION = 1 as const;
/** Largest JSON text per setting key. */
export const DEFAULT_SETTING_CHUNK_CHARS = 32_000;
/** A run longer than this is split, so one run never outgrows a chunk. */
export const MAX_RUN_CELLS = 1_000;
const SPILL_PROBES_PER_SYNC = 2_000;

/** A frozen cell's value: a number, a boolean, or text (an error as its text, "#N/A"); "" for empty. */
export type FrozenValue = number | string | boolean;

/** Cells of one column, top to bottom, each frozen from an AIC.* formula. */
export interface FrozenRun {
  kind: "run";
  /** "H12:H28" or "B5" (no sheet). */
  address: string;
  /** One formula for every cell (a calculated column), or one per cell. */
  formula: string | string[];
  values: FrozenValue[];
}

/** A spilling formula, frozen as its whole spill range. */
export interface FrozenSpill {
  kind: "spill";
  /** The spill range; its top-left cell holds the formula. */
  address: string;
  formula: string;
  /** Checksum of the frozen values (valuesChecksum): restore requires every cell unchanged. */
  checksum: string;
}

export type FrozenBlock = FrozenRun | FrozenSpill;

export interface FrozenSheetRecord {
  format: typeof FROZEN_HEAD_FORMAT;
  version: typeof FROZEN_RECORD_VERSION;
  sheetId: string;
  /** At the last freeze; for messages only (the key is the id). */
  sheetName: string;
  /** Chunks in all, this head's blocks being chunk 0. */
  chunkCount: number;
  blocks: FrozenBlock[];
}

export interface FrozenChunkRecord {
  format: typeof FROZEN_CHUNK_FORMAT;
  version: typeof FROZEN_RECORD_VERSION;
  sheetId: string;
  index: number;
  blocks: FrozenBlock[];
}

/** Something that stops a freeze or a restore before anything is written. */
export class FreezeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FreezeError";
  }
}

export function frozenSettingKey(sheetId: string, chunk = 0): string {
  return chunk === 0 ? `${FROZEN_SETTING_PREFIX}${sheetId}` : `${FROZEN_SETTING_PREFIX}${sheetId}.${chunk}`;
}

// ---------------------------------------------------------------- pure part

/**
 * True for a formula that calls an AIC.* function (any case), ignoring text in "quotes", sheet names in
 * 'quotes' and [table] references, and names that only end in AIC (MAIC.X) or start with it (AIC_X).
 */
export function isAicFormula(formula: unknown): formula is string {
  if (typeof formula !== "string" || !formula.startsWith("=")) return false;
  let code = formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'!/g, "S!");
  for (let previous = ""; previous !== code; ) {
    previous = code;
    code = code.replace(/\[[^[\]]*\]/g, "");
  }
  return /(^|[^A-Za-z0-9_.\\])AIC\.[A-Za-z_]/i.test(code);
}

const ERROR_TEXT = /^#(N\/A|VALUE!|NUM!|DIV\/0!|NAME\?|REF!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|CONNECT!|BLOCKED!|UNKNOWN!|BUSY!)$/;

export function isErrorText(value: unknown): boolean {
  return typeof value === "string" && ERROR_TEXT.test(value);
}

/** A value as Excel reports it (range.values), as the record keeps it. */
export function toFrozenValue(value: unknown): FrozenValue {
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") return value;
  return "";
}

/** Equal as cell values; numbers to 12 significant digits (what survives any write and read back). */
export function sameFrozenValue(a: FrozenValue, b: FrozenValue): boolean {
  if (typeof a === "number" && typeof b === "number") return a === b || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}

/** What freeze writes for a value: text (errors included) behind Excel's literal prefix, so it stays text. */
export function encodeFrozenValue(value: FrozenValue): string | number | boolean {
  return typeof value === "string" && value !== "" ? `'${value}` : value;
}

/** FNV-1a (32-bit) of the values' JSON, numbers rounded as sameFrozenValue compares them. */
export function valuesChecksum(values: readonly (readonly FrozenValue[])[]): string {
  const text = JSON.stringify(values.map((row) => row.map((v) => (typeof v === "number" ? Number(v.toPrecision(12)) : v))));
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/** An AIC.* formula cell found in a used range (0-based sheet coordinates). */
export interface AicCell {
  row: number;
  column: number;
  formula: string;
  value: FrozenValue;
}

/**
 * The formula of a cell as range.formulas and range.values report it, or null for a constant. Text that
 * only looks like a formula (a "@"-formatted or apostrophe-prefixed "=1") is reported with the same text
 * in both: a formula's value is never its own text.
 */
export function formulaOf(formula: unknown, value: unknown): string | null {
  return typeof formula === "string" && formula.startsWith("=") && formula !== value ? formula : null;
}

/** Every AIC.* formula in a used range whose top-left cell is (top, left), column by column. */
export function scanAicCells(formulas: readonly (readonly unknown[])[], values: readonly (readonly unknown[])[], top: number, left: number): AicCell[] {
  const cells: AicCell[] = [];
  formulas.forEach((row, i) =>
    row.forEach((cell, j) => {
      const formula = formulaOf(cell, values[i]?.[j]);
      if (isAicFormula(formula)) cells.push({ row: top + i, column: left + j, formula, value: toFrozenValue(values[i]?.[j]) });
    }),
  );
  return cells.sort((a, b) => a.column - b.column || a.row - b.row);
}

/** Cells whose formula could spill: a this-row table reference ([@…]) means a table cell, which cannot. */
export function couldSpill(cell: AicCell): boolean {
  return !cell.formula.includes("[@");
}

const key = (row: number, column: number): string => `${row},${column}`;

/**
 * The blocks to freeze: each spilling formula as its spill range (values from `valueAt`), every other
 * cell in vertical runs of one column (at most MAX_RUN_CELLS), one formula stored for a uniform run.
 * `spills` maps "row,column" of a spilling anchor to its spill range.
 */
export function planFrozenBlocks(
  cells: readonly AicCell[],
  spills: ReadonlyMap<string, CellBlock>,
  valueAt: (row: number, column: number) => FrozenValue,
): FrozenBlock[] {
  const blocks: FrozenBlock[] = [];
  let run: AicCell[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const first = run[0] as AicCell;
    const formulas = run.map((c) => c.formula);
    blocks.push({
      kind: "run",
      address: rangeAddress(first.row, first.column, run.length, 1),
      formula: formulas.every((f) => f === formulas[0]) ? first.formula : formulas,
      values: run.map((c) => c.value),
    });
    run = [];
  };
  for (const cell of cells) {
    const spill = spills.get(key(cell.row, cell.column));
    if (spill && spill.rowCount * spill.columnCount > 1) {
      flush();
      const values = Array.from({ length: spill.rowCount }, (_, i) =>
        Array.from({ length: spill.columnCount }, (_, j) => valueAt(spill.row + i, spill.column + j)),
      );
      blocks.push({
        kind: "spill",
        address: rangeAddress(spill.row, spill.column, spill.rowCount, spill.columnCount),
        formula: cell.formula,
        checksum: valuesChecksum(values),
      });
      continue;
    }
    const last = run[run.length - 1];
    if (last && (last.column !== cell.column || last.row + 1 !== cell.row || run.length >= MAX_RUN_CELLS)) flush();
    run.push(cell);
  }
  flush();
  return blocks;
}

function runCells(run: FrozenRun): { row: number; column: number; formula: string; value: FrozenValue }[] {
  const block = parseRangeAddress(run.address);
  return run.values.map((value, i) => ({
    row: block.row + i,
    column: block.column,
    formula: typeof run.formula === "string" ? run.formula : (run.formula[i] as string),
    value,
  }));
}

/** Halves a run (a single cell cannot be split further). */
function splitRun(run: FrozenRun): FrozenRun[] {
  const cells = runCells(run);
  if (cells.length < 2) return [run];
  const half = Math.ceil(cells.length / 2);
  return [cells.slice(0, half), cells.slice(half)].map((part) => {
    const first = part[0] as (typeof cells)[number];
    const formulas = part.map((c) => c.formula);
    return {
      kind: "run",
      address: rangeAddress(first.row, first.column, part.length, 1),
      formula: formulas.every((f) => f === formulas[0]) ? first.formula : formulas,
      values: part.map((c) => c.value),
    };
  });
}

/** Groups blocks into chunks of at most `maxChars` characters of JSON each, splitting runs as needed. */
export function packBlocks(blocks: readonly FrozenBlock[], maxChars: number): FrozenBlock[][] {
  const budget = maxChars - 200; // the record's own fields
  const chunks: FrozenBlock[][] = [];
  let current: FrozenBlock[] = [];
  let size = 0;
  const queue = [...blocks];
  while (queue.length > 0) {
    const block = queue.shift() as FrozenBlock;
    const length = JSON.stringify(block).length + 1;
    if (length > budget && block.kind === "run" && block.values.length > 1) {
      queue.unshift(...splitRun(block));
      continue;
    }
    if (length > budget) throw new FreezeError(`a frozen cell at ${block.address} needs ${length} characters, more than a record chunk holds`);
    if (size + length > budget && current.length > 0) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(block);
    size += length;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function isBlock(value: unknown): value is FrozenBlock {
  if (typeof value !== "object" || value === null) return false;
  const b = value as Record<string, unknown>;
  if (typeof b.address !== "string") return false;
  try {
    parseRangeAddress(b.address);
  } catch {
    return false;
  }
  if (b.kind === "spill") return typeof b.formula === "string" && typeof b.checksum === "string";
  if (b.kind !== "run" || !Array.isArray(b.values)) return false;
  const length = parseRangeAddress(b.address).rowCount;
  if (b.values.length !== length) return false;
  return typeof b.formula === "string" || (Array.isArray(b.formula) && b.formula.length === length && b.formula.every((f) => typeof f === "string"));
}

function asObject(value: unknown): Record<string, unknown> | null {
  let data = value;
  if (typeof value === "string") {
    try {
      data = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : null;
}

/** A stored head, or null when the value is not a head of this format and version. */
export function parseFrozenSheetRecord(value: unknown): FrozenSheetRecord | null {
  const r = asObject(value);
  if (!r || r.format !== FROZEN_HEAD_FORMAT || r.version !== FROZEN_RECORD_VERSION) return null;
  if (typeof r.sheetId !== "string" || typeof r.sheetName !== "string") return null;
  if (typeof r.chunkCount !== "number" || !Number.isInteger(r.chunkCount) || r.chunkCount < 1) return null;
  if (!Array.isArray(r.blocks) || !r.blocks.every(isBlock)) return null;
  return { format: FROZEN_HEAD_FORMAT, version: FROZEN_RECORD_VERSION, sheetId: r.sheetId, sheetName: r.sheetName, chunkCount: r.chunkCount, blocks: r.blocks };
}

export function parseFrozenChunkRecord(value: unknown): FrozenChunkRecord | null {
  const r = asObject(value);
  if (!r || r.format !== FROZEN_CHUNK_FORMAT || r.version !== FROZEN_RECORD_VERSION) return null;
  if (typeof r.sheetId !== "string" || typeof r.index !== "number") return null;
  if (!Array.isArray(r.blocks) || !r.blocks.every(isBlock)) return null;
  return { format: FROZEN_CHUNK_FORMAT, version: FROZEN_RECORD_VERSION, sheetId: r.sheetId, index: r.index, blocks: r.blocks };
}

/** A cell as it is now. */
export interface CurrentCell {
  /** Its formula, or null for a constant or an empty cell. */
  formula: string | null;
  value: FrozenValue;
}

export interface RestoreSkip {
  /** "H15" or a spill range. */
  address: string;
  formula: string;
  /** "value": the cell shows another value than the frozen one; "formula": it holds another formula. */
  reason: "value" | "formula";
}

export interface RestorePlan {
  /** Single-column blocks of formulas to write, top to bottom. */
  formulaWrites: { address: string; formulas: string[] }[];
  /** Spill ranges to clear before their anchor's formula is written. */
  spillWrites: { address: string; anchor: string; formula: string }[];
  restoredCells: number;
  /** Cells that already hold their formula again (e.g. a freeze that failed midway). */
  alreadyLive: number;
  skipped: RestoreSkip[];
}

/**
 * What to put back, from a sheet's blocks (oldest first: a later block supersedes an earlier one at the
 * same cells) and the cells as they are now.
 */
export function planRestore(blocks: readonly FrozenBlock[], current: (row: number, column: number) => CurrentCell): RestorePlan {
  interface SpillEntry {
    spill: FrozenSpill;
    block: CellBlock;
    live: boolean;
  }
  const cells = new Map<string, { row: number; column: number; formula: string; value: FrozenValue }>();
  const spills: SpillEntry[] = [];
  const overlaps = (a: CellBlock, row: number, column: number): boolean =>
    row >= a.row && row < a.row + a.rowCount && column >= a.column && column < a.column + a.columnCount;
  for (const block of blocks) {
    if (block.kind === "run") {
      for (const cell of runCells(block)) {
        for (const s of spills) if (s.live && overlaps(s.block, cell.row, cell.column)) s.live = false;
        cells.set(key(cell.row, cell.column), cell);
      }
    } else {
      const area = parseRangeAddress(block.address);
      for (const s of spills) {
        const b = s.block;
        const disjoint =
          b.row + b.rowCount <= area.row || area.row + area.rowCount <= b.row || b.column + b.columnCount <= area.column || area.column + area.columnCount <= b.column;
        if (!disjoint) s.live = false;
      }
      for (const [k, c] of cells) if (overlaps(area, c.row, c.column)) cells.delete(k);
      spills.push({ spill: block, block: area, live: true });
    }
  }

  const plan: RestorePlan = { formulaWrites: [], spillWrites: [], restoredCells: 0, alreadyLive: 0, skipped: [] };
  const ordered = [...cells.values()].sort((a, b) => a.column - b.column || a.row - b.row);
  let pending: { row: number; column: number; formulas: string[] } | null = null;
  const flush = (): void => {
    if (pending) plan.formulaWrites.push({ address: rangeAddress(pending.row, pending.column, pending.formulas.length, 1), formulas: pending.formulas });
    pending = null;
  };
  for (const cell of ordered) {
    const now = current(cell.row, cell.column);
    if (now.formula !== null) {
      if (now.formula === cell.formula) plan.alreadyLive++;
      else plan.skipped.push({ address: cellAddress(cell.row, cell.column), formula: cell.formula, reason: "formula" });
      continue;
    }
    if (!sameFrozenValue(now.value, cell.value)) {
      plan.skipped.push({ address: cellAddress(cell.row, cell.column), formula: cell.formula, reason: "value" });
      continue;
    }
    const p = pending as { row: number; column: number; formulas: string[] } | null;
    if (p && p.column === cell.column && p.row + p.formulas.length === cell.row) p.formulas.push(cell.formula);
    else {
      flush();
      pending = { row: cell.row, column: cell.column, formulas: [cell.formula] };
    }
    plan.restoredCells++;
  }
  flush();

  for (const s of spills) {
    if (!s.live) continue;
    const anchor = cellAddress(s.block.row, s.block.column);
    const top = current(s.block.row, s.block.column);
    if (top.formula === s.spill.formula) {
      plan.alreadyLive++;
      continue;
    }
    const grid: CurrentCell[][] = Array.from({ length: s.block.rowCount }, (_, i) =>
      Array.from({ length: s.block.columnCount }, (_, j) => current(s.block.row + i, s.block.column + j)),
    );
    const changed = grid.some((row) => row.some((c) => c.formula !== null)) || valuesChecksum(grid.map((row) => row.map((c) => c.value))) !== s.spill.checksum;
    if (changed) {
      plan.skipped.push({ address: s.spill.address, formula: s.spill.formula, reason: top.formula !== null ? "formula" : "value" });
      continue;
    }
    plan.spillWrites.push({ address: s.spill.address, anchor, formula: s.spill.formula });
    plan.restoredCells++;
  }
  return plan;
}

// ---------------------------------------------------------------- Office part

interface SheetRef {
  id: string;
  name: string;
}

type Sync = () => Promise<void>;

/** Which sheets an action covers: every sheet (default), the active sheet, or one sheet by name. */
export type SheetScope = { sheet?: string; activeSheet?: boolean };

/** Sheets in scope (see SheetScope). One sync. */
async function listSheets(context: Excel.RequestContext, scope: SheetScope, sync: Sync): Promise<SheetRef[]> {
  if (scope.sheet !== undefined || scope.activeSheet === true) {
    // getItem: a sheet that does not exist fails this first read (ItemNotFound), before anything is written.
    const worksheets = context.workbook.worksheets;
    const sheet = scope.sheet !== undefined ? worksheets.getItem(scope.sheet) : worksheets.getActiveWorksheet();
    sheet.load("id,name");
    await sync();
    return [{ id: sheet.id, name: sheet.name }];
  }
  const sheets = context.workbook.worksheets;
  sheets.load("items/id,items/name");
  await sync();
  return sheets.items.map((s) => ({ id: s.id, name: s.name }));
}

/** A queued write and its estimated request bytes. */
interface WriteOp {
  bytes: number;
  queue: () => void;
}

/** Sends `ops` in order, as many per request as the budget allows (at least one). */
async function sendInBatches(ops: readonly WriteOp[], budget: number, sync: Sync): Promise<void> {
  let used = 0;
  let queued = 0;
  for (const op of ops) {
    if (queued > 0 && used + op.bytes > budget) {
      await sync();
      used = 0;
      queued = 0;
    }
    op.queue();
    used += op.bytes;
    queued++;
  }
  if (queued > 0) await sync();
}

function settingValue(setting: Excel.Setting): unknown {
  return setting.isNullObject ? null : setting.value;
}

/** A used range as loaded: a lookup of any cell of the sheet. */
class UsedCells {
  constructor(
    private readonly top: number,
    private readonly left: number,
    private readonly formulas: readonly (readonly unknown[])[],
    private readonly values: readonly (readonly unknown[])[],
  ) {}
  value(row: number, column: number): FrozenValue {
    return toFrozenValue(this.values[row - this.top]?.[column - this.left]);
  }
  current(row: number, column: number): CurrentCell {
    const formula = formulaOf(this.formulas[row - this.top]?.[column - this.left], this.values[row - this.top]?.[column - this.left]);
    return { formula, value: this.value(row, column) };
  }
}

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
      map.set(key(p.cell.row, p.cell.column), parseRangeAddress(p.spill.address));
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

export interface RestoreOptions extends SheetScope {
  payloadBudgetBytes?: number;
}

export interface RestoreSheetResult {
  sheetId: string;
  sheetName: string;
  restoredCells: number;
  alreadyLive: number;
  /** Cells changed since the freeze, left as they are; each with the formula it had. */
  skipped: RestoreSkip[];
}

export interface RestoreResult {
  sheets: RestoreSheetResult[];
  restoredCells: number;
  skippedCells: number;
  syncCount: number;
}

/** Puts back the formulas freezeFormulas recorded, in the workbook (or `options.sheet`) behind `context`. */
export async function restoreFormulas(context: Excel.RequestContext, options: RestoreOptions = {}): Promise<RestoreResult> {
  const round = new SyncCounter(context);
  const sync: Sync = round.sync;
  const workbook = context.workbook;

  // 1. The sheets in scope.
  const sheets = await listSheets(context, options, sync);

  // 2. Record heads.
  const heads = sheets.map((sheet) => {
    const head = workbook.settings.getItemOrNullObject(frozenSettingKey(sheet.id));
    head.load("isNullObject,value");
    return { sheet, head };
  });
  await sync();
  const frozen = heads.flatMap(({ sheet, head }) => {
    const value = settingValue(head);
    if (value === null) return [];
    const record = parseFrozenSheetRecord(value);
    if (!record) throw new FreezeError(`the freeze record of sheet "${sheet.name}" (${frozenSettingKey(sheet.id)}) cannot be read; nothing was changed`);
    return [{ sheet, record }];
  });
  if (frozen.length === 0) return { sheets: [], restoredCells: 0, skippedCells: 0, syncCount: round.count };

  // 3. The further chunks and the cells as they are now.
  const reads = frozen.map(({ sheet, record }) => {
    const chunks = Array.from({ length: record.chunkCount - 1 }, (_, i) => {
      const setting = workbook.settings.getItemOrNullObject(frozenSettingKey(sheet.id, i + 1));
      setting.load("isNullObject,value");
      return setting;
    });
    const used = workbook.worksheets.getItem(sheet.name).getUsedRange();
    used.load("rowIndex,columnIndex,formulas,values");
    return { sheet, record, chunks, used };
  });
  await sync();

  // 4. Formulas back, spills cleared and re-anchored, then the records deleted.
  const ops: WriteOp[] = [];
  const deletes: WriteOp[] = [];
  const results: RestoreSheetResult[] = reads.map(({ sheet, record, chunks, used }) => {
    const blocks: FrozenBlock[] = [...record.blocks];
    chunks.forEach((setting, i) => {
      const chunk = parseFrozenChunkRecord(settingValue(setting));
      if (!chunk || chunk.index !== i + 1) {
        throw new FreezeError(`the freeze record of sheet "${sheet.name}" is incomplete (${frozenSettingKey(sheet.id, i + 1)}); nothing was changed`);
      }
      blocks.push(...chunk.blocks);
    });
    const lookup = new UsedCells(used.rowIndex, used.columnIndex, used.formulas, used.values);
    const plan = planRestore(blocks, (row, column) => lookup.current(row, column));
    const target = (): Excel.Worksheet => workbook.worksheets.getItem(sheet.name);
    for (const write of plan.formulaWrites) {
      const formulas = write.formulas.map((f) => [f]);
      ops.push({ bytes: jsonBytes(formulas) + OPERATION_OVERHEAD_BYTES, queue: () => (target().getRange(write.address).formulas = formulas) });
    }
    for (const spill of plan.spillWrites) {
      const area = parseRangeAddress(spill.address);
      const blank = Array.from({ length: area.rowCount }, () => Array.from({ length: area.columnCount }, () => ""));
      ops.push({
        bytes: jsonBytes(blank) + jsonBytes(spill.formula) + 2 * OPERATION_OVERHEAD_BYTES,
        queue: () => {
          target().getRange(spill.address).values = blank;
          target().getRange(spill.anchor).formulas = [[spill.formula]];
        },
      });
    }
    for (let i = 0; i < record.chunkCount; i++) {
      const settingKey = frozenSettingKey(sheet.id, i);
      deletes.push({ bytes: OPERATION_OVERHEAD_BYTES, queue: () => workbook.settings.getItemOrNullObject(settingKey).delete() });
    }
    return { sheetId: sheet.id, sheetName: sheet.name, restoredCells: plan.restoredCells, alreadyLive: plan.alreadyLive, skipped: plan.skipped };
  });
  await sendInBatches([...ops, ...deletes], options.payloadBudgetBytes ?? DEFAULT_PAYLOAD_BUDGET_BYTES, sync);

  return {
    sheets: results,
    restoredCells: results.reduce((n, r) => n + r.restoredCells, 0),
    skippedCells: results.reduce((n, r) => n + r.skipped.length, 0),
    syncCount: round.count,
  };
}

/** For the taskpane: freeze in one Excel.run. */
export async function runFreezeFormulas(options: FreezeOptions = {}): Promise<FreezeResult> {
  return Excel.run((context) => freezeFormulas(context, options));
}

/** For the taskpane: restore in one Excel.run. */
export async function runRestoreFormulas(options: RestoreOptions = {}): Promise<RestoreResult> {
  return Excel.run((context) => restoreFormulas(context, options));
}
