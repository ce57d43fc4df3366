/**
 * The organs of a government or party level, as they stand between a level
 * and a post (区委书记, 市政府秘书长, 县人大常委会主任) — post-lexicon.ts.
 */

/** Organs under a level. 委 alone is the party committee (区委); 政府办 etc. are offices. */
export const LEVEL_ORGANS: readonly string[] = [
  "委",
  "政府",
  "人民政府",
  "人民法院",
  "人民检察院",
  "党委",
  "人大常委会",
  "人大",
  "政协",
  "纪委监委",
  "纪委",
  "监委",
  "委组织部",
  "委宣传部",
  "委统战部",
  "委政法委",
  "委办",
  "政府办",
  "党工委",
  "法院",
  "检察院",
];

/** Organs written without a level (党组书记, 人大常委会主任 after a name of place). */
export const BARE_ORGANS: readonly string[] = [
  "中共",
  "党委",
  "党组",
  "党工委",
  "人大常委会",
  "政协",
  "纪委监委",
  "纪委",
];
