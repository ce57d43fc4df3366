import type { IndexItem, MeetingSummary } from "../storage/item-keys";

/**
 * The public summary of an index item: exactly the MeetingSummary fields,
 * so keys, roles and whatever else the writer adds never leak to callers.
 */
export function toMeetingSummary(item: IndexItem): MeetingSummary {
  return {
    id: item.id,
    kind: item.kind,
    title: item.title ?? null,
    date: item.date ?? null,
    sortDate: item.sortDate,
    meetingType: item.meetingType ?? null,
    meetingName: item.meetingName ?? null,
    regionCode: item.regionCode ?? null,
    regionName: item.regionName ?? null,
    chair: item.chair ?? null,
    sourceUri: item.sourceUri,
    duplicateOf: item.duplicateOf ?? null,
  };
}
