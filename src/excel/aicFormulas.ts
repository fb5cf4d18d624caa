/**
 * Finding the AIC.* formulas of a sheet (freeze.ts): which formula calls the add-in, which cell holds a
 * formula rather than text that looks like one, every AIC.* cell of a used range, and which could spill.
 * Its own module because it is the one rule of "an AIC.* formula", read by freeze and restore alike, and
 * unit-tested on its own. Pure: no Office.
 */
import { toFrozenValue, type FrozenValue } from "./frozenValues";

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
