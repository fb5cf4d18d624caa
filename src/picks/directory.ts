/**
 * The bundled name → ticker directory: the single home for resolving a company a themed list names
 * ("国产核心算力: 寒武纪、浪潮信息、中国长城 ...") when the note's own tables do not carry it.
 *
 * Every entry says where it was checked. Entries "seed" were read off a seed note's table
 * (../shared/seeds); entries "filing" were checked against the company's own exchange filings, whose
 * headers print "证券代码: … 证券简称: …". Add a company only with such a check.
 */
import { foldForMatch } from "./text";

export interface DirectoryEntry {
  /** Short name (证券简称) without -U/-W suffix or ST prefix. */
  name: string;
  ticker: string;
  checkedAgainst: string;
}

export const NAME_DIRECTORY: readonly DirectoryEntry[] = [
  // Named by Minsheng's themed lists but absent from Minsheng's tables; listed in Huaxin's table.
  { name: "寒武纪", ticker: "688256.SH", checkedAgainst: "seed 000 (Huaxin) 重点关注公司及盈利预测: 688256.SH 寒武纪-U" },
  { name: "海光信息", ticker: "688041.SH", checkedAgainst: "seed 000 (Huaxin) 重点关注公司及盈利预测: 688041.SH 海光信息" },
  { name: "高新发展", ticker: "000628.SZ", checkedAgainst: "seed 000 (Huaxin) 重点关注公司及盈利预测: 000628.SZ 高新发展" },
  // Named by Minsheng's themed lists; in neither note's tables.
  { name: "云从科技", ticker: "688327.SH", checkedAgainst: "filing: 云从科技 2023 年年度报告, 公司代码:688327 公司简称:云从科技" },
  { name: "软通动力", ticker: "301236.SZ", checkedAgainst: "filing: 软通动力 审核问询函之回复 (2025-09), 证券简称:软通动力 证券代码:301236" },
  { name: "恒为科技", ticker: "603496.SH", checkedAgainst: "filing: 恒为科技 2019 年年度报告摘要, 公司代码:603496 公司简称:恒为科技" },
  { name: "中国长城", ticker: "000066.SZ", checkedAgainst: "filing: 中国长城 公告 2024-060, 证券代码:000066 证券简称:中国长城" },
  { name: "中科创达", ticker: "300496.SZ", checkedAgainst: "filing: 中科创达(300496) 公告列表; 创业板非公开发行上市公告书 (2020)" },
  { name: "萤石网络", ticker: "688475.SH", checkedAgainst: "filing: 中金公司 关于杭州萤石网络股份有限公司 2022 年度持续督导跟踪报告 (stock 688475)" },
  { name: "漫步者", ticker: "002351.SZ", checkedAgainst: "filing: 漫步者 公告 2024-050, 证券代码:002351 证券简称:漫步者" },
  { name: "焦点科技", ticker: "002315.SZ", checkedAgainst: "filing: 焦点科技 2022 年三季度报告, 证券代码:002315 证券简称:焦点科技" },
  { name: "超讯通信", ticker: "603322.SH", checkedAgainst: "filing: 超讯通信 公告 2025-021, 证券代码:603322 证券简称:超讯通信" },
];

/**
 * The form names are compared in: folded, spaces removed, Latin upper-cased, and the status marks
 * that come and go with a listing's state dropped: an ST / *ST prefix and a -U / -W / -UW / -D / -WD
 * suffix (寒武纪-U and 寒武纪 are the same company).
 */
export function canonicalCompanyName(name: string): string {
  if (isIdeographsAndDigits(name)) return name; // most names: nothing to fold, drop or upper-case
  let text = foldForMatch(name).replace(/\s+/g, "").toUpperCase();
  text = text.replace(/^\*?ST/, "");
  text = text.replace(/-(?:U|W|UW|WD|D)$/, "");
  return text;
}

/** True for text of unified ideographs and ASCII digits only ("浪潮信息", "甲1科技"): its own canonical name. */
function isIdeographsAndDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

const BY_NAME: ReadonlyMap<string, string> = new Map(
  NAME_DIRECTORY.map((entry) => [canonicalCompanyName(entry.name), entry.ticker]),
);

export function lookupDirectory(name: string): string | null {
  return BY_NAME.get(canonicalCompanyName(name)) ?? null;
}
