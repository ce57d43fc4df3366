import type { MeetingRecord } from "../record/record-schema";
import { type IndexItem, keys, type ListKinds, type PersonRole } from "./item-keys";
import { summarise } from "./meeting-summary";
import type { ItemKey } from "./record-item";

/** Partition for records without a meeting (kind "other"). */
export const NO_MEETING_TYPE = "none";

/**
 * Bounds that keep every record's items within DynamoDB's limits whatever
 * the page holds (400 KB an item; the record item lists every index key, so
 * the index of a page naming 50,000 people must not grow with it): person
 * items per record, the length of an indexed name (the API searches names
 * of at most 64 characters), and the titles a person item repeats.
 */
export const MAX_PERSON_ITEMS = 400;
export const MAX_INDEXED_NAME_CHARS = 64;
const MAX_PERSON_TITLES = 20;
const MAX_TITLE_CHARS = 100;

/** The list partition of a record's kind (item-keys.ts). */
export function listKindsOf(kind: MeetingRecord["kind"]): ListKinds {
  return kind === "other" ? "other" : "meetings";
}

/**
 * Every index item a record produces (item-keys.ts): one per region level
 * (county, city, province code), one for its meeting type, one in the list
 * of its kind, and one per person and role, for the first names up to
 * MAX_PERSON_ITEMS. Deterministic and free of duplicates, so the writer can
 * diff the keys of two versions to find the stale ones.
 */
export function indexItems(record: MeetingRecord): IndexItem[] {
  const { duplicateOf, ...first } = summarise(record);
  const summary = duplicateOf === null ? first : { ...first, duplicateOf };
  const datedSk = keys.datedSk(summary.sortDate, record.id);
  const items: IndexItem[] = [];
  if (record.region) {
    for (const code of regionLevels(record.region.code))
      items.push({ pk: keys.regionPk(code), sk: datedSk, ...summary });
  }
  items.push({ pk: keys.typePk(record.meeting?.type ?? NO_MEETING_TYPE), sk: datedSk, ...summary });
  items.push({ pk: keys.listPk(listKindsOf(record.kind)), sk: datedSk, ...summary });
  for (const { name, role } of indexedPersonRoles(record).kept) {
    items.push({
      pk: keys.personPk(name),
      sk: keys.personSk(summary.sortDate, record.id, role),
      ...summary,
      role,
      personTitles: titlesOf(record, name)
        .slice(0, MAX_PERSON_TITLES)
        .map((title) => title.slice(0, MAX_TITLE_CHARS)),
    });
  }
  return dedupe(items);
}

/**
 * The record's warning when some of its names are not in the person index
 * (too many, or too long to be a name), else null: the writer adds it to
 * the record's warnings, so a reader knows a person search misses them.
 */
export function personIndexWarning(record: MeetingRecord): string | null {
  const { kept, tooLong, beyondCap } = indexedPersonRoles(record);
  if (tooLong === 0 && beyondCap === 0) return null;
  const indexed = new Set(kept.map((entry) => entry.name)).size;
  const parts = [
    ...(beyondCap > 0 ? [`${beyondCap} names after the first ${indexed}`] : []),
    ...(tooLong > 0 ? [`${tooLong} names longer than ${MAX_INDEXED_NAME_CHARS} characters`] : []),
  ];
  return `person index: ${parts.join(" and ")} are not indexed; a search by person does not find this record under them`;
}

/** personRoles within the bounds: whole names (all their roles) in order, until MAX_PERSON_ITEMS. */
function indexedPersonRoles(record: MeetingRecord) {
  const byName = new Map<string, PersonRole[]>();
  for (const { name, role } of personRoles(record)) {
    const roles = byName.get(name);
    if (roles) {
      if (!roles.includes(role)) roles.push(role);
    } else byName.set(name, [role]);
  }
  const kept: { name: string; role: PersonRole }[] = [];
  let tooLong = 0;
  let beyondCap = 0;
  for (const [name, roles] of byName) {
    if (name.length > MAX_INDEXED_NAME_CHARS) tooLong += 1;
    else if (beyondCap > 0 || kept.length + roles.length > MAX_PERSON_ITEMS) beyondCap += 1;
    else kept.push(...roles.map((role) => ({ name, role })));
  }
  return { kept, tooLong, beyondCap };
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
