/**
 * The administrative levels as pages write them before an organ or a post
 * (区委, 市政府, 县长, 街道党工委).
 */

/** Levels that start an organ name: 区委, 市政府, 县人大常委会, 街道党工委 … */
export const ORGAN_LEVELS: readonly string[] = [
  "全国",
  "自治区",
  "自治州",
  "自治县",
  "省",
  "市",
  "区",
  "县",
  "州",
  "盟",
  "旗",
  "镇",
  "乡",
  "街道",
];

/**
 * Levels a meeting's body can have (meeting-level.ts). 自治区 is a province
 * and comes first, so its 区 is not taken for a district.
 */
export const MEETING_BODY_LEVELS = ["自治区", "省", "市", "州", "盟", "区", "县", "旗"] as const;
