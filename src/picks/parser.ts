/**
 * The report importer: the text of a broker note (as copied from a PDF) → pick lists.
 *
 * What it reads:
 * - tables whose rows carry tickers, tab- or space-separated, with one- or two-line headers
 *   ("EPS / 2022 2023E 2024E" spans), columns recognised by src/picks/columns.ts, the caption above
 *   ("表5: 重点关注个股") and the source line below ("资料来源: ...");
 * - themed lists written as "方向：公司A、公司B、公司C等" (or "方向，…推荐公司A、公司B") inside a
 *   recommendation ("建议 / 推荐 / 关注 / 受益 …"), each company resolved to its ticker from the note's
 *   own tables or the bundled directory (src/picks/directory.ts);
 * - the note's broker, title, date, analysts.
 *
 * What it does not do: guess. A table whose columns cannot be placed (space-separated rows with blank
 * cells, an unknown header between space-separated cells, an EPS column with no year ...) is reported
 * in `problems` with the reason and left out. It never throws: any internal failure becomes a problem.
 */
import {
  PICKLIST_FORMAT,
  PICKLIST_VERSION,
  type CellValue,
  type ColumnKind,
  type PickColumn,
  type PickList,
  type PickListSource,
  type PickRow,
} from "./types";
import {
  HEADER_RULES,
  isNumericKind,
  parseYearCell,
  recogniseHeader,
  standardColumn,
  type HeaderRule,
  type RecognisedHeader,
} from "./columns";
import { BROKERS, brokerByName } from "./brokers";
import { canonicalCompanyName, lookupDirectory } from "./directory";
import { captionTerm, canonicalTheme, themeTerm } from "./glossary";
import { reportId } from "./ids";
import {
  findDates,
  foldForMatch,
  isMissingCell,
  joinCjkSpaces,
  parseNumberText,
  parsePercentCell,
} from "./text";
import { exchangeOfCode, isExplicitTicker, normaliseTicker } from "./tickers";
import { validatePickList } from "./validate";

export interface ParseProblem {
  /** The table's caption ("表5: 重点关注个股"), "table at line N", or the themed list's section and theme. */
  table: string;
  reason: string;
}

export interface ParseResult {
  lists: PickList[];
  problems: ParseProblem[];
}

/** Larger input is refused rather than risk a slow taskpane; a broker note is well under 1 MB of text. */
export const MAX_NOTE_CHARS = 2_000_000;
/** Lines longer than this are prose or garbage, never a table row or a header. */
const MAX_TABLE_LINE = 2000;

/* ------------------------------------------------------------------------------------------------ */
/* Lines and cells                                                                                  */
/* ------------------------------------------------------------------------------------------------ */

interface SplitLine {
  cells: string[];
  /** Tab-separated: positions are meaningful and empty cells are real blanks. */
  tabbed: boolean;
}

function isWordyToken(token: string): boolean {
  return parseNumberText(token) === undefined && !isMissingCell(token) && !isExplicitTicker(token);
}

function splitLine(raw: string): SplitLine {
  if (raw.includes("\t")) return { cells: raw.split("\t").map((c) => c.trim()), tabbed: true };
  const text = raw.trim();
  if (text === "") return { cells: [], tabbed: false };
  // Runs of 2+ spaces separate cells when the cells they leave are single values or words ("ST 泛微",
  // "股价 (元)"); when a "cell" would hold several numbers, the spaces were single separators and the
  // wider gaps are blanks that cannot be placed, so the line is split on every space.
  if (/\S\s{2,}\S/.test(text)) {
    const parts = text.split(/\s{2,}/).map((p) => p.trim()).filter((p) => p !== "");
    const cellLike = parts.every((p) => {
      const words = p.split(/\s+/);
      return words.length === 1 || words.every(isWordyToken);
    });
    if (cellLike) return { cells: parts, tabbed: false };
  }
  return { cells: text.split(/\s+/), tabbed: false };
}

/** Header cells of a space-separated line, grouped by recognition; the 2+-space cells first, then single tokens. */
function groupHeaderLine(raw: string): { text: string; rec: RecognisedHeader }[] | string {
  const text = raw.trim();
  const bySpaced = groupHeaderTokens(splitLine(text).cells);
  if (typeof bySpaced !== "string") return bySpaced;
  const byToken = groupHeaderTokens(text.split(/\s+/));
  return typeof byToken !== "string" ? byToken : bySpaced;
}

function isBlank(raw: string): boolean {
  return raw.trim() === "";
}

const CAPTION_RE = /^\s*(?:表|图表|附表|Table|Exhibit)\s*(\d{1,3})\s*(?:[:：.．、]|\s|$)/i;
const SOURCE_RE = /^\s*(?:资料来源|数据来源|来源|Sources?)\s*[:：]/i;
const BULLETS_RE = /^[\s\-–•●■▶►➤>*·◆□▪▌]+/;
const ENUM_RE = /^(?:[(（]?\d{1,2}[)）]|\d{1,2}[.、．](?![0-9])|[①-⑳])\s*/;
const RECOMMEND_RE = /建议|推荐|关注|受益|标的|看好|recommend/i;

function stripBullets(text: string): string {
  return text.replace(BULLETS_RE, "");
}

function isEnumeratedItem(raw: string): boolean {
  return ENUM_RE.test(stripBullets(raw));
}

function isSourceLine(raw: string): boolean {
  return SOURCE_RE.test(foldForMatch(raw));
}

function isCaptionLine(raw: string): boolean {
  return CAPTION_RE.test(foldForMatch(raw)) && !raw.includes("\t");
}

/** A short line that can title a table when the note prints no "表N" ("重点关注公司及盈利预测"). */
function isShortTitle(raw: string): boolean {
  const text = raw.trim();
  if (text.length < 2 || text.length > 40 || raw.includes("\t")) return false;
  if (/[。；;，,:：]$/.test(text) || isSourceLine(text)) return false;
  return /[\u3400-\u9fffA-Za-z]/.test(text);
}

/* ------------------------------------------------------------------------------------------------ */
/* Note metadata                                                                                    */
/* ------------------------------------------------------------------------------------------------ */

interface NoteMeta {
  broker: string;
  brokerEn: string;
  reportTitle: string;
  printedDate: string | null;
  analysts: string[];
}

function findBroker(lines: readonly string[]): { zh: string; en: string } {
  const votes = new Map<string, number>();
  for (const raw of lines) {
    if (!isSourceLine(raw)) continue;
    const body = foldForMatch(raw).replace(SOURCE_RE, "");
    for (const segment of body.split(/[,;]/)) {
      const m = /^\s*([\u3400-\u9fff]{2,8}?证券)(?:股份有限公司|有限责任公司)?(?:研究院|研究所|研究部|研究中心|研究)/.exec(segment);
      if (m) votes.set(m[1]!, (votes.get(m[1]!) ?? 0) + 1);
    }
  }
  if (votes.size === 0) {
    const text = lines.join("\n");
    for (const broker of BROKERS) {
      const count = text.split(broker.zh).length - 1;
      if (count > 0) votes.set(broker.zh, count);
    }
  }
  let best = "";
  let bestVotes = 0;
  for (const [name, count] of votes) {
    if (count > bestVotes) {
      best = name;
      bestVotes = count;
    }
  }
  return { zh: best, en: brokerByName(best)?.en ?? "" };
}

function isDateOnly(raw: string): string | null {
  const text = foldForMatch(raw).trim();
  const dates = findDates(text);
  if (dates.length === 1 && dates[0]!.start === 0 && dates[0]!.end === text.length) return dates[0]!.iso;
  const labelled = /^(?:报告日期|发布日期|日期|Date|Report date)\s*[:：]?\s*/i.exec(text);
  if (labelled) {
    const rest = text.slice(labelled[0].length);
    const d = findDates(rest);
    if (d.length === 1 && d[0]!.start === 0) return d[0]!.iso;
  }
  return null;
}

function findPrintedDate(lines: readonly string[]): string | null {
  for (const raw of lines.slice(0, 80)) {
    const iso = isDateOnly(raw);
    if (iso) return iso;
  }
  return null;
}

const ANALYST_RE = /^\s*(?:证券|首席)?分析师(?:\s*[:：]\s*|\s+)([\u3400-\u9fff·]{2,5})(?=$|[\s,，;；(（A-Za-z0-9])/;
const ANALYST_EN_RE = /^\s*Analysts?\s*[:：]\s*([A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,3})\s*$/;

function findAnalysts(lines: readonly string[]): string[] {
  const names: string[] = [];
  for (const raw of lines) {
    const m = ANALYST_RE.exec(raw) ?? ANALYST_EN_RE.exec(raw);
    if (m && !names.includes(m[1]!)) names.push(m[1]!);
  }
  return names;
}

function findTitle(lines: readonly string[], broker: string, firstTableLine: number): string {
  const limit = Math.min(lines.length, 25, firstTableLine);
  for (let i = 0; i < limit; i++) {
    const raw = lines[i]!;
    const text = raw.trim();
    if (text.length < 4 || text.length > 120 || raw.includes("\t")) continue;
    if (isDateOnly(text) || isSourceLine(text) || isCaptionLine(text)) continue;
    if (/^[—\-–•●■▶►➤>*·◆□▪]/.test(text)) continue;
    if (/^(?:分析师|执业证书|邮箱|研究助理|联系人|证券研究报告|行业研究|公司研究)/.test(text)) continue;
    if (broker !== "" && text.includes(broker) && text.length < 40) continue; // the banner "民生证券 MINSHENG SECURITIES"
    if (/^[A-Z0-9\s&.,()-]+$/.test(text)) continue; // an English banner
    return text;
  }
  return "";
}

/* ------------------------------------------------------------------------------------------------ */
/* Tables                                                                                           */
/* ------------------------------------------------------------------------------------------------ */

class TableProblem extends Error {}

interface TableColumn {
  /** Cell index in a tab-separated row, or ordinal position when the header is space-separated. */
  pos: number;
  column: PickColumn;
  /** Header text as printed (label and year line). */
  printed: string;
  percent: boolean;
  /** A column whose header no rule knows: its kind is decided by its values. */
  generic: boolean;
}

interface HeaderLayout {
  columns: TableColumn[];
  /** True when positions are tab positions; false when the header was space-separated. */
  positional: boolean;
  priceDate: string | null;
  notes: string[];
}

interface ParsedTable {
  line: number;
  caption: string | null;
  tableNumber: number | null;
  columns: PickColumn[];
  rows: PickRow[];
  priceDate: string | null;
  sourceLine: string;
  notes: string[];
}

type LineClass = "years" | "labels" | "noise";

/** Groups space-separated header tokens into headers, longest match first ("Stock code", "股价 (元)"). */
function groupHeaderTokens(tokens: readonly string[]): { text: string; rec: RecognisedHeader }[] | string {
  const out: { text: string; rec: RecognisedHeader }[] = [];
  let p = 0;
  while (p < tokens.length) {
    let found: { text: string; rec: RecognisedHeader; n: number } | null = null;
    for (let n = Math.min(4, tokens.length - p); n >= 1 && !found; n--) {
      const text = tokens.slice(p, p + n).join(" ");
      const rec = recogniseHeader(text);
      if (rec) found = { text, rec, n };
    }
    if (!found) return tokens[p]!;
    out.push({ text: found.text, rec: found.rec });
    p += found.n;
  }
  return out;
}

function classifyHeaderLine(raw: string): LineClass {
  if (raw.length > MAX_TABLE_LINE) return "noise";
  const split = splitLine(raw);
  const cells = split.cells.filter((c) => c !== "");
  if (cells.length === 0) return "noise";
  if (cells.every((c) => parseYearCell(c) !== null)) return "years";
  let recognised = 0;
  if (split.tabbed) {
    recognised = cells.filter((c) => recogniseHeader(c) !== null).length;
  } else {
    // A header with a word no rule knows still counts as a header (and is then reported as such).
    const grouped = groupHeaderLine(raw);
    recognised =
      typeof grouped === "string" ? raw.trim().split(/\s+/).filter((t) => recogniseHeader(t) !== null).length : grouped.length;
  }
  return recognised >= 2 ? "labels" : "noise";
}

function genericColumn(pos: number, printed: string, percent: boolean): TableColumn {
  return {
    pos,
    column: { key: `col${pos + 1}`, kind: "text", label: { zh: printed, en: printed } },
    printed,
    percent,
    generic: true,
  };
}

function ruleColumn(pos: number, printed: string, rec: RecognisedHeader, year?: number, estimate?: boolean): TableColumn {
  return { pos, column: standardColumn(rec.rule, year, estimate), printed, percent: rec.percent, generic: false };
}

function perYearWithoutYear(printed: string): TableProblem {
  return new TableProblem(`column "${printed}" has no year; EPS and P/E columns need one (2023E)`);
}

/** Header from tab-separated lines: positions are tab positions; "EPS" spans the years under it. */
function tabHeader(labelLine: string, yearLine: string | null, rowLines: readonly string[]): HeaderLayout {
  const labels = labelLine.split("\t").map((c) => c.trim());
  const years = yearLine !== null ? yearLine.split("\t").map((c) => c.trim()) : [];
  const rows = rowLines.map((raw) => splitLine(raw)).filter((s) => s.tabbed);
  const width = Math.max(labels.length, years.length, ...rows.map((r) => r.cells.length));
  const columns: TableColumn[] = [];
  const notes: string[] = [];
  let priceDate: string | null = null;
  let carry: { printed: string; rec: RecognisedHeader | null } | null = null;
  for (let c = 0; c < width; c++) {
    const label = labels[c] ?? "";
    const yearText = years[c] ?? "";
    const yearCell = yearText !== "" ? parseYearCell(yearText) : null;
    if (yearText !== "" && !yearCell) throw new TableProblem(`"${yearText}" under column ${c + 1} is not a year`);
    if (label === "") {
      if (yearCell && carry?.rec?.rule.perYear) {
        columns.push(ruleColumn(c, `${carry.printed} ${yearText}`, carry.rec, yearCell.year, yearCell.estimate));
        continue;
      }
      if (yearCell) throw new TableProblem(`year ${yearText} in column ${c + 1} has no EPS or P/E header above it`);
      if (rows.some((r) => (r.cells[c] ?? "") !== "")) {
        throw new TableProblem(`column ${c + 1} has values but no header`);
      }
      carry = null;
      continue;
    }
    const rec = recogniseHeader(label);
    carry = { printed: label, rec };
    const printed = yearText !== "" ? `${label} ${yearText}` : label;
    if (!rec) {
      columns.push(genericColumn(c, printed, label.includes("%")));
      continue;
    }
    if (rec.date && rec.rule.kind === "price") priceDate = rec.date;
    if (rec.rule.perYear) {
      if (rec.year !== undefined && yearCell && yearCell.year !== rec.year) {
        throw new TableProblem(`column "${label}" names ${rec.year} but the line below says ${yearText}`);
      }
      const year = rec.year ?? yearCell?.year;
      const estimate = rec.year !== undefined ? rec.estimate : yearCell?.estimate;
      if (year === undefined) throw perYearWithoutYear(label);
      columns.push(ruleColumn(c, printed, rec, year, estimate));
    } else {
      if (yearCell) throw new TableProblem(`column "${label}" is not per-year but has ${yearText} under it`);
      columns.push(ruleColumn(c, printed, rec));
    }
  }
  return { columns, positional: true, priceDate, notes };
}

/** Header from space-separated lines: headers are grouped by recognition; years are shared out evenly. */
function tokenHeader(labelLine: string, yearLine: string | null): HeaderLayout {
  const grouped = groupHeaderLine(labelLine);
  if (typeof grouped === "string") {
    throw new TableProblem(
      `header "${grouped}" is not recognised, and in space-separated text its extent cannot be known`,
    );
  }
  const years = yearLine !== null ? splitLine(yearLine).cells.filter((c) => c !== "") : [];
  const needYears = grouped.filter((g) => g.rec.rule.perYear && g.rec.year === undefined);
  let yearsPerHeader = 0;
  if (years.length > 0) {
    if (needYears.length === 0 || years.length % needYears.length !== 0) {
      throw new TableProblem(
        `${years.length} years under ${needYears.length} EPS/P/E headers cannot be shared out in space-separated text`,
      );
    }
    yearsPerHeader = years.length / needYears.length;
    for (let g = 1; g < needYears.length; g++) {
      const a = years.slice(0, yearsPerHeader).join(" ");
      const b = years.slice(g * yearsPerHeader, (g + 1) * yearsPerHeader).join(" ");
      if (a !== b) throw new TableProblem(`the year line (${years.join(" ")}) does not repeat per header; cannot tell which years belong to which header`);
    }
  }
  const columns: TableColumn[] = [];
  let priceDate: string | null = null;
  let yearGroup = 0;
  for (const { text, rec } of grouped) {
    if (rec.date && rec.rule.kind === "price") priceDate = rec.date;
    if (rec.rule.perYear && rec.year === undefined) {
      if (yearsPerHeader === 0) throw perYearWithoutYear(text);
      for (let y = 0; y < yearsPerHeader; y++) {
        const yearText = years[yearGroup * yearsPerHeader + y]!;
        const cell = parseYearCell(yearText)!;
        columns.push(ruleColumn(columns.length, `${text} ${yearText}`, rec, cell.year, cell.estimate));
      }
      yearGroup++;
    } else {
      columns.push(ruleColumn(columns.length, text, rec, rec.year, rec.estimate));
    }
  }
  return { columns, positional: false, priceDate, notes: [] };
}

/**
 * Space-separated row tokens → one text per column. A name printed with a space ("ST 泛微") spreads
 * over two tokens; the name column absorbs such extra non-numeric tokens. Anything else that does not
 * count out exactly is ambiguous: a blank cell leaves no token behind.
 */
function fitTokens(tokens: readonly string[], columns: readonly TableColumn[]): string[] | null {
  const n = columns.length;
  if (tokens.length === n) return [...tokens];
  if (tokens.length < n) return null;
  const extra = tokens.length - n;
  const nameIdx = columns.findIndex((c) => c.column.kind === "name");
  if (nameIdx < 0) return null;
  const spread = tokens.slice(nameIdx, nameIdx + extra + 1);
  if (!spread.every(isWordyToken)) return null;
  return [...tokens.slice(0, nameIdx), spread.join(" "), ...tokens.slice(nameIdx + extra + 1)];
}

function convertCell(col: TableColumn, cell: string): CellValue | { error: string } {
  const kind: ColumnKind = col.column.kind;
  const text = cell.trim();
  if (isMissingCell(text)) return null;
  if (kind === "ticker") return normaliseTicker(text, true) ?? { error: `"${text}" is not a recognisable ticker` };
  if (!isNumericKind(kind)) return text;
  if (kind === "change") {
    const value = parsePercentCell(text, col.percent);
    if (value !== undefined) return value;
    return parseNumberText(text) !== undefined
      ? { error: `"${text}" has no % sign and the header gives no unit; cannot tell a percentage from a fraction` }
      : { error: `"${text}" is not a percentage` };
  }
  const value = parseNumberText(text);
  return value !== undefined ? value : { error: `"${text}" is not a number` };
}

function describeRow(rowNo: number, cells: readonly string[]): string {
  const ticker = cells.find((c) => isExplicitTicker(c));
  return `row ${rowNo}${ticker ? ` (${ticker.trim()})` : ""}`;
}

/** Rows of one table: each row as texts per column (by tab position or by counting tokens). */
function rowTexts(rowLines: readonly string[], layout: HeaderLayout): string[][] {
  const out: string[][] = [];
  const n = layout.columns.length;
  rowLines.forEach((raw, r) => {
    const split = splitLine(raw);
    const rowNo = r + 1;
    if (split.tabbed && layout.positional) {
      // tabHeader has already refused values at positions without a header.
      out.push(layout.columns.map((c) => split.cells[c.pos] ?? ""));
      return;
    }
    if (split.tabbed) {
      const cells = [...split.cells];
      while (cells.length > n && cells[cells.length - 1] === "") cells.pop();
      if (cells.length !== n) {
        throw new TableProblem(
          `${describeRow(rowNo, cells)}: ${cells.length} cells for ${n} columns, and the space-separated header gives no positions`,
        );
      }
      out.push(cells);
      return;
    }
    const tokens = split.cells;
    const fitted = layout.positional
      ? fitTokens(tokens, layout.columns.map((c, i) => ({ ...c, pos: i })))
      : fitTokens(tokens, layout.columns);
    if (!fitted) {
      throw new TableProblem(
        `ambiguous: ${describeRow(rowNo, tokens)} has ${tokens.length} space-separated values for ${n} columns; ` +
          "in space-separated text the position of a blank cell cannot be known",
      );
    }
    out.push(fitted);
  });
  return out;
}

function settleGenericColumns(layout: HeaderLayout, texts: readonly string[][]): void {
  layout.columns.forEach((col, i) => {
    if (!col.generic) return;
    const values = texts.map((row) => row[i] ?? "").filter((t) => !isMissingCell(t));
    const numeric = values.length > 0 && values.every((t) => parseNumberText(t) !== undefined);
    col.column.kind = numeric ? "number" : "text";
    layout.notes.push(`column ${col.pos + 1} "${col.printed}" is not a known header; kept as ${col.column.kind} column "${col.column.key}"`);
  });
}

/** The one ticker column; a generic column holding only tickers becomes it when no header says "代码". */
function settleTickerColumn(layout: HeaderLayout, texts: readonly string[][]): number {
  const named = layout.columns.flatMap((c, i) => (c.column.kind === "ticker" ? [i] : []));
  if (named.length > 1) throw new TableProblem(`${named.length} columns are headed as tickers`);
  if (named.length === 1) return named[0]!;
  const candidates = layout.columns.flatMap((c, i) =>
    c.generic && texts.every((row) => isExplicitTicker(row[i] ?? "")) ? [i] : [],
  );
  if (candidates.length !== 1) throw new TableProblem("no column is headed as the ticker column");
  const i = candidates[0]!;
  const rule = HEADER_RULES.find((r) => r.kind === "ticker") as HeaderRule;
  const printed = layout.columns[i]!.printed;
  layout.columns[i] = { pos: layout.columns[i]!.pos, column: standardColumn(rule), printed, percent: false, generic: false };
  layout.notes = layout.notes.filter((note) => !note.startsWith(`column ${layout.columns[i]!.pos + 1} `));
  return i;
}

function priceDateFromSourceLine(sourceLine: string): string | null {
  if (!/股价|收盘|价格|区间|截至|截止|price|close|as of/i.test(foldForMatch(sourceLine))) return null;
  const dates = findDates(sourceLine);
  // "股价为 2024 年 2 月 23 日收盘价" names one date; "区间为 2 月 19 日至 2 月 23 日" ends with the close's date.
  return dates.length > 0 ? dates[dates.length - 1]!.iso : null;
}

interface TableSpan {
  rowLines: number[];
}

function findTableSpans(lines: readonly string[], tickerRow: readonly boolean[]): TableSpan[] {
  const spans: TableSpan[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!tickerRow[i]) {
      i++;
      continue;
    }
    const rowLines = [i];
    let j = i + 1;
    while (j < lines.length) {
      if (isBlank(lines[j]!)) {
        j++;
        continue;
      }
      if (!tickerRow[j]) break;
      rowLines.push(j);
      j++;
    }
    spans.push({ rowLines });
    i = rowLines[rowLines.length - 1]! + 1;
  }
  return spans;
}

function isTickerRow(raw: string): boolean {
  if (raw.length > MAX_TABLE_LINE || isBlank(raw)) return false;
  const cells = splitLine(raw).cells.filter((c) => c !== "");
  if (cells.length < 2) return false;
  if (cells.some((c) => isExplicitTicker(c))) return true;
  return cells.length >= 3 && /^\d{6}$/.test(cells[0]!) && exchangeOfCode(cells[0]!) !== null;
}

function parseTable(
  lines: readonly string[],
  tickerRow: readonly boolean[],
  span: TableSpan,
): { table?: ParsedTable; name: string; problem?: string; skip?: boolean; headerPriceDate?: string | null } {
  const first = span.rowLines[0]!;
  const last = span.rowLines[span.rowLines.length - 1]!;
  const fallbackName = `table at line ${first + 1}`;

  // Header lines: the non-blank lines right above the rows; blank lines between them are tolerated.
  const headerCands: number[] = [];
  let k = first - 1;
  while (k >= 0 && headerCands.length < 3) {
    for (let blanks = 0; k >= 0 && isBlank(lines[k]!) && blanks < 5; blanks++) k--;
    if (k < 0 || isBlank(lines[k]!) || isCaptionLine(lines[k]!) || isSourceLine(lines[k]!) || tickerRow[k]) break;
    headerCands.push(k);
    k--;
  }
  const classes = headerCands.map((idx) => classifyHeaderLine(lines[idx]!));
  const labelPos = classes.indexOf("labels");

  // Caption: a "表N" line above the header (or a short title line), looking past noise lines.
  const captionCands: number[] = labelPos >= 0 ? headerCands.slice(labelPos + 1) : [...headerCands];
  let c = (headerCands.length > 0 ? headerCands[headerCands.length - 1]! : first) - 1;
  for (let seen = 0; c >= 0 && seen < 4; c--) {
    const raw = lines[c]!;
    if (isBlank(raw)) continue;
    if (isSourceLine(raw) || tickerRow[c]) break;
    captionCands.push(c);
    seen++;
  }
  const captionIdx = captionCands.find((idx) => isCaptionLine(lines[idx]!)) ?? captionCands.find((idx) => isShortTitle(lines[idx]!));
  const caption = captionIdx !== undefined ? lines[captionIdx]!.trim() : null;
  const name = caption ?? fallbackName;

  if (labelPos < 0) {
    // One ticker-bearing line with no header is prose that mentions a ticker, not a table.
    if (span.rowLines.length < 2) return { name, skip: true };
    return { name, problem: "rows with tickers but no header line above them" };
  }
  let yearIdx: number | null = null;
  if (labelPos > 0 && classes[labelPos - 1] === "years") yearIdx = headerCands[labelPos - 1]!;
  else if (classes[labelPos + 1] === "years") yearIdx = headerCands[labelPos + 1]!;
  const between = headerCands.slice(0, labelPos).filter((idx) => idx !== yearIdx);
  if (between.length > 0) {
    return { name, problem: `line ${between[0]! + 1} between the header and the rows is not understood` };
  }

  let headerPriceDate: string | null = null;
  try {
    const labelLine = lines[headerCands[labelPos]!]!;
    const yearLine = yearIdx !== null ? lines[yearIdx]! : null;
    const rowRaw = span.rowLines.map((idx) => lines[idx]!);
    const layout = labelLine.includes("\t") ? tabHeader(labelLine, yearLine, rowRaw) : tokenHeader(labelLine, yearLine);
    headerPriceDate = layout.priceDate;
    const texts = rowTexts(rowRaw, layout);
    settleGenericColumns(layout, texts);
    const tickerIdx = settleTickerColumn(layout, texts);
    const keys = new Set<string>();
    for (const col of layout.columns) {
      if (keys.has(col.column.key)) throw new TableProblem(`two columns would both be "${col.column.key}"`);
      keys.add(col.column.key);
    }

    const errors: string[] = [];
    const seen = new Map<string, number>();
    const rows: PickRow[] = texts.map((cells, r) => {
      const row: PickRow = {};
      layout.columns.forEach((col, i) => {
        const value = convertCell(col, cells[i] ?? "");
        if (value !== null && typeof value === "object") {
          errors.push(`${describeRow(r + 1, cells)}, column "${col.column.key}": ${value.error}`);
          row[col.column.key] = null;
        } else row[col.column.key] = value;
      });
      const ticker = row[layout.columns[tickerIdx]!.column.key];
      if (typeof ticker !== "string") errors.push(`${describeRow(r + 1, cells)}: no ticker in the ticker column`);
      else if (seen.has(ticker)) errors.push(`row ${r + 1}: ${ticker} already in row ${seen.get(ticker)}`);
      else seen.set(ticker, r + 1);
      return row;
    });
    if (errors.length > 0) {
      const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : "";
      return { name, problem: errors.slice(0, 3).join("; ") + more, headerPriceDate };
    }

    let sourceLine = "";
    for (let s = last + 1, blanks = 0; s < lines.length && blanks <= 3; s++) {
      if (isBlank(lines[s]!)) {
        blanks++;
        continue;
      }
      if (isSourceLine(lines[s]!)) sourceLine = lines[s]!.trim();
      break;
    }
    const captionNumber = caption !== null ? CAPTION_RE.exec(foldForMatch(caption)) : null;
    return {
      name,
      table: {
        line: captionIdx ?? first,
        caption,
        tableNumber: captionNumber ? Number(captionNumber[1]) : null,
        columns: layout.columns.map((col) => col.column),
        rows,
        priceDate: layout.priceDate ?? priceDateFromSourceLine(sourceLine),
        sourceLine,
        notes: layout.notes,
      },
    };
  } catch (err) {
    if (err instanceof TableProblem) return { name, problem: err.message, headerPriceDate };
    throw err;
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* Themed lists                                                                                     */
/* ------------------------------------------------------------------------------------------------ */

interface FoundTheme {
  line: number;
  /** Offset in the line: Huaxin prints its four directions on one line. */
  offset: number;
  theme: string;
  members: string[];
  section: string;
}

const MEMBER_RE = /^(?:\*?ST ?)?[A-Za-z0-9\u3400-\u9fff]{2,12}(?:-[A-Z]{1,3})?$/;
const LEAD_IN_RE = /^(?:重点|建议|同时)?(?:推荐|关注|推荐关注|建议关注|受益标的|相关标的|标的|受益公司|相关公司)$/;
const LIST_END_RE = /[：:；;。，,！？!?（()）\n]/;

/** "中际旭创、新易盛等" → ["中际旭创", "新易盛"]; null unless it is a list of 2+ company-like names. */
function parseMembers(segment: string): string[] | null {
  const end = segment.search(LIST_END_RE);
  let text = (end >= 0 ? segment.slice(0, end) : segment).trim();
  text = text.replace(/\s*等(?:公司|标的|个股)?$/, "");
  if (!text.includes("、")) return null;
  const parts = text.split("、").map((p) => joinCjkSpaces(p.trim()));
  if (parts.length < 2 || parts.length > 40) return null;
  return parts.every((p) => MEMBER_RE.test(foldForMatch(p))) ? parts : null;
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

function inRecommendation(lines: readonly string[], idx: number): boolean {
  if (RECOMMEND_RE.test(lines[idx]!)) return true;
  if (!isEnumeratedItem(lines[idx]!)) return false;
  for (let k = idx - 1, looked = 0; k >= 0 && looked < 12; k--, looked++) {
    const raw = lines[k]!;
    if (isBlank(raw) || isEnumeratedItem(raw)) continue;
    return RECOMMEND_RE.test(raw);
  }
  return false;
}

const HEADING_GLYPH_RE = /^\s*[●■◆▌□▪]\s*(\S.*)$/;
const NUMBERED_HEADING_RE = /^\s*\d{1,2}(?:\.\d{1,2})*\s*([\u3400-\u9fffA-Za-z][^:：。；;,，\t]{0,24})$/;

function sectionOf(lines: readonly string[], idx: number): string {
  for (let k = idx - 1; k >= 0 && k >= idx - 40; k--) {
    const raw = lines[k]!;
    if (raw.length > 60 || raw.includes("\t")) continue;
    const glyph = HEADING_GLYPH_RE.exec(raw);
    if (glyph && !/[。；;]/.test(glyph[1]!)) return glyph[1]!.trim();
    const numbered = NUMBERED_HEADING_RE.exec(raw);
    if (numbered) return numbered[1]!.trim();
    const short = /^([\u3400-\u9fff]{2,12})[:：]?$/.exec(raw.trim());
    if (short) return short[1]!;
  }
  return "";
}

function findThemes(lines: readonly string[]): FoundTheme[] {
  const found: FoundTheme[] = [];
  lines.forEach((raw, idx) => {
    if (!raw.includes("、") || raw.length > 20_000 || raw.includes("\t")) return;
    if (!inRecommendation(lines, idx)) return;
    const body = stripBullets(raw);
    const section = sectionOf(lines, idx);
    const add = (offset: number, theme: string, members: string[]): void => {
      if (isPlausibleTheme(theme)) found.push({ line: idx, offset, theme, members, section });
    };
    // "方向：公司A、公司B等"
    let colons = 0;
    for (let p = body.search(/[：:]/); p >= 0 && colons < 100; colons++) {
      const members = parseMembers(body.slice(p + 1, p + 1 + 600));
      if (members) {
        const before = body.slice(Math.max(0, p - 80), p);
        const start = Math.max(...["：", ":", "；", ";", "。", "，", ","].map((ch) => before.lastIndexOf(ch)));
        let theme = cleanTheme(before.slice(start + 1));
        if (theme === "" || LEAD_IN_RE.test(theme)) theme = itemTheme(body, p);
        add(p, theme, members);
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
      if (members) add(m.index, itemTheme(body, m.index), members);
    }
  });
  return found.sort((a, b) => a.line - b.line || a.offset - b.offset);
}

/* ------------------------------------------------------------------------------------------------ */
/* Assembly                                                                                         */
/* ------------------------------------------------------------------------------------------------ */

const CAPTION_PREFIX_RE = /^\s*(?:表|图表|附表|Table|Exhibit)\s*\d{1,3}\s*[:：.．、]?\s*/i;

function tableTitle(caption: string | null, line: number): { zh: string; en: string } {
  if (caption === null) return { zh: `第 ${line + 1} 行的表格`, en: `Table at line ${line + 1}` };
  const zh = caption.replace(CAPTION_PREFIX_RE, "").trim() || caption;
  return { zh, en: captionTerm(caption)?.en ?? "" };
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

function parseUnsafe(input: string): ParseResult {
  const problems: ParseProblem[] = [];
  if (input.length > MAX_NOTE_CHARS) {
    return { lists: [], problems: [{ table: "(note)", reason: `the text is ${input.length} characters; the importer reads at most ${MAX_NOTE_CHARS}` }] };
  }
  const lines = input.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  const tickerRow = lines.map((raw) => isTickerRow(raw));

  const tables: ParsedTable[] = [];
  // Price dates of every table header read, including tables whose rows could not be placed: the
  // report date falls back to them.
  const priceDates: string[] = [];
  for (const span of findTableSpans(lines, tickerRow)) {
    const result = parseTable(lines, tickerRow, span);
    if (result.skip) continue;
    if (result.headerPriceDate) priceDates.push(result.headerPriceDate);
    if (result.table?.priceDate) priceDates.push(result.table.priceDate);
    if (result.problem) problems.push({ table: result.name, reason: result.problem });
    if (result.table) {
      tables.push(result.table);
      for (const note of result.table.notes) problems.push({ table: result.name, reason: note });
    }
  }

  const broker = findBroker(lines);
  const firstTableLine = tables.length > 0 ? Math.min(...tables.map((t) => t.line)) : lines.length;
  const meta: NoteMeta = {
    broker: broker.zh,
    brokerEn: broker.en,
    reportTitle: findTitle(lines, broker.zh, firstTableLine),
    printedDate: findPrintedDate(lines),
    analysts: findAnalysts(lines),
  };

  let reportDate = meta.printedDate;
  if (reportDate === null) {
    priceDates.sort();
    if (priceDates.length > 0) {
      reportDate = priceDates[priceDates.length - 1]!;
      problems.push({
        table: "(report)",
        reason: `the note prints no publication date; the report date is taken from the latest price date, ${reportDate}`,
      });
    }
  }

  // Company name → ticker from this note's own tables; a name given two tickers is not used.
  const nameToTicker = new Map<string, string | null>();
  for (const table of tables) {
    const tickerKey = table.columns.find((c) => c.kind === "ticker")?.key;
    const nameKey = table.columns.find((c) => c.kind === "name")?.key;
    if (!tickerKey || !nameKey) continue;
    for (const row of table.rows) {
      const name = row[nameKey];
      const ticker = row[tickerKey];
      if (typeof name !== "string" || typeof ticker !== "string") continue;
      const key = canonicalCompanyName(name);
      const known = nameToTicker.get(key);
      nameToTicker.set(key, known === undefined || known === ticker ? ticker : null);
    }
  }
  const resolve = (name: string): string | null => {
    const own = nameToTicker.get(canonicalCompanyName(name));
    return own ?? lookupDirectory(name);
  };

  const themes: FoundTheme[] = [];
  for (const theme of findThemes(lines)) {
    const key = `${canonicalTheme(theme.theme)}|${theme.members.map(canonicalCompanyName).join("、")}`;
    if (themes.some((t) => `${canonicalTheme(t.theme)}|${t.members.map(canonicalCompanyName).join("、")}` === key)) continue;
    themes.push(theme);
  }

  if (reportDate === null) {
    for (const table of tables) {
      problems.push({ table: table.caption ?? `table at line ${table.line + 1}`, reason: "the note prints no date (report or price date), so the list cannot be dated or given a stable id" });
    }
    for (const theme of themes) {
      problems.push({ table: `${theme.section || "(text)"}: ${theme.theme}`, reason: "the note prints no date, so the list cannot be dated or given a stable id" });
    }
    return { lists: [], problems };
  }

  const base = { broker: meta.broker, brokerEn: meta.brokerEn, reportTitle: meta.reportTitle, reportDate };
  const source = (priceDate: string | null, sourceLine: string, table: string): PickListSource => ({
    ...base,
    priceDate,
    analysts: [...meta.analysts],
    sourceLine,
    table,
  });
  const rid = reportId(base);
  const used = new Set<string>();
  const drafts: { line: number; offset: number; list: PickList; name: string }[] = [];

  tables.forEach((table, ordinal) => {
    const term = table.caption !== null ? captionTerm(table.caption) : undefined;
    const numberPart = table.tableNumber !== null ? `table${table.tableNumber}` : "";
    const suffix = [numberPart, term?.slug ?? ""].filter((s) => s !== "").join("-") || `table${ordinal + 1}`;
    const name = table.caption ?? `table at line ${table.line + 1}`;
    drafts.push({
      line: table.line,
      offset: 0,
      name,
      list: {
        format: PICKLIST_FORMAT,
        version: PICKLIST_VERSION,
        id: uniqueId(`${rid}-${suffix}`, used),
        title: tableTitle(table.caption, table.line),
        source: source(table.priceDate, table.sourceLine, name),
        columns: table.columns,
        rows: table.rows,
      },
    });
  });

  const themeColumns = (["ticker", "name", "theme"] as const).map((kind) =>
    standardColumn(HEADER_RULES.find((r) => r.key === kind) as HeaderRule),
  );
  themes.forEach((theme, ordinal) => {
    const term = themeTerm(theme.theme);
    const name = `${theme.section || "(text)"}: ${theme.theme}`;
    const seen = new Set<string>();
    const rows: PickRow[] = [];
    for (const member of theme.members) {
      const ticker = resolve(member);
      if (ticker === null) {
        problems.push({ table: name, reason: `"${member}" is in neither the note's tables nor the bundled directory; its ticker is left null` });
      } else if (seen.has(ticker)) {
        problems.push({ table: name, reason: `"${member}" (${ticker}) is named twice; kept once` });
        continue;
      } else seen.add(ticker);
      rows.push({ ticker, name: member, theme: theme.theme });
    }
    drafts.push({
      line: theme.line,
      offset: theme.offset,
      name,
      list: {
        format: PICKLIST_FORMAT,
        version: PICKLIST_VERSION,
        id: uniqueId(`${rid}-theme-${term?.slug ?? String(ordinal + 1)}`, used),
        title: { zh: theme.theme, en: term?.en ?? "" },
        source: source(null, "", theme.section || theme.theme),
        columns: themeColumns.map((c) => ({ ...c, label: { ...c.label } })),
        rows,
      },
    });
  });

  drafts.sort((a, b) => a.line - b.line || a.offset - b.offset);
  const lists: PickList[] = [];
  for (const draft of drafts) {
    // The parser's own output must pass the validator; anything else is reported, never emitted.
    const checked = validatePickList(draft.list);
    if (checked.ok) lists.push(checked.list);
    else problems.push({ table: draft.name, reason: `not a valid pick list: ${checked.errors.slice(0, 3).join("; ")}` });
  }
  return { lists, problems };
}

/** Parses the text of a broker note into pick lists. Never throws; what it cannot read is in `problems`. */
export function parseReport(text: string): ParseResult {
  try {
    return parseUnsafe(typeof text === "string" ? text : String(text));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { lists: [], problems: [{ table: "(note)", reason: `the importer failed on this text: ${message}` }] };
  }
}
