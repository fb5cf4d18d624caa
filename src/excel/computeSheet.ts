/**
 * The "Sora compute" sheet: the Minsheng note's compute-demand model (民生证券, "Sora 将创造多少算力需求?",
 * 2024-02-25, section 1.1 and 表1) as a worksheet a colleague can edit. Every assumption is a labelled
 * input cell (value, unit, source line, workbook-scoped named range), the outputs are AIC.* formulas
 * over those names, and two sensitivity grids (GPU type across × utilisation down; training and
 * inference) recalculate when a header cell is edited.
 *
 * The assumptions' values are imported from src/model/sora.ts (TRAINING_DEFAULTS, INFERENCE_DEFAULTS,
 * PATCH_DEFAULTS) and the DiT image size from src/functions/definitions.ts, never copied. Formulas are
 * built from the function definitions' argument names (definitions.ts), so a renamed or reordered
 * argument fails the plan (and the tests) instead of silently shifting an argument.
 *
 * Named ranges: each input and output gets one; a name the workbook already has is never overwritten
 * (computeNames.ts says how its scope is chosen). The result lists every name with its scope.
 *
 * Round trips: 2 (1 read: sheet, table and defined names with their type; 1 write: the whole sheet,
 * its formats, names, column widths and activation). The sheet is ~60 × 7 cells, far under any limit.
 *
 * Where each part lives: the note's assumptions (computeInputs.ts), the sheet's layout and formulas
 * (computePlan.ts, pure), the defined names (computeNames.ts); this module writes the sheet and
 * re-exports the rest, so importers keep one path.
 */
import { cellAddress, qualifiedAddress, rangeAddress } from "./a1";
import { computeNamedCells, queueComputeNames, resolveComputeNames, type ComputeNameResult } from "./computeNames";
import { ASSUMPTION_HEADER_ROW, COMPUTE_COLUMNS, planComputeSheet } from "./computePlan";
import { chooseNewSheetNames, SyncCounter, writeNewSheet } from "./session";
import type { Language } from "./insert";

export type { ComputeInput } from "./computeInputs";
export type { ComputeNameResult } from "./computeNames";
export {
  COMPUTE_COLUMNS,
  COMPUTE_SHEET_TITLE,
  INPUT_FILL,
  SENSITIVITY_GPUS,
  SENSITIVITY_UTILIZATIONS,
  formulaFor,
  isValidComputeName,
  planComputeSheet,
  type ComputeOutput,
  type ComputePlan,
  type PlannedCell,
  type SensitivityGrid,
} from "./computePlan";

export interface ComputeSheetOptions {
  language: Language;
}

export interface ComputeSheetResult {
  sheetName: string;
  names: ComputeNameResult[];
  /** Sheet-qualified address of each output, by key (patchesPerMin, trainGpus, …). */
  outputs: Record<string, string>;
  syncCount: number;
}

/** Inserts the compute model into a new worksheet of the workbook behind `context`. */
export async function insertComputeSheet(context: Excel.RequestContext, options: ComputeSheetOptions): Promise<ComputeSheetResult> {
  const plan = planComputeSheet(options.language);
  const round = new SyncCounter(context);
  const sync = round.sync;

  // 1. Taken sheet, table and defined names (with their type, to tell a broken name from a live one).
  const workbook = context.workbook;
  const { taken, sheetName } = await chooseNewSheetNames(workbook, sync, { sheetTitle: plan.sheetTitle });
  const named = computeNamedCells(plan);
  const names = resolveComputeNames(named, sheetName, taken);

  const rowCount = plan.cells.length;
  const columnCount = plan.cells[0]?.length ?? 1;
  await writeNewSheet(context, sheetName, async () => {
    // 2. Everything: formats first (so "@" keeps labels and sources text), then the cells, styles, names.
    const sheet = workbook.worksheets.add(sheetName);
    const all = sheet.getRange(rangeAddress(0, 0, rowCount, columnCount));
    all.numberFormat = plan.cells.map((row) => row.map((c) => c.numberFormat));
    all.formulas = plan.cells.map((row) => row.map((c) => c.input));
    plan.cells.forEach((row, r) => {
      const boldRuns = runs(row.map((c) => c.bold === true));
      for (const [first, count] of boldRuns) sheet.getRange(rangeAddress(r, first, 1, count)).format.font.bold = true;
      const fillRuns = runs(row.map((c) => c.fill !== undefined));
      for (const [first, count] of fillRuns) sheet.getRange(rangeAddress(r, first, 1, count)).format.fill.color = row[first]?.fill as string;
    });
    queueComputeNames(workbook, sheet, named, names);
    // Widths from the assumption and output rows only: the title, hint and grid titles overflow to the right.
    const lastOutputRow = Math.max(...plan.outputs.map((o) => o.row));
    sheet.getRange(rangeAddress(ASSUMPTION_HEADER_ROW, 0, lastOutputRow - ASSUMPTION_HEADER_ROW + 1, COMPUTE_COLUMNS)).format.autofitColumns();
    sheet.activate();
    await sync();
  });

  return {
    sheetName,
    names,
    outputs: Object.fromEntries(plan.outputs.map((o) => [o.key, qualifiedAddress(sheetName, cellAddress(o.row, 1))])),
    syncCount: round.count,
  };
}

/** [first, count] of each run of true values. */
function runs(flags: readonly boolean[]): [number, number][] {
  const out: [number, number][] = [];
  flags.forEach((flag, i) => {
    if (!flag) return;
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === i) last[1]++;
    else out.push([i, 1]);
  });
  return out;
}

/** For the taskpane: inserts the compute sheet in one Excel.run. */
export async function runInsertComputeSheet(options: ComputeSheetOptions): Promise<ComputeSheetResult> {
  return Excel.run((context) => insertComputeSheet(context, options));
}
