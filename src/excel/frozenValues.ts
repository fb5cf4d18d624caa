/**
 * A frozen cell's value (freeze.ts): how a value Excel reports is kept in a freeze record, compared with
 * the value a cell shows at restore, written so that text stays text, and checksummed for a spill range.
 * Its own module because the record (frozenRecord.ts), the scan (aicFormulas.ts), the restore plan
 * (restorePlan.ts) and the writes all speak of the same values. Pure: no Office.
 */

/** A frozen cell's value: a number, a boolean, or text (an error as its text, "#N/A"); "" for empty. */
export type FrozenValue = number | string | boolean;

const ERROR_TEXT = /^#(N\/A|VALUE!|NUM!|DIV\/0!|NAME\?|REF!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|CONNECT!|BLOCKED!|UNKNOWN!|BUSY!)$/;

export function isErrorText(value: unknown): boolean {
  return typeof value === "string" && ERROR_TEXT.test(value);
}

/** A value as Excel reports it (range.values), as the record keeps it. */
export function toFrozenValue(value: unknown): FrozenValue {
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") return value;
  return "";
}

/** Equal as cell values; numbers to 12 significant digits (what survives any write and read back). */
export function sameFrozenValue(a: FrozenValue, b: FrozenValue): boolean {
  if (typeof a === "number" && typeof b === "number") return a === b || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}

/** What freeze writes for a value: text (errors included) behind Excel's literal prefix, so it stays text. */
export function encodeFrozenValue(value: FrozenValue): string | number | boolean {
  return typeof value === "string" && value !== "" ? `'${value}` : value;
}

/** FNV-1a (32-bit) of the values' JSON, numbers rounded as sameFrozenValue compares them. */
export function valuesChecksum(values: readonly (readonly FrozenValue[])[]): string {
  const text = JSON.stringify(values.map((row) => row.map((v) => (typeof v === "number" ? Number(v.toPrecision(12)) : v))));
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}
