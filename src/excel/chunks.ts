/**
 * Splitting a large write into requests Excel accepts. Excel on the web refuses a request whose
 * payload exceeds 5 MB (RequestPayloadSizeLimitExceeded), so the insert estimates the bytes of every
 * values/formulas/numberFormat array it queues and sends rows in chunks that stay under a budget.
 * Pure and exported so the chunking can be benchmarked on its own.
 */

/** Excel on the web's cap on one request's payload. */
export const EXCEL_REQUEST_PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** What the insert allows itself per request: 1 MB under the cap, for Office.js's own envelope. */
export const DEFAULT_PAYLOAD_BUDGET_BYTES = 4 * 1024 * 1024;
/** Per queued operation, for what Office.js adds around the data (object paths, address, method name). */
export const OPERATION_OVERHEAD_BYTES = 512;

/**
 * The bytes `value` adds to a request: its JSON text as UTF-8, which is what Office.js sends (a Chinese
 * character is 3 bytes, not a six-byte \uXXXX escape).
 */
export function estimatePayloadBytes(value: unknown): number {
  const json = JSON.stringify(value);
  if (json === undefined) return 0;
  let bytes = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Rows [start, end) of the input, and their estimated payload. */
export interface RowChunk {
  start: number;
  end: number;
  bytes: number;
}

/**
 * Groups consecutive rows into chunks whose estimated payload (`estimatePayloadBytes` of each row,
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
    const rowBytes = estimatePayloadBytes(row) + 1;
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
