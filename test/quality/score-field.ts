import type { MeetingRecord } from "../../shared/record/record-schema";

/**
 * One expected field against a parsed record, scored exactly as the team's
 * score.mjs scores it: a number in [0, 1], strings compared after NFKC with
 * all whitespace removed, name lists as sets (F1), agenda lists item by item,
 * `people` requiring the listed titles. `meeting.attendeeNotes` is the one
 * key score.mjs lacks, read like `meeting.observerNotes`.
 */

export const scorerForm = (value: unknown): string | null | undefined =>
  value == null ? (value as null | undefined) : String(value).normalize("NFKC").replace(/\s+/g, "");

type Item = NonNullable<MeetingRecord["meeting"]>["agenda"][number];

function get(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o == null ? undefined : (o as Record<string, unknown>)[k]), value);
}

const names = (list: unknown): string[] =>
  Array.isArray(list) ? list.map((p) => scorerForm(typeof p === "string" ? p : p?.name) ?? "") : [];

/** utf-8 / gb18030 / gbk / gb2312 as the scorer groups them. */
export function encodingFamily(encoding: unknown): string {
  const x = String(encoding ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
  return ["gb2312", "gbk", "gb18030", "cp936"].includes(x) ? "gb" : x;
}

function setScore(want: readonly unknown[] | null | undefined, have: readonly unknown[] | null | undefined): number {
  const e = new Set((want ?? []).map(scorerForm));
  const a = new Set((have ?? []).map(scorerForm));
  if (e.size === 0 && a.size === 0) return 1;
  const hit = [...e].filter((x) => a.has(x)).length;
  const precision = a.size ? hit / a.size : 0;
  const recall = e.size ? hit / e.size : 0;
  return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
}

function perItem<T>(want: readonly T[], have: readonly T[], score: (e: T, a: T | undefined) => number): number {
  const n = Math.max(want.length, have.length);
  if (n === 0) return 1;
  return want.reduce((sum, e, i) => sum + score(e, have[i]), 0) / n;
}

function notes(list: unknown, want: Record<string, string>): number {
  const people = (list as { name: string; note: string | null }[] | null) ?? [];
  const ok = Object.entries(want).filter(([name, note]) =>
    people.some((p) => scorerForm(p?.name) === scorerForm(name) && scorerForm(p?.note) === scorerForm(note)),
  );
  return ok.length / Object.keys(want).length;
}

export function scoreField(key: string, want: unknown, record: MeetingRecord): number {
  const agenda: Item[] = record.meeting?.agenda ?? [];
  const list = want as unknown[];
  switch (key) {
    case "meeting.agendaCount":
      return agenda.length === want ? 1 : 0;
    case "meeting.agendaActions":
      return perItem(
        list as string[][],
        agenda.map((a) => a.actions),
        setScore,
      );
    case "meeting.agendaProposedBy":
      return perItem(
        list as string[][],
        agenda.map((a) => a.proposedBy),
        setScore,
      );
    case "meeting.agendaDocuments":
      return perItem(
        list as string[][],
        agenda.map((a) => a.documents),
        setScore,
      );
    case "meeting.agendaDecisions":
      return perItem(
        list,
        agenda.map((a) => a.decision),
        (e, a) => (scorerForm(e) === scorerForm(a) ? 1 : 0),
      );
    case "meeting.agendaSubjects":
      return perItem(
        list,
        agenda.map((a) => a.subject),
        (e, a) => (a && scorerForm(a)?.includes(scorerForm(e) ?? "") ? 1 : 0),
      );
    case "meeting.attendees":
    case "meeting.observers":
      return setScore(list, names(get(record, key)));
    case "meeting.attendeesInclude": {
      const have = new Set(names(record.meeting?.attendees));
      return list.filter((n) => have.has(scorerForm(n) ?? "")).length / list.length;
    }
    case "meeting.attendeeNotes":
      return notes(record.meeting?.attendees, want as Record<string, string>);
    case "meeting.observerNotes":
      return notes(record.meeting?.observers, want as Record<string, string>);
    case "meeting.nameIncludes": {
      const name = scorerForm(record.meeting?.name);
      return name?.includes(scorerForm(want) ?? "") ? 1 : 0;
    }
    case "people": {
      const wanted = Object.entries(want as Record<string, string[]>);
      const ok = wanted.filter(([name, titles]) => {
        const person = record.people.find((p) => scorerForm(p.name) === scorerForm(name));
        const have = new Set((person?.titles ?? []).map(scorerForm));
        return person && titles.every((t) => have.has(scorerForm(t)));
      });
      return ok.length / wanted.length;
    }
    case "bodyIncludes": {
      const body = scorerForm(record.body) ?? "";
      return list.filter((s) => body.includes(scorerForm(s) ?? "")).length / list.length;
    }
    case "bodyExcludes": {
      const body = scorerForm(record.body) ?? "";
      const raw = record.body ?? "";
      return list.filter((s) => !raw.includes(s as string) && !body.includes(scorerForm(s) ?? "")).length / list.length;
    }
    case "bodyStart":
      return (scorerForm(record.body) ?? "").slice(0, 400).includes(scorerForm(want) ?? "") ? 1 : 0;
    case "source.encoding":
      return encodingFamily(record.source.encoding) === encodingFamily(want) ? 1 : 0;
    default: {
      const have = get(record, key);
      if (want === null) return have == null ? 1 : 0;
      if (typeof want === "object") return JSON.stringify(have) === JSON.stringify(want) ? 1 : 0;
      return scorerForm(have) === scorerForm(want) ? 1 : 0;
    }
  }
}

/** What the record holds for a key, for a readable miss. */
export function shownField(key: string, record: MeetingRecord): unknown {
  const agenda = record.meeting?.agenda ?? [];
  if (key.startsWith("meeting.agenda")) {
    const pick = key.slice("meeting.agenda".length);
    if (pick === "Count") return agenda.length;
    const field = {
      Actions: "actions",
      ProposedBy: "proposedBy",
      Documents: "documents",
      Decisions: "decision",
      Subjects: "subject",
    }[pick];
    return field ? agenda.map((a) => a[field as keyof Item]) : undefined;
  }
  if (key === "meeting.attendeesInclude" || key === "meeting.attendeeNotes") return record.meeting?.attendees;
  if (key === "meeting.observerNotes") return record.meeting?.observers;
  if (key === "meeting.nameIncludes") return record.meeting?.name;
  if (key.startsWith("body")) return (record.body ?? "").slice(0, 400);
  return get(record, key);
}

/** The field families score.mjs reports. */
export function familyOf(key: string): string {
  if (key.startsWith("meeting.agenda")) return "agenda";
  if (/attendees|observers/.test(key)) return "participants";
  if (key.startsWith("meeting.")) return "meeting";
  for (const prefix of ["disclosure", "region", "body", "source"]) if (key.startsWith(prefix)) return prefix;
  return key;
}
