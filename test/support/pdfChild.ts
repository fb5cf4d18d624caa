/**
 * Runs the PDF importer (pdf.js legacy build) on files in a child process, because Jest's module
 * sandbox cannot load pdf.js's ES modules. Prints a JSON array with one outcome per file argument.
 *   tsx test/support/pdfChild.ts a.pdf b.pdf
 */
import { readFileSync } from "fs";
import * as path from "path";
import { importPdfFile } from "../../src/picks/pdf/node";

async function main(files: string[]): Promise<void> {
  const outcomes = [];
  for (const file of files) {
    const started = performance.now();
    const outcome = await importPdfFile(readFileSync(file), path.basename(file));
    outcomes.push({ file, ms: performance.now() - started, outcome });
  }
  process.stdout.write(JSON.stringify(outcomes));
}

void main(process.argv.slice(2));
