import type { MeetingRecord } from "../record/record-schema";
import { type IndexItem, keys, type PersonRole, UNDATED } from "./item-keys";
import { summarise } from "./meeting-summary";
import type { ItemKey } from "./record-item";

/** Partition for records without a meeting (kind "other"). */
export const NO_MEETING_TYPE = "none";
/** Partition for records with no date at all. */
export const UNDATED_MONTH = "undated";

/**
 * Every index item a record produces (item-keys.ts): one per region level
 * (county, city, province code), one for its meeting type, one for its month,
 * and one per person and role. Deterministic and free of duplicates, so the
 * writer can diff the keys of two versions to find the stale ones.
 */
export function indexItems(record: MeetingRecord): IndexItem[] {
  const summary = summarise(record);
  const datedSk = keys.datedSk(summary.sortDate, record.id);
  const items: IndexItem[] = [];
  if (record.region) {
    for (const code of regionLevels(record.region.code))
      items.push({ pk: keys.regionPk(code), sk: datedSk, ...summary });
  }
  items.push({ pk: keys.typePk(record.meeting?.type ?? NO_MEETING_TYPE), sk: datedSk, ...summary });
  const month = summary.sortDate === UNDATED ? UNDATED_MONTH : summary.sortDate.slice(0, 7);
  items.push({ pk: keys.monthPk(month), sk: datedSk, ...summary });
  for (const { name, role } of personRoles(record)) {
    items.push({
      pk: keys.personPk(name),
      sk: keys.personSk(summary.sortDate, record.id, role),
      ...summary,
      role,
      personTitles: titlesOf(record, name),
    });
  }
  return dedupe(items);
}

export function itemKey(item: ItemKey): ItemKey {
  return { pk: item.pk, sk: item.sk };
}

/**
 * GB/T 2260 codes of the county, its city and its province: 320404 →
 * 320404, 320400, 320000. A city- or province-level code yields only its own
 * level and those above it.
 */
export function regionLevels(code: string): string[] {
  const levels = [code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`];
  return levels.filter((level, index) => levels.indexOf(level) === index);
}

/**
 * Who appears in the meeting and how: chair, attendee, observer, recorder;
 * everyone else in people[] is "mentioned". A person may hold several roles
 * (a chair is usually also listed among attendees): one item per role.
 */
export function personRoles(record: MeetingRecord): { name: string; role: PersonRole }[] {
  const roles: { name: string; role: PersonRole }[] = [];
  const meeting = record.meeting;
  if (meeting) {
    if (meeting.chair) roles.push({ name: meeting.chair.name, role: "chair" });
    for (const attendee of meeting.attendees) roles.push({ name: attendee.name, role: "attendee" });
    for (const observer of meeting.observers) roles.push({ name: observer.name, role: "observer" });
    if (meeting.recorder) roles.push({ name: meeting.recorder, role: "recorder" });
  }
  const inMeeting = new Set(roles.map((entry) => entry.name));
  for (const person of record.people) {
    if (!inMeeting.has(person.name)) roles.push({ name: person.name, role: "mentioned" });
  }
  return roles.map((entry) => ({ name: entry.name.trim(), role: entry.role })).filter((entry) => entry.name !== "");
}

/** The person's posts on this page: their titles in people[], and the chair's title when they chaired. */
export function titlesOf(record: MeetingRecord, name: string): string[] {
  const titles = record.people.filter((person) => person.name === name).flatMap((person) => person.titles);
  const chair = record.meeting?.chair;
  if (chair?.name === name && chair.title) titles.push(chair.title);
  return [...new Set(titles)];
}

function dedupe(items: IndexItem[]): IndexItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const id = keyString(item);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** A collision-free string form of a key, for set arithmetic. */
export function keyString(key: ItemKey): string {
  return `${key.pk}\u0000${key.sk}`;
}
