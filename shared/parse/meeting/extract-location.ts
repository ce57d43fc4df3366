/**
 * Where the meeting took place: 在区机关815会议室 (seed 000), 在区行政中心1号楼
 * 一楼西侧圆桌会议室,主持召开 (seed 001), 于市民中心召开. The place must end in
 * a word for a room or building, so 在部署四月份工作时 (seed 003) is no place.
 */

const PLACE_END =
  "会议室|会议厅|会议中心|报告厅|多功能厅|礼堂|会堂|大厅|会场|宾馆|酒店|饭店|大厦|大楼|中心|广场|现场|室|厅|楼|馆|堂";

const LOCATION = new RegExp(
  `(?:在|(?<![关对由至属等])于)([^,，。;；:：、“”]{2,40}?(?:${PLACE_END}))(?=[,，。;；]|召开|举行|主持|组织|$)`,
  "u",
);

export function extractLocation(sentences: readonly string[]): string | null {
  for (const sentence of sentences) {
    const m = LOCATION.exec(sentence);
    if (m?.[1]) return m[1].trim();
  }
  return null;
}
