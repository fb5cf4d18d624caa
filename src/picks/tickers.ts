/**
 * Ticker normalisation: the single home of the exchange rule.
 *
 * Normalised forms: 000977.SZ, 688256.SH, 830799.BJ (six digits + exchange) and 0700.HK (the HK code
 * as a number, padded to at least four digits). Accepted inputs (case-insensitive, full-width folded):
 *   000977.SZ / 600000.SS (Yahoo's SS = SH) / SZ000977 / SH600000 / 000977 CH (Bloomberg) /
 *   SHSE:600000 / SZSE:000977 / bare 000977, and 700.HK / 00700.HK / 0700 HK / 700 HK Equity / HK00700.
 * For bare six-digit codes (and the Bloomberg "CH" form) the exchange is inferred from the prefix:
 *   60, 68, 900 → SH;  00, 30, 200 → SZ;  8, 4, 92 → BJ.  Anything else (funds, bonds) is not a ticker.
 * An explicit exchange must agree with that prefix rule, so a mistyped "600000.SZ" is rejected.
 */

export type Exchange = "SH" | "SZ" | "BJ" | "HK";

/** The exchange a six-digit mainland code belongs to, or null when the prefix is not a stock's. */
export function exchangeOfCode(code: string): Exclude<Exchange, "HK"> | null {
  return code.length === 6 && digitsAt(code, 0, 6) ? exchangeOfDigits(code, 0) : null;
}

/** True when `text` holds `count` ASCII digits from `at`. */
function digitsAt(text: string, at: number, count: number): boolean {
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i);
    if (!(c >= 48 && c <= 57)) return false;
  }
  return true;
}

/** The prefix rule on the six digits at `at` (checked by the caller), read without copying them. */
function exchangeOfDigits(text: string, at: number): Exclude<Exchange, "HK"> | null {
  const a = text.charCodeAt(at);
  const b = text.charCodeAt(at + 1);
  const c = text.charCodeAt(at + 2);
  const ZERO = 48;
  if ((a === ZERO + 6 && (b === ZERO || b === ZERO + 8)) || (a === ZERO + 9 && b === ZERO && c === ZERO)) return "SH";
  if ((a === ZERO && b === ZERO) || (a === ZERO + 3 && b === ZERO) || (a === ZERO + 2 && b === ZERO && c === ZERO)) return "SZ";
  if (a === ZERO + 8 || a === ZERO + 4 || (a === ZERO + 9 && b === ZERO + 2)) return "BJ";
  return null;
}

function fold(raw: string): string {
  return raw.normalize("NFKC").trim().toUpperCase();
}

function mainland(code: string, exchange: string | null): string | null {
  const inferred = exchangeOfCode(code);
  if (!inferred) return null;
  if (exchange !== null) {
    const given = exchange === "SS" ? "SH" : exchange;
    if (given !== inferred) return null;
  }
  return `${code}.${inferred}`;
}

function hongKong(digits: string): string | null {
  const n = Number(digits);
  if (!Number.isInteger(n) || n <= 0 || n > 99999) return null;
  return `${String(n).padStart(4, "0")}.HK`;
}

/**
 * The two spellings a table row or a feed almost always prints, read by character without a regex or
 * a copy: "000977.SZ" (upper case, the normalised form itself: returned as is, or null when the exchange
 * disagrees with the prefix) and "700.HK" (1 to 5 digits). Undefined for anything else, which the
 * general rules read; both give the same answer (test/picks/tickers.test.ts compares them).
 */
function normalisedFast(text: string): string | null | undefined {
  const n = text.length;
  if (n === 9 && text.charCodeAt(6) === 46 && digitsAt(text, 0, 6)) {
    const x = text.charCodeAt(7);
    const y = text.charCodeAt(8);
    const given = x === 83 && y === 90 ? "SZ" : x === 83 && y === 72 ? "SH" : x === 66 && y === 74 ? "BJ" : null;
    if (given !== null) return exchangeOfDigits(text, 0) === given ? text : null;
  }
  if (n >= 4 && n <= 8 && text.charCodeAt(n - 3) === 46 && text.charCodeAt(n - 2) === 72 && text.charCodeAt(n - 1) === 75 && digitsAt(text, 0, n - 3)) {
    return hongKong(text.slice(0, n - 3));
  }
  return undefined;
}

/**
 * The normalised ticker, or null when `raw` is not a recognisable ticker.
 * `allowBare` accepts a bare six-digit code (used inside a column whose header says it holds codes).
 */
export function normaliseTicker(raw: string, allowBare = true): string | null {
  return normaliseFoldedTicker(fold(raw), allowBare);
}

/** `normaliseTicker` for text already NFKC-folded (the importer folds each cell once); case and spaces are handled here. */
export function normaliseFoldedTicker(folded: string, allowBare = true): string | null {
  const fast = normalisedFast(folded);
  if (fast !== undefined) return fast;
  if (folded.length > 24 || !/\d/.test(folded)) return null;
  const text = folded.trim().toUpperCase();
  let m = /^(\d{6})\s*\.\s*(SZ|SH|SS|BJ)$/.exec(text);
  if (m) return mainland(m[1] ?? "", m[2] ?? "");
  m = /^(SZ|SH|SS|BJ)\s*\.?\s*(\d{6})$/.exec(text);
  if (m) return mainland(m[2] ?? "", m[1] ?? "");
  m = /^(\d{6})\s+(CH|C1|C2)$/.exec(text);
  if (m) return mainland(m[1] ?? "", null);
  m = /^(?:SHSE|SSE)\s*[:.]?\s*(\d{6})$/.exec(text);
  if (m) return mainland(m[1] ?? "", "SH");
  m = /^(?:SZSE)\s*[:.]?\s*(\d{6})$/.exec(text);
  if (m) return mainland(m[1] ?? "", "SZ");
  m = /^(\d{1,5})\s*[.\s]\s*HK(?:\s+EQUITY)?$/.exec(text);
  if (m) return hongKong(m[1] ?? "");
  m = /^(\d{6})\s+(?:CH|C1|C2)\s+EQUITY$/.exec(text);
  if (m) return mainland(m[1] ?? "", null);
  m = /^(?:HK|HKEX)\s*[:.]?\s*(\d{1,5})$/.exec(text);
  if (m) return hongKong(m[1] ?? "");
  if (allowBare && /^\d{6}$/.test(text)) return mainland(text, null);
  return null;
}

/** True for a ticker that names its exchange (so a row holding it is a table row, not a number). */
export function isExplicitTicker(raw: string): boolean {
  return normaliseTicker(raw, false) !== null;
}

export function isNormalisedTicker(value: string): boolean {
  // A normalised ticker is ASCII, so it is its own fold: no NFKC needed to compare.
  return normaliseFoldedTicker(value, false) === value;
}
