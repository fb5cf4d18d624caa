/**
 * The production build (npm test runs it first): functions.json, and a functions bundle that registers
 * every function with CustomFunctions.associate. And a JSDoc error must fail the build.
 */
import { execFile } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import { promisify } from "util";
import { ALL_FUNCTIONS } from "../src/functions/all";

const root = path.resolve(__dirname, "..");
const run = promisify(execFile);

describe("npm run build output (dist/)", () => {
  test("functions.js associates every AIC function id with its implementation", () => {
    const bundle = readFileSync(path.join(root, "dist", "functions.js"), "utf8");
    for (const def of ALL_FUNCTIONS) {
      expect(bundle).toMatch(new RegExp(`CustomFunctions\\.associate\\("${def.id}",`));
    }
  });

  test("taskpane.html loads the taskpane, commands and functions bundles and office.js", () => {
    const html = readFileSync(path.join(root, "dist", "taskpane.html"), "utf8");
    for (const chunk of ["taskpane.js", "commands.js", "functions.js"]) expect(html).toContain(chunk);
    expect(html).toContain("appsforoffice.microsoft.com/lib/1/hosted/office.js");
  });

  test("the manifest's icons are in dist/assets", () => {
    for (const size of [16, 32, 64, 80]) expect(existsSync(path.join(root, "dist", "assets", `icon-${size}.png`))).toBe(true);
  });
});

describe("a JSDoc error fails the build", () => {
  test("an unsupported parameter type in a @customfunction is a webpack error, exit code non-zero", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "aic-build-"));
    try {
      const entry = path.join(dir, "broken.ts");
      writeFileSync(
        entry,
        [
          "/**",
          " * Broken on purpose: a Map is not a type Excel can pass.",
          " * @customfunction BROKEN",
          " * @param x something",
          " */",
          "export function broken(x: Map<string, number>): number { return x.size; }",
        ].join("\n"),
      );
      const outcome = await run(
        process.execPath,
        [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--env", `functionsEntry=${entry}`, "--output-path", path.join(dir, "out")],
        { cwd: root },
      ).then(
        () => ({ failed: false, output: "" }),
        (e: { stdout?: string; stderr?: string }) => ({ failed: true, output: `${e.stdout ?? ""}${e.stderr ?? ""}` }),
      );
      expect(outcome.failed).toBe(true);
      expect(outcome.output).toMatch(/broken\.ts/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
