/**
 * Jest reporter (beside jest's default one): at the end of the run, one line per test file whose seed
 * tests were skipped, with the reason test/support/seeds.ts put in their titles. A clone without
 * ../shared/seeds thus says plainly which suites it did not run, and why; with the notes present it
 * prints nothing. Plain JavaScript: jest loads reporters without a transform.
 */
const path = require("path");

const MARK = "[skipped: ";

/** For a skipped seed test: the titles down to the one carrying the mark (mark removed), and the reason. */
function skipped(result) {
  if (result.status !== "pending") return null;
  const titles = [...(result.ancestorTitles || []), result.title];
  for (let i = 0; i < titles.length; i++) {
    const at = titles[i].lastIndexOf(MARK);
    if (at >= 0 && titles[i].endsWith("]")) {
      const name = [...titles.slice(0, i), titles[i].slice(0, at).trimEnd()].join(" › ");
      return { name, reason: titles[i].slice(at + MARK.length, -1) };
    }
  }
  return null;
}

class SeedsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const lines = [];
    for (const file of results.testResults) {
      // The skipped suite (or single test) → its reason.
      const suites = new Map();
      for (const test of file.testResults) {
        const found = skipped(test);
        if (found !== null) suites.set(found.name, found.reason);
      }
      const rel = path.relative(this.rootDir, file.testFilePath);
      for (const [title, reason] of suites) lines.push(`  ${rel} › ${title}: skipped: ${reason}`);
    }
    if (lines.length === 0) return;
    process.stderr.write(
      `\nSkipped for want of the seed notes (${lines.length} suite${lines.length === 1 ? "" : "s"}; put the shared folder beside the clone to run them; AIC_REQUIRE_SEEDS=1 makes this a failure):\n${lines.sort().join("\n")}\n`,
    );
  }
}

module.exports = SeedsReporter;
