/**
 * Lines of a note and what each one is: blank, a caption ("表5: 重点关注个股", "Exhibit 3:"), a source line
 * ("资料来源:", "Source:"), an enumerated item, a short title; and the cells of a table line, tab- or
 * space-separated.
 */
import { foldForMatch, isMissingCell, parseNumberText } from "../text";
import { isExplicitTicker, normaliseFoldedTicker } from "../tickers";

/** Lines longer than this are prose or garbage, never a table row or a header. */
export const MAX_TABLE_LINE = 2000;

export interface SplitLine {
  cells: string[];
  /** Tab-separated: positions are meaningful and empty cells are real blanks. */
  tabbed: boolean;
}

export const CAPTION_RE = /^\s*(?:表|图表|附表|Table|Exhibit|Figure|Fig\.)\s*(\d{1,3})\s*(?:[:：.．、]|\s|$)/i;
export const CAPTION_PREFIX_RE = /^\s*(?:表|图表|附表|Table|Exhibit|Figure|Fig\.)\s*\d{1,3}\s*[:：.．、]?\s*/i;
const SOURCE_RE = /^\s*(?:资料来源|数据来源|来源|Sources?)\s*[:：]/i;
export const SOURCE_PREFIX_RE = SOURCE_RE;
const BULLETS_RE = /^[\s\-–•●■▶►➤>*·◆□▪▌]+/;
export const ENUM_RE = /^(?:[(（]?\d{1,2}[)）]|\d{1,2}[.、．](?![0-9])|[①-⑳])\s*/;
export const RECOMMEND_RE = /建议|推荐|关注|受益|标的|看好|recommend/i;
/** A company's short name as a themed list prints it (folded): 中际旭创, 寒武纪-U, *ST 某某, TCL科技. */
export const SHORT_NAME_RE = /^(?:\*?ST ?)?[A-Za-z0-9\u3400-\u9fff]{2,12}(?:-[A-Z]{1,3})?$/;

export function isBlank(raw: string): boolean {
  return raw.trim() === "";
}

export function stripBullets(text: string): string {
  return text.replace(BULLETS_RE, "");
}

export function isEnumeratedItem(raw: string): boolean {
  return ENUM_RE.test(stripBullets(raw));
}

export function isSourceLine(raw: string): boolean {
  // Cheap refusal first: every line of a note is asked, and folding is the costly part.
  if (!/来源|source|ｓｏｕｒｃｅ/i.test(raw)) return false;
  return SOURCE_RE.test(foldForMatch(raw));
}

export function isCaptionLine(raw: string): boolean {
  return !raw.includes("\t") && CAPTION_RE.test(foldForMatch(raw));
}

/** A short line that can title a table when the note prints no "表N" ("重点关注公司及盈利预测"). */
export function isShortTitle(raw: string): boolean {
  const text = raw.trim();
  if (text.length < 2 || text.length > 40 || raw.includes("\t")) return false;
  if (/[。；;，,:：]$/.test(text) || isSourceLine(text)) return false;
  return /[\u3400-\u9fffA-Za-z]/.test(text);
}

export function isWordyToken(token: string): boolean {
  return parseNumberText(token) === undefined && !isMissingCell(token) && !isExplicitTicker(token);
}

/** Exchange words that follow a code after a space: "700 HK", "688256 CH" (Bloomberg), "0700 HK Equity". */
const EXCHANGE_WORD_RE = /^(?:HK|CH|C1|C2|Equity)$/i;

/** Joins "700" "HK" (and "688256" "CH" "Equity") into one cell when together they are a ticker. */
function joinTickerTokens(tokens: string[]): string[] {
  let out: string[] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (next !== undefined && /^\d{1,6}$/.test(token) && EXCHANGE_WORD_RE.test(next)) {
      let joined = `${token} ${next}`;
      let used = 2;
      if (/^equity$/i.test(tokens[i + 2] ?? "")) {
        joined += ` ${tokens[i + 2]}`;
        used = 3;
      }
      if (normaliseFoldedTicker(foldForMatch(joined), false) !== null) {
        out ??= tokens.slice(0, i);
        out.push(joined);
        i += used - 1;
        continue;
      }
    }
    out?.push(token);
  }
  return out ?? tokens;
}

export function splitLine(raw: string): SplitLine {
  if (raw.includes("\t")) {
    const cells = raw.split("\t");
    for (let i = 0; i < cells.length; i++) cells[i] = cells[i]!.trim();
    return { cells, tabbed: true };
  }
  const text = raw.trim();
  if (text === "") return { cells: [], tabbed: false };
  // Runs of 2+ spaces separate cells when the cells they leave are single values or words ("ST 泛微",
  // "股价 (元)", "700 HK"); when a "cell" would hold several numbers, the spaces were single separators
  // and the wider gaps are blanks that cannot be placed, so the line is split on every space.
  if (/\S\s{2,}\S/.test(text)) {
    const parts = text.split(/\s{2,}/).map((p) => p.trim()).filter((p) => p !== "");
    const cellLike = parts.every((p) => {
      const words = p.split(/\s+/);
      return words.length === 1 || words.every(isWordyToken) || isExplicitTicker(p);
    });
    if (cellLike) return { cells: parts, tabbed: false };
  }
  return { cells: joinTickerTokens(text.split(/\s+/)), tabbed: false };
}
