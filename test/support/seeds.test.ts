/** test/support/seeds.ts and its reporter: present → run; absent → skip with a reason; absent and required → fail. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { REQUIRE_SEEDS_ENV, SEED_SKIP_MARK, requiredSeedsError, seedState } from "./seeds";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const SeedsReporter = require("./seeds-reporter.js") as new (config: { rootDir: string }) => {
  onRunComplete(contexts: unknown, results: { testResults: { testFilePath: string; testResults: { status: string; title: string; ancestorTitles: string[] }[] }[] }): void;
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "aic-seeds-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("seedState", () => {
  it("is present when every note is there", () => {
    const a = path.join(dir, "a.txt");
    const b = path.join(dir, "b.txt");
    writeFileSync(a, "华鑫");
    writeFileSync(b, "民生");
    expect(seedState({}, [a, b])).toEqual({ present: true });
  });

  it("names the missing folder, and is not required without the variable", () => {
    const gone = path.join(dir, "no-such-folder", "a.txt");
    const state = seedState({}, [gone]);
    expect(state).toEqual({
      present: false,
      required: false,
      reason: `no seed notes: ${path.join(dir, "no-such-folder")} is not present`,
    });
  });

  it("names a missing note in a folder that exists", () => {
    const a = path.join(dir, "a.txt");
    writeFileSync(a, "x");
    const state = seedState({}, [a, path.join(dir, "c.txt")]);
    expect(state).toEqual({ present: false, required: false, reason: `c.txt missing from ${dir}` });
  });

  it.each([
    ["1", true],
    ["true", true],
    ["0", false],
    ["", false],
  ])(`${REQUIRE_SEEDS_ENV}=%j makes absence required: %s`, (value, required) => {
    const state = seedState({ [REQUIRE_SEEDS_ENV]: value }, [path.join(dir, "none", "a.txt")]);
    expect(state.present).toBe(false);
    expect(!state.present && state.required).toBe(required);
  });

  it("the failure says the variable asked for the notes, and why they are not there", () => {
    expect(requiredSeedsError("no seed notes: /x is not present").message).toBe(
      `${REQUIRE_SEEDS_ENV} is set, so the seed notes are required: no seed notes: /x is not present`,
    );
  });
});

describe("the seeds reporter", () => {
  function report(tests: { status: string; title: string; ancestorTitles: string[] }[]): string {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      new SeedsReporter({ rootDir: "/repo" }).onRunComplete(new Set(), { testResults: [{ testFilePath: "/repo/test/a.test.ts", testResults: tests }] });
    } finally {
      spy.mockRestore();
    }
    return writes.join("");
  }

  it("prints one line per skipped suite or test, with its reason", () => {
    const out = report([
      { status: "pending", title: "reads the seed notes", ancestorTitles: [`tables ${SEED_SKIP_MARK}no seed notes: /s is not present]`] },
      { status: "pending", title: `one check ${SEED_SKIP_MARK}no seed notes: /s is not present]`, ancestorTitles: ["outer"] },
      { status: "passed", title: "a test", ancestorTitles: ["outer"] },
      { status: "pending", title: "skipped for another reason", ancestorTitles: [] },
    ]);
    expect(out).toBe(
      [
        "",
        "Skipped for want of the seed notes (2 suites; put the shared folder beside the clone to run them; AIC_REQUIRE_SEEDS=1 makes this a failure):",
        "  test/a.test.ts › outer › one check: skipped: no seed notes: /s is not present",
        "  test/a.test.ts › tables: skipped: no seed notes: /s is not present",
        "",
      ].join("\n"),
    );
  });

  it("prints nothing when no seed test was skipped", () => {
    expect(report([{ status: "passed", title: "t", ancestorTitles: [] }])).toBe("");
  });
});

describe("every test reaches the seed notes through test/support/seeds.ts", () => {
  it("no other test file names ../shared/seeds in a string (so none can read it without skipping)", () => {
    const { readdirSync, readFileSync, statSync } = jest.requireActual<typeof import("node:fs")>("node:fs");
    const testRoot = path.resolve(__dirname, "..");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(ts|js|mjs)$/.test(name)) files.push(full);
      }
    };
    walk(testRoot);
    const offenders = files
      .filter((f) => f !== path.join(__dirname, "seeds.ts") && f !== __filename)
      .filter((f) => /["'`][^"'`\n]*shared["'`]?\s*,?\s*["'`]?\/?seeds|["'`][^"'`\n]*shared\/seeds/.test(readFileSync(f, "utf8")))
      .map((f) => path.relative(testRoot, f));
    expect(offenders).toEqual([]);
  });
});
