import { estimatePayloadBytes, planChunkSizes, planChunks } from "../../src/excel/chunks";
import { cellJsonBytes } from "../../src/excel/base";

describe("estimatePayloadBytes", () => {
  it("counts the JSON text as UTF-8, as Office.js sends it: a Chinese character is 3 bytes", () => {
    expect(estimatePayloadBytes([["ab", 1.5, ""]])).toBe('[["ab",1.5,""]]'.length);
    // "华鑫" -> 2 characters x 3 bytes, plus the quotes and brackets (4).
    expect(estimatePayloadBytes(["华鑫"])).toBe(4 + 6);
    expect(estimatePayloadBytes(["😀"])).toBe(4 + 4);
    expect(estimatePayloadBytes(undefined)).toBe(0);
  });

  it("cellJsonBytes counts one value's JSON without building it, equal to Buffer.byteLength of the JSON", () => {
    for (const v of ["华鑫证券", 'a"b\\c', "tab\there", 30.38, -0.81, null, "", "😀x", "=HYPERLINK(\"x\")"]) {
      expect(cellJsonBytes(v)).toBe(Buffer.byteLength(JSON.stringify(v), "utf8"));
    }
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
  const rowBytes = estimatePayloadBytes(row) + 1;

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
