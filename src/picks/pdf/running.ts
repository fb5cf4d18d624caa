/**
 * Running headers and footers: the broker's banner, the disclaimer line and the page number that every
 * page repeats. They sit in the page's top or bottom margin and repeat (digits aside) at the same height
 * on most pages; a page number is dropped from the margins even on a one-page note. Dropping them lets a
 * table continued on the next page join up, and keeps them out of titles and themed lists. Pure.
 */
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
 * on two or more).
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
  return pages.map((lines, p) =>
    lines.filter((line) => {
      if (!inMargin(line, pageHeights[p] ?? 0)) return true;
      if (isPageNumber(lineText(line))) return false;
      const s = shape(line);
      return !running.some((c) => c.shape === s && Math.abs(c.y - line.y) <= SAME_Y && c.pages.has(p));
    }),
  );
}
