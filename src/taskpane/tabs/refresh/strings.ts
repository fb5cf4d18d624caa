/**
 * The refresh tab's words, in English and Simplified Chinese. Add a key to both tables (the zh table must have
 * every key of the en one: a missing translation is a type error); i18n.ts merges every tab's table,
 * and test/taskpane/i18n-host.test.ts checks both languages use the same {placeholders} and that no
 * key is defined twice across tabs. Prefix new keys with the tab's name to keep them apart.
 */
export const REFRESH_EN = {
  refreshConflicts: "{count} cells kept your value: the broker changed them too",
  refreshConflictsOne: "1 cell kept your value: the broker changed it too",
  refreshConflictsIntro: "Your values stay unless you choose the broker's. The log sheet lists these too.",
  refreshTakeTheirs: "Use broker's value",
  refreshTakeTheirsLabel: "Use broker's value for {cell}",
  refreshTakeTheirsAll: "Use broker's values for all",
  refreshTaken: "Broker's value used",
  refreshTookTheirs: "{count} cells now hold the broker's value.",
  refreshTookTheirsOne: "1 cell now holds the broker's value.",
  refreshTakeSkipped: "{count} cells were left as they are (changed again since the refresh, or their row moved): {cells}",
  refreshTakeSkippedOne: "1 cell was left as it is (changed again since the refresh, or its row moved): {cells}",
  refreshTakeMissing: "{count} cells were not written: their sheet was deleted since the refresh: {cells}",
  refreshTakeMissingOne: "1 cell was not written: its sheet was deleted since the refresh: {cells}",
  refreshTakeFailed: "The broker's values could not be written; nothing was changed: {reason}",
  refreshListOnSheet: "“{title}” on sheet “{sheet}”",
  refreshTableOnSheet: "The table on sheet “{sheet}”",
  refreshReloadText: "The taskpane reloads to allow {origins}, then runs this refresh again. What you entered is kept.",
  refreshTakeAllTitle: "Use the broker's values?",
  refreshTakeAllText: "Your values in {count} cells are replaced by the broker's.",
};

export const REFRESH_ZH: Record<keyof typeof REFRESH_EN, string> = {
  refreshConflicts: "{count} 个单元格保留了您的值：券商也修改了它们",
  refreshConflictsOne: "1 个单元格保留了您的值：券商也修改了它",
  refreshConflictsIntro: "除非您选择券商的值，否则保留您的值。日志工作表中也列出了这些单元格。",
  refreshTakeTheirs: "采用券商值",
  refreshTakeTheirsLabel: "{cell} 采用券商值",
  refreshTakeTheirsAll: "全部采用券商值",
  refreshTaken: "已采用券商值",
  refreshTookTheirs: "{count} 个单元格已改为券商的值。",
  refreshTookTheirsOne: "1 个单元格已改为券商的值。",
  refreshTakeSkipped: "{count} 个单元格保持不变（刷新后又被修改，或所在行已移动）：{cells}",
  refreshTakeSkippedOne: "1 个单元格保持不变（刷新后又被修改，或所在行已移动）：{cells}",
  refreshTakeMissing: "{count} 个单元格未写入：所在工作表在刷新后已被删除：{cells}",
  refreshTakeMissingOne: "1 个单元格未写入：所在工作表在刷新后已被删除：{cells}",
  refreshTakeFailed: "无法写入券商的值，未做任何更改：{reason}",
  refreshListOnSheet: "工作表“{sheet}”中的“{title}”",
  refreshTableOnSheet: "工作表“{sheet}”中的表格",
  refreshReloadText: "任务窗格将重新加载以允许 {origins}，然后再次运行此次刷新。已输入的内容会保留。",
  refreshTakeAllTitle: "采用券商的值？",
  refreshTakeAllText: "{count} 个单元格中您的值将被券商的值替换。",
};
