/**
 * Production bundle sizes, raw and gzipped, against the budgets the build enforces
 * (scripts/build/bundle-budget.js). Reads dist/, which npm run bench builds first.
 */
import { existsSync, readFileSync } from "fs";
import path from "path";
import type { Section } from "./harness";

// The budgets and the gzip measure have one home, the webpack plugin that enforces them.
const { BUNDLE_BUDGETS, gzipSize } = require("../scripts/build/bundle-budget.js") as {
  BUNDLE_BUDGETS: Record<string, number>;
  gzipSize: (content: Buffer) => number;
};

const DIST = path.resolve(__dirname, "..", "dist");
const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

export function bundleBench(): Section {
  const rows: string[][] = [];
  const misses: string[] = [];
  for (const [asset, budget] of Object.entries(BUNDLE_BUDGETS)) {
    const file = path.join(DIST, asset);
    if (!existsSync(file)) {
      misses.push(`dist/${asset} is missing: run npm run build (npm run bench does)`);
      continue;
    }
    const content = readFileSync(file);
    const gzipped = gzipSize(content);
    rows.push([asset, kb(content.length), kb(gzipped), kb(budget), `${Math.round((100 * gzipped) / budget)}%`]);
    if (gzipped > budget) misses.push(`${asset}: ${gzipped} bytes gzipped, over its budget of ${budget}`);
  }
  return {
    title: "Production bundles",
    note: "dist/ from `npm run build` (webpack, production mode). Gzip at zlib's default level, as a web server sends it. The budgets live in scripts/build/bundle-budget.js, about 25% over each bundle's size when set; the production build fails when a bundle outgrows its budget.",
    header: ["asset", "raw", "gzipped", "budget (gzipped)", "of budget"],
    rows,
    misses,
  };
}
