/** Paths and loaders shared by the pick-list tests. */
import { readFileSync, readdirSync } from "fs";
import * as path from "path";
import type { ParseResult } from "../../src/picks/parser";
import type { CatalogIndex, PickList } from "../../src/picks/types";
import { validatePickList } from "../../src/picks/validate";

export const REPO = path.resolve(__dirname, "../..");
/** The seed notes: read them only inside test/support/seeds.ts's describeWithSeeds / itWithSeeds. */
export { SEEDS_DIR as SEEDS, HUAXIN_SEED, MINSHENG_SEED } from "../support/seeds";
export const CATALOG_DIR = path.join(REPO, "assets/catalog");
export const FIXTURES = path.join(REPO, "test/fixtures");

export function readText(file: string): string {
  return readFileSync(file, "utf8");
}

export function fixture(name: string): string {
  return readText(path.join(FIXTURES, name));
}

export function readJson(file: string): unknown {
  return JSON.parse(readText(file)) as unknown;
}

export function catalogIndex(): CatalogIndex {
  return readJson(path.join(CATALOG_DIR, "index.json")) as CatalogIndex;
}

export function catalogList(id: string): PickList {
  return readJson(path.join(CATALOG_DIR, `${id}.json`)) as PickList;
}

export function catalogFileNames(): string[] {
  return readdirSync(CATALOG_DIR).filter((f) => f.endsWith(".json")).sort();
}

export function listById(lists: readonly PickList[], id: string): PickList {
  const list = lists.find((l) => l.id === id);
  if (!list) throw new Error(`no list ${id} among ${lists.map((l) => l.id).join(", ")}`);
  return list;
}

export function rowByTicker(list: PickList, ticker: string): Record<string, unknown> {
  const row = list.rows.find((r) => r.ticker === ticker);
  if (!row) throw new Error(`no row ${ticker} in ${list.id}`);
  return row;
}

/**
 * What every parse must be, whatever the input: lists and problems in words, unique list ids, every list
 * valid as a pick list, every number finite. Shared by the importer fuzz suites (test/picks, test/robustness).
 */
export function expectWellFormedParse(result: ParseResult): void {
  expect(Array.isArray(result.lists)).toBe(true);
  expect(Array.isArray(result.problems)).toBe(true);
  for (const problem of result.problems) {
    expect(typeof problem.table).toBe("string");
    expect(typeof problem.reason).toBe("string");
    expect(problem.reason).not.toMatch(/^the importer failed/);
  }
  expect(new Set(result.lists.map((l) => l.id)).size).toBe(result.lists.length);
  for (const list of result.lists) {
    const checked = validatePickList(JSON.parse(JSON.stringify(list)));
    if (!checked.ok) throw new Error(`${list.id}: ${checked.errors.join("; ")}`);
    for (const row of list.rows) {
      for (const v of Object.values(row)) if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
    }
  }
}

/** Problems as words: where and the English reason (the code and its parameters are checked in test/picks/importer). */
export function problemWords(problems: readonly { table: string; reason: string }[]): { table: string; reason: string }[] {
  return problems.map(({ table, reason }) => ({ table, reason }));
}
