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
  importDateLabel: "Report date, for a note that prints none",
  importDateHint: "YYYY-MM-DD. The note is read again with this date; leave it empty to use the note's own.",
  importDateInvalid: "“{value}” is not a date: enter the report date as YYYY-MM-DD (2025-03-09).",
  importNoDate: "This note prints no date: its lists are dated {date}, the day of the import, and marked “not printed”. Enter the report date above before inserting.",
  importDateNotPrinted: "{date} (not printed in the note)",
  importDateGiven: "{date} (entered)",
  importNamesHeading: "Names without a ticker",
  importNamesIntro: "Nothing the add-in knows gives these companies a ticker. Type each one you know, then use them; the rest stay empty.",
  importNameTicker: "Ticker of {name}",
  importApplyTickers: "Use these tickers",
  importTickerInvalid: "“{value}” for {name} is not a ticker: write it as 300502.SZ, 688256.SH or 0700.HK.",
};

export const IMPORT_ZH: Record<keyof typeof IMPORT_EN, string> = {
  importReading: "正在读取文本…",
  importParsing: "正在 {lines} 行中查找表格…",
  importChecking: "正在检查找到的列表：第 {done} / {total} 个",
  importWorkerFailed: "无法在后台读取文本，已改在页面中读取。",
  importNotesHeading: "已读取，附说明",
  importProblemsSummary: "原因（导入器的原文）",
  importDateLabel: "报告日期（研报未印日期时填写）",
  importDateHint: "格式 YYYY-MM-DD。填写后按此日期重新读取研报；留空则用研报自己的日期。",
  importDateInvalid: "“{value}”不是日期：请按 YYYY-MM-DD（如 2025-03-09）填写报告日期。",
  importNoDate: "该研报未印日期：其列表暂以导入当天 {date} 标注，并注明“未印日期”。请在上方填写报告日期后再插入。",
  importDateNotPrinted: "{date}（研报未印日期）",
  importDateGiven: "{date}（手动填写）",
  importNamesHeading: "没有代码的公司",
  importNamesIntro: "本插件已知的资料中找不到这些公司的代码。请填写已知的代码后点击使用；未填写的保持为空。",
  importNameTicker: "{name} 的代码",
  importApplyTickers: "使用这些代码",
  importTickerInvalid: "为 {name} 填写的“{value}”不是股票代码：请写成 300502.SZ、688256.SH 或 0700.HK。",
};
