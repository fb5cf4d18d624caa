/**
 * The shell's words (header, tabs, message bars, preview navigation), in English and Simplified Chinese.
 * Each tab keeps its own words in tabs/<tab>/strings.ts; i18n.ts merges them all into one table, so a
 * key is used as before (t(lang, "tabCatalog")) and a missing translation is still a type error.
 */
export const SHELL_EN = {
  tabsLabel: "Sections",
  tabCatalog: "Catalog",
  tabImport: "Import",
  tabRefresh: "Refresh",
  tabTools: "Tools",
  tabFeeds: "Feeds",
  helpLink: "Help",
  helpLinkLabel: "Help (opens in a new window)",
  messageSuccess: "Success",
  messageWarning: "Warning",
  messageError: "Error",
  messageInfo: "Information",
  dismissButton: "Dismiss",
  dismissLabel: "Dismiss this message",
  retryButton: "Retry",
  detailsSummary: "Details",
  backButton: "Back",
  backButtonLabel: "Back to the list",
  previewShowing: "Showing {shown} of {total} rows.",
  listInvalid: "the list “{title}” is not valid (the details say why).",
  insertDoneTitle: "Inserted “{title}”: {rows} rows on sheet “{sheet}”, {address}.",
};

export type ShellKey = keyof typeof SHELL_EN;

export const SHELL_ZH: Record<ShellKey, string> = {
  tabsLabel: "功能区",
  tabCatalog: "目录",
  tabImport: "导入",
  tabRefresh: "刷新",
  tabTools: "工具",
  tabFeeds: "数据源",
  helpLink: "帮助",
  helpLinkLabel: "帮助（在新窗口中打开）",
  messageSuccess: "成功",
  messageWarning: "警告",
  messageError: "错误",
  messageInfo: "提示",
  dismissButton: "关闭",
  dismissLabel: "关闭此消息",
  retryButton: "重试",
  detailsSummary: "详细信息",
  backButton: "返回",
  backButtonLabel: "返回列表",
  previewShowing: "显示 {total} 行中的 {shown} 行。",
  listInvalid: "列表“{title}”无效（原因见详细信息）。",
  insertDoneTitle: "已插入“{title}”：{rows} 行，位于工作表“{sheet}”的 {address}。",
};
