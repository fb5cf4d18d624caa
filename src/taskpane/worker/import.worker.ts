/**
 * The import worker (import-worker.js, bundled by webpack from `new Worker(new URL(...))` in
 * worker/spawn.ts): parses pasted notes off the page's main thread, so an 8,000-row paste never
 * freezes the pane. Allowed by the page's CSP as worker-src 'self'. Protocol: worker/protocol.ts.
 */
import { parseReport } from "../../picks/parser";
import { validatePickList } from "../../picks/validate";
import { handleImportRequest, type ImportRequest, type ImportResponse } from "./protocol";

const scope = self as unknown as { onmessage: ((e: MessageEvent<ImportRequest>) => void) | null; postMessage(m: ImportResponse): void };

scope.onmessage = (event) => handleImportRequest(event.data, { parseReport, validatePickList }, (response) => scope.postMessage(response));
