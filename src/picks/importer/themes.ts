/**
 * Themed lists in the note's prose: "方向：公司A、公司B、公司C等" (or "方向，…推荐公司A、公司B") inside a
 * recommendation ("建议 / 推荐 / 关注 / 受益 …"); and their English form, "Top picks in compute: A, B and
 * C" (themesEn.ts). Each line is read once, looking back a bounded number of lines for its section, so the
 * cost is linear in the note.
 */
import { canonicalCompanyName } from "../directory";
import { canonicalTheme } from "../glossary";
import { foldForMatch, joinCjkSpaces } from "../text";
import { ENUM_RE, RECOMMEND_RE, SHORT_NAME_RE, isBlank, isEnumeratedItem, stripBullets } from "./lines";
import { englishListsIn, recommendsInEnglish } from "./themesEn";

export interface FoundTheme {
  line: number;
  /** Offset in the line: Huaxin prints its four directions on one line. */
  offset: number;
  theme: string;
  members: string[];
  /** Per member, a ticker the note printed beside it ("Inspur (000977.SZ)"), used as is; absent: none. */
  tickers?: (string | null)[];
  section: string;
}

/** The theme of an English list that names none ("We recommend: A, B and C"); the glossary knows it. */
export const DEFAULT_ENGLISH_THEME = "Recommended stocks";

const LEAD_IN_RE = /^(?:重点|建议|同时)?(?:推荐|关注|推荐关注|建议关注|受益标的|相关标的|标的|受益公司|相关公司)$/;
const LIST_END_RE = /[：:；;。，,！？!?（()）\n]/;
const THEME_CUT_CHARS = ["：", ":", "；", ";", "。", "，", ","];

/** "中际旭创、新易盛等" → ["中际旭创", "新易盛"]; null unless it is a list of 2+ company-like names. */
function parseMembers(segment: string): string[] | null {
  const end = segment.search(LIST_END_RE);
  let text = (end >= 0 ? segment.slice(0, end) : segment).trim();
  text = text.replace(/\s*等(?:公司|标的|个股)?$/, "");
  if (!text.includes("、")) return null;
  const parts = text.split("、").map((p) => joinCjkSpaces(p.trim()));
  if (parts.length < 2 || parts.length > 40) return null;
  return parts.every((p) => SHORT_NAME_RE.test(foldForMatch(p))) ? parts : null;
}

function cleanTheme(text: string): string {
  return stripBullets(text).replace(ENUM_RE, "").trim();
}

function isPlausibleTheme(theme: string): boolean {
  return theme.length >= 1 && theme.length <= 20 && !/分别|涨幅|跌幅/.test(theme) && /[\u3400-\u9fffA-Za-z]/.test(theme);
}

/** The item a position sits in ("2) 国产算力，在美国…，推荐…") → its lead words ("国产算力"). */
function itemTheme(body: string, pos: number): string {
  const before = body.slice(Math.max(0, pos - 300), pos);
  const start = Math.max(before.lastIndexOf("；"), before.lastIndexOf(";"), before.lastIndexOf("。"));
  const item = cleanTheme(before.slice(start + 1));
  const cut = item.search(/[，,：:]/);
  return (cut >= 0 ? item.slice(0, cut) : item).trim();
}

/** An item (enumerated, or for English also bulleted) under a line that `recommends`. */
function itemUnder(lines: readonly string[], idx: number, isItem: (raw: string) => boolean, recommends: (raw: string) => boolean): boolean {
  if (!isItem(lines[idx]!)) return false;
  for (let k = idx - 1, looked = 0; k >= 0 && looked < 12; k--, looked++) {
    const raw = lines[k]!;
    if (isBlank(raw) || isItem(raw)) continue;
    return recommends(raw);
  }
  return false;
}

const recommendsInChinese = (raw: string): boolean => RECOMMEND_RE.test(raw);

function inRecommendation(lines: readonly string[], idx: number): boolean {
  return RECOMMEND_RE.test(lines[idx]!) || itemUnder(lines, idx, isEnumeratedItem, recommendsInChinese);
}

const BULLET_RE = /^\s*[-–•●■▶►➤*·◆□▪▌]\s*\S/;
const isEnglishItem = (raw: string): boolean => isEnumeratedItem(raw) || BULLET_RE.test(raw);
const recommendsAtAll = (raw: string): boolean => RECOMMEND_RE.test(raw) || recommendsInEnglish(raw);

const HEADING_GLYPH_RE = /^\s*[●■◆▌□▪]\s*(\S.*)$/;
const NUMBERED_HEADING_RE = /^\s*\d{1,2}(?:\.\d{1,2})*\s*([\u3400-\u9fffA-Za-z][^:：。；;,，\t]{0,24})$/;

/** The section heading line `raw` is, or null. */
function headingOf(raw: string): string | null {
  if (raw.length > 60 || raw.includes("\t")) return null;
  const glyph = HEADING_GLYPH_RE.exec(raw);
  if (glyph && !/[。；;]/.test(glyph[1]!)) return glyph[1]!.trim();
  const numbered = NUMBERED_HEADING_RE.exec(raw);
  // "1 March 2024" is a date, not heading 1.
  if (numbered && !/\b(?:19|20)\d{2}$/.test(numbered[1]!.trim())) return numbered[1]!.trim();
  const short = /^([\u3400-\u9fff]{2,12})[:：]?$/.exec(raw.trim());
  return short ? short[1]! : null;
}

/**
 * The heading of the section line `idx` is in: the nearest heading at most 40 lines above. `headings`
 * keeps each line's heading once read, so consecutive lines do not read the same lines again.
 */
function sectionOf(lines: readonly string[], idx: number, headings: (string | null | undefined)[]): string {
  for (let k = idx - 1; k >= 0 && k >= idx - 40; k--) {
    let heading = headings[k];
    if (heading === undefined) heading = headings[k] = headingOf(lines[k]!);
    if (heading !== null) return heading;
  }
  return "";
}

function lastCut(before: string): number {
  let at = -1;
  for (const ch of THEME_CUT_CHARS) at = Math.max(at, before.lastIndexOf(ch));
  return at;
}

/** Themed lists in note order; the same theme with the same members is kept once (a Set, not a scan). */
export function findThemes(lines: readonly string[]): FoundTheme[] {
  const found: FoundTheme[] = [];
  const keys = new Set<string>();
  const headings = new Array<string | null | undefined>(lines.length);
  let idx = 0;
  const add = (offset: number, theme: string, members: string[], section: string, tickers?: (string | null)[]): void => {
    if (!isPlausibleTheme(theme)) return;
    const key = `${canonicalTheme(theme)}|${members.map(canonicalCompanyName).join("、")}`;
    if (keys.has(key)) return;
    keys.add(key);
    found.push(tickers ? { line: idx, offset, theme, members, tickers, section } : { line: idx, offset, theme, members, section });
  };
  for (; idx < lines.length; idx++) {
    const raw = lines[idx]!;
    if (raw.length > 20_000 || raw.includes("\t")) continue;
    if (!raw.includes("、")) {
      // English: a cue in the line, or an item under a recommending line; a list needs a comma or "and".
      if (!/,|\sand\s/.test(raw)) continue;
      const item = itemUnder(lines, idx, isEnglishItem, recommendsAtAll);
      const lists = englishListsIn(stripBullets(raw).replace(ENUM_RE, ""), item);
      if (lists.length === 0) continue;
      const section = sectionOf(lines, idx, headings);
      for (const list of lists) add(list.offset, list.theme ?? DEFAULT_ENGLISH_THEME, list.members, section, list.tickers);
      continue;
    }
    if (!inRecommendation(lines, idx)) continue;
    const body = stripBullets(raw);
    const section = sectionOf(lines, idx, headings);
    // "方向：公司A、公司B等"
    let colons = 0;
    for (let p = body.search(/[：:]/); p >= 0 && colons < 100; colons++) {
      const members = parseMembers(body.slice(p + 1, p + 1 + 600));
      if (members) {
        const before = body.slice(Math.max(0, p - 80), p);
        let theme = cleanTheme(before.slice(lastCut(before) + 1));
        if (theme === "" || LEAD_IN_RE.test(theme)) theme = itemTheme(body, p);
        add(p, theme, members, section);
      }
      const next = body.slice(p + 1).search(/[：:]/);
      p = next >= 0 ? p + 1 + next : -1;
    }
    // "方向，…推荐公司A、公司B"
    const recommend = /(?:重点)?推荐(?:关注)?/g;
    for (let m = recommend.exec(body), n = 0; m && n < 100; m = recommend.exec(body), n++) {
      const after = body.slice(m.index + m[0].length, m.index + m[0].length + 600);
      if (/^\s*[：:]/.test(after)) continue; // the colon form above has it
      const members = parseMembers(after);
      if (members) add(m.index, itemTheme(body, m.index), members, section);
    }
  }
  return found.sort((a, b) => a.line - b.line || a.offset - b.offset);
}
