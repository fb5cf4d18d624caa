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
