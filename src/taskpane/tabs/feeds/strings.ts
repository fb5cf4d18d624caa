/**
 * The feeds tab's words, in English and Simplified Chinese. Add a key to both tables (the zh table must have
 * every key of the en one: a missing translation is a type error); i18n.ts merges every tab's table,
 * and test/taskpane/i18n-host.test.ts checks both languages use the same {placeholders} and that no
 * key is defined twice across tabs. Prefix new keys with the tab's name to keep them apart.
 */
export const FEEDS_EN = {
  feedsOnlineOnly: "Online only: no offline copy. {reason}",
  feedsOnlineOnlyNote: "Online only: no offline copy could be stored.",
  feedsReadAs: "Read as {encoding}.",
  feedsOriginsHeading: "Allowed addresses",
  feedsOriginsIntro: "The add-in connects only to these addresses (and to itself and Office). An address is added when a feed on it has been fetched and checked.",
  feedsOriginsEmpty: "No address is allowed yet.",
  feedsOriginUsedBy: "Used by: {names}",
  feedsOriginUnused: "No feed uses it.",
  feedsOriginInUse: "Remove its feeds first.",
  feedsOriginRemoveButton: "Remove",
  feedsOriginRemoveLabel: "Remove the allowed address {origin}",
  feedsOriginRemoved: "{origin} is no longer allowed (from the next time the add-in opens).",
  feedsOriginRemovedWithFeed: "Its address {origin} is no longer allowed: no other feed uses it.",
};

export const FEEDS_ZH: Record<keyof typeof FEEDS_EN, string> = {
  feedsOnlineOnly: "仅限在线：没有离线副本。{reason}",
  feedsOnlineOnlyNote: "仅限在线：无法保存离线副本。",
  feedsReadAs: "按 {encoding} 编码读取。",
  feedsOriginsHeading: "允许的地址",
  feedsOriginsIntro: "加载项只连接这些地址（以及自身和 Office）。某地址上的数据源获取并校验通过后，才会加入此列表。",
  feedsOriginsEmpty: "尚未允许任何地址。",
  feedsOriginUsedBy: "使用者：{names}",
  feedsOriginUnused: "没有数据源使用此地址。",
  feedsOriginInUse: "请先移除使用它的数据源。",
  feedsOriginRemoveButton: "移除",
  feedsOriginRemoveLabel: "移除允许的地址 {origin}",
  feedsOriginRemoved: "已不再允许 {origin}（下次打开加载项时生效）。",
  feedsOriginRemovedWithFeed: "其地址 {origin} 已不再允许：没有其他数据源使用它。",
};
