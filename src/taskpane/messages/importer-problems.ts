/**
 * The importer's problems (src/picks/importer/problems.ts: codes with parameters) in the analyst's
 * language. Pure. The parameters are text from the note (names, headers, cell values): they are
 * inserted as text, and the DOM layer renders the whole message with textContent, never as HTML.
 * The English here is the taskpane's; the CLI's English is problemText in src/picks.
 */
import type { DecodeFailure } from "../../picks/encoding";
import type { CellExpectation, ParseProblem, ProblemDetail } from "../../picks/importer/problems";
import type { Lang } from "../i18n";

type Renderer = { [C in ProblemDetail["code"]]: (p: Extract<ProblemDetail, { code: C }>) => string };

const CELL_EN: Record<CellExpectation, string> = {
  ticker: "is not a ticker",
  "percent-unit": "has no % sign and the header gives no unit, so a percentage cannot be told from a fraction",
  percent: "is not a percentage",
  number: "is not a number",
};
const CELL_ZH: Record<CellExpectation, string> = {
  ticker: "不是股票代码",
  "percent-unit": "没有 % 号，表头也未注明单位，无法判断是百分数还是小数",
  percent: "不是百分数",
  number: "不是数字",
};

const DECODE_EN: Record<DecodeFailure, string> = {
  empty: "The file is empty: there is no text to read.",
  binary: "The file is not text (binary data). Save the note as text, or import the PDF.",
  undecodable: "The file is not text in UTF-8, UTF-16 or GB18030/GBK, so it cannot be read.",
};
const DECODE_ZH: Record<DecodeFailure, string> = {
  empty: "文件是空的，没有可读取的文本。",
  binary: "该文件不是文本（二进制数据）。请将研报另存为文本，或导入 PDF。",
  undecodable: "该文件不是 UTF-8、UTF-16 或 GB18030/GBK 编码的文本，无法读取。",
};

const rowEn = (row: number, ticker: string): string => `Row ${row}${ticker ? ` (${ticker})` : ""}`;
const rowZh = (row: number, ticker: string): string => `第 ${row} 行${ticker ? `（${ticker}）` : ""}`;

const EN: Renderer = {
  "too-large": (p) => `The text is ${p.chars.toLocaleString("en-US")} characters; the importer reads at most ${p.max.toLocaleString("en-US")}.`,
  "not-text": (p) => DECODE_EN[p.failure],
  "importer-failed": (p) => `The importer failed on this text: ${p.message}`,
  "no-date": (p) => `The note prints no date. Its lists are dated by the import (${p.date}), marked “not printed”; enter the report date to replace it.`,
  "date-from-prices": (p) => `The note prints no publication date; the report date is the latest price date, ${p.date}.`,
  "unknown-name": (p) => `“${p.name}” is not in the note's tables nor in any list the add-in knows; enter its ticker.`,
  "name-repeated": (p) => `“${p.name}” (${p.ticker}) is named twice; kept once.`,
  "no-header": () => "Rows with tickers but no header line above them.",
  "line-not-understood": (p) => `Line ${p.line} between the header and the rows is not understood: “${p.text}”.`,
  "column-needs-year": (p) => `Column “${p.column}” has no year; EPS and P/E columns need one (2024E).`,
  "not-a-year": (p) => `“${p.text}” under column ${p.column} is not a year.`,
  "year-without-header": (p) => `Year ${p.year} in column ${p.column} has no EPS or P/E header above it.`,
  "values-without-header": (p) => `Column ${p.column} has values but no header.`,
  "year-mismatch": (p) => `Column “${p.column}” names ${p.year} but the line below says ${p.below}.`,
  "year-under-plain-column": (p) => `Column “${p.column}” is not per year but has ${p.year} under it.`,
  "header-not-recognised": (p) => `Header “${p.header}” is not recognised, and in space-separated text its extent cannot be known.`,
  "years-not-shared": (p) => `${p.years} years under ${p.headers} EPS/P/E headers cannot be shared out.`,
  "years-not-repeated": (p) => `The year line (${p.years}) does not repeat per header; it cannot be told which years belong to which header.`,
  "row-ambiguous": (p) => `${rowEn(p.row, p.ticker)} has ${p.values} values for ${p.columns} columns; in space-separated text a blank cell cannot be placed.`,
  "row-cell-count": (p) => `${rowEn(p.row, p.ticker)} has ${p.cells} cells for ${p.columns} columns.`,
  "bad-cell": (p) => `${rowEn(p.row, p.ticker)}, column “${p.column}”: “${p.text}” ${CELL_EN[p.expected]}.`,
  "row-without-ticker": (p) => `${rowEn(p.row, p.ticker)} has no ticker in the ticker column.`,
  "duplicate-ticker": (p) => `Row ${p.row}: ${p.ticker} is already in row ${p.firstRow}.`,
  "more-row-errors": (p) => `And ${p.count} more rows or cells that could not be read.`,
  "unknown-column": (p) => `Column ${p.column} “${p.header}” is not a known header; kept as a ${p.kind} column “${p.key}”.`,
  "several-ticker-columns": (p) => `${p.count} columns are headed as tickers.`,
  "no-ticker-column": () => "No column is headed as the ticker column.",
  "duplicate-column": (p) => `Two columns would both be “${p.key}”.`,
  "too-many-rows": (p) => `The table has ${p.rows.toLocaleString("en-US")} rows; a pick list holds at most ${p.max.toLocaleString("en-US")}.`,
  "invalid-list": (p) => `Not a valid pick list: ${p.errors}`,
};

const ZH: Renderer = {
  "too-large": (p) => `文本共 ${p.chars} 个字符，导入器最多读取 ${p.max} 个。`,
  "not-text": (p) => DECODE_ZH[p.failure],
  "importer-failed": (p) => `导入器读取此文本时出错：${p.message}`,
  "no-date": (p) => `研报未印日期。其列表以导入日期（${p.date}）标注，并注明“未印日期”；请输入报告日期替换。`,
  "date-from-prices": (p) => `研报未印发布日期；报告日期取最新的股价日期 ${p.date}。`,
  "unknown-name": (p) => `“${p.name}”既不在研报的表格中，也不在本插件已知的任何列表中；请输入其代码。`,
  "name-repeated": (p) => `“${p.name}”（${p.ticker}）出现两次，只保留一次。`,
  "no-header": () => "有带代码的行，但上方没有表头。",
  "line-not-understood": (p) => `表头与数据行之间的第 ${p.line} 行无法识别：“${p.text}”。`,
  "column-needs-year": (p) => `“${p.column}”列没有年份；EPS 和 PE 列需要年份（如 2024E）。`,
  "not-a-year": (p) => `第 ${p.column} 列下的“${p.text}”不是年份。`,
  "year-without-header": (p) => `第 ${p.column} 列的年份 ${p.year} 上方没有 EPS 或 PE 表头。`,
  "values-without-header": (p) => `第 ${p.column} 列有数值但没有表头。`,
  "year-mismatch": (p) => `“${p.column}”列写的是 ${p.year} 年，下一行却是 ${p.below}。`,
  "year-under-plain-column": (p) => `“${p.column}”列不分年份，下方却有 ${p.year}。`,
  "header-not-recognised": (p) => `无法识别表头“${p.header}”，空格分隔的文本中无法确定其范围。`,
  "years-not-shared": (p) => `${p.years} 个年份无法分配给 ${p.headers} 个 EPS/PE 表头。`,
  "years-not-repeated": (p) => `年份行（${p.years}）未按表头重复，无法判断各年份属于哪个表头。`,
  "row-ambiguous": (p) => `${rowZh(p.row, p.ticker)}有 ${p.values} 个值，对应 ${p.columns} 列；空格分隔的文本中无法确定空单元格的位置。`,
  "row-cell-count": (p) => `${rowZh(p.row, p.ticker)}有 ${p.cells} 个单元格，对应 ${p.columns} 列。`,
  "bad-cell": (p) => `${rowZh(p.row, p.ticker)}“${p.column}”列：“${p.text}”${CELL_ZH[p.expected]}。`,
  "row-without-ticker": (p) => `${rowZh(p.row, p.ticker)}的代码列没有代码。`,
  "duplicate-ticker": (p) => `第 ${p.row} 行：${p.ticker} 已在第 ${p.firstRow} 行出现。`,
  "more-row-errors": (p) => `另有 ${p.count} 处行或单元格无法读取。`,
  "unknown-column": (p) => `第 ${p.column} 列“${p.header}”不是已知表头；按${p.kind === "number" ? "数字" : "文本"}列“${p.key}”保留。`,
  "several-ticker-columns": (p) => `有 ${p.count} 列的表头都是代码。`,
  "no-ticker-column": () => "没有表头为代码的列。",
  "duplicate-column": (p) => `两列都会成为“${p.key}”。`,
  "too-many-rows": (p) => `该表有 ${p.rows} 行；一个列表最多 ${p.max} 行。`,
  "invalid-list": (p) => `不是有效的推荐列表：${p.errors}`,
};

/** Where a problem was met, in the analyst's language: the note's own caption stays as printed. */
export function problemPlace(table: string, lang: Lang): string {
  if (table === "(note)") return lang === "zh" ? "全文" : "Note";
  if (table === "(report)") return lang === "zh" ? "报告" : "Report";
  const line = /^table at line (\d+)$/.exec(table);
  if (line) return lang === "zh" ? `第 ${line[1]} 行的表格` : `Table at line ${line[1]}`;
  return table;
}

/** The problem's message alone. */
export function importProblemMessage(problem: ProblemDetail, lang: Lang): string {
  const table = lang === "zh" ? ZH : EN;
  return (table[problem.code] as (p: ProblemDetail) => string)(problem);
}

/** "place: message", for the list of problems under the preview. */
export function importProblemText(problem: ParseProblem, lang: Lang): string {
  return `${problemPlace(problem.table, lang)}${lang === "zh" ? "：" : ": "}${importProblemMessage(problem, lang)}`;
}

/** A note that cannot be read at all (empty, binary, undecodable, over the size cap): the tab's headline. */
export function refusalHeadline(problems: readonly ParseProblem[], lang: Lang): string | null {
  const refusal = problems.find((p) => p.code === "not-text" || p.code === "too-large" || p.code === "importer-failed");
  return refusal ? importProblemMessage(refusal, lang) : null;
}

/** "decoded as GB18030" in the analyst's language. */
export function decodedAsText(encoding: string, lang: Lang): string {
  return lang === "zh" ? `按 ${encoding} 编码读取` : `decoded as ${encoding}`;
}

export function decodeFailureText(failure: DecodeFailure, lang: Lang): string {
  return (lang === "zh" ? DECODE_ZH : DECODE_EN)[failure];
}
