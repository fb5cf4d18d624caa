/**
 * The taskpane page as built (npm test builds first): its stylesheet of Fluent 2 tokens, no inline
 * styles or scripts anywhere (the CSP allows none), and the order of what <head> loads.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import webpack from "webpack";
import { basePolicy } from "../../src/taskpane/csp";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { webLightTheme } = require("@fluentui/tokens") as { webLightTheme: Record<string, string | number> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildTokenCss, FluentTokensCssPlugin } = require("../../scripts/build/fluent-css") as {
  buildTokenCss: (css: string, theme: Record<string, string | number>) => { css: string; tokens: string[]; unknown: string[] };
  FluentTokensCssPlugin: new (options: { input: string; output: string }) => webpack.WebpackPluginInstance;
};

const root = path.resolve(__dirname, "../..");
const dist = (file: string) => {
  const full = path.join(root, "dist", file);
  if (!existsSync(full)) throw new Error(`dist/${file} is missing: run \`npm run build\` (npm test does)`);
  return readFileSync(full, "utf8");
};

describe("taskpane.css", () => {
  const css = dist("taskpane.css");
  const source = readFileSync(path.join(root, "src/taskpane/taskpane.css"), "utf8");

  test("defines the Fluent 2 tokens it uses with webLightTheme's values", () => {
    const { tokens } = buildTokenCss(source, webLightTheme);
    expect(tokens.length).toBeGreaterThan(30);
    for (const name of ["colorBrandBackground", "colorNeutralForeground1", "colorStrokeFocus2", "borderRadiusMedium", "fontSizeBase300"])
      expect(tokens).toContain(name);
    // The light tokens: the first :root block (the dark ones follow under data-theme and prefers-color-scheme).
    const lightBlock = css.slice(css.indexOf(":root{") >= 0 ? css.indexOf(":root{") : css.indexOf(":root {"), css.indexOf("}"));
    const defined = new Map([...lightBlock.matchAll(/--([A-Za-z0-9]+):([^;}]+)(?:[;}]|$)/g)].map((m) => [m[1], m[2].trim()]));
    // The build minifies: a list value ("Consolas, 'Courier New', …") loses the blanks after its commas.
    const list = (value: string | undefined) => value?.replace(/\s*,\s*/g, ",");
    for (const name of tokens) expect({ name, value: list(defined.get(name)) }).toEqual({ name, value: list(String(webLightTheme[name])) });
    // Fluent's brand colour (Office blue) and its neutral foreground, as Microsoft publishes them.
    expect(defined.get("colorBrandBackground")).toBe("#0f6cbd");
    expect(defined.get("colorNeutralForeground1")).toBe("#242424");
  });

  test("a var() that is neither a Fluent token nor defined in the stylesheet is an error", () => {
    const { unknown } = buildTokenCss(":root { --aic-x: 1px; } a { color: var(--colorBrandBackgroundd); margin: var(--aic-x); }", webLightTheme);
    expect(unknown).toEqual(["colorBrandBackgroundd"]);
  });

  test("as a webpack plugin, a misspelt token fails the build", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "aic-css-"));
    try {
      writeFileSync(path.join(dir, "entry.js"), "");
      writeFileSync(path.join(dir, "bad.css"), "a { color: var(--colorBrandForegroundd); }");
      const compiler = webpack({
        mode: "none",
        context: dir,
        entry: "./entry.js",
        output: { path: path.join(dir, "out") },
        plugins: [new FluentTokensCssPlugin({ input: path.join(dir, "bad.css"), output: "taskpane.css" })],
      });
      const stats = await new Promise<webpack.Stats>((resolve, reject) =>
        compiler.run((err, result) => (err ? reject(err) : compiler.close(() => resolve(result!)))),
      );
      expect(stats.hasErrors()).toBe(true);
      expect(stats.toJson({ errors: true }).errors!.map((e) => e.message).join("\n")).toMatch(/colorBrandForegroundd/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe("taskpane.html", () => {
  const html = dist("taskpane.html");
  const head = html.slice(0, html.indexOf("</head>"));
  const position = (pattern: RegExp) => head.search(pattern);

  test("has no inline script or style: every script and stylesheet is a file", () => {
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    for (const m of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/gi)) {
      expect(m[1]).toMatch(/\ssrc=/);
      expect(m[2].trim()).toBe("");
    }
  });

  test("loads, in order: the CSP meta, csp.js, office.js from Microsoft's CDN, the stylesheet, then the bundles", () => {
    const order = [
      position(/<meta http-equiv="?Content-Security-Policy/i),
      position(/<script src="?csp\.js/),
      position(/<script src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/),
      position(/<link rel="?stylesheet"? href="?taskpane\.css/),
      position(/<script defer(?:="defer")? src="?taskpane\.js/),
    ];
    expect(order.every((p) => p >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(head.replace(/&#39;/g, "'")).toContain(`content="${basePolicy()}"`);
  });
});

describe("src/taskpane writes no inline styles", () => {
  // The CSP refuses style attributes (style-src has no 'unsafe-inline'): one would silently not apply.
  const dir = path.join(root, "src/taskpane");
  const STYLE_WRITES = /\.style\b|["'`]style["'`]|\bstyle\s*:|cssText/;
  test.each(readdirSync(dir).filter((f) => f.endsWith(".ts")))("%s", (file) => {
    const hits = readFileSync(path.join(dir, file), "utf8")
      .split("\n")
      .map((text, i) => ({ line: i + 1, text: text.trim() }))
      .filter((l) => !l.text.startsWith("*") && !l.text.startsWith("//") && STYLE_WRITES.test(l.text));
    expect(hits).toEqual([]);
  });
});
