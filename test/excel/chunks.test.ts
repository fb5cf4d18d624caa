import { jsonBytes, planChunkSizes, planChunks } from "../../src/excel/chunks";

/** What Office.js sends for `v`: its JSON text, as UTF-8. */
const sent = (v: unknown): number => Buffer.byteLength(JSON.stringify(v), "utf8");

describe("jsonBytes", () => {
  it("counts the JSON text as UTF-8, as Office.js sends it: a Chinese character is 3 bytes", () => {
    expect(jsonBytes([["ab", 1.5, ""]])).toBe('[["ab",1.5,""]]'.length);
    // "华鑫" -> 2 characters x 3 bytes, plus the quotes and brackets (4).
    expect(jsonBytes(["华鑫"])).toBe(4 + 6);
    expect(jsonBytes(["😀"])).toBe(4 + 4);
  });

  // Cells and whole values of every kind JSON.stringify treats differently, each counted without building
  // its text and compared with the bytes of the text built.
  const cases: [string, unknown][] = [
    ["CJK text", "华鑫证券 重点关注公司及盈利预测"],
    ["full-width and Latin-1 (2- and 3-byte characters)", "ＡＢＣ１２３ café ñ ©"],
    ["emoji: surrogate pairs", "📈😀 up"],
    ["a pair split by text", "\ud83d x \ude00"],
    ["a lone high surrogate at the end", "abc\ud800"],
    ["a lone high surrogate before another high one", "\ud800\ud83d\ude00"],
    ["a lone low surrogate", "\udc00abc"],
    ["a reversed pair (low then high)", "\ude00\ud83d"],
    ["control characters with short escapes", "a\b\f\n\r\tb"],
    ["control characters written \\u00XX", "\u0000\u0001\u001f\u000b"],
    ["DEL and C1 controls (not escaped)", "\u007f\u0080\u009f"],
    ["line and paragraph separators (not escaped)", "\u2028\u2029"],
    ["quotes and backslashes", 'say "hi" \\ C:\\path\\ "\\"'],
    ["a formula-looking text", '=HYPERLINK("x")'],
    ["the empty string", ""],
    ["an integer", 30],
    ["a negative fraction", -0.81],
    ["negative zero (written 0)", -0],
    ["1e21 (written 1e+21)", 1e21],
    ["a small exponent", 1.5e-7],
    ["the largest double", Number.MAX_VALUE],
    ["NaN (written null)", NaN],
    ["Infinity (written null)", Infinity],
    ["-Infinity (written null)", -Infinity],
    ["null", null],
    ["true", true],
    ["false", false],
    ["an empty array", []],
    ["a row of cells", ["000977.SZ", "浪潮信息", 30.38, null, -0, "", true]],
    ["nested arrays", [[1, [2, ["三", []]]], [], [[null]]]],
    ["undefined, a function and a symbol in an array (written null)", [undefined, () => 1, Symbol("s"), 1]],
    ["NaN and Infinity in an array", [NaN, -Infinity, 0]],
    ["an object: members in order, left-out members skipped", { a: 1, 名称: "中际旭创", skip: undefined, f: () => 0, n: null, nested: { x: [1, "y"] } }],
    ["an object with escaped keys", { 'k"ey': 1, "line\nbreak": 2, "\ud800": 3 }],
    ["an empty object, and one whose every member is left out", [{}, { u: undefined }]],
    ["a Date (toJSON)", new Date("2024-02-18T00:00:00Z")],
    ["toJSON with its key", { when: { toJSON: (k: string) => `at ${k}` }, list: [{ toJSON: (k: string) => k }] }],
    ["toJSON giving undefined (member left out, element null)", { gone: { toJSON: () => undefined }, row: [{ toJSON: () => undefined }] }],
    ["boxed primitives", [Object(1.5), Object("华"), Object(false)]],
    ["a Map (no enumerable members)", new Map([["a", 1]])],
    ["a workbook record", { format: "aic-pick-table", version: 2, columns: [{ key: "eps_2022", header: "EPS 2022", role: "data" }], refreshedAt: "2024-03-01T08:00:00.000Z", base: null }],
  ];

  it.each(cases)("%s: equals Buffer.byteLength(JSON.stringify(v))", (_, v) => {
    expect(jsonBytes(v)).toBe(sent(v));
  });

  it("gives 0 where JSON.stringify gives no text (undefined, a function, a symbol), and throws for a BigInt as it does", () => {
    for (const v of [undefined, () => 1, Symbol("s")]) {
      expect(JSON.stringify(v)).toBeUndefined();
      expect(jsonBytes(v)).toBe(0);
    }
    expect(() => JSON.stringify(1n)).toThrow(TypeError);
    expect(() => jsonBytes(1n)).toThrow(TypeError);
  });
});

describe("planChunkSizes", () => {
  it("keeps room in the last chunk for what goes with it, splitting rows off into a chunk of their own", () => {
    const sizes = Array.from({ length: 10 }, () => 99); // 100 bytes a row with its separator
    expect(planChunkSizes(sizes, 1000)).toEqual([{ start: 0, end: 10, bytes: 1000 }]);
    const chunks = planChunkSizes(sizes, 1000, 350);
    expect(chunks).toEqual([
      { start: 0, end: 4, bytes: 400 },
      { start: 4, end: 10, bytes: 600 },
    ]);
  });
});

describe("planChunks", () => {
  const row = ["000001.SZ", "平安银行", 10.5]; // 37 bytes + 1 separator
  const rowBytes = jsonBytes(row) + 1;

  it("keeps every chunk within the budget and covers every row once, in order", () => {
    const rows = Array.from({ length: 1000 }, () => row);
    const budget = rowBytes * 64 + 5; // 64 rows fit, 65 do not
    const chunks = planChunks(rows, budget);
    expect(chunks).toHaveLength(Math.ceil(1000 / 64));
    expect(chunks[0]).toEqual({ start: 0, end: 64, bytes: rowBytes * 64 });
    expect(chunks[chunks.length - 1].end).toBe(1000);
    chunks.forEach((c, i) => {
      expect(c.bytes).toBeLessThanOrEqual(budget);
      if (i > 0) expect(c.start).toBe(chunks[i - 1].end);
    });
  });

  it("puts everything in one chunk when it fits, and gives one empty chunk for no rows", () => {
    expect(planChunks([row, row], 10_000)).toEqual([{ start: 0, end: 2, bytes: 2 * rowBytes }]);
    expect(planChunks([], 10_000)).toEqual([{ start: 0, end: 0, bytes: 0 }]);
  });

  it("refuses a row larger than the budget, and a non-positive budget", () => {
    expect(() => planChunks([row, ["x".repeat(100)]], 50)).toThrow("row 1 needs about");
    expect(() => planChunks([row], 0)).toThrow(RangeError);
  });
});
