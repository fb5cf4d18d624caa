/**
 * The report importer on each seed note, and a 50,000-row feed read and validated as JSON and as CSV:
 * the work the taskpane does when an analyst pastes a note, and a refresh does when a feed answers.
 */
import { existsSync, readdirSync, readFileSync } from "fs";
import path from "path";
import { performance } from "perf_hooks";
import { parseReport } from "../src/picks/parser";
import { parseFeedText, type CsvDefaults } from "../src/picks/feed";
import type { PickList } from "../src/picks/types";
import { benchList } from "./lists";
import type { Section } from "./harness";

const REPO = path.resolve(__dirname, "..");
const SEEDS = path.resolve(REPO, "../shared/seeds");
const FIXTURES = path.join(REPO, "test/fixtures");
const FEED_ROWS = 50_000;

/** Median milliseconds of `runs` calls of `op` (after one warm-up call), and the last result. */
function timed<T>(op: () => T, runs: number): { ms: number; result: T } {
  let result = op();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = op();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)], result };
}

const ms = (t: number): string => (t >= 100 ? `${t.toFixed(0)} ms` : `${t.toFixed(2)} ms`);

/** The seed notes when the shared folder is there (a clean clone may not have it), else the excerpts. */
function notes(): { files: string[]; from: string } {
  if (existsSync(SEEDS)) {
    const files = readdirSync(SEEDS).filter((f) => f.endsWith(".txt")).sort();
    if (files.length > 0) return { files: files.map((f) => path.join(SEEDS, f)), from: "the seed notes (../shared/seeds)" };
  }
  const files = ["huaxin-excerpt.txt", "minsheng-excerpt.txt"].map((f) => path.join(FIXTURES, f));
  return { files, from: "the seed excerpts in test/fixtures (../shared/seeds is not present)" };
}

/** The list as a CSV a spreadsheet would export: a header row of the column labels, then the rows. */
function toCsv(list: PickList): string {
  const quote = (v: unknown): string => {
    const text = v === null || v === undefined ? "" : String(v);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const header = list.columns.map((c) => quote(c.label.zh));
  const rows = list.rows.map((row) => list.columns.map((c) => quote(row[c.key])).join(","));
  return [header.join(","), ...rows].join("\n") + "\n";
}

export function picksBench(): Section {
  const rows: string[][] = [];
  const misses: string[] = [];
  const { files, from } = notes();
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const { ms: t, result } = timed(() => parseReport(text), 20);
    const listRows = result.lists.reduce((n, l) => n + l.rows.length, 0);
    rows.push([
      `import ${path.basename(file)} (${text.length.toLocaleString("en-US")} chars)`,
      ms(t),
      `${result.lists.length} lists, ${listRows} rows, ${result.problems.length} problems reported`,
    ]);
    if (result.lists.length === 0) misses.push(`the importer found no list in ${path.basename(file)}`);
  }

  const list = benchList(FEED_ROWS);
  const defaults: CsvDefaults = { listId: "bench-feed", name: "Bench feed", reportDate: "2024-02-25", url: "https://example.com/feed.csv" };
  const feeds: Array<[string, string]> = [
    ["JSON", JSON.stringify(list)],
    ["CSV", toCsv(list)],
  ];
  for (const [format, text] of feeds) {
    const { ms: t, result } = timed(() => parseFeedText(text, undefined, defaults), 5);
    const ok = result.ok && "list" in result && result.list.rows.length === FEED_ROWS;
    rows.push([
      `read and validate a ${FEED_ROWS.toLocaleString("en-US")}-row ${format} feed (${(text.length / 1e6).toFixed(1)} MB)`,
      ms(t),
      ok ? `valid, ${Math.round((FEED_ROWS / t) * 1000).toLocaleString("en-US")} rows/s` : `FAILED: ${result.ok ? "wrong row count" : result.errors.slice(0, 2).join("; ")}`,
    ]);
    if (!ok) misses.push(`the ${format} feed of ${FEED_ROWS} rows did not read back as a valid list`);
  }

  return {
    title: "Report importer and feed validation",
    note: [
      `The importer (src/picks/parser.ts) on ${from}, median of 20 runs; and a ${FEED_ROWS.toLocaleString("en-US")}-row feed in the Huaxin columns read by src/picks/feed.ts: JSON (parse, schema, semantic checks) and CSV (tokenise, recognise headers, parse every cell strictly, then the same validator), median of 5 runs.`,
      "Target: each produces its lists (a correctness check, not a speed limit).",
    ].join(" "),
    header: ["work", "time", "result"],
    rows,
    misses,
  };
}
