/**
 * The shipped import worker (dist/import-worker.js, which npm run bench builds) loaded into this process
 * and driven through its real protocol (src/taskpane/worker/protocol.ts): a `parse-text` request handed
 * to the worker's `onmessage`, its replies captured by `postMessage`. The worker answers a text request
 * synchronously, so a call measures the importer as it ships (minified, with its progress messages), in
 * process: no thread hop and no structured clone of the result, which the browser adds on top.
 */
import { existsSync, readFileSync } from "fs";
import path from "path";
import { runInThisContext } from "vm";
import type { ImportRequest, ImportResponse } from "../src/taskpane/worker/protocol";
import type { PasteOutcome } from "../src/taskpane/tabs/import/model";

export const IMPORT_WORKER_BUNDLE = path.resolve(__dirname, "..", "dist", "import-worker.js");

/** The worker's global scope as far as the bundle uses it for a text request. */
interface WorkerScope {
  onmessage: ((event: { data: ImportRequest }) => void) | null;
  postMessage(message: ImportResponse): void;
  location: { href: string };
}

export type ParseText = (text: string) => Extract<PasteOutcome, { kind: "lists" }>;

/**
 * Loads the bundle once with a minimal worker global (`self`, `location`, `importScripts` for webpack's
 * runtime, which reads them when it starts; they are removed again after) and returns a parse that
 * sends one request and returns the outcome of its `result` reply. Throws on an `error` reply, a
 * missing `result`, or an outcome that is not lists.
 */
export function loadImportWorker(): ParseText {
  if (!existsSync(IMPORT_WORKER_BUNDLE)) {
    throw new Error("dist/import-worker.js is missing: npm run bench builds it first (npm run build)");
  }
  const href = `file://${IMPORT_WORKER_BUNDLE}`;
  let replies: ImportResponse[] = [];
  const scope: WorkerScope = {
    onmessage: null,
    postMessage: (message) => void replies.push(message),
    location: { href },
  };
  const globals = globalThis as Record<string, unknown>;
  const names = ["self", "location", "importScripts"] as const;
  const saved = names.map((name) => [name, Object.getOwnPropertyDescriptor(globals, name)] as const);
  Object.assign(globals, {
    self: scope,
    location: href,
    importScripts: () => {
      throw new Error("the importer bench loads no chunk (PDF reading is not measured here)");
    },
  });
  try {
    runInThisContext(readFileSync(IMPORT_WORKER_BUNDLE, "utf8"), { filename: IMPORT_WORKER_BUNDLE });
  } finally {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(globals, name, descriptor);
      else delete globals[name];
    }
  }
  const onmessage = scope.onmessage;
  if (typeof onmessage !== "function") throw new Error("dist/import-worker.js did not set onmessage");

  let nextId = 1;
  return (text) => {
    const id = nextId++;
    replies = [];
    onmessage({ data: { id, kind: "parse-text", text } });
    const last = replies[replies.length - 1];
    if (last?.id !== id || last.kind !== "result") {
      throw new Error(`the import worker answered ${last ? (last.kind === "error" ? `an error: ${last.message}` : last.kind) : "nothing"}`);
    }
    if (last.outcome.kind !== "lists") throw new Error(`the import worker found no note (${last.outcome.kind})`);
    return last.outcome;
  };
}
