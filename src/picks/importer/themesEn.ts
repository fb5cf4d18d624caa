/**
 * Themed lists in English prose: a recommendation cue, a theme, and a list of two or more company-like
 * names separated by commas and "and":
 *   "We recommend: Inspur, Zhongji Innolight and Eoptolink."
 *   "Beneficiaries of AI servers: Inspur, Sugon, Cambricon."
 *   "Theme: optical modules — Zhongji Innolight, Eoptolink, TFC Optical"
 *   "In optical modules, our top picks are Zhongji Innolight (300308.SZ) and Eoptolink (300502 CH)."
 * and, under a recommending line, enumerated or bulleted items "1) Optical modules: A, B and C".
 *
 * The rule, in order: a cue (CUE_RE) or an item under a recommendation; then the list starts after a
 * separator (":", a dash) or a linking word ("are", "include", "such as" …) following the cue, or right
 * after it; the theme is what lies between the cue and the list ("in compute", "of AI servers"), or else
 * the clause before the cue ("In optical modules, we like …", "AI server beneficiaries: …"). The list runs
 * to the end of its sentence and every part of it must be a company-like name (capitalised words with an
 * optional Ltd/Co/Group suffix, or a Chinese short name), with parentheses holding only tickers (read
 * through the one ticker rule, src/picks/tickers.ts) or ratings. One part that is not a name (a lower-case
 * word, a number, a country) and the sentence is prose, not a list.
 *
 * Cost: one regular-expression scan per line with a comma; a bounded number of list attempts per cue.
 */
import { foldForMatch } from "../text";
import { normaliseTicker } from "../tickers";
import { SHORT_NAME_RE } from "./lines";

export interface EnglishList {
  /** Offset of the cue in the line. */
  offset: number;
  /** The theme as printed (first letter capitalised), or null when the sentence names none. */
  theme: string | null;
  members: string[];
  /** Per member, the ticker printed next to it in parentheses, or null. */
  tickers: (string | null)[];
}

/** Recommendation cues; "we …" forms come before the bare verbs so the match starts at the pronoun. */
const CUE_RE =
  /\b(?:(?:we|i)\s+(?:(?:would|continue\s+to|still)\s+)?(?:recommend|like|prefer|favou?r|buy)|recommend(?:ed|s|ations?)?|top\s+picks?|(?:key|preferred|stock|our)\s+picks?|beneficiar(?:y|ies)|(?:stocks?|names|companies)\s+to\s+(?:watch|buy|own)|(?:related|key|preferred|recommended|potential)\s+(?:stocks|names|companies|plays|beneficiaries)|buy(?=\s*[:：])|buy-rated|themes?(?=\s*[:：])|watch\s*list)\b/gi;
/** Cues that are nouns: a theme may stand right before them ("AI server beneficiaries"). */
const NOUN_CUE_RE = /(?:picks?|beneficiar(?:y|ies)|stocks|names|companies|plays|watch\s*list)$/i;
/** Words linking a cue (and its theme) to the list. */
const LINK_RE = /\s(?:are|is|include|includes|including|such\s+as|namely|like|remain|to\s+watch|focus\s+on)\s/gi;
const SEPARATOR_RE = /\s*(?:[:：]|\s[—–-]\s|[—–])\s*/g;
/** A sentence ends at these, or at a period that closes no abbreviation; a list also ends at a separator. */
const SENTENCE_STOP = new Set([";", "；", "。", "!", "?"]);
const LIST_STOP = new Set([...SENTENCE_STOP, ":", "：", "—", "–"]);
/** Abbreviations inside a name ("Co.", "No."): their period never ends a sentence. */
const INNER_ABBREVIATIONS = new Set(["CO", "NO", "ST", "JR", "MR", "DR", "S.A", "N.V", "U.S", "A.G"]);
/** Abbreviations ending a name ("Ltd."): their period ends the sentence only before a capitalised word. */
const END_ABBREVIATIONS = new Set(["LTD", "INC", "CORP", "BHD", "PLC", "LLC"]);
/** Parts that are a company's legal suffix, joined back to the name before them ("Hon Hai Co., Ltd."). */
const SUFFIX_PART_RE = /^(?:Ltd|Limited|Inc|Incorporated|Corp|Corporation|Co|LLC|PLC|Plc|AG|SA|NV|Bhd)\.?$/;
const TRAILING_ETC_RE = /\s*,?\s*(?:etc\.?|among others|and others|and so on|and more|in our view|we think|we believe)$/i;
/** After the last name, the sentence may go on: "… and Eoptolink for their 800G share" (the name is what precedes). */
const TAIL_RE = /\s+(?:for|on|as|given|ahead|in|into|with|due|because|which|amid|at|over|thanks|owing|to)\s.*$/;
const RATING_RE = /^(?:buy|strong buy|outperform|overweight|accumulate|add|hold|neutral|market perform|equal-?weight|not rated|nr)$/i;
/** A capitalised word of a company name, a connector inside one, or a legal suffix. */
const NAME_WORD_RE = /^(?:[A-Z][A-Za-z0-9&.,'’\-]*|[0-9][A-Za-z][A-Za-z0-9&.\-]*|&|of|de|du|la|and)$/;
/** Capitalised words that begin sentences, never a company name's first word. */
const SENTENCE_WORDS = new Set("the we our this that these those it its in on for with however and but also as at by from if while".split(" "));
/** Markets and months: capitalised, listed with commas, and not companies. */
const NOT_A_NAME = new Set(
  [
    "China", "Chinese", "US", "USA", "U.S.", "Japan", "Korea", "Taiwan", "Europe", "Asia", "India", "Hong Kong", "HK",
    "Mainland", "Global", "Emerging", "A-shares", "H-shares", "ADRs",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
  ].map((w) => w.toLowerCase()),
);
const MAX_NAME_WORDS = 6;
const MAX_MEMBERS = 40;
const MAX_SEGMENT = 600;

/** Where the text that starts at `text[0]` stops (exclusive): at one of `stops` or a sentence's period, outside parentheses. */
function stopAt(text: string, stops: ReadonlySet<string>): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "(" || ch === "（") depth++;
    else if (ch === ")" || ch === "）") depth = Math.max(0, depth - 1);
    else if (depth > 0) continue;
    else if (stops.has(ch)) return i;
    else if (ch === "." && (i + 1 === text.length || /\s/.test(text[i + 1]!))) {
      const word = /([A-Za-z.]+)$/.exec(text.slice(Math.max(0, i - 12), i))?.[1]?.toUpperCase() ?? "";
      if (INNER_ABBREVIATIONS.has(word)) continue;
      if (END_ABBREVIATIONS.has(word) && !/^\s+[A-Z]/.test(text.slice(i + 1, i + 4))) continue;
      return i;
    }
  }
  return text.length;
}

const listEnd = (text: string): number => stopAt(text, LIST_STOP);

const JOINERS = [" and ", " & ", " as well as "];

/** Splits on commas and "and" outside parentheses. */
function splitParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "(" || ch === "（") depth++;
    else if (ch === ")" || ch === "）") depth = Math.max(0, depth - 1);
    else if (depth === 0 && (ch === "," || ch === "，")) {
      parts.push(text.slice(start, i));
      start = i + 1;
    } else if (depth === 0 && ch === " ") {
      const joiner = JOINERS.find((j) => text.startsWith(j, i));
      if (joiner) {
        parts.push(text.slice(start, i));
        start = i + joiner.length;
        i = start - 1;
      }
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim().replace(/^(?:and|&)\s+/i, ""));
}

function isCompanyName(name: string): boolean {
  if (name.length < 2 || name.length > 60) return false;
  if (/[\u3400-\u9fff]/.test(name)) return SHORT_NAME_RE.test(foldForMatch(name));
  const words = name.split(/\s+/);
  if (words.length > MAX_NAME_WORDS || !/^[A-Z0-9]/.test(words[0]!) || !/[A-Za-z]/.test(name)) return false;
  if (NOT_A_NAME.has(name.toLowerCase()) || SENTENCE_WORDS.has(words[0]!.toLowerCase())) return false;
  return words.every((w) => NAME_WORD_RE.test(w)) && /^[A-Z0-9]/.test(words[words.length - 1]!);
}

/** "Inspur (000977.SZ, Buy)" → name and ticker; null when the part is not a company-like name. */
function parseMember(part: string): { name: string; ticker: string | null } | null {
  let name = part;
  let ticker: string | null = null;
  for (let m = /\s*[(（]([^()（）]*)[)）]$/.exec(name); m; m = /\s*[(（]([^()（）]*)[)）]$/.exec(name)) {
    for (const token of m[1]!.split(/[,;/，；]/).map((t) => t.trim())) {
      if (token === "") continue;
      const normalised = normaliseTicker(token, true);
      if (normalised !== null && ticker === null) ticker = normalised;
      else if (normalised === null && !RATING_RE.test(token)) return null;
    }
    name = name.slice(0, m.index).trim();
  }
  return isCompanyName(name) ? { name, ticker } : null;
}

/** The members of a list starting at `text[0]`, or null unless it is a list of 2+ company-like names. */
function parseList(text: string): { members: string[]; tickers: (string | null)[] } | null {
  // A list starts with a name: a capital, a digit or an ideograph (most prose is refused here, at once).
  if (!/^\s*[A-Z0-9\u3400-\u9fff*]/.test(text)) return null;
  const body = text.slice(0, listEnd(text)).trim().replace(TRAILING_ETC_RE, "");
  if (!/,|，|\sand\s|\s&\s/.test(body)) return null;
  const parts: string[] = [];
  for (const part of splitParts(body)) {
    if (SUFFIX_PART_RE.test(part) && parts.length > 0) parts[parts.length - 1] += `, ${part}`;
    else parts.push(part);
  }
  if (parts.length < 2 || parts.length > MAX_MEMBERS) return null;
  const members: string[] = [];
  const tickers: (string | null)[] = [];
  for (const [i, part] of parts.entries()) {
    const member = parseMember(part) ?? (i === parts.length - 1 ? parseMember(part.replace(TAIL_RE, "")) : null);
    if (!member) return null;
    members.push(member.name);
    tickers.push(member.ticker);
  }
  return { members, tickers };
}

/** A theme as printed, trimmed of linking words; null unless it reads as a short noun phrase. */
function cleanTheme(text: string): string | null {
  let theme = text
    .replace(/[\s,:：—–-]+$/, "")
    .replace(/^[\s,:：—–-]+/, "")
    .replace(/^(?:(?:in|of|for|within|among|across|on|from|to|the|our|its|this|these|are|is)\s+)+/i, "")
    .replace(/\s+(?:space|sector|segment|universe|names|stocks|plays|chain)$/i, "")
    .trim();
  if (theme === "" || theme.length > 40 || theme.split(/\s+/).length > 6 || !/[A-Za-z\u3400-\u9fff]/.test(theme)) return null;
  if (/[.;!?()]/.test(theme) || NOT_A_NAME.has(theme.toLowerCase()) || SENTENCE_WORDS.has(theme.toLowerCase())) return null;
  theme = theme[0]!.toUpperCase() + theme.slice(1);
  return theme;
}

/** The theme in the clause before a cue: "In optical modules, we like" / "AI server beneficiaries". */
function themeBefore(line: string, cueStart: number, cue: string): string | null {
  const sentence = line.slice(0, cueStart);
  const start = Math.max(sentence.lastIndexOf(". "), sentence.lastIndexOf("; "), sentence.lastIndexOf(": "));
  const clause = sentence.slice(start + 1).trim();
  const lead = /^(?:in|for|within|among|across|as for|regarding|turning to)\s+(.+?)[\s,]*(?:(?:we|our|my|the|key|top)\s*)*$/i.exec(clause);
  if (lead) return cleanTheme(lead[1]!);
  // A noun cue right after a short noun phrase, no comma between: "AI server beneficiaries".
  if (NOUN_CUE_RE.test(cue) && clause !== "" && !/[,，]/.test(clause) && clause.split(/\s+/).length <= 4) return cleanTheme(clause);
  return null;
}

/** Every candidate start of the list in `segment` (after the cue): separators, linking words, then the cue's end. */
function listStarts(segment: string): { at: number; themeEnd: number; separated: boolean }[] {
  const starts: { at: number; themeEnd: number; separated: boolean }[] = [{ at: 0, themeEnd: 0, separated: false }];
  for (const re of [SEPARATOR_RE, LINK_RE]) {
    re.lastIndex = 0;
    for (let m = re.exec(segment), n = 0; m && n < 8; m = re.exec(segment), n++) {
      starts.push({ at: m.index + m[0].length, themeEnd: m.index, separated: re === SEPARATOR_RE });
    }
  }
  return starts.sort((a, b) => a.at - b.at);
}

/**
 * The English themed lists in one line. `itemCue`: the line is an item of a list a recommending line
 * introduced, so its start counts as a cue ("1) Optical modules: A, B and C").
 */
export function englishListsIn(line: string, itemCue: boolean): EnglishList[] {
  const out: EnglishList[] = [];
  const cues: { index: number; end: number; cue: string }[] = [];
  if (itemCue) cues.push({ index: 0, end: 0, cue: "" });
  CUE_RE.lastIndex = 0;
  for (let m = CUE_RE.exec(line), n = 0; m && n < 20; m = CUE_RE.exec(line), n++) cues.push({ index: m.index, end: m.index + m[0].length, cue: m[0] });
  let consumed = 0;
  for (const { index, end, cue } of cues) {
    if (end < consumed) continue;
    // The cue's sentence: a list in the next sentence is not the one the cue introduces.
    const rest = line.slice(end, end + MAX_SEGMENT);
    const segment = rest.slice(0, stopAt(rest, SENTENCE_STOP));
    for (const { at, themeEnd, separated } of listStarts(segment)) {
      const list = parseList(segment.slice(at));
      if (!list) continue;
      // Words between the cue and the list are its theme when a separator ends them ("Theme: optical
      // modules — …") or a preposition starts them ("top picks in compute are …"); otherwise they are the
      // verb's object ("we recommend investors focus on …"), not a theme.
      const raw = segment.slice(0, themeEnd);
      const between = separated || /^\s*(?:in|of|for|within|among|across|on|from)\s/i.test(raw) ? cleanTheme(raw) : null;
      // "Theme:" is a cue only with the theme it announces.
      if (/^themes?$/i.test(cue) && between === null) continue;
      const theme = between ?? (index > 0 ? themeBefore(line, index, cue) : null);
      // An item names its theme before the separator; one without is not a themed list.
      if (itemCue && index === 0 && theme === null) break;
      out.push({ offset: index, theme, ...list });
      consumed = end + at + listEnd(segment.slice(at));
      break;
    }
  }
  return out;
}

/** A line an English item list may sit under: it recommends ("Our top picks by theme:"). */
export function recommendsInEnglish(line: string): boolean {
  CUE_RE.lastIndex = 0;
  return CUE_RE.test(line);
}
