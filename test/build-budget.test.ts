/**
 * The bundle budget (scripts/build/bundle-budget.js): npm run build fails when a gzipped bundle grows past
 * its budget. The production build that npm test runs first proves today's bundles fit; this proves an
 * over-budget bundle fails the build, through the real webpack.config.js and its --env override.
 */
import { mkdtempSync, rmSync } from "fs";
import os from "os";
import path from "path";
import { gzipSync } from "zlib";
import { execFile } from "child_process";
import { promisify } from "util";

const root = path.resolve(__dirname, "..");
const run = promisify(execFile);
const budget = require("../scripts/build/bundle-budget.js") as {
  BUNDLE_BUDGETS: Record<string, number>;
  budgetViolations: (sizes: Record<string, number>, budgets: Record<string, number>) => string[];
  gzipSize: (content: string | Buffer) => number;
};

describe("budget arithmetic", () => {
  test("a size over its budget is a violation naming the asset, both sizes and where the budget lives", () => {
    expect(budget.budgetViolations({ "functions.js": 5001 }, { "functions.js": 5000 })).toEqual([
      "functions.js is 5001 bytes gzipped, over its budget of 5000 bytes (scripts/build/bundle-budget.js)",
    ]);
    expect(budget.budgetViolations({ "functions.js": 5000 }, { "functions.js": 5000 })).toEqual([]);
  });

  test("a budget for an asset the build no longer emits is an error, not a silent pass", () => {
    expect(budget.budgetViolations({}, { "taskpane.js": 1 })[0]).toMatch(/taskpane\.js has a budget but the build emitted no such asset/);
  });

  test("sizes are gzip as zlib computes it", () => {
    const text = "AIC.FWD_PE ".repeat(1000);
    expect(budget.gzipSize(text)).toBe(gzipSync(Buffer.from(text)).length);
  });

  test("every shipped bundle has a budget", () => {
    expect(Object.keys(budget.BUNDLE_BUDGETS).sort()).toEqual(["commands.js", "csp.js", "functions.js", "help.js", "import-worker.js", "pdfjs-worker.js", "pdfjs.js", "taskpane.css", "taskpane.js"]);
  });
});

describe("the production build with webpack.config.js", () => {
  test("fails with a compilation error when functions.js is over its budget (--env bundleBudgets)", async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "aic-budget-"));
    try {
      // webpack.config.js as npm run build loads it (in plain Node: it requires TypeScript through tsx),
      // with the env override, and the functions bundle alone: the taskpane is the slow part of a build and
      // changes nothing here. (The budgets of the bundles left out report them missing; they are allowed.)
      const script = `
        const webpack = require("webpack");
        require(${JSON.stringify(path.join(root, "webpack.config.js"))})(
          { bundleBudgets: JSON.stringify({ "functions.js": 100 }) },
          { mode: "production" },
        ).then((config) => {
          config.entry = { functions: config.entry.functions };
          config.output = { ...config.output, path: ${JSON.stringify(out)} };
          config.plugins = config.plugins.filter((p) => p && p.constructor.name !== "HtmlWebpackPlugin");
          webpack(config, (err, stats) => {
            if (err) throw err;
            console.log(JSON.stringify(stats.toJson({ all: false, errors: true }).errors.map((e) => e.message)));
            process.exitCode = stats.hasErrors() ? 1 : 0;
          });
        });`;
      const outcome = await run(process.execPath, ["-e", script], { cwd: root }).then(
        (r) => ({ failed: false, stdout: r.stdout }),
        (e: { stdout?: string }) => ({ failed: true, stdout: e.stdout ?? "" }),
      );
      expect(outcome.failed).toBe(true);
      const messages = JSON.parse(outcome.stdout.trim().split("\n").pop() as string) as string[];
      expect(messages).toContainEqual(expect.stringMatching(/^BundleBudgetPlugin: functions\.js is \d+ bytes gzipped, over its budget of 100 bytes/));
      // Nothing else failed: every error is the budget's.
      for (const message of messages) expect(message).toMatch(/^BundleBudgetPlugin: (functions\.js is|(taskpane|csp|commands|help|import-worker|pdfjs|pdfjs-worker)\.(js|css) has a budget but)/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
