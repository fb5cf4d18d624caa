/**
 * Test PDFs written from short hand-written notes with pdfkit and the Noto CJK font, so the PDF importer
 * is tested on files whose every number is known. A note is a list of blocks (text lines, tables) laid
 * out top to bottom; a table too long for the page continues on the next one (optionally under a
 * "（续）" caption and a repeated header); every page can carry a running header, footer and page
 * number. Cells are placed by computing the x of each string, as a typesetter would: text left-aligned,
 * numbers right-aligned, "—" and headers centred.
 */
import { existsSync } from "fs";
import PDFDocument from "pdfkit";

export const NOTO_CJK_PATH = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
export const NOTO_CJK_NAME = "NotoSansCJKsc-Regular";

/** Why PDF tests cannot run here, or null when the font is installed (CI installs fonts-noto-cjk). */
export function pdfFontMissing(): string | null {
  return existsSync(NOTO_CJK_PATH) ? null : `skipped: ${NOTO_CJK_PATH} is missing (install fonts-noto-cjk)`;
}

export interface HeaderCell {
  /** First column the cell covers. */
  col: number;
  span?: number;
  /** A cell merged over this many header rows is printed vertically centred across them. */
  rowSpan?: number;
  text: string;
  /** Where the text sits in its cell: centred unless told (a group header set right-aligned over its span). */
  align?: "left" | "right" | "center";
}

export interface TableBlock {
  kind: "table";
  caption?: string;
  /** Column widths in points. */
  widths: number[];
  /** Header rows, top to bottom. */
  header: HeaderCell[][];
  rows: string[][];
  source?: string;
  /** On a continued page: print this caption and the header again. */
  continuedCaption?: string;
  repeatHeader?: boolean;
  /** Columns whose text is drawn one character per PDF text item (as many Chinese PDFs do). */
  splitColumns?: number[];
}

export interface TextBlock {
  kind: "text";
  lines: string[];
  size?: number;
  /** Extra space after the block, in points. */
  after?: number;
}

export interface PageBreak {
  kind: "pagebreak";
}

export interface NoteSpec {
  blocks: Array<TextBlock | TableBlock | PageBreak>;
  runningHeader?: string;
  runningFooter?: string;
  /** Prints "第 N 页 / 共 M 页" (zh) or "Page N of M" (en) at the bottom. */
  pageNumbers?: "zh" | "en";
  fontSize?: number;
  userPassword?: string;
  /** Lines per page are limited by this bottom y (points from the top); default 770 on A4. */
  bottom?: number;
}

const TOP = 72;
const LEFT = 56;
const ROW = 16;

function isNumeric(text: string): boolean {
  return /^[+-]?[\d,]+(?:\.\d+)?%?$/.test(text);
}

export interface NotePdf {
  bytes: Buffer;
  /** The page each table caption was printed on. */
  captionPages: Record<string, number>;
  pageCount: number;
}

export function makeNotePdf(spec: NoteSpec): Promise<NotePdf> {
  const size = spec.fontSize ?? 9;
  const bottom = spec.bottom ?? 770;
  const doc = new PDFDocument({
    size: "A4",
    margin: 0,
    autoFirstPage: true,
    bufferPages: true,
    ...(spec.userPassword ? { userPassword: spec.userPassword, ownerPassword: `${spec.userPassword}-owner` } : {}),
    info: { Title: "test note" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.font(NOTO_CJK_PATH, NOTO_CJK_NAME).fontSize(size);

  let y = TOP;
  let page = 1;
  const captionPages: Record<string, number> = {};
  const put = (text: string, x: number, top: number, fontSize = size) => {
    doc.fontSize(fontSize).text(text, x, top, { lineBreak: false });
    doc.fontSize(size);
  };
  const putSplit = (text: string, x: number, top: number) => {
    let cx = x;
    for (const ch of Array.from(text)) {
      put(ch, cx, top);
      cx += doc.widthOfString(ch);
    }
  };
  const putAligned = (text: string, x: number, width: number, top: number, align: "left" | "right" | "center", split = false) => {
    const w = doc.widthOfString(text);
    const pad = 3;
    const cx = align === "left" ? x + pad : align === "right" ? x + width - pad - w : x + (width - w) / 2;
    if (split) putSplit(text, cx, top);
    else put(text, cx, top);
  };
  const newPage = () => {
    doc.addPage({ size: "A4", margin: 0 });
    doc.font(NOTO_CJK_PATH, NOTO_CJK_NAME).fontSize(size);
    y = TOP;
    page++;
  };

  const drawHeader = (table: TableBlock) => {
    const xs = table.widths.reduce<number[]>((acc, w, i) => [...acc, (acc[i] ?? LEFT) + w], [LEFT]);
    table.header.forEach((row, r) => {
      for (const cell of row) {
        const span = cell.span ?? 1;
        const rowSpan = cell.rowSpan ?? 1;
        const x = xs[cell.col]!;
        const width = xs[cell.col + span]! - x;
        putAligned(cell.text, x, width, y + r * ROW + ((rowSpan - 1) * ROW) / 2, cell.align ?? "center");
      }
    });
    y += table.header.length * ROW;
  };

  for (const block of spec.blocks) {
    if (block.kind === "pagebreak") {
      newPage();
      continue;
    }
    if (block.kind === "text") {
      const fs = block.size ?? size;
      for (const line of block.lines) {
        if (y + fs * 1.6 > bottom) newPage();
        put(line, LEFT, y, fs);
        y += fs * 1.7;
      }
      y += block.after ?? 6;
      continue;
    }
    const table = block;
    const xs = table.widths.reduce<number[]>((acc, w, i) => [...acc, (acc[i] ?? LEFT) + w], [LEFT]);
    if (y + (table.header.length + 2) * ROW > bottom) newPage();
    if (table.caption) {
      captionPages[table.caption] = page;
      put(table.caption, LEFT, y);
      y += ROW * 1.2;
    }
    drawHeader(table);
    for (const row of table.rows) {
      if (y + ROW > bottom) {
        newPage();
        if (table.continuedCaption) {
          put(table.continuedCaption, LEFT, y);
          y += ROW * 1.2;
        }
        if (table.repeatHeader) drawHeader(table);
      }
      row.forEach((cell, c) => {
        if (cell === "") return;
        const align = cell === "—" || cell === "-" ? "center" : isNumeric(cell) ? "right" : "left";
        putAligned(cell, xs[c]!, table.widths[c]!, y, align, table.splitColumns?.includes(c) ?? false);
      });
      y += ROW;
    }
    y += 4;
    if (table.source) {
      if (y + ROW > bottom) newPage();
      put(table.source, LEFT, y, size - 1);
      y += ROW * 1.5;
    }
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const n = i - range.start + 1;
    if (spec.runningHeader) put(spec.runningHeader, LEFT, 30, 8);
    if (spec.runningFooter) put(spec.runningFooter, LEFT, 800, 7);
    if (spec.pageNumbers) {
      const label = spec.pageNumbers === "zh" ? `第 ${n} 页 / 共 ${range.count} 页` : `Page ${n} of ${range.count}`;
      put(label, 480, 812, 7);
    }
  }
  doc.end();
  return done.then((bytes) => ({ bytes, captionPages, pageCount: range.count }));
}

/** A PDF with one page holding only a drawn image (no text operators at all): what a scan looks like. */
export function makeImageOnlyPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 0 });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  // A tiny grey PNG as a "scanned page": 2×2 pixels, scaled up.
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAAAAABX3VL4AAAADklEQVR4nGNgYGBgYAAAAAUAAXpeqz8AAAAASUVORK5CYII=",
    "base64",
  );
  doc.image(png, 40, 40, { width: 500, height: 700 });
  doc.rect(60, 60, 200, 20).fill("#333333");
  doc.end();
  return done;
}

/** Runs the PDF importer on files in a child process (see test/support/pdfChild.ts). */
export function importPdfsInChild(files: readonly string[]): Array<{ file: string; ms: number; outcome: import("../../src/picks/pdf/import").PdfImportOutcome }> {
  // Required lazily so that a test file that only writes PDFs does not load child_process.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { spawnSync } = require("child_process") as typeof import("child_process");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const path = require("path") as typeof import("path");
  const repo = path.resolve(__dirname, "../..");
  const run = spawnSync(process.execPath, [path.join(repo, "node_modules/tsx/dist/cli.mjs"), path.join(repo, "test/support/pdfChild.ts"), ...files], {
    cwd: repo,
    encoding: "utf8",
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`pdfChild failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout);
}
