/**
 * npm run bench: measures, prints a table per section and writes docs/benchmarks.md with the machine,
 * Node version and date. Exits non-zero when a stated target does not hold, so a regression is loud.
 * `npm run bench -- <section>` runs one section (functions, excel, picks, bundle) and writes nothing.
 */
import { spawnSync } from "child_process";
import { writeFileSync } from "fs";
import os from "os";
import path from "path";
import { markdownTable, Section } from "./harness";
import { SECTIONS } from "./sections";

/** A section that needs its own V8 flags runs in a child process, which prints it as JSON last. */
function runInChild(name: string, flags: string[]): Section {
  const child = spawnSync(process.execPath, [...flags, "--require", "tsx/cjs", path.join(__dirname, "child.ts"), name], {
    cwd: path.resolve(__dirname, ".."),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`bench section ${name} failed (exit ${child.status ?? child.signal})`);
  const last = child.stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(last) as Section;
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (only && !(only in SECTIONS)) throw new Error(`no bench section "${only}"; sections: ${Object.keys(SECTIONS).join(", ")}`);
  const started = Date.now();
  const sections: Section[] = [];
  for (const [name, spec] of Object.entries(SECTIONS)) {
    if (only && only !== name) continue;
    process.stdout.write(`measuring ${name}…\n`);
    sections.push(spec.nodeFlags.length > 0 ? runInChild(name, spec.nodeFlags) : await spec.run());
  }

  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const header = [
    "# Benchmarks",
    "",
    "<!-- written by npm run bench (bench/run.ts); do not edit by hand -->",
    "",
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}; ${((Date.now() - started) / 1000).toFixed(0)} s in all. Each time is a median of several runs; rerun with \`npm install && npm run bench\` (it builds first).`,
    "",
  ];
  const body = sections.flatMap((s) => [
    `## ${s.title}`,
    "",
    s.note,
    "",
    markdownTable(s.header, s.rows),
    "",
    ...(s.misses.length ? ["**Targets missed:** " + s.misses.join("; "), ""] : ["All targets met.", ""]),
  ]);
  const markdown = [...header, ...body].join("\n");
  console.log(`\n${markdown}`);
  if (!only) writeFileSync(path.resolve(__dirname, "..", "docs", "benchmarks.md"), markdown);
  const misses = sections.flatMap((s) => s.misses);
  if (misses.length) {
    console.error(`\n${misses.length} target(s) missed:\n- ${misses.join("\n- ")}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 2;
});
