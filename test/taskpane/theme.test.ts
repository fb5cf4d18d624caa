/**
 * @jest-environment jsdom
 */
/** The theme from Office's (src/taskpane/theme.ts): themeId where given, else the body background's luminance. */
import { applyTheme, followOfficeTheme, luminance, themeFromOffice } from "../../src/taskpane/theme";

describe("themeFromOffice", () => {
  it.each([
    // Office's own body backgrounds: Colorful/White, Dark Gray, Black (Excel on Windows and the web).
    [{ bodyBackgroundColor: "#FFFFFF" }, "light"],
    [{ bodyBackgroundColor: "#E6E6E6" }, "light"],
    [{ bodyBackgroundColor: "#666666" }, "dark"],
    [{ bodyBackgroundColor: "#262626" }, "dark"],
    [{ bodyBackgroundColor: "#000000" }, "black"],
    [{ bodyBackgroundColor: "#0a0a0a" }, "black"],
    [{ bodyBackgroundColor: "#fff" }, "light"],
    [{ themeId: "Black", bodyBackgroundColor: "#FFFFFF" }, "black"],
    [{ themeId: "DarkGray" }, "dark"],
    [{ isDarkTheme: true }, "dark"],
    [{ isDarkTheme: false }, "light"],
    [{ bodyBackgroundColor: "not a colour" }, null],
    [{}, null],
    [undefined, null],
  ] as const)("%j → %s", (theme, expected) => {
    expect(themeFromOffice(theme)).toBe(expected);
  });

  it("computes WCAG luminance", () => {
    expect(luminance("#000000")).toBe(0);
    expect(luminance("#ffffff")).toBeCloseTo(1, 6);
    expect(luminance("#777777")).toBeCloseTo(0.184, 3);
    expect(luminance("blue")).toBeNull();
  });
});

describe("applying it", () => {
  it("sets data-theme, removes it for the browser's preference, and follows Office's theme changes", () => {
    applyTheme(document, "dark");
    expect(document.documentElement.getAttribute("data-theme")).toBe("dark");
    applyTheme(document, null);
    expect(document.documentElement.hasAttribute("data-theme")).toBe(false);

    let handler: ((e: unknown) => void) | null = null;
    const office = {
      EventType: { OfficeThemeChanged: "officeThemeChanged" },
      context: {
        officeTheme: { bodyBackgroundColor: "#262626" },
        document: { addHandlerAsync: (type: unknown, h: (e: unknown) => void) => (handler = type === "officeThemeChanged" ? h : null) },
      },
    };
    followOfficeTheme(document, office);
    expect(document.documentElement.getAttribute("data-theme")).toBe("dark");
    handler!({ officeTheme: { bodyBackgroundColor: "#000000" } });
    expect(document.documentElement.getAttribute("data-theme")).toBe("black");
    // Nothing usable from Office (outside Office, or getters that throw): left to the browser.
    applyTheme(document, null);
    followOfficeTheme(document, { get context(): never { throw new Error("not in Office"); } });
    expect(document.documentElement.hasAttribute("data-theme")).toBe(false);
  });
});
