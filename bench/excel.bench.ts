/**
 * Inserting and refreshing pick lists of 20, 1,000 and 50,000 rows through src/excel, against the Excel
 * fake (test/support/excelFake.ts), which enforces load/sync and measures every request's payload.
 *
 * Per case: context.sync() calls, the largest and total request payload (Excel on the web refuses a
 * request over 5 MB), and time: all of it, and the part in our code, which is the total less the time
 * the fake spends queueing operations (it serialises each one to count its bytes, as Office.js would)
 * and applying them at sync (what Excel itself would do). The fake's proxy objects (Range, Table …) are
 * made by our calls and counted in ours, as Office.js's would be.
 *
 * Target: sync count flat as rows grow. A list that fits one request takes the same syncs whatever its
 * length; one that does not is cut into ≤ 4 MB requests, so each extra sync must carry a near-full one.
 */
import "../test/support/custom-functions-runtime";
import { performance } from "perf_hooks";
import { insertPickList } from "../src/excel/insert";
import { refreshTables, type RefreshReport } from "../src/excel/refresh";
import { DEFAULT_PAYLOAD_BUDGET_BYTES, EXCEL_REQUEST_PAYLOAD_LIMIT_BYTES } from "../src/excel/chunks";
import type { PickList } from "../src/picks/types";
import { FakeExcel } from "../test/support/excelFake";
import { benchList, revisedList } from "./lists";
import type { Section } from "./harness";

const SIZES = [20, 1_000, 50_000];

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
 * Bytes of the data each sync returns (range values, formulas and number formats, cell properties), as
 * JSON: Excel on the web caps a response at 5 MB as it caps a request, so a large read takes several
 * syncs. The fake does not count responses itself; its prototypes are wrapped once, here, to count them.
 */
let responseBytes = 0;
let responseCounting = false;
function countResponses(): void {
  if (responseCounting) return;
  responseCounting = true;
  const probe = new FakeExcel();
  const range = probe.requestContext.workbook.worksheets.getItem("Sheet1").getRange("A1");
  const rangeProto = Object.getPrototypeOf(range) as { snapshot: (property: string, sub?: string) => unknown };
  const snapshot = rangeProto.snapshot;
  rangeProto.snapshot = function (this: unknown, property: string, sub?: string): unknown {
    const value = snapshot.call(this, property, sub);
    if (property === "values" || property === "formulas" || property === "numberFormat") responseBytes += Buffer.byteLength(JSON.stringify(value));
    return value;
  };
  const resultProto = Object.getPrototypeOf(range.getCellProperties({ format: { font: { strikethrough: true } } })) as { set: (value: unknown) => void };
  const set = resultProto.set;
  resultProto.set = function (this: unknown, value: unknown): void {
    responseBytes += Buffer.byteLength(JSON.stringify(value));
    set.call(this, value);
  };
}

/**
 * A fake whose own work is timed: queueing (it serialises each operation to count its bytes) and sync
 * (it applies the queue, which is what Excel would do). Operations only run inside sync.
 */
function timedFake(): { fake: FakeExcel; fakeMs: () => number; responses: number[] } {
  countResponses();
  const fake = new FakeExcel();
  const responses: number[] = [];
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
    responseBytes = 0;
    try {
      await sync();
    } finally {
      responses.push(responseBytes);
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

async function insertRun(list: PickList): Promise<Run> {
  const timed = timedFake();
  const { fake } = timed;
  return measureRun(timed, async () => {
    const result = await insertPickList(fake.requestContext, list, { language: "zh" });
    if (result.rowCount !== list.rows.length) throw new Error(`insert wrote ${result.rowCount} of ${list.rows.length} rows`);
  });
}

async function refreshRun(list: PickList, next: PickList): Promise<Run> {
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

  for (const size of SIZES) {
    const list = benchList(size);
    const next = revisedList(list);
    const repeats = size >= 50_000 ? 3 : 7;
    const inserts: Run[] = [];
    const refreshes: Run[] = [];
    for (let k = 0; k < repeats; k++) inserts.push(await insertRun(list));
    for (let k = 0; k < repeats; k++) refreshes.push(await refreshRun(list, next));
    results.insert.set(size, inserts);
    results.refresh.set(size, refreshes);
  }

  for (const action of ["insert", "refresh"] as const) {
    const small = results[action].get(SIZES[0])![0];
    for (const size of SIZES) {
      const runs = results[action].get(size)!;
      const r = runs[0]; // syncs and bytes are the same in every run
      if (runs.some((x) => x.syncs !== r.syncs)) misses.push(`${action} of ${size} rows: sync count varies between runs`);
      // Flat: the same syncs as the smallest list, plus at most one per budget's worth of data beyond one
      // request and one response (what the 5 MB cap forces, with the 1 MB margin the add-in keeps). Reads
      // are sized from the first window's measured bytes with a further 10% margin (a response over 5 MB
      // fails in Excel on the web, and a row's size varies), so a read carries up to budget / 1.1; and a
      // refresh of a table too large for one response reads the empty rows its new rows need once the
      // table is planned, one sync more than a refresh that adds no rows.
      const budget = DEFAULT_PAYLOAD_BUDGET_BYTES;
      const READ_MARGIN = 1.1;
      const roomRead = action === "refresh" && r.totalResponseBytes > budget ? 1 : 0;
      const extraAllowed =
        Math.max(0, Math.ceil(r.totalRequestBytes / budget) - 1) +
        Math.max(0, Math.ceil((r.totalResponseBytes * READ_MARGIN) / budget) - 1) +
        roomRead;
      const flat = r.syncs <= small.syncs + extraAllowed;
      rows.push([
        action,
        size.toLocaleString("en-US"),
        String(r.syncs),
        String(small.syncs + extraAllowed),
        `${mb(r.maxRequestBytes)} / ${mb(r.totalRequestBytes)}`,
        `${mb(r.maxResponseBytes)} / ${mb(r.totalResponseBytes)}`,
        ms(median(runs, (x) => x.oursMs)),
        ms(median(runs, (x) => x.totalMs)),
        flat ? "yes" : "NO",
      ]);
      if (r.maxRequestBytes >= EXCEL_REQUEST_PAYLOAD_LIMIT_BYTES || r.maxResponseBytes >= EXCEL_REQUEST_PAYLOAD_LIMIT_BYTES) {
        misses.push(`${action} of ${size} rows: a request of ${r.maxRequestBytes} bytes or a response of ${r.maxResponseBytes} (Excel on the web refuses over 5 MB)`);
      }
      if (!flat) {
        misses.push(
          `${action} of ${size.toLocaleString("en-US")} rows: ${r.syncs} syncs against ${small.syncs} for ${SIZES[0]} rows, more than the ${extraAllowed} extra that ${mb(r.totalRequestBytes)} of requests and ${mb(r.totalResponseBytes)} of responses need in 4 MB steps; ${r.smallReads} of its syncs read less than 2 MB`,
        );
      }
    }
  }

  return {
    title: "Inserting and refreshing pick lists (src/excel)",
    note: [
      "Through src/excel against the Excel fake, which queues operations, applies them at context.sync() and measures each request's payload as UTF-8 JSON (Excel on the web refuses a request over 5 MB).",
      "Lists: the columns of Huaxin's 重点关注公司及盈利预测 (10 data columns, plus 3 live P/E formula columns on the sheet) with its rows cycled and distinct tickers.",
      "Refresh: the list inserted, then refreshed from a revision with one row in 50 re-rated, one in 50 with a new 2024E EPS, two rows dropped and two added.",
      "“ours” is the wall time less the time the fake spends serialising queued operations and applying them (Office.js's and Excel's share); “all” includes the fake. Median of 7 runs (3 at 50,000 rows).",
      "Responses (what each sync returns: values, formulas, number formats, cell properties) are counted as JSON by the bench, as the fake counts requests; Excel on the web caps both at 5 MB.",
      "Flat: no more syncs than the 20-row list's, plus one per further 4 MB of requests and one per further 4 MB of responses (what the 5 MB cap forces, with the 1 MB margin the add-in keeps).",
    ].join(" "),
    header: ["action", "rows", "syncs", "flat allows", "requests: largest / all", "responses: largest / all", "ours", "all", "flat"],
    rows,
    misses,
  };
}
