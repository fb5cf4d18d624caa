/**
 * The defined names of the "Sora compute" sheet (computeSheet.ts): one per input and output cell, and
 * which scope each gets in a workbook that may already hold the name. Its own module because the rule
 * is the one place where the sheet meets what the analyst already has.
 *
 * When a name exists already (deterministic, nothing existing is overwritten):
 * - a name that no longer points anywhere (its sheet was deleted: type "Error") is deleted and added
 *   again, workbook-scoped, pointing at the new sheet ("reclaimed");
 * - a name that still points somewhere (an earlier Sora compute sheet, or a user's own name), or a
 *   table of that name, is left alone and the new sheet gets a sheet-scoped name of the same name
 *   instead: Excel resolves a sheet-scoped name before a workbook-scoped one, so the new sheet's
 *   formulas read the new sheet's inputs and the earlier sheet keeps working unchanged.
 * The result lists every name with its scope.
 */
import { qualifiedAddress } from "./a1";
import type { ComputePlan } from "./computePlan";
import type { TakenNames } from "./session";

export interface ComputeNameResult {
  name: string;
  /** "workbook": added (or reclaimed) workbook-scoped; "sheet": the name was taken, so the new sheet has its own. */
  scope: "workbook" | "sheet";
  /** True when a broken workbook name (#REF!, its sheet deleted) was deleted and added again. */
  reclaimed: boolean;
  /** Sheet-qualified absolute address the name refers to. */
  address: string;
}

/** A name the sheet defines: the row of its cell (column B) and the comment Excel shows with it. */
export interface ComputeNamedCell {
  name: string;
  row: number;
  comment: string;
}

/** The names of the plan's inputs, then its outputs. */
export function computeNamedCells(plan: ComputePlan): ComputeNamedCell[] {
  return [
    ...plan.inputs.map((i) => ({ name: i.name, row: i.row, comment: `${i.label.en} (${i.unit.en}). ${i.source}` })),
    ...plan.outputs.map((o) => ({ name: o.name, row: o.row, comment: `${o.label.en} (${o.unit.en})` })),
  ];
}

/** Each name's scope on the new sheet `sheetName`, from the names and tables `taken` (with their types). */
export function resolveComputeNames(named: readonly ComputeNamedCell[], sheetName: string, taken: TakenNames): ComputeNameResult[] {
  const existingNames = new Map(taken.definedNames.map((n) => [n.name.toUpperCase(), n.type]));
  const tableNames = new Set(taken.tableNames.map((t) => t.toUpperCase()));
  return named.map((n) => {
    const type = existingNames.get(n.name.toUpperCase());
    const address = qualifiedAddress(sheetName, `$B$${n.row + 1}`);
    if (tableNames.has(n.name.toUpperCase())) return { name: n.name, scope: "sheet", reclaimed: false, address };
    if (type === undefined) return { name: n.name, scope: "workbook", reclaimed: false, address };
    if (type === "Error") return { name: n.name, scope: "workbook", reclaimed: true, address };
    return { name: n.name, scope: "sheet", reclaimed: false, address };
  });
}

/** Queues the names: sheet-scoped on `sheet`, or workbook-scoped (a broken one deleted first). */
export function queueComputeNames(
  workbook: Excel.Workbook,
  sheet: Excel.Worksheet,
  named: readonly ComputeNamedCell[],
  names: readonly ComputeNameResult[],
): void {
  named.forEach((n, i) => {
    const result = names[i] as ComputeNameResult;
    const reference = `=${result.address}`;
    if (result.scope === "sheet") {
      sheet.names.add(n.name, reference, n.comment);
    } else {
      if (result.reclaimed) workbook.names.getItem(n.name).delete();
      workbook.names.add(n.name, reference, n.comment);
    }
  });
}
