/**
 * Live results for the pick-list functions. AIC.PICK, AIC.PICKS and AIC.STOCK are streaming custom
 * functions: each formula's invocation stays open, listens to the pick store and re-emits its result
 * when a feed refresh or an import changes the lists, so the cells that show the data update without
 * F9. (Why streaming rather than a targeted recalculation from the taskpane: docs/pick-functions.md.)
 */
import { asExcelError } from "./framework";
import { seededPickStore } from "./pickData";

/** What a cell or a spill showed last, to re-emit only what changed (dependents then recalculate only then). */
function fingerprint(result: unknown): string {
  return JSON.stringify(result, (_key, value: unknown) =>
    value instanceof CustomFunctions.Error ? `\u0000${value.code}\u0000${value.message}` : value,
  );
}

/**
 * Emits `compute()` to `invocation` now and again after every change of the lists, until Excel cancels
 * the invocation (the formula was edited or deleted, the workbook closed). A call that ends in an error
 * emits that error.
 */
export function streamFromPickStore(fn: string, invocation: CustomFunctions.StreamingInvocation<any>, compute: () => unknown): void {
  const store = seededPickStore();
  let last: string | undefined;
  const emit = (): void => {
    let result: unknown;
    try {
      result = compute();
    } catch (e) {
      result = asExcelError(fn, e);
    }
    const shown = fingerprint(result);
    if (shown === last) return;
    last = shown;
    invocation.setResult(result);
  };
  emit();
  const stop = store.subscribe(emit);
  invocation.onCanceled = stop;
}
