import type { MeetingType } from "../../record/record-schema";

/**
 * record.md's meeting types, decided from the meeting's name. Order matters:
 * 人大常委会 and 政协常委 contain 常委 too, so they are tried before the
 * party committee; 常务会议 is the government's executive meeting.
 */
const TYPE_PATTERNS: readonly [MeetingType, RegExp][] = [
  // 县人大第十八届常委会第二十七次会议: the term may stand between 人大 and 常委会
  ["congress-standing-committee", /人大常委会|人民代表大会常务委员会|人大第[^,，。]{1,6}届常委会/],
  ["cppcc-standing-committee", /政协.*常委|政治协商会议.*常务委员会/],
  // 区委常委会(扩大)会议 (seed 004), 市委常委会议, 县委常委扩大会
  ["party-standing-committee", /(?:省|市|区|县|州|旗|盟|党)委常委(?:会|扩大会|\(扩大\)会)|常委会(?:\(扩大\))?会议/],
  // 区政府2022年度第1次常务会议 (seed 000), 政府常务会
  ["government-executive", /政府.*常务会|常务会议|区长办公会|市长办公会|县长办公会/],
  // 四套班子领导干部(扩大)会议 (seed 003)
  ["leadership-joint", /[四五]套班子|四大班子/],
  // 第三次督查会 (seed 002)
  [
    "work-meeting",
    /工作会|推进会|督查会|督办会|部署会|座谈会|专题会|调度会|动员会|现场会|协调会|点评会|汇报会|分析会|务虚会|联席会|培训会|观摩会|讲评会|交流会|办公会|碰头会|例会|大会|领导小组(?:办公室)?(?:全体)?(?:成员)?会议/,
  ],
];

export function classifyMeetingType(name: string): MeetingType {
  for (const [type, pattern] of TYPE_PATTERNS) if (pattern.test(name)) return type;
  return "other";
}
