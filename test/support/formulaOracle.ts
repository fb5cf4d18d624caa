/**
 * A small formula oracle for the Excel fake, which does not calculate: it evaluates exactly the
 * formula shapes the add-in writes — =AIC.<FUNCTION>(arg, …) whose arguments are empty, a number, a
 * "text" literal, TRUE/FALSE, an A1 cell reference ($ allowed, same sheet), a this-row structured
 * reference [@[Header]], or a defined name (sheet scope first, then workbook) pointing at one cell —
 * with the real custom functions of src/functions/functions.ts, called as Excel calls them (every
 * argument a 2-D array, an omitted one null). A referenced formula cell is evaluated first. Anything
 * else throws, so a formula the oracle does not understand fails the test instead of passing quietly.
 */
import { ditGflops, fwdPe, gpuTflops, patchesPerMin, soraInferGpus, soraTrainGpus } from "../../src/functions/functions";
import { FakeExcel, parseAddress, type SheetState } from "./excelFake";

/** What a cell shows: a number, text, a boolean, or an error as its text ("#N/A"). */
export type OracleValue = number | string | boolean | null;

const FUNCTIONS: Readonly<Record<string, (...args: any[]) => number[][]>> = {
  PATCHES_PER_MIN: patchesPerMin,
  SORA_TRAIN_GPUS: soraTrainGpus,
  SORA_INFER_GPUS: soraInferGpus,
  DIT_GFLOPS: ditGflops,
  GPU_TFLOPS: gpuTflops,
  FWD_PE: fwdPe,
};

const ERROR_TEXT = /^#(N\/A|VALUE!|NUM!|DIV\/0!|NAME\?|REF!|NULL!|SPILL!|CALC!|BUSY!)$/;

/** Splits an argument list at top-level commas (not inside "…", […] or (…)). */
export function splitArguments(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let inString = false;
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      current += ch;
      if (ch === '"') {
        if (text[i + 1] === '"') current += text[++i];
        else inString = false;
      }
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === "[" || ch === "(") depth++;
    else if (ch === "]" || ch === ")") depth--;
    if (ch === "," && depth === 0) {
      args.push(current);
      current = "";
    } else current += ch;
  }
  args.push(current);
  return args.map((a) => a.trim());
}

export class FormulaOracle {
  private readonly evaluating = new Set<string>();

  constructor(private readonly fake: FakeExcel) {}

  /** The value of the cell at (row, column) of `sheet`, evaluating its formula if it has one. */
  cellValue(sheet: SheetState, row: number, column: number): OracleValue {
    const cell = this.fake.getCell(sheet, row, column);
    if (cell.kind === "formula" && cell.formula !== null) return this.evaluate(sheet, row, column, cell.formula);
    if (cell.kind === "empty") return null;
    return cell.value;
  }

  /** Evaluates `formula` as if it were in (row, column) of `sheet`. */
  evaluate(sheet: SheetState, row: number, column: number, formula: string): OracleValue {
    const key = `${sheet.id}!${row},${column}`;
    if (this.evaluating.has(key)) throw new Error(`oracle: circular reference at ${key}`);
    this.evaluating.add(key);
    try {
      const m = /^=AIC\.([A-Z_]+)\((.*)\)$/i.exec(formula);
      if (!m) throw new Error(`oracle: unsupported formula ${formula}`);
      const fn = FUNCTIONS[m[1].toUpperCase()];
      if (!fn) throw new Error(`oracle: unknown function AIC.${m[1]}`);
      const args = m[2] === "" ? [] : splitArguments(m[2]).map((a) => this.argument(sheet, row, column, a));
      try {
        const result = fn(...args) as unknown[][];
        if (result.length !== 1 || result[0].length !== 1) throw new Error(`oracle: ${formula} spills; write per-cell formulas`);
        const value = result[0][0];
        return value instanceof CustomFunctions.Error ? value.code : (value as number);
      } catch (e) {
        if (e instanceof CustomFunctions.Error) return e.code;
        throw e;
      }
    } finally {
      this.evaluating.delete(key);
    }
  }

  /** Sets the result of every formula on `sheetName` (fake.setFormulaResults with this oracle). */
  calculate(sheetName: string): void {
    const sheet = this.fake.sheet(sheetName);
    this.fake.setFormulaResults(sheetName, (formula, row, column) => {
      const value = this.evaluate(sheet, row, column, formula);
      if (value === null) throw new Error(`oracle: ${formula} gave no value`);
      return value;
    });
  }

  private argument(sheet: SheetState, row: number, column: number, text: string): unknown[][] | null {
    if (text === "") return null;
    const asGrid = (v: OracleValue): unknown[][] => {
      if (typeof v === "string" && ERROR_TEXT.test(v)) return [[new CustomFunctions.Error(v as CustomFunctions.ErrorCode)]];
      return [[v]];
    };
    if (/^"(?:[^"]|"")*"$/.test(text)) return [[text.slice(1, -1).replace(/""/g, '"')]];
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return [[Number(text)]];
    if (/^(TRUE|FALSE)$/i.test(text)) return [[text.toUpperCase() === "TRUE"]];
    const structured = /^\[@\[((?:'.|[^'\]])*)\]\]$/.exec(text);
    if (structured) {
      const header = structured[1].replace(/'(.)/g, "$1");
      const table = this.fake.tableAt(sheet, row, column);
      if (!table || row === table.top) throw new Error(`oracle: ${text} outside a table body`);
      const index = table.headers.findIndex((h) => h.toUpperCase() === header.toUpperCase());
      if (index < 0) throw new Error(`oracle: table ${table.name} has no column ${header}`);
      return asGrid(this.cellValue(sheet, row, table.left + index));
    }
    const a1 = /^\$?([A-Z]{1,3})\$?([0-9]+)$/.exec(text);
    if (a1) {
      const r = parseAddress(`${a1[1]}${a1[2]}`);
      return asGrid(this.cellValue(sheet, r.top, r.left));
    }
    if (/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(text)) {
      const name = this.fake.resolveName(text, sheet);
      if (!name) return [[new CustomFunctions.Error("#NAME?" as CustomFunctions.ErrorCode)]];
      const ref = /^='((?:[^']|'')+)'!\$?([A-Z]{1,3})\$?([0-9]+)$/.exec(name.reference);
      if (!ref) throw new Error(`oracle: name ${text} refers to ${name.reference}, not one cell`);
      const target = this.fake.sheet(ref[1].replace(/''/g, "'"));
      const r = parseAddress(`${ref[2]}${ref[3]}`);
      return asGrid(this.cellValue(target, r.top, r.left));
    }
    throw new Error(`oracle: unsupported argument ${text}`);
  }
}
