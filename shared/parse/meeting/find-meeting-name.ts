import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from "../chinese-numeral";
import { checkDeadline } from "../parse-deadline";

/**
 * The meeting's name as the page writes it: the object of 召开 / 举行 /
 * 主持 up to its last 会议 or 会 (区政府2022年度第1次常务会议, seed 000;
 * “两个加快全面决战年”第三次督查会, seed 002; 中共贾汪区委常委会(扩大)会议,
 * seed 004), or a minutes title without its 纪要.
 */

const CONVENE = /(?:召开|举行|举办)了?/g;
const CHAIR_CONVENE = /主持了?/g;
/** The name runs to the next clause mark; quotes and (扩大) stay inside it. */
const CLAUSE_END = /[,，。;；:：!！?？]/;
/** The last meeting word of the clause ends the name: …会议, …督查会, …常委会(扩大)会议. */
const MEETING_END = /^(.*(?:会议|会(?:\(扩大\))?))(?!上|后|前|期间)/u;
const MINUTES_SUFFIX = /(?:会议)?纪要.*$/;
/**
 * The N of a numbered meeting: 第25次, 第 32 次, 第三次 — or after a term
 * number without 第: 五届104次, 十一届六次常委(扩大)会议.
 */
const SEQUENCE = new RegExp(
  `第\\s*([0-9${CHINESE_NUMERAL_CHARS}]+)\\s*次|届\\s*(?:人大常委会|政协|常委会)?\\s*([0-9${CHINESE_NUMERAL_CHARS}]+)\\s*次`,
);

/** Words ending in 会 that are no meeting: 举办了全区社会…, 召开时机会… */
const NOT_A_MEETING =
  /(?:社会|机会|协会|学会|工会|博览会|运动会|晚会|演唱会|展会|庙会|宴会|舞会|都会|省会|体会|领会|理会|约会|误会|委员会)$/;

/** Words after 召开 that are not the meeting's name: 召开前, 召开时. */
const NOT_A_NAME = /^(?:前|后|时|之前|之后|期间|以来)/;

/**
 * A modal shortly before the verb makes it an instruction, not a report:
 * 各部门要及时召开专题会议 in a notice (golden page xiushui-policy-notice-other).
 * 重要/主要/纪要/需要 are words, not the modal 要 (因工作需要召开 is a report).
 */
const INSTRUCTION = /(?:(?<![重主纪摘需])要|应|须|务必|请)[^,，。;；:：]{0,6}$/u;
/**
 * A meeting still to come is announced, not reported: 拟定于2013年11月下旬
 * (具体时间另行通知)召开…, 定于3月5日召开, 将于下周举行. A notice of it
 * (record.md, "Kinds, in doubt") names no meeting that was held.
 */
const FUTURE = /(?:拟定?于|拟在|定于|将于|将在|计划于|预计于)[^。;；!！?？]{0,40}$|拟$/u;

/**
 * An object that is nothing but a year and a sequence (召开2023年第38次会议)
 * names the meeting only with the body that holds it, written before the
 * verb: 区委常委会召开2023年第38次会议 → 区委常委会2023年第38次会议 (golden page
 * tianhe-party-standing-committee-news).
 */
const BARE_SEQUENCE = new RegExp(
  `^(?:\\d{4}\\s*年度?)?(?:第\\s*[0-9${CHINESE_NUMERAL_CHARS}]+\\s*次)?(?:\\(扩大\\))?(?:全体)?(?:会议|会)$`,
  "u",
);
/** The date and time opening a clause, before its subject: 8月24日下午, 2023年8月24日上午. */
const LEADING_DATE = /^(?:\d{4}\s*年\s*)?(?:\d{1,2}\s*月\s*)?(?:\d{1,2}\s*[日号]\s*)?(?:上午|下午|晚上|晚间|晚)?/u;
/** Bodies that hold numbered meetings: 区委常委会, 县十八届人大常委会, 区政府党组, 市政协. */
const MEETING_BODY = /(?:常委会|常务委员会|委员会|党组|党委|党工委|政府|人大|政协)$/u;

/**
 * How far around the verb the name, the holding body and a modal are looked
 * for. Names are at most 60 characters; the bound keeps a page that repeats
 * 召开 on one huge line linear rather than quadratic.
 */
const WINDOW = 200;

function holdingBody(before: string): string | null {
  const clause = (before.slice(-WINDOW).split(CLAUSE_END).pop() ?? "").split("在")[0] ?? "";
  const body = clause.replace(LEADING_DATE, "").trim();
  return body.length >= 2 && body.length <= 20 && MEETING_BODY.test(body) ? body : null;
}

function nameAfter(text: string, verb: RegExp): string | null {
  for (const m of text.matchAll(verb)) {
    checkDeadline();
    const at = m.index ?? 0;
    const before = text.slice(Math.max(0, at - WINDOW), at);
    const rest = text.slice(at + m[0].length, at + m[0].length + WINDOW);
    if (NOT_A_NAME.test(rest) || INSTRUCTION.test(before) || FUTURE.test(before)) continue;
    const clause = rest.split(CLAUSE_END)[0] ?? "";
    const named = MEETING_END.exec(clause)?.[1]?.trim();
    if (!named || named.length < 3 || named.length > 60 || NOT_A_MEETING.test(named)) continue;
    const body = verb === CONVENE && BARE_SEQUENCE.test(named) ? holdingBody(before) : null;
    return body ? body + named : named;
  }
  return null;
}

/** The meeting named in a sentence that reports it (召开X会议), or null. */
export function meetingNameInSentence(text: string): string | null {
  return nameAfter(text, CONVENE) ?? nameAfter(text, CHAIR_CONVENE);
}

/** A minutes title without 纪要: 区政府第25次常务会议纪要 → 区政府第25次常务会议. */
export function meetingNameFromMinutesTitle(title: string): string | null {
  if (!/纪要/.test(title)) return null;
  const withoutSuffix = title.replace(/纪要.*$/, "").trim();
  return /会/.test(withoutSuffix) ? withoutSuffix : null;
}

export function stripMinutesSuffix(name: string): string {
  return /会议纪要/.test(name) ? name.replace(MINUTES_SUFFIX, "会议") : name;
}

/** The N of 第N次 or …届N次 (第25次 → 25, 第三次 → 3, 八届66次 → 66), or null. */
export function meetingSequence(name: string): number | null {
  const m = SEQUENCE.exec(name);
  const digits = m?.[1] ?? m?.[2];
  const n = digits ? parseChineseNumber(digits) : null;
  return n !== null && n > 0 ? n : null;
}

/** A headline that reports a meeting passively: 全区安全生产工作会议召开 → 全区安全生产工作会议. */
const VERB_AFTER_NAME = /召开|举行/;
const NAME_BEFORE_VERB = /([^,，。;；:：!！?？\s]{3,40}?(?:会议|会))(?:在[^,，。;；]{1,20})?(?:召开|举行)/u;

export function meetingNameBeforeVerb(headline: string): string | null {
  // the pattern tries 40 lengths at every character; most lines have no verb for it to end at
  if (!VERB_AFTER_NAME.test(headline)) return null;
  const named = NAME_BEFORE_VERB.exec(headline)?.[1];
  return named && !NOT_A_MEETING.test(named) ? named : null;
}
