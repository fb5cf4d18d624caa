/**
 * The bundled catalog against the seed notes themselves (../shared/seeds), independently of the
 * importer: each table row is found in the seed text by its ticker and compared cell by cell using a
 * column layout typed here from the seed headers; each themed list is found in the seed prose.
 * Then the importer, run on each seed, must reproduce the catalog exactly.
 */
import { readFileSync } from "fs";
import * as path from "path";
import { parseReport } from "../../src/picks/parser";
import type { PickList } from "../../src/picks/types";
import { describeWithSeeds, itWithSeeds } from "../support/seeds";
import { CATALOG_DIR, HUAXIN_SEED, MINSHENG_SEED, catalogFileNames, catalogIndex, catalogList, readText } from "./support";

interface SeedTable {
  id: string;
  seed: string;
  /** The caption line as printed in the seed. */
  caption: string;
  rowCount: number;
  /** Column key of each tab-separated cell of a seed row, read off the seed's header. */
  cells: string[];
  /** Year and estimate flag of each EPS/PE key, as the seed header prints them. */
  years: Record<string, [number, boolean]>;
  priceDate: string;
}

const SEED_TABLES: SeedTable[] = [
  {
    // Header: 公司代码 名称 2024-02-18 股价 EPS(2022 2023E 2024E) PE(2022 2023E 2024E) 投资评级
    id: "huaxin-2024-02-18-focus",
    seed: HUAXIN_SEED,
    caption: "重点关注公司及盈利预测",
    rowCount: 17,
    cells: ["ticker", "name", "price", "eps_2022", "eps_2023", "eps_2024", "pe_2022", "pe_2023", "pe_2024", "rating"],
    years: { eps_2022: [2022, false], eps_2023: [2023, true], eps_2024: [2024, true], pe_2022: [2022, false], pe_2023: [2023, true], pe_2024: [2024, true] },
    priceDate: "2024-02-18",
  },
  {
    // Header: 证券代码 证券简称 周涨跌幅(%) 收盘价 (元) 周最低价 (元) 周最高价 (元)
    id: "minsheng-2024-02-25-table3-gainers",
    seed: MINSHENG_SEED,
    caption: "表3: 本周计算机板块个股涨幅前五名",
    rowCount: 5,
    cells: ["ticker", "name", "change_1w", "price", "week_low", "week_high"],
    years: {},
    priceDate: "2024-02-23",
  },
  {
    id: "minsheng-2024-02-25-table4-losers",
    seed: MINSHENG_SEED,
    caption: "表4: 本周计算机板块个股跌幅前四名",
    rowCount: 4,
    cells: ["ticker", "name", "change_1w", "price", "week_low", "week_high"],
    years: {},
    priceDate: "2024-02-23",
  },
  {
    // Header: 证券代码 证券简称 股价 (元) 周涨跌幅 2020EPS (元) 2021EPS (元) 2022EPS (元) 2020PE 2021PE 2022PE PB
    id: "minsheng-2024-02-25-table5-focus",
    seed: MINSHENG_SEED,
    caption: "表5: 重点关注个股",
    rowCount: 19,
    cells: ["ticker", "name", "price", "change_1w", "eps_2020", "eps_2021", "eps_2022", "pe_2020", "pe_2021", "pe_2022", "pb"],
    years: { eps_2020: [2020, false], eps_2021: [2021, false], eps_2022: [2022, false], pe_2020: [2020, false], pe_2021: [2021, false], pe_2022: [2022, false] },
    priceDate: "2024-02-23",
  },
];

/** The seed's rows of a table: the ticker lines after its caption, up to its source line. */
function seedRows(table: SeedTable): { rows: string[][]; sourceLine: string } {
  const lines = readText(table.seed).split("\n");
  const start = lines.findIndex((l) => l.trim() === table.caption);
  if (start < 0) throw new Error(`caption "${table.caption}" not in ${table.seed}`);
  const rows: string[][] = [];
  let i = start + 1;
  for (; i < lines.length && !lines[i]!.startsWith("资料来源"); i++) {
    if (/^\d{6}\.(SZ|SH)\t/.test(lines[i]!)) rows.push(lines[i]!.split("\t"));
  }
  return { rows, sourceLine: (lines[i] ?? "").trim() };
}

function expectCell(actual: unknown, printed: string, where: string): void {
  const text = printed.trim();
  if (text === "" || text === "/") {
    expect({ where, actual }).toEqual({ where, actual: null });
  } else if (/^-?\d+(\.\d+)?%$/.test(text)) {
    expect(typeof actual).toBe("number");
    expect({ where, percent: Math.round((actual as number) * 1e6) / 1e4 }).toEqual({ where, percent: Number(text.slice(0, -1)) });
  } else if (/^-?\d+(\.\d+)?$/.test(text)) {
    expect({ where, actual }).toEqual({ where, actual: Number(text) });
  } else {
    expect({ where, actual }).toEqual({ where, actual: text });
  }
}

describeWithSeeds("catalog tables against the seed text", () => describe.each(SEED_TABLES.map((t) => [t.id, t] as const))("catalog table %s", (_id, table) => {
  const list = catalogList(table.id);
  const seed = seedRows(table);

  it(`has the seed's ${table.rowCount} rows, in the seed's order`, () => {
    expect(seed.rows).toHaveLength(table.rowCount);
    expect(list.rows.map((r) => r.ticker)).toEqual(seed.rows.map((cells) => cells[0]));
  });

  it("matches every printed cell (blank and / as null, % as a fraction)", () => {
    seed.rows.forEach((cells, r) => {
      const row = list.rows[r]!;
      expect(Object.keys(row).sort()).toEqual([...table.cells].sort());
      table.cells.forEach((key, c) => expectCell(row[key], cells[c] ?? "", `${cells[0]} ${key}`));
      expect(cells.slice(table.cells.length).every((extra) => extra.trim() === "")).toBe(true);
    });
  });

  it("carries the years the seed header names, the price date and the source line", () => {
    for (const [key, [year, estimate]] of Object.entries(table.years)) {
      expect(list.columns.find((c) => c.key === key)).toMatchObject({ year, estimate });
    }
    expect(list.source.priceDate).toBe(table.priceDate);
    expect(list.source.sourceLine).toBe(seed.sourceLine);
    expect(readText(table.seed)).toContain(list.source.sourceLine);
  });
}));

interface SeedTheme {
  id: string;
  seed: string;
  theme: string;
  /** [name as printed, ticker]. */
  members: [string, string][];
}

const SEED_THEMES: SeedTheme[] = [
  // Huaxin 投资要点: "1) 光模块：中际旭创、新易盛等；2) 国产算力，…推荐海光信息、寒武纪、…"
  { id: "huaxin-2024-02-18-theme-optical-modules", seed: HUAXIN_SEED, theme: "光模块", members: [["中际旭创", "300308.SZ"], ["新易盛", "300502.SZ"]] },
  {
    id: "huaxin-2024-02-18-theme-domestic-compute",
    seed: HUAXIN_SEED,
    theme: "国产算力",
    members: [["海光信息", "688041.SH"], ["寒武纪", "688256.SH"], ["景嘉微", "300474.SZ"], ["高新发展", "000628.SZ"], ["拓维信息", "002261.SZ"], ["浪潮信息", "000977.SZ"]],
  },
  { id: "huaxin-2024-02-18-theme-compute-leasing", seed: HUAXIN_SEED, theme: "算力租赁", members: [["利通电子", "603629.SH"], ["润建股份", "002929.SZ"], ["汇纳科技", "300609.SZ"]] },
  {
    id: "huaxin-2024-02-18-theme-ai-applications",
    seed: HUAXIN_SEED,
    theme: "AI 应用",
    members: [["万兴科技", "300624.SZ"], ["科大讯飞", "002230.SZ"], ["同花顺", "300033.SZ"], ["金桥信息", "603918.SH"], ["鸥玛软件", "301185.SZ"], ["汉仪股份", "301270.SZ"]],
  },
  // Minsheng 本周观点 (and again in 1.2 投资建议)
  {
    id: "minsheng-2024-02-25-theme-huawei-ascend-all-in-one",
    seed: MINSHENG_SEED,
    theme: "华为昇腾一体机",
    members: [["科大讯飞", "002230.SZ"], ["云从科技", "688327.SH"], ["软通动力", "301236.SZ"], ["恒为科技", "603496.SH"]],
  },
  {
    id: "minsheng-2024-02-25-theme-domestic-core-compute",
    seed: MINSHENG_SEED,
    theme: "国产核心算力",
    members: [["寒武纪", "688256.SH"], ["浪潮信息", "000977.SZ"], ["中国长城", "000066.SZ"], ["海光信息", "688041.SH"], ["高新发展", "000628.SZ"]],
  },
  { id: "minsheng-2024-02-25-theme-ai-devices", seed: MINSHENG_SEED, theme: "AI 终端变革", members: [["中科创达", "300496.SZ"], ["萤石网络", "688475.SH"], ["漫步者", "002351.SZ"]] },
  { id: "minsheng-2024-02-25-theme-overseas-ai-applications", seed: MINSHENG_SEED, theme: "出海 AI 应用", members: [["焦点科技", "002315.SZ"], ["超讯通信", "603322.SH"]] },
];

/**
 * Companies the themed lists name that neither seed's tables list; their tickers come from the bundled
 * directory, each checked against the company's own exchange filings (see src/picks/directory.ts).
 */
const NOT_IN_SEED_TABLES = new Set(["云从科技", "软通动力", "恒为科技", "中国长城", "中科创达", "萤石网络", "漫步者", "焦点科技", "超讯通信"]);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A name as the PDF may wrap it: any whitespace between its characters. */
const wrapped = (name: string) => [...name].map(escape).join("\\s*");

describeWithSeeds("catalog themed lists against the seed text", () => describe.each(SEED_THEMES.map((t) => [t.id, t] as const))("catalog themed list %s", (_id, theme) => {
  const list = catalogList(theme.id);
  const seedText = readText(theme.seed);

  it("names the seed's companies in the seed's order", () => {
    const sequence = theme.members.map(([name]) => wrapped(name)).join("\\s*、\\s*");
    expect(seedText).toMatch(new RegExp(`${escape(theme.theme)}[^；;。\\n]{0,80}?${sequence}`));
    expect(list.rows.map((r) => [r.name, r.ticker])).toEqual(theme.members);
    expect(list.rows.every((r) => r.theme === theme.theme)).toBe(true);
    expect(list.title.zh).toBe(theme.theme);
  });

  it("gives each company the ticker a seed table prints for it (or the checked directory's)", () => {
    const bothSeeds = `${readText(HUAXIN_SEED)}\n${readText(MINSHENG_SEED)}`;
    for (const [name, ticker] of theme.members) {
      const inTable = new RegExp(`^${escape(ticker)}\\t(?:ST ?)?${escape(name)}(?:-[UW]+)?\\t`, "m").test(bothSeeds);
      expect({ name, ticker, source: inTable ? "seed table" : NOT_IN_SEED_TABLES.has(name) ? "directory" : "none" }).toEqual({
        name,
        ticker,
        source: NOT_IN_SEED_TABLES.has(name) ? "directory" : "seed table",
      });
    }
  });
}));

describe("the catalog as a whole", () => {
  const index = catalogIndex();

  it("holds exactly the seed lists, one file each, with the index's row counts", () => {
    const ids = index.reports.flatMap((r) => r.lists.map((l) => l.id));
    expect([...ids].sort()).toEqual([...SEED_TABLES.map((t) => t.id), ...SEED_THEMES.map((t) => t.id)].sort());
    expect(catalogFileNames()).toEqual(["index.json", ...ids.map((id) => `${id}.json`)].sort());
    for (const report of index.reports) {
      for (const entry of report.lists) {
        expect(entry.href).toBe(`${entry.id}.json`);
        expect(entry.rowCount).toBe(catalogList(entry.id).rows.length);
      }
    }
  });

  itWithSeeds("describes the two reports as printed", () => {
    expect(index.reports.map((r) => [r.id, r.broker, r.brokerEn, r.reportTitle, r.reportDate])).toEqual([
      ["huaxin-2024-02-18", "华鑫证券", "Huaxin Securities", "Sora 开启视频生成领域新篇章，科技巨头加大 AI 芯片投入", "2024-02-18"],
      ["minsheng-2024-02-25", "民生证券", "Minsheng Securities", "Sora 将创造多少算力需求?", "2024-02-25"],
    ]);
    expect(readText(HUAXIN_SEED)).toContain(index.reports[0]!.reportTitle);
    expect(readText(MINSHENG_SEED)).toContain("2024年02月25日");
    expect(catalogList("huaxin-2024-02-18-focus").source.analysts).toEqual(["宝幼琛", "任春阳"]);
    expect(catalogList("minsheng-2024-02-25-table5-focus").source.analysts).toEqual(["吕伟"]);
  });
});

describeWithSeeds("the importer reproduces the catalog from each seed", () => {
  it.each([
    ["huaxin-2024-02-18", HUAXIN_SEED],
    ["minsheng-2024-02-25", MINSHENG_SEED],
  ])("%s", (reportId, seed) => {
    const report = catalogIndex().reports.find((r) => r.id === reportId)!;
    const expected: PickList[] = report.lists.map((entry) =>
      JSON.parse(readFileSync(path.join(CATALOG_DIR, entry.href), "utf8")) as PickList,
    );
    expect(parseReport(readText(seed)).lists).toEqual(expected);
  });
});
