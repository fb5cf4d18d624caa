/**
 * The refresh tab's words, in English and Simplified Chinese. Add a key to both tables (the zh table must have
 * every key of the en one: a missing translation is a type error); i18n.ts merges every tab's table,
 * and test/taskpane/i18n-host.test.ts checks both languages use the same {placeholders} and that no
 * key is defined twice across tabs. Prefix new keys with the tab's name to keep them apart.
 */
export const REFRESH_EN = {
  refreshListOnSheet: "“{title}” on sheet “{sheet}”",
  refreshTableOnSheet: "The table on sheet “{sheet}”",
};

export const REFRESH_ZH: Record<keyof typeof REFRESH_EN, string> = {
  refreshListOnSheet: "工作表“{sheet}”中的“{title}”",
  refreshTableOnSheet: "工作表“{sheet}”中的表格",
};
