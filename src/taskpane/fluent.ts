/**
 * Defines the Fluent UI web components the taskpane uses, and only those (each `define.js` registers
 * one element; importing the package's index would register all ~40 and triple the bundle). Imported
 * by the page's entry (taskpane.ts) before the app mounts, never by the views: the views create the
 * elements by name (dom.ts fl), so they also run under jsdom, where nothing is defined.
 *
 * Under the page's strict CSP (csp.ts, no 'unsafe-inline'): FAST (@microsoft/fast-element 3) gives
 * each element's styles to its shadow root as constructed stylesheets (adoptedStyleSheets), which
 * style-src does not govern; it only falls back to <style> elements in a browser without them, which
 * Office's hosts (Edge WebView2, Safari 16.4+) are not. The theme's tokens come from taskpane.css
 * (scripts/build/fluent-css.js), not from setTheme. FAST creates a Trusted Types policy named
 * "fast-html" for its templates; the policy allows it by name (csp.ts trusted-types).
 *
 * A component added here must be added to the list in docs/taskpane.md and the bundle budget checked.
 */
import "@fluentui/web-components/button.js";
import "@fluentui/web-components/dialog.js";
import "@fluentui/web-components/dialog-body.js";
import "@fluentui/web-components/field.js";
import "@fluentui/web-components/message-bar.js";
import "@fluentui/web-components/progress-bar.js";
import "@fluentui/web-components/tab.js";
import "@fluentui/web-components/tablist.js";
import "@fluentui/web-components/text-input.js";
import "@fluentui/web-components/textarea.js";

/** The elements defined here (the browser suite checks each is registered). */
export const FLUENT_ELEMENTS = [
  "fluent-button",
  "fluent-dialog",
  "fluent-dialog-body",
  "fluent-field",
  "fluent-message-bar",
  "fluent-progress-bar",
  "fluent-tab",
  "fluent-tablist",
  "fluent-text-input",
  "fluent-textarea",
] as const;
