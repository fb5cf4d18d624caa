/**
 * Command line for whoever maintains the team's pick-list feed.
 *
 *   npm run -s picks -- parse <note.txt>         pick lists of a broker note, as JSON {lists, problems}
 *   npm run -s picks -- parse <note.pdf>         the same from a PDF (text layer; exit 1 with one line on
 *                                               stderr when it is damaged, encrypted or image-only)
 *   npm run -s picks -- validate <file.json>     check a pick list (or a catalog index); exit 1 with reasons
 *   npm run -s picks -- catalog [--seeds <dir>] [--out <dir>] [--check]
 *                                               rebuild assets/catalog from the seed notes
 *                                               (--check: compare only, exit 1 when it differs)
 *
 * (-s keeps npm's own banner out of stdout, so the JSON can be piped.)
 */
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "fs";
import * as path from "path";
import { parseReport } from "../src/picks/parser";
import { validateCatalogIndex, validatePickList } from "../src/picks/validate";
import { buildCatalogIndex } from "../src/picks/catalog";
import { CATALOG_FORMAT, type PickList } from "../src/picks/types";
import { looksLikePdf } from "../src/picks/pdf/import";
import { importPdfFile } from "../src/picks/pdf/node";

const ROOT = path.resolve(__dirname, "..");
const DEFAULT_SEEDS = path.resolve(ROOT, "../shared/seeds");
const DEFAULT_OUT = path.resolve(ROOT, "assets/catalog");

const USAGE = `usage:
  picks parse <note.txt | note.pdf>
  picks validate <list.json>
  picks catalog [--seeds <dir>] [--out <dir>] [--check]`;

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    return fail(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function parseCommand(args: string[]): void {
  if (args.length !== 1) fail(USAGE);
  const file = args[0]!;
  if (/\.pdf$/i.test(file) || looksLikePdf(readBytes(file))) {
    void parsePdfCommand(file);
    return;
  }
  const result = parseReport(readText(file));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (err) {
    return fail(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A PDF note: the same {lists, problems} JSON; a PDF that cannot be read → one line on stderr, exit 1. */
async function parsePdfCommand(file: string): Promise<void> {
  const outcome = await importPdfFile(readBytes(file), path.basename(file));
  if (!outcome.ok) fail(`${file}: ${outcome.message.en}`, 1);
  process.stdout.write(`${JSON.stringify({ lists: outcome.lists, problems: outcome.problems }, null, 2)}\n`);
}

function validateCommand(args: string[]): void {
  if (args.length !== 1) fail(USAGE);
  let doc: unknown;
  try {
    doc = JSON.parse(readText(args[0]!));
  } catch (err) {
    process.stdout.write(`${args[0]}: not JSON: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  const isIndex = typeof doc === "object" && doc !== null && (doc as { format?: unknown }).format === CATALOG_FORMAT;
  const checked = isIndex ? validateCatalogIndex(doc) : validatePickList(doc);
  if (checked.ok) {
    process.stdout.write("ok\n");
    return;
  }
  for (const error of checked.errors) process.stdout.write(`${error}\n`);
  process.exit(1);
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith("--")) fail(`${name} needs a value\n${USAGE}`);
  return value;
}

function catalogFiles(seedsDir: string): Map<string, string> {
  if (!existsSync(seedsDir)) fail(`no seed directory at ${seedsDir}`);
  const notes = readdirSync(seedsDir).filter((f) => f.endsWith(".txt")).sort();
  const lists: PickList[] = [];
  for (const note of notes) {
    const result = parseReport(readText(path.join(seedsDir, note)));
    for (const problem of result.problems) process.stderr.write(`${note}: ${problem.table}: ${problem.reason}\n`);
    lists.push(...result.lists);
  }
  const files = new Map<string, string>();
  files.set("index.json", `${JSON.stringify(buildCatalogIndex(lists), null, 2)}\n`);
  for (const list of lists) files.set(`${list.id}.json`, `${JSON.stringify(list, null, 2)}\n`);
  return files;
}

function catalogCommand(args: string[]): void {
  const seeds = path.resolve(option(args, "--seeds") ?? DEFAULT_SEEDS);
  const out = path.resolve(option(args, "--out") ?? DEFAULT_OUT);
  const check = args.includes("--check");
  const files = catalogFiles(seeds);
  const existing = existsSync(out) ? readdirSync(out).filter((f) => f.endsWith(".json")) : [];
  if (check) {
    const differing = [...files].filter(([name, text]) => !existsSync(path.join(out, name)) || readText(path.join(out, name)) !== text);
    const stale = existing.filter((name) => !files.has(name));
    for (const [name] of differing) process.stdout.write(`differs: ${name}\n`);
    for (const name of stale) process.stdout.write(`not produced by the seeds: ${name}\n`);
    if (differing.length > 0 || stale.length > 0) process.exit(1);
    process.stdout.write(`ok: ${files.size} files match\n`);
    return;
  }
  mkdirSync(out, { recursive: true });
  for (const [name, text] of files) writeFileSync(path.join(out, name), text, "utf8");
  const stale = existing.filter((name) => !files.has(name));
  for (const name of stale) process.stderr.write(`note: ${name} in ${out} is not produced by the seeds (left in place)\n`);
  process.stdout.write(`wrote ${files.size} files to ${out}\n`);
}

function main(argv: string[]): void {
  const [command, ...args] = argv;
  switch (command) {
    case "parse":
      return parseCommand(args);
    case "validate":
      return validateCommand(args);
    case "catalog":
      return catalogCommand(args);
    default:
      fail(USAGE);
  }
}

main(process.argv.slice(2));
