/**
 * Custom-function cost: each AIC function called as Excel calls it (1×1 grids) against the same
 * arithmetic written inline with the same calling convention (the floor), and a 100,000-cell broadcast.
 * Target: within 3× of the floor per call.
 */
import "../test/support/custom-functions-runtime";
import { ditGflops, fwdPe, gpuTflops, patchesPerMin, soraInferGpus, soraTrainGpus } from "../src/functions/functions";
import { formatNs, measure, Section } from "./harness";

type Grid = any[][];
const g = (v: unknown): Grid => [[v]];
const TARGET = 3;
/** The floor's GPU lookup: the same one figure, without names, aliases or validation. */
const FLOOR_TABLE: Record<string, Record<string, number>> = { h100: { fp8: 1978.9 } };

/**
 * Excel's runtime calls every custom function through one invoker with freshly built argument arrays.
 * Both sides go through this one call site, which sees many functions (megamorphic), so V8 cannot inline
 * either into the benchmark loop and optimise the argument arrays away: the floor stays honest.
 */
function invoke(fn: (...args: Grid[]) => unknown, args: Grid[]): unknown {
  return fn(...args);
}

export function functionsBench(): Section {
  const v = (grid: Grid): number => grid[0][0] as number;
  const cases: Array<{ name: string; fn: (...a: Grid[]) => unknown; floor: (...a: Grid[]) => unknown; args: () => Grid[] }> = [
    {
      name: "PATCHES_PER_MIN(1920,1280,30,60,80,1)",
      fn: patchesPerMin,
      floor: (w, h, f, pw, ph, fp) => [[Math.ceil(v(w) / v(pw)) * Math.ceil(v(h) / v(ph)) * Math.ceil((v(f) * 60) / v(fp))]],
      args: () => [g(1920), g(1280), g(30), g(60), g(80), g(1)],
    },
    {
      name: "SORA_TRAIN_GPUS(324,6,500,312,0.8,30,30,1)",
      fn: soraTrainGpus,
      floor: (gf, fps, up, t, u, dd, td, ep) =>
        [[(v(up) * 3600 * 1440 * v(dd) * v(fps) * v(gf) * 1e9 * v(ep)) / (v(t) * 1e12 * v(u) * v(td) * 86400)]],
      args: () => [g(324), g(6), g(500), g(312), g(0.8), g(30), g(30), g(1)],
    },
    {
      name: "SORA_INFER_GPUS(1.5e9,3,921600,312,1,1)",
      fn: soraInferGpus,
      floor: (h, p, m, t, u, st) => [[(v(h) * 60 * v(m) * 2 * v(p) * 1e9 * v(st)) / (v(t) * 1e12 * v(u) * 86400)]],
      args: () => [g(1.5e9), g(3), g(921600), g(312), g(1), g(1)],
    },
    {
      name: "DIT_GFLOPS(28,1152,4,256,256)",
      fn: ditGflops,
      floor: (n, d, p, hh, ww) => {
        const t = (v(hh) / 8 / v(p)) * (v(ww) / 8 / v(p));
        const dd = v(d);
        return [[(v(n) * (12 * dd * dd * t + 2 * t * t * dd + 6 * dd * dd) + 3 * dd * dd + 256 * dd + 12 * t * v(p) * v(p) * dd) / 1e9]];
      },
      args: () => [g(28), g(1152), g(4), g(256), g(256)],
    },
    {
      name: 'GPU_TFLOPS("H100","FP8")',
      fn: gpuTflops,
      floor: (gpu, precision) => [[FLOOR_TABLE[String(gpu[0][0]).toLowerCase()][String(precision[0][0]).toLowerCase()]]],
      args: () => [g("H100"), g("FP8")],
    },
    {
      name: "FWD_PE(30.38,2.07)",
      fn: fwdPe,
      floor: (p, e) => [[v(p) / v(e)]],
      args: () => [g(30.38), g(2.07)],
    },
  ];

  // Make the shared invoker megamorphic before any measurement, as Excel's is: otherwise the first cases
  // measured would see a call site with one or two targets, which V8 inlines.
  for (let i = 0; i < 20_000; i++) for (const c of cases) invoke(i % 2 ? c.fn : c.floor, c.args());

  const rows: string[][] = [];
  const misses: string[] = [];
  for (const c of cases) {
    const ours = measure(() => invoke(c.fn, c.args()), 200_000).nsPerOp;
    const floor = measure(() => invoke(c.floor, c.args()), 200_000).nsPerOp;
    const ratio = ours / floor;
    rows.push([c.name, formatNs(ours), formatNs(floor), `${ratio.toFixed(2)}×`, ratio <= TARGET ? "yes" : "NO"]);
    if (ratio > TARGET) misses.push(`${c.name}: ${ratio.toFixed(2)}× the floor (target ${TARGET}×)`);
  }

  // 100,000-cell broadcast: a price column against an EPS column, as an inserted table's live P/E does.
  const n = 100_000;
  const prices = Array.from({ length: n }, (_, i) => [10 + (i % 500) * 0.37]);
  const eps = Array.from({ length: n }, (_, i) => [0.05 + (i % 97) * 0.03]);
  const broadcast = measure(() => invoke(fwdPe, [prices, eps]), 5).nsPerOp;
  const broadcastFloor = measure(
    () =>
      invoke(
        (p, e) => {
          const out = new Array(n);
          for (let i = 0; i < n; i++) out[i] = [(p[i][0] as number) / (e[i][0] as number)];
          return out;
        },
        [prices, eps],
      ),
    5,
  ).nsPerOp;
  const ratio = broadcast / broadcastFloor;
  rows.push([`FWD_PE over ${n.toLocaleString("en-US")}×1 ranges`, formatNs(broadcast), formatNs(broadcastFloor), `${ratio.toFixed(2)}×`, ratio <= TARGET ? "yes" : "NO"]);
  if (ratio > TARGET) misses.push(`100,000-cell broadcast: ${ratio.toFixed(2)}× the floor (target ${TARGET}×)`);

  return {
    title: "Custom functions",
    note:
      "Median time per call as Excel calls it: every argument a fresh 1×1 grid, the result a grid, through one invoker for all functions (as Excel's runtime dispatches). The floor is the same arithmetic written inline with the same grid-in, grid-out convention and no validation, called the same way. Target: within 3× of the floor.",
    header: ["call", "AIC", "floor", "ratio", "within 3×"],
    rows,
    misses,
  };
}
