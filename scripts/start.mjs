#!/usr/bin/env node
/**
 * npm start: build, serve over https on localhost:3000, and sideload into Excel.
 * - Windows / macOS (desktop Excel exists): office-addin-debugging starts the dev server (npm run
 *   dev-server) and sideloads manifest.xml into Excel, which opens with the add-in loaded.
 * - Linux (no desktop Excel): serves the add-in over https with a trusted localhost certificate when
 *   office-addin-dev-certs can install one, and prints how to sideload into Excel on the web.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

const port = process.env.npm_package_config_dev_server_port || "3000";
const bin = (name) => (process.platform === "win32" ? `${name}.cmd` : name);

function run(cmd, args) {
  const child = spawn(bin(cmd), args, { stdio: "inherit", shell: process.platform === "win32" });
  child.on("exit", (code) => process.exit(code ?? 0));
  return child;
}

if (process.platform === "win32" || process.platform === "darwin") {
  run("npx", ["office-addin-debugging", "start", "manifest.xml", "desktop", "--app", "excel"]);
} else {
  const home = process.env.HOME || "~";
  const ca = `${home}/.office-addin-dev-certs/ca.crt`;
  console.log(`
AI Compute Desk — development server
====================================
Desktop Excel does not run on ${process.platform}, so nothing can be sideloaded automatically here.
The add-in is being built and served at https://localhost:${port}/ (taskpane.html, functions.json, manifest.xml).

To use it in Excel on the web (same machine, any browser):
  1. Trust the development certificate: import ${existsSync(ca) ? ca : `${home}/.office-addin-dev-certs/ca.crt (created in a moment)`}
     as a trusted authority in your browser, or open https://localhost:${port}/taskpane.html once and accept it.
  2. Open a workbook at https://www.office.com → Excel.
  3. Home → Add-ins → More Add-ins → My Add-ins → Upload My Add-in → choose manifest.xml from this folder.
  4. The "Compute Desk" button appears on the Home tab; type =AIC. in a cell for the functions.
To try the taskpane without Excel, open https://localhost:${port}/taskpane.html directly: it lets you browse the
catalog and try the importer. Stop with Ctrl+C.
`);
  run("npx", ["webpack", "serve", "--mode", "development"]);
}
