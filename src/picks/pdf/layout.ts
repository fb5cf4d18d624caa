/**
 * Pages of positioned text → the plain text the note importer reads, one line per printed line, with
 * tables written tab-separated (a cell per column, blanks kept in place) so every rule of the text
 * importer holds for PDFs. Pure.
 *
 * - Lines of two or more segments that follow each other closely form a block. A block with rows of
 *   three or more cells, or rows holding tickers, is a table; any other block is text set in columns
 *   (a sidebar beside the main text) and is written column by column, so a date or an analyst's line in
 *   the sidebar stays a line of its own.
 * - A one-segment line just above a table that sits over its columns (not at its left edge) is a group
 *   header ("EPS（元）" over three years) and belongs to the table.
 * - A table's header lines (all lines above its first ticker row) become one label line and one year
 *   line: a column's texts are read top to bottom ("股价" over "（元）" → "股价（元）"), years go to the
 *   year line, and a group header goes to the first column of the span of rising years it is printed
 *   over, wherever it sits over it (or, when it is a year, under each labelled column it spans).
 * - A table that ends a page and resumes on the next, at its top (perhaps under a "续表" caption and a
 *   repeated header) or after other text (same columns, same kinds of cells, no other table's caption
 *   between), is one table; the text between stays text.
 */
import { parseYearCell } from "../columns";
import { SOURCE_PREFIX_RE } from "../importer/lines";
import { isExplicitTicker } from "../tickers";
import { bandOf, bandsOf, findBands, spanningSegments, type Band } from "./columns";
import { joinRuns, lineText, pageLines, type Segment, type TextLine } from "./lines";
import { dropRunningLines } from "./running";
import type { PdfPageText } from "./types";

export interface LaidOutNote {
  /** The note's text, one printed line per line. */
  lines: string[];
  /** The page (1-based) each line comes from. */
  pages: number[];
  /** The running headers and footers dropped from the pages (each text once, in page order): not text of the note. */
  margin: string[];
}

/** Lines further apart than this many font sizes are not one block. */
const BLOCK_LINE_GAP = 2.6;
/** A group header sits at most this many font sizes above the line below it. */
const GROUP_HEADER_GAP = 2.0;

const CONTINUED_RE = /续表|（续）|\(续\)|续$|\bcont(?:inued|\.|'d)\b/i;

function isTickerLine(line: TextLine): boolean {
  return line.segments.some((s) => isExplicitTicker(s.text));
}

interface Block {
  lines: TextLine[];
  table: boolean;
}

type Unit = { line: TextLine } | { block: Block };

function isTableBlock(lines: readonly TextLine[]): boolean {
  if (lines.length < 2) return false;
  const wide = lines.filter((l) => l.segments.length >= 3).length;
  const tickers = lines.filter(isTickerLine).length;
  return wide >= 2 || tickers >= 1;
}

function closeBelow(upper: TextLine, lower: TextLine, factor: number): boolean {
  return upper.y - lower.y <= factor * Math.max(upper.size, lower.size);
}

const CAPTION_LIKE_RE = /^\s*(?:表|图表|附表|图|Table|Exhibit|Figure|Chart)\s*\d|^\s*(?:资料来源|数据来源|来源|Sources?)\s*[:：]/i;

/**
 * A one-segment line just above a table that belongs to its header: close above the line below it, not
 * a caption or source line, and either over the columns of the table's first row but not at its left
 * edge (a group header "EPS（元）"), or over exactly one cell of that row (a header cell printed
 * vertically centred in a merged two-row cell, alone on its baseline: "代码").
 */
function isHeaderLineOver(upper: TextLine, lower: TextLine, firstRow: TextLine | undefined): boolean {
  if (upper.segments.length !== 1 || lower.segments.length < 1) return false;
  if (!closeBelow(upper, lower, GROUP_HEADER_GAP)) return false;
  const seg = upper.segments[0]!;
  if (CONTINUED_RE.test(seg.text) || CAPTION_LIKE_RE.test(seg.text)) return false;
  if (!firstRow) return false;
  const first = firstRow.segments[0]!;
  const last = firstRow.segments[firstRow.segments.length - 1]!;
  if (seg.x0 > first.x1 && seg.x1 <= last.x1 + upper.size) return true;
  const over = firstRow.segments.filter((s) => Math.min(s.x1, seg.x1) - Math.max(s.x0, seg.x0) > 0);
  return over.length === 1 && seg.x1 - seg.x0 <= (over[0]!.x1 - over[0]!.x0) + upper.size;
}

/** One page's lines → units: single lines and blocks. */
function pageUnits(lines: readonly TextLine[]): Unit[] {
  const units: Unit[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.segments.length < 2) {
      units.push({ line });
      i++;
      continue;
    }
    const block = [line];
    let j = i + 1;
    while (j < lines.length && lines[j]!.segments.length >= 2 && closeBelow(lines[j - 1]!, lines[j]!, BLOCK_LINE_GAP)) {
      block.push(lines[j]!);
      j++;
    }
    const table = isTableBlock(block);
    if (table) {
      // Header lines of one cell above the block (up to two) belong to it.
      const firstRow = block.find(isTickerLine);
      for (let attached = 0; attached < 2 && units.length > 0; attached++) {
        const prev = units[units.length - 1]!;
        if (!("line" in prev) || !isHeaderLineOver(prev.line, block[0]!, firstRow)) break;
        units.pop();
        block.unshift(prev.line);
      }
    }
    units.push({ block: { lines: block, table } });
    i = j;
  }
  return units;
}

function fitsBands(lines: readonly TextLine[], bands: readonly Band[]): boolean {
  return lines.every(
    (line) => line.segments.length <= bands.length && line.segments.every((s) => bandsOf(s, bands).length > 0),
  );
}

/** A caption naming a table ("表5", "图表 6", "Table 6", "Exhibit 6"): a different table starts. */
const TABLE_CAPTION_RE = /^\s*(?:续?表|图表|附表|Table|Exhibit)\s*\d/i;
/** A chart's caption ("图3", "Figure 3"): it names the rows only when printed directly above them. */
const FIGURE_CAPTION_RE = /^\s*(?:图|Figure|Fig\.|Chart)\s*\d/i;
/** Data rows of the table on the previous page that the continuation is compared with (the last ones). */
const COMPARED_ROWS = 30;

type CellKind = "ticker" | "number" | "text";

function cellKind(text: string): CellKind | null {
  const t = text.trim();
  if (t === "" || /^(?:[-–—－]+|N\/?A|NM|n\.?a\.?)$/i.test(t)) return null;
  if (isExplicitTicker(t)) return "ticker";
  if (/^[+\-−]?[\d,]*\.?\d+\s*[%x倍]?$/i.test(t)) return "number";
  return "text";
}

/** Per column: how many of the rows' cells there are of each kind. */
function columnKinds(rows: readonly TextLine[], bands: readonly Band[]): Map<CellKind, number>[] {
  const kinds = bands.map(() => new Map<CellKind, number>());
  for (const row of rows) {
    rowCells(row, bands).forEach((cell, b) => {
      const kind = cellKind(cell);
      if (kind) kinds[b]!.set(kind, (kinds[b]!.get(kind) ?? 0) + 1);
    });
  }
  return kinds;
}

/**
 * Each column holds mostly what it held on the previous page (tickers, numbers, text): at least half
 * of the rows' cells in a column are of the kind most of the table's cells there are. A stray "亏损"
 * among numbers passes; names where prices were do not.
 */
function sameKinds(table: readonly TextLine[], rows: readonly TextLine[], bands: readonly Band[]): boolean {
  const before = columnKinds(table, bands);
  return columnKinds(rows, bands).every((kinds, b) => {
    let main: CellKind | null = null;
    for (const [kind, n] of before[b]!) if (main === null || n > before[b]!.get(main)!) main = kind;
    const total = [...kinds.values()].reduce((a, n) => a + n, 0);
    return main === null || total === 0 || 2 * (kinds.get(main) ?? 0) >= total;
  });
}

/**
 * Do the rows' columns line up with the bands, one for one: as many columns, each overlapping its band
 * and aligned with it on the left, the right or the centre (within an em)?
 */
function sameColumns(bands: readonly Band[], rows: readonly TextLine[]): boolean {
  const theirs = findBands(rows);
  if (theirs.length !== bands.length) return false;
  const tolerance = Math.max(...rows.map((r) => r.size));
  return bands.every((band, b) => {
    const other = theirs[b]!;
    if (Math.min(band.x1, other.x1) - Math.max(band.x0, other.x0) <= 0) return false;
    const centre = Math.abs(band.x0 + band.x1 - other.x0 - other.x1) / 2;
    return Math.min(Math.abs(band.x0 - other.x0), Math.abs(band.x1 - other.x1), centre) <= tolerance;
  });
}

interface Continuation {
  /** Index of the continuing block among the page's units. */
  at: number;
  /** Its rows (a repeated header dropped). */
  rows: TextLine[];
  /** Units before it that go (a "续表" caption, the table's caption repeated, its header repeated). */
  dropped: Set<number>;
}

/**
 * Where the table ending the previous page continues on this one, if it does: the page's first table
 * (or lone ticker row), when it carries ticker rows on under a repeated header or none. At the top of
 * the page (nothing but a "续表" caption or the table's own caption before it) its cells need only fall
 * in the table's columns. After other text (a paragraph, a chart and its caption) it must have the
 * same columns (count and positions) and mostly the same kind of cell in each, and no caption naming
 * another table may come between (a "表5" anywhere, or a chart's "图3" directly above it).
 */
function continuationOn(units: readonly Unit[], table: Block, caption: string | null): Continuation | null {
  const header = headerLines(table.lines);
  const headerTexts = new Set(header.map(lineText));
  const dropped = new Set<number>();
  let textBefore = false;
  let captionAbove = false;
  for (let k = 0; k < units.length; k++) {
    const unit = units[k]!;
    if ("line" in unit) {
      const text = lineText(unit.line);
      if (CONTINUED_RE.test(text) || (caption !== null && text === caption)) {
        dropped.add(k);
        continue;
      }
      if (headerTexts.has(text)) {
        // A line of the repeated header not attached to its block.
        dropped.add(k);
        continue;
      }
      if (TABLE_CAPTION_RE.test(text)) return null;
      captionAbove = FIGURE_CAPTION_RE.test(text);
      textBefore = true;
      continue;
    }
    // A block is text unless it is a table or a lone ticker row (the last row spilled over the break).
    if (!unit.block.table && !unit.block.lines.every(isTickerLine)) {
      textBefore = true;
      captionAbove = false;
      continue;
    }
    if (captionAbove) return null;
    let rows = unit.block.lines;
    const firstTicker = rows.findIndex(isTickerLine);
    if (firstTicker < 0 || !rows.slice(0, firstTicker).every((l) => headerTexts.has(lineText(l)))) return null;
    rows = rows.slice(firstTicker);
    if (!textBefore) return fitsBands(rows, findBands(table.lines)) ? { at: k, rows, dropped } : null;
    const data = table.lines.slice(header.length).slice(-COMPARED_ROWS);
    const bands = findBands(data);
    if (!sameColumns(bands, rows) || !sameKinds(data, rows, bands)) return null;
    return { at: k, rows, dropped };
  }
  return null;
}

/** The caption line printed just above `units[at]`, if any. */
function captionAbove(units: readonly Unit[], at: number): string | null {
  const unit = units[at - 1];
  if (!unit || !("line" in unit)) return null;
  const text = lineText(unit.line);
  return TABLE_CAPTION_RE.test(text) || FIGURE_CAPTION_RE.test(text) ? text : null;
}

/**
 * Joins a table ending one page with its continuation on the next (see continuationOn). Text printed
 * before the continuation stays text, after the table; the table's source line, printed under the
 * continuation, moves up to stay under the table.
 */
function joinAcrossPages(pages: Unit[][]): Unit[] {
  const out: Unit[] = [];
  // The table the previous page's content ends with (in printed order), and its caption.
  let open: { block: Block; caption: string | null; index: number } | null = null;
  const ending = (units: readonly Unit[]): typeof open => {
    const last = units[units.length - 1];
    return last && "block" in last && last.block.table
      ? { block: last.block, caption: captionAbove(units, units.length - 1), index: out.length - 1 }
      : null;
  };
  for (const units of pages) {
    const found = open ? continuationOn(units, open.block, open.caption) : null;
    if (!open || !found) {
      out.push(...units);
      open = ending(units);
      continue;
    }
    open.block.lines.push(...found.rows);
    let after = found.at + 1;
    const next = units[after];
    if (next && "line" in next && SOURCE_PREFIX_RE.test(lineText(next.line))) {
      out.splice(open.index + 1, 0, next);
      after++;
    }
    units.slice(0, found.at).forEach((unit, k) => {
      if (!found.dropped.has(k)) out.push(unit);
    });
    out.push(...units.slice(after));
    if (after < units.length) open = ending(units);
  }
  return out;
}

/** The lines of a table above its first ticker row. */
function headerLines(lines: readonly TextLine[]): TextLine[] {
  const first = lines.findIndex(isTickerLine);
  return first < 0 ? [] : lines.slice(0, first);
}

function isYearText(text: string): boolean {
  return parseYearCell(text) !== null;
}

/**
 * The table's header lines → [label line, year line?] as cells per band. The year columns fall into
 * spans: runs of years that go up ("2024A 2025E 2026E | 2024A 2025E 2026E" is two). The one label
 * printed over a span, wherever it sits (centred, right-aligned over its last year, wide enough to reach
 * into two), is the span's group header ("EPS（元）"): it moves to the span's first column, and the text
 * importer carries it to the rest.
 */
function mergeHeader(header: readonly TextLine[], bands: readonly Band[], spanning: readonly boolean[][]): string[][] {
  const labels: string[] = bands.map(() => "");
  const labelLine: number[] = bands.map(() => -1);
  const years: string[] = bands.map(() => "");
  const groups: { text: string; bands: number[] }[] = [];
  const yearCounts = header.map((line) => line.segments.filter((s) => isYearText(s.text)).length);
  const yearLine = yearCounts.indexOf(Math.max(0, ...yearCounts));
  header.forEach((line, li) =>
    line.segments.forEach((seg, si) => {
      const hit = bandsOf(seg, bands);
      if (spanning[li]![si] && hit.length >= 2) {
        groups.push({ text: seg.text, bands: hit });
        return;
      }
      const b = bandOf(seg, bands);
      if (isYearText(seg.text) && years[b] === "") years[b] = seg.text;
      else {
        labels[b] = joinRuns(labels[b]!, seg.text, true);
        if (labelLine[b]! < 0) labelLine[b] = li;
      }
    }),
  );
  for (const group of groups) {
    if (isYearText(group.text)) {
      for (const b of group.bands) if (years[b] === "") years[b] = group.text;
      continue;
    }
    const open = group.bands.filter((b) => labels[b] === "");
    if (open.length === 0) continue; // a title over labelled columns ("盈利预测"): nothing to place
    labels[open[0]!] = group.text;
    labelLine[open[0]!] = yearLine - 1;
  }
  // A span ends where the years start again (…2025E | 2023E…) or at a column without a year.
  const yearOf = (b: number) => parseYearCell(years[b]!)?.year ?? NaN;
  for (let b = 0; b < bands.length; ) {
    if (years[b] === "") {
      b++;
      continue;
    }
    let end = b + 1;
    while (end < bands.length && years[end] !== "" && yearOf(end) > yearOf(end - 1)) end++;
    const labelled = [];
    for (let c = b; c < end; c++) if (labels[c] !== "") labelled.push(c);
    const only = labelled[0];
    if (labelled.length === 1 && only !== b && labelLine[only!]! < yearLine) {
      labels[b] = labels[only!]!;
      labelLine[b] = labelLine[only!]!;
      labels[only!] = "";
    }
    b = end;
  }
  return years.some((y) => y !== "") ? [labels, years] : [labels];
}

function rowCells(line: TextLine, bands: readonly Band[]): string[] {
  const cells: string[] = bands.map(() => "");
  for (const seg of line.segments) {
    const b = bandOf(seg, bands);
    cells[b] = joinRuns(cells[b]!, seg.text, true);
  }
  return cells;
}

/**
 * Data rows whose cells came out as one segment (a right-aligned number too close to the left-aligned
 * text of the next column: "68.48买入") are split again where their items fall in different columns.
 */
function splitAcrossBands(lines: readonly TextLine[], from: number, bands: readonly Band[]): TextLine[] {
  return lines.map((line, li) => {
    if (li < from || !line.segments.some((s) => s.runs.length > 1 && bandsOf(s, bands).length >= 2)) return line;
    const segments: Segment[] = [];
    for (const seg of line.segments) {
      if (seg.runs.length < 2 || bandsOf(seg, bands).length < 2) {
        segments.push(seg);
        continue;
      }
      let current: Segment | null = null;
      let currentBand = -1;
      for (const run of seg.runs) {
        const b = bandOf(run, bands);
        if (current && b === currentBand) {
          current.text = joinRuns(current.text, run.text, true);
          current.x1 = Math.max(current.x1, run.x1);
          current.runs.push(run);
        } else {
          current = { x0: run.x0, x1: run.x1, text: run.text, runs: [run] };
          currentBand = b;
          segments.push(current);
        }
      }
    }
    return { ...line, segments };
  });
}

function emitTable(block: Block, emit: (text: string, page: number) => void): void {
  const headerCount = headerLines(block.lines).length;
  // The header's own cells (centred, so never glued) say where data cells that came out glued split;
  // then the columns proper are found from the header and the split rows.
  const header = block.lines.slice(0, headerCount);
  const lines = headerCount > 0 ? splitAcrossBands(block.lines, headerCount, findBands(header, spanningSegments(header), false)) : block.lines;
  const spanning = spanningSegments(lines);
  const bands = findBands(lines, spanning);
  const page = lines[0]!.page;
  if (headerCount > 0) {
    for (const cells of mergeHeader(lines.slice(0, headerCount), bands, spanning.slice(0, headerCount))) emit(cells.join("\t"), page);
  }
  for (const line of lines.slice(headerCount)) emit(rowCells(line, bands).join("\t"), line.page);
}

function emitColumns(block: Block, emit: (text: string, page: number) => void): void {
  const bands = findBands(block.lines);
  bands.forEach((_, b) => {
    for (const line of block.lines) {
      const text = line.segments.filter((s) => bandOf(s, bands) === b).reduce((t, s) => joinRuns(t, s.text, true), "");
      if (text !== "") emit(text, line.page);
    }
  });
}

/** The note's pages → its text, line by line, with the page of each line. */
export function layoutNote(pages: readonly PdfPageText[]): LaidOutNote {
  const all = pages.map((p) => pageLines(p));
  const perPage = dropRunningLines(
    all,
    pages.map((p) => p.height),
  );
  const units = joinAcrossPages(perPage.map(pageUnits));
  // The running lines dropped, each text once in page order: the importer may still need them for who wrote the note.
  const margin = new Set<string>();
  all.forEach((lines, p) => {
    const kept = new Set(perPage[p]);
    for (const line of lines) if (!kept.has(line)) margin.add(lineText(line));
  });
  const out: LaidOutNote = { lines: [], pages: [], margin: [...margin] };
  const emit = (text: string, page: number) => {
    out.lines.push(text);
    out.pages.push(page);
  };
  let lastPage = 0;
  for (const unit of units) {
    const page = "line" in unit ? unit.line.page : unit.block.lines[0]!.page;
    if (lastPage !== 0 && page !== lastPage) emit("", page);
    if ("line" in unit) emit(lineText(unit.line), page);
    else {
      if (out.lines.length > 0 && out.lines[out.lines.length - 1] !== "") emit("", page);
      if (unit.block.table) emitTable(unit.block, emit);
      else emitColumns(unit.block, emit);
      emit("", page);
    }
    lastPage = "line" in unit ? page : unit.block.lines[unit.block.lines.length - 1]!.page;
  }
  return out;
}
