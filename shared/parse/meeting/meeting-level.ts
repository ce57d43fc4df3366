/**
 * The administrative level of the body that holds a meeting, as its name or
 * its chair's post says: 市政府第18次常务会议 and 市长 are 市, 区委常委会 and
 * 副区长 are 区, 县人大常委会主任 is 县. A meeting belongs to a division of
 * that level (golden page ganzhou-city-executive-news: a 市政府 meeting that
 * mentions 章贡区 in its body is still the city's), so region resolution
 * prefers divisions of it.
 */

export type MeetingLevel = "省" | "市" | "区" | "县" | "旗";

/** A level followed by one of its bodies: 市政府, 区委, 县人民政府, 市政协, 县人大. */
const LEVEL_BODY = /(省|市|区|县|旗)(?=委|政府|人民政府|人大|政协|长办公会)/u;
/** A post of a level: 县长, 副市长, 区委书记, 县人大常委会主任, 市政协主席. */
const LEVEL_POST = /(省|市|区|县|旗)(?:委|政府|人大|政协|长)/u;

export function meetingLevel(name: string | null, chairTitle: string | null): MeetingLevel | null {
  const fromName = name ? LEVEL_BODY.exec(name)?.[1] : undefined;
  if (fromName) return fromName as MeetingLevel;
  const fromPost = chairTitle ? LEVEL_POST.exec(chairTitle)?.[1] : undefined;
  return (fromPost as MeetingLevel | undefined) ?? null;
}
