/**
 * Text helpers shared by the importer, the validator and the column table: Unicode folding for
 * matching, missing-value tokens, numbers, percentages and dates. Pure; no lookbehind in any regex
 * (older WebKit, which Excel on Mac uses, rejects lookbehind at parse time and would break the bundle).
 */

/**
 * Letters that PDF text extraction emits in place of Latin capitals (the Minsheng 表5 header prints
 * "PB" as Cyrillic "РВ"). Only used for matching; printed text is kept as printed.
 */
const HOMOGLYPHS: Record<string, string> = {
  А: "A", В: "B", Е: "E", К: "K", М: "M", Н: "H", О: "O", Р: "P", С: "C", Т: "T", Х: "X", У: "Y",
  а: "a", в: "b", е: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", х: "x", у: "y",
  Α: "A", Β: "B", Ε: "E", Η: "H", Ι: "I", Κ: "K", Μ: "M", Ν: "N", Ο: "O", Ρ: "P", Τ: "T", Χ: "X",
  ο: "o", ρ: "p",
  "\u2212": "-", // minus sign
  "\u2010": "-", // hyphen
  "\u2011": "-", // non-breaking hyphen
};

const HOMOGLYPH_RE = new RegExp(`[${Object.keys(HOMOGLYPHS).join("")}]`, "g");

/** NFKC (full-width digits, letters and punctuation to ASCII) plus the homoglyph map. For matching only. */
export function foldForMatch(text: string): string {
  if (isOwnFold(text)) return text;
  return text.normalize("NFKC").replace(HOMOGLYPH_RE, (ch) => HOMOGLYPHS[ch] ?? ch);
}

/**
 * True when folding cannot change `text`: it holds only printable ASCII, tabs, and unified ideographs
 * (CJK Ext. A and the main block), each its own NFKC form, none a homoglyph, none combining with another.
 * Most lines of a note and most cells are such; they are read without a copy (test/picks/text.test.ts
 * checks every character of these ranges against NFKC).
 */
function isOwnFold(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) continue;
    if (c === 0x09 || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) continue;
    return false;
  }
  return true;
}

/** Cell texts that mean "no value". "-" alone is missing; "-0.81" is a number. */
const MISSING_TOKENS: ReadonlySet<string> = new Set([
  "",
  "/",
  "-",
  "--",
  "—",
  "——",
  "–",
  "N/A",
  "NA",
  "N.A.",
  "NM",
  "N.M.",
  "NAN",
  "NULL",
]);

/** "HUATAI SECURITIES RESEARCH" as "Huatai Securities Research": a banner in capitals read as a name. */
export function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|\s)([a-z])/g, (_, space: string, ch: string) => space + ch.toUpperCase());
}

export function isMissingCell(cell: string): boolean {
  return isMissingFolded(foldForMatch(cell));
}

/** `isMissingCell` for text already folded (the importer folds each cell once). */
export function isMissingFolded(folded: string): boolean {
  // Every token is at most 5 characters and starts with "/", "-", a dash or N: longer text, or text that
  // starts with a digit or an ideograph (most cells), is never missing, and is told without copying it.
  const first = folded.charCodeAt(0);
  if ((first >= 48 && first <= 57) || (first >= 0x3400 && first <= 0x9fff)) return false;
  if (folded.length > 5 && folded.trim().length > 5) return false;
  return MISSING_TOKENS.has(folded.trim().toUpperCase());
}

const PLAIN_NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const GROUPED_NUMBER_RE = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** 10^0 … 10^22: the powers of ten a double holds exactly. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * The value of text `PLAIN_NUMBER_RE` accepts with no space around it (most cells of a table), read by
 * character; undefined for any other text, which the general rule reads. Up to 15 digits make an exact
 * integer, and one division by an exact power of ten rounds once: the same double `Number(text)` gives.
 * Longer numbers go through `Number`.
 */
function plainNumberValue(text: string): number | undefined {
  const n = text.length;
  let i = 0;
  let c = text.charCodeAt(0);
  const negative = c === 45;
  if (c === 43 || c === 45) c = text.charCodeAt(++i); // + or -
  let value = 0;
  let intDigits = 0;
  while (c >= 48 && c <= 57) {
    value = value * 10 + (c - 48);
    intDigits++;
    c = text.charCodeAt(++i);
  }
  let fracDigits = 0;
  if (c === 46) {
    c = text.charCodeAt(++i);
    while (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      fracDigits++;
      c = text.charCodeAt(++i);
    }
  }
  const digits = intDigits + fracDigits;
  if (i !== n || digits === 0) return undefined;
  if (digits > 15) return Number(text);
  const exact = fracDigits > 0 ? value / EXACT_POWERS_OF_TEN[fracDigits]! : value;
  return negative ? -exact : exact;
}

/**
 * The number a cell prints ("1,500", "-0.81", "１２.５"), or undefined when it is not a plain number or
 * is too large for one (400 digits would read as Infinity, which no table means).
 */
export function parseNumberText(cell: string): number | undefined {
  return parseFoldedNumber(foldForMatch(cell));
}

/** `parseNumberText` for text already folded. */
export function parseFoldedNumber(folded: string): number | undefined {
  const plain = plainNumberValue(folded);
  if (plain !== undefined) return Number.isFinite(plain) ? plain : undefined;
  const text = folded.trim();
  let value: number | undefined;
  if (PLAIN_NUMBER_RE.test(text)) value = Number(text);
  else if (GROUPED_NUMBER_RE.test(text)) value = Number(text.replace(/,/g, ""));
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/**
 * Percentage points to a fraction by moving the decimal point in the text, so "6.38" gives exactly
 * the double nearest 0.0638 (6.38 / 100 gives 0.06380000000000001 for some inputs).
 */
export function percentTextToFraction(numberText: string): number | undefined {
  return foldedPercentToFraction(foldForMatch(numberText));
}

function foldedPercentToFraction(folded: string): number | undefined {
  const text = folded.trim().replace(/,/g, "");
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) return undefined;
  const sign = match[1] === "-" ? "-" : "";
  const intPart = match[2] ?? "";
  const fracPart = match[3] ?? "";
  const digits = intPart + fracPart;
  const point = intPart.length - 2;
  const shifted = point <= 0 ? `0.${"0".repeat(-point)}${digits}` : `${digits.slice(0, point)}.${digits.slice(point)}`;
  const value = Number(`${sign}${shifted}`);
  return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : undefined;
}

/** A cell such as "6.38%" (or "6.38" under a "%" header) as a fraction. */
export function parsePercentCell(cell: string, headerSaysPercent: boolean): number | undefined {
  return parseFoldedPercent(foldForMatch(cell), headerSaysPercent);
}

/** `parsePercentCell` for text already folded. */
export function parseFoldedPercent(folded: string, headerSaysPercent: boolean): number | undefined {
  const text = folded.trim();
  if (text.endsWith("%")) return foldedPercentToFraction(text.slice(0, -1).trim());
  if (headerSaysPercent && parseFoldedNumber(text) !== undefined) return foldedPercentToFraction(text);
  return undefined;
}

export function isValidIsoDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

const CJK = "\u3400-\u9fff\uf900-\ufaff";
const CJK_SPACE_RE = new RegExp(`([${CJK}])\\s+(?=[${CJK}])`, "g");

/** Drops the spaces a PDF line wrap leaves between two Chinese characters ("云从 科技" → "云从科技"). */
export function joinCjkSpaces(text: string): string {
  return text.replace(CJK_SPACE_RE, "$1");
}

export const CJK_CLASS = CJK;
