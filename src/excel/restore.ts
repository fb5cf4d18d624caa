/**
 * "Restore formulas" (the Office side): puts back the formulas freezeFormulas (freeze.ts) recorded, where
 * each cell still shows its frozen value (restorePlan.ts decides), then deletes the records. Round trips:
 * 1 list the sheets; 1 read the record heads; 1 read the further chunks and the used ranges of frozen
 * sheets; then the writes (formulas first, records deleted last): 4 in general. Its own module beside
 * freeze.ts (which re-exports it): the two share the record (frozenRecord.ts) and frozenSheets.ts only.
 */
import { parseRangeAddress } from "./a1";
import { DEFAULT_PAYLOAD_BUDGET_BYTES, OPERATION_OVERHEAD_BYTES, jsonBytes, sendInBatches, type WriteOp } from "./chunks";
import { FreezeError, frozenSettingKey, parseFrozenChunkRecord, parseFrozenSheetRecord, type FrozenBlock } from "./frozenRecord";
import { listSheets, settingValue, UsedCells, type SheetScope, type Sync } from "./frozenSheets";
import { planRestore, type RestoreSkip } from "./restorePlan";
import { SyncCounter } from "./session";

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

/** For the taskpane: restore in one Excel.run. */
export async function runRestoreFormulas(options: RestoreOptions = {}): Promise<RestoreResult> {
  return Excel.run((context) => restoreFormulas(context, options));
}
