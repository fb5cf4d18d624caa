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

/** For each line, for each segment: does it overlap two or more segments of some other line? */
export function spanningSegments(lines: readonly TextLine[]): boolean[][] {
  return lines.map((line, li) =>
    line.segments.map((seg) =>
      lines.some((other, oi) => {
        if (oi === li || other.segments.length < 2) return false;
        let hits = 0;
        for (const o of other.segments) {
          if (o.x0 >= seg.x1) break;
          if (overlap(seg, o) > 0 && ++hits >= 2) return true;
        }
        return false;
      }),
    ),
  );
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
  const occupied = (b: number): Set<number> => {
    const set = new Set<number>();
    lines.forEach((line, li) =>
      line.segments.forEach((seg, si) => {
        if (!spanning[li]![si] && bandOf(seg, bands) === b) set.add(li);
      }),
    );
    return set;
  };
  for (let b = 0; b + 1 < bands.length; ) {
    const left = occupied(b);
    const right = occupied(b + 1);
    if ([...left].some((li) => right.has(li))) {
      b++;
      continue;
    }
    bands[b] = { x0: bands[b]!.x0, x1: Math.max(bands[b]!.x1, bands[b + 1]!.x1) };
    bands.splice(b + 1, 1);
  }
  return bands;
}
