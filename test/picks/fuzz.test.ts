/**
 * The importer on mangled input: it must never throw or hang, and whatever it emits must be a valid
 * pick list (with unique ids). Inputs are the seed excerpts cut up and rewritten, and text built from
 * the pieces of broker notes (tickers, headers, years, list punctuation) in random order.
 */
import fc from "fast-check";
import { parseReport } from "../../src/picks/parser";
import { expectWellFormedParse, fixture } from "./support";

const EXCERPTS = [fixture("huaxin-excerpt.txt"), fixture("minsheng-excerpt.txt"), fixture("unseen-note-hk-english.txt")];


const PIECES = [
  "\t", "\t\t", "\n", "\n\n", " ", "  ", "、", "：", ":", "；", "。", "，", "等", "/", "-", "—", "N/A", "%",
  "000977.SZ", "688256.SH", "700.HK", "SZ000977", "000628", "12345.SZ", "830799.BJ",
  "公司代码", "证券代码", "名称", "证券简称", "股价", "2024-02-18 股价", "周涨跌幅", "EPS", "PE", "PB", "РВ", "投资评级",
  "2022", "2023E", "2024E", "2020EPS (元)", "6.38%", "-0.81", "1.57", "67", "买入", "未评级", "ST 泛微", "寒武纪-U",
  "表5: 重点关注个股", "资料来源: Wind, 华鑫证券研究", "2024年02月25日", "分析师：宝幼琛", "民生证券",
  "建议关注", "推荐", "1) ", "2. ", "- ▶ ", "● ", "光模块", "中际旭创", "新易盛", "云从 科技", "国产算力，",
];

const noteLike = fc
  .array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) }), {
    maxLength: 400,
  })
  .map((parts) => parts.join(""));

type Edit = { kind: "delete" | "duplicate" | "swap" | "detab" | "truncate" | "insert"; at: number; piece: string };

const edits = fc.array(
  fc.record({
    kind: fc.constantFrom<Edit["kind"]>("delete", "duplicate", "swap", "detab", "truncate", "insert"),
    at: fc.nat(),
    piece: fc.constantFrom(...PIECES),
  }),
  { minLength: 1, maxLength: 12 },
);

function applyEdits(text: string, list: Edit[]): string {
  const lines = text.split("\n");
  for (const edit of list) {
    if (lines.length === 0) break;
    const i = edit.at % lines.length;
    const line = lines[i]!;
    switch (edit.kind) {
      case "delete":
        lines.splice(i, 1);
        break;
      case "duplicate":
        lines.splice(i, 0, line);
        break;
      case "swap":
        if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1]!, line];
        break;
      case "detab":
        lines[i] = line.replace(/\t/g, " ");
        break;
      case "truncate":
        lines[i] = line.slice(0, edit.at % (line.length + 1));
        break;
      case "insert": {
        const pos = edit.at % (line.length + 1);
        lines[i] = line.slice(0, pos) + edit.piece + line.slice(pos);
        break;
      }
    }
  }
  return lines.join("\n");
}

describe("parseReport on mangled input", () => {
  it("text made of note pieces", () => {
    fc.assert(
      fc.property(noteLike, (text) => expectWellFormedParse(parseReport(text))),
      { numRuns: 400 },
    );
  });

  it("seed excerpts with lines deleted, duplicated, swapped, de-tabbed, cut and spliced", () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXCERPTS), edits, (text, list) => expectWellFormedParse(parseReport(applyEdits(text, list)))),
      { numRuns: 400 },
    );
  });

  it("arbitrary Unicode", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 2000 }), (text) => expectWellFormedParse(parseReport(text))),
      { numRuns: 300 },
    );
  });

  it("large pathological input finishes quickly", () => {
    const inputs = [
      "、".repeat(300_000),
      `推荐${"中际旭创、".repeat(50_000)}`,
      `建议：${"光模块：中际旭创、新易盛；".repeat(20_000)}`,
      `公司代码\t名称\n${"000977.SZ\t浪潮信息\n".repeat(20_000)}`,
      "\t".repeat(500_000),
      `2024年02月25日\n${"000977.SZ 1 2 3 4 5 6 7 8 9\n".repeat(10_000)}`,
    ];
    for (const text of inputs) {
      const started = Date.now();
      expectWellFormedParse(parseReport(text));
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  });

  it("refuses input over the size limit with a reason", () => {
    // Issue 10 raised the cap from 2,000,000 to 8,000,000 characters (100,000-row tables).
    expect(parseReport("x".repeat(8_000_001))).toEqual({
      lists: [],
      problems: [{ table: "(note)", code: "too-large", chars: 8_000_001, max: 8_000_000, reason: "the text is 8000001 characters; the importer reads at most 8000000" }],
    });
  });

  it("does not throw on non-string input from untyped callers", () => {
    expectWellFormedParse(parseReport(undefined as unknown as string));
    expectWellFormedParse(parseReport(42 as unknown as string));
  });
});
