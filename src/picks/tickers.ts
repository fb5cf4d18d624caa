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
  if (!/^\d{6}$/.test(code)) return null;
  if (code.startsWith("60") || code.startsWith("68") || code.startsWith("900")) return "SH";
  if (code.startsWith("00") || code.startsWith("30") || code.startsWith("200")) return "SZ";
  if (code.startsWith("8") || code.startsWith("4") || code.startsWith("92")) return "BJ";
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
 * The normalised ticker, or null when `raw` is not a recognisable ticker.
 * `allowBare` accepts a bare six-digit code (used inside a column whose header says it holds codes).
 */
export function normaliseTicker(raw: string, allowBare = true): string | null {
  return normaliseFoldedTicker(fold(raw), allowBare);
}

/** `normaliseTicker` for text already NFKC-folded (the importer folds each cell once); case and spaces are handled here. */
export function normaliseFoldedTicker(folded: string, allowBare = true): string | null {
  if (folded.length > 24 || !/\d/.test(folded)) return null;
  const text = folded.trim().toUpperCase();
  // The common case first, without trying every other spelling.
  const plain = /^(\d{6})\.(SZ|SH|BJ)$/.exec(text);
  if (plain) return mainland(plain[1]!, plain[2]!);
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
