/**
 * The page's side of the import worker: parseText sends a request and settles with its result, calling
 * onProgress for each progress message. Any object with postMessage/onmessage will do (a Worker in the
 * page; an in-process stand-in in the tests), so the import tab never knows which.
 */
import type { PasteOutcome } from "../tabs/import/model";
import type { ImportRequest, ImportResponse, ImportStage } from "./protocol";
import type { ParseOptions } from "../../picks/importer/parse";

export interface WorkerLike {
  postMessage(message: ImportRequest, transfer?: Transferable[]): void;
  onmessage: ((event: { data: ImportResponse }) => void) | null;
  onerror?: ((event: unknown) => void) | null;
}

export interface ImportProgress {
  stage: ImportStage;
  done: number;
  total: number;
}

export interface ImportClient {
  parseText(text: string, onProgress?: (progress: ImportProgress) => void, options?: ParseOptions): Promise<PasteOutcome>;
  /** A PDF's bytes (handed over to the worker: the buffer is empty afterwards) and its file name. */
  parsePdf?(bytes: ArrayBuffer, fileName: string, onProgress?: (progress: ImportProgress) => void, options?: ParseOptions): Promise<PasteOutcome>;
}

export function createImportClient(worker: WorkerLike): ImportClient {
  let nextId = 1;
  const pending = new Map<number, { resolve(o: PasteOutcome): void; reject(e: Error): void; onProgress?: (p: ImportProgress) => void }>();
  worker.onmessage = (event) => {
    const message = event.data;
    const waiting = pending.get(message.id);
    if (!waiting) return;
    if (message.kind === "progress") waiting.onProgress?.({ stage: message.stage, done: message.done, total: message.total });
    else {
      pending.delete(message.id);
      if (message.kind === "result") waiting.resolve(message.outcome);
      else waiting.reject(new Error(message.message));
    }
  };
  worker.onerror = () => {
    // The worker could not start or crashed: every request fails (the tab then parses on the page).
    for (const waiting of pending.values()) waiting.reject(new Error("the import worker failed"));
    pending.clear();
  };
  return {
    parseText(text, onProgress, options) {
      const id = nextId++;
      return new Promise<PasteOutcome>((resolve, reject) => {
        pending.set(id, { resolve, reject, onProgress });
        worker.postMessage(options ? { id, kind: "parse-text", text, options } : { id, kind: "parse-text", text });
      });
    },
    parsePdf(bytes, fileName, onProgress, options) {
      const id = nextId++;
      return new Promise<PasteOutcome>((resolve, reject) => {
        pending.set(id, { resolve, reject, onProgress });
        worker.postMessage(options ? { id, kind: "parse-pdf", bytes, fileName, options } : { id, kind: "parse-pdf", bytes, fileName }, [bytes]);
      });
    },
  };
}
