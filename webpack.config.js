/*
 * Build: three bundles served from one page (shared runtime) plus the page's first script (csp.js);
 * functions.json generated from JSDoc and functions-zh-cn.json from it and the Chinese table;
 * taskpane.css from the stylesheet and the Fluent 2 tokens it uses.
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { FluentTokensCssPlugin } = require("./scripts/build/fluent-css");
const { LocalizedFunctionsMetadataPlugin } = require("./scripts/build/localize-functions");
const { FunctionsMetadataOptionsPlugin } = require("./scripts/build/functions-metadata");
const { BundleBudgetPlugin, budgetsFromEnv } = require("./scripts/build/bundle-budget");
// The page's Content-Security-Policy has one home, src/taskpane/csp.ts (also used by the page and the tests).
const { basePolicy } = require("tsx/cjs/api").require("./src/taskpane/csp.ts", __filename);

const DEV_PORT = Number(process.env.npm_package_config_dev_server_port || 3000);

async function devServerHttps() {
  // office-addin-dev-certs creates a localhost certificate and trusts its CA (Windows, macOS, and Linux
  // with sudo). It is only needed when serving for Excel, so it is loaded lazily.
  const devCerts = require("office-addin-dev-certs");
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (e) {
    // Trusting the CA needs sudo, which a container or CI user may not have. The certificate files exist
    // by now, so serve with them anyway; the browser must trust the CA by hand (scripts/start.mjs says how).
    const fs = require("fs");
    const dir = path.join(require("os").homedir(), ".office-addin-dev-certs");
    console.warn(`Could not trust the development CA system-wide (${e.message.split("\n")[0]}); serving with ${dir} anyway.`);
    return {
      ca: fs.readFileSync(path.join(dir, "ca.crt")),
      cert: fs.readFileSync(path.join(dir, "localhost.crt")),
      key: fs.readFileSync(path.join(dir, "localhost.key")),
    };
  }
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  // Overridable only so that test/build.test.ts can prove a JSDoc error fails the build.
  const functionsEntry = (env && env.functionsEntry) || "./src/functions/functions.ts";
  const serve = Boolean(process.env.WEBPACK_SERVE);
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      // Loaded by a plain <script> at the top of <head> (see taskpane.html), not injected with the bundles.
      csp: "./src/taskpane/csp-boot.ts",
      functions: functionsEntry,
      taskpane: "./src/taskpane/taskpane.ts",
      commands: "./src/commands/commands.ts",
      // The help page's script (src/taskpane/help/): language and the formula reference from functions.json.
      help: "./src/taskpane/help/help.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // The import worker (src/taskpane/worker/spawn.ts names it import-worker) and any lazy chunk: by name, so budgets can name them.
      chunkFilename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        { test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { onlyCompileBundledFiles: true } } },
      ],
    },
    plugins: [
      // A JSDoc error (unknown type, bad @customfunction tag) becomes a compilation error: the build fails.
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: functionsEntry }),
      // allowCustomDataForDataTypeAny (AIC.STOCK returns an entity) and a type on every result.
      new FunctionsMetadataOptionsPlugin({ asset: "functions.json" }),
      // Excel shows Chinese descriptions and argument help when its display language is Chinese
      // (manifest.xml: <bt:Override Locale="zh-CN"> on Functions.Metadata.Url). A missing translation fails the build.
      new LocalizedFunctionsMetadataPlugin({
        source: "functions.json",
        locales: [{ output: "functions-zh-cn.json", table: "./src/functions/functions.zh-CN.json" }],
      }),
      new FluentTokensCssPlugin({ input: "./src/taskpane/taskpane.css", output: "taskpane.css" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: this one page hosts the taskpane, the ribbon commands and the custom functions.
        chunks: ["taskpane", "commands", "functions"],
        templateParameters: { contentSecurityPolicy: basePolicy() },
      }),
      // The help page (both languages; manifest.xml's SupportUrl and the pane's Help link), same CSP as the pane.
      new HtmlWebpackPlugin({
        filename: "help.html",
        template: "./src/taskpane/help/help.html",
        chunks: ["help"],
        templateParameters: { contentSecurityPolicy: basePolicy() },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "assets/catalog", to: "catalog", noErrorOnMissing: true },
          { from: "manifest.xml", to: "manifest.xml" },
          // pdf.js's CMaps (character maps of CJK fonts a PDF does not embed), fetched from this origin by the
          // import worker when a PDF needs one: PDF import never reaches the network (issue 14).
          { from: "node_modules/pdfjs-dist/cmaps", to: "pdfjs/cmaps" },
        ],
      }),
      // Production only (development bundles are unminified): a gzipped bundle over its budget fails the
      // build. `--env bundleBudgets='{...}'` overrides a budget, so a test can prove the failure.
      ...(dev ? [] : [new BundleBudgetPlugin({ budgets: budgetsFromEnv(env) })]),
    ],
    // Webpack's own size hints count raw bytes against one fixed limit; the budgets above count what ships.
    performance: { hints: false },
    devServer: {
      static: { directory: path.join(__dirname, "dist") },
      // The same policy as taskpane.html's <meta>; a header can also carry what a meta cannot (none needed yet).
      headers: { "Access-Control-Allow-Origin": "*", "Content-Security-Policy": basePolicy() },
      server: serve ? { type: "https", options: await devServerHttps() } : undefined,
      port: DEV_PORT,
      hot: false,
    },
  };
};
