/**
 * The one door to the broker notes in ../shared/seeds (the Huaxin and Minsheng notes, the source of
 * truth), for every test that reads them. The notes live beside the repository, not in it, so a clone on
 * its own has none: its tests must still pass, and say what they did not check.
 *
 * - Notes present: seed tests run.
 * - Notes absent: seed tests are skipped, each suite with a one-line reason; the reason is in the
 *   skipped suite's (or test's) title, and test/support/seeds-reporter.js prints one line per skipped
 *   suite at the end of the run ("Skipped for want of the seed notes: …").
 * - Notes absent and AIC_REQUIRE_SEEDS=1 (set by .ci/run): every seed test fails instead, saying where
 *   the notes were looked for. CI therefore always checks against the notes.
 *
 * Use describeWithSeeds / itWithSeeds around anything that reads a seed, and read the notes only inside
 * them (seedText), never at module level: a skipped suite must not read a missing file while jest
 * collects it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

/** ../shared/seeds beside the repository. */
export const SEEDS_DIR = path.resolve(__dirname, "../../../shared/seeds");
/** 华鑫证券, 2024-02-18 (重点关注公司及盈利预测 and the four themed directions). */
export const HUAXIN_SEED = path.join(SEEDS_DIR, "000_80e115261217253b.txt");
/** 民生证券, 2024-02-25 (表3, 表4, 表5 and the themed directions of 1.2 投资建议). */
export const MINSHENG_SEED = path.join(SEEDS_DIR, "001_5f8d2f44870c4b52.txt");
export const SEED_FILES = [HUAXIN_SEED, MINSHENG_SEED] as const;

/** Set to 1 (as .ci/run does) to make missing notes a failure rather than a skip. */
export const REQUIRE_SEEDS_ENV = "AIC_REQUIRE_SEEDS";
/** Marks a skipped seed test's title; the reporter finds the reason after it. */
export const SEED_SKIP_MARK = "[skipped: ";

export type SeedState = { present: true } | { present: false; reason: string; required: boolean };

/** Whether the notes are here; when not, why (one line) and whether that must fail the run. */
export function seedState(env: NodeJS.ProcessEnv = process.env, files: readonly string[] = SEED_FILES): SeedState {
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length === 0) return { present: true };
  const names = missing.map((f) => path.basename(f)).join(", ");
  const reason = existsSync(path.dirname(files[0]!))
    ? `${names} missing from ${path.dirname(files[0]!)}`
    : `no seed notes: ${path.dirname(files[0]!)} is not present`;
  const flag = env[REQUIRE_SEEDS_ENV];
  return { present: false, reason, required: flag !== undefined && flag !== "" && flag !== "0" };
}

/** The failure a seed test gives when the notes are required but absent. */
export function requiredSeedsError(reason: string): Error {
  return new Error(`${REQUIRE_SEEDS_ENV} is set, so the seed notes are required: ${reason}`);
}

/** A suite that reads the seed notes: runs with them, skips with a reason without them, fails when they are required. */
export function describeWithSeeds(name: string, fn: () => void, state: SeedState = seedState()): void {
  if (state.present) {
    describe(name, fn);
  } else if (state.required) {
    describe(name, () => {
      it("needs the seed notes", () => {
        throw requiredSeedsError(state.reason);
      });
    });
  } else {
    // The body is not collected: describe.skip would still run it, and a body that reads a note at
    // collection (describe.each over seed rows) would throw ENOENT. One placeholder carries the reason.
    describe.skip(`${name} ${SEED_SKIP_MARK}${state.reason}]`, () => {
      it("reads the seed notes", () => undefined);
    });
  }
}

/** One test that reads the seed notes, in a suite that otherwise does not. */
export function itWithSeeds(name: string, fn: jest.ProvidesCallback, state: SeedState = seedState()): void {
  if (state.present) it(name, fn);
  else if (state.required) {
    it(name, () => {
      throw requiredSeedsError(state.reason);
    });
  } else it.skip(`${name} ${SEED_SKIP_MARK}${state.reason}]`, fn);
}

/** A seed note's text (UTF-8, as the notes are saved). Call only inside describeWithSeeds/itWithSeeds. */
export function seedText(file: string): string {
  return readFileSync(file, "utf8");
}

/** Every .txt note in the seeds folder, sorted; empty when there is no folder. */
export function seedNoteFiles(): string[] {
  if (!existsSync(SEEDS_DIR)) return [];
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => path.join(SEEDS_DIR, f));
}
