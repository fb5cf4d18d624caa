/**
 * The Huaxin table 重点关注公司及盈利预测 (华鑫证券, prices of 2024-02-18) as a test vector:
 * the fixture against the seed text, and which live P/E cells the inserted rule highlights.
 *
 * Which rows differ by more than 5% (price / EPS vs the printed P/E), computed by hand from the seed:
 *   2022 (actual):  润建股份 29.15/1.83 = 15.9 vs 21;  新易盛 54.90/1.78 = 30.8 vs 13;
 *                   万兴科技 84.20/0.32 = 263.1 vs 92;  汉仪股份 24.43/0.55 = 44.4 vs 55;
 *                   海光信息 76.72/0.35 = 219.2 vs 116.
 *   2023E, 2024E:   none. The largest gaps are 拓维信息 2023E 11.78/0.12 = 98.2 vs 100 (-1.8%),
 *                   润建股份 2024E 29.15/2.72 = 10.7 vs 11 (-2.6%), 新易盛 2024E 54.90/1.75 = 31.4 vs 31 (+1.2%),
 *                   海光信息 2024E 76.72/0.72 = 106.6 vs 106 (+0.5%), 海光信息 2023E 76.72/0.52 = 147.5 vs 148 (-0.3%).
 * A live P/E column exists for each estimate year and for each actual year whose P/E the report
 * printed, so the rule highlights exactly the five 2022 rows (海光信息 and 新易盛 among them, as the
 * issue expects) and no estimate-year cell.
 */
import { insertPickList } from "../../src/excel/insert";
import { FWD_PE } from "../../src/functions/definitions";
import type { PickList } from "../../src/picks/types";
import { FakeExcel, parseAddress, formatAddress } from "../support/excelFake";
import { HUAXIN_SEED, itWithSeeds, seedText } from "../support/seeds";
import { huaxinList } from "./lists";

describe("Huaxin catalog list as a test vector", () => {
  itWithSeeds("matches the seed table 重点关注公司及盈利预测 row by row", () => {
    const seed = seedText(HUAXIN_SEED);
    const list = huaxinList();
    expect(list.rows).toHaveLength(17);
    const fmt = (v: unknown) => (v === null ? "" : String(v));
    for (const row of list.rows) {
      const line = seed.split("\n").find((l) => l.startsWith(`${row.ticker}\t`));
      expect(line).toBeDefined();
      const cells = (line as string).split("\t");
      const keys = ["ticker", "name", "price", "eps_2022", "eps_2023", "eps_2024", "pe_2022", "pe_2023", "pe_2024", "rating"];
      keys.forEach((key, i) => {
        const printed = cells[i].trim();
        const value = row[key];
        if (typeof value === "number") expect(Number(printed)).toBe(value);
        else expect(printed).toBe(fmt(value));
      });
    }
  });
});

/**
 * Test oracle for what Excel would highlight: evaluates each written conditional-format rule of the
 * form =AND(ISNUMBER(L),ISNUMBER(P),IFERROR(ABS(L/P-1)>T,FALSE)) over its range, where L holds
 * =AIC.FWD_PE([@[price header]],[@[eps header]]) — computed with the real FWD_PE implementation,
 * an Excel error counting as not a number — and P the printed P/E. Returns "ticker header" for
 * each highlighted cell.
 */
function highlighted(fake: FakeExcel, sheetName: string, tableName: string): string[] {
  const table = fake.table(tableName);
  const header = (text: string) => table.left + table.headers.indexOf(text.replace(/'(.)/g, "$1"));
  const letterIndex = (letters: string) => parseAddress(`${letters}1`).left;
  const out: string[] = [];
  for (const cf of fake.conditionalFormats) {
    const m = /^=AND\(ISNUMBER\(([A-Z]+)(\d+)\),ISNUMBER\(([A-Z]+)\d+\),IFERROR\(ABS\([A-Z]+\d+\/[A-Z]+\d+-1\)>([0-9.]+),FALSE\)\)$/.exec(
      cf.formula ?? "",
    );
    if (!m) throw new Error(`unexpected rule ${cf.formula}`);
    const [, liveLetters, firstRow, printedLetters, tolerance] = m;
    const range = parseAddress(cf.address);
    expect(Number(firstRow)).toBe(range.top + 1);
    for (let r = range.top; r < range.top + range.rows; r++) {
      const at = (column: number) => fake.cell(sheetName, formatAddress({ top: r, left: column, rows: 1, cols: 1 }));
      const formula = at(letterIndex(liveLetters)).formula ?? "";
      const f = /^=AIC\.FWD_PE\(\[@\[((?:'.|[^'\]])*)\]\],\[@\[((?:'.|[^'\]])*)\]\]\)$/.exec(formula);
      if (!f) throw new Error(`unexpected live formula ${formula}`);
      const price = at(header(f[1])).value;
      const eps = at(header(f[2])).value;
      let live: number | null = null;
      try {
        const result = FWD_PE.run([[price === null ? null : (price as number | string)]], [[eps === null ? null : (eps as number | string)]])[0][0];
        live = typeof result === "number" ? result : null;
      } catch {
        live = null; // a scalar Excel error (#NUM!, #N/A): ISNUMBER is FALSE
      }
      const printed = at(letterIndex(printedLetters)).value;
      if (live !== null && typeof printed === "number" && Math.abs(live / printed - 1) > Number(tolerance)) {
        out.push(`${at(table.left).value} ${table.headers[letterIndex(liveLetters) - table.left]}`);
      }
    }
  }
  return out;
}

async function insertAndHighlight(list: PickList): Promise<string[]> {
  const fake = new FakeExcel();
  const { sheetName, tableName } = await insertPickList(fake.requestContext, list, { language: "zh" });
  return highlighted(fake, sheetName, tableName);
}

describe("live P/E vs printed P/E on the Huaxin table", () => {
  it("highlights exactly the five 2022 rows that differ by more than 5%, and no estimate-year cell", async () => {
    expect(await insertAndHighlight(huaxinList())).toEqual([
      "002929.SZ 实时PE 2022", // 润建股份 15.9 vs 21
      "300502.SZ 实时PE 2022", // 新易盛 30.8 vs 13
      "300624.SZ 实时PE 2022", // 万兴科技 263.1 vs 92
      "301270.SZ 实时PE 2022", // 汉仪股份 44.4 vs 55
      "688041.SH 实时PE 2022", // 海光信息 219.2 vs 116
    ]);
  });

  it("highlights no estimate-year cell: every 2023E and 2024E live P/E is within 5% of the printed one", async () => {
    const highlightedCells = await insertAndHighlight(huaxinList());
    expect(highlightedCells.filter((c) => /E$/.test(c))).toEqual([]);
  });

  it("flags a printed estimate that is off by more than 5%, and not one within 5%", async () => {
    const list = huaxinList();
    const row = (ticker: string) => list.rows.find((r) => r.ticker === ticker) as Record<string, unknown>;
    row("688041.SH").pe_2024 = 101; // 76.72/0.72 = 106.6: +5.5%
    row("300502.SZ").pe_2023 = 52.5; // 54.90/1.00 = 54.9: +4.6%
    expect((await insertAndHighlight(list)).filter((c) => /E$/.test(c))).toEqual(["688041.SH 实时PE 2024E"]);
  });
});
