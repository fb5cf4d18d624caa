/**
 * Command line for whoever maintains the team's pick-list feed.
 *
 *   npm run -s picks -- parse <note.txt | note.pdf> [--date YYYY-MM-DD]
 *                                               pick lists of a broker note (text, or a PDF's text layer), as
 *                                               JSON {lists, problems, report, encoding} on stdout; each problem
 *                                               in English on stderr. --date: the report date, for a note that
 *                                               prints none. Names in themed lists are also looked up in the
 *                                               bundled catalog. Exit 1 (one line on stderr) when the file is
 *                                               empty, binary, not text in UTF-8, UTF-16 or GB18030/GBK, or a
 *                                               PDF that is damaged, encrypted or image-only.
 *   npm run -s picks -- validate <file.json>     check a pick list (or a catalog index); exit 1 with the
 *                                               reasons on stderr
 *   npm run -s picks -- catalog [--seeds <dir>] [--out <dir>] [--check]
 *                                               rebuild assets/catalog from the seed notes
 *                                               (--check: compare only, exit 1 when it differs)
 *
 * (-s keeps npm's own banner out of stdout, so the JSON can be piped.)
 */
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "fs";
import * as path from "path";
import { namesFromLists, parseReport, parseReportBytes, problemText, type NameSource, type ParseOptions, type ParseResult } from "../src/picks/parser";
import { parseGivenDate } from "../src/picks/importer/dates";
import { validateCatalogIndex, validatePickList } from "../src/picks/validate";
import { buildCatalogIndex } from "../src/picks/catalog";
import { CATALOG_FORMAT, type PickList } from "../src/picks/types";
import { looksLikePdf } from "../src/picks/pdf/import";
import { importPdfFile } from "../src/picks/pdf/node";

const ROOT = path.resolve(__dirname, "..");
const DEFAULT_SEEDS = path.resolve(ROOT, "../shared/seeds");
const DEFAULT_OUT = path.resolve(ROOT, "assets/catalog");

const USAGE = `usage:
  picks parse <note.txt | note.pdf> [--date YYYY-MM-DD]
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

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (err) {
    return fail(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The bundled catalog's names → tickers, for themed lists whose names the note's own tables lack. */
function catalogNames(): NameSource[] {
  if (!existsSync(DEFAULT_OUT)) return [];
  const lists: PickList[] = [];
  for (const file of readdirSync(DEFAULT_OUT).filter((f) => f.endsWith(".json") && f !== "index.json")) {
    const checked = validatePickList(JSON.parse(readText(path.join(DEFAULT_OUT, file))) as unknown);
    if (checked.ok) lists.push(checked.list);
  }
  return [{ from: "catalog", entries: namesFromLists(lists) }];
}

function parseCommand(args: string[]): void {
  const dateText = option(args, "--date");
  const files = args.filter((a, i) => a !== "--date" && args[i - 1] !== "--date");
  if (files.length !== 1) fail(USAGE);
  let reportDate: string | undefined;
  if (dateText !== undefined) {
    reportDate = parseGivenDate(dateText) ?? fail(`--date ${dateText}: not a date; give it as YYYY-MM-DD (2025-03-09)`);
  }
  const file = files[0]!;
  const bytes = readBytes(file);
  const options = { reportDate, names: catalogNames() };
  if (/\.pdf$/i.test(file) || looksLikePdf(bytes)) {
    void parsePdfCommand(file, bytes, options);
    return;
  }
  const result = parseReportBytes(bytes, options);
  const refused = result.problems.find((p) => p.code === "not-text" || p.code === "too-large");
  if (refused) fail(`${file}: ${problemText(refused)}`, 1);
  if (result.encoding && result.encoding !== "UTF-8") process.stderr.write(`${file}: decoded as ${result.encoding}\n`);
  printParsed(file, result);
}

/** The parse result on stdout, each problem in English on stderr; exit 1 when no list was found. */
function printParsed(file: string, result: ParseResult): void {
  for (const problem of result.problems) process.stderr.write(`${file}: ${problem.table}: ${problem.reason}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  if (result.lists.length === 0) fail(`${file}: no pick list was found in the note`, 1);
}

/** A PDF note: the same JSON as a text note; a PDF that cannot be read → one line on stderr, exit 1. */
async function parsePdfCommand(file: string, bytes: Uint8Array, options: ParseOptions): Promise<void> {
  const outcome = await importPdfFile(bytes, path.basename(file), options);
  if (!outcome.ok) fail(`${file}: ${outcome.message.en}`, 1);
  printParsed(file, { lists: outcome.lists, problems: outcome.problems });
}

function validateCommand(args: string[]): void {
  if (args.length !== 1) fail(USAGE);
  let doc: unknown;
  try {
    doc = JSON.parse(readText(args[0]!));
  } catch (err) {
    fail(`${args[0]}: not JSON: ${err instanceof Error ? err.message : String(err)}`, 1);
  }
  const isIndex = typeof doc === "object" && doc !== null && (doc as { format?: unknown }).format === CATALOG_FORMAT;
  const checked = isIndex ? validateCatalogIndex(doc) : validatePickList(doc);
  if (checked.ok) {
    process.stdout.write("ok\n");
    return;
  }
  for (const error of checked.errors) process.stderr.write(`${error}\n`);
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
