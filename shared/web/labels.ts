import type { MeetingType, RecordKind } from "../record/record-schema";
import type { PersonRole } from "../storage/item-keys";

/** The Chinese names readers know the meeting types by. */
export const MEETING_TYPE_LABELS: Record<MeetingType, string> = {
  "government-executive": "政府常务会议",
  "party-standing-committee": "党委常委会",
  "congress-standing-committee": "人大常委会会议",
  "cppcc-standing-committee": "政协常委会议",
  "leadership-joint": "党政联席会议",
  "work-meeting": "工作会议",
  other: "其他会议",
};

export const KIND_LABELS: Record<RecordKind, string> = {
  minutes: "会议纪要",
  news: "会议报道",
  other: "非会议页面",
};

export const ROLE_LABELS: Record<PersonRole, string> = {
  chair: "主持",
  attendee: "出席",
  observer: "列席",
  recorder: "记录",
  mentioned: "提及",
};

export function meetingTypeLabel(type: string | null | undefined): string {
  if (!type) return "—";
  return (MEETING_TYPE_LABELS as Record<string, string>)[type] ?? type;
}

export function kindLabel(kind: string): string {
  return (KIND_LABELS as Record<string, string>)[kind] ?? kind;
}
