/**
 * English titles and id slugs for the table captions and themed directions the importer meets.
 * Anything not listed keeps its Chinese text as the English title (an English theme or caption is its own
 * Chinese title too) and gets a positional slug ("table1", "theme2"), so an unseen note still imports with
 * stable, if plainer, ids. Theme terms are found by their Chinese or their English name.
 */
import { foldForMatch } from "./text";

export interface ThemeTerm {
  zh: string;
  en: string;
  slug: string;
}

export const THEME_TERMS: readonly ThemeTerm[] = [
  { zh: "光模块", en: "Optical modules", slug: "optical-modules" },
  { zh: "国产算力", en: "Domestic computing power", slug: "domestic-compute" },
  { zh: "算力租赁", en: "Computing-power leasing", slug: "compute-leasing" },
  { zh: "AI 应用", en: "AI applications", slug: "ai-applications" },
  { zh: "华为昇腾一体机", en: "Huawei Ascend all-in-one machines", slug: "huawei-ascend-all-in-one" },
  { zh: "国产核心算力", en: "Domestic core computing power", slug: "domestic-core-compute" },
  { zh: "AI 终端变革", en: "AI device transformation", slug: "ai-devices" },
  { zh: "出海 AI 应用", en: "AI applications going overseas", slug: "overseas-ai-applications" },
  // The theme of an English themed list that names none ("We recommend: A, B and C").
  { zh: "推荐个股", en: "Recommended stocks", slug: "picks" },
];

/** Themes are compared without spaces and with Latin upper-cased ("AI应用" = "AI 应用"). */
export function canonicalTheme(text: string): string {
  return foldForMatch(text).replace(/\s+/g, "").toUpperCase();
}

/** Every term by the canonical form of its Chinese and of its English name (the first term of a name wins; Chinese names before English ones). */
let themeIndex: Map<string, ThemeTerm> | null = null;

/** The term whose Chinese or English name `theme` is ("光模块", "Optical modules", "optical modules"). */
export function themeTerm(theme: string): ThemeTerm | undefined {
  if (themeIndex === null) {
    themeIndex = new Map();
    for (const term of THEME_TERMS) if (!themeIndex.has(canonicalTheme(term.zh))) themeIndex.set(canonicalTheme(term.zh), term);
    for (const term of THEME_TERMS) if (!themeIndex.has(canonicalTheme(term.en))) themeIndex.set(canonicalTheme(term.en), term);
  }
  return themeIndex.get(canonicalTheme(theme));
}

interface CaptionTerm {
  test: RegExp;
  en: string;
  slug: string;
}

/** First match wins. */
const CAPTION_TERMS: readonly CaptionTerm[] = [
  { test: /重点关注公司及盈利预测/, en: "Companies in focus and earnings forecasts", slug: "focus" },
  { test: /重点关注/, en: "Stocks in focus", slug: "focus" },
  { test: /本周.*涨幅前/, en: "Top gainers of the week", slug: "gainers" },
  { test: /涨幅前/, en: "Top gainers", slug: "gainers" },
  { test: /本周.*跌幅前/, en: "Top losers of the week", slug: "losers" },
  { test: /跌幅前/, en: "Top losers", slug: "losers" },
  { test: /盈利预测/, en: "Earnings forecasts", slug: "forecasts" },
  { test: /推荐|组合/, en: "Recommended stocks", slug: "picks" },
  { test: /(?:stocks?|companies) in focus|focus list/i, en: "Stocks in focus", slug: "focus" },
  { test: /top gainers/i, en: "Top gainers", slug: "gainers" },
  { test: /top losers/i, en: "Top losers", slug: "losers" },
  { test: /earnings forecasts?/i, en: "Earnings forecasts", slug: "forecasts" },
  { test: /top picks|recommended/i, en: "Recommended stocks", slug: "picks" },
];

export function captionTerm(caption: string): { en: string; slug: string } | undefined {
  const term = CAPTION_TERMS.find((t) => t.test.test(caption));
  return term ? { en: term.en, slug: term.slug } : undefined;
}
