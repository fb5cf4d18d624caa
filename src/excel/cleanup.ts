/**
 * Undoing a failed write: the sheet-creating actions (broker comparison, compute model) remove the
 * sheet they created when a later request fails, so a failure never leaves a half-written sheet.
 * (insert.ts keeps its own copy of this helper; it belongs to the feeds work and is left untouched.)
 */

/** Best effort: deletes `sheetName` if it exists; swallows errors so the caller's original error surfaces. */
export async function removeSheetIfPresent(context: Excel.RequestContext, sheetName: string): Promise<void> {
  try {
    const leftover = context.workbook.worksheets.getItemOrNullObject(sheetName);
    leftover.load("isNullObject");
    await context.sync();
    if (!leftover.isNullObject) {
      leftover.delete();
      await context.sync();
    }
  } catch {
    // The original error is what the caller needs to see.
  }
}
