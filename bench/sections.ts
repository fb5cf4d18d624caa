/** The sections of npm run bench, in the order of docs/benchmarks.md, and the V8 flags each runs under. */
import { bundleBench } from "./bundle.bench";
import { excelBench } from "./excel.bench";
import { functionsBench } from "./functions.bench";
import type { Section } from "./harness";
import { picksBench } from "./picks.bench";
import { pdfBench } from "./pdf.bench";

export interface SectionSpec {
  run: () => Section | Promise<Section>;
  /** Node/V8 flags: a section with flags runs in a child process of its own (bench/child.ts). */
  nodeFlags: string[];
}

export const SECTIONS: Record<string, SectionSpec> = {
  // Default V8 flags: the shipped bundle as Excel's JavaScript engine runs it (see functions.bench.ts).
  functions: { run: functionsBench, nodeFlags: [] },
  excel: { run: excelBench, nodeFlags: [] },
  picks: { run: picksBench, nodeFlags: [] },
  bundle: { run: bundleBench, nodeFlags: [] },
  pdf: { run: pdfBench, nodeFlags: [] },
};
