/**
 * What "Restore formulas" puts back (restore.ts), decided without Office: from a sheet's frozen blocks
 * and its cells as they are now, which formulas to write, which spill ranges to clear and re-anchor, and
 * which cells the analyst changed since the freeze (left alone and reported). Its own module because the
 * rule "restore only what still shows the frozen value" is the heart of restore and is unit-tested alone.
 */
import { cellAddress, parseRangeAddress, rangeAddress, type CellBlock } from "./a1";
import { cellKey, runCells, type FrozenBlock, type FrozenSpill } from "./frozenRecord";
import { sameFrozenValue, valuesChecksum, type FrozenValue } from "./frozenValues";

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
        cells.set(cellKey(cell.row, cell.column), cell);
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
