/**
 * A tiny static server for dist/ on 127.0.0.1 and an ephemeral port, for the browser suite: the
 * production build as a deployment serves it, with the page's Content-Security-Policy as a header too
 * (the same policy as taskpane.html's meta, from src/taskpane/csp.ts). GET and HEAD only; no directory
 * listings; nothing outside dist/.
 */
import { createReadStream, existsSync, statSync } from "fs";
import http from "http";
import type { AddressInfo } from "net";
import path from "path";
import { basePolicy } from "../../src/taskpane/csp";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml; charset=utf-8",
};

export interface DistServer {
  origin: string;
  /** Every path requested, in order (for asserting what the page fetched). */
  requests: string[];
  close(): Promise<void>;
}

export async function serveDist(root: string): Promise<DistServer> {
  const dist = path.resolve(root);
  if (!existsSync(path.join(dist, "taskpane.html")))
    throw new Error(`${dist}/taskpane.html is missing: run \`npm run build\` first (npm test does)`);
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(url.pathname);
    const headers: Record<string, string> = {
      "Content-Security-Policy": basePolicy(),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    };
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, headers).end();
      return;
    }
    const file = path.join(dist, path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, ""));
    if (!file.startsWith(dist + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { ...headers, "Content-Type": "text/plain; charset=utf-8" }).end("not found");
      return;
    }
    res.writeHead(200, { ...headers, "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
