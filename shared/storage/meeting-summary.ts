import type { MeetingRecord, Region } from "../record/record-schema";
import { type MeetingSummary, UNDATED } from "./item-keys";

/** The date a record sorts by: the meeting date, else the page's published date, else 0000-00-00. */
export function sortDateOf(record: MeetingRecord): string {
  return record.meeting?.date ?? record.publishedDate ?? UNDATED;
}

/** "江苏省常州市钟楼区": the levels the region names, outermost first, without repeats (直辖市 name themselves twice). */
export function regionDisplayName(region: Region): string {
  const parts = [region.province, region.city, region.county].filter((part): part is string => Boolean(part));
  return parts.filter((part, index) => parts.indexOf(part) === index).join("");
}

/** The summary every index item carries (see item-keys.ts). */
export function summarise(record: MeetingRecord): MeetingSummary {
  return {
    id: record.id,
    kind: record.kind,
    title: record.title,
    date: record.meeting?.date ?? null,
    sortDate: sortDateOf(record),
    meetingType: record.meeting?.type ?? null,
    meetingName: record.meeting?.name ?? null,
    regionCode: record.region?.code ?? null,
    regionName: record.region ? regionDisplayName(record.region) : null,
    chair: record.meeting?.chair?.name ?? null,
    sourceUri: record.source.uri,
  };
}
