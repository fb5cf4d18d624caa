/**
 * PDF import end to end on PDFs this suite writes itself (pdfkit + Noto CJK) from the hand-written notes
 * in ./notes.ts: every number typed into a table must come back, in the right column, from the PDF.
 * pdf.js runs in a child process (Jest's sandbox cannot load its ES modules); the CLI is run as a user
 * would run it for the failures.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import type { PdfImportOutcome } from "../../../src/picks/pdf/import";
import type { PickList } from "../../../src/picks/types";
import { validatePickList } from "../../../src/picks/validate";
import { importPdfsInChild, makeImageOnlyPdf, makeNotePdf, pdfFontMissing, type NotePdf } from "../../support/notePdf";
import { ZH_KEYS, alignedGroupsNote, chineseNote, chineseRows, continuedAfterTextNote, englishNote, englishRows, hongKongRows, type TypedRow } from "./notes";

const REPO = path.resolve(__dirname, "../../..");
const skip = pdfFontMissing();
if (skip) console.warn(`PDF import tests ${skip}`);
const describePdf = skip ? describe.skip : describe;

jest.setTimeout(240_000);

const ZH_ROWS = chineseRows(60);
const HK_ROWS = hongKongRows();
const EN_ROWS = englishRows(40);
const OPTICS_ROWS = chineseRows(60);

let tmp: string;
let zh: NotePdf;
let en: NotePdf;
let optics: NotePdf;
let zhOnePage: NotePdf;
let enOnePage: NotePdf;
const outcomes = new Map<string, PdfImportOutcome>();

function okOutcome(name: string): Extract<PdfImportOutcome, { ok: true }> {
  const outcome = outcomes.get(name);
  if (!outcome || !outcome.ok) throw new Error(`${name}: ${JSON.stringify(outcome)}`);
  return outcome;
}

function list(name: string, id: string): PickList {
  const found = okOutcome(name).lists.find((l) => l.id === id);
  if (!found) throw new Error(`${name}: no list ${id} in ${okOutcome(name).lists.map((l) => l.id).join(", ")}`);
  return found;
}

/** Every typed number (and every "—" or blank as null) is in the list, row by row, by ticker. */
function expectTypedRows(actual: PickList, typed: readonly TypedRow[], keys: readonly string[]): void {
  expect(actual.rows.map((r) => r.ticker)).toEqual(typed.map((r) => r.ticker));
  typed.forEach((row, i) => {
    const got = actual.rows[i]!;
    const want: Record<string, unknown> = { ticker: row.ticker, name: row.name };
    for (const key of keys) if (key in row.values) want[key] = row.values[key] ?? null;
    if (row.rating !== undefined && keys.includes("rating")) want.rating = row.rating;
    expect({ ticker: row.ticker, ...got }).toMatchObject({ ticker: row.ticker, ...want });
  });
}

beforeAll(async () => {
  if (skip) return;
  tmp = mkdtempSync(path.join(tmpdir(), "aic-pdf-"));
  zh = await makeNotePdf(chineseNote(ZH_ROWS, HK_ROWS));
  en = await makeNotePdf(englishNote(EN_ROWS));
  writeFileSync(path.join(tmp, "zh-note.pdf"), zh.bytes);
  optics = await makeNotePdf(continuedAfterTextNote(OPTICS_ROWS.slice(0, 45), OPTICS_ROWS.slice(45)));
  writeFileSync(path.join(tmp, "en-note.pdf"), en.bytes);
  writeFileSync(path.join(tmp, "optics.pdf"), optics.bytes);
  // One-page notes: their running lines cannot repeat.
  zhOnePage = await makeNotePdf({
    ...chineseNote(ZH_ROWS.slice(0, 12), HK_ROWS),
    runningHeader: "示例证券研究所 | 证券研究报告",
    runningFooter: "请务必阅读正文之后的免责声明部分",
  });
  enOnePage = await makeNotePdf({
    ...englishNote(EN_ROWS.slice(0, 10)),
    runningHeader: "EXAMPLE SECURITIES",
    runningFooter: "Please refer to the disclaimer and important disclosures at the end of this report.",
  });
  writeFileSync(path.join(tmp, "zh-one-page.pdf"), zhOnePage.bytes);
  writeFileSync(path.join(tmp, "en-one-page.pdf"), enOnePage.bytes);
  for (const align of ["left", "right"] as const) {
    writeFileSync(path.join(tmp, `groups-${align}.pdf`), (await makeNotePdf(alignedGroupsNote(ZH_ROWS.slice(0, 10), align))).bytes);
  }
  const files = ["zh-note.pdf", "en-note.pdf", "optics.pdf", "zh-one-page.pdf", "en-one-page.pdf", "groups-left.pdf", "groups-right.pdf"].map((f) =>
    path.join(tmp, f),
  );
  for (const { file, outcome } of importPdfsInChild(files)) {
    outcomes.set(path.basename(file), outcome);
  }
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describePdf("a Chinese note (two-row header, HK tickers, a table over a page break, Kangxi radicals)", () => {
  it("spans pages as generated: the main table continues on page 2", () => {
    expect(zh.pageCount).toBeGreaterThanOrEqual(2);
    expect(okOutcome("zh-note.pdf").pageCount).toBe(zh.pageCount);
  });

  it("reads the note's date printed with full-width digits and Kangxi radicals (２０２５年０３⽉０９⽇)", () => {
    const table1 = list("zh-note.pdf", "report-2025-03-09-table1-forecasts");
    expect(table1.source.reportDate).toBe("2025-03-09");
    expect(table1.source.reportTitle).toBe("算力产业链周报：国产 GPU 与光模块"); // ⼒ → 力
    expect(table1.source.analysts).toEqual(["李四"]);
  });

  it("reads every number of 表1 under its merged header (EPS（元）/ PE over 2024A 2025E 2026E), across the page break", () => {
    const table1 = list("zh-note.pdf", "report-2025-03-09-table1-forecasts");
    expect(table1.columns.map((c) => c.key)).toEqual(ZH_KEYS);
    expect(table1.columns.find((c) => c.key === "eps_2024")).toMatchObject({ kind: "eps", year: 2024, estimate: false });
    expect(table1.columns.find((c) => c.key === "pe_2026")).toMatchObject({ kind: "pe", year: 2026, estimate: true });
    expect(table1.rows).toHaveLength(60);
    expectTypedRows(table1, ZH_ROWS, ZH_KEYS);
    expect(table1.source).toMatchObject({
      table: "表1：重点公司盈利预测",
      priceDate: "2025-03-07",
      sourceLine: "资料来源：Wind，示例证券研究所（股价为 2025 年 3 月 7 日收盘价）",
      file: "zh-note.pdf",
      page: zh.captionPages["表1：重点公司盈利预测"],
    });
  });

  it("reads 表2's Hong Kong tickers in any spelling, percentages and missing values", () => {
    const table2 = list("zh-note.pdf", "report-2025-03-09-table2");
    expect(table2.columns.map((c) => c.key)).toEqual(["ticker", "name", "price", "change_1w", "pb", "rating"]);
    expectTypedRows(table2, HK_ROWS, ["price", "change_1w", "pb", "rating"]);
    expect(table2.rows.map((r) => r.ticker)).toEqual(["0700.HK", "9988.HK", "1810.HK", "0981.HK", "3690.HK"]);
    expect(table2.source.page).toBe(zh.captionPages["表2：港股关注标的"]);
    expect(table2.source.page).toBeGreaterThan(1);
  });

  it("leaves running headers, footers and page numbers out, and reports no problem", () => {
    const outcome = okOutcome("zh-note.pdf");
    expect(outcome.problems).toEqual([]);
    expect(outcome.text).not.toMatch(/请务必阅读|第 \d+ 页|行业周报 \| 计算机|（续）/);
    for (const l of outcome.lists) expect(validatePickList(l).ok).toBe(true);
  });
});

describePdf("an English note (HK tickers, a group header over two years, a table over a page break without a repeated header)", () => {
  it("reads every number of the table", () => {
    // The source line names the house ("Source: Bloomberg, Example Securities Research (prices as of …)").
    const table = list("en-note.pdf", "example-securities-2025-03-01-table3-focus");
    expect(table.columns.map((c) => c.key)).toEqual(["ticker", "name", "price", "change", "eps_2024", "eps_2025", "pe_2025", "rating"]);
    expect(table.rows).toHaveLength(40);
    expectTypedRows(table, EN_ROWS, ["price", "change", "eps_2024", "eps_2025", "pe_2025", "rating"]);
    expect(en.pageCount).toBe(2);
    expect(table.source).toMatchObject({
      reportDate: "2025-03-01",
      priceDate: "2025-02-28",
      reportTitle: "Hong Kong tech: AI servers lift the supply chain",
      broker: "Example Securities",
      analysts: ["Jane Doe"],
      file: "en-note.pdf",
      page: en.captionPages["Table 3: Stocks in focus"],
    });
    expect(okOutcome("en-note.pdf").problems).toEqual([]);
  });
});

describePdf("a table continued after other text (a paragraph; a chart's caption and source), then a table of the same layout with its own caption", () => {
  const byCaption = (caption: string) => {
    const found = okOutcome("optics.pdf").lists.find((l) => l.source.table === caption);
    if (!found) throw new Error(`no list ${caption} in ${okOutcome("optics.pdf").lists.map((l) => l.source.table).join(", ")}`);
    return found;
  };

  it("reads 表1 as one table over three pages, every number back, under its source line", () => {
    expect(optics.pageCount).toBe(4);
    const table1 = byCaption("表1：光通信公司盈利预测");
    expect(table1.columns.map((c) => c.key)).toEqual(ZH_KEYS);
    expect(table1.rows).toHaveLength(45);
    expectTypedRows(table1, OPTICS_ROWS.slice(0, 45), ZH_KEYS);
    expect(table1.source).toMatchObject({
      reportDate: "2025-04-18",
      priceDate: "2025-04-17",
      sourceLine: "资料来源：Wind，示例证券研究所（股价为 2025 年 4 月 17 日收盘价）",
      page: 1,
    });
  });

  it("reads 表2 on its own, and keeps the text between as text", () => {
    const table2 = byCaption("表2：其他覆盖公司");
    expectTypedRows(table2, OPTICS_ROWS.slice(45), ZH_KEYS);
    expect(table2.source.page).toBe(4);
    const outcome = okOutcome("optics.pdf");
    expect(outcome.lists).toHaveLength(2);
    expect(outcome.problems).toEqual([]);
    const lines = outcome.text.split("\n");
    for (const kept of ["我们看好 800G 光模块在 2025 年的放量，下表续列其余公司。", "图3：全球 800G 光模块出货量（万只）", "资料来源：LightCounting"]) {
      expect(lines).toContain(kept);
    }
    expect(outcome.text).not.toContain("（续）");
  });
});

describePdf("one-page notes: running header, disclaimer footer and page number dropped by their words", () => {
  it("a Chinese note: the broker's logo line, the notice and the disclaimer are not text; every number comes back", () => {
    expect(zhOnePage.pageCount).toBe(1);
    const outcome = okOutcome("zh-one-page.pdf");
    expect(outcome.text).not.toMatch(/示例证券研究所 \| 证券研究报告|证券研究报告|请务必阅读|第 1 页/);
    expect(outcome.problems).toEqual([]);
    const table1 = list("zh-one-page.pdf", "report-2025-03-09-table1-forecasts");
    expect(table1.source).toMatchObject({ reportTitle: "算力产业链周报：国产 GPU 与光模块", reportDate: "2025-03-09", broker: "示例证券", page: 1 });
    expectTypedRows(table1, ZH_ROWS.slice(0, 12), ZH_KEYS);
    expectTypedRows(list("zh-one-page.pdf", "report-2025-03-09-table2"), HK_ROWS, ["price", "change_1w", "pb", "rating"]);
  });

  it("an English note: the logo line and the disclaimer with its page number are not text; every number comes back", () => {
    expect(enOnePage.pageCount).toBe(1);
    const outcome = okOutcome("en-one-page.pdf");
    expect(outcome.text).not.toMatch(/EXAMPLE SECURITIES|disclaimer|Page 1 of 1/);
    expect(outcome.problems).toEqual([]);
    // The house, named by the source line (and the dropped logo line), gives the broker and the ids.
    const table = list("en-one-page.pdf", "example-securities-2025-03-01-table3-focus");
    expect(table.source).toMatchObject({
      reportTitle: "Hong Kong tech: AI servers lift the supply chain",
      reportDate: "2025-03-01",
      broker: "Example Securities",
      brokerEn: "Example Securities",
      page: 1,
    });
    expectTypedRows(table, EN_ROWS.slice(0, 10), ["price", "change", "eps_2024", "eps_2025", "pe_2025", "rating"]);
  });
});

describePdf("group headers set at the left or the right of their spans (EPS（元）, PE over 2024A 2025E 2026E)", () => {
  it.each(["groups-left.pdf", "groups-right.pdf"])("%s: every number under its group and year", (file) => {
    const table = list(file, "report-2025-05-16-table1-forecasts");
    expect(table.columns.map((c) => c.key)).toEqual(ZH_KEYS);
    expect(table.columns.find((c) => c.key === "pe_2024")).toMatchObject({ kind: "pe", year: 2024, estimate: false });
    expectTypedRows(table, ZH_ROWS.slice(0, 10), ZH_KEYS);
    expect(okOutcome(file).problems).toEqual([]);
  });
});

function cli(file: string) {
  const tsx = path.join(REPO, "node_modules/tsx/dist/cli.mjs");
  const run = spawnSync(process.execPath, [tsx, "scripts/picks.ts", "parse", file], { cwd: REPO, encoding: "utf8", timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describePdf("PDFs that cannot be read: a clear reason in both languages, no lists", () => {
  const failures = new Map<string, PdfImportOutcome>();
  beforeAll(async () => {
    // A real note cut short; bytes that only start like a PDF; a password-protected note; a scan.
    writeFileSync(path.join(tmp, "cut.pdf"), zh.bytes.subarray(0, Math.floor(zh.bytes.length / 3)));
    writeFileSync(path.join(tmp, "junk.pdf"), Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nthis is not a PDF body\n"));
    const locked = await makeNotePdf({ ...englishNote(EN_ROWS.slice(0, 3)), userPassword: "s3cret" });
    expect(locked.bytes.includes(Buffer.from("/Encrypt"))).toBe(true);
    writeFileSync(path.join(tmp, "locked.pdf"), locked.bytes);
    writeFileSync(path.join(tmp, "scan.pdf"), await makeImageOnlyPdf());
    const files = ["cut.pdf", "junk.pdf", "locked.pdf", "scan.pdf"].map((f) => path.join(tmp, f));
    for (const { file, outcome } of importPdfsInChild(files)) failures.set(path.basename(file), outcome);
  });

  it.each([
    ["cut.pdf", "corrupt", "this file is not a readable PDF"],
    ["junk.pdf", "corrupt", "this file is not a readable PDF"],
    ["locked.pdf", "encrypted", "this PDF is password-protected"],
    ["scan.pdf", "no-text", "this PDF has no text layer; OCR is not supported"],
  ])("%s: %s", (file, code, message) => {
    const outcome = failures.get(file)!;
    expect(outcome).toMatchObject({ ok: false, code });
    if (outcome.ok) return;
    expect(outcome.message.en).toContain(message);
    expect(outcome.message.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it("the CLI exits 1 with one line on stderr and writes nothing to stdout", () => {
    const file = path.join(tmp, "locked.pdf");
    const run = cli(file);
    expect(run).toEqual({
      status: 1,
      stdout: "",
      stderr: `${file}: this PDF is password-protected; save a copy without the password and import that\n`,
    });
  });
});

describePdf("picks parse note.pdf", () => {
  it("prints the same lists as the importer", () => {
    const run = cli(path.join(tmp, "en-note.pdf"));
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { lists: PickList[]; problems: unknown[] };
    expect(out.lists).toEqual(okOutcome("en-note.pdf").lists);
    expect(out.problems).toEqual([]);
  });
});
