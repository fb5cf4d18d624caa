/**
 * Light, dark or black: inside Excel the taskpane follows Office's theme (Office.context.officeTheme:
 * its themeId where the host gives one, else how dark its body background is), including a change
 * made while the pane is open (Office.EventType.OfficeThemeChanged, where the host sends it). Outside
 * Excel nothing is set and taskpane.css follows the browser's prefers-color-scheme.
 *
 * The choice is the `data-theme` attribute on <html>; taskpane.css holds Fluent's light and dark tokens
 * (scripts/build/fluent-css.js) and picks them by that attribute, so no style is written at run time
 * (the CSP allows no inline style) and the Fluent elements, which read the same custom properties,
 * follow without setTheme.
 */

export type ThemeName = "light" | "dark" | "black";

/** The part of Office.context.officeTheme read here (every field may be missing). */
export interface OfficeThemeLike {
  bodyBackgroundColor?: string;
  isDarkTheme?: boolean;
  /** Office.ThemeId where the host has it: "Colorful", "DarkGray", "Black", "White", "SystemDefault". */
  themeId?: string | number;
}

/** Relative luminance (WCAG) of "#rrggbb" or "#rgb"; null when it is not such a colour. */
export function luminance(color: string): number | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join("") : m[1]!;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/**
 * The theme for Office's: "Black" → black; "DarkGray" or isDarkTheme → dark; otherwise by the body
 * background: near black (luminance < 0.01, e.g. #000000, #0a0a0a) → black, dark (< 0.2, e.g.
 * #262626, #444444) → dark, else light. Null when Office says nothing usable.
 */
export function themeFromOffice(theme: OfficeThemeLike | null | undefined): ThemeName | null {
  if (!theme) return null;
  const id = typeof theme.themeId === "string" ? theme.themeId.toLowerCase() : null;
  if (id === "black") return "black";
  if (id === "darkgray" || id === "dark") return "dark";
  const l = typeof theme.bodyBackgroundColor === "string" ? luminance(theme.bodyBackgroundColor) : null;
  if (l !== null) return l < 0.01 ? "black" : l < 0.2 ? "dark" : "light";
  if (theme.isDarkTheme === true) return "dark";
  if (theme.isDarkTheme === false) return "light";
  return null;
}

/** Sets (or, for null, removes: the browser's preference applies) the page's theme. */
export function applyTheme(doc: Document, theme: ThemeName | null): void {
  if (theme) doc.documentElement.setAttribute("data-theme", theme);
  else doc.documentElement.removeAttribute("data-theme");
}

/** Before Office answers: the browser's preference (nothing to set). Kept as the one entry point. */
export function followTheme(doc: Document): void {
  applyTheme(doc, null);
}

interface OfficeThemeSource {
  context?: { officeTheme?: OfficeThemeLike; document?: { addHandlerAsync?: (type: unknown, handler: (e: unknown) => void) => void } };
  EventType?: { OfficeThemeChanged?: unknown };
}

/** Once in Excel: apply Office's theme, and follow it when it changes. Anything missing: left as is. */
export function followOfficeTheme(doc: Document, office: unknown): void {
  const o = office as OfficeThemeSource | undefined;
  try {
    applyTheme(doc, themeFromOffice(o?.context?.officeTheme));
  } catch {
    return; // office.js's getters can throw outside Office
  }
  try {
    const type = o?.EventType?.OfficeThemeChanged;
    const add = o?.context?.document?.addHandlerAsync;
    if (type && typeof add === "function")
      add.call(o!.context!.document, type, (event: unknown) => {
        const theme = (event as { officeTheme?: OfficeThemeLike } | undefined)?.officeTheme ?? o?.context?.officeTheme;
        applyTheme(doc, themeFromOffice(theme));
      });
  } catch {
    // The host does not send theme changes: the theme stays as it was when the pane opened.
  }
}
