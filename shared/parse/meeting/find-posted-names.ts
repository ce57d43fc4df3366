import { checkDeadline } from "../parse-deadline";
import { alternation } from "../regex-alternation";
import { isPlausibleName, joinPaddedName, surnameLength } from "./person-name";
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
const FUNCTION_CHARS = new Set("在和与及等对就说向为同率到也还都又的是将从以兼");

const BOUNDARY = new RegExp(
  `^(?:$|[\\s,，。.;；:：、!！?？“”"'‘’()（）《》\\[\\]【】]|${CORE_POST_PATTERN}|${alternation(NAME_FOLLOWERS)})`,
  "u",
);

/** 总书记 is a national post written after the name (习近平总书记关于…, seed 001), never before one. */
const POSTED = new RegExp(`(?<!总)(${POST_CHAIN})(?=\\p{Script=Han})`, "gu");

/** A post read as a name's given part: 副市长任组长的 is "serves as group leader", not 任组长. */
const ROLE_TAIL = /(?:组长|局长|主任|书记|部长|区长|市长|县长|同志|老师|先生|女士)$/;

/**
 * Words that start with a surname character and read like a name after a
 * post: 书记关于…, 区长高度重视…, 主任同时…. Never names.
 */
const NOT_NAMES = new Set(
  "关于 通知 通报 通过 任务 任职 于是 成立 组织 高度 时间 明确 严格 全面 方面 周围 应当 成为 任何 向来 同时 曾经 尚未 宁可 单位 经过 经济 常委 常务 包括 包含 安全 安排 安置 项目 金融 文化 方式 方法 方案 要求 强调 指出 主持 带领 和谐 全体 全区 全市 全县 全省 万元 亿元 齐心 钟楼 程序 管理 计划 秦岭 江苏 司法 水平 能力 华为 孙子 毛泽东".split(
    " ",
  ),
);

export interface PostedName {
  name: string;
  /** posts in the order written, e.g. [区委副书记, 代区长] */
  titles: string[];
  /** where the whole mention (post chain included) starts and the name ends, in the searched text */
  start: number;
  end: number;
}

/** The name at the start of `text`, if a plausible name followed by a boundary is there. */
export function readNameAt(text: string): string | null {
  const surname = surnameLength(text);
  if (surname === 0) return null;
  const lengths = surname === 2 ? [4, 3] : [3, 2];
  if (surname === 1 && FUNCTION_CHARS.has(text[2] ?? "")) lengths.reverse();
  for (const length of lengths) {
    const candidate = text.slice(0, length);
    if (
      candidate.length === length &&
      isPlausibleName(candidate) &&
      !NOT_NAMES.has(candidate) &&
      !ROLE_TAIL.test(candidate) &&
      BOUNDARY.test(text.slice(length))
    ) {
      return candidate;
    }
  }
  return null;
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
  for (const m of text.matchAll(NOTED_POST)) {
    const name = joinPaddedName(m[1] ?? "");
    if (isPlausibleName(name) && !NOT_NAMES.has(name)) out.push({ name, titles: splitPostChain(m[2] ?? "") });
  }
  return out;
}

export function findPostedNames(text: string): PostedName[] {
  const out: PostedName[] = [];
  for (const m of text.matchAll(POSTED)) {
    checkDeadline();
    const chain = m[1] ?? "";
    const at = (m.index ?? 0) + chain.length;
    const name = readNameAt(text.slice(at));
    if (!name) continue;
    out.push({ name, titles: splitPostChain(chain), start: m.index ?? 0, end: at + name.length });
  }
  return out;
}
