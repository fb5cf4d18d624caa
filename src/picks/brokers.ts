/**
 * Brokers the importer recognises by name, with the English name and the slug used in list ids.
 * A broker not listed here is still imported: its name as printed, an empty English name and the
 * slug "report".
 */

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
];

export const UNKNOWN_BROKER_SLUG = "report";

export function brokerByName(zh: string): Broker | undefined {
  return BROKERS.find((broker) => broker.zh === zh);
}

export function brokerSlug(zh: string): string {
  return brokerByName(zh)?.slug ?? UNKNOWN_BROKER_SLUG;
}
