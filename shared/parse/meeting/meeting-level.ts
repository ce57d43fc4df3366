import { MEETING_BODY_LEVELS } from "../lexicon/administrative-levels";

/**
 * The administrative level of the body that holds a meeting, as its name or
 * its chair's post says: 市政府第18次常务会议 and 市长 are 市, 区委常委会 and
 * 副区长 are 区, 县人大常委会主任 is 县. A meeting belongs to a division of
 * that level (golden page ganzhou-city-executive-news: a 市政府 meeting that
 * mentions 章贡区 in its body is still the city's), so region resolution
 * prefers divisions of it.
 */

export type MeetingLevel = Exclude<(typeof MEETING_BODY_LEVELS)[number], "自治区">;

/**
 * A level followed by one of its bodies: 市政府, 区委, 县人民政府, 市政协, 县人大,
 * 州政府 and 盟行署 (prefecture level). 自治区 is a province: read whole first,
 * so its 区 is not taken for a district.
 */
const LEVELS = MEETING_BODY_LEVELS.join("|");
const LEVEL_BODY = new RegExp(`(${LEVELS})(?=党委|委|政府|人民政府|人大|政协|行署|长办公会)`, "u");
/** A post of a level: 县长, 副市长, 区委书记, 县人大常委会主任, 市政协主席, 州长, 自治区主席. */
const LEVEL_POST = new RegExp(`(${LEVELS})(?:党委|委|政府|人大|政协|长)|(自治区)主席`, "u");

function levelOf(word: string | undefined): MeetingLevel | null {
  if (!word) return null;
  return word === "自治区" ? "省" : (word as MeetingLevel);
}

export function meetingLevel(name: string | null, chairTitle: string | null): MeetingLevel | null {
  const fromName = name ? LEVEL_BODY.exec(name)?.[1] : undefined;
  if (fromName) return levelOf(fromName);
  const post = chairTitle ? LEVEL_POST.exec(chairTitle) : null;
  return levelOf(post?.[1] ?? post?.[2]);
}
