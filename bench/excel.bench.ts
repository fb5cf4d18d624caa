/**
 * Inserting and refreshing pick lists of 20, 1,000 and 50,000 rows with src/excel's insert and refresh as
 * the production build compiles them (productionExcel below), against the Excel fake
 * (test/support/excelFake.ts), which enforces load/sync and counts every request's and every response's
 * bytes (UTF-8 JSON, as Office.js sends them).
 *
 * Per case: context.sync() calls, requests and responses (largest / all), and time: all of it, and the
 * part in our code (the total less the time the fake spends queueing and applying operations).
 *
 * Targets, fixed (never derived from what the code sent), from the minimum possible:
 * - insert: ≤ 4 syncs (1 to read names, the rows in ≤ 4 MB requests: 2 at 50,000 rows, 1 for the record),
 *   and requests ≤ 1.3 × the JSON bytes of the list's values (the least any insert must send); a list
 *   shorter than 50,000 rows may add 16 kB for the sheet's frame (metadata, headers, rules, record), which
 *   does not grow with the rows;
 * - refresh with revisedList: ≤ 5 syncs, responses ≤ 10 MB in all (the list's own cells are about 4 MB at
 *   50,000 rows), requests ≤ 0.5 MB in all (the changed cells, the status of the rows whose status changes,
 *   the log, the record and the base's overlay);
 * - every request and every response under 5 MB (Excel on the web refuses more in either direction).
 */
import "../test/support/custom-functions-runtime";
import { rmSync } from "fs";
import os from "os";
import path from "path";
import { performance } from "perf_hooks";
import webpack from "webpack";
import type { insertPickList } from "../src/excel/insert";
import type { refreshTables, RefreshReport } from "../src/excel/refresh";
import { DEFAULT_PAYLOAD_BUDGET_BYTES, EXCEL_REQUEST_PAYLOAD_LIMIT_BYTES } from "../src/excel/chunks";
import type { PickList } from "../src/picks/types";
import { FakeExcel } from "../test/support/excelFake";
import { benchList, revisedList } from "./lists";
import type { Section } from "./harness";

const SIZES = [20, 1_000, 50_000];

interface ExcelCode {
  insertPickList: typeof insertPickList;
  refreshTables: typeof refreshTables;
}

/**
 * src/excel/insert.ts and refresh.ts compiled as taskpane.js is: webpack in production mode with
 * webpack.config.js's resolve and loaders (ts-loader) and webpack's default production optimisation
 * (tree shaking, scope hoisting, terser), each emitted as a CommonJS library into a temporary directory,
 * never into dist/ (nothing more ships). taskpane.js itself exports nothing a bench could call, so this is
 * the same source through the same toolchain, compiled on its own.
 */
async function productionExcel(): Promise<ExcelCode> {
  const root = path.resolve(__dirname, "..");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const appConfig = require(path.join(root, "webpack.config.js")) as (env: unknown, options: { mode: string }) => Promise<webpack.Configuration>;
  const app = await appConfig({}, { mode: "production" });
  const out = path.join(os.tmpdir(), `aic-bench-excel-${process.pid}`);
  const library = { type: "commonjs2" } as const;
  const config: webpack.Configuration = {
    mode: "production",
    context: root,
    entry: { insert: { import: "./src/excel/insert.ts", library }, refresh: { import: "./src/excel/refresh.ts", library } },
    output: { path: out, filename: "[name].js", clean: true },
    resolve: app.resolve,
    module: app.module,
    devtool: false,
    performance: { hints: false },
  };
  const stats = await new Promise<webpack.Stats>((resolve, reject) => webpack(config, (err, s) => (err || !s ? reject(err) : resolve(s))));
  if (stats.hasErrors()) throw new Error(`the production build of src/excel failed:\n${stats.toString({ all: false, errors: true })}`);
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { insertPickList } = require(path.join(out, "insert.js")) as Pick<ExcelCode, "insertPickList">;
  const { refreshTables } = require(path.join(out, "refresh.js")) as Pick<ExcelCode, "refreshTables">;
  /* eslint-enable @typescript-eslint/no-require-imports */
  rmSync(out, { recursive: true, force: true }); // loaded: the files are no longer needed
  if (typeof insertPickList !== "function" || typeof refreshTables !== "function") throw new Error("the production build of src/excel does not export insertPickList and refreshTables");
  return { insertPickList, refreshTables };
}

interface Run {
  syncs: number;
  maxRequestBytes: number;
  totalRequestBytes: number;
  /** What the syncs returned (see countResponses). */
  maxResponseBytes: number;
  totalResponseBytes: number;
  /** Syncs that read (a response over 1 kB) less than half of what one response may carry. */
  smallReads: number;
  totalMs: number;
  oursMs: number;
}

/**
 * A fake whose own work is timed: queueing (it serialises each operation to count its bytes) and sync
 * (it applies the queue, which is what Excel would do). Operations only run inside sync.
 */
function timedFake(): { fake: FakeExcel; fakeMs: () => number; responses: number[] } {
  const fake = new FakeExcel();
  const responses = fake.syncResponseBytes;
  let spent = 0;
  const enqueue = fake.enqueue.bind(fake);
  fake.enqueue = (kind, data, run) => {
    const t0 = performance.now();
    enqueue(kind, data, run);
    spent += performance.now() - t0;
  };
  const sync = fake.sync.bind(fake);
  fake.sync = async () => {
    const t0 = performance.now();
    try {
      await sync();
    } finally {
      spent += performance.now() - t0;
    }
  };
  return { fake, fakeMs: () => spent, responses };
}

async function measureRun(timed: ReturnType<typeof timedFake>, action: () => Promise<unknown>): Promise<Run> {
  const { fake, fakeMs, responses } = timed;
  const syncsBefore = fake.syncPayloadBytes.length;
  const fakeBefore = fakeMs();
  const t0 = performance.now();
  await action();
  const totalMs = performance.now() - t0;
  const requests = fake.syncPayloadBytes.slice(syncsBefore);
  const answers = responses.slice(syncsBefore);
  return {
    syncs: requests.length,
    maxRequestBytes: Math.max(...requests),
    totalRequestBytes: requests.reduce((a, b) => a + b, 0),
    maxResponseBytes: Math.max(...answers),
    totalResponseBytes: answers.reduce((a, b) => a + b, 0),
    smallReads: answers.filter((b) => b > 1_000 && b < DEFAULT_PAYLOAD_BUDGET_BYTES / 2).length,
    totalMs,
    oursMs: totalMs - (fakeMs() - fakeBefore),
  };
}

/** JSON bytes (UTF-8) of the list's values as an insert writes them: one array per row, in column order. */
function valuesJsonBytes(list: PickList): number {
  return Buffer.byteLength(JSON.stringify(list.rows.map((row) => list.columns.map((c) => row[c.key] ?? ""))), "utf8");
}

async function insertRun({ insertPickList }: ExcelCode, list: PickList): Promise<Run> {
  const timed = timedFake();
  const { fake } = timed;
  return measureRun(timed, async () => {
    const result = await insertPickList(fake.requestContext, list, { language: "zh" });
    if (result.rowCount !== list.rows.length) throw new Error(`insert wrote ${result.rowCount} of ${list.rows.length} rows`);
  });
}

async function refreshRun({ insertPickList, refreshTables }: ExcelCode, list: PickList, next: PickList): Promise<Run> {
  const timed = timedFake();
  const { fake } = timed;
  await insertPickList(fake.requestContext, list, { language: "zh" });
  let report: RefreshReport | undefined;
  const run = await measureRun(timed, async () => {
    report = await refreshTables(fake.requestContext, "all", async () => next);
  });
  const outcome = report?.outcomes[0];
  if (outcome?.status !== "refreshed") throw new Error(`refresh of ${list.rows.length} rows failed: ${outcome?.error ?? report?.error}`);
  return run;
}

function median(runs: Run[], pick: (r: Run) => number): number {
  const xs = runs.map(pick).sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)];
}

const mb = (bytes: number): string => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${(bytes / 1e3).toFixed(1)} kB`);
const ms = (t: number): string => (t >= 100 ? `${t.toFixed(0)} ms` : `${t.toFixed(1)} ms`);

export async function excelBench(): Promise<Section> {
  const rows: string[][] = [];
  const misses: string[] = [];
  const results: Record<"insert" | "refresh", Map<number, Run[]>> = { insert: new Map(), refresh: new Map() };
  const code = await productionExcel();

  for (const size of SIZES) {
    const list = benchList(size);
    const next = revisedList(list);
    const repeats = size >= 50_000 ? 3 : 7;
    const inserts: Run[] = [];
    const refreshes: Run[] = [];
    for (let k = 0; k < repeats; k++) inserts.push(await insertRun(code, list));
    for (let k = 0; k < repeats; k++) refreshes.push(await refreshRun(code, list, next));
    results.insert.set(size, inserts);
    results.refresh.set(size, refreshes);
  }

  const MB = 1_000_000;
  // What every insert sends whatever its length: the metadata block, the header row, the live P/E
  // highlight rules, the workbook record (about 10 kB for the Huaxin columns). Allowed on top of 1.3 × the
  // values for the short lists; the 50,000-row insert is held to 1.3 × its values alone, as the issue asks.
  const FRAME_BYTES = 16_000;
  for (const action of ["insert", "refresh"] as const) {
    for (const size of SIZES) {
      const runs = results[action].get(size)!;
      const r = runs[0]; // syncs and bytes are the same in every run
      if (runs.some((x) => x.syncs !== r.syncs)) misses.push(`${action} of ${size} rows: sync count varies between runs`);
      const values = valuesJsonBytes(benchList(size));
      const targets =
        action === "insert"
          ? { syncs: 4, requests: size >= 50_000 ? 1.3 * values : 1.3 * values + FRAME_BYTES, responses: Infinity }
          : { syncs: 5, requests: 0.5 * MB, responses: 10 * MB };
      const held = r.syncs <= targets.syncs && r.totalRequestBytes <= targets.requests && r.totalResponseBytes <= targets.responses;
      rows.push([
        action,
        size.toLocaleString("en-US"),
        `${r.syncs} (≤ ${targets.syncs})`,
        `${mb(r.maxRequestBytes)} / ${mb(r.totalRequestBytes)} (≤ ${mb(targets.requests)})`,
        `${mb(r.maxResponseBytes)} / ${mb(r.totalResponseBytes)}${Number.isFinite(targets.responses) ? ` (≤ ${mb(targets.responses)})` : ""}`,
        mb(values),
        ms(median(runs, (x) => x.oursMs)),
        ms(median(runs, (x) => x.totalMs)),
        held ? "yes" : "NO",
      ]);
      if (r.maxRequestBytes >= EXCEL_REQUEST_PAYLOAD_LIMIT_BYTES || r.maxResponseBytes >= EXCEL_REQUEST_PAYLOAD_LIMIT_BYTES) {
        misses.push(`${action} of ${size} rows: a request of ${r.maxRequestBytes} bytes or a response of ${r.maxResponseBytes} (Excel on the web refuses over 5 MB)`);
      }
      if (r.syncs > targets.syncs) misses.push(`${action} of ${size.toLocaleString("en-US")} rows: ${r.syncs} syncs, target ≤ ${targets.syncs}`);
      if (r.totalRequestBytes > targets.requests) misses.push(`${action} of ${size.toLocaleString("en-US")} rows: ${mb(r.totalRequestBytes)} sent, target ≤ ${mb(targets.requests)} (values ${mb(values)})`);
      if (r.totalResponseBytes > targets.responses) misses.push(`${action} of ${size.toLocaleString("en-US")} rows: ${mb(r.totalResponseBytes)} read, target ≤ ${mb(targets.responses)}`);
    }
  }

  return {
    title: "Inserting and refreshing pick lists (src/excel)",
    note: [
      "Measured on src/excel's insert and refresh as the production build compiles them: webpack in production mode with webpack.config.js's resolve and ts-loader and the default minifier (terser), as for taskpane.js, built for this bench as CommonJS libraries in a temporary directory (taskpane.js exports nothing to call; nothing more ships).",
      "Against the Excel fake, which queues operations, applies them at context.sync() and measures each request's payload as UTF-8 JSON (Excel on the web refuses a request over 5 MB).",
      "Lists: the columns of Huaxin's 重点关注公司及盈利预测 (10 data columns, plus 3 live P/E formula columns on the sheet) with its rows cycled and distinct tickers.",
      "Refresh: the list inserted, then refreshed from a revision with one row in 50 re-rated, one in 50 with a new 2024E EPS, two rows dropped and two added.",
      "“ours” is the wall time less the time the fake spends serialising queued operations and applying them (Office.js's and Excel's share); “all” includes the fake. Median of 7 runs (3 at 50,000 rows).",
      "Responses (what each sync returns: values, formulas, number formats, cell properties, custom XML) are counted by the fake as it counts requests; Excel on the web caps both at 5 MB.",
      "Targets (fixed): insert ≤ 4 syncs and ≤ 1.3 × the JSON bytes of the list's values (“values”), plus 16 kB for the sheet's fixed frame below 50,000 rows; refresh ≤ 5 syncs, ≤ 10 MB read, ≤ 0.5 MB written; every request and response < 5 MB.",
    ].join(" "),
    header: ["action", "rows", "syncs (target)", "requests: largest / all (target)", "responses: largest / all (target)", "values", "ours", "all", "met"],
    rows,
    misses,
  };
}
