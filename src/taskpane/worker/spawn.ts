/**
 * Starts the import worker in the page. Only the page's entry (taskpane.ts) imports this file: webpack
 * turns `new Worker(new URL("./import.worker.ts", import.meta.url))` into the separate bundle
 * import-worker.js, which jest (CommonJS) could not load.
 */
import { createImportClient, type ImportClient } from "./client";

export function spawnImportClient(): ImportClient | null {
  if (typeof Worker === "undefined") return null;
  try {
    const worker = new Worker(/* webpackChunkName: "import-worker" */ new URL("./import.worker.ts", import.meta.url), { name: "aic-import" });
    return createImportClient(worker as unknown as Parameters<typeof createImportClient>[0]);
  } catch {
    return null; // no worker (blocked): the import tab parses on the page
  }
}
