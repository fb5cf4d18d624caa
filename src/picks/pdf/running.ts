/**
 * Running headers and footers: the broker's banner, the disclaimer line and the page number that every
 * page repeats. Dropping them lets a table continued on the next page join up, and keeps them out of
 * titles and themed lists. Pure. Two signals, either enough:
 *
 * - Repetition: a line in the page's top or bottom margin that repeats (digits aside) at the same height
 *   on most pages.
 * - Its words, on any page (a one-page note has no repetition): a line of the margin outside the body
 *   (above the page's first line of other text or below its last) made only of a page number, a notice
 *   ("请务必阅读正文之后的免责声明", "敬请参阅最后一页特别声明", "证券研究报告", "Please refer to the
 *   disclaimer", "See important disclosures") and the broker's name ("华泰证券", "示例证券研究所",
 *   "HUATAI SECURITIES", "Example Securities Research"). A page number in the margins always goes.
 */
import { BROKERS } from "../brokers";
import { titleCase } from "../text";
import { lineText, type TextLine } from "./lines";

/** Top and bottom share of the page height where running lines live. */
const MARGIN_SHARE = 0.12;
/** Baselines within this many points count as the same position. */
const SAME_Y = 3;

const PAGE_NUMBER_RE =
  /^[-–—\s]*(?:(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*(?:\/\s*共|\/|of|共)\s*\d{1,4}\s*页?)?|Page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|\d{1,4}\s*\/\s*\d{1,4})[-–—\s]*$/i;

export function isPageNumber(text: string): boolean {
  return PAGE_NUMBER_RE.test(text.trim());
}

/** Notices a broker prints in its page margins. */
const NOTICE_RES: readonly RegExp[] = [
  /务必阅读.{0,30}(?:声明|申明|披露|说明|条款)/,
  /(?:敬请|请)(?:参阅|参见|阅读|关注).{0,30}(?:声明|申明|披露|说明|条款)/,
  /^证券研究报告$/, // not "行业研究报告": that names the report type
  /^(?:本报告)?仅供.{0,16}(?:参考|使用|阅读)$/,
  /\b(?:please|kindly)\s+(?:refer|read|see)\b.{0,80}\b(?:disclaimers?|disclosures?|certifications?)\b/i,
  /\bsee\b.{0,40}\b(?:disclosures?|disclaimers?)\b/i,
  /^for (?:institutional|professional) (?:investors?|clients?)(?: only)?\.?$/i,
];

/** A research house's name as a logo prints it: "华泰证券", "示例证券研究所", "Example Securities Research". */
const CN_HOUSE_RE =
  /^[\u4e00-\u9fff]{2,10}?(?:证券|证券公司|研究所|研究院|研究中心)(?:股份有限公司|有限责任公司|有限公司)?(?:研究所|研究院|研究部|研究中心)?$/;
const EN_HOUSE_RE =
  /^(?:[A-Z][A-Za-z&.'-]*\s+){1,4}(?:Securities|Research|Capital|Financial|Investments?)(?:\s+(?:Research|Limited|Ltd\.?|Inc\.?|International|Group|Co\.,?\s*Ltd\.?))*$/;
const KNOWN_HOUSES = new Set(BROKERS.flatMap((b) => [b.zh, b.en.toLowerCase()]));
/** A running line is short: a notice, a name and a page number, not a paragraph. */
const MAX_RUNNING_CHARS = 100;

function isHouseName(text: string): boolean {
  if (KNOWN_HOUSES.has(text) || KNOWN_HOUSES.has(text.toLowerCase())) return true;
  if (CN_HOUSE_RE.test(text)) return true;
  return EN_HOUSE_RE.test(/[a-z]/.test(text) ? text : titleCase(text));
}

/** Every part of the line (its cells, and their parts between "|") is a page number, a notice or the broker's name, and one is not a page number. */
export function isRunningByWords(line: TextLine): boolean {
  if (lineText(line).length > MAX_RUNNING_CHARS) return false;
  const parts = line.segments.flatMap((s) => s.text.split(/\s*[|｜丨]\s*/)).map((p) => p.trim()).filter((p) => p !== "");
  let named = false;
  for (const part of parts) {
    if (isPageNumber(part)) continue;
    if (!NOTICE_RES.some((re) => re.test(part)) && !isHouseName(part)) return false;
    named = true;
  }
  return named;
}

function inMargin(line: TextLine, pageHeight: number): boolean {
  return line.y >= pageHeight * (1 - MARGIN_SHARE) || line.y <= pageHeight * MARGIN_SHARE;
}

/** Text with digits blanked, so "第 3 页" and "第 4 页" repeat. */
function shape(line: TextLine): string {
  return lineText(line).replace(/\d+/g, "#").replace(/\s+/g, "");
}

/**
 * Pages' lines without their running headers and footers. `pageHeights[i]` is the height of page i.
 * A margin line is running when the same shape at the same height is on at least half the pages (and
 * on two or more), or, outside the body, when its words make it one (isRunningByWords).
 */
export function dropRunningLines(pages: readonly TextLine[][], pageHeights: readonly number[]): TextLine[][] {
  const candidates: { shape: string; y: number; pages: Set<number> }[] = [];
  pages.forEach((lines, p) => {
    for (const line of lines) {
      if (!inMargin(line, pageHeights[p] ?? 0)) continue;
      const s = shape(line);
      let found = candidates.find((c) => c.shape === s && Math.abs(c.y - line.y) <= SAME_Y);
      if (!found) {
        found = { shape: s, y: line.y, pages: new Set() };
        candidates.push(found);
      }
      found.pages.add(p);
    }
  });
  const needed = Math.max(2, Math.ceil(pages.length / 2));
  const running = candidates.filter((c) => c.pages.size >= needed);
  return pages.map((lines, p) => {
    const height = pageHeights[p] ?? 0;
    const repeated = (line: TextLine): boolean => {
      if (!inMargin(line, height)) return false;
      if (isPageNumber(lineText(line))) return true;
      const s = shape(line);
      return running.some((c) => c.shape === s && Math.abs(c.y - line.y) <= SAME_Y && c.pages.has(p));
    };
    // Outside the body: from each edge of the page inwards, the margin's lines up to the first that is
    // not running (the body's first or last line), so no line between two lines of body text is tried.
    const byWords = new Set<TextLine>();
    const walk = (from: number, step: number, inBand: (line: TextLine) => boolean) => {
      for (let i = from; i >= 0 && i < lines.length && inBand(lines[i]!); i += step) {
        const line = lines[i]!;
        if (repeated(line)) continue;
        if (!isRunningByWords(line)) break;
        byWords.add(line);
      }
    };
    walk(0, 1, (line) => line.y >= height * (1 - MARGIN_SHARE));
    walk(lines.length - 1, -1, (line) => line.y <= height * MARGIN_SHARE);
    return lines.filter((line) => !byWords.has(line) && !repeated(line));
  });
}
