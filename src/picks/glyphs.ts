/**
 * Glyph-mapping artefacts of text extracted from PDFs, undone before parsing so that dates, names and
 * tickers match. Chinese PDFs are typeset with fonts whose ToUnicode maps point some ideographs at the
 * radical that looks the same (⽉ U+2F49 for 月, ⻛ U+2EDB for 风), and many print digits and Latin
 * letters full width ("２０２５年"). Pure; applied to a whole note's text, so it changes only those
 * characters and leaves every other one (full-width punctuation such as "（元）", "：", "，", the
 * ideographic space) exactly as printed: the importer reads those itself.
 */

/**
 * CJK Radicals Supplement (U+2E80–U+2EFF) to the unified ideograph each radical is a form of, after
 * Unicode's EquivalentUnifiedIdeograph.txt. NFKC does not cover this block. Radicals that are only ever a
 * component (⺀ REPEAT, ⺍ SMALL TWO, ⺵ MESH, ...) and have no ideograph a text would mean are left out:
 * they stay as printed.
 */
const RADICAL_SUPPLEMENT: Readonly<Record<number, number>> = {
  0x2e81: 0x5382, // ⺁ 厂
  0x2e82: 0x4e5b, // ⺂ 乛
  0x2e83: 0x4e5a, // ⺃ 乚
  0x2e84: 0x4e59, // ⺄ 乙
  0x2e85: 0x4ebb, // ⺅ 亻
  0x2e86: 0x5182, // ⺆ 冂
  0x2e87: 0x20628, // ⺇ 𠘨
  0x2e89: 0x5202, // ⺉ 刂
  0x2e8a: 0x535c, // ⺊ 卜
  0x2e8b: 0x353e, // ⺋ 㔾
  0x2e8c: 0x5c0f, // ⺌ 小
  0x2e8e: 0x5140, // ⺎ 兀
  0x2e8f: 0x5c23, // ⺏ 尣
  0x2e90: 0x5c22, // ⺐ 尢
  0x2e91: 0x21bc2, // ⺑ 𡯂
  0x2e92: 0x5df3, // ⺒ 巳
  0x2e93: 0x5e7a, // ⺓ 幺
  0x2e94: 0x5f51, // ⺔ 彑
  0x2e96: 0x5fc4, // ⺖ 忄
  0x2e97: 0x38fa, // ⺗ 㣺
  0x2e98: 0x624c, // ⺘ 扌
  0x2e99: 0x6535, // ⺙ 攵
  0x2e9b: 0x65e1, // ⺛ 旡
  0x2e9c: 0x65e5, // ⺜ 日
  0x2e9d: 0x6708, // ⺝ 月
  0x2e9e: 0x6b7a, // ⺞ 歺
  0x2e9f: 0x6bcd, // ⺟ 母
  0x2ea0: 0x6c11, // ⺠ 民
  0x2ea1: 0x6c35, // ⺡ 氵
  0x2ea2: 0x6c3a, // ⺢ 氺
  0x2ea3: 0x706c, // ⺣ 灬
  0x2ea4: 0x722b, // ⺤ 爫
  0x2ea6: 0x4e2c, // ⺦ 丬
  0x2ea7: 0x725b, // ⺧ 牛
  0x2ea8: 0x72ad, // ⺨ 犭
  0x2ea9: 0x738b, // ⺩ 王
  0x2eaa: 0x24d14, // ⺪ 𤴔
  0x2eab: 0x76ee, // ⺫ 目
  0x2eac: 0x793a, // ⺬ 示
  0x2ead: 0x793b, // ⺭ 礻
  0x2eae: 0x25ad7, // ⺮ 𥫗
  0x2eaf: 0x7cf9, // ⺯ 糹
  0x2eb0: 0x7e9f, // ⺰ 纟
  0x2eb1: 0x7f53, // ⺱ 罓
  0x2eb2: 0x7f52, // ⺲ 罒
  0x2eb9: 0x8002, // ⺹ 耂
  0x2eba: 0x8080, // ⺺ 肀
  0x2ebb: 0x807f, // ⺻ 聿
  0x2ebc: 0x8089, // ⺼ 肉
  0x2ebd: 0x81fc, // ⺽ 臼
  0x2ebe: 0x8279, // ⺾ 艹
  0x2ebf: 0x8279, // ⺿ 艹
  0x2ec0: 0x8279, // ⻀ 艹
  0x2ec1: 0x864e, // ⻁ 虎
  0x2ec2: 0x8864, // ⻂ 衤
  0x2ec3: 0x8980, // ⻃ 覀
  0x2ec4: 0x897f, // ⻄ 西
  0x2ec5: 0x89c1, // ⻅ 见
  0x2ec6: 0x89d2, // ⻆ 角
  0x2ec7: 0x278b2, // ⻇ 𧢲
  0x2ec8: 0x8ba0, // ⻈ 讠
  0x2ec9: 0x8d1d, // ⻉ 贝
  0x2eca: 0x27fb7, // ⻊ 𧾷
  0x2ecb: 0x8f66, // ⻋ 车
  0x2ecc: 0x8fb6, // ⻌ 辶
  0x2ecd: 0x8fb6, // ⻍ 辶
  0x2ece: 0x8fb6, // ⻎ 辶
  0x2ecf: 0x961d, // ⻏ 阝
  0x2ed0: 0x9485, // ⻐ 钅
  0x2ed1: 0x9577, // ⻑ 長
  0x2ed2: 0x9578, // ⻒ 镸
  0x2ed3: 0x957f, // ⻓ 长
  0x2ed4: 0x95e8, // ⻔ 门
  0x2ed5: 0x28e0f, // ⻕ 𨸏
  0x2ed6: 0x961d, // ⻖ 阝
  0x2ed7: 0x96e8, // ⻗ 雨
  0x2ed8: 0x9752, // ⻘ 青
  0x2ed9: 0x97e6, // ⻙ 韦
  0x2eda: 0x9875, // ⻚ 页
  0x2edb: 0x98ce, // ⻛ 风
  0x2edc: 0x98de, // ⻜ 飞
  0x2edd: 0x98df, // ⻝ 食
  0x2ede: 0x2967f, // ⻞ 𩙿
  0x2edf: 0x98e0, // ⻟ 飠
  0x2ee0: 0x9963, // ⻠ 饣
  0x2ee1: 0x29810, // ⻡ 𩠐
  0x2ee2: 0x9a6c, // ⻢ 马
  0x2ee3: 0x9aa8, // ⻣ 骨
  0x2ee4: 0x9b3c, // ⻤ 鬼
  0x2ee5: 0x9c7c, // ⻥ 鱼
  0x2ee6: 0x9e1f, // ⻦ 鸟
  0x2ee7: 0x5364, // ⻧ 卤
  0x2ee8: 0x9ea6, // ⻨ 麦
  0x2ee9: 0x9ec4, // ⻩ 黄
  0x2eea: 0x9efe, // ⻪ 黾
  0x2eeb: 0x6589, // ⻫ 斉
  0x2eec: 0x9f50, // ⻬ 齐
  0x2eed: 0x6b6f, // ⻭ 歯
  0x2eee: 0x9f7f, // ⻮ 齿
  0x2eef: 0x7adc, // ⻯ 竜
  0x2ef0: 0x9f99, // ⻰ 龙
  0x2ef1: 0x9f9c, // ⻱ 龜
  0x2ef2: 0x4e80, // ⻲ 亀
  0x2ef3: 0x9f9f, // ⻳ 龟
};

/**
 * The characters this module rewrites: the radical supplement, Kangxi radicals (U+2F00–U+2FD5), CJK
 * compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F: NFKC gives the unified ideograph), and
 * full-width digits and Latin letters. Nothing else is touched.
 */
const GLYPH_RE = /[\u2E80-\u2EFF\u2F00-\u2FD5\uF900-\uFAFF\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]|\uD87E[\uDC00-\uDE1F]/g;

/**
 * A full-width full stop between ASCII letters or digits is a decimal point or a ticker's dot
 * ("１２．５", "００７００．ＨＫ"); between ideographs it stays as printed.
 */
const FULLWIDTH_DOT_RE = /([0-9A-Za-z])\uFF0E(?=[0-9A-Za-z])/g;

function normalizeGlyph(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x2e80 && code <= 0x2eff) {
    const target = RADICAL_SUPPLEMENT[code];
    return target === undefined ? ch : String.fromCodePoint(target);
  }
  return ch.normalize("NFKC");
}

/**
 * Radical look-alikes to the ideographs they stand for, full-width digits and letters to ASCII, and a
 * full-width dot between ASCII letters or digits to ".". Returns the same string when there is nothing to do.
 */
export function normalizeGlyphs(text: string): string {
  GLYPH_RE.lastIndex = 0;
  if (!GLYPH_RE.test(text)) return text;
  GLYPH_RE.lastIndex = 0;
  const mapped = text.replace(GLYPH_RE, normalizeGlyph);
  return mapped.includes("\uFF0E") ? mapped.replace(FULLWIDTH_DOT_RE, "$1.") : mapped;
}
