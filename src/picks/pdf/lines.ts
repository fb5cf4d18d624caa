/**
 * Positioned text items → lines of segments. A line is the items sharing a baseline (within a tolerance
 * from the font size); a segment is a run of items whose gaps are narrower than a cell gap, so a word
 * split over several items (one item per glyph is common in Chinese PDFs) is one segment, and a wide gap
 * (a table's column gap, or the gutter between a sidebar and the main text) starts a new one. Pure.
 */
import { normalizeGlyphs } from "../glyphs";
import { CJK_CLASS } from "../text";
import type { PdfPageText, PdfTextItem } from "./types";

export interface Run {
  x0: number;
  x1: number;
  text: string;
}

export interface Segment extends Run {
  /** The items the segment was joined from (with their join spacing), so a table can split it again. */
  runs: Run[];
}

export interface TextLine {
  page: number;
  /** Baseline (PDF units, up from the bottom of the page). */
  y: number;
  /** Font size of the line (the smallest of its items). */
  size: number;
  /** Left to right. */
  segments: Segment[];
}

/** Items whose baselines differ by less than this fraction of the font size are on one line. */
const BASELINE_TOLERANCE = 0.45;
/** A gap of at least this many ems between items separates cells (word spaces are ~0.25–0.35 em). */
export const CELL_GAP_EM = 0.8;
/** Below this many ems the two items are one word: joined without a space. */
const JOIN_GAP_EM = 0.12;
/** Font size assumed for items that carry none. */
const DEFAULT_SIZE = 10;

const CJK_EDGE_RE = new RegExp(`[${CJK_CLASS}\\u3000-\\u303f\\uff00-\\uffef]`);

function sizeOf(item: PdfTextItem): number {
  return item.height > 0 ? item.height : DEFAULT_SIZE;
}

/** Text of two adjacent runs: no space between Chinese characters or full-width punctuation. */
export function joinRuns(left: string, right: string, spaced: boolean): string {
  if (left === "") return right;
  if (right === "") return left;
  if (!spaced) return left + right;
  const a = left[left.length - 1]!;
  const b = right[0]!;
  if (CJK_EDGE_RE.test(a) || CJK_EDGE_RE.test(b)) return left + right;
  return `${left} ${right}`;
}

interface PlacedItem {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

function segmentsOf(items: PlacedItem[], size: number): Segment[] {
  items.sort((a, b) => a.x0 - b.x0);
  const segments: Segment[] = [];
  let current: Segment | null = null;
  for (const item of items) {
    const gap = current ? item.x0 - current.x1 : Infinity;
    const run = { x0: item.x0, x1: item.x1, text: item.text };
    if (current && gap < CELL_GAP_EM * size) {
      const last = current.runs[current.runs.length - 1]!;
      if (gap < JOIN_GAP_EM * size) {
        // One word split over several items: one run.
        last.text += item.text;
        last.x1 = Math.max(last.x1, item.x1);
      } else current.runs.push(run);
      current.text = joinRuns(current.text, item.text, gap >= JOIN_GAP_EM * size);
      current.x1 = Math.max(current.x1, item.x1);
    } else {
      current = { ...run, runs: [{ ...run }] };
      segments.push(current);
    }
  }
  return segments;
}

/** One page's items → its lines, top to bottom. Glyph artefacts are normalised here, item by item. */
export function pageLines(page: PdfPageText): TextLine[] {
  const placed: PlacedItem[] = [];
  for (const item of page.items) {
    const text = normalizeGlyphs(item.str).replace(/\s+/g, " ").trim();
    if (text === "") continue; // pdf.js reports the gaps between runs as space items
    const size = sizeOf(item);
    // Leading/trailing spaces inside an item shift its visible text; their width is an estimate.
    const lead = item.str.length - item.str.trimStart().length;
    const trail = item.str.length - item.str.trimEnd().length;
    const perChar = item.str.length > 0 ? Math.abs(item.width) / item.str.length : 0;
    const x0 = item.x + lead * perChar;
    const x1 = Math.max(x0, item.x + Math.abs(item.width) - trail * perChar);
    placed.push({ text, x0, x1, y: item.y, size });
  }
  placed.sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const lines: TextLine[] = [];
  let group: PlacedItem[] = [];
  let groupY = 0;
  let groupSize = 0;
  const flush = () => {
    if (group.length === 0) return;
    lines.push({ page: page.page, y: groupY, size: groupSize, segments: segmentsOf(group, groupSize) });
    group = [];
  };
  for (const item of placed) {
    if (group.length > 0 && Math.abs(item.y - groupY) <= BASELINE_TOLERANCE * Math.min(item.size, groupSize)) {
      group.push(item);
      groupSize = Math.min(groupSize, item.size);
      continue;
    }
    flush();
    group = [item];
    groupY = item.y;
    groupSize = item.size;
  }
  flush();
  return lines;
}

export function lineText(line: TextLine): string {
  return line.segments.reduce((text, s) => joinRuns(text, s.text, true), "");
}
