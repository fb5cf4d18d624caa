/**
 * Table headers in both languages: which header lines sit above a table's rows, and the columns they
 * make. Column words come from src/picks/columns.ts (the one column list); this module only places them.
 *
 * A header is one line, or two read as one:
 * - labels over (or under) a line of years: "EPS  PE" / "2024A 2025E 2024A 2025E" (years shared out);
 * - a group line over labels with years in them: "EPS（元）" / "代码 名称 股价 2024A 2025E 2026E 评级"
 *   (each run of years belongs to the next group header, in order);
 * - in one line, a year run after a per-year header continues it: "EPS 24A 25E 26E".
 * Tab-separated lines are merged position by position; space-separated ones by order.
 */
import type { PickColumn } from "../types";
import { parseYearCell, recogniseHeader, standardColumn, type RecognisedHeader } from "../columns";
import { tableProblem } from "./problems";
import { MAX_TABLE_LINE, splitLine } from "./lines";

export interface TableColumn {
  /** Cell index in a tab-separated row, or ordinal position when the header is space-separated. */
  pos: number;
  column: PickColumn;
  /** Header text as printed (label and year line). */
  printed: string;
  percent: boolean;
  /** A column whose header no rule knows: its kind is decided by its values. */
  generic: boolean;
}

export interface HeaderLayout {
  columns: TableColumn[];
  /** True when positions are tab positions; false when the header was space-separated. */
  positional: boolean;
  priceDate: string | null;
}

type YearCell = { year: number; estimate: boolean };

/** One item of a header line: a recognised label, or a year cell. */
type HeaderItem = { text: string; rec: RecognisedHeader } | { text: string; year: YearCell };

/** What a header candidate line is. */
export type HeaderLineClass = "years" | "labels" | "mixed" | "group" | "noise";

/** Groups space-separated header tokens into items, longest match first ("Stock code", "股价 (元)", "EPS 24A"). */
function groupHeaderTokens(tokens: readonly string[]): HeaderItem[] | string {
  const out: HeaderItem[] = [];
  let p = 0;
  while (p < tokens.length) {
    let found: { item: HeaderItem; n: number } | null = null;
    // Inside a run of years ("EPS 2024A 2025E 2026E PE ..."), a year continues the run: it is never the
    // start of the next label ("2026E PE").
    const prev = out[out.length - 1];
    const inRun = prev !== undefined && (!isLabel(prev) || prev.rec.rule.perYear);
    const year = inRun ? parseYearCell(tokens[p]!) : null;
    if (year) found = { item: { text: tokens[p]!, year }, n: 1 };
    for (let n = Math.min(4, tokens.length - p); n >= 1 && !found; n--) {
      const text = tokens.slice(p, p + n).join(" ");
      const rec = recogniseHeader(text);
      if (rec) found = { item: { text, rec }, n };
    }
    if (!found) {
      const year = parseYearCell(tokens[p]!);
      if (!year) return tokens[p]!;
      found = { item: { text: tokens[p]!, year }, n: 1 };
    }
    out.push(found.item);
    p += found.n;
  }
  return out;
}

/** Header items of a space-separated line: the 2+-space cells first, then single tokens. */
function groupHeaderLine(raw: string): HeaderItem[] | string {
  const text = raw.trim();
  const bySpaced = groupHeaderTokens(splitLine(text).cells);
  if (typeof bySpaced !== "string") return bySpaced;
  const byToken = groupHeaderTokens(text.split(/\s+/));
  return typeof byToken !== "string" ? byToken : bySpaced;
}

function isLabel(item: HeaderItem): item is { text: string; rec: RecognisedHeader } {
  return "rec" in item;
}

export function classifyHeaderLine(raw: string): HeaderLineClass {
  if (raw.length > MAX_TABLE_LINE) return "noise";
  const split = splitLine(raw);
  const cells = split.cells.filter((c) => c !== "");
  if (cells.length === 0) return "noise";
  const years = cells.filter((c) => parseYearCell(c) !== null).length;
  if (years === cells.length) return "years";
  let labels: RecognisedHeader[];
  let unknown = 0;
  if (split.tabbed) {
    labels = [];
    for (const c of cells) {
      if (parseYearCell(c) !== null) continue;
      const rec = recogniseHeader(c);
      if (rec) labels.push(rec);
      else unknown++;
    }
  } else {
    const grouped = groupHeaderLine(raw);
    if (typeof grouped === "string") {
      // A header with a word no rule knows still counts as a header (and is then reported as such).
      const count = raw.trim().split(/\s+/).filter((t) => recogniseHeader(t) !== null).length;
      return count >= 2 ? "labels" : "noise";
    }
    labels = grouped.filter(isLabel).map((g) => g.rec);
  }
  if (labels.length === 0) return "noise";
  const groupOnly = unknown === 0 && years === 0 && labels.every((r) => r.rule.perYear && r.year === undefined);
  if (groupOnly && labels.length <= 3 && cells.length === labels.length) return "group";
  if (years > 0) return labels.length + years >= 3 ? "mixed" : "noise";
  return labels.length >= 2 ? "labels" : "noise";
}

function genericColumn(pos: number, printed: string, percent: boolean): TableColumn {
  return {
    pos,
    column: { key: `col${pos + 1}`, kind: "text", label: { zh: printed, en: printed } },
    printed,
    percent,
    generic: true,
  };
}

function ruleColumn(pos: number, printed: string, rec: RecognisedHeader, year?: number, estimate?: boolean): TableColumn {
  return { pos, column: standardColumn(rec.rule, year, estimate), printed, percent: rec.percent, generic: false };
}

/**
 * Header from tab-separated lines, merged position by position. `upper` and `lower` are the two header
 * lines as printed (either may be null); a per-year label spans the years to its right until the next label.
 */
export function tabHeader(upper: string | null, lower: string | null, rowCells: readonly (readonly string[])[]): HeaderLayout {
  const up = upper !== null ? upper.split("\t").map((c) => c.trim()) : [];
  const low = lower !== null ? lower.split("\t").map((c) => c.trim()) : [];
  let width = Math.max(up.length, low.length);
  for (const cells of rowCells) if (cells.length > width) width = cells.length;
  const columns: TableColumn[] = [];
  let priceDate: string | null = null;
  let carry: { printed: string; rec: RecognisedHeader | null } | null = null;
  for (let c = 0; c < width; c++) {
    const u = up[c] ?? "";
    const l = low[c] ?? "";
    const uYear = u !== "" ? parseYearCell(u) : null;
    const lYear = l !== "" ? parseYearCell(l) : null;
    const yearText = lYear ? l : uYear ? u : "";
    const yearCell = lYear ?? uYear;
    const labelParts = [uYear ? "" : u, lYear ? "" : l].filter((t) => t !== "");
    if (yearCell && labelParts.length === 0) {
      if (carry?.rec?.rule.perYear) {
        columns.push(ruleColumn(c, `${carry.printed} ${yearText}`, carry.rec, yearCell.year, yearCell.estimate));
        continue;
      }
      throw tableProblem({ code: "year-without-header", year: yearText, column: c + 1 });
    }
    if (labelParts.length === 0) {
      if (rowCells.some((r) => (r[c] ?? "") !== "")) throw tableProblem({ code: "values-without-header", column: c + 1 });
      carry = null;
      continue;
    }
    // Two label parts ("股价" over "(元)", "EPS" over "(元)"): read together, else whichever is a header.
    let label = labelParts.join(" ");
    let rec = recogniseHeader(label);
    if (!rec && labelParts.length === 2) {
      const [a, b] = labelParts as [string, string];
      const ra = recogniseHeader(a);
      const rb = recogniseHeader(b);
      if (rb && !ra) [label, rec] = [b, rb];
      else if (ra && !rb) [label, rec] = [a, ra];
    }
    carry = { printed: label, rec };
    const printed = yearText !== "" ? `${label} ${yearText}` : label;
    if (!rec) {
      if (yearCell) throw tableProblem({ code: "year-without-header", year: yearText, column: c + 1 });
      columns.push(genericColumn(c, printed, label.includes("%")));
      continue;
    }
    if (rec.date && rec.rule.kind === "price") priceDate = rec.date;
    if (rec.rule.perYear) {
      if (rec.year !== undefined && yearCell && yearCell.year !== rec.year) {
        throw tableProblem({ code: "year-mismatch", column: label, year: rec.year, below: yearText });
      }
      const year = rec.year ?? yearCell?.year;
      const estimate = rec.year !== undefined ? rec.estimate : yearCell?.estimate;
      if (year === undefined) throw tableProblem({ code: "column-needs-year", column: label });
      columns.push(ruleColumn(c, printed, rec, year, estimate));
    } else {
      if (yearCell) throw tableProblem({ code: "year-under-plain-column", column: label, year: yearText });
      columns.push(ruleColumn(c, printed, rec));
    }
  }
  return { columns, positional: true, priceDate };
}

function headerItems(raw: string): HeaderItem[] {
  const grouped = groupHeaderLine(raw);
  if (typeof grouped === "string") throw tableProblem({ code: "header-not-recognised", header: grouped });
  return grouped;
}

/**
 * Header from space-separated lines. `main` holds the labels (and maybe year runs); `other` is a line of
 * years to share out among the per-year labels without one, or a group line naming the per-year labels
 * that the year runs of `main` belong to.
 */
export function tokenHeader(main: string, other: string | null): HeaderLayout {
  const items = headerItems(main);
  const otherItems = other !== null ? headerItems(other) : [];
  const otherYears = otherItems.filter((i): i is { text: string; year: YearCell } => !isLabel(i));
  const groups = otherItems.filter(isLabel);
  if (otherYears.length > 0 && groups.length > 0) throw tableProblem({ code: "header-not-recognised", header: other! });

  // Years printed on their own line: shared out evenly among the labels that need one.
  let sharedYears: { text: string; year: YearCell }[][] = [];
  if (otherYears.length > 0) {
    const needYears = items.filter((g) => isLabel(g) && g.rec.rule.perYear && g.rec.year === undefined);
    if (needYears.length === 0 || otherYears.length % needYears.length !== 0) {
      throw tableProblem({ code: "years-not-shared", years: otherYears.length, headers: needYears.length });
    }
    const per = otherYears.length / needYears.length;
    sharedYears = needYears.map((_, g) => otherYears.slice(g * per, (g + 1) * per));
    const first = sharedYears[0]!.map((y) => y.text).join(" ");
    if (sharedYears.some((run) => run.map((y) => y.text).join(" ") !== first)) {
      throw tableProblem({ code: "years-not-repeated", years: otherYears.map((y) => y.text).join(" ") });
    }
  }

  const columns: TableColumn[] = [];
  let priceDate: string | null = null;
  let shared = 0;
  let group = 0;
  let carry: { text: string; rec: RecognisedHeader } | null = null;
  let inRun = false;
  let lastYear = 0;
  const push = (printed: string, rec: RecognisedHeader, year?: number, estimate?: boolean): void => {
    columns.push(ruleColumn(columns.length, printed, rec, year, estimate));
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (!isLabel(item)) {
      // A run of years: the next group header's when a group line names them, else the per-year label before
      // it. Years rise within a run, so "2024A 2025E 2026E 2024A 2025E 2026E" is two runs.
      if (inRun && item.year.year <= lastYear) inRun = false;
      lastYear = item.year.year;
      if (!inRun && groups.length > 0) {
        const g = groups[group++];
        if (!g || !g.rec.rule.perYear || g.rec.year !== undefined) {
          throw tableProblem({ code: "year-without-header", year: item.text, column: columns.length + 1 });
        }
        carry = g;
      }
      if (!carry || !carry.rec.rule.perYear) throw tableProblem({ code: "year-without-header", year: item.text, column: columns.length + 1 });
      push(`${carry.text} ${item.text}`, carry.rec, item.year.year, item.year.estimate);
      inRun = true;
      continue;
    }
    inRun = false;
    const { text, rec } = item;
    if (rec.date && rec.rule.kind === "price") priceDate = rec.date;
    carry = { text, rec };
    if (rec.rule.perYear && rec.year === undefined) {
      const run = sharedYears[shared++];
      if (!run) {
        // Its years may follow on this line ("EPS 2024A 2025E"): they continue it, not the next group.
        const next = items[i + 1];
        if (next && !isLabel(next)) {
          inRun = true;
          continue;
        }
        throw tableProblem({ code: "column-needs-year", column: text });
      }
      for (const y of run) push(`${text} ${y.text}`, rec, y.year.year, y.year.estimate);
    } else {
      push(text, rec, rec.year, rec.estimate);
    }
  }
  if (groups.length > 0 && group !== groups.length) {
    throw tableProblem({ code: "years-not-shared", years: items.filter((i) => !isLabel(i)).length, headers: groups.length });
  }
  return { columns, positional: false, priceDate };
}
