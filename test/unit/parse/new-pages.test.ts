import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePage } from "../../../shared/parse/parse-page";
import type { MeetingRecord } from "../../../shared/record/record-schema";
import { compareField, type Expected } from "./support/expected-fields";

/**
 * Golden pages (test/fixtures/pages/<slug>/): realistic pages of shapes the
 * seeds and the corpus never showed the parser — TRS/Hanweb disclosure
 * tables, GBK and Big5 bytes, nested-table layouts, label variants of
 * minutes, reports of 人大/政协/区委 meetings, ambiguous district names, a
 * reposting portal, a policy notice. Each page's expected.json holds
 * hand-checked record fields (the key vocabulary of shared/tools/score.mjs,
 * plus meeting.attendeeNotes); every one must match.
 */

const DIR = new URL("../../fixtures/pages/", import.meta.url);
const SOURCES = [
  { file: "page.html", contentType: "text/html" },
  { file: "page.txt", contentType: "text/plain" },
] as const;

interface GoldenPage {
  slug: string;
  source: URL;
  contentType: string;
  expected: Expected;
}

function goldenPages(): GoldenPage[] {
  return readdirSync(DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const slug = entry.name;
      const source = SOURCES.find((s) => existsSync(new URL(`${slug}/${s.file}`, DIR)));
      if (!source) throw new Error(`${slug} has no page.html or page.txt`);
      const expected = JSON.parse(readFileSync(new URL(`${slug}/expected.json`, DIR), "utf8")) as Expected;
      return { slug, source: new URL(`${slug}/${source.file}`, DIR), contentType: source.contentType, expected };
    });
}

function parse(page: GoldenPage): MeetingRecord {
  const outcome = parsePage(readFileSync(page.source), {
    uri: `file:///pages/${page.slug}`,
    contentType: page.contentType,
  });
  if (!outcome.ok) throw new Error(`${page.slug} rejected: ${outcome.rejection.message}`);
  return outcome.record;
}

const pages = goldenPages();

it("has the golden pages it promises", () => {
  expect(pages.length).toBeGreaterThanOrEqual(12);
});

describe.each(pages.map((p) => [p.slug, p] as const))("golden page %s", (_slug, page) => {
  const record = parse(page);

  it.each(Object.entries(page.expected))("reads %s as expected", (key, want) => {
    const { actual, expected } = compareField(record, key, want);
    expect(actual).toEqual(expected);
  });
});
