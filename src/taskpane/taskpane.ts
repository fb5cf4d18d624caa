/**
 * Webpack entry of the taskpane (the shared-runtime page also loads commands.js and functions.js).
 * Defines the Fluent elements (fluent.ts), applies the theme (theme.ts), starts the import worker
 * (worker/spawn.ts), then starts the app (start.ts) once the DOM is there.
 */
import "./fluent";
import { startTaskpane } from "./start";
import { followTheme } from "./theme";
import { spawnImportClient } from "./worker/spawn";

if (typeof document !== "undefined") {
  followTheme(document);
  const start = () => startTaskpane({ importClient: spawnImportClient() });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
