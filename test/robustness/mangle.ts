/**
 * Ways a table gets mangled between a broker's PDF (or a colleague's spreadsheet) and the add-in, as
 * fast-check arbitraries over a text: lines cut short, deleted, duplicated or swapped; columns shuffled;
 * stray characters (zero-width spaces, byte-order marks, no-break spaces, full-width digits, quotes,
 * delimiters, control characters, lone surrogates, formula and markup text); numbers too large for a
 * double (1e308 and past it, 400 digits); and lines hundreds of thousands of characters long.
 */
import fc from "fast-check";

/** Characters that PDF copy-paste, Excel exports and hand edits leave in tables. */
export const STRAY = [
  "\u200b", // zero-width space
  "\ufeff", // byte-order mark mid-text
  "\u00a0", // no-break space
  "\u3000", // ideographic space
  "\u2212", // minus sign
  "，", "、", "：", "％",
  '"', "'", ",", "\t", "\r", "\n", "\r\n", ";", "|",
  "\u0000", "\u001b", "\ud800", // NUL, ESC, a lone surrogate
  "😀",
  "=cmd|' /C calc'!A0",
  "<img src=x onerror=alert(1)>",
  "N/A", "-", "—", "/",
];

/** Numbers a double cannot hold, or barely can, and numeric-looking text that is not a number. */
export const HUGE = ["1e308", "-1e308", "1e309", "-1e309", "1e-400", "9".repeat(400), `-${"9".repeat(400)}.5`, `1${"0".repeat(400)}`, "1,000,000,000,000,000,000,000", "0x1F", "1_000", "١٢٣", "１２３．４５"];

/** Full-width digits for ASCII ones: how some Chinese PDFs and IMEs print numbers. */
export function fullWidthDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
}

export type Mangle =
  | { kind: "truncateText"; at: number }
  | { kind: "truncateLine"; line: number; at: number }
  | { kind: "deleteLine"; line: number }
  | { kind: "duplicateLine"; line: number }
  | { kind: "swapLines"; line: number }
  | { kind: "stray"; line: number; at: number; piece: string }
  | { kind: "fullWidth"; line: number }
  | { kind: "huge"; line: number; field: number; piece: string }
  | { kind: "longLine"; line: number; length: number; piece: string }
  | { kind: "shuffleColumns"; seed: number; everyLine: boolean };

export const mangle: fc.Arbitrary<Mangle> = fc.oneof(
  fc.record({ kind: fc.constant("truncateText" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("truncateLine" as const), line: fc.nat(), at: fc.nat() }),
  fc.record({ kind: fc.constant("deleteLine" as const), line: fc.nat() }),
  fc.record({ kind: fc.constant("duplicateLine" as const), line: fc.nat() }),
  fc.record({ kind: fc.constant("swapLines" as const), line: fc.nat() }),
  fc.record({ kind: fc.constant("stray" as const), line: fc.nat(), at: fc.nat(), piece: fc.constantFrom(...STRAY) }),
  fc.record({ kind: fc.constant("fullWidth" as const), line: fc.nat() }),
  fc.record({ kind: fc.constant("huge" as const), line: fc.nat(), field: fc.nat(), piece: fc.constantFrom(...HUGE) }),
  fc.record({ kind: fc.constant("longLine" as const), line: fc.nat(), length: fc.integer({ min: 10_000, max: 300_000 }), piece: fc.constantFrom("9", "x", "、", "\t", " ", ",", "中际旭创") }),
  fc.record({ kind: fc.constant("shuffleColumns" as const), seed: fc.nat(), everyLine: fc.boolean() }),
);

export const mangles = fc.array(mangle, { minLength: 1, maxLength: 6 });

/** A permutation of 0..n-1 from a seed (a small LCG: the same seed, the same order). */
function permutation(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let state = (seed >>> 0) || 1;
  for (let i = n - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/**
 * Applies `edits` to `text`, whose fields are separated by `delimiter` (a tab for pasted notes, a comma
 * or a tab for CSV). Column shuffles apply one permutation to every line with that many fields, or to
 * one line only.
 */
export function applyMangles(text: string, edits: readonly Mangle[], delimiter: string): string {
  let lines = text.split("\n");
  for (const edit of edits) {
    if (edit.kind === "truncateText") {
      const joined = lines.join("\n");
      lines = joined.slice(0, edit.at % (joined.length + 1)).split("\n");
      continue;
    }
    if (edit.kind === "shuffleColumns") {
      const width = Math.max(...lines.map((l) => l.split(delimiter).length));
      const order = permutation(width, edit.seed);
      const target = edit.everyLine ? -1 : edit.seed % Math.max(lines.length, 1);
      lines = lines.map((line, i) => {
        const fields = line.split(delimiter);
        if ((target !== -1 && i !== target) || fields.length !== width) return line;
        return order.map((k) => fields[k]).join(delimiter);
      });
      continue;
    }
    if (lines.length === 0) lines = [""];
    const i = edit.line % lines.length;
    const line = lines[i];
    switch (edit.kind) {
      case "truncateLine":
        lines[i] = line.slice(0, edit.at % (line.length + 1));
        break;
      case "deleteLine":
        lines.splice(i, 1);
        break;
      case "duplicateLine":
        lines.splice(i, 0, line);
        break;
      case "swapLines":
        if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1], line];
        break;
      case "stray": {
        const at = edit.at % (line.length + 1);
        lines[i] = line.slice(0, at) + edit.piece + line.slice(at);
        break;
      }
      case "fullWidth":
        lines[i] = fullWidthDigits(line);
        break;
      case "huge": {
        const fields = line.split(delimiter);
        const numeric = fields.map((f, k) => (/\d/.test(f) ? k : -1)).filter((k) => k >= 0);
        if (numeric.length > 0) fields[numeric[edit.field % numeric.length]] = edit.piece;
        lines[i] = fields.join(delimiter);
        break;
      }
      case "longLine":
        lines[i] = line + edit.piece.repeat(Math.ceil(edit.length / edit.piece.length));
        break;
    }
  }
  return lines.join("\n");
}

/** Runs `op` and fails the test if it takes longer than `limitMs`: a hang guard, not a speed test. */
export function withinTime<T>(limitMs: number, label: string, op: () => T): T {
  const started = Date.now();
  const result = op();
  const elapsed = Date.now() - started;
  if (elapsed > limitMs) throw new Error(`${label} took ${elapsed} ms (limit ${limitMs} ms)`);
  return result;
}
