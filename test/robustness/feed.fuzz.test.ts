/**
 * The feed reader (src/picks/feed.ts, CSV and JSON) and the pick-list validator (src/picks/validate.ts)
 * on mangled versions of the seed tables: Huaxin's 重点关注公司及盈利预测 and Minsheng's 表3, 表4, 表5 and a
 * themed list, as the bundled catalog transcribes them (assets/catalog), written out as a colleague's
 * CSV export or as the feed's JSON. Whatever the damage, each call returns within a second either a list
 * that passes the validator (every cell text, a finite number or null) or errors in words; it never
 * throws and never hangs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { parseFeedText, readJsonFeed, type CsvDefaults, type FeedParseResult } from "../../src/picks/feed";
import { validateCatalogIndex, validatePickList } from "../../src/picks/validate";
import type { PickList } from "../../src/picks/types";
import { applyMangles, HUGE, mangles, STRAY, withinTime } from "./mangle";

/** Runs per property; docs/robustness.md reports the totals. */
export const RUNS = { csv: 400, csvShuffle: 100, jsonText: 300, jsonTree: 400 } as const;
const HANG_MS = 1_000;

const CATALOG = path.resolve(__dirname, "../../assets/catalog");
const SEED_TABLES = [
  "huaxin-2024-02-18-focus",
  "minsheng-2024-02-25-table3-gainers",
  "minsheng-2024-02-25-table4-losers",
  "minsheng-2024-02-25-table5-focus",
  "huaxin-2024-02-18-theme-optical-modules",
];
const list = (id: string): PickList => JSON.parse(fs.readFileSync(path.join(CATALOG, `${id}.json`), "utf8")) as PickList;
const DEFAULTS: CsvDefaults = { listId: "feed-fuzz", name: "fuzz", reportDate: "2024-02-25", url: "https://feeds.example.com/fuzz.csv" };

/** A list as a spreadsheet exports it: the header labels (zh or en) and the cells as printed. */
function toCsv(l: PickList, language: "zh" | "en", delimiter: string): string {
  const quote = (v: unknown): string => {
    const text = v === null || v === undefined ? "" : String(v);
    return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const header = l.columns.map((c) => quote(c.label[language]));
  return [header.join(delimiter), ...l.rows.map((row) => l.columns.map((c) => quote(row[c.key])).join(delimiter))].join("\n");
}

const isCell = (v: unknown): boolean => v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v));

/** A list or errors in words: never anything else. */
function expectWellFormed(result: FeedParseResult): void {
  expect(typeof result.ok).toBe("boolean");
  if (!result.ok) {
    expect(Array.isArray(result.errors)).toBe(true);
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors.length).toBeLessThanOrEqual(51);
    for (const e of result.errors) {
      expect(typeof e).toBe("string");
      expect(e.trim()).not.toBe("");
    }
    return;
  }
  if (result.format === "index") {
    expect(validateCatalogIndex(JSON.parse(JSON.stringify(result.index))).ok).toBe(true);
    return;
  }
  const checked = validatePickList(JSON.parse(JSON.stringify(result.list)));
  if (!checked.ok) throw new Error(`a list the reader accepted fails the validator: ${checked.errors.slice(0, 3).join("; ")}`);
  for (const row of result.list.rows) for (const v of Object.values(row)) expect(isCell(v)).toBe(true);
}

const read = (text: string): FeedParseResult => withinTime(HANG_MS, "parseFeedText", () => parseFeedText(text, undefined, DEFAULTS));

describe("CSV feeds made from the seed tables", () => {
  test("as exported, every seed table reads back as a list (the baseline the mangling starts from)", () => {
    for (const id of SEED_TABLES) {
      for (const [language, delimiter] of [["zh", ","], ["en", "\t"]] as const) {
        const result = read(toCsv(list(id), language, delimiter));
        if (!result.ok) throw new Error(`${id} (${language}): ${result.errors.join("; ")}`);
        expect(result.ok && result.format === "csv" && result.list.rows.length).toBe(list(id).rows.length);
      }
    }
  });

  test("mangled (lines cut, deleted, doubled, swapped; stray characters; full-width digits; huge numbers; long lines; shuffled columns): a list or errors, within a second", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEED_TABLES), fc.constantFrom("zh" as const, "en" as const), fc.constantFrom(",", "\t"), mangles, (id, language, delimiter, edits) => {
        expectWellFormed(read(applyMangles(toCsv(list(id), language, delimiter), edits, delimiter)));
      }),
      { numRuns: RUNS.csv },
    );
  });

  test("columns in any order read as the same rows: cells are placed by header, not by position", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEED_TABLES), fc.nat(), (id, seed) => {
        const csv = toCsv(list(id), "zh", ",");
        const original = read(csv);
        const shuffled = read(applyMangles(csv, [{ kind: "shuffleColumns", seed, everyLine: true }], ","));
        if (!original.ok || !shuffled.ok || original.format !== "csv" || shuffled.format !== "csv") throw new Error("the seed CSV must read");
        expect(shuffled.list.rows).toEqual(original.list.rows);
      }),
      { numRuns: RUNS.csvShuffle },
    );
  });

  test("huge and not-quite numbers in a number column are errors naming the row and column, never Infinity or a wrong number", () => {
    const header = "代码,名称,股价";
    for (const bad of HUGE) {
      const result = read(`${header}\n000977.SZ,浪潮信息,${bad.includes(",") ? `"${bad}"` : bad}\n`);
      if (result.ok && result.format === "csv") {
        // Accepted only as the number it really is.
        const price = result.list.rows[0].price as number;
        expect(Number.isFinite(price)).toBe(true);
        expect(["1e308", "-1e308", "1e-400", "１２３．４５", "1,000,000,000,000,000,000,000"]).toContain(bad);
      } else {
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.errors[0]).toMatch(/^row 1, column 股价: /);
      }
    }
  });
});

describe("large and long CSV feeds (found here, fixed in src/picks/csv.ts and feed.ts)", () => {
  test("rows past the 100,000 cap stop the reading there (it read every row first: 20 MB of empty rows took 8 s and 2.7 GB)", () => {
    const result = read(`代码\n${"1\n".repeat(1_000_000)}`);
    expect(result).toEqual({ ok: false, format: "csv", errors: ["more than 100000 rows: the feed was not read past row 100000"] });
  });

  test("a row of more fields than a worksheet has columns stops the reading (20 MB of commas ran out of memory)", () => {
    expect(read(`代码,${",".repeat(2_000_000)}`)).toEqual({ ok: false, format: "csv", errors: ["header: more than 16384 fields (a worksheet's columns)"] });
    expect(read(`代码,名称\n${",".repeat(2_000_000)}`)).toEqual({ ok: false, format: "csv", errors: ["row 1: more than 16384 fields (a worksheet's columns)"] });
  });

  test("a multi-megabyte quoted field is read in one piece (it was built a character at a time: seconds, and a gigabyte for 20 MB)", () => {
    const note = `"${'说明, ""引号"" '.repeat(200_000)}"`; // 2.2 million characters, quotes doubled as CSV writes them
    const result = read(`代码,名称,备注\n000977.SZ,浪潮信息,${note}\n`);
    // Read whole and then refused by the pick-list schema's 1,000-character cap on a cell, in words.
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual(['row 1, column "col_3": must NOT have more than 1000 characters']);
    const fits = read(`代码,名称,备注\n000977.SZ,浪潮信息,"${'a ""b"", '.repeat(100)}"\n`);
    expect(fits.ok && fits.format === "csv" && fits.list.rows[0].col_3).toBe('a "b", '.repeat(100).trim()); // cells are trimmed
  });

  test("an error quotes at most 60 characters of a cell, so a 1 MB cell gives a readable line (it quoted all of it)", () => {
    const result = read(`代码,名称,股价\n000977.SZ,浪潮信息,${"9x".repeat(500_000)}\n`);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatch(/^row 1, column 股价: "(9x){28}9…" is not a number$/);
    }
  });
});

describe("JSON feeds made from the seed tables", () => {
  const jsonText = (id: string): string => JSON.stringify(list(id), null, 2);

  test("mangled as text (cut short, stray characters, huge numbers, long lines): a list or errors, within a second", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEED_TABLES, "index"), mangles, (id, edits) => {
        const text = id === "index" ? fs.readFileSync(path.join(CATALOG, "index.json"), "utf8") : jsonText(id);
        expectWellFormed(read(applyMangles(text, edits, ",")));
      }),
      { numRuns: RUNS.jsonText },
    );
  });

  /** Anything a JSON document (or a careless caller) can put in a field, and a few things JSON cannot. */
  const junk: fc.Arbitrary<unknown> = fc.oneof(
    fc.constantFrom(null, true, false, 0, -0, -1, 1e308, -1e308, 5e-324, NaN, Infinity, -Infinity, undefined, "", "x".repeat(100_000)),
    fc.constantFrom(...STRAY, ...HUGE),
    fc.string({ maxLength: 20 }),
    fc.double(),
    fc.constantFrom([], {}, [[]], [null], { format: "aic-picklist" }, { __proto__: { polluted: true } }),
    fc.constantFrom(Array.from({ length: 5_000 }, (_, i) => i)),
  );

  type Edit = { path: number[]; action: "set" | "delete" | "addKey" | "wrap"; value: unknown; key: string };
  const edit: fc.Arbitrary<Edit> = fc.record({
    path: fc.array(fc.nat(), { minLength: 0, maxLength: 5 }),
    action: fc.constantFrom("set", "delete", "addKey", "wrap"),
    value: junk,
    key: fc.constantFrom("format", "version", "id", "title", "source", "columns", "rows", "ticker", "price", "kind", "key", "label", "year", "estimate", "extra", "__proto__", "constructor"),
  });

  /** Applies an edit at the node reached by following child indexes (modulo the node's children). */
  function applyEdit(doc: unknown, e: Edit): unknown {
    if (e.path.length === 0 && e.action === "set") return e.value;
    let node: unknown = doc;
    for (const step of e.path) {
      if (typeof node !== "object" || node === null) break;
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const child = (node as Record<string, unknown>)[keys[step % keys.length]];
      if (typeof child !== "object" || child === null) break;
      node = child;
    }
    if (typeof node !== "object" || node === null) return doc;
    const record = node as Record<string, unknown>;
    const keys = Object.keys(record);
    const target = keys.length > 0 ? keys[(e.path[e.path.length - 1] ?? 0) % keys.length] : e.key;
    if (e.action === "set") record[target] = e.value;
    else if (e.action === "delete") delete record[target];
    else if (e.action === "addKey") Object.defineProperty(record, e.key, { value: e.value, enumerable: true, configurable: true, writable: true });
    else {
      let wrapped: unknown = record[target];
      for (let i = 0; i < 2_000; i++) wrapped = [wrapped];
      record[target] = wrapped;
    }
    return doc;
  }

  test("any field changed, deleted, added or buried 2,000 arrays deep (as parsed JSON and as values JSON cannot hold): validated, never thrown", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEED_TABLES, "index"), fc.array(edit, { minLength: 1, maxLength: 4 }), (id, edits) => {
        const original = id === "index" ? JSON.parse(fs.readFileSync(path.join(CATALOG, "index.json"), "utf8")) : list(id);
        const doc = edits.reduce(applyEdit, original as unknown);
        const result = withinTime(HANG_MS, "readJsonFeed", () => readJsonFeed(doc));
        expect(typeof result.ok).toBe("boolean");
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const e of result.errors) expect(typeof e).toBe("string");
        } else if (result.format !== "index") {
          for (const row of result.list.rows) for (const v of Object.values(row)) expect(isCell(v)).toBe(true);
        }
        // The validator alone, too: what refresh calls on every fetched list.
        const checked = withinTime(HANG_MS, "validatePickList", () => validatePickList(doc));
        if (checked.ok) for (const row of checked.list.rows) for (const v of Object.values(row)) expect(isCell(v)).toBe(true);
      }),
      { numRuns: RUNS.jsonTree },
    );
  });
});
