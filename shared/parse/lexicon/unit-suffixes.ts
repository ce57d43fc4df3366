/**
 * Words that end the name of a unit rather than a place: a development
 * zone, a school, a paper, a company, a road (奉化经济开发区, 黑山中学,
 * 金坛手机台). After a place's short form they make it part of the unit's
 * name (resolve-region.ts). Longer words before their own endings.
 */
export const UNIT_SUFFIXES: readonly string[] = [
  "经济技术开发区",
  "经济开发区",
  "开发区",
  "高新区",
  "工业园",
  "产业园",
  "园区",
  "大学",
  "学院",
  "中学",
  "小学",
  "医院",
  "银行",
  "集团",
  "公司",
  "日报",
  "晚报",
  "电视台",
  "手机台",
  "新闻网",
  "融媒",
  "商会",
  "宾馆",
  "饭店",
  "酒店",
  "大道",
  "路",
  "街",
];
