/**
 * Short hand-written broker notes, in Chinese and in English, and the numbers typed into them. The PDF
 * tests print these with test/support/notePdf.ts and check that the importer reads every number back.
 */
import type { NoteSpec, TableBlock } from "../../support/notePdf";

/** A deterministic pseudo-random sequence, so the notes' numbers are fixed but not hand-picked. */
function sequence(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NAME_CHARS = "华科信海光芯智云算联创通电子网数能源微新星汇天成达盛宇安";
const A_PREFIXES = ["300", "688", "600", "002", "301", "603", "000"];
const EXCHANGE: Record<string, string> = { "300": "SZ", "688": "SH", "600": "SH", "002": "SZ", "301": "SZ", "603": "SH", "000": "SZ" };

export interface TypedRow {
  /** The ticker as printed and as the importer normalises it. */
  printed: string;
  ticker: string;
  name: string;
  /** Per column key: the number typed, or null where the PDF prints "—" or nothing. */
  values: Record<string, number | null>;
  rating?: string;
}

function fixed(n: number, digits: number): string {
  return n.toFixed(digits);
}

/** Rows for the Chinese note's main table: A-shares and a few Hong Kong tickers. */
export function chineseRows(count: number): TypedRow[] {
  const rand = sequence(20250309);
  const rows: TypedRow[] = [];
  const used = new Set<string>();
  for (let i = 0; rows.length < count; i++) {
    let printed: string;
    let ticker: string;
    if (i % 7 === 3) {
      const code = 100 + Math.floor(rand() * 9800);
      printed = i % 2 === 0 ? `${String(code).padStart(5, "0")}.HK` : `${String(code).padStart(4, "0")}.HK`;
      ticker = `${String(code).padStart(4, "0")}.HK`;
    } else {
      const prefix = A_PREFIXES[Math.floor(rand() * A_PREFIXES.length)]!;
      const code = `${prefix}${String(Math.floor(rand() * 1000)).padStart(3, "0")}`;
      printed = `${code}.${EXCHANGE[prefix]}`;
      ticker = printed;
    }
    if (used.has(ticker)) continue;
    used.add(ticker);
    const name = Array.from({ length: 4 }, () => NAME_CHARS[Math.floor(rand() * NAME_CHARS.length)]).join("");
    const price = Number(fixed(5 + rand() * 300, 2));
    const eps = [0, 1, 2].map(() => Number(fixed(rand() * 6 - 0.8, 2)));
    const pe = [0, 1, 2].map(() => Number(fixed(5 + rand() * 120, 2)));
    const values: Record<string, number | null> = {
      price,
      eps_2024: eps[0]!,
      eps_2025: eps[1]!,
      eps_2026: eps[2]!,
      pe_2024: pe[0]!,
      pe_2025: pe[1]!,
      pe_2026: pe[2]!,
    };
    // Missing values: "—" in some rows, blank cells in others.
    if (i % 5 === 2) values.eps_2026 = null;
    if (i % 6 === 4) values.pe_2025 = null;
    if (i % 9 === 5) values.pe_2024 = null;
    rows.push({ printed, ticker, name, values, rating: ["买入", "增持", "未评级"][i % 3]! });
  }
  return rows;
}

function cell(value: number | null | undefined, digits: number, missing: string): string {
  return value === null || value === undefined ? missing : fixed(value, digits);
}

/** Columns of the Chinese note's two-row-header table. */
export const ZH_KEYS = ["ticker", "name", "price", "eps_2024", "eps_2025", "eps_2026", "pe_2024", "pe_2025", "pe_2026", "rating"];

export function chineseTable(rows: readonly TypedRow[], options: Partial<TableBlock> = {}): TableBlock {
  return {
    kind: "table",
    caption: "表1：重点公司盈利预测",
    widths: [62, 58, 48, 40, 40, 40, 40, 40, 40, 44],
    header: [
      [
        { col: 0, rowSpan: 2, text: "代码" },
        { col: 1, rowSpan: 2, text: "名称" },
        { col: 2, rowSpan: 2, text: "股价（元）" },
        { col: 3, span: 3, text: "EPS（元）" },
        { col: 6, span: 3, text: "PE" },
        { col: 9, rowSpan: 2, text: "评级" },
      ],
      [
        { col: 3, text: "2024A" },
        { col: 4, text: "2025E" },
        { col: 5, text: "2026E" },
        { col: 6, text: "2024A" },
        { col: 7, text: "2025E" },
        { col: 8, text: "2026E" },
      ],
    ],
    rows: rows.map((r, i) => [
      r.printed,
      r.name,
      fixed(r.values.price!, 2),
      cell(r.values.eps_2024, 2, "—"),
      cell(r.values.eps_2025, 2, "—"),
      cell(r.values.eps_2026, 2, i % 2 === 0 ? "—" : ""),
      cell(r.values.pe_2024, 2, "—"),
      cell(r.values.pe_2025, 2, i % 2 === 0 ? "" : "—"),
      cell(r.values.pe_2026, 2, "—"),
      r.rating ?? "",
    ]),
    source: "资料来源：Wind，示例证券研究所（股价为 2025 年 3 月 7 日收盘价）",
    ...options,
  };
}

/** The Chinese note: Kangxi radicals and full-width digits in its date, a two-row header, a table over a page break. */
export function chineseNote(rows: readonly TypedRow[], hkRows: readonly TypedRow[]): NoteSpec {
  return {
    runningHeader: "示例证券 | 行业周报 | 计算机",
    runningFooter: "请务必阅读正文之后的信息披露和免责申明部分",
    pageNumbers: "zh",
    blocks: [
      { kind: "text", lines: ["算⼒产业链周报：国产 GPU 与光模块"], size: 14, after: 10 },
      { kind: "text", lines: ["２０２５年０３⽉０９⽇"] },
      { kind: "text", lines: ["分析师：李四 S0000000000002", "邮箱：lisi@example.com"], after: 12 },
      {
        kind: "text",
        lines: [
          "本周观点：海外⼤模型迭代加快，国内算⼒需求持续提升，我们维持⾏业“推荐”评级。",
          "风险提示：下游需求不及预期；供应链风险。",
        ],
        after: 14,
      },
      chineseTable(rows, { continuedCaption: "表1：重点公司盈利预测（续）", repeatHeader: true, splitColumns: [1] }),
      { kind: "text", lines: ["港股方面，我们关注以下标的。"], after: 10 },
      {
        kind: "table",
        caption: "表2：港股关注标的",
        widths: [64, 70, 70, 70, 50, 50],
        header: [
          [
            { col: 0, text: "代码" },
            { col: 1, text: "名称" },
            { col: 2, text: "收盘价（港元）" },
            { col: 3, text: "周涨跌幅（%）" },
            { col: 4, text: "PB" },
            { col: 5, text: "评级" },
          ],
        ],
        rows: hkRows.map((r) => [
          r.printed,
          r.name,
          fixed(r.values.price!, 2),
          cell(r.values.change_1w === undefined || r.values.change_1w === null ? null : r.values.change_1w * 100, 2, "—"),
          cell(r.values.pb, 2, "—"),
          r.rating ?? "",
        ]),
        source: "资料来源：Wind，示例证券研究所",
      },
    ],
  };
}

export function hongKongRows(): TypedRow[] {
  const printed = ["0700.HK", "09988.HK", "1810 HK", "00981.HK", "3690.HK"];
  const names = ["腾讯控股", "阿里巴巴-W", "小米集团-W", "中芯国际", "美团-W"];
  const prices = [378.4, 81.25, 45.9, 52.3, 152.1];
  const changes = [0.0312, -0.0145, null, 0.0826, -0.0033];
  const pbs = [3.41, 1.52, 4.87, null, 5.06];
  return printed.map((p, i) => ({
    printed: p,
    ticker: `${p.replace(/\D/g, "").replace(/^0+/, "").padStart(4, "0")}.HK`,
    name: names[i]!,
    values: { price: prices[i]!, change_1w: changes[i]!, pb: pbs[i]! },
    rating: ["买入", "增持", "买入", "未评级", "增持"][i]!,
  }));
}

const EN_NAMES = ["Tencent", "Alibaba", "Xiaomi", "SMIC", "Sunny Optical", "Lenovo", "Meituan", "Kuaishou", "BYD Electronic", "Hua Hong", "ASMPT", "Kingdee"];

/** The English note's rows: Hong Kong tickers in several spellings ("0700 HK", "1810.HK", "09988.HK"). */
export function englishRows(count: number): TypedRow[] {
  const rand = sequence(42);
  const rows: TypedRow[] = [];
  const used = new Set<number>();
  for (let i = 0; rows.length < count; i++) {
    const code = 1 + Math.floor(rand() * 9990);
    if (used.has(code)) continue;
    used.add(code);
    const printed = [`${String(code).padStart(4, "0")} HK`, `${String(code).padStart(4, "0")}.HK`, `${String(code).padStart(5, "0")}.HK`][i % 3]!;
    rows.push({
      printed,
      ticker: `${String(code).padStart(4, "0")}.HK`,
      name: `${EN_NAMES[i % EN_NAMES.length]}${i >= EN_NAMES.length ? ` ${String.fromCharCode(65 + Math.floor(i / EN_NAMES.length))}` : ""}`,
      values: {
        price: Number(fixed(10 + rand() * 400, 2)),
        // The fraction of the printed percentage, as exactly as a double holds it ("3.89" → 0.0389).
        change: i % 7 === 2 ? null : Number(`${fixed(rand() * 10 - 5, 2)}e-2`),
        eps_2024: Number(fixed(rand() * 30, 2)),
        eps_2025: i % 5 === 4 ? null : Number(fixed(rand() * 30, 2)),
        pe_2025: Number(fixed(5 + rand() * 40, 1)),
      },
      rating: ["Buy", "Buy", "Hold", "Not rated"][i % 4]!,
    });
  }
  return rows;
}

/** The English note: an English two-row header with a group header over two years, a table running onto page 2 without repeating its header. */
export function englishNote(rows: readonly TypedRow[]): NoteSpec {
  return {
    runningHeader: "EXAMPLE SECURITIES | Hong Kong Tech Weekly",
    runningFooter: "Please read the disclosures and disclaimer at the end of this report.",
    pageNumbers: "en",
    blocks: [
      { kind: "text", lines: ["Hong Kong tech: AI servers lift the supply chain"], size: 14, after: 10 },
      { kind: "text", lines: ["Date: 2025-03-01"] },
      { kind: "text", lines: ["Analyst: Jane Doe"], after: 12 },
      {
        kind: "text",
        lines: [
          "We stay positive on the sector; our picks are below.",
          ...Array.from({ length: 14 }, (_, i) => `Paragraph ${i + 1}: AI server demand keeps lifting orders for optics, boards and power supplies.`),
        ],
        after: 14,
      },
      {
        kind: "table",
        caption: "Table 3: Stocks in focus",
        widths: [58, 80, 58, 48, 46, 46, 46, 56],
        header: [
          [
            { col: 0, rowSpan: 2, text: "Ticker" },
            { col: 1, rowSpan: 2, text: "Name" },
            { col: 2, rowSpan: 2, text: "Price (HKD)" },
            { col: 3, rowSpan: 2, text: "Chg (%)" },
            { col: 4, span: 2, text: "EPS (HKD)" },
            { col: 6, text: "P/E" },
            { col: 7, rowSpan: 2, text: "Rating" },
          ],
          [
            { col: 4, text: "2024A" },
            { col: 5, text: "2025E" },
            { col: 6, text: "2025E" },
          ],
        ],
        rows: rows.map((r) => [
          r.printed,
          r.name,
          fixed(r.values.price!, 2),
          r.values.change === null || r.values.change === undefined ? "—" : fixed(r.values.change * 100, 2),
          cell(r.values.eps_2024, 2, "—"),
          cell(r.values.eps_2025, 2, "—"),
          cell(r.values.pe_2025, 1, "—"),
          r.rating ?? "",
        ]),
        source: "Source: Bloomberg, Example Securities Research (prices as of 2025-02-28)",
      },
    ],
  };
}

/**
 * A note whose 表1 runs over three pages with text before each continuation: page 2 starts with a
 * paragraph and the rows go on without a header; page 3 starts with a chart's caption, its axis and its
 * source, then a "（续）" caption and the repeated header. Page 4 holds 表2, of the same layout, under a
 * paragraph and its own caption: a table of its own.
 */
export function continuedAfterTextNote(rows: readonly TypedRow[], otherRows: readonly TypedRow[]): NoteSpec {
  const [a, b] = [Math.floor(rows.length / 3), Math.floor((2 * rows.length) / 3)];
  const table = (part: readonly TypedRow[], options: Partial<TableBlock>) => chineseTable(part, { source: undefined, ...options });
  return {
    runningHeader: "示例证券 | 公司深度 | 通信",
    pageNumbers: "zh",
    blocks: [
      { kind: "text", lines: ["光通信深度：800G 放量在即"], size: 14, after: 10 },
      { kind: "text", lines: ["2025年04月18日", "分析师：王五"], after: 12 },
      table(rows.slice(0, a), { caption: "表1：光通信公司盈利预测" }),
      { kind: "pagebreak" },
      { kind: "text", lines: ["我们看好 800G 光模块在 2025 年的放量，下表续列其余公司。", "估值均以最新收盘价计算。"], after: 10 },
      table(rows.slice(a, b), { caption: undefined, header: [] }),
      { kind: "pagebreak" },
      { kind: "text", lines: ["图3：全球 800G 光模块出货量（万只）", "2023        2024        2025E        2026E", "资料来源：LightCounting"], after: 14 },
      table(rows.slice(b), { caption: "表1：光通信公司盈利预测（续）", source: "资料来源：Wind，示例证券研究所（股价为 2025 年 4 月 17 日收盘价）" }),
      { kind: "pagebreak" },
      { kind: "text", lines: ["以下为我们覆盖的其余公司。"], after: 10 },
      chineseTable(otherRows, { caption: "表2：其他覆盖公司", source: "资料来源：Wind，示例证券研究所" }),
    ],
  };
}

/** The Chinese note's table on one page with its group headers ("EPS（元）", "PE") set at the right, or left, of their spans. */
export function alignedGroupsNote(rows: readonly TypedRow[], align: "left" | "right"): NoteSpec {
  const table = chineseTable(rows);
  const header = table.header.map((line) => line.map((cell) => ((cell.span ?? 1) > 1 ? { ...cell, align } : cell)));
  return {
    blocks: [
      { kind: "text", lines: ["算力周报：服务器与光模块"], size: 14, after: 10 },
      { kind: "text", lines: ["2025年05月16日", "分析师：赵六"], after: 12 },
      { ...table, header },
    ],
  };
}
