/**
 * The labels a page prints before its own date (发布时间:2019-05-18,
 * 日期:…), read by the byline check, the header reader and the published-date
 * finder. One list, so the three cannot drift apart.
 */

/** Labels of the page's publication (or update) date, as "label:value". */
export const PAGE_DATE_LABELS: readonly string[] = [
  "发布时间",
  "发布日期",
  "发表时间",
  "发表日期",
  "更新时间",
  "更新日期",
  "发稿时间",
  "时间",
  "日期",
];

/** A date introduced by a verb rather than a colon: 发表于 2019-05-18. */
export const PAGE_DATE_VERBS: readonly string[] = ["发表于", "发布于"];
