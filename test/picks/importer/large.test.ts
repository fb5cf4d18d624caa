/**
 * Large input: a 100,000-row table reads whole, a 130,000-row one (a spread into Math.max over the rows
 * overflowed the stack from 125,000) is refused with a plain message, as is text over the size cap.
 * Speed itself is measured by npm run bench (bench/picks.bench.ts).
 */
import { MAX_NOTE_CHARS, parseReport } from "../../../src/picks/parser";

jest.setTimeout(120_000);

function table(rows: number): string {
  const lines = ["2025-03-09", "表1：重点推荐", "代码\t股价"];
  for (let i = 0; i < rows; i++) {
    // 99,999 Hong Kong codes, then 10,000 each from the 00, 30, 60 and 68 ranges: all distinct.
    const j = i - 99_999;
    const block = Math.floor(j / 10_000);
    const ticker = j < 0 ? `${i + 1}.HK` : `${["00", "30", "60", "68"][block]}${String(j % 10_000).padStart(4, "0")}.${block < 2 ? "SZ" : "SH"}`;
    lines.push(`${ticker}\t${i % 100}.5`);
  }
  return lines.join("\n");
}

it("reads a 100,000-row tab-separated table whole", () => {
  const r = parseReport(table(100_000));
  expect(r.problems).toEqual([]);
  expect(r.lists[0]!.rows).toHaveLength(100_000);
  expect(r.lists[0]!.rows[99_999]).toEqual({ ticker: "000000.SZ", price: 99.5 });
});

it("refuses a 130,000-row table in words: more rows than a pick list holds", () => {
  const r = parseReport(table(130_000));
  expect(r.lists).toEqual([]);
  expect(r.problems).toEqual([expect.objectContaining({ code: "too-many-rows", rows: 130_000, max: 100_000, table: "表1：重点推荐" })]);
});

it("refuses text over the cap with a plain message", () => {
  const r = parseReport("a".repeat(MAX_NOTE_CHARS + 1));
  expect(r.problems).toEqual([expect.objectContaining({ code: "too-large", chars: MAX_NOTE_CHARS + 1, max: MAX_NOTE_CHARS })]);
  expect(r.problems[0]!.reason).toBe(`the text is ${MAX_NOTE_CHARS + 1} characters; the importer reads at most ${MAX_NOTE_CHARS}`);
});

describe("a table's cells longer than the format allows", () => {
  /** Three rows of the Huaxin focus table's first columns; row 3's name is `nameLength` characters long. */
  function withLongName(nameLength: number): string {
    const name = "浪潮信息".repeat(Math.ceil(nameLength / 4)).slice(0, nameLength);
    return ["2024-02-18", "表1：重点关注公司及盈利预测", "代码\t名称\t股价", "000628.SZ\t高新发展\t36.98", "688256.SH\t寒武纪-U\t143.00", `000977.SZ\t${name}\t30.38`].join("\n");
  }

  it("keeps a 1,000-character name, the format's limit", () => {
    const r = parseReport(withLongName(1000));
    expect(r.problems).toEqual([]);
    expect((r.lists[0]!.rows[2]!.name as string).length).toBe(1000);
  });

  it("refuses the table with a 1,001-character name as an invalid list naming the row", () => {
    const r = parseReport(withLongName(1001));
    expect(r.lists).toEqual([]);
    expect(r.problems).toEqual([
      expect.objectContaining({ code: "invalid-list", table: "表1：重点关注公司及盈利预测", errors: 'row 3, column "name": must NOT have more than 1000 characters' }),
    ]);
  });
});
