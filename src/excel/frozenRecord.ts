/**
 * The frozen-formula store kept in the workbook (freeze.ts): the record's format (a head and further
 * chunks in workbook settings, keyed by sheet id), how a sheet's AIC.* cells become blocks (vertical
 * runs, whole spill ranges), how blocks are packed into chunks under the per-setting size, and how a
 * stored record is read back and checked. Its own module because freeze writes this format and restore
 * reads it, and a record must stay readable across versions of the add-in. Pure: no Office.
 */
import { parseRangeAddress, rangeAddress, type CellBlock } from "./a1";
import type { AicCell } from "./aicFormulas";
import { valuesChecksum, type FrozenValue } from "./frozenValues";

export const FROZEN_SETTING_PREFIX = "aic.frozen.";
export const FROZEN_HEAD_FORMAT = "aic-frozen-sheet" as const;
export const FROZEN_CHUNK_FORMAT = "aic-frozen-chunk" as const;
export const FROZEN_RECORD_VERSION = 1 as const;
/** Largest JSON text per setting key. */
export const DEFAULT_SETTING_CHUNK_CHARS = 32_000;
/** A run longer than this is split, so one run never outgrows a chunk. */
export const MAX_RUN_CELLS = 1_000;

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

/** The key of a cell in the maps of spills and cells: "row,column" (0-based). */
export const cellKey = (row: number, column: number): string => `${row},${column}`;

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
    const spill = spills.get(cellKey(cell.row, cell.column));
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

/** The cells of a run, top to bottom, each with its formula and frozen value. */
export function runCells(run: FrozenRun): { row: number; column: number; formula: string; value: FrozenValue }[] {
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
