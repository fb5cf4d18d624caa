/**
 * The report importer (src/picks/parser.ts) on mangled versions of the seed notes' tables: the excerpts
 * in test/fixtures (Huaxin 重点关注公司及盈利预测, Minsheng 表3–表5 and the themed lists, an English HK
 * note) and the full seed notes in ../shared/seeds (test/support/seeds.ts: skipped with a reason without them). Lines are cut short,
 * deleted, doubled and swapped; columns shuffled; zero-width spaces, byte-order marks, full-width digits
 * and other stray characters spliced in; numbers replaced by 1e308, 1e309 and 400-digit strings; lines
 * stretched to 300,000 characters. test/picks/fuzz.test.ts covers random note pieces and raw Unicode.
 *
 * Whatever the damage, each call returns within a second; every list it emits passes the validator with
 * finite numbers only; every problem is a reason in words, never "the importer failed".
 */
import { readFileSync } from "fs";
import * as path from "path";
import fc from "fast-check";
import { parseReport, type ParseResult } from "../../src/picks/parser";
import { expectWellFormedParse, problemWords } from "../picks/support";
import { itWithSeeds, seedNoteFiles, seedText } from "../support/seeds";
import { applyMangles, fullWidthDigits, mangles, withinTime } from "./mangle";

/** Runs per property; docs/robustness.md reports the totals. */
export const RUNS = { mangled: 400, wholeNote: 60 } as const;
const HANG_MS = 1_000;

const FIXTURES = path.resolve(__dirname, "../fixtures");
const EXCERPTS = ["huaxin-excerpt.txt", "minsheng-excerpt.txt", "unseen-note-hk-english.txt"].map((f) => readFileSync(path.join(FIXTURES, f), "utf8"));

/** The table lines of a note (those with tabs, where the importer reads columns), and the rest. */
function tableBlock(text: string): { before: string; table: string; after: string } {
  const lines = text.split("\n");
  const first = lines.findIndex((l) => l.includes("\t"));
  if (first < 0) return { before: text, table: "", after: "" };
  let last = first;
  for (let i = first; i < lines.length; i++) if (lines[i].includes("\t")) last = i;
  return { before: lines.slice(0, first).join("\n"), table: lines.slice(first, last + 1).join("\n"), after: lines.slice(last + 1).join("\n") };
}


const parse = (text: string): ParseResult => withinTime(HANG_MS, "parseReport", () => parseReport(text));

describe("parseReport on mangled seed tables", () => {
  test("the excerpts' tables, mangled (cut, deleted, doubled, swapped, shuffled, stray and full-width characters, huge numbers, long lines)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXCERPTS), mangles, (text, edits) => {
        const { before, table, after } = tableBlock(text);
        expectWellFormedParse(parse([before, applyMangles(table, edits, "\t"), after].join("\n")));
      }),
      { numRuns: RUNS.mangled },
    );
  });

  test("the whole excerpts, mangled anywhere", () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXCERPTS), mangles, (text, edits) => expectWellFormedParse(parse(applyMangles(text, edits, "\t")))),
      { numRuns: RUNS.wholeNote },
    );
  });

  itWithSeeds("the whole seed notes, mangled anywhere", () => {
    const notes = seedNoteFiles().map(seedText);
    expect(notes.length).toBeGreaterThanOrEqual(2);
    fc.assert(
      fc.property(fc.constantFrom(...notes), mangles, (text, edits) => expectWellFormedParse(parse(applyMangles(text, edits, "\t")))),
      { numRuns: RUNS.wholeNote },
    );
  });

  test("full-width digits throughout read as the same numbers (PDF text from a CJK font)", () => {
    const huaxin = EXCERPTS[0];
    const plain = parse(huaxin);
    const wide = parse(fullWidthDigits(huaxin));
    expectWellFormedParse(wide);
    const rowsOf = (r: ParseResult) => r.lists.filter((l) => l.columns.some((c) => c.kind === "price")).map((l) => l.rows);
    expect(rowsOf(wide)).toEqual(rowsOf(plain));
    expect(rowsOf(plain).flat().length).toBeGreaterThan(0);
  });

  test("a price of 400 digits is not a number (found here: it read as Infinity and the table was dropped as 'must be string,number,null')", () => {
    const huaxin = EXCERPTS[0];
    for (const huge of ["9".repeat(400), `1${"0".repeat(400)}.5`, "1e309"]) {
      const result = parse(huaxin.replace("30.38", huge)); // 浪潮信息's price, Huaxin 重点关注公司及盈利预测
      expectWellFormedParse(result);
      expect(problemWords(result.problems)).toContainEqual({
        table: "重点关注公司及盈利预测",
        reason: expect.stringMatching(/^row 2 \(000977\.SZ\), column "price": "[0-9.e]+" is not a number$/),
      });
    }
  });
});
