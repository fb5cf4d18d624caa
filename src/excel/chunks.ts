/**
 * Splitting a large write into requests Excel accepts. Excel on the web refuses a request whose
 * payload exceeds 5 MB (RequestPayloadSizeLimitExceeded), so the insert estimates the bytes of every
 * values/formulas/numberFormat array it queues and sends rows in chunks that stay under a budget.
 * Pure and exported so the chunking can be benchmarked on its own; sendInBatches, which sends queued
 * writes (freeze, restore) under a budget, is handed the sync and touches no Office object itself.
 */

/** Excel on the web's cap on one request's payload. */
export const EXCEL_REQUEST_PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** What the insert allows itself per request: 1 MB under the cap, for Office.js's own envelope. */
export const DEFAULT_PAYLOAD_BUDGET_BYTES = 4 * 1024 * 1024;
/** Per queued operation, for what Office.js adds around the data (object paths, address, method name). */
export const OPERATION_OVERHEAD_BYTES = 512;

/**
 * The bytes `value` adds to a request: the UTF-8 length of `JSON.stringify(value)`, which is what
 * Office.js sends (a Chinese character is 3 bytes, not a six-byte \uXXXX escape), counted without
 * building the text. The one counter of JSON bytes: the insert sizes every cell with it (its hot path),
 * the refresh and the freeze whole values. 0 when JSON.stringify gives no text (undefined, a function,
 * a symbol); like JSON.stringify it throws for a BigInt.
 */
export function jsonBytes(value: unknown): number {
  return Math.max(0, valueBytes(value, ""));
}

/** JSON bytes of `value` under `key` (for toJSON), or -1 when JSON.stringify leaves it out. Cells first. */
function valueBytes(value: unknown, key: string | number): number {
  switch (typeof value) {
    case "string":
      return stringBytes(value);
    case "number":
      // A finite number is written as String(n) (-0 as "0", 1e21 as "1e+21"); NaN and ±Infinity as null.
      return Number.isFinite(value) ? String(value).length : 4;
    case "boolean":
      return value ? 4 : 5;
    case "object":
      return value === null ? 4 : objectBytes(value, key);
    case "bigint":
      return JSON.stringify(value).length; // throws, as JSON.stringify does
    default:
      return -1; // undefined, a function, a symbol
  }
}

/** A string's JSON: quotes, two-character escapes, \u00XX for other control characters and \uDXXX for a lone surrogate. */
function stringBytes(s: string): number {
  let bytes = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20) bytes += c === 0x22 || c === 0x5c ? 2 : 1;
      else bytes += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6;
    } else if (c < 0x800) bytes += 2;
    else if (c < 0xd800 || c > 0xdfff) bytes += 3;
    else {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4; // a surrogate pair: one 4-byte character
        i++;
      } else bytes += 6;
    }
  }
  return bytes;
}

/** Arrays and objects as JSON.stringify writes them, after toJSON and the unwrapping of boxed primitives. */
function objectBytes(value: object, key: string | number): number {
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") return valueBytes(toJSON.call(value, String(key)), key);
  if (value instanceof Number || value instanceof String || value instanceof Boolean || value instanceof BigInt) return valueBytes(value.valueOf(), key);
  if (Array.isArray(value)) {
    let bytes = value.length > 0 ? value.length + 1 : 2; // [ ] and the commas
    for (let i = 0; i < value.length; i++) {
      const item = valueBytes(value[i], i);
      bytes += item < 0 ? 4 : item; // left-out elements are written as null
    }
    return bytes;
  }
  let bytes = 1; // {, and } or a comma after each member
  let members = 0;
  for (const k of Object.keys(value)) {
    const item = valueBytes((value as Record<string, unknown>)[k], k);
    if (item < 0) continue; // left-out members are not written
    bytes += stringBytes(k) + 1 + item + 1;
    members++;
  }
  return members > 0 ? bytes : 2;
}

/** Rows [start, end) of the input, and their estimated payload. */
export interface RowChunk {
  start: number;
  end: number;
  bytes: number;
}

/**
 * Groups consecutive rows into chunks whose estimated payload (`jsonBytes` of each row,
 * plus one byte per row for the separator) stays within `budgetBytes`. Every row lands in exactly
 * one chunk, in order. No rows gives one empty chunk, so callers always have a request to send.
 * Throws a RangeError when a single row exceeds the budget (it could never be sent).
 */
export function planChunks(rows: readonly unknown[], budgetBytes: number): RowChunk[] {
  if (!(budgetBytes > 0)) throw new RangeError(`payload budget must be positive, got ${budgetBytes}`);
  const chunks: RowChunk[] = [];
  let start = 0;
  let bytes = 0;
  rows.forEach((row, i) => {
    const rowBytes = jsonBytes(row) + 1;
    if (rowBytes > budgetBytes) {
      throw new RangeError(`row ${i} needs about ${rowBytes} bytes, more than the ${budgetBytes}-byte budget`);
    }
    if (bytes + rowBytes > budgetBytes) {
      chunks.push({ start, end: i, bytes });
      start = i;
      bytes = 0;
    }
    bytes += rowBytes;
  });
  chunks.push({ start, end: rows.length, bytes });
  return chunks;
}

/**
 * planChunks over sizes already counted (one number per row, its bytes), so no row is serialised just to
 * be measured; `lastExtra` bytes are kept free in the last chunk (what goes out with it, e.g. the base).
 */
export function planChunkSizes(rowBytes: readonly number[], budgetBytes: number, lastExtra = 0): RowChunk[] {
  if (!(budgetBytes > 0)) throw new RangeError(`payload budget must be positive, got ${budgetBytes}`);
  const chunks: RowChunk[] = [];
  let start = 0;
  let bytes = 0;
  rowBytes.forEach((size, i) => {
    const rowSize = size + 1;
    if (rowSize > budgetBytes) throw new RangeError(`row ${i} needs about ${rowSize} bytes, more than the ${budgetBytes}-byte budget`);
    if (bytes + rowSize > budgetBytes) {
      chunks.push({ start, end: i, bytes });
      start = i;
      bytes = 0;
    }
    bytes += rowSize;
  });
  chunks.push({ start, end: rowBytes.length, bytes });
  // The last chunk carries `lastExtra` too; when it does not fit, it gets a chunk of its own rows split off.
  const last = chunks[chunks.length - 1]!;
  if (last.bytes + lastExtra > budgetBytes && last.end > last.start) {
    let keep = last.end;
    let moved = 0;
    while (keep > last.start && moved + rowBytes[keep - 1]! + 1 + lastExtra <= budgetBytes) moved += rowBytes[--keep]! + 1;
    if (keep < last.end) {
      chunks[chunks.length - 1] = { start: last.start, end: keep, bytes: last.bytes - moved };
      chunks.push({ start: keep, end: last.end, bytes: moved });
    } else chunks.push({ start: last.end, end: last.end, bytes: 0 });
  }
  return chunks;
}

/** A queued write and its estimated request bytes. */
export interface WriteOp {
  bytes: number;
  queue: () => void;
}

/** Sends `ops` in order, as many per request as the budget allows (at least one). */
export async function sendInBatches(ops: readonly WriteOp[], budget: number, sync: () => Promise<void>): Promise<void> {
  let used = 0;
  let queued = 0;
  for (const op of ops) {
    if (queued > 0 && used + op.bytes > budget) {
      await sync();
      used = 0;
      queued = 0;
    }
    op.queue();
    used += op.bytes;
    queued++;
  }
  if (queued > 0) await sync();
}
