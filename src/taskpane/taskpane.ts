/**
 * Webpack entry of the taskpane (the shared-runtime page also loads commands.js and functions.js).
 * Defines the Fluent elements (fluent.ts), applies the theme (theme.ts), then starts the app
 * (start.ts) once the DOM is there.
 */
import "./fluent";
import { startTaskpane } from "./start";
import { followTheme } from "./theme";

if (typeof document !== "undefined") {
  followTheme(document);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => startTaskpane());
  else startTaskpane();
}
