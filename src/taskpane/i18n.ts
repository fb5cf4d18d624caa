/**
 * Every string the taskpane shows, in English and Simplified Chinese. One table, so a missing
 * translation is a type error (the zh table must have every key of the en table) and a test can check
 * that both languages use the same {placeholders}.
 *
 * Pure: no DOM, no Office. The language is chosen in taskpane.ts from Office.context.displayLanguage.
 */

import { SHELL_EN, SHELL_ZH } from "./shell/strings";
import { CATALOG_EN, CATALOG_ZH } from "./tabs/catalog/strings";
import { FEEDS_EN, FEEDS_ZH } from "./tabs/feeds/strings";
import { IMPORT_EN, IMPORT_ZH } from "./tabs/import/strings";
import { REFRESH_EN, REFRESH_ZH } from "./tabs/refresh/strings";
import { TOOLS_EN, TOOLS_ZH } from "./tabs/tools/strings";

export type Lang = "zh" | "en";

export const LANGS: readonly Lang[] = ["zh", "en"];

const CORE_EN = {
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

  // ---- feeds ----
  feedsHeading: "Feeds",
  feedsIntro:
    "A feed is a web address serving pick lists: a pick-list JSON document, a catalog of them, or a CSV file. Its lists appear here beside the catalog's; a table inserted from a feed refreshes from it.",
  feedAddHeading: "Add a feed",
  feedUrlLabel: "Feed URL",
  feedUrlHint:
    "An https:// address, or http:// on this computer (localhost or 127.0.0.1). It is saved in the workbook, so never put a password in it.",
  feedNameLabel: "Name (optional)",
  feedCsvLabel: "It is a CSV file: give its list a title, dates and a column mapping",
  csvTitleLabel: "List title (optional)",
  csvBrokerLabel: "Broker (optional)",
  csvReportDateLabel: "Report date (optional; default: today)",
  csvPriceDateLabel: "Price date (optional)",
  csvMappingLabel: "Column mapping (optional)",
  csvMappingHint:
    "Only for headers the add-in does not read by itself (it reads {examples} and the like). One per line: header = kind, with the year for eps and pe, and % for a change given in percentage points. Kinds: ticker, name, price, change, eps, pe, pb, rating, theme, text, number, ignore. For example: Px = price · EPS 24 = eps 2024E · Chg = change % · Memo = ignore",
  addFeedButton: "Add feed",
  feedAdding: "Fetching and checking the feed…",
  feedAdded: "Added the feed “{name}” with {count} lists.",
  feedAddedOne: "Added the feed “{name}” with 1 list.",
  feedNotAdded: "The feed was not added, and nothing was saved.",
  feedUrlEmpty: "Enter the feed's URL.",
  feedUrlInvalid: "This URL cannot be a feed: {reason}",
  feedUrlIpv6:
    "The taskpane cannot allow an address written [::1]: use http://localhost with the same port, which reaches the same server.",
  csvReportDateInvalid: "The report date “{value}” is not a date (YYYY-MM-DD).",
  csvPriceDateInvalid: "The price date “{value}” is not a date (YYYY-MM-DD).",
  mappingLineInvalid: "Column mapping, line {line}: “{text}” is not understood. Write header = kind, for example Px = price.",
  mappingUnknownKind: "Column mapping, line {line}: “{kind}” is not a kind. Use one of: {kinds}.",
  mappingNeedsYear: "Column mapping, line {line}: {kind} needs its year, for example “{header} = {kind} 2024E”.",
  mappingDuplicate: "Column mapping, line {line}: the header “{header}” is mapped twice.",
  mappingJsonInvalid: "The column mapping is not valid JSON: {reason}",
  feedReloadNeeded:
    "To fetch from {origin}, the taskpane must first allow connections to it, which takes a reload. What you entered is kept, and the feed is added right after the reload.",
  feedResumed: "The taskpane reloaded to allow {origin}. Adding the feed…",
  feedsEmpty: "No feeds yet.",
  feedsUnavailable:
    "Feeds are not available here: this browser does not let the taskpane keep the addresses it may connect to (its storage is blocked).",
  feedsLoading: "Loading your feeds…",
  feedFetching: "Fetching…",
  feedFresh: "Up to date: fetched {time}.",
  feedStale: "Stale since {time}: the last fetch failed, so these are the lists as fetched then.",
  feedFailed: "Could not be fetched, and there is no earlier copy.",
  feedStatusAnnounce: "“{name}”: {status}",
  listCount: "{count} lists",
  listCountOne: "1 list",
  feedListsLabel: "Lists of “{name}”",
  refetchFeedButton: "Fetch again",
  refetchFeedLabel: "Fetch again “{name}”",
  removeFeedButton: "Remove",
  removeFeedLabel: "Remove the feed “{name}”",
  feedRemoved: "Removed the feed “{name}”. Tables inserted from it still refresh from its URL.",
  feedActionFailed: "That did not work: {reason}",
  reasonText: "Reason: {reason}",
  allowAndReload: "Allow and reload",
  cancelButton: "Cancel",
  notNowButton: "Not now",
  needsExcel: "This needs Excel: open this taskpane from Home › Compute Desk in Excel.",

  // ---- refresh ----
  refreshHeading: "Refresh tables",
  refreshIntro:
    "Update the tables the add-in inserted from their source (the catalog or a feed). Only the list's own cells change: your columns, formulas and notes stay. Every change is listed here and in the log sheet.",
  refreshSelectionButton: "Refresh selected table",
  refreshSheetButton: "Refresh this sheet",
  refreshAllButton: "Refresh all",
  refreshNeedsApi:
    "This Excel cannot refresh tables: refreshing needs Excel API 1.13 (Excel for Microsoft 365, Excel 2021 or later, or Excel on the web).",
  refreshRunning: "Refreshing…",
  refreshProgress: "{count} tables done",
  refreshProgressOne: "1 table done",
  refreshDoneAll: "Refreshed {count} tables.",
  refreshDoneAllOne: "Refreshed 1 table.",
  refreshDonePartly: "Refreshed {refreshed} of {total} tables; {failed} not refreshed.",
  refreshDoneNone: "No table was refreshed.",
  refreshNoneSheet: "This sheet has no table inserted by the add-in.",
  refreshNoneWorkbook: "This workbook has no table inserted by the add-in.",
  refreshNotRun: "Nothing was refreshed: {reason}",
  refreshTableTitle: "{table} on sheet “{sheet}”",
  refreshTableRefreshed: "Refreshed.",
  refreshTableFailed: "Not refreshed: the table is exactly as it was.",
  refreshTableRestoreFailed: "Not refreshed, and putting the table back failed too: check the table against the log sheet.",
  refreshTableStale: "The source could not be fetched, so this refresh used its copy of {time}.",
  refreshColumnsAdded: "The source has new columns; an existing table does not take them: insert the list again to see them.",
  refreshTableNeedsOrigin: "Not refreshed: this computer does not allow connections to its feed {origin} yet.",
  refreshTableCannotAllow: "Not refreshed: the taskpane cannot connect to its feed {url} (an address written [::1] cannot be allowed).",
  refreshOrphans: "{count} tables the workbook remembers are gone (deleted, or their sheet was): {names}.",
  refreshOrphansOne: "1 table the workbook remembers is gone (deleted, or its sheet was): {names}.",
  refreshUnreadable: "{count} table records could not be read (made by a newer version of the add-in?) and were left alone.",
  refreshUnreadableOne: "1 table record could not be read (made by a newer version of the add-in?) and was left alone.",
  originsOffer:
    "This workbook's tables come from feeds this computer has not connected to yet, probably added by a colleague: {origins}. The taskpane connects only to addresses you allow. Allow them? The taskpane reloads, then runs this refresh again.",
  originsResumed: "The taskpane reloaded to allow {origins}. Refreshing again…",

  // ---- compare and model ----
  analysisHeading: "Compare and model",
  compareHeading: "Broker comparison",
  compareIntro:
    "Every catalog and feed list side by side, one row per ticker: each broker's rating and EPS, the spread between brokers, the latest price and a live P/E. Inserted as a new sheet.",
  compareOverview: "{lists} lists from {brokers} brokers name {tickers} tickers; {shared} of them are named by two brokers or more.",
  compareWaiting: "Waiting for the catalog…",
  compareNoLists: "There are no lists to compare.",
  compareButton: "Compare brokers",
  compareRunning: "Inserting the comparison…",
  compareDone:
    "Inserted the comparison into sheet “{sheet}” as table {table} ({address}): {rows} tickers, {shared} named by two brokers or more.",
  compareFailed: "The comparison was not inserted: {reason}",
  computeHeading: "Sora compute sheet",
  computeIntro:
    "The Minsheng note's Sora compute-demand model on a new sheet: its assumptions as inputs you can change, live AIC formulas for training and inference GPUs, and GPU × utilisation grids.",
  computeButton: "Insert the compute sheet",
  computeRunning: "Inserting the compute sheet…",
  computeDone: "Inserted the sheet “{sheet}”: {inputs} inputs and {outputs} live outputs, each a named cell (for example {example}).",
  computeSheetNames: "{count} names were already used in this workbook, so the new sheet has its own: {names}.",
  computeSheetNamesOne: "1 name was already used in this workbook, so the new sheet has its own: {names}.",
  computeFailed: "The compute sheet was not inserted: {reason}",

  // ---- share ----
  shareHeading: "Share the workbook",
  shareIntro:
    "A colleague without the add-in sees #NAME? in every AIC formula. Freeze replaces each one with the value it shows and keeps the formula inside the workbook; Restore puts the formulas back.",
  shareScope: "Apply to",
  scopeWorkbook: "The whole workbook",
  scopeSheet: "The active sheet",
  freezeButton: "Freeze for sharing",
  restoreButton: "Restore formulas",
  freezeRunning: "Freezing…",
  restoreRunning: "Restoring…",
  freezeDone: "Froze {count} AIC cells.",
  freezeDoneOne: "Froze 1 AIC cell.",
  sheetCells: "“{sheet}”: {count} cells",
  sheetCellsOne: "“{sheet}”: 1 cell",
  freezeErrors: "{count} of them showed an error and keep it as text (#N/A: no forecast; #NUM!: negative EPS).",
  freezeErrorsOne: "1 of them showed an error and keeps it as text (#N/A: no forecast; #NUM!: negative EPS).",
  freezeNone: "There is no AIC formula to freeze here.",
  freezeFailed: "The freeze failed: {reason}",
  restoreDone: "Restored {count} AIC cells.",
  restoreDoneOne: "Restored 1 AIC cell.",
  restoreNone: "Nothing to restore: nothing here was frozen.",
  restoreSkipped: "{count} cells changed since the freeze were left alone. Their formulas, to re-enter if you want them back:",
  restoreSkippedOne: "1 cell changed since the freeze was left alone. Its formula, to re-enter if you want it back:",
  restoreSkipValue: "{address} (now shows another value): {formula}",
  restoreSkipFormula: "{address} (now holds another formula): {formula}",
  restoreFailed: "Restoring failed: {reason}",
} as const;

/**
 * Every table merged: the core's (above, the words the tabs share), the shell's and each tab's. Keys are
 * unique across tables (test/taskpane/i18n-host.test.ts checks), so nothing is silently overridden.
 */
export const STRING_TABLES = {
  core: CORE_EN,
  shell: SHELL_EN,
  catalog: CATALOG_EN,
  import: IMPORT_EN,
  refresh: REFRESH_EN,
  tools: TOOLS_EN,
  feeds: FEEDS_EN,
} as const;

const EN = { ...CORE_EN, ...SHELL_EN, ...CATALOG_EN, ...IMPORT_EN, ...REFRESH_EN, ...TOOLS_EN, ...FEEDS_EN };

export type StringKey = keyof typeof EN;

const CORE_ZH: Record<keyof typeof CORE_EN, string> = {
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

  feedsHeading: "数据源",
  feedsIntro: "数据源是提供推荐股票表的网址：推荐列表 JSON 文档、其目录或 CSV 文件。其列表与目录中的列表一样显示在此处；从数据源插入的表格会从该数据源刷新。",
  feedAddHeading: "添加数据源",
  feedUrlLabel: "数据源网址",
  feedUrlHint: "https:// 网址，或本机上的 http://（localhost 或 127.0.0.1）。网址会保存在工作簿中，请勿在其中包含密码。",
  feedNameLabel: "名称（可选）",
  feedCsvLabel: "这是 CSV 文件：为其列表设置标题、日期和列映射",
  csvTitleLabel: "列表标题（可选）",
  csvBrokerLabel: "券商（可选）",
  csvReportDateLabel: "报告日期（可选；默认为今天）",
  csvPriceDateLabel: "股价日期（可选）",
  csvMappingLabel: "列映射（可选）",
  csvMappingHint:
    "仅用于加载项无法自行识别的表头（{examples} 等可自动识别）。每行一个：表头 = 类型；eps 和 pe 须注明年份，以百分点表示的涨跌幅加 %。类型：ticker、name、price、change、eps、pe、pb、rating、theme、text、number、ignore。例如：Px = price · EPS 24 = eps 2024E · Chg = change % · Memo = ignore",
  addFeedButton: "添加数据源",
  feedAdding: "正在获取并检查数据源…",
  feedAdded: "已添加数据源“{name}”，含 {count} 个列表。",
  feedAddedOne: "已添加数据源“{name}”，含 1 个列表。",
  feedNotAdded: "未添加数据源，也未保存任何内容。",
  feedUrlEmpty: "请输入数据源网址。",
  feedUrlInvalid: "此网址不能作为数据源：{reason}",
  feedUrlIpv6: "任务窗格无法允许写作 [::1] 的地址：请改用相同端口的 http://localhost，它指向同一台服务器。",
  csvReportDateInvalid: "报告日期“{value}”不是有效日期（YYYY-MM-DD）。",
  csvPriceDateInvalid: "股价日期“{value}”不是有效日期（YYYY-MM-DD）。",
  mappingLineInvalid: "列映射第 {line} 行：无法理解“{text}”。请写成 表头 = 类型，例如 Px = price。",
  mappingUnknownKind: "列映射第 {line} 行：“{kind}”不是有效类型。可用类型：{kinds}。",
  mappingNeedsYear: "列映射第 {line} 行：{kind} 须注明年份，例如“{header} = {kind} 2024E”。",
  mappingDuplicate: "列映射第 {line} 行：表头“{header}”被映射了两次。",
  mappingJsonInvalid: "列映射不是有效的 JSON：{reason}",
  feedReloadNeeded: "要从 {origin} 获取数据，任务窗格须先允许连接到该地址，这需要重新加载。已输入的内容会保留，重新加载后立即添加该数据源。",
  feedResumed: "任务窗格已重新加载并允许 {origin}。正在添加数据源…",
  feedsEmpty: "尚未添加数据源。",
  feedsUnavailable: "此处无法使用数据源：此浏览器不允许任务窗格保存可连接的地址（存储被阻止）。",
  feedsLoading: "正在加载数据源…",
  feedFetching: "正在获取…",
  feedFresh: "最新：于 {time} 获取。",
  feedStale: "自 {time} 起未更新：最近一次获取失败，以下是当时获取的列表。",
  feedFailed: "无法获取，且没有之前的副本。",
  feedStatusAnnounce: "“{name}”：{status}",
  listCount: "{count} 个列表",
  listCountOne: "1 个列表",
  feedListsLabel: "“{name}”的列表",
  refetchFeedButton: "重新获取",
  refetchFeedLabel: "重新获取“{name}”",
  removeFeedButton: "移除",
  removeFeedLabel: "移除数据源“{name}”",
  feedRemoved: "已移除数据源“{name}”。从中插入的表格仍会从其网址刷新。",
  feedActionFailed: "操作未成功：{reason}",
  reasonText: "原因：{reason}",
  allowAndReload: "允许并重新加载",
  cancelButton: "取消",
  notNowButton: "暂不",
  needsExcel: "此功能需要 Excel：请在 Excel 中通过 开始 › 算力研究台 打开此任务窗格。",

  refreshHeading: "刷新表格",
  refreshIntro: "从来源（目录或数据源）更新加载项插入的表格。只改动列表自身的单元格：您的列、公式和批注保持不变。每项改动都列在此处和日志工作表中。",
  refreshSelectionButton: "刷新所选表格",
  refreshSheetButton: "刷新此工作表",
  refreshAllButton: "全部刷新",
  refreshNeedsApi: "此版本的 Excel 无法刷新表格：刷新需要 Excel API 1.13（Microsoft 365 版 Excel、Excel 2021 或更高版本，或网页版 Excel）。",
  refreshRunning: "正在刷新…",
  refreshProgress: "已完成 {count} 个表格",
  refreshProgressOne: "已完成 1 个表格",
  refreshDoneAll: "已刷新 {count} 个表格。",
  refreshDoneAllOne: "已刷新 1 个表格。",
  refreshDonePartly: "已刷新 {refreshed} / {total} 个表格；{failed} 个未刷新。",
  refreshDoneNone: "没有表格被刷新。",
  refreshNoneSheet: "此工作表中没有加载项插入的表格。",
  refreshNoneWorkbook: "此工作簿中没有加载项插入的表格。",
  refreshNotRun: "未刷新任何表格：{reason}",
  refreshTableTitle: "工作表“{sheet}”中的 {table}",
  refreshTableRefreshed: "已刷新。",
  refreshTableFailed: "未刷新：表格保持原样。",
  refreshTableRestoreFailed: "未刷新，且恢复表格也失败了：请对照日志工作表检查该表格。",
  refreshTableStale: "无法获取数据源，本次刷新使用了其 {time} 的副本。",
  refreshColumnsAdded: "数据源有新增列，已有表格不会加入这些列：重新插入该列表即可看到。",
  refreshTableNeedsOrigin: "未刷新：本机尚未允许连接到其数据源 {origin}。",
  refreshTableCannotAllow: "未刷新：任务窗格无法连接到其数据源 {url}（无法允许写作 [::1] 的地址）。",
  refreshOrphans: "工作簿记录的 {count} 个表格已不存在（表格或其工作表已删除）：{names}。",
  refreshOrphansOne: "工作簿记录的 1 个表格已不存在（表格或其工作表已删除）：{names}。",
  refreshUnreadable: "有 {count} 条表格记录无法读取（可能由更新版本的加载项创建），已保持不动。",
  refreshUnreadableOne: "有 1 条表格记录无法读取（可能由更新版本的加载项创建），已保持不动。",
  originsOffer:
    "此工作簿的表格来自本机尚未连接过的数据源（可能由同事添加）：{origins}。任务窗格只连接您允许的地址。是否允许？任务窗格将重新加载，然后再次执行此次刷新。",
  originsResumed: "任务窗格已重新加载并允许 {origins}。正在再次刷新…",

  analysisHeading: "对比与建模",
  compareHeading: "券商对比",
  compareIntro: "将目录和数据源中的所有列表并排比较，每个代码一行：各券商的评级和 EPS、券商间的分歧、最新股价和实时市盈率。插入为新工作表。",
  compareOverview: "来自 {brokers} 家券商的 {lists} 个列表共涉及 {tickers} 个代码，其中 {shared} 个被两家或以上券商提及。",
  compareWaiting: "正在等待目录…",
  compareNoLists: "没有可对比的列表。",
  compareButton: "对比券商",
  compareRunning: "正在插入券商对比…",
  compareDone: "已将券商对比插入工作表“{sheet}”，表格 {table}（{address}）：{rows} 个代码，其中 {shared} 个被两家或以上券商提及。",
  compareFailed: "未插入券商对比：{reason}",
  computeHeading: "Sora 算力表",
  computeIntro: "在新工作表中插入民生证券研报的 Sora 算力需求模型：其假设作为可修改的输入，训练和推理所需 GPU 为实时 AIC 公式，并附 GPU × 利用率敏感性表。",
  computeButton: "插入算力表",
  computeRunning: "正在插入算力表…",
  computeDone: "已插入工作表“{sheet}”：{inputs} 个输入和 {outputs} 个实时输出，均为命名单元格（例如 {example}）。",
  computeSheetNames: "有 {count} 个名称已在此工作簿中使用，新工作表使用其自身的名称：{names}。",
  computeSheetNamesOne: "有 1 个名称已在此工作簿中使用，新工作表使用其自身的名称：{names}。",
  computeFailed: "未插入算力表：{reason}",

  shareHeading: "分享工作簿",
  shareIntro: "没有安装加载项的同事会在每个 AIC 公式处看到 #NAME?。“冻结”将每个公式替换为其显示的值，并把公式保存在工作簿内部；“恢复”将公式放回。",
  shareScope: "适用范围",
  scopeWorkbook: "整个工作簿",
  scopeSheet: "当前工作表",
  freezeButton: "冻结以便分享",
  restoreButton: "恢复公式",
  freezeRunning: "正在冻结…",
  restoreRunning: "正在恢复…",
  freezeDone: "已冻结 {count} 个 AIC 单元格。",
  freezeDoneOne: "已冻结 1 个 AIC 单元格。",
  sheetCells: "“{sheet}”：{count} 个单元格",
  sheetCellsOne: "“{sheet}”：1 个单元格",
  freezeErrors: "其中 {count} 个显示错误，已保留为文本（#N/A：无预测；#NUM!：EPS 为负）。",
  freezeErrorsOne: "其中 1 个显示错误，已保留为文本（#N/A：无预测；#NUM!：EPS 为负）。",
  freezeNone: "此处没有可冻结的 AIC 公式。",
  freezeFailed: "冻结失败：{reason}",
  restoreDone: "已恢复 {count} 个 AIC 单元格。",
  restoreDoneOne: "已恢复 1 个 AIC 单元格。",
  restoreNone: "没有可恢复的内容：此处没有冻结的单元格。",
  restoreSkipped: "自冻结以来已更改的 {count} 个单元格保持不变。如需恢复，可重新输入其公式：",
  restoreSkippedOne: "自冻结以来已更改的 1 个单元格保持不变。如需恢复，可重新输入其公式：",
  restoreSkipValue: "{address}（现显示其他值）：{formula}",
  restoreSkipFormula: "{address}（现为其他公式）：{formula}",
  restoreFailed: "恢复失败：{reason}",
};

const ZH: Record<StringKey, string> = { ...CORE_ZH, ...SHELL_ZH, ...CATALOG_ZH, ...IMPORT_ZH, ...REFRESH_ZH, ...TOOLS_ZH, ...FEEDS_ZH };

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

/** Keys that have a singular variant (`<key>One`, used when the count is 1: English needs it, Chinese says the same). */
type CountedKey = {
  [K in StringKey]: `${K}One` extends StringKey ? K : never;
}[StringKey];

/** The string `key` for `count` things: `<key>One` when count is 1, else `key` with {count} filled in. */
export function tCount(lang: Lang, key: CountedKey, count: number, params: StringParams = {}): string {
  return count === 1 ? t(lang, `${key}One` as StringKey, params) : t(lang, key, { ...params, count });
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
