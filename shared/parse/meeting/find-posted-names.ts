import { checkDeadline } from "../parse-deadline";
import { alternation } from "../regex-alternation";
import { isNameShaped, isPlausibleName, joinPaddedName, surnameLength } from "./person-name";
import { CORE_POST_PATTERN, POST_CHAIN, splitPostChain } from "./post-lexicon";

/**
 * Finds "post + name" mentions: 区委书记狄志强, 区委副书记、代区长陆秋明,
 * 区长潘冬铃主持会议 (seeds 002–004). Names carry no delimiter on their
 * right, so a candidate only counts when what follows it is a boundary: a
 * punctuation mark, the end of the line, a verb that follows names in these
 * pages (主持, 指出, 强调 …), or a post (徐伟南书记).
 */

/** Words that follow a name in meeting reports; taught by seeds 000–004 and the usual report phrasing. */
const NAME_FOLLOWERS = [
  "主持",
  "指出",
  "强调",
  "要求",
  "出席",
  // 区政协主席廖婉君列席会议 (golden page tianhe-party-standing-committee-news)
  "列席",
  "参加",
  "首先",
  "通报",
  "提出",
  "分别",
  "讲话",
  "部署",
  "带队",
  "一行",
  "同志",
  "深入",
  "调研",
  "会见",
  "听取",
  "宣读",
  "传达",
  "总结",
  "代表",
  "介绍",
  "汇报",
  "点评",
  "发言",
  "先后",
  "召开",
  "陪同",
  "参观",
  "检查",
  "看望",
  "慰问",
  "致辞",
  "希望",
  "认为",
  "回顾",
  "肯定",
  "充分",
  "布置",
  "安排",
  "表彰",
  "颁发",
  "宣布",
  "批示",
  "签署",
  "围绕",
  "结合",
  "针对",
  "进一步",
  "带领",
  "率领",
  "督查",
  "督导",
  "察看",
  "实地",
  "一同",
  "共同",
  "亲自",
  "专门",
  "现场",
  "前往",
  "来到",
  "走访",
  "接见",
  "宣讲",
  "讲授",
  "作出",
  "签发",
  "表示",
  "寄语",
  "解读",
  "答复",
  "出台",
  "点题",
  "再次",
  // 受县长王明委托
  "委托",
  "作",
  "在",
  "和",
  "与",
  "及",
  "等",
  "对",
  "就",
  "说",
  "向",
  "为",
  "同",
  "率",
  "到",
  "赴",
  "来",
  "还",
  "也",
  "都",
  "又",
  "的",
  "是",
  "将",
  "从",
  "以",
  "兼",
  "任",
];

/** A third character that is more likely the next word than part of the name: 王明在会上, 杨明和… */
const FUNCTION_CHARS = new Set("在和与及等对就说向为同率到也还都又的是将从以兼作");

/** A digit ends a name too: 浙江省长李强17日上午主持. */
const BOUNDARY = new RegExp(
  `^(?:$|[\\s\\d,，。.;；:：、!！?？“”"'‘’()（）《》\\[\\]【】]|${CORE_POST_PATTERN}|${alternation(NAME_FOLLOWERS)})`,
  "u",
);

/** A post at the start of a text: what a conjunction may join a name to (郑政平和副区长朱岩). */
const POST_START = new RegExp(`^(?:${POST_CHAIN})`, "u");

/**
 * Every pattern below that reads a post holds a core post (书记, 区长 …), and
 * the bracketed form a "(" as well: most lines of a page have neither, and one quick
 * test skips the costly scans from every Han character.
 */
const HAS_CORE_POST = new RegExp(CORE_POST_PATTERN, "u");

/** 总书记 is a national post written after the name (习近平总书记关于…, seed 001), never before one. */
const POSTED = new RegExp(`(?<!总)(${POST_CHAIN})(?=\\p{Script=Han})`, "gu");

/** A post read as a name's given part: 副市长任组长的 is "serves as group leader", not 任组长. */
const ROLE_TAIL = /(?:组长|局长|主任|书记|部长|区长|市长|县长|同志|老师|先生|女士)$/;

/**
 * Words that start with a surname character and read like a name after a
 * post: 书记关于…, 区长高度重视…, 主任同时…. Never names.
 */
const NOT_NAMES = new Set(
  "其他 和其 召集 时任 现任 原任 曾任 新任 前任 分管 主管 充分 全程 应邀 受邀 关于 通知 通报 通过 任务 任职 于是 成立 组织 高度 时间 明确 严格 全面 方面 周围 应当 成为 任何 向来 同时 曾经 尚未 宁可 单位 经过 经济 常委 常务 包括 包含 安全 安排 安置 项目 金融 文化 方式 方法 方案 要求 强调 指出 主持 带领 和谐 全体 全区 全市 全县 全省 万元 亿元 齐心 钟楼 程序 管理 计划 秦岭 江苏 司法 水平 能力 华为 孙子 毛泽东".split(
    " ",
  ),
);

export interface PostedName {
  name: string;
  /** posts in the order written, e.g. [区委副书记, 代区长] */
  titles: string[];
  /** where the whole mention starts and ends (post chain included, before or after the name), in the searched text */
  start: number;
  end: number;
}

/** Conjunctions: 杨明和李四 joins two people, but in 王东和主持 the 和 ends the name. */
const CONJUNCTIONS = new Set("和与及同");

/**
 * A name written with a middle dot, as Tibetan, Uyghur and transliterated
 * names are: 帕巴拉·格列朗杰, 阿沛·晋源. The dot itself marks a name.
 */
const DOTTED_NAME = /^\p{Script=Han}{1,6}[·•・‧]/u;
const DOTTED_PART_MAX = 8;

/** The shortest dotted name a boundary follows: 帕巴拉·格列朗杰的委托 → 帕巴拉·格列朗杰. */
function readDottedName(text: string): string | null {
  const head = DOTTED_NAME.exec(text)?.[0];
  if (!head) return null;
  for (let length = 1; length <= DOTTED_PART_MAX; length++) {
    const name = text.slice(0, head.length + length);
    if (!/\p{Script=Han}$/u.test(name)) return null;
    if (BOUNDARY.test(text.slice(name.length))) return name;
  }
  return null;
}

/** What starts the next person after a conjunction: a post, or a surname. */
function startsPersonOrPost(text: string): boolean {
  return surnameLength(text) > 0 || POST_START.test(text);
}

/**
 * A three-character name followed by a two-character word and a role verb:
 * 叶梅生全程列席, 陈小东应邀出席. The post before it and the verb after it are the
 * evidence; no list of the words in between is needed.
 */
const ROLE_VERB_SOON = /^\p{Script=Han}{2}(?:主持|出席|列席|参加)/u;

function isNameCandidate(candidate: string): boolean {
  return (
    isPlausibleName(candidate) &&
    !NOT_NAMES.has(candidate) &&
    !NOT_NAMES.has(candidate.slice(0, 2)) &&
    !ROLE_TAIL.test(candidate)
  );
}

/** The name at the start of `text`, if a plausible name followed by a boundary is there. */
export function readNameAt(text: string): string | null {
  const dotted = readDottedName(text);
  if (dotted) return dotted;
  const surname = surnameLength(text);
  if (surname === 0) return null;
  const lengths = surname === 2 ? [4, 3] : [3, 2];
  const third = text[2] ?? "";
  if (surname === 1 && FUNCTION_CHARS.has(third) && (!CONJUNCTIONS.has(third) || startsPersonOrPost(text.slice(3)))) {
    lengths.reverse();
  }
  for (const length of lengths) {
    const candidate = text.slice(0, length);
    if (candidate.length === length && isNameCandidate(candidate) && BOUNDARY.test(text.slice(length))) {
      return candidate;
    }
  }
  const three = text.slice(0, 3);
  if (surname === 1 && three.length === 3 && isNameCandidate(three) && ROLE_VERB_SOON.test(text.slice(3))) return three;
  return null;
}

/** Words that stand between a name and its role verb: 全程列席, 应邀出席, 亲自主持. */
const ROLE_ADVERBS = [
  "全程",
  "应邀",
  "受邀",
  "特邀",
  "专程",
  "一同",
  "一起",
  "共同",
  "亲自",
  "专门",
  "再次",
  "随后",
  "首先",
  "先后",
  "分别",
  "现场",
  "同志",
  "今天",
  "昨天",
  "当天",
  "也",
  "均",
  "还",
  "又",
];
const ROLE_ADVERB = new RegExp(`^(?:${alternation(ROLE_ADVERBS)})+$`, "u");

/**
 * A name the surname list cannot vouch for, between a post and a role verb:
 * 区委书记谯光明主持, 旗人大常委会主任宝音满都呼主持会议, 县政协副主席仉永和全程列席.
 * The post before and the verb after are the evidence; the words that may
 * stand between (亲自, 应邀 …) are never the name.
 */
const UNLISTED_BEFORE_VERB = new RegExp(
  `^(\\p{Script=Han}{2,5}?)(?:${alternation(ROLE_ADVERBS)})?(?:主持|出席|列席|参加)`,
  "u",
);

function readUnlistedNameAt(text: string): string | null {
  const name = UNLISTED_BEFORE_VERB.exec(text)?.[1];
  if (!name || ROLE_ADVERB.test(name) || NOT_NAMES.has(name.slice(0, 2))) return null;
  return isNameShaped(name) ? name : null;
}

/**
 * "name(post)", as minutes list participants: 孟凡军(县长), 刘 畅(副县长),
 * 葛磊(副县长,在省委党校学习) — golden page laishui-mayor-office-minutes. The
 * name must stand alone before the bracket, and only a two-character one may
 * be padded (刘 畅): 主 持 人 刘德胜(镇长) is 刘德胜 (yungaisi-town-minutes-table). The
 * bracket must open with a post, so 储军(县政府办) names a unit, not a post.
 */
const NOTED_POST = new RegExp(
  `(?<!\\p{Script=Han})(\\p{Script=Han}\\s?\\p{Script=Han}|\\p{Script=Han}{3,4})\\((${POST_CHAIN})(?:[,，;；][^()]*)?\\)`,
  "gu",
);

export function findNotedPosts(text: string): { name: string; titles: string[] }[] {
  const out: { name: string; titles: string[] }[] = [];
  if (!text.includes("(") || !HAS_CORE_POST.test(text)) return out;
  for (const m of text.matchAll(NOTED_POST)) {
    const name = joinPaddedName(m[1] ?? "");
    if (isPlausibleName(name) && !NOT_NAMES.has(name)) out.push({ name, titles: splitPostChain(m[2] ?? "") });
  }
  return out;
}

export function findPostedNames(text: string): PostedName[] {
  const out: PostedName[] = [];
  if (!HAS_CORE_POST.test(text)) return out;
  for (const m of text.matchAll(POSTED)) {
    checkDeadline();
    const chain = m[1] ?? "";
    const at = (m.index ?? 0) + chain.length;
    const rest = text.slice(at);
    const name = readNameAt(rest) ?? readUnlistedNameAt(rest);
    if (!name) continue;
    out.push({ name, titles: splitPostChain(chain), start: m.index ?? 0, end: at + name.length });
  }
  return out;
}

/**
 * "name + post", the order many reports use: 胡永光区长主持召开, 张文胜副区长出席,
 * 钟国伟副主委. The name must open a clause (or follow 领导 or 由) and the post
 * must end at a boundary, so 城区长期 or 全区长效 never read as a person.
 */
const NAME_THEN_POST = new RegExp(
  `(?<=^|[\\s,，。;；:：、(（“”"]|领导|由)(\\p{Script=Han}{2,4}?)(${CORE_POST_PATTERN})`,
  "gu",
);

/** A unit before its post is no name: 宣传部部长, 办公室主任. */
const UNIT_END = /[部局委办院厅室处科所站队会]$/u;

export function findNamesBeforePosts(text: string): PostedName[] {
  const out: PostedName[] = [];
  if (!HAS_CORE_POST.test(text)) return out;
  for (const m of text.matchAll(NAME_THEN_POST)) {
    const name = m[1] ?? "";
    const post = m[2] ?? "";
    const start = m.index ?? 0;
    const end = start + name.length + post.length;
    if (isNameCandidate(name) && !UNIT_END.test(name) && BOUNDARY.test(text.slice(end))) {
      out.push({ name, titles: [post], start, end });
    }
  }
  return out;
}

/** Whether text starts with a post: 、区长李四 names a person of its own, not one more under the last post. */
export function startsWithPost(text: string): boolean {
  return POST_START.test(text);
}
