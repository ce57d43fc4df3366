import type { MeetingRecord } from "../../../../shared/record/record-schema";
import { scorerForm } from "./compare";

/**
 * The field vocabulary of hand-checked expected.json files, read the way the
 * lead's scorer (shared/tools/score.mjs) reads it: strings compared after
 * NFKC with whitespace removed, name lists as sets, agenda lists item by
 * item. Each key becomes an [actual, expected] pair in a comparable form, so
 * a failing test shows a diff of exactly what differs. Unlike the scorer,
 * there is no partial credit: a pair either matches or the test fails.
 */

export type Expected = Record<string, unknown>;

export interface Comparison {
  actual: unknown;
  expected: unknown;
}

const norm = (value: unknown): string | null => (value == null ? null : (scorerForm(String(value)) as string));

function field(record: MeetingRecord, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o == null ? undefined : (o as Record<string, unknown>)[k]), record);
}

const normSet = (values: readonly unknown[] | null | undefined): string[] =>
  [...new Set((values ?? []).map((v) => norm(v) ?? ""))].sort();

const namesOf = (people: unknown): string[] =>
  normSet(((people as { name: string }[] | null) ?? []).map((p) => p.name));

/** utf-8 / gb18030 / gbk / gb2312 as the scorer groups them. */
export function encodingFamily(encoding: unknown): string {
  const x = String(encoding ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
  return ["gb2312", "gbk", "gb18030", "cp936"].includes(x) ? "gb" : x;
}

function notes(list: unknown, want: Record<string, string>): Comparison {
  const people = (list as { name: string; note: string | null }[] | null) ?? [];
  const actual: Record<string, string | null> = {};
  const expected: Record<string, string | null> = {};
  for (const [name, note] of Object.entries(want)) {
    actual[name] = norm(people.find((p) => norm(p.name) === norm(name))?.note ?? null);
    expected[name] = norm(note);
  }
  return { actual, expected };
}

export function compareField(record: MeetingRecord, key: string, want: unknown): Comparison {
  const agenda = record.meeting?.agenda ?? [];
  const perItem = <T>(pick: (item: (typeof agenda)[number]) => T, shape: (v: T | unknown) => unknown) => ({
    actual: agenda.map((item) => shape(pick(item))),
    expected: (want as unknown[]).map(shape),
  });
  switch (key) {
    case "meeting.agendaCount":
      return { actual: agenda.length, expected: want };
    case "meeting.agendaActions":
      return perItem(
        (a) => a.actions,
        (v) => normSet(v as string[]),
      );
    case "meeting.agendaProposedBy":
      return perItem(
        (a) => a.proposedBy,
        (v) => normSet(v as string[]),
      );
    case "meeting.agendaDocuments":
      return perItem(
        (a) => a.documents,
        (v) => normSet(v as string[]),
      );
    case "meeting.agendaDecisions":
      return perItem(
        (a) => a.decision,
        (v) => norm(v),
      );
    case "meeting.agendaSubjects":
      return {
        actual: agenda.map((a, i) => norm(a.subject)?.includes(norm((want as string[])[i]) ?? "") ?? false),
        expected: (want as string[]).map(() => true),
      };
    case "meeting.attendees":
    case "meeting.observers":
      return { actual: namesOf(field(record, key)), expected: normSet(want as string[]) };
    case "meeting.attendeesInclude": {
      const have = new Set(namesOf(record.meeting?.attendees));
      return { actual: (want as string[]).filter((n) => !have.has(norm(n) ?? "")), expected: [] };
    }
    case "meeting.attendeeNotes":
      return notes(record.meeting?.attendees, want as Record<string, string>);
    case "meeting.observerNotes":
      return notes(record.meeting?.observers, want as Record<string, string>);
    case "meeting.nameIncludes":
      return { actual: norm(record.meeting?.name)?.includes(norm(want) ?? "") ?? false, expected: true };
    case "people": {
      // every expected title must be among the person's titles; others may be there too
      const actual: Record<string, string[] | null> = {};
      const expected: Record<string, string[]> = {};
      for (const [name, titles] of Object.entries(want as Record<string, string[]>)) {
        const person = record.people.find((p) => norm(p.name) === norm(name));
        const have = new Set(normSet(person?.titles));
        expected[name] = normSet(titles);
        actual[name] = person ? normSet(titles).filter((t) => have.has(t)) : null;
      }
      return { actual, expected };
    }
    case "bodyIncludes": {
      const body = norm(record.body) ?? "";
      return { actual: (want as string[]).filter((s) => !body.includes(norm(s) ?? "")), expected: [] };
    }
    case "bodyExcludes": {
      const body = norm(record.body) ?? "";
      return {
        actual: (want as string[]).filter((s) => record.body.includes(s) || body.includes(norm(s) ?? "")),
        expected: [],
      };
    }
    case "bodyStart":
      return { actual: (norm(record.body) ?? "").slice(0, 400).includes(norm(want) ?? ""), expected: true };
    case "source.encoding":
      return { actual: encodingFamily(record.source.encoding), expected: encodingFamily(want) };
    default: {
      const have = field(record, key);
      if (want === null) return { actual: have ?? null, expected: null };
      if (typeof want === "object") return { actual: have, expected: want };
      if (typeof want === "string") return { actual: norm(have), expected: norm(want) };
      return { actual: have, expected: want };
    }
  }
}
