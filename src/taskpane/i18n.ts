/**
 * Every string the taskpane shows, in English and Simplified Chinese. One table, so a missing
 * translation is a type error (the zh table must have every key of the en table) and a test can check
 * that both languages use the same {placeholders}.
 *
 * Pure: no DOM, no Office. The language is chosen in taskpane.ts from Office.context.displayLanguage.
 */

export type Lang = "zh" | "en";

export const LANGS: readonly Lang[] = ["zh", "en"];

const EN = {
  appTitle: "AI Compute Desk",
  appTagline: "Broker pick lists for the AI-compute theme",
  languageGroup: "Language",
  languageName: "English",

  hostChecking: "Connecting to Excel…",
  hostExcel: "Connected to Excel.",
  hostOutside:
    "This add-in must run in Excel. Outside Excel you can still browse and preview the catalog and try the importer, but nothing can be inserted.",
  insertNeedsExcel: "Inserting needs Excel: open this taskpane from Home › Compute Desk in Excel.",
  insertBusy: "Another insert is in progress.",

  catalogHeading: "Catalog",
  catalogIntro: "Pick lists taken from broker notes. Preview a list, then insert it as an Excel table.",
  catalogLoading: "Loading the catalog…",
  catalogFailed: "The catalog could not be loaded: {reason}",
  catalogEmpty: "The catalog has no lists yet.",
  catalogListProblems: "Some lists in the catalog were left out because they are not valid:",
  reportDate: "Report date {date}",
  rowCount: "{count} rows",
  rowCountOne: "1 row",

  previewButton: "Preview",
  previewButtonLabel: "Preview “{title}”",
  insertButton: "Insert",
  insertButtonLabel: "Insert “{title}” into Excel",

  importHeading: "Import from a note",
  importIntro:
    "Paste the text of a broker note (or a pick-list JSON document) and choose Parse. Nothing is written to Excel until you choose Insert.",
  importLabel: "Note text",
  importPlaceholder: "Paste a note here…",
  parseButton: "Parse",
  parseEmptyInput: "Paste some text first.",
  parseFound: "Found {count} lists.",
  parseFoundOne: "Found 1 list.",
  parseNoLists: "No pick list was found in this text, so there is nothing to insert.",
  parseProblemsHeading: "Tables that could not be read",
  parseProblem: "{table}: {reason}",
  jsonMalformed: "This text looks like JSON but is not valid JSON: {reason}",
  jsonNotPickList: "This JSON document is not a valid pick list:",
  jsonValidList: "Read 1 pick list from the JSON document.",
  resultsHeading: "Found in the text",

  previewHeading: "Preview",
  previewNone: "Choose Preview on a list to see its rows here.",
  previewLoading: "Loading “{title}”…",
  previewFailed: "“{title}” could not be loaded: {reason}",
  previewSource: "{broker}, “{reportTitle}”, {reportDate}",
  previewPriceDate: "Prices as of {date}",
  previewTableSource: "Table: {table}",
  previewTableLabel: "Rows of “{title}”",
  previewNoRows: "This list has no rows.",
  missingValue: "—",
  missingValueLabel: "no value",

  insertStarted: "Inserting “{title}”…",
  insertProgress: "Writing rows: {done} of {total}",
  insertProgressLabel: "Insert progress",
  insertDone: "Inserted {rows} rows into sheet “{sheet}” as table {table} ({address}).",
  insertFailed: "The insert failed: {reason}",
  unknownError: "an unknown error",
  fetchFailed: "{url} could not be fetched ({detail})",
  fetchHttp: "{url} answered HTTP {status}",
  fetchNotJson: "{url} is not valid JSON ({detail})",
} as const;

export type StringKey = keyof typeof EN;

const ZH: Record<StringKey, string> = {
  appTitle: "AI 算力研究台",
  appTagline: "AI 算力主题的券商推荐股票表",
  languageGroup: "语言",
  languageName: "中文",

  hostChecking: "正在连接 Excel…",
  hostExcel: "已连接到 Excel。",
  hostOutside: "此加载项须在 Excel 中运行。在 Excel 之外仍可浏览和预览目录、试用导入功能，但无法插入。",
  insertNeedsExcel: "插入需要 Excel：请在 Excel 中通过 开始 › 算力研究台 打开此任务窗格。",
  insertBusy: "另一项插入正在进行。",

  catalogHeading: "目录",
  catalogIntro: "取自券商研报的推荐股票表。先预览，再作为 Excel 表格插入。",
  catalogLoading: "正在加载目录…",
  catalogFailed: "无法加载目录：{reason}",
  catalogEmpty: "目录中还没有列表。",
  catalogListProblems: "目录中有些列表无效，已略去：",
  reportDate: "报告日期 {date}",
  rowCount: "{count} 行",
  rowCountOne: "1 行",

  previewButton: "预览",
  previewButtonLabel: "预览“{title}”",
  insertButton: "插入",
  insertButtonLabel: "将“{title}”插入 Excel",

  importHeading: "从研报导入",
  importIntro: "粘贴券商研报的文本（或推荐列表 JSON 文档），然后点击“解析”。点击“插入”之前不会向 Excel 写入任何内容。",
  importLabel: "研报文本",
  importPlaceholder: "在此粘贴研报…",
  parseButton: "解析",
  parseEmptyInput: "请先粘贴文本。",
  parseFound: "找到 {count} 个列表。",
  parseFoundOne: "找到 1 个列表。",
  parseNoLists: "未在文本中找到推荐股票表，没有可插入的内容。",
  parseProblemsHeading: "无法读取的表格",
  parseProblem: "{table}：{reason}",
  jsonMalformed: "此文本看似 JSON，但不是有效的 JSON：{reason}",
  jsonNotPickList: "此 JSON 文档不是有效的推荐股票表：",
  jsonValidList: "已从 JSON 文档读取 1 个推荐股票表。",
  resultsHeading: "文本中找到的内容",

  previewHeading: "预览",
  previewNone: "点击列表的“预览”，在此查看其数据行。",
  previewLoading: "正在加载“{title}”…",
  previewFailed: "无法加载“{title}”：{reason}",
  previewSource: "{broker}《{reportTitle}》，{reportDate}",
  previewPriceDate: "股价日期 {date}",
  previewTableSource: "表格：{table}",
  previewTableLabel: "“{title}”的数据行",
  previewNoRows: "此列表没有数据行。",
  missingValue: "—",
  missingValueLabel: "无数据",

  insertStarted: "正在插入“{title}”…",
  insertProgress: "正在写入：第 {done} / {total} 行",
  insertProgressLabel: "插入进度",
  insertDone: "已插入 {rows} 行：工作表“{sheet}”，表格 {table}（{address}）。",
  insertFailed: "插入失败：{reason}",
  unknownError: "未知错误",
  fetchFailed: "无法获取 {url}（{detail}）",
  fetchHttp: "{url} 返回 HTTP {status}",
  fetchNotJson: "{url} 不是有效的 JSON（{detail}）",
};

export const STRINGS: Record<Lang, Record<StringKey, string>> = { en: EN, zh: ZH };

export type StringParams = Record<string, string | number>;

/** The string `key` in `lang`, with each {name} replaced by params[name] (left as is when absent). */
export function t(lang: Lang, key: StringKey, params?: StringParams): string {
  const template = STRINGS[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/**
 * The string `key` split at its placeholders, in order: literal text, and each filled-in parameter with
 * its name. Joined, the parts read exactly as t(); the DOM layer uses the names to mark data apart.
 */
export function tParts(lang: Lang, key: StringKey, params: StringParams = {}): { text: string; param?: string }[] {
  const parts: { text: string; param?: string }[] = [];
  const template = STRINGS[lang][key];
  const pattern = /\{(\w+)\}/g;
  let last = 0;
  for (const m of template.matchAll(pattern)) {
    const name = m[1];
    if (!Object.prototype.hasOwnProperty.call(params, name)) continue;
    if (m.index! > last) parts.push({ text: template.slice(last, m.index) });
    parts.push({ text: String(params[name]), param: name });
    last = m.index! + m[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

/** "{count} rows" with the singular where English needs it. */
export function rowCountText(lang: Lang, count: number): string {
  return count === 1 ? t(lang, "rowCountOne") : t(lang, "rowCount", { count });
}

/**
 * The taskpane language for an Office display language (a BCP 47 tag such as "zh-CN", "zh-TW", "en-US",
 * "fr-FR"): any Chinese → zh, anything else (or nothing, outside Office) → en.
 */
export function languageFromDisplayLanguage(displayLanguage: string | null | undefined): Lang {
  return typeof displayLanguage === "string" && /^zh(?:$|[-_])/i.test(displayLanguage.trim()) ? "zh" : "en";
}

/** The value for <html lang>: what screen readers and font fallback use. */
export function htmlLang(lang: Lang): string {
  return lang === "zh" ? "zh-CN" : "en";
}
