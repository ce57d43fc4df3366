import { ORGAN_LEVELS } from "../lexicon/administrative-levels";
import { BARE_ORGANS, LEVEL_ORGANS } from "../lexicon/organs";
import { alternation } from "../regex-alternation";

/**
 * The posts that precede names in meeting pages (区委书记狄志强, 区委副书记、
 * 代区长陆秋明 — seeds 002–004), as one pattern built once. A post is an
 * optional organ prefix (区委, 区政府, 区人大常委会, 区发改局 …) and a core
 * post (书记, 代区长, 主任 …); several posts chain with 、.
 */

/** Core posts, deputies and acting forms included. */
const CORE_POSTS = [
  "书记",
  "副书记",
  "常务副书记",
  "党组书记",
  "党组副书记",
  "党组成员",
  "省长",
  "副省长",
  "常务副省长",
  "代省长",
  "市长",
  "副市长",
  "常务副市长",
  "代市长",
  "区长",
  "副区长",
  "常务副区长",
  "代区长",
  "县长",
  "副县长",
  "常务副县长",
  "代县长",
  "州长",
  "副州长",
  "旗长",
  "副旗长",
  "镇长",
  "副镇长",
  "乡长",
  "副乡长",
  "主任",
  "副主任",
  "常务副主任",
  "主席",
  "副主席",
  "部长",
  "副部长",
  "常务副部长",
  "常委",
  "秘书长",
  "副秘书长",
  "局长",
  "副局长",
  "委员",
  "检察长",
  "院长",
  "副院长",
  "厅长",
  "副厅长",
  "处长",
  "主任委员",
  "政委",
  // the forms a general rule meets on other sites: first deputies, executive
  // deputies of every level, assistants, and the 主委 of the democratic parties
  "第一书记",
  "第一副书记",
  "第一副主任",
  "常务副州长",
  "常务副旗长",
  "常务副镇长",
  "常务副乡长",
  "常务副主席",
  // the head of an autonomous region's government is its 主席
  "自治区主席",
  "自治区副主席",
  "省长助理",
  "市长助理",
  "区长助理",
  "县长助理",
  "旗长助理",
  "主委",
  "副主委",
  "专职副主委",
  "常务副主委",
  "副检察长",
  "副处长",
  "科长",
  "副科长",
  "所长",
  "副所长",
  "队长",
  "副队长",
];

/**
 * A department under a level (区发改局, 市商务局, 县市场监督管理局,
 * 县自然资源和规划局 — golden page laishui-mayor-office-minutes): a level,
 * one to eight characters, and an office suffix; only ever used right before a
 * core post. No office suffix inside (a party department's leading 委 aside: 区委编办),
 * so 县财政局会同县住建局局长 is not one post.
 */
const DEPARTMENT = "(?:区|市|县)委?[^\\P{Script=Han}局办委部院厅]{1,8}?(?:办公室|局|办|委|部|院|厅|中心)";

/** Core posts; they may also follow a name (徐伟南书记, seed 003). */
export const CORE_POST_PATTERN = alternation(CORE_POSTS);

const ORGAN_PREFIX = `(?:中共)?(?:(?:${alternation(ORGAN_LEVELS)})(?:${alternation(LEVEL_ORGANS)})|${alternation(BARE_ORGANS)}|${DEPARTMENT})`;

/** One post, e.g. 区委副书记 or 代区长. */
export const POST = `(?:${ORGAN_PREFIX})?(?:${CORE_POST_PATTERN})`;

/**
 * A later post in a chain may leave out the level the first one gave:
 * 市委常委、统战部部长林晓东 is the 市委's 统战部部长 (golden page
 * quanzhou-cppcc-standing-committee-news). Only after a separator, so a
 * bare 部长 or 局长 never starts a chain.
 */
const LEVEL_ELIDED_POST = `\\p{Script=Han}{0,4}?(?:部|局|委|办|政府|人民政府|人大常委会|政协)(?:${CORE_POST_PATTERN})`;

/** A chain is at most this many posts long; real ones have two or three (区委副书记、代区长). */
const MAX_CHAIN_LINKS = 8;
/**
 * A later post of a chain. The level-elided form is tried only where a full
 * post cannot stand: 、区委副书记 reads both ways, and two readings per link
 * made a long chain without a name after it backtrack exponentially.
 */
const CHAIN_LINK = `[、,，]?兼?(?:${POST})|(?![、,，]?兼?(?:${POST}))[、,，兼]${LEVEL_ELIDED_POST}`;

/**
 * Posts chained with 、 or 兼: 区委副书记、代区长, 市委常委、统战部部长. Bounded, so
 * a page of posts without names costs a constant per character.
 */
export const POST_CHAIN = `${POST}(?:${CHAIN_LINK}){0,${MAX_CHAIN_LINKS}}`;

const SINGLE_POST = new RegExp(`(?<=[、,，兼])${LEVEL_ELIDED_POST}|${POST}`, "gu");

/** Splits a matched chain into its posts: 区委副书记、代区长 → [区委副书记, 代区长]. */
export function splitPostChain(chain: string): string[] {
  let posts = splitChains.get(chain);
  if (!posts) {
    posts = [...chain.matchAll(SINGLE_POST)].map((m) => m[0]);
    if (splitChains.size >= MAX_CACHED_CHAINS) splitChains.clear();
    splitChains.set(chain, posts);
  }
  return [...posts];
}

/** Pages repeat the same few chains; a page listing thousands of posted names splits each chain once. */
const splitChains = new Map<string, string[]>();
const MAX_CACHED_CHAINS = 1000;
