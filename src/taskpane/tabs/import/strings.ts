/**
 * The import tab's words, in English and Simplified Chinese. Add a key to both tables (the zh table must have
 * every key of the en one: a missing translation is a type error); i18n.ts merges every tab's table,
 * and test/taskpane/i18n-host.test.ts checks both languages use the same {placeholders} and that no
 * key is defined twice across tabs. Prefix new keys with the tab's name to keep them apart.
 */
export const IMPORT_EN = {
  importReading: "Reading the text…",
  importParsing: "Finding the tables in {lines} lines…",
  importChecking: "Checking the lists found: {done} of {total}",
  importWorkerFailed: "The text could not be read in the background, so it was read on the page.",
  importNotesHeading: "Read, with notes",
  importProblemsSummary: "Why (the importer's words)",
  importDropHint: "Drop a PDF, or paste the text",
  importChooseFile: "Choose a file…",
  importFileLabel: "A broker note as a PDF or a text file",
  importReadingPdf: "Reading the PDF's text…",
  importReadingFile: "Reading {file}…",
  importPdfFound: "{file} ({pages} pages): {count} lists found.",
  importPdfNoLists: "{file} ({pages} pages): no list found.",
  importPdfUnreadable: "{file} was not imported: {reason}.",
  importPdfPage: "{file}, page {page}",
  importPdfNeedsWorker: "{file} was not imported: PDFs are read in the background, and the background reader could not start here.",
  importFileNotText: "{file} was not imported: it is neither a PDF nor a text file ({reason}).",
  importOneFile: "Drop one file at a time.",
  importDecodeEmpty: "it is empty",
  importDecodeBinary: "it holds binary data, not text",
  importDecodeUndecodable: "its characters are in no encoding the importer reads",
};

export const IMPORT_ZH: Record<keyof typeof IMPORT_EN, string> = {
  importReading: "正在读取文本…",
  importParsing: "正在 {lines} 行中查找表格…",
  importChecking: "正在检查找到的列表：第 {done} / {total} 个",
  importWorkerFailed: "无法在后台读取文本，已改在页面中读取。",
  importNotesHeading: "已读取，附说明",
  importProblemsSummary: "原因（导入器的原文）",
  importDropHint: "拖入 PDF，或粘贴文本",
  importChooseFile: "选择文件…",
  importFileLabel: "券商研报（PDF 或文本文件）",
  importReadingPdf: "正在读取 PDF 的文本…",
  importReadingFile: "正在读取 {file}…",
  importPdfFound: "{file}（{pages} 页）：找到 {count} 个列表。",
  importPdfNoLists: "{file}（{pages} 页）：未找到列表。",
  importPdfUnreadable: "未导入 {file}：{reason}。",
  importPdfPage: "{file}，第 {page} 页",
  importPdfNeedsWorker: "未导入 {file}：PDF 在后台读取，而此处无法启动后台读取。",
  importFileNotText: "未导入 {file}：它既不是 PDF，也不是文本文件（{reason}）。",
  importOneFile: "请一次拖入一个文件。",
  importDecodeEmpty: "文件为空",
  importDecodeBinary: "文件是二进制数据，不是文本",
  importDecodeUndecodable: "文件的字符编码无法识别",
};
