/**
 * Webpack entry of the taskpane (the shared-runtime page also loads commands.js and functions.js).
 * Everything is in start.ts; this only starts it once the DOM is there.
 */
import { startTaskpane } from "./start";

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => startTaskpane());
  else startTaskpane();
}
