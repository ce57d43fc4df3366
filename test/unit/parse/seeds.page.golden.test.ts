import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePage } from "../../../shared/parse/parse-page";
import type { MeetingRecord } from "../../../shared/record/record-schema";
import { scorerForm } from "./support/compare";

/** The page-level fields of the seed pages' expected.json (the meeting-level ones are tested in ./meeting). */
const DIR = new URL("../../fixtures/seeds/", import.meta.url);
const seeds = JSON.parse(readFileSync(new URL("expected.json", DIR), "utf8")) as Record<
  string,
  { expect: Record<string, unknown> }
>;
const PAGE_FIELDS = [
  "title",
  "publishedDate",
  "script",
  "source.format",
  "source.encoding",
  "source.siteName",
  "source.origin",
];

function recordOf(file: string): MeetingRecord {
  const outcome = parsePage(readFileSync(new URL(file, DIR)), {
    uri: `file:///seeds/${file}`,
    contentType: "text/plain",
  });
  if (!outcome.ok) throw new Error(`${file} rejected: ${outcome.rejection.message}`);
  return outcome.record;
}

function field(record: MeetingRecord, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k], record);
}

describe.each(Object.entries(seeds))("seed page %s", (file, { expect: want }) => {
  const record = recordOf(file);
  const fields = PAGE_FIELDS.filter((f) => f in want);

  it.each(fields)("reads %s", (path) => {
    const value = want[path];
    expect(typeof value === "string" ? scorerForm(field(record, path) as string) : field(record, path)).toEqual(
      typeof value === "string" ? scorerForm(value) : value,
    );
  });

  it.each((want.bodyIncludes as string[] | undefined) ?? [])("keeps %s in the body", (text) => {
    expect(scorerForm(record.body)).toContain(scorerForm(text));
  });

  it.each((want.bodyExcludes as string[] | undefined) ?? [])("keeps %s out of the body", (text) => {
    expect(record.body).not.toContain(text);
  });
});
