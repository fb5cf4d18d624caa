/** Timing helpers for npm run bench: median of several runs, each long enough to measure. */
import { performance } from "perf_hooks";

export interface Measurement {
  /** Median nanoseconds per operation over `runs` runs. */
  nsPerOp: number;
  runs: number;
  opsPerRun: number;
}

/** Runs `op` `opsPerRun` times per run, `runs` runs after a warm-up, and reports the median per-op time. */
export function measure(op: () => unknown, opsPerRun: number, runs = 7): Measurement {
  let sink: unknown;
  for (let i = 0; i < Math.min(opsPerRun, 10_000); i++) sink = op(); // warm up the JIT
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (let i = 0; i < opsPerRun; i++) sink = op();
    samples.push(((performance.now() - t0) * 1e6) / opsPerRun);
  }
  if (sink === Symbol.for("never")) console.log(sink); // keep the result observable
  samples.sort((a, b) => a - b);
  return { nsPerOp: samples[Math.floor(samples.length / 2)], runs, opsPerRun };
}

/** Median wall time in ms of an async operation run `runs` times. */
export async function measureAsync(op: () => Promise<unknown>, runs = 5): Promise<number> {
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await op();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

export function formatNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(0)} ns`;
}

/** A section of the report: a title, a markdown table and whether its targets held. */
export interface Section {
  title: string;
  note: string;
  header: string[];
  rows: string[][];
  /** Targets that did not hold, in words; empty when all held. */
  misses: string[];
}

export function markdownTable(header: string[], rows: string[][]): string {
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}
