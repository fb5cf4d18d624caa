/** The pure part of freeze/restore: which formulas, which blocks, how records are chunked and read back. */
import {
  encodeFrozenValue,
  formulaOf,
  isAicFormula,
  packBlocks,
  parseFrozenChunkRecord,
  parseFrozenSheetRecord,
  planFrozenBlocks,
  planRestore,
  sameFrozenValue,
  scanAicCells,
  valuesChecksum,
  type CurrentCell,
  type FrozenBlock,
  type FrozenRun,
} from "../../src/excel/freeze";
import { parseRangeAddress } from "../../src/excel/a1";

describe("isAicFormula", () => {
  it.each([
    ["=AIC.FWD_PE(C12,D12)", true],
    ["=aic.fwd_pe(1,2)", true],
    ["=ROUND(AIC.SORA_TRAIN_GPUS(),1)", true],
    ["=1+Aic.Gpu_Tflops(\"A100\")", true],
    ["=AIC.FWD_PE([@[股价]],[@[EPS 2023E]])", true],
    ["=SUM(A1:A3)", false],
    ['="AIC.FWD_PE"', false],
    ["=MAIC.X(1)", false],
    ["=AIC_Train_Gpu", false],
    ["='AIC.sheet'!A1", false],
    ["=[@[AIC.x]]", false],
    ["AIC.FWD_PE(1,2)", false],
    [42, false],
    [null, false],
  ])("%s → %s", (formula, expected) => {
    expect(isAicFormula(formula)).toBe(expected);
  });
});

describe("scanning and blocks", () => {
  it("finds AIC formulas in a used range (absolute coordinates), column by column, skipping look-alike text", () => {
    const formulas = [
      ["=AIC.FWD_PE(A1,B1)", "text", "=AIC.X()"],
      ["=AIC.FWD_PE(A2,B2)", 3, "=AIC.X()"],
    ];
    const values = [
      [12.5, "text", "=AIC.X()"], // C3 is text that looks like a formula: its value is its own text
      ["#N/A", 3, 7],
    ];
    expect(formulaOf("=AIC.X()", "=AIC.X()")).toBeNull();
    expect(scanAicCells(formulas, values, 2, 1)).toEqual([
      { row: 2, column: 1, formula: "=AIC.FWD_PE(A1,B1)", value: 12.5 },
      { row: 3, column: 1, formula: "=AIC.FWD_PE(A2,B2)", value: "#N/A" },
      { row: 3, column: 3, formula: "=AIC.X()", value: 7 },
    ]);
  });

  it("makes vertical runs: one formula for a uniform run, a list otherwise; gaps and columns split runs", () => {
    const cells = [
      { row: 11, column: 7, formula: "=F", value: 1 },
      { row: 12, column: 7, formula: "=F", value: 2 },
      { row: 14, column: 7, formula: "=F", value: 3 },
      { row: 11, column: 9, formula: "=G(1)", value: 4 },
      { row: 12, column: 9, formula: "=G(2)", value: "#NUM!" },
    ];
    expect(planFrozenBlocks(cells, new Map(), () => "")).toEqual([
      { kind: "run", address: "H12:H13", formula: "=F", values: [1, 2] },
      { kind: "run", address: "H15", formula: "=F", values: [3] },
      { kind: "run", address: "J12:J13", formula: ["=G(1)", "=G(2)"], values: [4, "#NUM!"] },
    ]);
  });

  it("freezes a spilling anchor as its spill range, with a checksum of its values", () => {
    const values: Record<string, number> = { "1,1": 10, "1,2": 20, "2,1": 30, "2,2": 40 };
    const blocks = planFrozenBlocks([{ row: 1, column: 1, formula: "=AIC.S(A1:A2)", value: 10 }], new Map([["1,1", parseRangeAddress("B2:C3")]]), (r, c) => values[`${r},${c}`]);
    expect(blocks).toEqual([{ kind: "spill", address: "B2:C3", formula: "=AIC.S(A1:A2)", checksum: valuesChecksum([[10, 20], [30, 40]]) }]);
    expect(valuesChecksum([[10, 20], [30, 41]])).not.toBe(blocks[0].kind === "spill" ? blocks[0].checksum : "");
  });

  it("packs blocks into chunks under the character budget, splitting long runs, keeping every cell in order", () => {
    const run: FrozenRun = {
      kind: "run",
      address: "A1:A300",
      formula: Array.from({ length: 300 }, (_, i) => `=AIC.FWD_PE(B${i + 1},C${i + 1})`),
      values: Array.from({ length: 300 }, (_, i) => i + 0.5),
    };
    const chunks = packBlocks([run, { kind: "run", address: "D1", formula: "=AIC.X()", values: ["#N/A"] }], 2_000);
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) expect(JSON.stringify(chunk).length).toBeLessThanOrEqual(2_000 - 200 + chunk.length);
    const flat = chunks.flat() as FrozenRun[];
    expect(flat.flatMap((b) => (typeof b.formula === "string" ? [b.formula] : b.formula))).toEqual([...run.formula, "=AIC.X()"]);
    expect(flat.flatMap((b) => b.values)).toEqual([...run.values, "#N/A"]);
    expect(flat[0].address).toMatch(/^A1:A\d+$/);
  });
});

describe("values", () => {
  it("writes text behind the literal prefix, numbers and booleans as they are, blanks as blanks", () => {
    expect([encodeFrozenValue("#N/A"), encodeFrozenValue("=1"), encodeFrozenValue(3.5), encodeFrozenValue(true), encodeFrozenValue("")]).toEqual([
      "'#N/A",
      "'=1",
      3.5,
      true,
      "",
    ]);
    expect(sameFrozenValue(233.65384615384613, 233.65384615384616)).toBe(true);
    expect(sameFrozenValue(233.65, 233.66)).toBe(false);
    expect(sameFrozenValue("1", 1)).toBe(false);
  });
});

describe("planRestore", () => {
  const grid = (cells: Record<string, CurrentCell>) => (row: number, column: number): CurrentCell =>
    cells[`${row},${column}`] ?? { formula: null, value: "" };

  it("restores unchanged cells in column runs, skips changed ones, counts cells already live", () => {
    const blocks: FrozenBlock[] = [{ kind: "run", address: "B2:B5", formula: "=AIC.F()", values: [1, 2, 3, "#N/A"] }];
    const plan = planRestore(
      blocks,
      grid({
        "1,1": { formula: null, value: 1 },
        "2,1": { formula: null, value: 99 },
        "3,1": { formula: "=AIC.F()", value: 3 },
        "4,1": { formula: null, value: "#N/A" },
      }),
    );
    expect(plan.formulaWrites).toEqual([
      { address: "B2", formulas: ["=AIC.F()"] },
      { address: "B5", formulas: ["=AIC.F()"] },
    ]);
    expect(plan.skipped).toEqual([{ address: "B3", formula: "=AIC.F()", reason: "value" }]);
    expect([plan.restoredCells, plan.alreadyLive]).toEqual([2, 1]);
  });

  it("a later block supersedes an earlier one at the same cell (a merged freeze)", () => {
    const blocks: FrozenBlock[] = [
      { kind: "run", address: "A1:A2", formula: "=AIC.OLD()", values: [1, 2] },
      { kind: "run", address: "A2", formula: "=AIC.NEW()", values: [5] },
    ];
    const plan = planRestore(blocks, grid({ "0,0": { formula: null, value: 1 }, "1,0": { formula: null, value: 5 } }));
    expect(plan.formulaWrites).toEqual([{ address: "A1:A2", formulas: ["=AIC.OLD()", "=AIC.NEW()"] }]);
    // A run frozen later inside an older spill drops the spill.
    const spillThenRun = planRestore(
      [
        { kind: "spill", address: "A1:A2", formula: "=AIC.S()", checksum: valuesChecksum([[1], [2]]) },
        { kind: "run", address: "A2", formula: "=AIC.NEW()", values: [2] },
      ],
      grid({ "0,0": { formula: null, value: 1 }, "1,0": { formula: null, value: 2 } }),
    );
    expect(spillThenRun.spillWrites).toEqual([]);
    expect(spillThenRun.formulaWrites).toEqual([{ address: "A2", formulas: ["=AIC.NEW()"] }]);
  });
});

describe("records", () => {
  const head = { format: "aic-frozen-sheet", version: 1, sheetId: "{s}", sheetName: "S", chunkCount: 1, blocks: [{ kind: "run", address: "A1", formula: "=AIC.X()", values: [1] }] };

  it("read back as objects or JSON text; anything else is null", () => {
    expect(parseFrozenSheetRecord(head)).toEqual(head);
    expect(parseFrozenSheetRecord(JSON.stringify(head))).toEqual(head);
    expect(parseFrozenSheetRecord({ ...head, version: 2 })).toBeNull();
    expect(parseFrozenSheetRecord({ ...head, blocks: [{ kind: "run", address: "A1:A2", formula: "=X", values: [1] }] })).toBeNull();
    expect(parseFrozenSheetRecord({ ...head, chunkCount: 0 })).toBeNull();
    expect(parseFrozenSheetRecord("{")).toBeNull();
    expect(parseFrozenChunkRecord({ format: "aic-frozen-chunk", version: 1, sheetId: "{s}", index: 1, blocks: head.blocks })).not.toBeNull();
    expect(parseFrozenChunkRecord(head)).toBeNull();
  });
});

describe("parseRangeAddress (a1.ts)", () => {
  it("reads cells and blocks, $ and sheet prefixes as Excel reports them", () => {
    expect(parseRangeAddress("B3")).toEqual({ row: 2, column: 1, rowCount: 1, columnCount: 1 });
    expect(parseRangeAddress("'Sora compute'!$B$2:$G$9")).toEqual({ row: 1, column: 1, rowCount: 8, columnCount: 6 });
    expect(parseRangeAddress("Sheet1!AA10:AB11")).toEqual({ row: 9, column: 26, rowCount: 2, columnCount: 2 });
    expect(() => parseRangeAddress("A:A")).toThrow(RangeError);
    expect(() => parseRangeAddress("B3:A1")).toThrow(RangeError);
  });
});
