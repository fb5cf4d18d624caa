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
};

export const IMPORT_ZH: Record<keyof typeof IMPORT_EN, string> = {
  importReading: "正在读取文本…",
  importParsing: "正在 {lines} 行中查找表格…",
  importChecking: "正在检查找到的列表：第 {done} / {total} 个",
  importWorkerFailed: "无法在后台读取文本，已改在页面中读取。",
  importNotesHeading: "已读取，附说明",
  importProblemsSummary: "原因（导入器的原文）",
};
