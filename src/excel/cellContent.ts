/**
 * A cell's content as a refresh and a take-theirs see it (refreshPlan.ts, conflicts.ts): what a
 * `formulas` read returns, turned into the merge's view of the cell (a number, text, a formula or empty),
 * and what is written back — a value in the insert's own encoding for the cell's number format, or the
 * content as read, in a form Excel keeps as it was (text Excel would parse gets its apostrophe unless
 * the cell is "@"). So a refreshed cell is written exactly as an inserted one, and an undo or a
 * take-theirs puts back exactly what was there.
 */
import type { MineCell } from "../picks/merge";
import type { CellValue } from "../picks/types";
import { TEXT_FORMAT, numberCell, textCell } from "./layout";

export type CellInput = string | number | boolean;

/** Text that Excel parses when written into a cell not formatted "@": a formula, number, date, boolean or error. */
export function isParsedText(text: string): boolean {
  return /^[=+\-@'#]/.test(text) || /^\s*[+-]?[.\d]/.test(text) || /^(true|false)$/i.test(text.trim());
}

/**
 * A value as written into a cell of format `numberFormat`: the insert's own encoding (layout.ts), so a
 * refreshed cell is written exactly as an inserted one.
 */
export function encodeCell(value: CellValue, numberFormat: string): string | number {
  return numberFormat === TEXT_FORMAT ? textCell(value) : numberCell(value);
}

/** A formula's text starts with "=" (a text constant "=x" in a "@" cell reads the same: the merge treats both alike). */
export function isFormulaText(v: unknown): v is string {
  return typeof v === "string" && v.startsWith("=");
}

/** A cell as the merge sees it: empty → null, a number, a formula, or text. */
export function mineCellOf(formula: unknown): MineCell {
  if (formula === "" || formula === null || formula === undefined) return null;
  if (typeof formula === "number") return formula;
  if (typeof formula === "boolean") return String(formula).toUpperCase();
  if (isFormulaText(formula)) return { formula };
  return String(formula);
}

/** What writing back restores: the formula, or the constant in a form Excel keeps as it was. */
export function restoreInput(formula: unknown, numberFormat: unknown): { kind: "formulas" | "values"; input: CellInput } {
  if (isFormulaText(formula) && numberFormat !== TEXT_FORMAT) return { kind: "formulas", input: formula };
  if (formula === null || formula === undefined || formula === "") return { kind: "values", input: "" };
  if (typeof formula === "number" || typeof formula === "boolean") return { kind: "values", input: formula };
  const text = String(formula);
  return { kind: "values", input: numberFormat === TEXT_FORMAT || !isParsedText(text) ? text : `'${text}` };
}
