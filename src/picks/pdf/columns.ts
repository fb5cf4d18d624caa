/**
 * Column bands of a block of lines: the x ranges its columns occupy, found from positions alone so that
 * left-aligned names, right-aligned numbers and centred headers all land in their column. Pure.
 *
 * - A segment that overlaps two or more segments of another line (a group header "EPS（元）" over
 *   "2024A 2025E 2026E") spans columns; it is set aside while the bands are found.
 * - The other segments' x ranges are merged where they overlap: each merged range is a band.
 * - Two neighbouring bands that never both hold text on one line are one column whose cells are aligned
 *   differently (a centred "—" beside right-aligned numbers); they are merged.
 */
import type { TextLine } from "./lines";

export interface Band {
  x0: number;
  x1: number;
}

function overlap(a: { x0: number; x1: number }, b: { x0: number; x1: number }): number {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
}

/**
 * For each line, for each segment: does it overlap two or more segments of some other line? It does
 * exactly when it covers a gap between two neighbouring segments of a line (reaching into both), and no
 * segment covers a gap of its own line, so one sorted list of all gaps answers every segment:
 * O(n log n), as a table joined over twenty pages needs.
 */
export function spanningSegments(lines: readonly TextLine[]): boolean[][] {
  const gaps: Array<[number, number]> = [];
  for (const line of lines) {
    for (let k = 0; k + 1 < line.segments.length; k++) gaps.push([line.segments[k]!.x1, line.segments[k + 1]!.x0]);
  }
  gaps.sort((a, b) => a[0] - b[0]);
  // minEnd[i]: the smallest gap end among gaps i.. (by start).
  const minEnd = new Array<number>(gaps.length + 1).fill(Infinity);
  for (let i = gaps.length - 1; i >= 0; i--) minEnd[i] = Math.min(gaps[i]![1], minEnd[i + 1]!);
  const firstStartAfter = (x: number): number => {
    let lo = 0;
    let hi = gaps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gaps[mid]![0] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return lines.map((line) => line.segments.map((seg) => minEnd[firstStartAfter(seg.x0)]! < seg.x1));
}

/** Bands overlapped by a segment, left to right (by positive overlap). */
export function bandsOf(seg: { x0: number; x1: number }, bands: readonly Band[]): number[] {
  const hit: number[] = [];
  bands.forEach((band, b) => {
    if (overlap(seg, band) > 0) hit.push(b);
  });
  return hit;
}

/** The band a segment belongs to: the one it overlaps most, else the nearest. */
export function bandOf(seg: { x0: number; x1: number }, bands: readonly Band[]): number {
  let best = 0;
  let bestScore = -Infinity;
  bands.forEach((band, b) => {
    const score = overlap(seg, band);
    if (score > bestScore) {
      best = b;
      bestScore = score;
    }
  });
  return best;
}

/** `mergeComplementary: false` gives the raw bands (before neighbours that never share a line are merged). */
export function findBands(
  lines: readonly TextLine[],
  spanning: readonly boolean[][] = spanningSegments(lines),
  mergeComplementary = true,
): Band[] {
  const ranges: Band[] = [];
  lines.forEach((line, li) =>
    line.segments.forEach((seg, si) => {
      if (!spanning[li]![si]) ranges.push({ x0: seg.x0, x1: seg.x1 });
    }),
  );
  if (ranges.length === 0) {
    // Only spanning segments (cannot happen with two or more lines, but stay total).
    for (const line of lines) for (const seg of line.segments) ranges.push({ x0: seg.x0, x1: seg.x1 });
  }
  ranges.sort((a, b) => a.x0 - b.x0);
  const bands: Band[] = [];
  for (const r of ranges) {
    const last = bands[bands.length - 1];
    if (last && r.x0 < last.x1) last.x1 = Math.max(last.x1, r.x1);
    else bands.push({ ...r });
  }
  if (!mergeComplementary) return bands;
  // Neighbours never filled on the same line are one column.
  const filled: Set<number>[] = bands.map(() => new Set<number>());
  lines.forEach((line, li) =>
    line.segments.forEach((seg, si) => {
      if (!spanning[li]![si]) filled[bandOf(seg, bands)]!.add(li);
    }),
  );
  for (let b = 0; b + 1 < bands.length; ) {
    const left = filled[b]!;
    const right = filled[b + 1]!;
    if ([...right].some((li) => left.has(li))) {
      b++;
      continue;
    }
    bands[b] = { x0: bands[b]!.x0, x1: Math.max(bands[b]!.x1, bands[b + 1]!.x1) };
    for (const li of right) left.add(li);
    bands.splice(b + 1, 1);
    filled.splice(b + 1, 1);
  }
  return bands;
}
