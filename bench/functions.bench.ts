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

export function functionsBench(): Section {
  const cases: Array<{ name: string; call: () => unknown; floor: () => unknown }> = [
    {
      name: "PATCHES_PER_MIN(1920,1280,30,60,80,1)",
      call: () => patchesPerMin(g(1920), g(1280), g(30), g(60), g(80), g(1)),
      floor: () => {
        const [w, h, f, pw, ph, fp] = [g(1920), g(1280), g(30), g(60), g(80), g(1)].map((x) => x[0][0] as number);
        return [[Math.ceil(w / pw) * Math.ceil(h / ph) * Math.ceil((f * 60) / fp)]];
      },
    },
    {
      name: "SORA_TRAIN_GPUS(324,6,500,312,0.8,30,30,1)",
      call: () => soraTrainGpus(g(324), g(6), g(500), g(312), g(0.8), g(30), g(30), g(1)),
      floor: () => {
        const [gf, fps, up, t, u, dd, td, ep] = [g(324), g(6), g(500), g(312), g(0.8), g(30), g(30), g(1)].map((x) => x[0][0] as number);
        return [[(up * 3600 * 1440 * dd * fps * gf * 1e9 * ep) / (t * 1e12 * u * td * 86400)]];
      },
    },
    {
      name: "SORA_INFER_GPUS(1.5e9,3,921600,312,1,1)",
      call: () => soraInferGpus(g(1.5e9), g(3), g(921600), g(312), g(1), g(1)),
      floor: () => {
        const [h, p, m, t, u, s] = [g(1.5e9), g(3), g(921600), g(312), g(1), g(1)].map((x) => x[0][0] as number);
        return [[(h * 60 * m * 2 * p * 1e9 * s) / (t * 1e12 * u * 86400)]];
      },
    },
    {
      name: 'DIT_GFLOPS(28,1152,4,256,256)',
      call: () => ditGflops(g(28), g(1152), g(4), g(256), g(256)),
      floor: () => {
        const [n, d, p, hh, ww] = [g(28), g(1152), g(4), g(256), g(256)].map((x) => x[0][0] as number);
        const t = (hh / 8 / p) * (ww / 8 / p);
        return [[(n * (12 * d * d * t + 2 * t * t * d + 6 * d * d) + 3 * d * d + 256 * d + 12 * t * p * p * d) / 1e9]];
      },
    },
    {
      name: 'GPU_TFLOPS("H100","FP8")',
      call: () => gpuTflops(g("H100"), g("FP8")),
      floor: () => {
        const table: Record<string, Record<string, number>> = { h100: { fp8: 1978.9 } };
        return [[table[(g("H100")[0][0] as string).toLowerCase()][(g("FP8")[0][0] as string).toLowerCase()]]];
      },
    },
    {
      name: "FWD_PE(30.38,2.07)",
      call: () => fwdPe(g(30.38), g(2.07)),
      floor: () => {
        const p = g(30.38)[0][0] as number;
        const e = g(2.07)[0][0] as number;
        return [[p / e]];
      },
    },
  ];

  const rows: string[][] = [];
  const misses: string[] = [];
  for (const c of cases) {
    const ours = measure(c.call, 200_000).nsPerOp;
    const floor = measure(c.floor, 200_000).nsPerOp;
    const ratio = ours / floor;
    rows.push([c.name, formatNs(ours), formatNs(floor), `${ratio.toFixed(2)}×`, ratio <= TARGET ? "yes" : "NO"]);
    if (ratio > TARGET) misses.push(`${c.name}: ${ratio.toFixed(2)}× the floor (target ${TARGET}×)`);
  }

  // 100,000-cell broadcast: a price column against an EPS column, as an inserted table's live P/E does.
  const n = 100_000;
  const prices = Array.from({ length: n }, (_, i) => [10 + (i % 500) * 0.37]);
  const eps = Array.from({ length: n }, (_, i) => [0.05 + (i % 97) * 0.03]);
  const broadcast = measure(() => fwdPe(prices, eps), 5).nsPerOp;
  const broadcastFloor = measure(() => {
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = [(prices[i][0] as number) / (eps[i][0] as number)];
    return out;
  }, 5).nsPerOp;
  const ratio = broadcast / broadcastFloor;
  rows.push([`FWD_PE over ${n.toLocaleString("en-US")}×1 ranges`, formatNs(broadcast), formatNs(broadcastFloor), `${ratio.toFixed(2)}×`, ratio <= TARGET ? "yes" : "NO"]);
  if (ratio > TARGET) misses.push(`100,000-cell broadcast: ${ratio.toFixed(2)}× the floor (target ${TARGET}×)`);

  return {
    title: "Custom functions",
    note:
      "Median time per call as Excel calls it (every argument a 1×1 grid, result a grid). The floor is the same arithmetic written inline with the same grid-in, grid-out convention and no validation. Target: within 3× of the floor.",
    header: ["call", "AIC", "floor", "ratio", "within 3×"],
    rows,
    misses,
  };
}
