/**
 * Runs one bench section in this process and prints it as JSON on the last line of stdout, for
 * bench/run.ts, which starts sections that need their own V8 flags in a child process.
 */
import { SECTIONS } from "./sections";

const name = process.argv[2] as keyof typeof SECTIONS;
const section = SECTIONS[name];
if (!section) throw new Error(`no bench section ${name}`);
void Promise.resolve(section.run()).then((result) => {
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
});
