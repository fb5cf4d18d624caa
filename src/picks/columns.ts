/**
 * Columns: the single home of "which header text means which kind", of the standard column keys and
 * of the labels a column shows in Chinese and English.
 */
import type { ColumnKind, LocalizedText, PickColumn } from "./types";
import { foldForMatch } from "./text";
import { findDates } from "./importer/dates";

export interface HeaderRule {
  kind: ColumnKind;
  /** Column key; per-year rules append "_<year>" (eps_2023). */
  key: string;
  label: LocalizedText;
  /** True for EPS and P/E: the column needs a fiscal year. */
  perYear: boolean;
  /**
   * Header texts after folding (see `headerCore`): lower case, units such as (元) (%) dropped, the year
   * and any date taken out, and everything but letters, digits and Chinese removed.
   */
  aliases: readonly string[];
}

/** Order matters only for readability: aliases are matched exactly, never as substrings. */
export const HEADER_RULES: readonly HeaderRule[] = [
  {
    kind: "ticker",
    key: "ticker",
    label: { zh: "代码", en: "Ticker" },
    perYear: false,
    aliases: [
      "公司代码", "证券代码", "股票代码", "代码", "代号", "code", "ticker", "stockcode", "symbol", "bbgticker",
      "bloombergticker", "bloombergcode", "bbgcode", "tickercode",
    ],
  },
  {
    kind: "name",
    key: "name",
    label: { zh: "名称", en: "Name" },
    perYear: false,
    aliases: [
      "名称", "公司名称", "证券简称", "股票简称", "公司简称", "证券名称", "股票名称", "简称", "公司",
      "name", "company", "companyname", "stock", "stockname", "shortname",
    ],
  },
  {
    kind: "price",
    key: "price",
    label: { zh: "股价", en: "Price" },
    perYear: false,
    aliases: [
      "股价", "收盘价", "最新价", "现价", "最新股价", "当前股价", "价格",
      "price", "close", "closeprice", "closingprice", "lastprice", "shareprice", "px", "last",
    ],
  },
  {
    kind: "change",
    key: "change_1w",
    label: { zh: "周涨跌幅", en: "Weekly change" },
    perYear: false,
    aliases: ["周涨跌幅", "周涨幅", "本周涨跌幅", "weeklychange", "weekchange", "1wchange", "1wchg", "chg1w", "wtd", "wowchange"],
  },
  {
    kind: "change",
    key: "change",
    label: { zh: "涨跌幅", en: "Change" },
    perYear: false,
    aliases: ["涨跌幅", "涨幅", "涨跌", "change", "chg", "pctchange", "pctchg", "changepct"],
  },
  {
    kind: "eps",
    key: "eps",
    label: { zh: "EPS", en: "EPS" },
    perYear: true,
    aliases: ["eps", "每股收益", "epsrmb", "epscny", "epshkd"],
  },
  {
    kind: "pe",
    key: "pe",
    label: { zh: "PE", en: "P/E" },
    perYear: true,
    aliases: ["pe", "市盈率", "per"],
  },
  {
    kind: "number",
    key: "pe_ttm",
    label: { zh: "PE (TTM)", en: "P/E (TTM)" },
    perYear: false,
    aliases: ["pettm", "市盈率ttm", "ttmpe"],
  },
  {
    kind: "pb",
    key: "pb",
    label: { zh: "PB", en: "P/B" },
    perYear: false,
    aliases: ["pb", "市净率", "pbmrq", "pbr"],
  },
  {
    kind: "rating",
    key: "rating",
    label: { zh: "投资评级", en: "Rating" },
    perYear: false,
    aliases: ["投资评级", "评级", "公司评级", "投资建议", "最新评级", "rating", "recommendation", "rec", "investmentrating"],
  },
  {
    // Weekly low/high are prices, but kind "number": a list has one share price, the one the insert
    // and the valuation formulas use; these two are context (the week's range).
    kind: "number",
    key: "week_low",
    label: { zh: "周最低价", en: "Weekly low" },
    perYear: false,
    aliases: ["周最低价", "周最低", "weeklow", "weeklylow", "1wlow"],
  },
  {
    kind: "number",
    key: "week_high",
    label: { zh: "周最高价", en: "Weekly high" },
    perYear: false,
    aliases: ["周最高价", "周最高", "weekhigh", "weeklyhigh", "1whigh"],
  },
  {
    kind: "theme",
    key: "theme",
    label: { zh: "方向", en: "Theme" },
    perYear: false,
    aliases: ["方向", "主题", "投资方向", "theme"],
  },
];

const RULE_BY_ALIAS: ReadonlyMap<string, HeaderRule> = new Map(
  HEADER_RULES.flatMap((rule) => rule.aliases.map((alias): [string, HeaderRule] => [alias, rule])),
);

const RULE_BY_KEY: ReadonlyMap<string, HeaderRule> = new Map(HEADER_RULES.map((rule) => [rule.key, rule]));

/** Units a header may carry in brackets; dropped before matching. Other bracketed text (TTM) is kept. */
const UNIT_IN_BRACKETS_RE = /\((?:元|%|x|倍|rmb|cny|hkd|usd|hk\$|us\$|\$|港元|港币|美元|人民币|亿元|万元|元\/股|)\)/gi;

/** A year in a header: "2023E", "2022", "2020EPS" (E of EPS is not an estimate mark), "FY2024E". */
const YEAR_RE = /(^|[^0-9])(?:fy)?((?:19|20)\d{2})(?:([EeAaFf])(?![A-Za-z]))?(?![0-9])/i;
/**
 * A two-digit fiscal year: "24A", "25E", "FY25E", "FY25" (never a bare "25", which is as likely a count).
 * Read as 20yy: broker notes of this century.
 */
const SHORT_YEAR_RE = /(^|[^0-9A-Za-z])(?:fy(\d{2})([EeAaFf])?|(\d{2})([EeAaFf]))(?![A-Za-z0-9])/i;

export interface HeaderAnalysis {
  /** The folded header with units, year and date removed: what aliases are matched against. */
  core: string;
  year?: number;
  estimate?: boolean;
  /** A date printed in the header ("2024-02-18 股价"): the price date. */
  date?: string;
  /** The header says its values are percentages ("周涨跌幅(%)"). */
  percent: boolean;
}

export function analyseHeader(text: string): HeaderAnalysis {
  let folded = foldForMatch(text);
  const dates = findDates(folded);
  let date: string | undefined;
  if (dates.length > 0) {
    const first = dates[0]!;
    date = first.iso;
    folded = folded.slice(0, first.start) + " " + folded.slice(first.end);
  }
  const percent = folded.includes("%");
  folded = folded.replace(UNIT_IN_BRACKETS_RE, " ");
  let year: number | undefined;
  let estimate: boolean | undefined;
  const y = YEAR_RE.exec(folded);
  const short = y ? null : SHORT_YEAR_RE.exec(folded);
  if (y) {
    year = Number(y[2]);
    estimate = (y[3] ?? "").toUpperCase() === "E" || (y[3] ?? "").toUpperCase() === "F";
    folded = folded.slice(0, y.index) + (y[1] ?? "") + " " + folded.slice(y.index + y[0].length);
  } else if (short) {
    year = 2000 + Number(short[2] ?? short[4]);
    const mark = (short[3] ?? short[5] ?? "").toUpperCase();
    estimate = mark === "E" || mark === "F";
    folded = folded.slice(0, short.index) + (short[1] ?? "") + " " + folded.slice(short.index + short[0].length);
  }
  const core = folded.toLowerCase().replace(/[^a-z0-9\u3400-\u9fff]/g, "");
  const analysis: HeaderAnalysis = { core, percent };
  if (year !== undefined) {
    analysis.year = year;
    analysis.estimate = estimate ?? false;
  }
  if (date !== undefined) analysis.date = date;
  return analysis;
}

/** A header cell that is only a year ("2023E", "2022"): the second line of a two-line header. */
export function parseYearCell(text: string): { year: number; estimate: boolean } | null {
  const folded = foldForMatch(text).trim();
  const m = /^(?:FY)?((?:19|20)\d{2})([EeAaFf])?$/i.exec(folded);
  if (m) {
    const mark = (m[2] ?? "").toUpperCase();
    return { year: Number(m[1]), estimate: mark === "E" || mark === "F" };
  }
  // Two digits need a mark (24A, 25E) or FY (FY25): a bare "25" is not a year.
  const short = /^(?:FY(\d{2})([EeAaFf])?|(\d{2})([EeAaFf]))$/i.exec(folded);
  if (!short) return null;
  const mark = (short[2] ?? short[4] ?? "").toUpperCase();
  return { year: 2000 + Number(short[1] ?? short[3]), estimate: mark === "E" || mark === "F" };
}

export interface RecognisedHeader extends HeaderAnalysis {
  rule: HeaderRule;
}

/**
 * The rule a header cell names, or null. A year on a non-per-year header ("2023 PB") and a date on
 * anything but a price ("2024-02-18 股价" is the price date) are rejected, so that grouping
 * space-separated header words never hands a price's date to its neighbour.
 */
export function recogniseHeader(text: string): RecognisedHeader | null {
  const analysis = analyseHeader(text);
  const rule = RULE_BY_ALIAS.get(analysis.core);
  if (!rule) return null;
  if (!rule.perYear && analysis.year !== undefined) return null;
  if (analysis.date !== undefined && rule.kind !== "price") return null;
  return { ...analysis, rule };
}

export function columnKeyFor(rule: HeaderRule, year?: number): string {
  return rule.perYear && year !== undefined ? `${rule.key}_${year}` : rule.key;
}

function yearSuffix(column: Pick<PickColumn, "year" | "estimate">): string {
  if (column.year === undefined) return "";
  return ` ${column.year}${column.estimate ? "E" : ""}`;
}

/** The standard rule a column was made from, if its key is a standard key of its kind. */
export function ruleForColumn(column: Pick<PickColumn, "key" | "kind" | "year">): HeaderRule | undefined {
  const direct = RULE_BY_KEY.get(column.key);
  if (direct && direct.kind === column.kind && !direct.perYear) return direct;
  const perYear = /^([a-z_]+)_(\d{4})$/.exec(column.key);
  if (perYear) {
    const rule = RULE_BY_KEY.get(perYear[1] ?? "");
    if (rule && rule.perYear && rule.kind === column.kind && Number(perYear[2]) === column.year) return rule;
  }
  return undefined;
}

/**
 * The label of a column in `lang`: the standard label for the standard keys (EPS 2023E, P/E 2024E,
 * 周涨跌幅 / Weekly change ...), otherwise the label the document carries (in the other language when
 * this one is empty).
 */
export function columnLabel(column: PickColumn, lang: "zh" | "en"): string {
  const rule = ruleForColumn(column);
  if (rule) return `${rule.label[lang]}${rule.perYear ? yearSuffix(column) : ""}`;
  const other = lang === "zh" ? "en" : "zh";
  return column.label[lang] || column.label[other] || column.key;
}

/** A column made from a rule, with its standard labels. */
export function standardColumn(rule: HeaderRule, year?: number, estimate?: boolean): PickColumn {
  const column: PickColumn = { key: columnKeyFor(rule, year), kind: rule.kind, label: { zh: "", en: "" } };
  if (rule.perYear && year !== undefined) {
    column.year = year;
    column.estimate = estimate ?? false;
  }
  column.label = { zh: columnLabel(column, "zh"), en: columnLabel(column, "en") };
  return column;
}

export const NUMERIC_KINDS: ReadonlySet<ColumnKind> = new Set<ColumnKind>(["price", "change", "eps", "pe", "pb", "number"]);

export function isNumericKind(kind: ColumnKind): boolean {
  return NUMERIC_KINDS.has(kind);
}
