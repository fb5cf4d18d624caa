/**
 * The import worker's protocol (src/taskpane/worker): the worker-side handler and the page-side client,
 * joined by an in-process stand-in for a Worker. An 8,000-row paste (rows in the Huaxin note's
 * "重点关注公司及盈利预测" layout) comes back as one list of 8,000 rows, with progress that only moves forward.
 */
import { parseReport } from "../../src/picks/parser";
import { validatePickList } from "../../src/picks/validate";
import { createImportClient, type ImportProgress, type WorkerLike } from "../../src/taskpane/worker/client";
import { handleImportRequest, type ImportRequest, type ImportResponse } from "../../src/taskpane/worker/protocol";

/** A Worker stand-in: postMessage runs the handler on the next turn, answers arrive through onmessage. */
function inProcessWorker(): WorkerLike {
  const worker: WorkerLike = {
    onmessage: null,
    postMessage(request: ImportRequest) {
      setTimeout(() => handleImportRequest(request, { parseReport, validatePickList }, (response) => worker.onmessage?.({ data: response })), 0);
    },
  };
  return worker;
}

/** A note's table with `rows` rows: caption, the two-line header, rows of distinct tickers, the source line. */
export function bigNote(rows: number): string {
  const lines = ["重点关注公司及盈利预测", "", "公司代码\t名称\t2024-02-18 股价\tEPS\t\t\tPE\t\t\t投资评级", "\t\t\t2022\t2023E\t2024E\t2022\t2023E\t2024E\t"];
  for (let i = 0; i < rows; i++) {
    const code = String(600000 + i).padStart(6, "0");
    lines.push(`${code}.SH\t公司${i}\t${(10 + (i % 90)).toFixed(2)}\t0.57\t0.61\t0.70\t30\t28\t25\t买入`);
  }
  lines.push("", "资料来源: Wind, 华鑫证券研究");
  return lines.join("\n");
}

describe("import worker protocol", () => {
  it("parses an 8,000-row paste into one list of 8,000 rows, reporting progress in order", async () => {
    const client = createImportClient(inProcessWorker());
    const progress: ImportProgress[] = [];
    const outcome = await client.parseText(bigNote(8000), (p) => progress.push(p));
    expect(outcome.kind).toBe("lists");
    if (outcome.kind !== "lists") return;
    expect(outcome.lists).toHaveLength(1);
    expect(outcome.lists[0]!.rows).toHaveLength(8000);
    expect(outcome.lists[0]!.rows[7999]).toMatchObject({ ticker: "607999.SH", name: "公司7999" });
    // Reading in steps (8,000 lines / 500), then the parse, then the one list checked.
    const stages = progress.map((p) => p.stage);
    expect(stages.indexOf("parse")).toBeGreaterThan(10);
    expect(stages.lastIndexOf("read")).toBeLessThan(stages.indexOf("parse"));
    expect(progress.at(-1)).toEqual({ stage: "check", done: 1, total: 1 });
    const reads = progress.filter((p) => p.stage === "read").map((p) => p.done);
    expect(reads).toEqual([...reads].sort((a, b) => a - b));
    expect(reads.at(-1)).toBe(bigNote(8000).length);
  });

  it("answers each request by its id, and an unknown request kind with an error", async () => {
    const posted: ImportResponse[] = [];
    handleImportRequest({ id: 7, kind: "parse-pdf" } as unknown as ImportRequest, { parseReport, validatePickList }, (r) => posted.push(r));
    expect(posted).toEqual([{ id: 7, kind: "error", message: "unknown request kind parse-pdf" }]);
    const client = createImportClient(inProcessWorker());
    const [a, b] = await Promise.all([client.parseText(""), client.parseText("{ not json")]);
    expect(a).toEqual({ kind: "empty" });
    expect(b.kind).toBe("json-malformed");
  });

  it("fails every pending request when the worker errors", async () => {
    const worker: WorkerLike = { onmessage: null, onerror: null, postMessage: () => undefined };
    const client = createImportClient(worker);
    const pending = client.parseText("text");
    worker.onerror?.(new Event("error"));
    await expect(pending).rejects.toThrow("the import worker failed");
  });
});
