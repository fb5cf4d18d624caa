/**
 * Webpack plugin: emits taskpane.css = the Fluent 2 design tokens as custom properties, followed by
 * src/taskpane/taskpane.css. Every token is emitted (the Fluent UI web components read them from their
 * shadow roots): webLightTheme's values on :root, webDarkTheme's (@fluentui/tokens, Microsoft's token
 * package) under `:root[data-theme="dark"]`, `:root[data-theme="black"]` (src/taskpane/theme.ts sets
 * the attribute from Office's theme) and, when no theme is set, under prefers-color-scheme: dark.
 * A static stylesheet, so the strict CSP needs nothing inline and the page never calls setTheme.
 *
 * The build fails (a compilation error) when the stylesheet uses var(--name) for a name that is neither
 * a Fluent token nor a custom property the stylesheet defines itself: a misspelt token would otherwise
 * resolve to nothing and the control would silently lose its colour.
 */
const fs = require("fs");
const path = require("path");

const PLUGIN = "FluentTokensCssPlugin";

/** Names in var(--name) references, and names the stylesheet defines (--name: value). */
function customPropertyNames(css) {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, "");
  const used = new Set([...withoutComments.matchAll(/var\(\s*--([A-Za-z0-9_-]+)/g)].map((m) => m[1]));
  const defined = new Set([...withoutComments.matchAll(/(?:^|[;{\s])--([A-Za-z0-9_-]+)\s*:/g)].map((m) => m[1]));
  return { used, defined };
}

/**
 * The CSS text for `stylesheet`: a :root block with the Fluent tokens it uses, then the stylesheet.
 * Returns { css, unknown } where unknown lists names that are neither tokens nor defined locally.
 */
function buildTokenCss(stylesheet, theme, darkTheme) {
  const { used, defined } = customPropertyNames(stylesheet);
  const tokens = [...used].filter((name) => Object.prototype.hasOwnProperty.call(theme, name)).sort();
  const unknown = [...used].filter((name) => !defined.has(name) && !Object.prototype.hasOwnProperty.call(theme, name)).sort();
  const block = (t) => Object.keys(t).sort().map((name) => `  --${name}: ${t[name]};`).join("\n");
  let css = `/* Fluent 2 design tokens (webLightTheme, @fluentui/tokens). */\n:root {\n${block(theme)}\n}\n`;
  if (darkTheme) {
    const dark = block(darkTheme);
    css +=
      `/* webDarkTheme: Office's dark and black themes (data-theme), or the browser's preference outside Office. */\n` +
      `:root[data-theme="dark"], :root[data-theme="black"] {\n${dark}\n}\n` +
      `@media (prefers-color-scheme: dark) {\n:root:not([data-theme]) {\n${dark}\n}\n}\n`;
  }
  return { css: `${css}\n${stylesheet}`, tokens, unknown };
}

class FluentTokensCssPlugin {
  /** @param {{ input: string, output: string }} options input: the stylesheet; output: the asset name */
  constructor(options) {
    this.input = path.resolve(options.input);
    this.output = options.output;
  }

  apply(compiler) {
    const { Compilation, sources, WebpackError } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(PLUGIN, (compilation) => {
      compilation.fileDependencies.add(this.input);
      compilation.hooks.processAssets.tap({ name: PLUGIN, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        let stylesheet;
        try {
          stylesheet = fs.readFileSync(this.input, "utf8");
        } catch (err) {
          compilation.errors.push(new WebpackError(`${PLUGIN}: cannot read ${this.input}: ${err.message}`));
          return;
        }
        const { webLightTheme, webDarkTheme } = require("@fluentui/tokens");
        const { css, unknown } = buildTokenCss(stylesheet, webLightTheme, webDarkTheme);
        if (unknown.length > 0) {
          compilation.errors.push(
            new WebpackError(
              `${PLUGIN}: ${path.relative(process.cwd(), this.input)} uses var(--${unknown.join("), var(--")}), ` +
                "which is not a Fluent token (webLightTheme) nor defined in the stylesheet",
            ),
          );
          return;
        }
        compilation.emitAsset(this.output, new sources.RawSource(css));
      });
    });
  }
}

module.exports = { FluentTokensCssPlugin, buildTokenCss, customPropertyNames };
