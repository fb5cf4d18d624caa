/**
 * Dates as broker notes print them, Chinese and English, and the rules that pick a note's report date
 * and a table's price date out of them. Pure; no lookbehind (older WebKit rejects it).
 *
 * Forms read (spaces allowed around the separators, full-width folded first):
 *   2025年03月09日 · 2025年3月9日 · 2025-03-09 · 2025/3/9 · 2025.03.09 · 2025_03_09
 *   12 April 2025 · 12 Apr 2025 · 12-Apr-2025 · 12th April, 2025 · Apr 12, 2025 · April 12th 2025 · Apr. 12 2025
 * Compact 20250309 is not read: eight digits are as often a code or an amount as a date.
 */
import { foldForMatch, isValidIsoDate } from "../text";

export interface FoundDate {
  iso: string;
  /** Offset of the date in the folded text. */
  start: number;
  end: number;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH_WORD = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
const YEAR = "((?:19|20)\\d{2})";

const CJK_DATE_RE = /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g;
const NUMERIC_DATE_RE = /(^|[^0-9])((?:19|20)\d{2})\s*([-/._])\s*(\d{1,2})\s*\3\s*(\d{1,2})(?![0-9])/g;
const DAY_MONTH_YEAR_RE = new RegExp(`(^|[^0-9a-z])${DAY}[\\s-]*${MONTH_WORD}[\\s,-]*${YEAR}(?![0-9])`, "gi");
const MONTH_DAY_YEAR_RE = new RegExp(`(^|[^a-z])${MONTH_WORD}\\s*${DAY},?\\s*${YEAR}(?![0-9])`, "gi");

function isoDate(year: string | number, month: string | number, day: string | number): string | null {
  const iso = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return isValidIsoDate(iso) ? iso : null;
}

function monthNumber(word: string): number {
  return MONTHS[word.toLowerCase().slice(0, 3)] ?? 0;
}

/** Every date printed in `text`, in order of position; overlapping readings keep the earlier, longer one. */
/** Every form above prints a year: text without one holds no date (most lines), told by one test. */
const YEAR_ANYWHERE_RE = /(?:19|20)\d{2}/;

/**
 * The matches of a global pattern, read with exec from the start (matchAll would copy the pattern on
 * every call, and this runs on every line of a note's opening). None of the patterns matches empty text.
 */
function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push(m);
  return out;
}

export function findDates(text: string): FoundDate[] {
  const folded = foldForMatch(text);
  const found: FoundDate[] = [];
  if (!YEAR_ANYWHERE_RE.test(folded)) return found;
  const add = (iso: string | null, start: number, end: number): void => {
    if (iso) found.push({ iso, start, end });
  };
  for (const m of allMatches(CJK_DATE_RE, folded)) add(isoDate(m[1]!, m[2]!, m[3]!), m.index, m.index + m[0].length);
  for (const m of allMatches(NUMERIC_DATE_RE, folded)) {
    add(isoDate(m[2]!, m[4]!, m[5]!), m.index + m[1]!.length, m.index + m[0].length);
  }
  if (/[a-z]/i.test(folded)) {
    for (const m of allMatches(DAY_MONTH_YEAR_RE, folded)) {
      add(isoDate(m[4]!, monthNumber(m[3]!), m[2]!), m.index + m[1]!.length, m.index + m[0].length);
    }
    for (const m of allMatches(MONTH_DAY_YEAR_RE, folded)) {
      add(isoDate(m[4]!, monthNumber(m[2]!), m[3]!), m.index + m[1]!.length, m.index + m[0].length);
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: FoundDate[] = [];
  for (const d of found) if (out.length === 0 || d.start >= out[out.length - 1]!.end) out.push(d);
  return out;
}

/** Words that say a date is the date of prices, not of the report. */
export const PRICE_DATE_WORDS_RE = /股价|收盘|价格|区间|截至|截止|行情|prices?|clos(?:e|ing)|as of|as at/i;

/** Words that label the report's own date. */
const REPORT_DATE_LABEL_RE = /^(?:报告日期|发布日期|发布时间|报告时间|日期|date|report date|published|publication date)\s*[:：]?\s*/i;

/** The date a line prints when it is the line's only content, or labelled as the report's date. */
export function dateOnlyLine(raw: string): string | null {
  const text = foldForMatch(raw).trim();
  const dates = findDates(text);
  if (dates.length === 1 && dates[0]!.start === 0 && dates[0]!.end === text.length) return dates[0]!.iso;
  const labelled = REPORT_DATE_LABEL_RE.exec(text);
  if (labelled) {
    const d = findDates(text.slice(labelled[0].length));
    if (d.length === 1 && d[0]!.start === 0) return d[0]!.iso;
  }
  return null;
}

/**
 * The date on a short identity line of the opening ("华泰证券 行业周报 2025年03月09日",
 * "Sector Update | 12 April 2025"): one date, no price words, not prose. Null otherwise.
 */
export function identityLineDate(raw: string): FoundDate | null {
  const text = foldForMatch(raw).trim();
  if (text.length > 80 || raw.includes("\t") || /[。；;《》“”"]/.test(text)) return null;
  // "1、《…》2024-02-05": a list of related research, each with its own date.
  if (/^\s*(?:\d{1,2}\s*[.、)）]|[(（]\d{1,2}[)）]|[-•·●▶►➤>*])/.test(text)) return null;
  if (PRICE_DATE_WORDS_RE.test(text)) return null;
  const dates = findDates(text);
  return dates.length === 1 ? dates[0]! : null;
}

/**
 * The price date a caption, header or source line names ("股价为 2024 年 2 月 23 日收盘价", "prices as of
 * 11 Apr 2025", "收盘价（2024-02-18）"), or null. A range ("区间为 2 月 19 日至 2 月 23 日") ends on the close.
 */
export function priceDateOfLine(raw: string): string | null {
  const text = foldForMatch(raw);
  if (!PRICE_DATE_WORDS_RE.test(text)) return null;
  const dates = findDates(text);
  return dates.length > 0 ? dates[dates.length - 1]!.iso : null;
}

/** A YYYY-MM-DD the analyst typed, or null when it is not a real calendar date. */
export function parseGivenDate(text: string): string | null {
  const trimmed = text.trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(trimmed) && isValidIsoDate(trimmed) ? trimmed : null;
}

/** Today in the analyst's calendar (local time), as YYYY-MM-DD. */
export function localIsoDate(now: Date): string {
  return isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate()) ?? now.toISOString().slice(0, 10);
}
