/**
 * npm run bench: measures, prints a table per section and writes docs/benchmarks.md with the machine,
 * Node version and date. Exits non-zero when a stated target does not hold, so a regression is loud.
 */
import { writeFileSync } from "fs";
import os from "os";
import path from "path";
import { functionsBench } from "./functions.bench";
import { markdownTable, Section } from "./harness";

async function main(): Promise<void> {
  const sections: Section[] = [];
  const only = process.argv[2];
  const all: Array<[string, () => Section | Promise<Section>]> = [["functions", functionsBench]];
  for (const [name, run] of all) {
    if (only && only !== name) continue;
    process.stdout.write(`measuring ${name}…\n`);
    sections.push(await run());
  }

  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const header = [
    "# Benchmarks",
    "",
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}. Each figure is the median of several runs.`,
    "",
  ];
  const body = sections.flatMap((s) => [`## ${s.title}`, "", s.note, "", markdownTable(s.header, s.rows), "", ...(s.misses.length ? ["Targets missed: " + s.misses.join("; "), ""] : [])]);
  const markdown = [...header, ...body].join("\n");
  console.log(`\n${markdown}`);
  if (!only) writeFileSync(path.resolve(__dirname, "..", "docs", "benchmarks.md"), markdown);
  const misses = sections.flatMap((s) => s.misses);
  if (misses.length) {
    console.error(`\n${misses.length} target(s) missed:\n- ${misses.join("\n- ")}`);
    process.exitCode = 1;
  }
}

void main();
