/**
 * The labels of the participant and the when/where lines that open or close
 * minutes (出席:…, 主 持:…, 会议时间:…). The meeting stage reads the values;
 * the page stage only needs to know that a line led by one belongs to the
 * minutes, not the page header. One list, so the two cannot drift apart.
 */

export type Role = "attendees" | "observers" | "chair" | "recorder" | "absent" | "time" | "place";

/** Label synonyms per role, after removing the padding inside them. */
export const ROLE_LABELS: Record<Role, readonly string[]> = {
  attendees: [
    "出席",
    "出席人员",
    "出席会议",
    "出席会议人员",
    "出席领导",
    "参加人员",
    "参加会议",
    "参加会议人员",
    "参会人员",
    "参会领导",
    "与会人员",
    "出席会议的有",
    "参加会议的有",
    "参加",
  ],
  observers: ["列席", "列席人员", "列席会议", "列席会议人员", "列席领导", "列席会议的有"],
  chair: ["主持", "主持人", "会议主持"],
  recorder: ["记录", "记录人", "会议记录"],
  // 请假 / 缺席 name people who were *not* there; known so their names never join a list
  absent: ["请假", "请假人员", "缺席", "缺席人员"],
  // the when and where of minutes that open with labels (golden page laishui-mayor-office-minutes)
  time: ["会议时间", "开会时间", "时间"],
  place: ["会议地点", "开会地点", "地点"],
};

/** Labels of the topics line printed above the items (会议议题:…). */
export const AGENDA_LABELS: readonly string[] = ["会议议题", "议题"];
