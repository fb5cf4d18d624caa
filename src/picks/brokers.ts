/**
 * Brokers the importer recognises by name, with the English name and the slug used in list ids.
 * A broker not listed here is still imported with its name as printed. Its slug: the name's Latin words
 * when it is printed in Latin letters ("Northstar Securities" → "northstar-securities"), else "report"
 * (a Chinese name the directory does not know has no spelling to take a slug from).
 */

import { foldForMatch } from "./text";

export interface Broker {
  zh: string;
  en: string;
  slug: string;
}

export const BROKERS: readonly Broker[] = [
  { zh: "华鑫证券", en: "Huaxin Securities", slug: "huaxin" },
  { zh: "民生证券", en: "Minsheng Securities", slug: "minsheng" },
  { zh: "中信证券", en: "CITIC Securities", slug: "citic" },
  { zh: "华泰证券", en: "Huatai Securities", slug: "huatai" },
  { zh: "国泰君安证券", en: "Guotai Junan Securities", slug: "gtja" },
  { zh: "海通证券", en: "Haitong Securities", slug: "haitong" },
  { zh: "广发证券", en: "GF Securities", slug: "gf" },
  { zh: "招商证券", en: "China Merchants Securities", slug: "cms" },
  { zh: "兴业证券", en: "Industrial Securities", slug: "industrial" },
  { zh: "东吴证券", en: "Soochow Securities", slug: "soochow" },
  { zh: "国信证券", en: "Guosen Securities", slug: "guosen" },
  { zh: "天风证券", en: "Tianfeng Securities", slug: "tianfeng" },
  { zh: "光大证券", en: "Everbright Securities", slug: "everbright" },
  { zh: "长江证券", en: "Changjiang Securities", slug: "changjiang" },
  { zh: "浙商证券", en: "Zheshang Securities", slug: "zheshang" },
  { zh: "方正证券", en: "Founder Securities", slug: "founder" },
  { zh: "中泰证券", en: "Zhongtai Securities", slug: "zhongtai" },
  // Research houses whose Chinese name is not "…证券" are found only through this table.
  { zh: "中金公司", en: "CICC", slug: "cicc" },
  { zh: "中信建投证券", en: "CSC Financial", slug: "csc" }, // not "China Securities": the regulator (CSRC) is "China Securities Regulatory Commission"
  { zh: "申万宏源证券", en: "Shenwan Hongyuan Securities", slug: "swhy" },
  { zh: "国金证券", en: "Sinolink Securities", slug: "sinolink" },
  { zh: "东方证券", en: "Orient Securities", slug: "orient" },
  { zh: "开源证券", en: "Kaiyuan Securities", slug: "kaiyuan" },
  { zh: "国盛证券", en: "Guosheng Securities", slug: "guosheng" },
  { zh: "财通证券", en: "Caitong Securities", slug: "caitong" },
  { zh: "德邦证券", en: "Debon Securities", slug: "debon" },
  { zh: "信达证券", en: "Cinda Securities", slug: "cinda" },
  { zh: "华西证券", en: "Huaxi Securities", slug: "huaxi" },
  { zh: "平安证券", en: "Ping An Securities", slug: "pingan" },
  { zh: "中国银河证券", en: "China Galaxy Securities", slug: "galaxy" },
  { zh: "国联证券", en: "Guolian Securities", slug: "guolian" },
  { zh: "华创证券", en: "Huachuang Securities", slug: "huachuang" },
];

export const UNKNOWN_BROKER_SLUG = "report";

export function brokerByName(zh: string): Broker | undefined {
  return BROKERS.find((broker) => broker.zh === zh);
}

/** A known broker by its Chinese name, or by its English name as printed (any case, full-width folded). */
export function brokerByAnyName(name: string): Broker | undefined {
  const folded = foldForMatch(name).trim().toLowerCase();
  return brokerByName(name) ?? BROKERS.find((b) => b.en.toLowerCase() === folded);
}

/** Longest slug made from a printed Latin name (cut at a word boundary). */
const MAX_LATIN_SLUG = 40;

/**
 * The slug of the broker printed as `name`: the directory's (by either of its names), else one made from a name printed in Latin
 * letters (accents dropped; words of letters and digits, lower case, joined by "-"; "report-" before it
 * when it would be a known broker's slug or "report", so an unknown house never takes a known one's ids),
 * else UNKNOWN_BROKER_SLUG.
 */
export function brokerSlug(name: string): string {
  const known = brokerByAnyName(name);
  if (known) return known.slug;
  // Compatibility forms decomposed (full-width letters, ligatures) and accents dropped: what is left is
  // Latin, or a name in another script (CJK), which has no Latin spelling to take a slug from.
  const latin = name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  if (/[^\u0000-\u024f\s\u2010-\u2015]/.test(latin)) return UNKNOWN_BROKER_SLUG;
  const words = latin
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
  let slug = "";
  for (const w of words) {
    const next = slug === "" ? w : `${slug}-${w}`;
    if (next.length > MAX_LATIN_SLUG) break;
    slug = next;
  }
  if (slug === "") return UNKNOWN_BROKER_SLUG;
  return slug === UNKNOWN_BROKER_SLUG || BROKERS.some((b) => b.slug === slug) ? `${UNKNOWN_BROKER_SLUG}-${slug}` : slug;
}
