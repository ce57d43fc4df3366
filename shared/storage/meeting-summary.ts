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

/**
 * Longest text a summary keeps of a title, meeting name or chair: every
 * index item repeats the summary, so an unbounded title from a hostile page
 * could otherwise make an item DynamoDB refuses (400 KB).
 */
export const MAX_SUMMARY_TEXT_CHARS = 500;

function clip(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  return text.length <= MAX_SUMMARY_TEXT_CHARS ? text : `${text.slice(0, MAX_SUMMARY_TEXT_CHARS - 1)}…`;
}

/** The summary every index item carries (see item-keys.ts). */
export function summarise(record: MeetingRecord): MeetingSummary {
  return {
    id: record.id,
    kind: record.kind,
    title: clip(record.title),
    date: record.meeting?.date ?? null,
    sortDate: sortDateOf(record),
    meetingType: record.meeting?.type ?? null,
    meetingName: clip(record.meeting?.name),
    regionCode: record.region?.code ?? null,
    regionName: record.region ? regionDisplayName(record.region) : null,
    chair: clip(record.meeting?.chair?.name),
    sourceUri: record.source.uri,
    duplicateOf: record.duplicateOf,
  };
}
