/**
 * What freeze.ts and restore.ts share on the Office side: the sheets an action covers (SheetScope, one
 * sync), a setting's value (null when absent), and a loaded used range as a lookup of any cell. Its own
 * module so that freeze and restore each keep one file without importing each other.
 */
import { formulaOf } from "./aicFormulas";
import { toFrozenValue, type FrozenValue } from "./frozenValues";
import type { CurrentCell } from "./restorePlan";

export interface SheetRef {
  id: string;
  name: string;
}

export type Sync = () => Promise<void>;

/** Which sheets an action covers: every sheet (default), the active sheet, or one sheet by name. */
export type SheetScope = { sheet?: string; activeSheet?: boolean };

/** Sheets in scope (see SheetScope). One sync. */
export async function listSheets(context: Excel.RequestContext, scope: SheetScope, sync: Sync): Promise<SheetRef[]> {
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

export function settingValue(setting: Excel.Setting): unknown {
  return setting.isNullObject ? null : setting.value;
}

/** A used range as loaded: a lookup of any cell of the sheet. */
export class UsedCells {
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
