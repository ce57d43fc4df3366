import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePage } from "../../../../shared/parse/parse-page";
import type { MeetingRecord } from "../../../../shared/record/record-schema";
import { SEEDS_DIR } from "./seed-page";

/**
 * Golden pages: the five seed pages through the real pipeline (page stage +
 * meeting stage), checked on every field of test/fixtures/seeds/expected.json
 * — the same checks /work/shared/tools/score.mjs makes, but exact.
 */

type Expect = Record<string, unknown>;
const expected = JSON.parse(readFileSync(join(SEEDS_DIR, "expected.json"), "utf8")) as Record<
  string,
  { expect: Expect }
>;

const records = new Map<string, MeetingRecord>();
function recordOf(file: string): MeetingRecord {
  let record = records.get(file);
  if (!record) {
    const outcome = parsePage(readFileSync(join(SEEDS_DIR, file)), { uri: `file://${join(SEEDS_DIR, file)}` });
    if (!outcome.ok) throw new Error(`${file} rejected: ${outcome.rejection.message}`);
    record = outcome.record;
    records.set(file, record);
  }
  return record;
}

const compact = (v: unknown) => (v == null ? v : String(v).normalize("NFKC").replace(/\s+/g, ""));
const get = (obj: unknown, path: string): unknown =>
  path.split(".").reduce<unknown>((o, k) => (o == null ? undefined : (o as Record<string, unknown>)[k]), obj);
const names = (list: unknown) => ((list as { name: string }[] | undefined) ?? []).map((p) => p.name);
const agenda = (r: MeetingRecord) => r.meeting?.agenda ?? [];
const sorted = (list: string[]) => [...list].sort();

/** What the record holds for an expected key, shaped like the expected value. */
function actual(key: string, record: MeetingRecord, want: unknown): unknown {
  switch (key) {
    case "meeting.agendaCount":
      return agenda(record).length;
    case "meeting.agendaActions":
      return agenda(record).map((a) => a.actions);
    case "meeting.agendaProposedBy":
      return agenda(record).map((a) => a.proposedBy);
    case "meeting.agendaDocuments":
      return agenda(record).map((a) => a.documents);
    case "meeting.agendaDecisions":
      return agenda(record).map((a) => a.decision);
    case "meeting.attendees":
    case "meeting.observers":
      return sorted(names(get(record, key)));
    case "meeting.attendeesInclude": {
      const have = names(record.meeting?.attendees);
      return (want as string[]).filter((n) => have.includes(n));
    }
    case "meeting.observerNotes":
      return Object.fromEntries(
        Object.keys(want as object).map((n) => [n, record.meeting?.observers.find((o) => o.name === n)?.note ?? null]),
      );
    case "meeting.nameIncludes":
      return compact(record.meeting?.name)?.includes(compact(want) as string) ? want : record.meeting?.name;
    case "people":
      return Object.fromEntries(
        Object.entries(want as Record<string, string[]>).map(([n, titles]) => {
          const have = record.people.find((p) => p.name === n)?.titles ?? [];
          return [n, titles.filter((t) => have.includes(t))];
        }),
      );
    case "bodyIncludes":
      return (want as string[]).filter((s) => compact(record.body)?.includes(compact(s) as string));
    case "bodyExcludes":
      return (want as string[]).filter(
        (s) => !record.body.includes(s) && !compact(record.body)?.includes(compact(s) as string),
      );
    default: {
      const have = get(record, key);
      return typeof want === "string" ? compact(have) : (have ?? null);
    }
  }
}

function wanted(key: string, want: unknown): unknown {
  if (key === "meeting.attendees" || key === "meeting.observers") return sorted(want as string[]);
  return typeof want === "string" ? compact(want) : want;
}

describe.each(Object.keys(expected))("seed page %s", (file) => {
  const checks = Object.entries((expected[file] as { expect: Expect }).expect);
  it.each(checks)("has the expected %s", (key, want) => {
    expect(actual(key, recordOf(file), want)).toEqual(wanted(key, want));
  });
});
